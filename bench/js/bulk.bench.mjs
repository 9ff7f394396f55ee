// Bulk import, 1,000,000 rows x 1,000,000 identities (SEAMID_BULK_SIZE to change): native core, WASM through
// the public JS API, and a JS baseline (zod schemas of @seamapi/types + Maps), on the same generated data in the
// same run. Each side runs in its own process so its peak memory is its own; the CSV batch runs alternate
// between the native and the WASM process, run by run, so that both halves of a round see the same host.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { batchRows, rowsToCsv, workspaceIdentities } from './bulk-data.mjs';
import { median, sum } from './measure.mjs';

const size = Number(process.env.SEAMID_BULK_SIZE ?? 1_000_000);
const here = fileURLToPath(new URL('.', import.meta.url));
const nativeTool = path.resolve(here, '../../build/native/bench/seamid_bulk');
const mb = (bytes) => `${(bytes / 1e6).toFixed(0)} MB`;
const ms = (value) => `${Math.round(value)} ms`;

/** Runs one side in a child process with a big heap; returns its JSON line. */
function child(kind, dir) {
  const out = spawnSync(process.execPath, ['--max-old-space-size=8192', fileURLToPath(import.meta.url), kind, dir], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (out.status !== 0) throw new Error(`${kind} side failed: ${out.stderr}`);
  return JSON.parse(out.stdout.trim().split('\n').pop());
}

/** A child process paced line by line: next() is its next stdout line, send() writes a line to its stdin, and
 * finish() closes its stdin and returns its last line (its JSON report). */
function pacedChild(name, command, args) {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const exited = new Promise((resolve) => child.on('close', resolve));
  const next = async () => {
    const { value, done } = await lines.next();
    if (done) throw new Error(`${name} side: ended early (exit ${await exited})`);
    return value;
  };
  return {
    next,
    send: (line) => child.stdin.write(`${line}\n`),
    async finish() {
      child.stdin.end();
      let last = '';
      for (let line = await lines.next(); !line.done; line = await lines.next()) last = line.value;
      const status = await exited;
      if (status !== 0) throw new Error(`${name} side: exited with ${status}`);
      return JSON.parse(last);
    },
  };
}

const elapsed = (start) => Number(process.hrtime.bigint() - start) / 1e6;

// The CSV batch (the WASM / native ratio) runs this many times on each side, alternating: native, WASM, native,
// ... Each side has built its index first and waits between runs. The ratio is the sum of the WASM runs over
// the sum of the native runs (as in the deletion bench); each round's ratio and their median are printed too.
// A 1-2 s run on this shared host is easily slowed by a neighbour and the host's speed drifts, so neighbouring
// runs are compared: the two halves of a round see the same host.
const batchRuns = 7;
const runsText = (runs) => runs.map((value) => Math.round(value)).join(', ');

/** A function that waits for the next line on stdin (the paced protocol of bench/bulk.cpp): false at its end. */
function stdinLines() {
  const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
  return async () => !(await lines.next()).done;
}

/** The WASM side: createWorkspace(identity objects), then validateBatch(CSV text) and validateBatch(row objects).
 * Each input is dropped once used, so V8's garbage collector does not scan a million unrelated objects while
 * the next step is timed; one untimed CSV batch first lets V8 tier the wasm code up and the memory grow (the native
 * side runs one untimed batch too). */
async function wasmSide(dir) {
  const { loadWorkspace } = await import('../../bindings/js/src/loader-node.js');
  const api = await loadWorkspace();
  let identities = JSON.parse(readFileSync(path.join(dir, 'workspace.json'), 'utf8')).user_identities;
  let start = process.hrtime.bigint();
  const workspace = api.createWorkspace(identities);
  const buildMs = elapsed(start);
  identities = null;
  let csv = readFileSync(path.join(dir, 'rows.csv'), 'utf8');
  await workspace.validateBatch(csv, { format: 'csv' }); // untimed, as the native side runs one
  let fromCsv = null;
  const csvRunsMs = [];
  const go = stdinLines();
  console.log('ready');
  for (let run = 0; run < batchRuns; run++) {
    fromCsv = null; // the previous run's result is garbage before the clock starts
    if (!(await go())) throw new Error('the bench stopped pacing the WASM side');
    start = process.hrtime.bigint();
    fromCsv = await workspace.validateBatch(csv, { format: 'csv' });
    csvRunsMs.push(elapsed(start));
    console.log(`ran ${csvRunsMs.at(-1).toFixed(1)}`);
  }
  csv = null;
  const rows = JSON.parse(readFileSync(path.join(dir, 'rows.json'), 'utf8'));
  start = process.hrtime.bigint();
  const fromRows = await workspace.validateBatch(rows);
  const rowsMs = elapsed(start);
  const indexed = workspace.size;
  workspace.dispose();
  return { size: indexed, buildMs, csvRunsMs, rowsMs, summary: fromCsv.summary, rowsSummary: fromRows.summary,
    peakRss: process.resourceUsage().maxRSS * 1024 };
}

/** Writes the generated workspace (list JSON) and batch (CSV and JSON) into `dir`. */
function generate(dir) {
  const identities = workspaceIdentities(size);
  const rows = batchRows(size, size);
  writeFileSync(path.join(dir, 'workspace.json'), JSON.stringify({ user_identities: identities }));
  writeFileSync(path.join(dir, 'rows.csv'), rowsToCsv(rows));
  writeFileSync(path.join(dir, 'rows.json'), JSON.stringify(rows));
  return { written: true };
}

/** The JS baseline: @seamapi/types' user_identity zod schema for the fields, Maps for uniqueness. */
async function baselineSide(dir) {
  const identities = JSON.parse(readFileSync(path.join(dir, 'workspace.json'), 'utf8')).user_identities;
  const rows = JSON.parse(readFileSync(path.join(dir, 'rows.json'), 'utf8'));
  const { schemas } = await import('@seamapi/types/connect');
  const createRow = schemas.user_identity.pick({ user_identity_key: true, email_address: true, phone_number: true, full_name: true }).partial();
  const rssBefore = process.memoryUsage().rss;
  let start = process.hrtime.bigint();
  const byKey = new Map(), byEmail = new Map(), byEmailFolded = new Map(), byPhone = new Map();
  for (const identity of identities) {
    if (identity.user_identity_key != null) byKey.set(identity.user_identity_key, identity.user_identity_id);
    if (identity.email_address != null) {
      byEmail.set(identity.email_address, identity.user_identity_id);
      byEmailFolded.set(identity.email_address.toLowerCase(), identity.user_identity_id);
    }
    if (identity.phone_number != null) byPhone.set(identity.phone_number.trim(), identity.user_identity_id);
  }
  const buildMs = elapsed(start);
  start = process.hrtime.bigint();
  const seenKey = new Map(), seenEmail = new Map(), seenEmailFolded = new Map(), seenPhone = new Map();
  let rowsWithErrors = 0, rowsWithWarnings = 0;
  rows.forEach((row, index) => {
    let errors = 0, warnings = 0;
    const parsed = createRow.safeParse(row);
    if (!parsed.success) errors += parsed.error.issues.length;
    const check = (value, workspaceMap, batchMap) => {
      if (typeof value !== 'string') return;
      if (workspaceMap.has(value) || batchMap.has(value)) errors++;
      else batchMap.set(value, index + 1);
    };
    check(row.user_identity_key, byKey, seenKey);
    check(typeof row.phone_number === 'string' ? row.phone_number.trim() : row.phone_number, byPhone, seenPhone);
    if (typeof row.email_address === 'string') {
      const folded = row.email_address.toLowerCase();
      if (byEmail.has(row.email_address) || seenEmail.has(row.email_address)) errors++;
      else if (byEmailFolded.has(folded) || seenEmailFolded.has(folded)) warnings++;
      if (!seenEmail.has(row.email_address)) seenEmail.set(row.email_address, index + 1);
      if (!seenEmailFolded.has(folded)) seenEmailFolded.set(folded, index + 1);
    }
    if (errors) rowsWithErrors++;
    else if (warnings) rowsWithWarnings++;
  });
  const batchMs = elapsed(start);
  return { buildMs, batchMs, rowsWithErrors, rowsWithWarnings, peakRss: process.resourceUsage().maxRSS * 1024, rssBefore };
}

/** Runs the benchmark and returns its rows. */
export async function run() {
  if (!existsSync(nativeTool)) throw new Error(`build the native benchmarks first (make native): ${nativeTool} is missing`);
  const dir = mkdtempSync(path.join(tmpdir(), 'seamid-bulk-'));
  try {
    // The data is written by a child process too: a parent holding a million objects keeps V8's concurrent
    // garbage collector busy on one of the two cores while the native side runs.
    child('--generate', dir);
    // Both sides build their index one after the other, then take turns on the CSV batch.
    const nativeSide = pacedChild('native', nativeTool, [path.join(dir, 'workspace.json'), path.join(dir, 'rows.csv'), String(batchRuns), '--paced']);
    if ((await nativeSide.next()) !== 'ready') throw new Error('native side: no "ready"');
    const wasmSide = pacedChild('WASM', process.execPath, ['--max-old-space-size=8192', fileURLToPath(import.meta.url), '--wasm', dir]);
    if ((await wasmSide.next()) !== 'ready') throw new Error('WASM side: no "ready"');
    const ran = async (side) => {
      side.send('go');
      const [word, value] = (await side.next()).split(' ');
      if (word !== 'ran') throw new Error(`a bench side answered "${word}" instead of "ran"`);
      return Number(value);
    };
    const nativeRuns = [];
    const wasmRuns = [];
    for (let run = 0; run < batchRuns; run++) {
      nativeRuns.push(await ran(nativeSide));
      wasmRuns.push(await ran(wasmSide));
    }
    const ratios = wasmRuns.map((value, run) => value / nativeRuns[run]);
    const native = await nativeSide.finish();
    const wasm = await wasmSide.finish();
    const baseline = child('--baseline', dir);
    if (wasm.summary.rows !== native.rows || wasm.summary.rows_with_errors !== native.rows_with_errors)
      throw new Error(`native and WASM disagree: ${JSON.stringify(native)} ${JSON.stringify(wasm.summary)}`);
    return [
      { name: 'data', value: `${size.toLocaleString('en')} identities (${mb(native.inputs_bytes - statSync(path.join(dir, 'rows.csv')).size)} JSON) x ${size.toLocaleString('en')} CSV rows` },
      { name: 'rows with errors / with warnings only', value: `${native.rows_with_errors} / ${native.rows_with_warnings} (same in WASM)` },
      { name: 'native: build index from list JSON', value: `${ms(native.build_ms)} (cpu ${ms(native.build_cpu_ms)})` },
      { name: `native: validate CSV batch (median of ${batchRuns})`, value: `${ms(median(native.batch_runs_ms))} (fastest ${ms(native.batch_ms)}, cpu ${ms(native.batch_cpu_ms)}; runs ${runsText(native.batch_runs_ms)} ms)` },
      { name: 'native: peak RSS (above the input texts)', value: `${mb(native.peak_rss_bytes)} (${mb(native.peak_rss_above_inputs_bytes)}); index ${mb(native.index_bytes)}` },
      { name: 'WASM via JS: createWorkspace(objects)', value: ms(wasm.buildMs) },
      { name: `WASM via JS: validateBatch(CSV text) (median of ${batchRuns})`, value: `${ms(median(wasm.csvRunsMs))} (fastest ${ms(Math.min(...wasm.csvRunsMs))}; runs ${runsText(wasm.csvRunsMs)} ms)` },
      { name: 'WASM via JS: validateBatch(row objects)', value: ms(wasm.rowsMs) },
      { name: 'WASM via JS: process peak RSS', value: mb(wasm.peakRss) },
      { name: `ratio WASM / native (validate CSV batch, ${batchRuns} alternating rounds)`,
        value: `${(sum(wasmRuns) / sum(nativeRuns)).toFixed(2)}x (rounds: ${ratios.map((r) => r.toFixed(2)).join(', ')}; median ${median(ratios).toFixed(2)}x)` },
      { name: 'JS baseline: Maps from objects', value: ms(baseline.buildMs) },
      { name: 'JS baseline: zod + Maps over row objects', value: `${ms(baseline.batchMs)} (${baseline.rowsWithErrors} rows with errors)` },
      { name: 'JS baseline: process peak RSS', value: mb(baseline.peakRss) },
      { name: 'ratio JS baseline / WASM (row objects)', value: `${(baseline.batchMs / wasm.rowsMs).toFixed(2)}x` },
      { name: 'ratio JS baseline / native', value: `${(baseline.batchMs / native.batch_ms).toFixed(2)}x` },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const [kind, dir] = process.argv.slice(2);
if (kind === '--wasm') console.log(JSON.stringify(await wasmSide(dir)));
if (kind === '--baseline') console.log(JSON.stringify(await baselineSide(dir)));
if (kind === '--generate') console.log(JSON.stringify(generate(dir)));
