// planDeletion / renderDeletionPlan / createDeletionProgress: the deletion planner of docs/deletion.md over the core.
// The wire is bindings/wasm/PROTOCOL.md ("Deletion"): JSON text in (typed for the two bulk requests of a run: a
// plan object as a step table, a successful call as its step id), JSON text out (plans and event outcomes in a
// compact form indexing the core's tables, read from the module once), one number for an API result. A progress
// follows the shared handle contract (common/handle.js).
import { HandleOwner, withHandleContract } from '../common/handle.js';
import { inputIssue, typeIssue } from '../common/wire.js';

const decoder = new TextDecoder();

/** A JSON answer of the module: a view of its UTF-8 text, valid until the next call into the module. */
const read = (view) => JSON.parse(decoder.decode(view));

/** The deletion part of the API. */
export function deletionApi(wasm, wire) {
  const tables = read(wasm._deletionTables());
  const kindIndex = new Map(tables.kinds.map((kind, index) => [kind.name, index]));
  // Per kind, a step's params object with its one key: copied per step, it is far cheaper than a computed key.
  const paramsOf = tables.kinds.map((kind) => ({ [kind.id_field]: '' }));
  const free = (handle) => wasm._progressDispose(handle);
  // The per-step success export: Module's entry is a wrapper until its first call (handle 0 is never live) puts
  // the wasm function itself in its place; keep that.
  wasm._seamid_deletion_apply_success(0, 0, NaN);
  const applySuccess = wasm._seamid_deletion_apply_success;
  const oneOf = (names) => names.map((name) => `"${name}"`).join(', ');

  /** Checks planDeletion's options (a programmer's misuse throws TypeError); returns the core's option indexes. */
  function planOptions(options) {
    if (options === undefined || options === null) return { order: 0, policy: 0, maxResources: -1 };
    if (typeof options !== 'object') throw new TypeError('seamid: options must be an object');
    const order = options.order === undefined ? 0 : tables.orders.indexOf(options.order);
    if (order < 0) throw new TypeError(`seamid: options.order must be one of ${oneOf(tables.orders)}`);
    const policy = options.policy === undefined ? 0 : tables.policies.indexOf(options.policy);
    if (policy < 0) throw new TypeError(`seamid: options.policy must be one of ${oneOf(tables.policies)}`);
    const maxResources = options.maxResources ?? -1;
    if (options.maxResources !== undefined && !(Number.isSafeInteger(maxResources) && maxResources >= 0))
      throw new TypeError('seamid: options.maxResources must be a non-negative integer');
    return { order, policy, maxResources };
  }

  /** JSON text of `input` (strings pass as they are), or the issue saying why JSON cannot carry it. */
  function encode(input) {
    if (typeof input === 'string') return { text: input };
    let text;
    try {
      text = JSON.stringify(input);
    } catch (error) {
      return { issues: [inputIssue(`Input cannot be serialised as JSON: ${error.message}`)] };
    }
    return text === undefined ? { issues: [typeIssue([], 'an object', input)] } : { text };
  }

  /** The plan object of the core's compact plan: its JSON header, each step written out from the kinds table. */
  function expand({ plan, step_ids: ids, kinds, waves, depends_on: dependsOn }) {
    const count = kinds.length;
    const idAt = new Array(count);
    for (let s = 0; s < count; s++) idAt[s] = ids.slice(36 * s, 36 * s + 36);
    for (let s = 0; s < count; s++) {
      const id = idAt[s];
      const kind = tables.kinds[kinds[s]];
      const wave = waves[s];
      const depends = dependsOn[s];
      for (let d = 0; d < depends.length; d++) depends[d] = idAt[depends[d]];
      const params = { ...paramsOf[kinds[s]] };
      params[kind.id_field] = id;
      plan.steps.push({
        step_id: id, resource: kind.name, action: kind.action, endpoint: kind.endpoint, params,
        confirm: kind.event_type ? { by: 'event', event_type: kind.event_type, id_field: kind.id_field } : { by: 'result' },
        depends_on: depends, wave,
      });
      (plan.waves[wave] ??= []).push(id);
    }
    return plan;
  }

  /**
   * Plans the deletion of a user identity from a snapshot of Seam's list endpoints (object or JSON text).
   * Returns the plan as a plain object; `ok` is false (and `steps` empty) when the snapshot does not add up.
   */
  function planDeletion(snapshot, options) {
    const { order, policy, maxResources } = planOptions(options);
    const encoded = encode(snapshot);
    // A value JSON cannot carry is refused like a bad snapshot: the core writes the refused plan, JS says why.
    const plan = expand(read(wasm._planDeletion(wire.writeInput(encoded.text ?? 'null'), order, policy, maxResources)));
    if (encoded.issues) plan.issues = encoded.issues;
    return plan;
  }

  /**
   * Renders a plan (from planDeletion, or stored and reloaded) as 'text', 'curl' (bash), 'js' (@seamapi/http) or
   * 'json'. Always a string: a plan that is refused or cannot be read renders as "no plan" with its issues.
   */
  function renderDeletionPlan(plan, format = 'text') {
    const index = tables.formats.indexOf(format);
    if (index < 0) throw new TypeError(`seamid: format must be one of ${oneOf(tables.formats)}`);
    const encoded = encode(plan);
    const text = encoded.issues ? JSON.stringify({ ok: false, issues: encoded.issues }) : encoded.text;
    return read(wasm._renderDeletionPlan(wire.writeInput(text), index));
  }

  /**
   * Creates the progress of a plan object from its steps as columns (the fast way in: ids, then numbers in the
   * module's table words, nothing for the core to parse but the header); null when the steps are not plain
   * enough for it (then the plan JSON goes, and the core reports exactly what is wrong).
   */
  function createFromTable(plan, startedAt, marginMs) {
    const steps = plan.steps;
    if (!Array.isArray(steps)) return null;
    const count = steps.length;
    const ids = new Array(count);
    const dependencyIds = [];
    for (let s = 0; s < count; s++) {
      const step = steps[s];
      const id = step?.step_id;
      const depends = step?.depends_on ?? [];
      if (typeof id !== 'string' || id.length !== 36 || !Array.isArray(depends)) return null;
      ids[s] = id;
      for (const dependency of depends) {
        if (typeof dependency !== 'string' || dependency.length !== 36) return null;
        dependencyIds.push(dependency);
      }
    }
    let header;
    try {
      header = JSON.stringify({ ...plan, steps: [], waves: [] });
    } catch {
      return null;
    }
    const length = wire.writeInput(ids.join('') + dependencyIds.join('') + header);
    if (length - 36 * (count + dependencyIds.length) !== utf8Length(header)) return null; // an id that is not ASCII
    const words = new Uint32Array(wasm.HEAPU8.buffer, wasm._reserveTableWords(3 * count), 3 * count);
    for (let s = 0; s < count; s++) {
      const step = steps[s];
      const kind = kindIndex.get(step.resource);
      const wave = step.wave;
      if (kind === undefined || !Number.isSafeInteger(wave) || wave < 0 || wave > 0xffffffff) return null;
      words[s] = kind;
      words[count + s] = wave;
      words[2 * count + s] = step.depends_on?.length ?? 0;
    }
    return read(wasm._progressCreateTable(length, count, dependencyIds.length, startedAt, marginMs));
  }

  function timeOf(value) {
    if (value === undefined) return Date.now();
    const ms = value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : value;
    if (typeof ms !== 'number' || !Number.isFinite(ms)) throw new TypeError('seamid: options.startedAt must be a Date, an ISO 8601 string or Unix milliseconds');
    return ms;
  }

  /** requested_at as the core reads it (RFC 3339 text; '' for none), or the issue when it is no time at all. */
  function requestedAtText(value) {
    if (value === undefined) return { text: '' };
    if (typeof value === 'string') return { text: value };
    const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : undefined;
    if (ms === undefined) return { issues: [typeIssue(['requested_at'], 'a Date or an ISO 8601 string', value)] };
    // A date out of range is sent as text the core refuses (invalid_timestamp), not thrown here.
    return { text: Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : String(value) };
  }

  /**
   * Tracks a plan being executed: feed it API results and Seam events in any order; ask what is runnable,
   * whether the identity may be deleted, and what to poll next. Call dispose() when finished.
   */
  function createDeletionProgress(plan, options) {
    if (options !== undefined && (options === null || typeof options !== 'object'))
      throw new TypeError('seamid: options must be an object');
    const startedAt = timeOf(options?.startedAt);
    const margin = options?.sinceMarginSeconds;
    if (margin !== undefined && !(typeof margin === 'number' && margin >= 0 && Number.isFinite(margin)))
      throw new TypeError('seamid: options.sinceMarginSeconds must be a non-negative number');
    const marginMs = margin === undefined ? -1 : margin * 1000;
    let created = plan !== null && typeof plan === 'object' ? createFromTable(plan, startedAt, marginMs) : null;
    if (created === null) {
      const encoded = encode(plan);
      created = encoded.issues ? { handle: 0, issues: encoded.issues }
        : read(wasm._progressCreate(wire.writeInput(encoded.text), startedAt, marginMs));
    }
    const { handle, issues, step_ids: coreIds = '' } = created;
    let planObject = plan;
    if (typeof plan === 'string') {
      try {
        planObject = JSON.parse(plan);
      } catch {
        planObject = null;
      }
    }
    // The caller's step objects and ids in the core's order, taken now (later edits of the plan object move
    // nothing). The core answers no step ids when they are the caller's, in the caller's order; else its own.
    const steps = handle === 0 ? [] : planObject?.steps?.slice() ?? [];
    const ownIds = coreIds === null ? steps.map((step) => step.step_id) : null;
    const idAt = ownIds ? (index) => ownIds[index] : (index) => coreIds.slice(36 * index, 36 * index + 36);
    let byIndex = ownIds ? steps : null;
    function stepAt(index) {
      if (byIndex === null) {
        const byId = new Map(steps.map((step) => [String(step.step_id).toLowerCase(), step]));
        byIndex = steps.map((_, i) => byId.get(idAt(i)));
      }
      return byIndex[index];
    }
    /** The outcome object of _progressApplyResult's number, in the core's key order: {outcome, step_id?, issues}. */
    function resultOf(answer) {
      const code = answer % 16;
      const step = (answer - code) / 16;
      const out = { outcome: tables.result_outcomes[code & 7] };
      if (step > 0) out.step_id = idAt(step - 1);
      out.issues = code & 8 ? read(wasm._progressLastIssues()) : [];
      return out;
    }
    const owner = new HandleOwner(handle, free, 'deletion progress');
    function live() {
      if (handle === 0) throw new Error('seamid: this deletion progress has no valid plan (see progress.issues)');
      return owner.get();
    }
    function applyMany(events) {
      const native = live();
      const encoded = encode(events === undefined ? null : events);
      if (encoded.issues) return { outcomes: [], issues: encoded.issues };
      const { outcomes: codes, texts, issues: found } = read(wasm._progressApplyEvents(native, wire.writeInput(encoded.text)));
      // Five numbers per event into the outcome object, in the core's key order (append_event_outcome).
      const outcomes = new Array(codes.length / 5);
      for (let i = 0, k = 0; k < codes.length; i++, k += 5) {
        const outcome = { outcome: tables.event_outcomes[codes[k]] };
        if (codes[k + 1] !== 0) outcome.reason = tables.ignore_reasons[codes[k + 1]];
        if (codes[k + 4] !== 0) outcome.event_id = texts[codes[k + 4] - 1];
        outcome.event_type = texts[codes[k + 3]];
        if (codes[k + 2] !== 0) outcome.step_id = idAt(codes[k + 2] - 1);
        outcomes[i] = outcome;
      }
      return { outcomes, issues: found };
    }

    const progress = {
      plan: planObject,
      /** Applies one Seam event (an /events/list item or a webhook body). */
      applyEvent(event) {
        live();
        if (Array.isArray(event) || (event && typeof event === 'object' && Array.isArray(event.events)))
          throw new TypeError('seamid: applyEvent takes one event; use applyEvents for a list');
        const result = applyMany(event);
        return result.outcomes.length === 1 ? { ...result.outcomes[0], issues: result.issues }
          : { outcome: 'rejected', event_type: '', issues: result.issues };
      },
      /** Applies a list of events, or an /events/list response {events: [...]}, as objects or JSON text. */
      applyEvents(events) {
        const result = applyMany(events);
        if (result.issues.length === 0) return result.outcomes;
        // Input that is not a list of events (malformed JSON, another type) applies nothing: one rejected outcome says why.
        if (result.outcomes.length === 0) return [{ outcome: 'rejected', event_type: '', issues: result.issues }];
        return result.outcomes.map((outcome) => ({ ...outcome, issues: result.issues }));
      },
      /** Applies the API's answer to a step's call: Seam's response body ({error: {...}} means it failed). */
      applyResult(stepId, response, resultOptions) {
        const native = live();
        if (typeof stepId !== 'string') return { outcome: 'rejected', issues: [typeIssue(['step_id'], 'a step id (string)', stepId)] };
        const at = resultOptions?.requestedAt;
        // A success (no body, or Seam's object without an error) goes typed; anything else as JSON for the core to read.
        const atMs = at === undefined ? NaN : at instanceof Date ? at.getTime() : typeof at === 'number' ? at : undefined;
        if ((response === undefined || (isPlainObject(response) && response.error == null)) && (at === undefined || Math.abs(atMs) <= 8.64e15)) {
          const answer = applySuccess(native, wire.writeInput(stepId), atMs);
          if (answer >= 0) return resultOf(answer);
        }
        const atText = requestedAtText(at);
        const body = encode(response === undefined ? {} : response);
        if (atText.issues || body.issues) return { outcome: 'rejected', issues: atText.issues ?? body.issues };
        return resultOf(wasm._progressApplyResult(native, utf8Length(stepId), utf8Length(atText.text), wire.writeInput(stepId + atText.text + body.text)));
      },
      /** The plan steps that can be called now. */
      runnable() {
        return read(wasm._progressRunnable(live())).map(stepAt);
      },
      /** True when every step, the identity's deletion included, is confirmed. */
      done() {
        return (wasm._progressFlags(live()) & 1) !== 0;
      },
      /** True when /user_identities/delete may be called now. */
      identityDeletable() {
        return (wasm._progressFlags(live()) & 2) !== 0;
      },
      /** The /events/list query to poll next ({event_types, since, awaited}), or null when no event is awaited. */
      nextEventQuery() {
        return read(wasm._progressNextQuery(live()));
      },
      /** Every step's state, counts, ignored events and the next event query. */
      state() {
        return read(wasm._progressState(live()));
      },
    };
    return withHandleContract(progress, owner, issues);
  }

  return { planDeletion, renderDeletionPlan, createDeletionProgress, deletionProgressLive: () => wasm._progressLive() };
}

/** The UTF-8 length of `text` as TextEncoder writes it (a lone surrogate becomes U+FFFD, 3 bytes). */
function utf8Length(text) {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) continue;
    if (unit < 0x800) bytes += 1;
    else if (unit >= 0xd800 && unit <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) bytes += 2, i++;
    else bytes += 2;
  }
  return bytes;
}

/** True for what JSON.stringify writes as the same object: a plain object (no class, no toJSON). */
function isPlainObject(value) {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && typeof value.toJSON !== 'function';
}
