// executeDeletion: runs a deletion plan against Seam. The plan comes from planDeletion and every step's bookkeeping
// from createDeletionProgress (the core); this file only issues the calls it says are runnable (bounded
// concurrency), polls /events/list once per run for what it awaits, and bounds every wait (AWS-waiter style).
import { createDeletionProgress } from '#deletion';
import { createSeamClient } from './client.js';
import { SeamidError, abortError, isAbortError } from './errors.js';

/** Executor defaults (issue 18): 4 calls at once, polls from 2 s growing towards 30 s, 10 min per awaited event.
 * maxNarrowing 24: a window of minutes halved 24 times is under a millisecond, the events' own resolution. */
export const executeDefaults = Object.freeze({
  concurrency: 4, pollIntervalMs: 2000, maxPollIntervalMs: 30_000, maxWaitMs: 600_000, sinceMarginSeconds: 60,
  eventsPageLimit: 500, maxNarrowing: 24,
});

// Where a step's resource is listed, to check it after its event did not come: route, params, list key.
const LISTED_AT = {
  client_session: (ctx) => ['/client_sessions/list', { user_identity_id: ctx.userIdentityId }, 'client_sessions'],
  acs_user: (ctx) => ['/acs/users/list', { user_identity_id: ctx.userIdentityId }, 'acs_users'],
  acs_credential: (ctx, id) => (ctx.credentialOwner.has(id)
    ? ['/acs/credentials/list', { acs_user_id: ctx.credentialOwner.get(id) }, 'acs_credentials']
    : ['/acs/credentials/list', { user_identity_id: ctx.userIdentityId }, 'acs_credentials']),
  enrollment_automation: (ctx) => ['/user_identities/enrollment_automations/list', { user_identity_id: ctx.userIdentityId }, 'enrollment_automations'],
  phone: (ctx) => ['/phones/list', { owner_user_identity_id: ctx.userIdentityId }, 'phones'],
};

/** Checks and completes executor options (shared with deleteUserIdentity). */
export function executeOptions(options = {}) {
  if (options === null || typeof options !== 'object') throw new TypeError('seamid: options must be an object');
  const o = { ...executeDefaults, ...options };
  if (!(Number.isSafeInteger(o.concurrency) && o.concurrency >= 1)) throw new TypeError('seamid: options.concurrency must be a positive integer');
  for (const key of ['pollIntervalMs', 'maxPollIntervalMs', 'maxWaitMs', 'sinceMarginSeconds'])
    if (!(typeof o[key] === 'number' && Number.isFinite(o[key]) && o[key] >= 0)) throw new TypeError(`seamid: options.${key} must be a non-negative number`);
  if (!(Number.isSafeInteger(o.eventsPageLimit) && o.eventsPageLimit >= 1)) throw new TypeError('seamid: options.eventsPageLimit must be a positive integer');
  if (o.signal !== undefined && !(o.signal instanceof AbortSignal)) throw new TypeError('seamid: options.signal must be an AbortSignal');
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') throw new TypeError('seamid: options.onProgress must be a function');
  if (o.webhookEvents !== undefined && typeof o.webhookEvents?.subscribe !== 'function')
    throw new TypeError('seamid: options.webhookEvents must have subscribe(listener) returning an unsubscribe function');
  return o;
}

// Event types whose resource id /events/list can filter on (its acs_credential_id, acs_user_id, device_id).
const FILTER_FIELD = { 'acs_credential.deleted': 'acs_credential_id', 'acs_user.deleted': 'acs_user_id', 'phone.deactivated': 'device_id' };

/**
 * Reads the events awaited by `query` (from progress.nextEventQuery()). /events/list has no cursor: an answer as
 * long as the page limit may have dropped events, so the query is narrowed rather than trusted: one event type at
 * a time, then per awaited resource id where the route filters on it, else the time window cut in halves with
 * `between` (at most `maxNarrowing` deep). `awaited` maps an event type to the step ids awaiting it.
 */
async function readEvents(client, query, awaited, o, counters) {
  const read = async (params) => {
    counters.polls++;
    const answer = await client.call('/events/list', { ...params, limit: o.eventsPageLimit }, { signal: o.signal });
    if (!answer.ok) throw new SeamidError(`seamid: /events/list answered ${answer.status} ${answer.error.type}: ${answer.error.message ?? ''}`, { code: 'api_error', route: '/events/list' });
    if (!Array.isArray(answer.body.events)) throw new SeamidError('seamid: /events/list answered without an events list', { code: 'invalid_response', route: '/events/list' });
    return answer.body.events;
  };
  const full = (events) => events.length >= o.eventsPageLimit;
  const first = await read({ event_types: query.event_types, since: query.since });
  if (!full(first)) return first;
  const out = [...first];
  const bisect = async (type, from, to, depth) => {
    const events = await read({ event_type: type, between: [new Date(from).toISOString(), new Date(to).toISOString()] });
    for (const event of events) out.push(event);
    if (!full(events)) return;
    if (depth >= o.maxNarrowing || to - from < 2) {
      counters.truncatedWindows++;
      return;
    }
    const middle = Math.floor((from + to) / 2);
    await bisect(type, from, middle, depth + 1);
    await bisect(type, middle, to, depth + 1); // the halves share their edge: an event read twice is a duplicate, ignored
  };
  for (const type of query.event_types) {
    const ids = awaited.get(type) ?? [];
    if (ids.length === 0) continue;
    const events = await read({ event_type: type, since: query.since });
    for (const event of events) out.push(event);
    if (!full(events)) continue;
    const field = FILTER_FIELD[type];
    if (field) {
      const lists = await Promise.all(ids.map((id) => read({ event_type: type, [field]: id, since: query.since })));
      for (const list of lists) for (const event of list) out.push(event);
    } else {
      await bisect(type, Date.parse(query.since), Date.now() + 1000, 1);
    }
  }
  return out;
}

/**
 * Runs one plan with a client from createSeamClient; answers the run's report, or throws SeamidError
 * deletion_failed (with the report) when steps failed or could not run, or an AbortError (with the report).
 */
export async function runPlan(client, plan, o, emit) {
  const startedAt = Date.now();
  const progress = createDeletionProgress(plan, { startedAt, sinceMarginSeconds: o.sinceMarginSeconds });
  if (!progress.ok) {
    throw new SeamidError(`seamid: not a valid deletion plan: ${progress.issues.map((i) => i.message).join('; ')}`, { code: 'invalid_plan', issues: progress.issues });
  }
  const requestsBefore = client.stats.requests;
  const retriesBefore = client.stats.retries;
  const ctx = { userIdentityId: plan.user_identity_id, credentialOwner: new Map() };
  const records = new Map();
  const steps = new Map(plan.steps.map((step) => [step.step_id.toLowerCase(), step]));
  const waveLeft = new Map();
  for (const step of plan.steps) {
    records.set(step.step_id.toLowerCase(), {
      step_id: step.step_id, resource: step.resource, endpoint: step.endpoint, wave: step.wave, outcome: 'not_run', confirmed_by: null,
      calls: 0, retries: 0, error: undefined,
    });
    waveLeft.set(step.wave, (waveLeft.get(step.wave) ?? 0) + 1);
    if (step.resource === 'acs_user') for (const dep of step.depends_on) ctx.credentialOwner.set(dep, step.step_id);
  }
  const counters = { polls: 0, truncatedWindows: 0, eventsSeen: 0, duplicates: 0, ignored: 0, listChecks: 0, pushedEvents: 0 };
  const inFlight = new Map();
  const awaiting = new Map(); // step id (lower case) -> when its call was answered
  const failed = new Set(); // steps whose call failed in this run (not re-issued: deleteUserIdentity re-plans)
  let fatal = null;
  let wake = null;
  let pollDelay = o.pollIntervalMs;
  let nextPollAt = 0;

  const record = (id) => records.get(String(id).toLowerCase());
  /** Until `ms` pass (Infinity: none), a call in flight ends (wake), or the signal aborts; leaves no timer behind. */
  function waitOrWake(ms) {
    return new Promise((resolve, reject) => {
      const signal = o.signal;
      let timer = null;
      const settle = () => {
        if (timer !== null) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        wake = null;
      };
      const done = () => {
        settle();
        resolve();
      };
      function onAbort() {
        settle();
        reject(abortError(signal));
      }
      if (signal?.aborted) return onAbort();
      if (Number.isFinite(ms)) timer = setTimeout(done, Math.max(0, ms));
      signal?.addEventListener('abort', onAbort, { once: true });
      wake = done;
    });
  }
  function confirm(id, by) {
    const rec = record(id);
    if (!rec || rec.outcome === 'confirmed') return;
    rec.outcome = 'confirmed';
    rec.confirmed_by = by;
    awaiting.delete(rec.step_id.toLowerCase());
    emit({ type: 'step_confirmed', step_id: rec.step_id, resource: rec.resource, confirmed_by: by });
    const left = waveLeft.get(rec.wave) - 1;
    waveLeft.set(rec.wave, left);
    if (left === 0) emit({ type: 'wave_done', wave: rec.wave });
  }
  function fail(rec, error) {
    rec.outcome = 'failed';
    rec.error = error;
    failed.add(rec.step_id.toLowerCase());
    emit({ type: 'step_failed', step_id: rec.step_id, resource: rec.resource, error });
  }

  function launch(step) {
    const rec = record(step.step_id);
    const run = (async () => {
      rec.calls++;
      rec.outcome = 'sent';
      emit({ type: 'step_sent', step_id: step.step_id, resource: step.resource, endpoint: step.endpoint });
      const requestedAt = Date.now();
      let answer;
      try {
        answer = await client.call(step.endpoint, step.params, {
          signal: o.signal,
          onRetry: (info) => {
            rec.retries++;
            emit({ type: 'step_retried', step_id: step.step_id, ...info });
          },
        });
      } catch (error) {
        if (isAbortError(error) || error?.code === 'unauthorized') throw error;
        answer = { ok: false, error: { type: error.code ?? 'request_failed', message: error.message } };
      }
      const result = progress.applyResult(step.step_id, answer.ok ? answer.body : { error: answer.error }, { requestedAt });
      switch (result.outcome) {
        case 'issued':
          rec.outcome = 'awaiting_event';
          awaiting.set(step.step_id.toLowerCase(), Date.now());
          emit({ type: 'step_awaiting_event', step_id: step.step_id, event_type: step.confirm.event_type });
          // A new wait: poll soon again, whatever the interval had grown to.
          pollDelay = o.pollIntervalMs;
          nextPollAt = Math.min(nextPollAt || Infinity, Date.now() + o.pollIntervalMs);
          break;
        case 'confirmed':
        case 'already_confirmed':
          confirm(step.step_id, 'result');
          break;
        case 'gone':
          confirm(step.step_id, 'not_found');
          break;
        default:
          fail(rec, answer.error ?? { type: 'rejected', message: JSON.stringify(result.issues) });
      }
    })();
    const id = step.step_id.toLowerCase();
    inFlight.set(id, run.catch((error) => {
      fatal ??= error;
    }).finally(() => {
      inFlight.delete(id);
      wake?.();
    }));
  }

  async function poll() {
    const query = progress.nextEventQuery();
    if (!query) return;
    const awaited = new Map();
    for (const id of awaiting.keys()) {
      const type = steps.get(id).confirm.event_type;
      if (!awaited.has(type)) awaited.set(type, []);
      awaited.get(type).push(steps.get(id).step_id);
    }
    const events = await readEvents(client, query, awaited, o, counters);
    let changed = false;
    for (const outcome of progress.applyEvents(events)) {
      counters.eventsSeen++;
      if (outcome.outcome === 'confirmed') {
        changed = true;
        confirm(outcome.step_id, 'event');
      } else if (outcome.outcome === 'duplicate' || outcome.outcome === 'already_confirmed') counters.duplicates++;
      else counters.ignored++;
    }
    // Nothing new: wait longer next time (towards maxPollIntervalMs), as AWS waiters do.
    pollDelay = changed ? o.pollIntervalMs : Math.min(o.maxPollIntervalMs, Math.max(1, pollDelay) * 1.5);
    nextPollAt = Date.now() + pollDelay;
  }

  /** After maxWaitMs without its event: confirmed if no longer listed, else failed with a named error. */
  async function checkListed(id) {
    const rec = record(id);
    counters.listChecks++;
    const [route, params, key] = LISTED_AT[rec.resource](ctx, rec.step_id);
    const answer = await client.call(route, params, { signal: o.signal });
    const { id_field: idField, event_type: eventType } = steps.get(id).confirm;
    let listed;
    if (answer.ok && Array.isArray(answer.body[key])) listed = answer.body[key].some((item) => String(item?.[idField]).toLowerCase() === id);
    else if (!answer.ok && /_not_found$/.test(answer.error.type)) listed = false;
    else listed = true; // an answer that says nothing: do not assume the resource is gone
    if (!listed) {
      progress.applyResult(rec.step_id, { error: { type: `${rec.resource}_not_found`, message: `not listed by ${route} after ${o.maxWaitMs} ms` } });
      confirm(rec.step_id, 'list_check');
    } else {
      awaiting.delete(id);
      fail(rec, { type: 'event_timeout', message: `seamid: no ${eventType} for ${rec.resource} ${rec.step_id} within ${o.maxWaitMs} ms, and ${route} still lists it` });
    }
  }

  const report = () => {
    const steps = [...records.values()].map((r) => ({ ...r, outcome: r.outcome === 'sent' || r.outcome === 'awaiting_event' ? 'unconfirmed' : r.outcome }));
    const count = (what) => steps.filter((s) => s.outcome === what).length;
    return {
      user_identity_id: plan.user_identity_id, order: plan.order, policy: plan.policy, done: !live || progress.done(),
      started_at: new Date(startedAt).toISOString(), duration_ms: Date.now() - startedAt,
      counts: { steps: steps.length, confirmed: count('confirmed'), failed: count('failed'), unconfirmed: count('unconfirmed'), not_run: count('not_run') },
      calls: client.stats.requests - requestsBefore, retries: client.stats.retries - retriesBefore,
      polls: counters.polls, pushed_events: counters.pushedEvents, events_seen: counters.eventsSeen, duplicate_events: counters.duplicates, ignored_events: counters.ignored,
      list_checks: counters.listChecks, truncated_event_windows: counters.truncatedWindows, steps,
    };
  };

  let live = true;
  // Events pushed by a webhook handler (already verified and parsed) confirm steps as polled ones do.
  const unsubscribe = o.webhookEvents?.subscribe((event) => {
    if (!live) return;
    for (const outcome of progress.applyEvents([event])) {
      counters.pushedEvents++;
      if (outcome.outcome === 'confirmed') {
        confirm(outcome.step_id, 'event');
        wake?.();
      }
    }
  });

  try {
    for (;;) {
      if (fatal) throw fatal;
      if (o.signal?.aborted) throw abortError(o.signal);
      if (!progress.done()) {
        for (const step of progress.runnable()) {
          if (inFlight.size >= o.concurrency) break;
          const id = step.step_id.toLowerCase();
          if (!inFlight.has(id) && !failed.has(id) && !awaiting.has(id)) launch(step);
        }
      }
      const waiting = [...awaiting.keys()];
      if (inFlight.size === 0 && (progress.done() || waiting.length === 0)) break;
      const now = Date.now();
      if (waiting.length && now >= nextPollAt) {
        await poll();
        continue;
      }
      const overdue = waiting.filter((id) => now - awaiting.get(id) >= o.maxWaitMs);
      if (overdue.length) {
        for (const id of overdue) await checkListed(id);
        continue;
      }
      let until = Infinity;
      if (waiting.length) { // a loop, not Math.min(...spread): a spread of many thousand steps overflows the call stack
        until = nextPollAt;
        for (const id of waiting) until = Math.min(until, awaiting.get(id) + o.maxWaitMs);
      }
      await waitOrWake(until - now);
    }
  } catch (error) {
    await Promise.allSettled(inFlight.values());
    const r = report();
    live = false;
    unsubscribe?.();
    progress.dispose();
    if (isAbortError(error)) throw abortError(o.signal, r);
    error.report ??= r;
    throw error;
  }
  const r = report();
  live = false;
  unsubscribe?.();
  const finished = progress.done();
  progress.dispose();
  r.done = finished;
  if (!finished) {
    const failedSteps = r.steps.filter((s) => s.outcome === 'failed');
    throw new SeamidError(`seamid: the deletion of ${plan.user_identity_id} did not finish: ${failedSteps.length} step(s) failed (${failedSteps.slice(0, 3).map((s) => `${s.resource} ${s.step_id}: ${s.error?.type}`).join('; ')}), ${r.counts.not_run} not run`, {
      code: 'deletion_failed', report: r,
    });
  }
  return r;
}

/**
 * Executes a plan from planDeletion against Seam (see runPlan): options concurrency, retry, pollIntervalMs,
 * maxPollIntervalMs, maxWaitMs, sinceMarginSeconds, signal, onProgress. Resolves to the run's report.
 */
export async function executeDeletion(seam, plan, options = {}) {
  const o = executeOptions(options);
  if (plan === null || typeof plan !== 'object' || plan.ok !== true)
    throw new SeamidError('seamid: executeDeletion needs a plan from planDeletion with ok: true', { code: 'invalid_plan', issues: plan?.issues });
  const emit = (event) => o.onProgress?.({ ...event, at: new Date().toISOString() });
  const client = createSeamClient(seam, { ...o, onThrottle: (info) => emit({ type: 'throttled', ...info }) });
  emit({ type: 'run_started', user_identity_id: plan.user_identity_id, steps: plan.steps.length });
  try {
    const report = await runPlan(client, plan, o, emit);
    emit({ type: 'run_finished', ok: true, calls: report.calls });
    return report;
  } catch (error) {
    emit({ type: 'run_finished', ok: false, error: error?.message });
    throw error;
  }
}
