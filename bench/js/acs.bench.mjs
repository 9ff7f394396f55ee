// ACS-link model: load time and add_acs_user preflight throughput through the public JS API (WASM) against the
// native core (build/native/bench/seamid_bench) on the same snapshot bytes, measured in the same run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAcsModel } from '../../bindings/js/src/node.js';
import { rate, throughput, timeOnce } from './measure.mjs';

const sizes = { identities: 100_000, acsUsers: 300_000, systems: 50 };
const id = (prefix, n) => `${prefix}000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const systemOf = (j) => ((j % sizes.identities) + 17 * Math.floor(j / sizes.identities)) % sizes.systems;
const linked = (j) => j % 10 !== 9;
const phone = (i) => `+1415${String(i).padStart(7, '0')}`;

/** The same text as bench/acs_corpus.hpp acs_snapshot_text(). */
export function snapshotText() {
  const parts = ['{"user_identities":['];
  for (let i = 0; i < sizes.identities; i++)
    parts.push(`${i ? ',' : ''}{"user_identity_id":"${id('1d', i)}","email_address":"user${i}@example.com","phone_number":"${phone(i)}","full_name":"User ${i}","display_name":"User ${i}"}`);
  parts.push('],"acs_systems":[');
  for (let s = 0; s < sizes.systems; s++)
    parts.push(`${s ? ',' : ''}{"acs_system_id":"${id('5e', s)}","name":"System ${s}","external_type":"salto_ks_site"}`);
  parts.push('],"acs_users":[');
  for (let j = 0; j < sizes.acsUsers; j++) {
    const i = j % sizes.identities;
    const email = j % 50 === 7 ? `other${j}` : `user${i}`;
    parts.push(`${j ? ',' : ''}{"acs_user_id":"${id('ac', j)}","acs_system_id":"${id('5e', systemOf(j))}",`
      + `${linked(j) ? `"user_identity_id":"${id('1d', i)}",` : ''}"full_name":"User ${i}","email_address":"${email}@example.com","phone_number":"${phone(i)}","is_suspended":false}`);
  }
  parts.push(']}');
  return parts.join('');
}

/** The same requests as bench/acs_corpus.hpp acs_link_requests(). */
export function linkRequests(count = 4096) {
  const out = [];
  for (let k = 0; k < count; k++) {
    let j = (k * 7919) % sizes.acsUsers;
    let identity;
    if (k % 3 === 2) {
      j = ((k * 7919) % (sizes.acsUsers / 10)) * 10 + 9;
      identity = (j * 31) % sizes.identities;
    } else {
      if (!linked(j)) j -= 1;
      identity = (j + (k % 3)) % sizes.identities;
    }
    out.push({ user_identity_id: id('1d', identity), acs_user_id: id('ac', j) });
  }
  return out;
}

/** Runs seamid_bench's ACS benchmarks on `file`; null when the native build is missing. */
function native(file) {
  const binary = new URL('../../build/native/bench/seamid_bench', import.meta.url).pathname;
  if (!existsSync(binary)) return null;
  const run = spawnSync(binary, ['--benchmark_filter=acs_(load|check|preflight)', '--benchmark_format=json'],
    { env: { ...process.env, SEAMID_ACS_SNAPSHOT: file }, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (run.status !== 0) return null;
  const rows = JSON.parse(run.stdout).benchmarks;
  const load = rows.find((row) => row.name.startsWith('acs_load_snapshot'));
  // Google Benchmark's items_per_second counts CPU time; the JS side counts wall time, so the native rates are
  // converted to wall time too (they differ when the machine is busy).
  const wallRate = (name) => {
    const row = rows.find((r) => r.name === name);
    return (row.items_per_second * row.cpu_time) / row.real_time;
  };
  return {
    loadMs: load.real_time, checksPerSecond: wallRate('acs_check_add_acs_user'),
    batchChecksPerSecond: wallRate('acs_check_add_acs_users_batch'), withIssuesPerSecond: wallRate('acs_preflight_add_acs_user_with_issues'),
  };
}

/** Runs the benchmark and returns its rows. */
export async function run() {
  const text = snapshotText();
  const folder = mkdtempSync(path.join(tmpdir(), 'seamid-acs-bench-'));
  const file = path.join(folder, 'snapshot.json');
  writeFileSync(file, text);
  try {
    const nativeFigures = native(file);
    let model;
    const loadMs = timeOnce(() => {
      model?.dispose();
      model = createAcsModel(text);
    });
    const stats = model.stats();
    if (stats.acs_users !== sizes.acsUsers || stats.user_identities !== sizes.identities) throw new Error('snapshot did not load');
    const requests = linkRequests();
    const verdicts = { allowed: 0, no_op: 0, refused: 0 };
    for (const request of requests) verdicts[model.preflightAddAcsUser(request).verdict]++;
    const perSecond = throughput((request) => model.preflightAddAcsUser(request).ok, requests, { ms: 1000 });
    if (JSON.stringify(model.preflightAddAcsUsers(requests)) !== JSON.stringify(requests.map((r) => model.preflightAddAcsUser(r))))
      throw new Error('preflightAddAcsUsers differs from preflightAddAcsUser');
    const batchMs = timeOnce(() => model.preflightAddAcsUsers(requests), 30);
    const batchPerSecond = (requests.length / batchMs) * 1000;
    model.dispose();
    const rows = [
      { name: 'snapshot', value: `${sizes.identities} identities, ${sizes.acsUsers} ACS users, ${sizes.systems} systems, ${text.length} B JSON` },
      { name: 'request mix (allowed / no_op / refused)', value: `${verdicts.allowed} / ${verdicts.no_op} / ${verdicts.refused}` },
      { name: 'load: createAcsModel(text) (WASM via JS)', value: `${loadMs.toFixed(0)} ms` },
      { name: 'preflightAddAcsUser (WASM via JS)', value: rate(perSecond) },
      { name: `preflightAddAcsUsers, ${requests.length} per call (WASM via JS)`, value: rate(batchPerSecond) },
    ];
    if (nativeFigures) {
      rows.push(
        { name: 'load: acs_model::load_text (native)', value: `${nativeFigures.loadMs.toFixed(0)} ms` },
        { name: 'check_add_acs_user (native)', value: rate(nativeFigures.checksPerSecond) },
        { name: 'ratio load time WASM / native', value: `${(loadMs / nativeFigures.loadMs).toFixed(2)}x` },
        { name: 'check_acs_links, 4096 per call (native)', value: rate(nativeFigures.batchChecksPerSecond) },
        { name: 'check + link_check_issues (native, the same output as JS)', value: rate(nativeFigures.withIssuesPerSecond) },
        { name: 'ratio check time WASM via JS / native check', value: `${(nativeFigures.checksPerSecond / perSecond).toFixed(2)}x` },
        { name: 'ratio check time WASM via JS / native with issues', value: `${(nativeFigures.withIssuesPerSecond / perSecond).toFixed(2)}x` },
        { name: 'ratio batch check time WASM via JS / native', value: `${(nativeFigures.batchChecksPerSecond / batchPerSecond).toFixed(2)}x` },
      );
    } else {
      rows.push({ name: 'native figures', value: 'missing: run make native first' });
    }
    return rows;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
