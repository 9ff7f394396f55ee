// Benchmark helpers: interleaved per-call throughput of several functions, mean and single-call times, medians.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/**
 * A loop of its own for one series: compiled from source per call, so each series has its own call site and type
 * feedback (a shared loop sees several functions, turns megamorphic and stops inlining the ones measured later).
 */
const loopOf = () =>
  new Function('fn', 'inputs', 'from', 'calls', `
    let sink = 0;
    const n = inputs.length;
    for (let i = 0; i < calls; i++) sink ^= fn(inputs[(from + i) % n]) ? 1 : 0;
    return sink;`);

/**
 * CPU time of the calling thread in ns (Linux: /proc/thread-self/schedstat; elsewhere the process's, from
 * process.cpuUsage). On a shared machine the share of a core a process gets changes from one slice to the next,
 * its CPU time per call much less. The main thread's alone, because the engine's helper threads collect and
 * compile for whichever series ran before; it leaves out a peer's concurrent marking, so it favours the peer.
 */
function threadCpuNs() {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'latin1').split(' ')[0]);
  } catch {
    const { user, system } = process.cpuUsage();
    return (user + system) * 1e3;
  }
}

/**
 * Per-call throughput of several functions over the same inputs, measured interleaved: every round runs each
 * series for ~`ms` ms in turn (after a warm-up of each), so a load change on a shared machine hits all of them
 * alike. `series` maps a name to fn(input). Returns, per name, the calls per second of main-thread CPU time of
 * every round and their median, and ratio(a, b): the median over rounds of a's rate over b's in the same round.
 */
export function compare(series, inputs, { rounds = 15, ms = 150, warmUpMs = 300 } = {}) {
  const names = Object.keys(series);
  const loops = Object.fromEntries(names.map((name) => [name, loopOf()]));
  const perRound = Object.fromEntries(names.map((name) => [name, []]));
  const perRoundProcess = Object.fromEntries(names.map((name) => [name, []]));
  let sink = 0;
  /** Runs one series for `duration` ms of wall time; returns its calls per second of the main thread's CPU time. */
  const runFor = (name, duration) => {
    const loop = loops[name];
    let calls = 0;
    const cpuStart = threadCpuNs();
    const processStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    while (Number(process.hrtime.bigint() - start) < duration * 1e6) {
      sink ^= loop(series[name], inputs, calls, 1000);
      calls += 1000;
    }
    const processCpu = process.cpuUsage(processStart);
    perRoundProcess[name].push(calls / ((processCpu.user + processCpu.system) / 1e6));
    return calls / ((threadCpuNs() - cpuStart) / 1e9);
  };
  for (const name of names) runFor(name, warmUpMs);
  for (let round = 0; round < rounds; round++)
    for (const name of round % 2 ? [...names].reverse() : names) perRound[name].push(runFor(name, ms));
  if (sink === 42) console.log(''); // keeps `sink` alive
  const rates = Object.fromEntries(names.map((name) => [name, { perSecond: median(perRound[name]), rounds: perRound[name] }]));
  for (const name of names) perRoundProcess[name].splice(0, 1); // the warm-up's
  return {
    rates,
    /** Median over rounds of rate(a) / rate(b) (main-thread CPU time). */
    ratio: (a, b) => median(perRound[a].map((value, round) => value / perRound[b][round])),
    /** The same ratio by the process's CPU time, the engine's helper threads (garbage collection) included. */
    processRatio: (a, b) => median(perRoundProcess[a].map((value, round) => value / perRoundProcess[b][round])),
  };
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

/**
 * The validation entry (validation-node.js) of another checkout, when SEAMID_BENCH_BASELINE names its
 * bindings/js/src/node.js (as in deletion.bench.mjs), for before/after series in the same run; else null.
 */
export async function baselineValidation() {
  const node = process.env.SEAMID_BENCH_BASELINE;
  return node ? import(new URL('validation-node.js', pathToFileURL(node)).href) : null;
}
