// planDeletion / renderDeletionPlan / createDeletionProgress: the deletion planner of docs/deletion.md over the core.
// Plans are plain objects. A progress keeps its native state in the module behind a private integer handle,
// freed by dispose() (or, as a safety net, when the object is garbage-collected). Large plans never cross the
// boundary as JSON: the module sends a plan's steps as arrays, and a progress takes the plan as compact records,
// successes as step indexes, event objects as fixed-width records and event text as it is (answered with
// numbers); anything unusual takes the JSON path, which reports the exact issues.
import { inputIssue, typeIssue } from '../common/wire.js';

const utf8 = new TextDecoder();
const utf8Encoder = new TextEncoder();

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

  // The module's record buffer (event records, step ids) as a byte view; fetched again when it must grow or the
  // module's memory grew (every resize goes through recordBytes, so the view never points at freed memory).
  let records = null;
  function recordBytes(size) {
    if (records === null || records.length < size || records.buffer !== wasm.HEAPU8.buffer) records = wasm._eventRecordBuffer(Math.max(size, 4096));
    return records;
  }

  // The export applyResult calls once per result. Module._name is a lazy wrapper until its first call replaces
  // it with the wasm function itself: call it once (handle -1 is never live: it answers -1), then keep the function.
  wasm._seamid_deletion_apply_success_index(-1, 0, NaN);
  const applySuccessIndex = wasm._seamid_deletion_apply_success_index;

  let kindTable = null;
  /** The resource kinds in the core's order, with a Map from event type to kind index. */
  function kinds() {
    if (!kindTable) {
      const list = JSON.parse(wasm._deletionKinds());
      kindTable = {
        list, names: new Map(list.map((k, i) => [k.name, i])), idFields: list.map((k) => k.id_field),
        events: new Map(list.filter((k) => k.event_type).map((k) => [k.event_type, list.indexOf(k)])),
      };
    }
    return kindTable;
  }

  /** Per kind: what each step of that kind carries (same keys, same order as the plan JSON). */
  let stepTemplates = null;
  function templates() {
    if (!stepTemplates) {
      stepTemplates = kinds().list.map((kind) => ({
        name: kind.name, action: kind.action, endpoint: kind.endpoint, idField: kind.id_field, eventType: kind.event_type,
        makeParams: paramMakers[kind.id_field] ?? ((id) => ({ [kind.id_field]: id })),
      }));
    }
    return stepTemplates;
  }

  /**
   * Builds the plan object from _planDeletionBinary's answer (the same object JSON.parse of the plan JSON gives):
   * `layout` says where the header JSON and the per-step arrays (ids, kinds, waves, dependencies) are in wasm
   * memory. Also returns what the plan cache needs to recognise the plan unchanged: each step's id, kind, wave
   * and dependency indexes (copies of the module's arrays, in typed arrays the garbage collector never scans).
   */
  function planFromBinary(layout) {
    const [headerAt, headerLength, idsAt, count, kindsAt, wavesAt, startsAt, dependenciesAt, dependencyCount] = layout;
    const heap = wasm.HEAPU8;
    const plan = JSON.parse(utf8.decode(heap.subarray(headerAt, headerAt + headerLength)));
    const idText = utf8.decode(heap.subarray(idsAt, idsAt + 36 * count));
    const kindOf = heap.slice(kindsAt, kindsAt + count);
    const waveOf = new Uint32Array(heap.buffer, wavesAt, count).slice();
    const depStart = new Uint32Array(heap.buffer, startsAt, count + 1).slice();
    const depIndex = new Uint32Array(heap.buffer, dependenciesAt, dependencyCount).slice();
    const kindTemplates = templates();
    const ids = [];
    const steps = plan.steps;
    const waves = plan.waves;
    for (let s = 0; s < count; s++) {
      const id = idText.slice(36 * s, 36 * s + 36);
      ids.push(id);
      const kind = kindTemplates[kindOf[s]];
      const wave = waveOf[s];
      const depends = [];
      for (let d = depStart[s], end = depStart[s + 1]; d < end; d++) depends.push(ids[depIndex[d]]);
      // Object literals (not spreads of a template): each step gets its own params, confirm and depends_on.
      steps.push({
        step_id: id, resource: kind.name, action: kind.action, endpoint: kind.endpoint, params: kind.makeParams(id),
        confirm: kind.eventType ? { by: 'event', event_type: kind.eventType, id_field: kind.idField } : { by: 'result' },
        depends_on: depends, wave,
      });
      while (waves.length <= wave) waves.push([]);
      waves[wave].push(id);
    }
    return { plan, ids, kindOf, waveOf, depStart, depIndex }; // steps and waves were filled in place: the keys keep the plan JSON's order
  }

  // The plan planDeletion returned last, while the module still holds it (see _progressCreateCached): the
  // module's generation, and each step's id, kind, wave and dependencies as returned, so that
  // createDeletionProgress recognises the plan unchanged in everything a progress reads from it (the same fields
  // compactPlan sends); a plan changed since, or another plan, is sent to the module instead. The plan object
  // is the key of a WeakMap, not the target of a WeakRef: a WeakRef keeps its target alive until the current
  // job ends, so a synchronous loop of planDeletion calls kept every plan it made (the heap grew by each one).
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
    if (generation < 0 || cacheRegistry === null) return;
    const token = {};
    cacheRegistry.register(built.plan, generation, token);
    cache = {
      generation, token, header: headerOf(built.plan), ids: built.ids,
      kindOf: built.kindOf, waveOf: built.waveOf, depStart: built.depStart, depIndex: built.depIndex,
    };
    cachedPlans.set(built.plan, generation); // a number: an older plan object keeps none of the cache's arrays alive
  }

  /** True when `plan` is the cached plan object, unchanged in everything a progress reads from it. */
  function unchanged(plan) {
    if (cache === null || cachedPlans.get(plan) !== cache.generation) return false;
    const { ids, kindOf, waveOf, depStart, depIndex, header } = cache;
    const steps = plan.steps;
    if (!Array.isArray(steps) || steps.length !== ids.length) return false;
    const kindTemplates = templates();
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i];
      if (step === null || typeof step !== 'object' || step.step_id !== ids[i] || step.resource !== kindTemplates[kindOf[i]].name || step.wave !== waveOf[i])
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
    const checked = checkPlanOptions(options);
    const encoded = encode(snapshot);
    if (encoded.issues) return failedPlan(encoded.issues, checked);
    // The snapshot goes through the module's input buffer (TextEncoder), not embind's per-character copy.
    const length = wire.writeInput(encoded.text);
    const layout = wasm._planDeletionBinary(length, checked.order === 'guide' ? 1 : 0,
      checked.policy === 'minimal' ? 1 : 0, checked.maxResources ?? -1).slice();
    const built = planFromBinary(layout);
    wasm._releasePlanWords();
    remember(built);
    return built.plan;
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
    const header = headerOf(plan);
    if (header === null) return null;
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
    let handle = -1;
    let cachedIds = null; // the module's step ids (lower case, module order) when the cached plan is taken
    if (typeof plan === 'object' && unchanged(plan)) {
      handle = wasm._progressCreateCached(cache.generation, startedAt, marginMs);
      if (handle >= 0) cachedIds = cache.ids;
      cacheRegistry.unregister(cache.token);
      cache = null; // the module's copy is consumed
    }
    if (handle < 0) {
      const compact = typeof plan === 'object' ? compactPlan(plan) : null;
      if (compact) handle = wasm._progressCreateCompact(compact.header, wire.writeInput(compact.body), startedAt, marginMs);
    }
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
    const ids = cachedIds ?? byIndex.map((step) => step.step_id);

    function alive() {
      if (!live) throw new Error(handle < 0 ? 'seamid: this progress has no valid plan (see progress.issues)' : 'seamid: this deletion progress was disposed');
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
      /** Applies a list of events, or an /events/list response {events: [...]}, as objects or JSON text. */
      applyEvents(events) {
        alive();
        if (typeof events === 'string') {
          const fast = applyText(events);
          if (fast) return fast;
        }
        const list = Array.isArray(events) ? events : events && typeof events === 'object' && Array.isArray(events.events) ? events.events : null;
        const fast = list ? applyRecords(list) : null;
        if (fast) return fast;
        const result = applyMany(events);
        if (result.issues.length === 0) return result.outcomes;
        // Input that is not a list of events (malformed JSON, another type) applies nothing: one rejected outcome says why.
        if (result.outcomes.length === 0) return [{ outcome: 'rejected', event_type: '', issues: result.issues }];
        return result.outcomes.map((o) => ({ ...o, issues: result.issues }));
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
        const at = resultOptions?.requestedAt;
        const atMs = at === undefined ? NaN : at instanceof Date ? at.getTime() : typeof at === 'number' ? at : null;
        const success = response === undefined || (isPlainObject(response) && (response.error === undefined || response.error === null));
        if (stepId.length === 36 && success && atMs !== null && (at === undefined || Math.abs(atMs) <= 8.64e15)) {
          // A step id as the plan has it is found here; any other text (another case) is found by the module,
          // if it is ASCII (36 bytes for 36 UTF-16 units); the rest takes the JSON path, which says why.
          const index = stepIndex(stepId);
          const answer = index !== undefined ? applySuccessIndex(handle, index, atMs)
            : utf8Encoder.encodeInto(stepId, recordBytes(36)).written === 36 ? wasm._seamid_deletion_apply_success_id(handle, atMs) : -2;
          if (answer >= 0) {
            const code = answer % 32;
            const index = (answer - code) / 32;
            return {
              outcome: resultOutcomes[code & 15], step_id: canonicalId(index),
              issues: code & 16 ? JSON.parse(wasm._progressLastResultIssues()) : [],
            };
          }
        }
        const encoded = encode(response === undefined ? {} : response);
        if (encoded.issues) return { outcome: 'rejected', issues: encoded.issues };
        return JSON.parse(wasm._progressApplyResult(handle, stepId, encoded.text, requestedAt));
      },
      /** The plan steps that can be called now. */
      runnable() {
        alive();
        const indexes = wasm._progressRunnableIndexes(handle);
        const out = new Array(indexes.length);
        for (let i = 0; i < indexes.length; i++) out[i] = byIndex[indexes[i]];
        recent = indexes.slice();
        cursor = 0;
        return out;
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

    // The indexes runnable() answered last: callers apply results in that order or reversed, so a step id is
    // first looked for there, next to where the last one was found or at either end (the same string object
    // compares at once).
    let recent = [];
    let cursor = 0;
    /** The module's index of the step whose id is exactly `stepId`, if it is where the next one is expected; or undefined. */
    function stepIndex(stepId) {
      const last = recent.length - 1;
      // The places to look, in order (no array literal: this runs once per result).
      for (let attempt = 0; attempt < 5; attempt++) {
        const k = attempt === 0 ? cursor + 1 : attempt === 1 ? cursor - 1 : attempt === 2 ? cursor : attempt === 3 ? 0 : last;
        if (k < 0 || k > last || ids[recent[k]] !== stepId) continue;
        cursor = k;
        return recent[k];
      }
      return undefined;
    }

    let canonical = cachedIds; // the cached plan's ids are the module's own
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
      const { events, idFields } = kinds();
      const count = list.length;
      if (count === 0) return [];
      // Each event's kind, then the three fields a record carries (read once each).
      const kindsOf = new Uint8Array(count);
      for (let i = 0; i < count; i++) {
        const event = list[i];
        if (!isPlainObject(event)) return null;
        const kind = events.get(event.event_type);
        if (kind === undefined) return null;
        kindsOf[i] = kind;
      }
      const fields = new Array(count * 3);
      let size = 0;
      for (let i = 0; i < count; i++) {
        const event = list[i];
        const kind = kindsOf[i];
        const a = event.event_id, b = event.workspace_id, c = event[idFields[kind]];
        fields[3 * i] = a;
        fields[3 * i + 1] = b;
        fields[3 * i + 2] = c;
        size += 4 + (isId(a) ? 36 : 0) + (isId(b) ? 36 : 0) + (isId(c) ? 36 : 0);
      }
      // Nothing calls into the module between taking the view and the call that reads it.
      const bytes = recordBytes(size);
      let at = 0;
      for (let i = 0; i < count; i++) {
        bytes[at++] = 48 + kindsOf[i];
        for (let f = 3 * i; f < 3 * i + 3; f++) {
          const value = fields[f];
          if (!isId(value)) {
            bytes[at++] = 45; // '-'
            continue;
          }
          bytes[at++] = 61; // '='
          for (let j = 0; j < 36; j++) {
            const unit = value.charCodeAt(j);
            bytes[at++] = unit < 128 ? unit : 63; // '?': never part of a UUID, like the non-ASCII text it stands for
          }
        }
      }
      const codes = wasm._progressApplyEventRecords(handle, at);
      if (codes.length !== count * 2) return null;
      const out = new Array(count);
      for (let i = 0; i < count; i++) {
        const code = codes[2 * i];
        out[i] = eventOutcome(code, codes[2 * i + 1], list[i].event_type, code & 256 ? fields[3 * i].toLowerCase() : undefined);
      }
      return out;
    }

    /** One event's outcome object from the module's answer (code, step index), its event type and its event id. */
    function eventOutcome(code, step, eventType, eventId) {
      const reason = (code >> 4) & 15;
      if (reason === 0 && (code & 256) === 0 && step !== 0xffffffff)
        return { outcome: eventOutcomes[code & 15], event_type: eventType, step_id: canonicalId(step) }; // the usual shape
      const outcome = { outcome: eventOutcomes[code & 15] };
      if (reason) outcome.reason = ignoreReasons[reason];
      if (code & 256) outcome.event_id = eventId;
      outcome.event_type = eventType;
      if (step !== 0xffffffff) outcome.step_id = canonicalId(step);
      return outcome;
    }

    /**
     * Applies events given as JSON text (an /events/list response as received) in the module; null when the
     * text needs the JSON path (malformed, no events, an event that is not an object or not a deletion event):
     * then nothing was applied.
     */
    function applyText(text) {
      const length = wire.writeInput(text);
      // A copy: reading the event ids below goes through the module, which could move its memory.
      const codes = wasm._progressApplyEventsText(handle, length).slice();
      const count = codes.length / 2;
      if (count === 0) return null;
      const { list } = kinds();
      let idCount = 0;
      for (let i = 0; i < count; i++) idCount += (codes[2 * i] >> 8) & 1;
      // The module wrote each valid event id (lower case, 36 bytes) into the record buffer, in event order.
      const idText = idCount === 0 ? '' : utf8.decode(recordBytes(36 * idCount).subarray(0, 36 * idCount));
      const out = new Array(count);
      let idAt = 0;
      for (let i = 0; i < count; i++) {
        const code = codes[2 * i];
        let eventId;
        if (code & 256) {
          eventId = idText.slice(idAt, idAt + 36);
          idAt += 36;
        }
        out[i] = eventOutcome(code, codes[2 * i + 1], list[code >> 9].event_type, eventId);
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

/** True for a string of 36 UTF-16 units (what an event record carries; the module checks that it is a UUID). */
function isId(value) {
  return typeof value === 'string' && value.length === 36;
}

/** The plan as JSON without its steps and waves (what a progress reads besides the steps), or null. */
function headerOf(plan) {
  try {
    return JSON.stringify({ ...plan, steps: [], waves: [] });
  } catch {
    return null;
  }
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

/**
 * A step's params object per id field, as a literal of one key (Seam's parameter names, docs/deletion.md): far
 * cheaper to create than a copy of a template with a computed key. A kind not listed here (none today) gets
 * the generic computed-key literal.
 */
const paramMakers = {
  client_session_id: (id) => ({ client_session_id: id }),
  acs_credential_id: (id) => ({ acs_credential_id: id }),
  acs_user_id: (id) => ({ acs_user_id: id }),
  enrollment_automation_id: (id) => ({ enrollment_automation_id: id }),
  device_id: (id) => ({ device_id: id }),
  user_identity_id: (id) => ({ user_identity_id: id }),
};

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
