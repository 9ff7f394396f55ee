// Shared pieces of the seamid/seam tests: a simulator per test (closed by it), fast executor options, and the
// invariants every deletion run must keep.
import assert from 'node:assert/strict';
import { startSimulator } from '../seam-sim/simulator.js';

/** Executor options for tests: short polls, retries and waits (the production defaults are in seconds). The
 * request timeout stays long: the test machine can be loaded enough to make a healthy loopback call take a second. */
export const fast = Object.freeze({
  pollIntervalMs: 20, maxPollIntervalMs: 200, maxWaitMs: 3000, retry: { attempts: 5, baseDelayMs: 5, maxDelayMs: 40, timeoutMs: 5000 },
});

/** Starts a simulator closed when the test `t` ends. */
export async function simulator(t, options) {
  const sim = await startSimulator(options);
  t.after(() => sim.close());
  return sim;
}

/** The plain client of seamid (fetch, no SDK) for a simulator. */
export const plain = (sim, apiKey = sim.apiKey) => ({ endpoint: sim.endpoint, apiKey });

/**
 * The invariants of every run: nothing left of the identities, no premature call (unless `premature` says how
 * many the test provokes), at most `perResource` calls per resource, /events/list polled at most about once per
 * poll interval (no hot loop), and the whole run within `maxMs` (a generous bound against hangs, not a speed test).
 */
export function assertInvariants(sim, ids, { startedAt, premature = 0, perResource = 6, pollIntervalMs = fast.pollIntervalMs, maxMs = 30_000, extraPolls = 0 } = {}) {
  for (const id of ids) {
    const left = sim.attached(id);
    assert.equal(left.user_identity, null, `identity ${id} is gone`);
    for (const [list, items] of Object.entries(left)) if (Array.isArray(items)) assert.deepEqual(items, [], `${list} of ${id} are gone`);
  }
  assert.equal(sim.stats.premature.length, premature, `premature calls: ${JSON.stringify(sim.stats.premature)}`);
  for (const [id, calls] of sim.stats.deleteCalls) assert.ok(calls <= perResource, `${calls} delete calls for ${id}`);
  const elapsed = Date.now() - startedAt;
  assert.ok(elapsed <= maxMs, `the run took ${elapsed} ms`);
  // Each run polls at most once per interval, plus one narrowing pair now and then; runs in parallel each poll.
  const bound = (Math.ceil(elapsed / pollIntervalMs) + 5) * Math.max(1, ids.length) + extraPolls;
  assert.ok(sim.stats.eventsListCalls <= bound, `${sim.stats.eventsListCalls} /events/list calls in ${elapsed} ms (bound ${bound})`);
}
