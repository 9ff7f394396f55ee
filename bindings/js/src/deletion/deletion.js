// planDeletion / renderDeletionPlan / createDeletionProgress: the deletion planner of docs/deletion.md over the core.
// The wire is bindings/wasm/PROTOCOL.md ("Deletion"): JSON text in (typed for the two bulk requests of a run: a
// plan planDeletion just made by its cache generation, a successful call as its step index), JSON text out (plans and event outcomes in a
// compact form indexing the core's tables, read from the module once), one number for an API result. A progress
// follows the shared handle contract (common/handle.js).
import { HandleOwner, withHandleContract } from '../common/handle.js';
import { textTooLarge, utf8Length, utf8Room } from '../common/limits.js';
import { inputIssue, typeIssue } from '../common/wire.js';

const decoder = new TextDecoder();

/** A JSON answer of the module: a view of its UTF-8 text, valid until the next call into the module. */
const read = (view) => JSON.parse(decoder.decode(view));

/**
 * The JSON array of non-negative 32-bit integers starting at byte `at` of an answer view (as the core writes it:
 * digits, commas, spaces), read without decoding the text: {numbers (Uint32Array), end} with `end` the byte after
 * its `]`. `capacity`: the most numbers it can hold (by default as many as the rest of the view could).
 */
function numbersAt(view, at, capacity = (view.length - at) >> 1) {
  const length = view.length;
  const numbers = new Uint32Array(capacity);
  let count = 0;
  let i = at + 1;
  while (i < length) {
    let byte = view[i];
    if (byte >= 48 && byte <= 57) {
      let number = byte - 48;
      byte = view[++i];
      while (byte >= 48 && byte <= 57) {
        number = number * 10 + byte - 48;
        byte = view[++i];
      }
      if (count === capacity) break;
      numbers[count++] = number;
    }
    if (byte === 93) return { numbers: numbers.subarray(0, count), end: i + 1 };
    i++;
  }
  return { numbers: numbers.subarray(0, count), end: length };
}

/** Runs [value, length, ...] (core write_json_runs: the compact plan's kinds, waves and dependency counts, runnable
 *  steps) as one value per item, `count` items. */
function unrun(runs, count) {
  const out = new Uint32Array(count);
  for (let r = 0, at = 0; r + 1 < runs.length && at < count; r += 2) {
    const end = Math.min(count, at + runs[r + 1]);
    out.fill(runs[r], at, end);
    at = end;
  }
  return out;
}

/** The deletion part of the API. */
export function deletionApi(wasm, wire) {
  const tables = read(wasm._deletionTables());
  const { result_outcomes: resultOutcomes, event_outcomes: eventOutcomes } = tables; // read per result and per event
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

  /** JSON text of `input` (strings pass as they are; each value read once, by JSON.stringify), or the issue saying
   *  why JSON cannot carry it or the module cannot take it (input_too_large). */
  function encode(input, replacer = undefined) {
    let text = input;
    if (typeof input !== 'string') {
      try {
        text = JSON.stringify(input, replacer);
      } catch (error) {
        return { issues: [inputIssue(`Input cannot be serialised as JSON: ${error.message}`)] };
      }
      if (text === undefined) return { issues: [typeIssue([], 'an object', input)] };
    }
    const tooLarge = textTooLarge(text, wire.limits.text, [], 'The JSON text');
    return tooLarge ? { issues: [tooLarge] } : { text };
  }

  /**
   * The plan object of the core's compact plan (an answer view; PROTOCOL.md "Compact plan"): the ids, the runs and
   * the dependencies read from the bytes, the header by JSON.parse, each step written out from the kinds table.
   */
  function expand(view) {
    const idsEnd = view.indexOf(34, 14); // {"step_ids": "<ids>"
    const ids = decoder.decode(view.subarray(14, idsEnd));
    const count = ids.length / 36;
    const { numbers: kindRuns, end: kindsEnd } = numbersAt(view, view.indexOf(91, idsEnd), 2 * count);
    const { numbers: waveRuns, end: wavesEnd } = numbersAt(view, view.indexOf(91, kindsEnd), 2 * count);
    const { numbers: countRuns, end: countsEnd } = numbersAt(view, view.indexOf(91, wavesEnd), 2 * count);
    const kinds = unrun(kindRuns, count), waves = unrun(waveRuns, count), counts = unrun(countRuns, count);
    const depStart = new Uint32Array(count + 1);
    for (let s = 0; s < count; s++) depStart[s + 1] = depStart[s] + counts[s];
    const { numbers: depIndex, end: dependsEnd } = numbersAt(view, view.indexOf(91, countsEnd), depStart[count]);
    const plan = JSON.parse(decoder.decode(view.subarray(view.indexOf(58, dependsEnd) + 1, view.length - 1)));
    const idAt = new Array(count);
    for (let s = 0; s < count; s++) idAt[s] = ids.slice(36 * s, 36 * s + 36);
    const steps = plan.steps;
    const planWaves = plan.waves;
    for (let s = 0; s < count; s++) {
      const id = idAt[s];
      const kind = tables.kinds[kinds[s]];
      const wave = waves[s];
      const depends = new Array(depStart[s + 1] - depStart[s]);
      for (let d = 0, at = depStart[s]; d < depends.length; d++) depends[d] = idAt[depIndex[at + d]];
      const params = { ...paramsOf[kinds[s]] };
      params[kind.id_field] = id;
      steps.push({
        step_id: id, resource: kind.name, action: kind.action, endpoint: kind.endpoint, params,
        confirm: kind.event_type ? { by: 'event', event_type: kind.event_type, id_field: kind.id_field } : { by: 'result' },
        depends_on: depends, wave,
      });
      (planWaves[wave] ??= []).push(id);
    }
    return { plan, ids: idAt, kinds, waves, depStart, depIndex };
  }

  // The plan planDeletion returned last, while the module still holds it (_progressCreateCached, the one fast way
  // from a plan into a progress): the module's generation and each step's id, kind, wave and dependencies as
  // returned, so that createDeletionProgress recognises the plan object unchanged in everything a progress reads
  // from it; another plan object, or this one changed, is sent as JSON. The plan object is the key of a WeakMap
  // (no WeakRef: that keeps its target alive until the current job ends); a FinalizationRegistry frees the
  // module's copy once the plan object is gone.
  let cache = null;
  const cachedPlans = new WeakMap();
  const cacheRegistry = typeof FinalizationRegistry === 'function'
    ? new FinalizationRegistry((generation) => {
      if (cache !== null && cache.generation === generation) cache = null;
      wasm._planCacheRelease(generation);
    })
    : null;

  function remember(built) {
    if (cache !== null) cacheRegistry.unregister(cache.token);
    cache = null;
    const generation = wasm._planCacheGeneration();
    if (generation < 0) return;
    if (cacheRegistry === null) return void wasm._planCacheRelease(generation);
    const token = {};
    cacheRegistry.register(built.plan, generation, token);
    cache = { ...built, plan: undefined, generation, token, header: headerOf(built.plan) };
    cachedPlans.set(built.plan, generation); // a number: an older plan object keeps none of the cache's arrays alive
  }

  /** True when `plan` is the cached plan object, unchanged in everything a progress reads from it. */
  function unchanged(plan) {
    if (cache === null || cachedPlans.get(plan) !== cache.generation) return false;
    const { ids, kinds, waves, depStart, depIndex, header } = cache;
    const steps = plan.steps;
    if (!Array.isArray(steps) || steps.length !== ids.length) return false;
    const kindTable = tables.kinds;
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i];
      if (step === null || typeof step !== 'object' || step.step_id !== ids[i] || step.resource !== kindTable[kinds[i]].name || step.wave !== waves[i])
        return false;
      const list = step.depends_on;
      const first = depStart[i];
      if (!Array.isArray(list) || list.length !== depStart[i + 1] - first) return false;
      for (let d = 0; d < list.length; d++) if (list[d] !== ids[depIndex[first + d]]) return false;
    }
    return headerOf(plan) === header;
  }

  /**
   * Plans the deletion of a user identity from a snapshot of Seam's list endpoints (object or JSON text).
   * Returns the plan as a plain object; `ok` is false (and `steps` empty) when the snapshot does not add up.
   */
  function planDeletion(snapshot, options) {
    const { order, policy, maxResources } = planOptions(options);
    const encoded = encode(snapshot);
    // A value JSON cannot carry is refused like a bad snapshot: the core writes the refused plan, JS says why.
    const built = expand(wasm._planDeletion(wire.writeInput(encoded.text ?? 'null'), order, policy, maxResources));
    const plan = built.plan;
    if (encoded.issues) plan.issues = encoded.issues;
    remember(built);
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
    const refused = HandleOwner.refusal(free, 'DeletionProgress'); // too many live: nothing is made
    let created = refused ? { handle: 0, issues: [refused] } : null;
    let cachedIds = null; // the cached plan's step ids (the plan object's, in its order) when it is taken
    if (created === null && plan !== null && typeof plan === 'object' && unchanged(plan)) {
      created = read(wasm._progressCreateCached(cache.generation, startedAt, marginMs));
      if (created !== null) cachedIds = cache.ids;
      cacheRegistry.unregister(cache.token);
      cache = null; // the module's copy is consumed
    }
    // A plan object sent as JSON: its steps and their ids as JSON.stringify read them, caught on the way (the one
    // read of each), for runnable() to answer the caller's step objects.
    let seen = null;
    if (created === null) {
      if (plan !== null && typeof plan === 'object' && !Array.isArray(plan)) seen = { steps: [], at: new Map(), ids: [] };
      const encoded = encode(plan, seen === null ? undefined : function see(key, value) {
        if (this === plan) {
          if (key === 'steps' && Array.isArray(value)) seen.list = value;
        } else if (this === seen.list && value !== null && typeof value === 'object') {
          seen.steps[key] = value;
          seen.at.set(value, Number(key));
        } else if (key === 'step_id' && seen.at.has(this)) {
          seen.ids[seen.at.get(this)] = value;
        }
        return value;
      });
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
    const steps = handle === 0 ? [] : seen !== null ? Array.from(seen.steps) : planObject?.steps?.slice() ?? [];
    const stepIds = seen !== null ? Array.from(seen.ids) : null; // as they were read (see `seen`)
    const ownIds = coreIds !== null ? null : cachedIds ?? stepIds ?? steps.map((step) => step.step_id);
    // The core's step ids, one string each (made once: outcomes name steps by index).
    let ids = ownIds;
    function idAt(index) {
      if (ids === null) {
        ids = new Array(coreIds.length / 36);
        for (let i = 0; i < ids.length; i++) ids[i] = coreIds.slice(36 * i, 36 * i + 36);
      }
      return ids[index];
    }
    let byIndex = ownIds ? steps : null;
    const stepCount = coreIds === null ? ownIds.length : coreIds.length / 36;
    // The indexes runnable() answered last: callers apply results in that order or reversed, so a step id is first
    // looked for there, next to where the last one was found or at either end; then in a map of every id (made once).
    let recent = [];
    let cursor = 0;
    let direction = 1; // the way the last two found ids went: the next is looked for there first
    let indexOf = null;
    /** The index of the step whose id is exactly `stepId` as the core writes it; or undefined. */
    function stepIndex(stepId) {
      const last = recent.length - 1;
      for (let attempt = 0; attempt < 5; attempt++) {
        const k = attempt === 0 ? cursor + direction : attempt === 1 ? cursor - direction : attempt === 2 ? cursor : attempt === 3 ? 0 : last;
        if (k < 0 || k > last || idAt(recent[k]) !== stepId) continue;
        if (k !== cursor) direction = k > cursor ? 1 : -1;
        cursor = k;
        return recent[k];
      }
      if (indexOf === null) {
        indexOf = new Map();
        const count = stepCount;
        for (let i = 0; i < count; i++) indexOf.set(idAt(i), i);
      }
      return indexOf.get(stepId);
    }
    function stepAt(index) {
      if (byIndex === null) {
        const byId = new Map(steps.map((step, i) => [String(stepIds !== null ? stepIds[i] : step.step_id).toLowerCase(), step]));
        byIndex = steps.map((_, i) => byId.get(idAt(i)));
      }
      return byIndex[index];
    }
    /** The outcome object of _progressApplyResult's number, in the core's key order: {outcome, step_id?, issues}. */
    function resultOf(answer) {
      const code = answer % 16;
      const step = (answer - code) / 16;
      const outcome = resultOutcomes[code & 7];
      const issues = code & 8 ? read(wasm._progressLastIssues()) : [];
      return step > 0 ? { outcome, step_id: idAt(step - 1), issues } : { outcome, issues };
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
      // {"outcomes": [n, ...], "texts": [...], "issues": [...]}: the numbers read from the bytes, the rest as JSON.
      const view = wasm._progressApplyEvents(native, wire.writeInput(encoded.text));
      const { numbers: codes, end } = numbersAt(view, view.indexOf(91));
      const { texts, issues: found } = JSON.parse(`{${decoder.decode(view.subarray(end + 1))}`);
      // Five numbers per event into the outcome object, in the core's key order (append_event_outcome).
      const outcomes = new Array(codes.length / 5);
      for (let i = 0, k = 0; k < codes.length; i++, k += 5) {
        if (codes[k + 1] === 0 && codes[k + 4] === 0 && codes[k + 2] !== 0) { // the usual shape, as one literal
          outcomes[i] = { outcome: eventOutcomes[codes[k]], event_type: texts[codes[k + 3]], step_id: idAt(codes[k + 2] - 1) };
          continue;
        }
        const outcome = { outcome: eventOutcomes[codes[k]] };
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
        // Checked before textTooLarge is called: its arguments (a path array) would be built on every call.
        if (utf8Room(stepId, wire.limits.field) < 0)
          return { outcome: 'rejected', issues: [textTooLarge(stepId, wire.limits.field, ['step_id'], 'The step id')] };
        // A plain response is read once: its `error` decides the way in (a success needs nothing else from it), and
        // when its JSON has to go, that is the JSON of a copy holding the `error` read here.
        const plain = isPlainObject(response);
        const error = plain && 'error' in response ? ownEnumerable(response, 'error') : undefined; // `in` reads no value
        const at = resultOptions?.requestedAt;
        // A success (no body, or Seam's object without an error) goes typed; anything else as JSON for the core to read.
        const atMs = at === undefined ? NaN : at instanceof Date ? at.getTime() : typeof at === 'number' ? at : undefined;
        if ((response === undefined || (plain && error == null)) && (at === undefined || Math.abs(atMs) <= 8.64e15)) {
          // A step id exactly as the core writes it is sent as its index; any other text goes as JSON (the core finds it or says why).
          const index = stepIndex(stepId);
          const answer = index === undefined ? -2 : applySuccess(native, index, atMs);
          if (answer >= 0) return resultOf(answer);
        }
        const atText = requestedAtText(at);
        const body = encode(response === undefined ? {} : plain ? copyWith(response, 'error', error) : response);
        if (atText.issues || body.issues) return { outcome: 'rejected', issues: atText.issues ?? body.issues };
        const input = stepId + atText.text + body.text;
        const tooLarge = textTooLarge(input, wire.limits.text, [], 'The result (step id, requested_at and response)');
        if (tooLarge) return { outcome: 'rejected', issues: [tooLarge] };
        return resultOf(wasm._progressApplyResult(native, utf8Length(stepId), utf8Length(atText.text), wire.writeInput(input)));
      },
      /** The plan steps that can be called now. */
      runnable() {
        // Runs of `index - position` (PROTOCOL.md): at most two numbers per step.
        const runs = numbersAt(wasm._progressRunnable(live()), 0, 2 * stepCount).numbers;
        let total = 0;
        for (let r = 1; r < runs.length; r += 2) total += runs[r];
        recent = unrun(runs, Math.min(total, stepCount));
        for (let k = 0; k < recent.length; k++) recent[k] += k;
        cursor = 0;
        const out = new Array(recent.length);
        for (let i = 0; i < recent.length; i++) out[i] = stepAt(recent[i]);
        return out;
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

/** The plan's JSON without its steps and waves (what the plan cache compares besides the steps), or null. */
function headerOf(plan) {
  try {
    return JSON.stringify({ ...plan, steps: [], waves: [] });
  } catch {
    return null;
  }
}

/** The value of `object`'s own enumerable member `key` (what a spread copy would hold), read once; else undefined. */
function ownEnumerable(object, key) {
  return Object.prototype.propertyIsEnumerable.call(object, key) ? object[key] : undefined;
}

/** A copy of `object`'s own enumerable members, each read once, with `key` holding `value` (already read) instead. */
function copyWith(object, key, value) {
  const copy = {};
  for (const name of Object.keys(object)) copy[name] = name === key ? value : object[name];
  return copy;
}

/** True for what JSON.stringify writes as the same object: a plain object (no class, no toJSON). */
function isPlainObject(value) {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && typeof value.toJSON !== 'function';
}
