// importUserIdentities: a bulk import applied through Seam's API. Every row is validated first (the core's batch,
// against a freshly fetched workspace); the valid rows are created through /user_identities/create with bounded
// concurrency, the client's retry rules, and a pace that adapts to 429s (AIMD on a request rate, learned from the
// answers the limit let through). Seam has no idempotency keys, so a create whose answer may have been lost is never
// sent again blindly: /user_identities/get { user_identity_key } says whether it happened. Re-running an import
// after an abort or a crash creates only what is missing (a row already there with the same values is `existing`).
import { createWorkspace } from '#workspace';
import { createSeamClient, sleep } from './client.js';
import { SeamidError, abortError, isAbortError } from './errors.js';
import { fetchWorkspace } from './fetch.js';

/** Defaults of importUserIdentities. */
export const importDefaults = Object.freeze({ concurrency: 4, maxCreateAttempts: 3 });

const fields = ['user_identity_key', 'email_address', 'phone_number', 'full_name'];
const same = (a, b) => (a ?? null) === (b ?? null);

/** True when `identity` (as Seam lists it) holds exactly the row's key, email, phone and name (absent = null). */
function sameValues(row, identity) {
  return fields.every((field) => same(row[field], identity[field]));
}

/**
 * A request pace learned from 429s (AIMD on a rate): none until the first one. A 429 marks a ceiling (the answers
 * the limit let through in the last second) and drops the rate to 92% of it; each second without a 429
 * raises the rate 2% up to 97% of the ceiling, and each 10 s without one lifts the ceiling 2% (the limit may have
 * grown). Starts are spaced 1/rate apart, so a run settles just under the server's limit instead of bouncing off it:
 * every 429 costs a Retry-After pause of the whole pool.
 */
export function createPacer({ now = Date.now } = {}) {
  let rate = Infinity;
  let ceiling = Infinity;
  let next = 0;
  let raised = 0;
  let lastThrottle = 0;
  let pausedUntil = 0;
  const done = []; // times of answers that were not 429s, for the first estimate
  const trim = (t) => {
    while (done.length && done[0] <= t - 1000) done.shift();
  };
  return {
    get rate() {
      return rate;
    },
    /** Waits for the next start slot. */
    async acquire(signal) {
      if (rate === Infinity) return;
      const t = now();
      if (t - raised >= 1000) {
        raised = t;
        if (t - lastThrottle >= 10_000) {
          ceiling *= 1.02;
          lastThrottle = t;
        }
        rate = Math.min(rate * 1.02, Math.max(rate, ceiling * 0.97));
      }
      const at = Math.max(t, next);
      next = at + 1000 / rate;
      if (at > t) await sleep(at - t, signal);
    },
    /** An answer that was not a 429. */
    answered() {
      const t = now();
      done.push(t);
      trim(t);
    },
    /** A 429 whose retry waits `pauseMs`: the ceiling becomes what the limit let through in the last second; no start
     * is given out before the pause ends and the `retries` refused requests (sent again by the client) have had their
     * slots. */
    throttled(pauseMs = 0, retries = 1) {
      const t = now();
      trim(t);
      if (t < pausedUntil) return;  // requests sent before the pause began: one 429 per pause lowers the rate
      pausedUntil = t + pauseMs;
      ceiling = Math.max(1, done.length);
      rate = Math.max(0.5, ceiling * 0.92);
      lastThrottle = raised = t;
      next = Math.max(next, t + pauseMs + (retries * 1000) / rate);
    },
  };
}

/** Checks the options; answers them with defaults. */
function importOptions(options) {
  if (options === null || typeof options !== 'object') throw new TypeError('seamid: options must be an object');
  const concurrency = options.concurrency ?? importDefaults.concurrency;
  if (!(Number.isSafeInteger(concurrency) && concurrency >= 1 && concurrency <= 64)) throw new TypeError('seamid: options.concurrency must be an integer from 1 to 64');
  const maxCreateAttempts = options.maxCreateAttempts ?? importDefaults.maxCreateAttempts;
  if (!(Number.isSafeInteger(maxCreateAttempts) && maxCreateAttempts >= 1)) throw new TypeError('seamid: options.maxCreateAttempts must be a positive integer');
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') throw new TypeError('seamid: options.onProgress must be a function');
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) throw new TypeError('seamid: options.signal must be an AbortSignal');
  return { ...options, concurrency, maxCreateAttempts };
}

/**
 * Validates `rows` (CSV text or bytes, JSON text, or row objects) against the workspace as Seam lists it now and
 * creates the valid ones. Options: columns, defaultCountry, profile, format (as validateBatch); concurrency (default 4);
 * retry, timeoutMs (the client's); maxCreateAttempts per row (default 3); dryRun; signal; onProgress(event).
 * Resolves to the report { ok, usable, created, existing, invalid, failed, ... }; rejects with an AbortError (with
 * `report`) when aborted, or a SeamidError when Seam refuses the key or the workspace cannot be fetched.
 */
export async function importUserIdentities(seam, rows, options = {}) {
  const o = importOptions(options);
  const { signal } = o;
  const emit = (event) => o.onProgress?.({ ...event, at: new Date().toISOString() });
  const pacer = createPacer();
  const client = createSeamClient(seam, { retry: o.retry, timeoutMs: o.timeoutMs, concurrency: o.concurrency });
  const startedAt = Date.now();
  const report = {
    format: 'seamid.import_report/1', ok: false, usable: true, dry_run: o.dryRun === true, started_at: new Date(startedAt).toISOString(), duration_ms: 0,
    rows: 0, mapping: undefined, issues: [], created: [], existing: [], invalid: [], failed: [], pending: [],
    calls: 0, retries: 0, throttled: 0, rate_per_second: null,
  };
  const finish = () => {
    report.duration_ms = Date.now() - startedAt;
    report.calls = client.stats.requests;
    report.retries = client.stats.retries;
    report.throttled = client.stats.throttled;
    report.rate_per_second = Number.isFinite(pacer.rate) ? Math.round(pacer.rate * 10) / 10 : null;
    report.ok = report.usable && report.invalid.length === 0 && report.failed.length === 0 && (report.dry_run || report.pending.length === 0);
    for (const list of ['created', 'existing', 'invalid', 'failed', 'pending']) report[list].sort((a, b) => a.row - b.row);
    if (report.mapping === undefined) delete report.mapping;
    return report;
  };
  emit({ type: 'run_started' });

  // 1. The workspace as it is now, and the batch against it.
  if (signal?.aborted) throw abortError(signal, finish());
  const snapshot = await fetchWorkspace(client, { signal });
  emit({ type: 'workspace_fetched', identities: snapshot.length });
  const workspace = createWorkspace(snapshot);
  let batch;
  try {
    batch = await workspace.validateBatch(rows, {
      columns: o.columns, profile: o.profile, format: o.format, values: true, ...(o.defaultCountry !== undefined ? { defaultCountry: o.defaultCountry } : {}),
    });
  } finally {
    workspace.dispose();
  }
  report.rows = batch.summary.rows;
  report.mapping = batch.mapping;
  report.issues = batch.issues;
  if (!batch.usable) {
    report.usable = false;
    emit({ type: 'run_finished', ok: false });
    return finish();
  }

  // 2. Classify: a row already in the workspace with the same values is `existing` (a re-run); rows with errors are
  // `invalid`; the rest are to create.
  const byKey = new Map();
  const byEmail = new Map();
  const byPhone = new Map();
  for (const identity of snapshot) {
    if (typeof identity?.user_identity_key === 'string') byKey.set(identity.user_identity_key, identity);
    if (typeof identity?.email_address === 'string') byEmail.set(identity.email_address, identity);
    if (typeof identity?.phone_number === 'string') byPhone.set(identity.phone_number, identity);
  }
  const issuesByRow = new Map(batch.rows.map((row) => [row.row, row]));
  const toCreate = [];
  batch.values.forEach((values, index) => {
    const number = index + 1;
    const found = issuesByRow.get(number);
    const holder = values && ((values.user_identity_key != null && byKey.get(values.user_identity_key))
      || (values.user_identity_key == null && ((values.email_address != null && byEmail.get(values.email_address))
      || (values.phone_number != null && byPhone.get(values.phone_number)))));
    if (holder && sameValues(values, holder)) {
      report.existing.push({ row: number, user_identity_id: holder.user_identity_id, user_identity_key: holder.user_identity_key ?? null, matched_by: 'workspace' });
      return;
    }
    if (!values || found?.issues.some((issue) => issue.severity === 'error')) {
      report.invalid.push({ row: number, ...(found?.line ? { line: found.line } : {}), issues: found?.issues ?? [] });
      return;
    }
    toCreate.push({ row: number, values });
  });
  emit({ type: 'validated', rows: report.rows, to_create: toCreate.length, existing: report.existing.length, invalid: report.invalid.length });
  if (o.dryRun) {
    for (const item of toCreate) report.pending.push({ row: item.row, ...item.values });
    emit({ type: 'run_finished', ok: report.invalid.length === 0 });
    return finish();
  }

  // 3. Create, `concurrency` rows at a time, paced.
  const remaining = new Set(toCreate.map((item) => item.row));
  const getByKey = async (key) => {
    const answer = await client.call('/user_identities/get', { user_identity_key: key }, { signal });
    if (answer.ok && answer.body.user_identity && typeof answer.body.user_identity === 'object') return answer.body.user_identity;
    if (!answer.ok && answer.error.type === 'user_identity_not_found') return null;
    throw new SeamidError(`seamid: /user_identities/get answered ${answer.status} ${answer.ok ? 'without a user_identity' : answer.error.type}`, {
      code: answer.ok ? 'invalid_response' : 'api_error', route: '/user_identities/get',
    });
  };

  async function createOne({ row, values }) {
    const body = {};
    for (const field of [...fields, 'acs_system_ids']) if (values[field] !== undefined) body[field] = values[field];
    const key = typeof values.user_identity_key === 'string' ? values.user_identity_key : null;
    const failed = (error, extra = {}) => {
      report.failed.push({ row, user_identity_key: key, error, ...extra });
      emit({ type: 'row_failed', row, error });
    };
    for (let attempt = 1; ; attempt++) {
      await pacer.acquire(signal);
      emit({ type: 'row_sent', row, attempt });
      const answer = await client.call('/user_identities/create', body, {
        signal,
        resend: false,
        onRetry: (info) => {
          if (info.reason === 'rate_limited') {
            pacer.throttled(info.delayMs, o.concurrency);
            emit({ type: 'throttled', route: info.route, retryAfterMs: info.delayMs, rate: pacer.rate });
          }
          emit({ type: 'row_retried', row, ...info });
        },
      });
      pacer.answered();
      if (answer.ok) {
        const identity = answer.body.user_identity;
        if (!identity || typeof identity.user_identity_id !== 'string')
          return failed({ type: 'invalid_response', message: '/user_identities/create answered without a user_identity' });
        report.created.push({ row, user_identity_id: identity.user_identity_id, user_identity_key: identity.user_identity_key ?? key, confirmed_by: 'answer' });
        emit({ type: 'row_created', row, user_identity_id: identity.user_identity_id });
        return undefined;
      }
      // Refused (a 4xx) or unknown (the answer may have been lost after the effect): the key says what is there.
      if (key === null) {
        if (answer.uncertain)
          return failed({ type: 'outcome_unknown', message: `/user_identities/create got no usable answer (${answer.reason}) and the row has no user_identity_key to check; run the import again: a row created meanwhile is found by its email or phone` });
        return failed(answer.error);
      }
      const holder = await getByKey(key);
      if (holder && sameValues(values, holder)) {
        const entry = { row, user_identity_id: holder.user_identity_id, user_identity_key: key };
        // Our own create whose answer was lost, or someone else's: the values are the row's either way.
        if (answer.uncertain) {
          report.created.push({ ...entry, confirmed_by: 'get' });
          emit({ type: 'row_created', row, user_identity_id: holder.user_identity_id, confirmed_by: 'get' });
        } else {
          report.existing.push({ ...entry, matched_by: 'get' });
          emit({ type: 'row_existing', row, user_identity_id: holder.user_identity_id });
        }
        return undefined;
      }
      if (holder) return failed({ type: 'conflict', message: `user_identity_key ${key} is held by ${holder.user_identity_id} with other values` }, { user_identity_id: holder.user_identity_id });
      if (!answer.uncertain) return failed(answer.error);
      if (attempt >= o.maxCreateAttempts)
        return failed({ type: 'request_failed', message: `/user_identities/create had no usable answer ${attempt} times (${answer.reason}); /user_identities/get finds no ${key}` });
      emit({ type: 'row_retried', row, route: '/user_identities/create', attempt, reason: answer.reason, checked: true });
    }
  }

  let next = 0;
  let fatal = null;
  const worker = async () => {
    while (next < toCreate.length && fatal === null) {
      const item = toCreate[next++];
      try {
        await createOne(item);
        remaining.delete(item.row);
      } catch (error) {
        if (isAbortError(error) || error?.code === 'unauthorized') {
          fatal ??= error;
          return;
        }
        remaining.delete(item.row);
        report.failed.push({ row: item.row, user_identity_key: item.values.user_identity_key ?? null, error: { type: error?.code ?? 'error', message: error?.message ?? String(error) } });
        emit({ type: 'row_failed', row: item.row, error: { type: error?.code ?? 'error', message: error?.message } });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.concurrency, toCreate.length) }, worker));
  if (fatal) {
    for (const item of toCreate) if (remaining.has(item.row)) report.pending.push({ row: item.row, user_identity_key: item.values.user_identity_key ?? null });
    finish();
    emit({ type: 'run_finished', ok: false, error: fatal.message });
    if (isAbortError(fatal)) throw abortError(signal, report);
    fatal.report = report;
    throw fatal;
  }
  emit({ type: 'run_finished', ok: report.failed.length === 0 && report.invalid.length === 0, created: report.created.length });
  return finish();
}
