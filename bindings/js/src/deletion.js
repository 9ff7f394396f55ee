// planDeletion / renderDeletionPlan / createDeletionProgress: the deletion planner of seam-spec §4 over the core.
// Plans are plain objects. A progress keeps its native state in the module behind a private integer handle,
// freed by dispose() (or, as a safety net, when the object is garbage-collected). Large plans never cross the
// boundary as JSON: the module sends steps as compact lines, and a progress takes the plan as compact records,
// successes and events as indexes / fixed-width records; anything unusual takes the JSON path, which reports
// the exact issues.
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

  let kindTable = null;
  /** The resource kinds in the core's order, with a Map from event type to kind index. */
  function kinds() {
    if (!kindTable) {
      const list = JSON.parse(wasm._deletionKinds());
      kindTable = { list, names: new Map(list.map((k, i) => [k.name, i])), events: new Map(list.filter((k) => k.event_type).map((k) => [k.event_type, list.indexOf(k)])) };
    }
    return kindTable;
  }

  /** Builds the plan object from _planDeletionCompact's answer (the same object JSON.parse of the plan JSON gives). */
  function planFromCompact(text) {
    const split = text.indexOf('\0');
    const plan = JSON.parse(text.slice(0, split));
    const { list } = kinds();
    const ids = [];
    const steps = plan.steps;
    const waves = plan.waves;
    let at = split + 1;
    while (at < text.length) {
      const end = text.indexOf('\n', at);
      const kind = list[text.charCodeAt(at) - 48];
      const id = text.slice(at + 1, at + 37);
      const colon = text.indexOf(':', at + 37);
      const wave = +text.slice(at + 37, colon);
      const depends = [];
      if (colon + 1 < end) for (const d of text.slice(colon + 1, end).split(',')) depends.push(ids[+d]);
      ids.push(id);
      steps.push({
        step_id: id, resource: kind.name, action: kind.action, endpoint: kind.endpoint, params: { [kind.id_field]: id },
        confirm: kind.event_type ? { by: 'event', event_type: kind.event_type, id_field: kind.id_field } : { by: 'result' },
        depends_on: depends, wave,
      });
      while (waves.length <= wave) waves.push([]);
      waves[wave].push(id);
      at = end + 1;
    }
    return plan; // steps and waves were filled in place: the keys keep the plan JSON's order
  }

  /**
   * Plans the deletion of a user identity from a snapshot of Seam's list endpoints (object or JSON text).
   * Returns the plan as a plain object; `ok` is false (and `steps` empty) when the snapshot does not add up.
   */
  function planDeletion(snapshot, options) {
    const checked = checkPlanOptions(options);
    const encoded = encode(snapshot);
    if (encoded.issues) return failedPlan(encoded.issues, checked);
    // The snapshot goes through the module's input buffer (TextEncoder), not embind's per-character copy.
    const length = wire.writeInput(encoded.text);
    return planFromCompact(wasm._planDeletionCompact(length, checked.order === 'guide' ? 1 : 0,
      checked.policy === 'minimal' ? 1 : 0, checked.maxResources ?? -1));
  }

  /** The plan as compact records for _progressCreateCompact, or null when anything is unusual (JSON path). */
  function compactPlan(plan) {
    const steps = plan.steps;
    if (!Array.isArray(steps)) return null;
    const { names } = kinds();
    const parts = [];
    for (const step of steps) {
      if (step === null || typeof step !== 'object') return null;
      const id = step.step_id;
      const wave = step.wave;
      const depends = step.depends_on;
      if (typeof id !== 'string' || id.length !== 36 || !names.has(step.resource) || !Number.isSafeInteger(wave) || wave < 0 || wave > 0xfffffff0)
        return null;
      let line = `${id}\t${step.resource}\t${wave}`;
      if (depends !== undefined) {
        if (!Array.isArray(depends)) return null;
        for (const d of depends) {
          if (typeof d !== 'string' || d.length !== 36) return null;
          line += `\t${d}`;
        }
      }
      parts.push(line);
    }
    let header;
    try {
      header = JSON.stringify({ ...plan, steps: [], waves: [] });
    } catch {
      return null;
    }
    return { header, body: parts.length ? `${parts.join('\n')}\n` : '' };
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
    const marginMs = margin === undefined ? -1 : margin * 1000;
    const compact = typeof plan === 'object' ? compactPlan(plan) : null;
    let handle = compact ? wasm._progressCreateCompact(compact.header, wire.writeInput(compact.body), startedAt, marginMs) : -1;
    let issues = [];
    if (handle < 0) {
      const created = callText('_progressCreate', plan, startedAt, marginMs);
      ({ handle, issues } = created.issues ? { handle: -1, issues: created.issues } : JSON.parse(created.text));
    }
    let live = handle >= 0;
    const token = {};
    // The plan's step objects in the module's order (stable by wave) and their ids, taken now so that later
    // changes to the plan object cannot point an index at another step.
    const byIndex = live ? moduleOrder(planObject.steps) : [];
    const ids = byIndex.map((step) => step.step_id);
    let indexById = null; // step_id -> index

    function alive() {
      if (!live) throw new Error(handle < 0 ? 'seamid: this progress has no valid plan (see progress.issues)' : 'seamid: this deletion progress was disposed');
    }
    function indexOf(id) {
      if (!indexById) indexById = new Map(ids.map((stepId, i) => [stepId, i]));
      return indexById.get(id);
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
        const fast = event && typeof event === 'object' && !('events' in event) ? applyRecords([event]) : null;
        if (fast) return { ...fast[0], issues: [] };
        const result = applyMany(event);
        return result.outcomes.length === 1 ? { ...result.outcomes[0], issues: result.issues }
          : { outcome: 'rejected', event_type: '', issues: result.issues };
      },
      /** Applies a list of events, or an /events/list response {events: [...]}. */
      applyEvents(events) {
        alive();
        const list = Array.isArray(events) ? events : events && typeof events === 'object' && Array.isArray(events.events) ? events.events : null;
        const fast = list ? applyRecords(list) : null;
        if (fast) return fast;
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
        const index = indexOf(stepId);
        const at = resultOptions?.requestedAt;
        const atMs = at === undefined ? NaN : at instanceof Date ? at.getTime() : typeof at === 'number' ? at : null;
        const success = response === undefined || (isPlainObject(response) && (response.error === undefined || response.error === null));
        if (index !== undefined && success && atMs !== null && (at === undefined || Math.abs(atMs) <= 8.64e15)) {
          const code = wasm._progressApplySuccess(handle, index, atMs);
          return {
            outcome: resultOutcomes[code & 15], step_id: canonicalId(index),
            issues: code & 16 ? JSON.parse(wasm._progressLastResultIssues()) : [],
          };
        }
        const encoded = encode(response === undefined ? {} : response);
        if (encoded.issues) return { outcome: 'rejected', issues: encoded.issues };
        return JSON.parse(wasm._progressApplyResult(handle, stepId, encoded.text, requestedAt));
      },
      /** The plan steps that can be called now. */
      runnable() {
        alive();
        return Array.from(wasm._progressRunnableIndexes(handle), (i) => byIndex[i]);
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

    let canonical = null;
    /** The step id as the module writes it (lower case). */
    function canonicalId(index) {
      canonical ??= ids.map((stepId) => stepId.toLowerCase());
      return canonical[index];
    }

    /**
     * Applies plain event objects as fixed-width records; null when one of them needs the JSON path (not an
     * object, an unknown event type, non-ASCII in an id): then nothing was applied.
     */
    function applyRecords(list) {
      const { events, list: kindList } = kinds();
      const field = (value) => (typeof value === 'string' && value.length === 36 ? `=${value}` : '-');
      const parts = new Array(list.length);
      for (let i = 0; i < list.length; i++) {
        const event = list[i];
        if (!isPlainObject(event)) return null;
        const kind = events.get(event.event_type);
        if (kind === undefined) return null;
        parts[i] = `${kind}${field(event.event_id)}${field(event.workspace_id)}${field(event[kindList[kind].id_field])}`;
      }
      if (list.length === 0) return [];
      const codes = wasm._progressApplyEventRecords(handle, wire.writeInput(parts.join('')));
      if (codes.length !== list.length * 2) return null;
      const out = new Array(list.length);
      for (let i = 0; i < list.length; i++) {
        const code = codes[2 * i];
        const step = codes[2 * i + 1];
        const outcome = { outcome: eventOutcomes[code & 15] };
        if ((code >> 4) & 15) outcome.reason = ignoreReasons[(code >> 4) & 15];
        if (code & 256) outcome.event_id = list[i].event_id.toLowerCase();
        outcome.event_type = list[i].event_type;
        if (step !== 0xffffffff) outcome.step_id = canonicalId(step);
        out[i] = outcome;
      }
      return out;
    }

    function applyMany(events) {
      const encoded = encode(events === undefined ? null : events);
      if (encoded.issues) return { outcomes: [], issues: encoded.issues };
      return JSON.parse(wasm._progressApplyEvents(handle, encoded.text));
    }
    return progress;
  }

  return { planDeletion, renderDeletionPlan, createDeletionProgress, deletionProgressLive: () => wasm._progressLive() };
}

/** True for what JSON.stringify writes as the same object: a plain object (no class, no toJSON). */
function isPlainObject(value) {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && typeof value.toJSON !== 'function';
}

/** Steps in the module's order: sorted by wave, stable (read_deletion_plan does the same). */
function moduleOrder(steps) {
  let sorted = true;
  for (let i = 1; i < steps.length && sorted; i++) sorted = steps[i - 1].wave <= steps[i].wave;
  if (sorted) return steps.slice();
  return steps.map((step, i) => [step, i]).sort((a, b) => a[0].wave - b[0].wave || a[1] - b[1]).map(([step]) => step);
}

const resultOutcomes = ['issued', 'confirmed', 'gone', 'failed', 'already_confirmed', 'already_issued', 'rejected'];
const eventOutcomes = ['confirmed', 'already_confirmed', 'duplicate', 'ignored'];
const ignoreReasons = ['', 'unknown_event_type', 'unknown_resource', 'event_type_mismatch', 'other_workspace', 'missing_resource_id', 'not_an_object'];

function safeParse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
