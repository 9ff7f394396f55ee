// The client adapter: both transports (@seamapi/http with its retries off, plain fetch), owned retries on the
// faults that merit them and never on 400/401, Retry-After and the pool-wide slowdown after a 429, abort.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SeamHttp } from '@seamapi/http/connect';
import { createSeamClient, SeamidError } from '../../bindings/js/src/seam/index.js';
import { simulator, plain, fast } from './helpers.mjs';

const transports = {
  'SeamHttp': (sim, apiKey = sim.apiKey) => SeamHttp.fromApiKey(apiKey, { endpoint: sim.endpoint }),
  'plain fetch': (sim, apiKey) => plain(sim, apiKey),
};

for (const [name, make] of Object.entries(transports)) {
  test(`${name}: each retryable fault is retried once and the call succeeds; the request counts say so`, async (t) => {
    const sim = await simulator(t, { seed: 11 });
    const [id] = sim.seed();
    const client = createSeamClient(make(sim), { retry: { ...fast.retry, timeoutMs: 1500 } });
    sim.setFaults({ slowMs: 3000 });
    for (const kind of ['429', '503', 'lost', 'garbage', 'slow']) {
      sim.inject('/client_sessions/list', kind);
      const before = sim.stats.byRoute['/client_sessions/list'] ?? 0;
      const retried = [];
      const answer = await client.call('/client_sessions/list', { user_identity_id: id }, { onRetry: (info) => retried.push(info.reason) });
      assert.equal(answer.ok, true, kind);
      assert.equal(answer.body.client_sessions.length, 2, kind);
      assert.equal(sim.stats.byRoute['/client_sessions/list'] - before, 2, `${kind}: one retry`);
      assert.deepEqual(retried, [{ 429: 'rate_limited', 503: 'http_503', lost: 'connection_lost', garbage: 'invalid_response', slow: 'timeout' }[kind]]);
    }
    assert.equal(client.stats.retries, 5);
    assert.equal(client.stats.throttled, 1);
  });

  test(`${name}: 401 is never retried; a JSON 4xx is an answer, not a retry; exhausted retries name the route`, async (t) => {
    const sim = await simulator(t);
    const [id] = sim.seed();
    const refused = createSeamClient(make(sim, 'seam_wrong_key'), { retry: fast.retry });
    await assert.rejects(refused.call('/user_identities/get', { user_identity_id: id }), (error) => error instanceof SeamidError && error.code === 'unauthorized' && error.status === 401);
    assert.equal(sim.stats.requests, 1);
    const client = createSeamClient(make(sim), { retry: fast.retry });
    const invalid = await client.call('/user_identities/get', {});
    assert.deepEqual([invalid.ok, invalid.status, invalid.error.type], [false, 400, 'invalid_input']);
    const missing = await client.call('/acs/credentials/delete', { acs_credential_id: '00000000-0000-4000-8000-000000000000' });
    assert.equal(missing.error.type, 'acs_credential_not_found');
    assert.equal(sim.stats.requests, 3);
    sim.inject('/phones/list', '503', 5);
    await assert.rejects(client.call('/phones/list', {}), (error) => error.code === 'request_failed' && error.attempts === 5 && /\/phones\/list/.test(error.message));
    assert.equal(sim.stats.byRoute['/phones/list'], 5);
  });
}

test('@seamapi/http keeps its own axios-retry off: a lost delete answer is re-sent by seamid only, once per attempt', async (t) => {
  const sim = await simulator(t);
  const [id] = sim.seed({ clientSessions: 1 });
  const [session] = sim.attached(id).client_sessions;
  const client = createSeamClient(transports.SeamHttp(sim), { retry: { ...fast.retry, attempts: 2 } });
  sim.inject('/client_sessions/delete', 'lost', 2);
  await assert.rejects(client.call('/client_sessions/delete', { client_session_id: session.client_session_id }), (error) => error.code === 'request_failed' && error.reason === 'connection_lost');
  // Two attempts, two requests: axios-retry would have added up to 2 more per attempt.
  assert.equal(sim.stats.deleteCalls.get(session.client_session_id), 2);
});

test('a 429 honours Retry-After and pauses the whole pool, not just the call that got it', async (t) => {
  const sim = await simulator(t);
  const ids = sim.seed({ identities: 4 });
  sim.setFaults({ retryAfterSeconds: 1 });
  const client = createSeamClient(plain(sim), { concurrency: 4, retry: fast.retry });
  sim.inject('/client_sessions/list', '429');
  const answers = await Promise.all(ids.flatMap((id) => [0, 1, 2].map(() => client.call('/client_sessions/list', { user_identity_id: id }))));
  assert.ok(answers.every((a) => a.ok));
  const limited = sim.stats.log.find((entry) => entry.fault === '429');
  // Requests already sent when the 429 arrived may be logged just after it (the simulator shares the test's event
  // loop, which a loaded machine delays); none is sent during the rest of the pause.
  const during = sim.stats.log.filter((entry) => entry.at > limited.at + 350 && entry.at < limited.at + 900);
  assert.deepEqual(during, []);
  const after = sim.stats.log.filter((entry) => entry.at >= limited.at + 900);
  assert.ok(after.length >= 1, 'the calls went on after Retry-After');
  assert.equal(client.stats.throttled, 1);
});

test('abort ends a retry sleep at once with an AbortError; bad arguments are TypeErrors', async (t) => {
  const sim = await simulator(t);
  const client = createSeamClient(plain(sim), { retry: { attempts: 5, baseDelayMs: 10_000, maxDelayMs: 10_000 } });
  sim.inject('*', '503', 5);
  const controller = new AbortController();
  const call = client.call('/phones/list', {}, { signal: controller.signal, onRetry: () => controller.abort() });
  await assert.rejects(call, (error) => error.name === 'AbortError');
  assert.equal(sim.stats.requests, 1);
  assert.throws(() => createSeamClient({}), TypeError);
  assert.throws(() => createSeamClient(plain(sim), { retry: { attempts: 0 } }), TypeError);
});
