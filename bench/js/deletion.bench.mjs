// Deletion planning through the public JS API (WASM) against the native core on the same pipeline, same run:
// plan + full progress replay for 100 ACS users x 100 credentials, 50 phones, 50 client sessions (x1, x10).
// The native figure comes from build/native/bench/seamid_bench (BM_DeletionJsonPipeline) when it is built.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createDeletionProgress, planDeletion } from '../../bindings/js/src/node.js';
import { timeOnce } from './measure.mjs';

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

/** Plan + replay: each runnable step succeeds, its events come back as one /events/list response per wave (reversed). */
export function planAndReplay(input) {
  const plan = planDeletion(input, { maxResources: 2_000_000 });
  const progress = createDeletionProgress(plan, { startedAt: 0 });
  try {
    while (!progress.done()) {
      const runnable = progress.runnable();
      for (const step of runnable) progress.applyResult(step.step_id, { ok: true });
      const events = runnable.filter((s) => s.confirm.by === 'event').reverse()
        .map((s) => ({ event_type: s.confirm.event_type, [s.confirm.id_field]: s.step_id }));
      progress.applyEvents({ events });
    }
    return plan.steps.length;
  } finally {
    progress.dispose();
  }
}

function nativeMs(scale) {
  const binary = new URL('../../build/native/bench/seamid_bench', import.meta.url).pathname;
  if (!existsSync(binary)) return null;
  const run = spawnSync(binary, [`--benchmark_filter=BM_DeletionJsonPipeline/${scale}$`, '--benchmark_format=json', '--benchmark_min_time=0.5'], { encoding: 'utf8' });
  if (run.status !== 0) return null;
  const [row] = JSON.parse(run.stdout).benchmarks;
  return row.real_time; // ms (the benchmark's unit)
}

/** Runs the benchmark and returns its rows. */
export async function run() {
  const rows = [];
  const perResource = [];
  for (const scale of [1, 10]) {
    const input = snapshot(scale);
    const resources = 50 * scale * 2 + 100 * scale * 101;
    planAndReplay(input); // warm-up
    const wasm = timeOnce(() => planAndReplay(input), scale === 1 ? 5 : 2);
    const native = nativeMs(scale);
    perResource.push(wasm / resources);
    rows.push({ name: `x${scale} (${resources} resources): WASM via JS API`, value: `${wasm.toFixed(1)} ms` });
    if (native !== null) {
      rows.push({ name: `x${scale}: native, same JSON pipeline`, value: `${native.toFixed(1)} ms` });
      rows.push({ name: `x${scale}: ratio WASM / native`, value: `${(wasm / native).toFixed(2)}x` });
    }
  }
  rows.push({ name: 'time per resource x10 / x1 (1.0 = linear)', value: `${(perResource[1] / perResource[0]).toFixed(2)}` });
  return rows;
}
