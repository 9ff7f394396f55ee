// Deletion planning through the public JS API (WASM) against the native C++ API on the same workload, same run:
// plan + full progress replay for 100 ACS users x 100 credentials, 50 phones, 50 client sessions (x1, x10;
// x100 with SEAMID_BENCH_X100=1). The same inputs on both sides:
//   - the snapshot as JSON text (what the list endpoints return): planDeletion(text) / plan_deletion(text);
//   - each runnable step's result is a success: applyResult(id, {ok: true}) / apply_result(step, nullopt);
//   - each wave's events as one /events/list response text, reversed: applyEvents(text) / apply_events_json(text);
//     the texts are built before timing on both sides (Seam's answers are the harness's work).
// Native peer: build/native/bench/seamid_deletion_paced, interleaved run by run (the end-to-end run of
// BM_DeletionApiEndToEnd in build/native/bench/seamid_bench; the typed BM_DeletionPlanAndReplay is the 5 ms
// target). SEAMID_BENCH_BASELINE=<path to another checkout's bindings/js/src/node.js> also times that build in the
// same run (before/after comparisons).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as current from '../../bindings/js/src/node.js';
import { median, timeMean, warmUp } from './measure.mjs';
import { interleave, pacedPeer, ratioText } from './paced.mjs';

const hex = (n) => n.toString(16).padStart(8, '0');
const id = (prefix, n) => `${hex(prefix)}-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** The same identity as bench/bench-deletion.cpp, scaled. */
export function snapshot(scale) {
  const workspace = '5f9b5e1a-7c2d-4e3f-8a1b-2c3d4e5f6a7b';
  const identity = '22222222-2222-2222-2222-222222222222';
  const users = Array.from({ length: 100 * scale }, (_, u) => ({ acs_user_id: id(0xac500001, u), user_identity_id: identity }));
  return {
    user_identity: { user_identity_id: identity, workspace_id: workspace },
    client_sessions: Array.from({ length: 50 * scale }, (_, i) => ({ client_session_id: id(0xc5e55001, i), workspace_id: workspace })),
    acs_users: users,
    acs_credentials: users.flatMap((user, u) => Array.from({ length: 100 }, (_, c) => ({ acs_credential_id: id(0xc4ed0001, u * 100 + c), acs_user_id: user.acs_user_id }))),
    enrollment_automations: [],
    phones: Array.from({ length: 50 * scale }, (_, i) => ({ device_id: id(0x0f0e0001, i) })),
  };
}

/** Events per /events/list page: Seam answers at most 500 a page (bench/deletion_workload.hpp sends the same pages). */
const eventsPerPage = 500;

/**
 * Each wave's /events/list pages during a replay of `snapshotText` through `api`: the events of the wave's runnable
 * steps, reversed, 500 a page. Built by a dry run before timing: producing Seam's answers is the harness's work, not
 * the library's (bench/bench-deletion.cpp does the same for the native peer). Throws when a page is refused or the
 * dry run takes more waves than the plan has steps, instead of looping.
 */
export function waveEventTexts(api, snapshotText) {
  const plan = api.planDeletion(snapshotText, { maxResources: 2_000_000 });
  const progress = api.createDeletionProgress(plan, { startedAt: 0 });
  const waves = [];
  try {
    while (!progress.done()) {
      if (waves.length > plan.steps.length) throw new Error('deletion bench: the dry run did not finish');
      const runnable = progress.runnable();
      const events = [];
      for (let i = runnable.length - 1; i >= 0; i--) {
        const step = runnable[i];
        progress.applyResult(step.step_id, { ok: true });
        if (step.confirm.by === 'event') events.push(`{"event_type": "${step.confirm.event_type}", "${step.confirm.id_field}": "${step.step_id}"}`);
      }
      const pages = [];
      for (let at = 0; at < events.length || pages.length === 0; at += eventsPerPage)
        pages.push(`{"events": [${events.slice(at, at + eventsPerPage).join(',')}]}`);
      for (const page of pages) {
        const refused = progress.applyEvents(page).find((outcome) => outcome.outcome === 'rejected');
        if (refused) throw new Error(`deletion bench: a page was refused: ${JSON.stringify(refused.issues)}`);
      }
      waves.push(pages);
    }
    return waves;
  } finally {
    progress.dispose();
  }
}

/** A call's response body: made by the HTTP client, not by the library, so the harness makes it once. */
const success = { ok: true };

/** Plan + replay through `api`: each runnable step succeeds (in reverse order); each wave's events arrive as the pages `waveEvents[wave]`. */
export function planAndReplay(api, snapshotText, waveEvents) {
  const plan = api.planDeletion(snapshotText, { maxResources: 2_000_000 });
  const progress = api.createDeletionProgress(plan, { startedAt: 0 });
  try {
    for (let wave = 0; !progress.done(); wave++) {
      if (wave === waveEvents.length) throw new Error('deletion bench: the replay took more waves than its dry run');
      const runnable = progress.runnable();
      for (let i = runnable.length - 1; i >= 0; i--) progress.applyResult(runnable[i].step_id, success);
      for (const page of waveEvents[wave]) progress.applyEvents(page);
    }
    return plan.steps.length;
  } finally {
    progress.dispose();
  }
}

const nativeBinary = new URL('../../build/native/bench/seamid_bench', import.meta.url).pathname;
const pacedTool = new URL('../../build/native/bench/seamid_deletion_paced', import.meta.url).pathname;

/** Google Benchmark's mean of `filter` (ms) over at least `seconds`; null without the native build. */
function nativeMs(filter, seconds) {
  if (!existsSync(nativeBinary)) return null;
  const run = spawnSync(nativeBinary, [`--benchmark_filter=${filter}$`, '--benchmark_format=json', `--benchmark_min_time=${seconds}`], { encoding: 'utf8' });
  if (run.status !== 0) return null;
  const [row] = JSON.parse(run.stdout).benchmarks;
  return row.real_time; // ms (the benchmark's unit)
}

/**
 * The native peer (seamid_deletion_paced, the same end-to-end run as BM_DeletionApiEndToEnd) and `jsRun`, run by
 * run (paced.mjs): native, JS, native, JS, ... until the JS runs add up to `ms` and there are at least `minPairs`
 * pairs. Null without the native build.
 */
function interleaved(scale, jsRun, ms, minPairs) {
  const peer = pacedPeer(pacedTool, [String(scale)], 'deletion bench');
  if (peer === null) return null;
  try {
    return interleave(() => peer.run('run'), jsRun, ms, minPairs);
  } finally {
    peer.close();
  }
}

/**
 * This build against the baseline build, run by run in one process, the order alternating pair by pair (this, then
 * the baseline; then the baseline first): timing one after the other biases the ratio by which runs first (two
 * copies of one build measured 0.8-0.9x at x10 and 1.4-1.6x at x1 that way). Answers each side's mean run and
 * the median over pairs of baseline / this.
 */
function againstBaseline(thisRun, baselineRun, ms, minPairs) {
  // As long a warm-up as this build had (its own and the native pairs'): V8 tiers a module's hot functions up in
  // the background, and a baseline still partly in Liftoff measured 10% slower at x10.
  warmUp(baselineRun, ms, 4);
  const mine = [], theirs = [], ratios = [];
  const time = (fn) => {
    const start = process.hrtime.bigint();
    fn();
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const started = process.hrtime.bigint();
  for (let pair = 0; pair < minPairs || Number(process.hrtime.bigint() - started) / 1e6 < ms; pair++) {
    let a, b;
    if (pair % 2 === 0) {
      a = time(thisRun);
      b = time(baselineRun);
    } else {
      b = time(baselineRun);
      a = time(thisRun);
    }
    mine.push(a);
    theirs.push(b);
    ratios.push(b / a);
  }
  const mean = (xs) => xs.reduce((x, y) => x + y, 0) / xs.length;
  return { mine: mean(mine), theirs: mean(theirs), ratio: median(ratios), pairs: ratios.length };
}

/** Runs the benchmark and returns its rows. */
export async function run() {
  const baselinePath = process.env.SEAMID_BENCH_BASELINE;
  const baseline = baselinePath ? await import(baselinePath) : null;
  const rows = [];
  const perResource = [];
  const scales = process.env.SEAMID_BENCH_X100 ? [1, 10, 100] : [1, 10];
  for (const scale of scales) {
    const text = JSON.stringify(snapshot(scale));
    const resources = 50 * scale * 2 + 100 * scale * 101;
    // Both sides warm: the JS side first runs for 1.5 s (V8 tiers the module's hot functions up in the background,
    // which one warm-up run did not leave time for: x1 took 45 ms after 1 run, 23-30 ms after 10); the native
    // tool warms up for 0.5 s. Then they take turns run by run (interleaved above).
    const waveEvents = waveEventTexts(current, text);
    const jsRun = () => planAndReplay(current, text, waveEvents);
    warmUp(jsRun, 1500, 2);
    const measured = interleaved(scale, jsRun, scale === 100 ? 15000 : 6000, scale === 100 ? 3 : 10);
    const wasm = measured ? measured.js : timeMean(jsRun, 2, 3000);
    const native = measured ? measured.native : null;
    const typed = nativeMs(`BM_DeletionPlanAndReplay/${scale}`, 2);
    perResource.push([scale, wasm / resources, native === null ? null : native / resources]);
    rows.push({ name: `x${scale} (${resources} resources): WASM via the JS API`, value: `${wasm.toFixed(1)} ms` });
    if (measured) {
      rows.push({ name: `x${scale}: native C++ API, same inputs (seamid_deletion_paced)`, value: `${native.toFixed(1)} ms` });
      rows.push({ name: `x${scale}: ratio WASM / native (${measured.pairs} interleaved pairs)`,
        value: ratioText(measured) });
    }
    if (typed !== null) rows.push({ name: `x${scale}: native typed plan + replay (BM_DeletionPlanAndReplay)`, value: `${typed.toFixed(2)} ms` });
    if (baseline && scale <= 10) {
      const against = againstBaseline(jsRun, () => planAndReplay(baseline, text, waveEvents), scale === 1 ? 6000 : 10000, 10);
      rows.push({
        name: `x${scale}: baseline build / this build (${against.pairs} pairs, order alternating)`,
        value: `${against.ratio.toFixed(2)}x (baseline ${against.theirs.toFixed(1)} ms, this build ${against.mine.toFixed(1)} ms)`,
        ratio: against.ratio,
      });
    }
  }
  for (const [scale, wasm, native] of perResource.slice(1))
    rows.push({ name: `time per resource x${scale} / x1 (1.0 = linear)`, value: `WASM ${(wasm / perResource[0][1]).toFixed(2)}${native === null ? '' : `, native ${(native / perResource[0][2]).toFixed(2)}`}` });
  return rows;
}
