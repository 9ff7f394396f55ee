// The connection to Seam's API: one call per route through an @seamapi/http client (its own retries turned off
// per request) or a plain { endpoint, apiKey, fetch }, with seamid's own bounded, jittered retries and a shared
// pool that a 429 slows down as a whole. Answers come back as data; only auth, exhausted retries and aborts throw.
import { SeamidError, abortError } from './errors.js';

const CLIENT = Symbol('seamid.seam.client');

// Routes @seamapi/http 1.102.0 sends as GET with a query string; every other route is POST with a JSON body.
const GET_ROUTES = new Set(['/acs/credentials/list']);

/** Retry and pool defaults: about 5 attempts, full jitter from 0.5 s capped at 20 s (as issue 18 asks). */
export const clientDefaults = Object.freeze({
  attempts: 5, baseDelayMs: 500, maxDelayMs: 20_000, maxRetryAfterMs: 60_000, timeoutMs: 30_000, concurrency: 4,
});

/** Sleeps `ms`, or rejects with an AbortError as soon as `signal` aborts. */
export function sleep(ms, signal) {
  if (signal?.aborted) return Promise.reject(abortError(signal));
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const isApiError = (body) => isObject(body) && isObject(body.error) && typeof body.error.type === 'string';

/** Retry-After in ms (delta-seconds or an HTTP date), or null. */
function retryAfterMs(value) {
  if (value == null || value === '') return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : null;
}

/** A request function over an @seamapi/http client: its axios instance, no axios-retry, every status answered. */
function axiosTransport(seam) {
  const client = seam.client;
  return async (route, method, params, signal, timeoutMs) => {
    try {
      const res = await client.request({
        url: route, method, ...(method === 'GET' ? { params } : { data: params }),
        'axios-retry': { retries: 0 }, validateStatus: () => true, signal, timeout: timeoutMs,
      });
      const header = (name) => (typeof res.headers?.get === 'function' ? res.headers.get(name) : res.headers?.[name]) ?? null;
      return { status: res.status, body: res.data, retryAfter: header('retry-after'), requestId: header('seam-request-id') };
    } catch (error) {
      if (signal?.aborted) throw abortError(signal);
      // A 401 may still arrive as SeamHttpUnauthorizedError when a caller's interceptor rethrows it.
      if (error?.statusCode === 401 || error?.response?.status === 401) return { status: 401, body: { error: { type: 'unauthorized', message: 'Unauthorized' } } };
      return { networkError: error, timedOut: error?.code === 'ECONNABORTED' || error?.code === 'ETIMEDOUT' };
    }
  };
}

/** AbortSignal.any (Node 20.3+, current browsers), or the same by hand where it is missing (Node 18). */
function anySignal(a, b) {
  if (typeof AbortSignal.any === 'function') return AbortSignal.any([a, b]);
  const controller = new AbortController();
  for (const s of [a, b]) {
    if (s.aborted) controller.abort(s.reason);
    else s.addEventListener('abort', () => controller.abort(s.reason), { once: true });
  }
  return controller.signal;
}

function queryString(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value === undefined || value === null) continue;
    for (const v of [].concat(value)) search.append(key, String(v));
  }
  return search.toString();
}

/** A request function over fetch: Bearer auth, JSON bodies, a per-request timeout. */
function fetchTransport({ endpoint, apiKey, fetch: fetchFn = globalThis.fetch }) {
  if (typeof fetchFn !== 'function') throw new TypeError('seamid: no fetch available; pass { fetch }');
  const base = endpoint.replace(/\/+$/, '');
  return async (route, method, params, signal, timeoutMs) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const combined = signal ? anySignal(signal, timeout) : timeout;
    const query = method === 'GET' ? queryString(params) : '';
    try {
      const res = await fetchFn(`${base}${route}${query ? `?${query}` : ''}`, {
        method, signal: combined,
        headers: { authorization: `Bearer ${apiKey}`, accept: 'application/json', ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) },
        body: method === 'POST' ? JSON.stringify(params ?? {}) : undefined,
      });
      const text = await res.text();
      let body = text;
      try {
        body = JSON.parse(text);
      } catch {
        // Not JSON: kept as text, classified by the caller.
      }
      return { status: res.status, body, retryAfter: res.headers.get('retry-after'), requestId: res.headers.get('seam-request-id') };
    } catch (error) {
      if (signal?.aborted) throw abortError(signal);
      return { networkError: error, timedOut: timeout.aborted };
    }
  };
}

/**
 * A pool of request slots shared by one run: at most `max` requests at once; a 429 halves the limit and pauses
 * every caller until Retry-After has passed; each run of successes as long as the limit raises it by one again.
 */
function createPool(max, stats) {
  let limit = max;
  let active = 0;
  let pausedUntil = 0;
  let streak = 0;
  const waiters = [];
  const wakeOne = () => waiters.shift()?.();
  return {
    get limit() {
      return limit;
    },
    async acquire(signal) {
      for (;;) {
        const pause = pausedUntil - Date.now();
        if (pause > 0) {
          await sleep(pause, signal);
          continue;
        }
        if (active < limit) {
          active++;
          return;
        }
        await new Promise((resolve, reject) => {
          const onAbort = () => {
            const i = waiters.indexOf(done);
            if (i >= 0) waiters.splice(i, 1);
            reject(abortError(signal));
          };
          function done() {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          }
          if (signal?.aborted) return onAbort();
          waiters.push(done);
          signal?.addEventListener('abort', onAbort, { once: true });
        });
      }
    },
    release() {
      active--;
      wakeOne();
    },
    success() {
      if (limit < max && ++streak >= limit) {
        limit++;
        streak = 0;
        wakeOne();
      }
    },
    throttle(ms) {
      pausedUntil = Math.max(pausedUntil, Date.now() + ms);
      limit = Math.max(1, Math.floor(limit / 2));
      streak = 0;
      stats.throttled++;
    },
  };
}

/**
 * Wraps `seam` (an @seamapi/http SeamHttp client, a plain { endpoint, apiKey, fetch? }, or a client made here) as
 * seamid's client: call(route, params, { signal, onRetry }) answers { ok: true, body } or, for a JSON 4xx error
 * other than 401/403, { ok: false, status, error }; it throws SeamidError (unauthorized, request_failed,
 * invalid_response) or an AbortError.
 */
export function createSeamClient(seam, options = {}) {
  if (seam?.[CLIENT]) return seam;
  let transport;
  if (seam && typeof seam.client?.request === 'function') transport = axiosTransport(seam);
  else if (seam && typeof seam.endpoint === 'string' && typeof seam.apiKey === 'string') transport = fetchTransport(seam);
  else throw new TypeError('seamid: seam must be an @seamapi/http client (SeamHttp.fromApiKey(...)) or { endpoint, apiKey, fetch? }');
  const retry = { ...clientDefaults, ...options.retry };
  if (options.timeoutMs !== undefined) retry.timeoutMs = options.timeoutMs;
  if (!(Number.isSafeInteger(retry.attempts) && retry.attempts >= 1)) throw new TypeError('seamid: retry.attempts must be a positive integer');
  for (const key of ['baseDelayMs', 'maxDelayMs', 'maxRetryAfterMs', 'timeoutMs'])
    if (!(typeof retry[key] === 'number' && retry[key] >= 0)) throw new TypeError(`seamid: retry.${key} must be a non-negative number`);
  const concurrency = options.concurrency ?? clientDefaults.concurrency;
  const stats = { requests: 0, retries: 0, throttled: 0, byRoute: {} };
  // One slot more than the step concurrency: the event poller never waits behind the steps.
  const pool = createPool(concurrency + 1, stats);
  const random = options.random ?? Math.random;

  /** Full jitter: uniform in [0, min(cap, base * 2^(attempt-1))] (AWS's "full jitter"). */
  const backoff = (attempt) => random() * Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));

  // resend: false for a call that is not idempotent (a create): an answer that may have been lost after the effect
  // (lost connection, timeout, 5xx, a 2xx that is not JSON) is not sent again but answered { ok: false, uncertain: true,
  // reason } for the caller to check first; a 429 (refused before any effect) is still retried.
  async function call(route, params = {}, { signal, onRetry, resend = true } = {}) {
    const method = GET_ROUTES.has(route) ? 'GET' : 'POST';
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw abortError(signal);
      await pool.acquire(signal);
      let answer;
      try {
        answer = await transport(route, method, params, signal, retry.timeoutMs);
      } finally {
        pool.release();
      }
      stats.requests++;
      stats.byRoute[route] = (stats.byRoute[route] ?? 0) + 1;
      const { status, body } = answer;
      let reason;
      let wait = null;
      if (answer.networkError) reason = answer.timedOut ? 'timeout' : 'connection_lost';
      else if (status >= 200 && status < 300) {
        if (isObject(body)) {
          pool.success();
          return { ok: true, status, body, attempts: attempt };
        }
        reason = 'invalid_response';
      } else if (status === 401 || status === 403) {
        throw new SeamidError(`seamid: Seam refused the API key (${status}) on ${route}`, { code: 'unauthorized', status, route, requestId: answer.requestId });
      } else if (status === 429) {
        reason = 'rate_limited';
        wait = Math.min(retryAfterMs(answer.retryAfter) ?? retry.baseDelayMs, retry.maxRetryAfterMs);
        pool.throttle(wait);
        options.onThrottle?.({ route, retryAfterMs: wait, limit: pool.limit });
      } else if (status >= 500) reason = `http_${status}`;
      else if (isApiError(body)) return { ok: false, status, error: { ...body.error, request_id: answer.requestId ?? undefined }, attempts: attempt };
      else if (status === 404) return { ok: false, status, error: { type: 'route_not_found', message: `${route} answered 404 without a Seam error` }, attempts: attempt };
      else reason = 'invalid_response';
      if (!resend && reason !== 'rate_limited') return { ok: false, uncertain: true, reason, status, attempts: attempt };
      if (attempt >= retry.attempts) {
        const what = answer.networkError ? String(answer.networkError.message ?? answer.networkError) : `HTTP ${status}${typeof body === 'string' ? ` ${JSON.stringify(body.slice(0, 60))}` : ''}`;
        throw new SeamidError(`seamid: ${route} failed after ${attempt} attempts (${reason}: ${what})`, {
          code: reason === 'invalid_response' ? 'invalid_response' : 'request_failed', status, route, attempts: attempt, reason,
        });
      }
      const delay = Math.max(backoff(attempt), wait ?? 0);
      stats.retries++;
      onRetry?.({ route, attempt, reason, status, delayMs: delay });
      await sleep(delay, signal);
    }
  }

  return { [CLIENT]: true, call, stats, retry: Object.freeze(retry), concurrency };
}
