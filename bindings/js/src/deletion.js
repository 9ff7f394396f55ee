// planDeletion / renderDeletionPlan / createDeletionProgress: the deletion planner of seam-spec §4 over the core.
// Plans are plain objects. A progress keeps its native state in the module behind a private integer handle,
// freed by dispose() (or, as a safety net, when the object is garbage-collected).
import { inputIssue, typeIssue } from './wire.js';

const orders = ['parallel', 'guide'];
const policies = ['guide', 'minimal'];
const formats = ['json', 'text', 'curl', 'js'];

/** The deletion part of the API. */
export function deletionApi(wasm, wire) {
  const registry = typeof FinalizationRegistry === 'function'
    ? new FinalizationRegistry((handle) => wasm._progressDispose(handle))
    : null;

  function checkPlanOptions(options) {
    if (options === undefined || options === null) return {};
    if (typeof options !== 'object') throw new TypeError('seamid: options must be an object');
    if (options.order !== undefined && !orders.includes(options.order))
      throw new TypeError('seamid: options.order must be "parallel" or "guide"');
    if (options.policy !== undefined && !policies.includes(options.policy))
      throw new TypeError('seamid: options.policy must be "guide" or "minimal"');
    if (options.maxResources !== undefined && !(Number.isSafeInteger(options.maxResources) && options.maxResources >= 0))
      throw new TypeError('seamid: options.maxResources must be a non-negative integer');
    return options;
  }

  /** A plan object for input that never reached the core (undefined, a function, a cycle). */
  function failedPlan(issues, options) {
    return {
      format: 'seamid.deletion_plan/1', ok: false, user_identity_id: null, workspace_id: null,
      order: options.order ?? 'parallel', policy: options.policy ?? 'guide', wave_barrier: options.order === 'guide',
      notes: [], resources: {}, left_to_cascade: {}, steps: [], waves: [], issues,
    };
  }

  /** JSON text of `input` (strings pass as they are), or the issue saying why it has none. */
  function encode(input) {
    if (typeof input === 'string') return { text: input };
    let text;
    try {
      text = JSON.stringify(input);
    } catch (error) {
      return { issues: [inputIssue(`Input cannot be serialised as JSON: ${error.message}`)] };
    }
    if (text === undefined) return { issues: [typeIssue([], 'an object', input)] };
    return { text };
  }

  function callText(binding, input, ...args) {
    const encoded = encode(input);
    return encoded.issues ? encoded : { text: wasm[binding](encoded.text, ...args) };
  }

  /**
   * Plans the deletion of a user identity from a snapshot of Seam's list endpoints (object or JSON text).
   * Returns the plan as a plain object; `ok` is false (and `steps` empty) when the snapshot does not add up.
   */
  function planDeletion(snapshot, options) {
    const checked = checkPlanOptions(options);
    const { text, issues } = callText('_planDeletion', snapshot, checked.order === 'guide' ? 1 : 0,
      checked.policy === 'minimal' ? 1 : 0, checked.maxResources ?? -1, 0);
    return issues ? failedPlan(issues, checked) : JSON.parse(text);
  }

  /** Renders a plan (from planDeletion, or stored and reloaded) as 'text', 'curl' (bash), 'js' (@seamapi/http) or 'json'. */
  function renderDeletionPlan(plan, format = 'text') {
    if (!formats.includes(format)) throw new TypeError('seamid: format must be "json", "text", "curl" or "js"');
    if (plan === null || (typeof plan !== 'object' && typeof plan !== 'string'))
      throw new TypeError('seamid: renderDeletionPlan expects a plan object');
    const { text, issues } = callText('_renderDeletionPlan', plan, formats.indexOf(format));
    if (issues) throw new TypeError(`seamid: ${issues[0].message}`);
    if (text.startsWith('{"issues": ')) {
      const found = JSON.parse(text).issues;
      throw new TypeError(`seamid: not a valid deletion plan: ${found.map((i) => `${JSON.stringify(i.path)} ${i.code}: ${i.message}`).join('; ')}`);
    }
    return text;
  }

  function timeOf(value) {
    if (value === undefined) return Date.now();
    const ms = value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : value;
    if (typeof ms !== 'number' || !Number.isFinite(ms)) throw new TypeError('seamid: options.startedAt must be a Date, an ISO 8601 string or Unix milliseconds');
    return ms;
  }

  /**
   * Tracks a plan being executed: feed it API results and Seam events in any order; ask what is runnable,
   * whether the identity may be deleted, and what to poll next. Call dispose() when finished.
   */
  function createDeletionProgress(plan, options) {
    if (plan === null || (typeof plan !== 'object' && typeof plan !== 'string'))
      throw new TypeError('seamid: createDeletionProgress expects a plan object (from planDeletion)');
    if (options !== undefined && (options === null || typeof options !== 'object'))
      throw new TypeError('seamid: options must be an object');
    const startedAt = timeOf(options?.startedAt);
    const margin = options?.sinceMarginSeconds;
    if (margin !== undefined && !(typeof margin === 'number' && margin >= 0 && Number.isFinite(margin)))
      throw new TypeError('seamid: options.sinceMarginSeconds must be a non-negative number');
    const planObject = typeof plan === 'string' ? safeParse(plan) : plan;
    const created = callText('_progressCreate', plan, startedAt, margin === undefined ? -1 : margin * 1000);
    const { handle, issues } = created.issues ? { handle: -1, issues: created.issues } : JSON.parse(created.text);
    let live = handle >= 0;
    const token = {};
    let stepsById = null;

    function alive() {
      if (!live) throw new Error(handle < 0 ? 'seamid: this progress has no valid plan (see progress.issues)' : 'seamid: this deletion progress was disposed');
    }
    function stepOf(id) {
      if (!stepsById) stepsById = new Map((planObject?.steps ?? []).map((step) => [step.step_id, step]));
      return stepsById.get(id) ?? { step_id: id };
    }

    const progress = {
      ok: live,
      issues,
      plan: planObject,
      /** Applies one Seam event (an /events/list item or a webhook body). */
      applyEvent(event) {
        alive();
        if (Array.isArray(event) || (event && typeof event === 'object' && Array.isArray(event.events)))
          throw new TypeError('seamid: applyEvent takes one event; use applyEvents for a list');
        const result = applyMany(event);
        return result.outcomes.length === 1 ? { ...result.outcomes[0], issues: result.issues }
          : { outcome: 'rejected', event_type: '', issues: result.issues };
      },
      /** Applies a list of events, or an /events/list response {events: [...]}. */
      applyEvents(events) {
        alive();
        const result = applyMany(events);
        return result.issues.length > 0 ? result.outcomes.map((o) => ({ ...o, issues: result.issues })) : result.outcomes;
      },
      /** Applies the API's answer to a step's call: Seam's response body ({error: {...}} means it failed). */
      applyResult(stepId, response, resultOptions) {
        alive();
        if (typeof stepId !== 'string') return { outcome: 'rejected', issues: [typeIssue(['step_id'], 'a step id (string)', stepId)] };
        let requestedAt = '';
        if (resultOptions?.requestedAt !== undefined) {
          const value = resultOptions.requestedAt;
          requestedAt = value instanceof Date ? value.toISOString() : typeof value === 'number' ? new Date(value).toISOString() : value;
          if (typeof requestedAt !== 'string') return { outcome: 'rejected', issues: [typeIssue(['requested_at'], 'a Date or an ISO 8601 string', value)] };
        }
        const encoded = encode(response === undefined ? {} : response);
        if (encoded.issues) return { outcome: 'rejected', issues: encoded.issues };
        return JSON.parse(wasm._progressApplyResult(handle, stepId, encoded.text, requestedAt));
      },
      /** The plan steps that can be called now. */
      runnable() {
        alive();
        return JSON.parse(wasm._progressRunnable(handle)).map(stepOf);
      },
      /** True when every step, the identity's deletion included, is confirmed. */
      done() {
        alive();
        return (wasm._progressFlags(handle) & 1) !== 0;
      },
      /** True when /user_identities/delete may be called now. */
      identityDeletable() {
        alive();
        return (wasm._progressFlags(handle) & 2) !== 0;
      },
      /** The /events/list query to poll next ({event_types, since, awaited}), or null when no event is awaited. */
      nextEventQuery() {
        alive();
        return JSON.parse(wasm._progressNextQuery(handle));
      },
      /** Every step's state, counts, ignored events and the next event query. */
      state() {
        alive();
        return JSON.parse(wasm._progressState(handle));
      },
      /** Frees the native state. Further calls throw. Safe to call twice. */
      dispose() {
        if (!live) return;
        live = false;
        registry?.unregister(token);
        wasm._progressDispose(handle);
      },
    };
    if (typeof Symbol.dispose === 'symbol') progress[Symbol.dispose] = progress.dispose;
    if (live && registry) registry.register(progress, handle, token);

    function applyMany(events) {
      const encoded = encode(events === undefined ? null : events);
      if (encoded.issues) return { outcomes: [], issues: encoded.issues };
      return JSON.parse(wasm._progressApplyEvents(handle, encoded.text));
    }
    return progress;
  }

  return { planDeletion, renderDeletionPlan, createDeletionProgress, deletionProgressLive: () => wasm._progressLive() };
}

function safeParse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
