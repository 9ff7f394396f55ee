// Benchmark helpers: per-call throughput of a function over an input list, and a printed comparison table.

/** Calls fn(input) over `inputs` round-robin for ~`ms` ms after a warm-up; returns calls per second (best of `rounds`). */
export function throughput(fn, inputs, { ms = 700, rounds = 3 } = {}) {
  const n = inputs.length;
  let sink = 0;
  for (let i = 0; i < Math.min(20000, n * 4); i++) sink ^= fn(inputs[i % n]) ? 1 : 0; // warm-up (JIT)
  let best = 0;
  for (let round = 0; round < rounds; round++) {
    let calls = 0;
    const start = process.hrtime.bigint();
    let elapsed = 0;
    while (elapsed < ms * 1e6) {
      for (let i = 0; i < 1000; i++) sink ^= fn(inputs[(calls + i) % n]) ? 1 : 0;
      calls += 1000;
      elapsed = Number(process.hrtime.bigint() - start);
    }
    best = Math.max(best, calls / (elapsed / 1e9));
  }
  if (sink === 42) console.log(''); // keep `sink` alive
  return best;
}

/** Wall time of one call of fn(), in milliseconds (best of `rounds`). */
export function timeOnce(fn, rounds = 3) {
  let best = Infinity;
  for (let round = 0; round < rounds; round++) {
    const start = process.hrtime.bigint();
    fn();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return best;
}

/**
 * Calls fn() until `ms` milliseconds have passed, and at least `min` times: V8 compiles hot wasm and JS with its
 * optimizing tiers in the background after a while, where native code is compiled ahead of time.
 */
export function warmUp(fn, ms, min = 1) {
  const start = process.hrtime.bigint();
  for (let calls = 0; calls < min || Number(process.hrtime.bigint() - start) / 1e6 < ms; calls++) fn();
}

/**
 * Mean wall time of a call of fn(), in milliseconds, over at least `rounds` calls and at least `ms` milliseconds
 * (as Google Benchmark reports its native peers: a mean over a minimum time, so rare garbage-collector pauses
 * are counted at their real frequency).
 */
export function timeMean(fn, rounds, ms = 0) {
  const start = process.hrtime.bigint();
  let calls = 0;
  let elapsed = 0;
  while (calls < rounds || elapsed < ms) {
    fn();
    calls++;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  }
  return elapsed / calls;
}

/** The sum of a list of numbers. */
export const sum = (values) => values.reduce((a, b) => a + b, 0);

/** The median of a list of numbers. */
export function median(values) {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Formats calls/s as "12.3 M/s". */
export const rate = (perSecond) =>
  perSecond >= 1e6 ? `${(perSecond / 1e6).toFixed(2)} M/s` : `${(perSecond / 1e3).toFixed(1)} k/s`;

/** Deterministic pseudo-random numbers (xorshift32, the test corpora's generator): random(seed)(n) in [0, n). */
export { seeded as random } from '../../tests/js/corpus/phone-corpus.mjs';
