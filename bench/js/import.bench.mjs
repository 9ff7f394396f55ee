// Imports from real exports (issue 20): a 100,000-row HR-style CSV (Employee ID, First Name, Last Name, Email,
// Mobile, Department; 10% of the rows with a mistake the core has a suggestion for) through
// `seamid validate --columns auto --fix`, against plain `seamid validate --columns auto` of the same file in the same
// run (the CLI as a user runs it, one child process each, alternating); and importUserIdentities of 1,000 rows against
// the simulator limited to 20 requests per second: rows per second as a share of the limit, and duplicates (0).
// SEAMID_IMPORT_ROWS / SEAMID_IMPORT_CREATES change the sizes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulator } from '../../tests/seam-sim/simulator.js';
import { importUserIdentities } from '../../bindings/js/src/seam/index.js';
import { median } from './measure.mjs';

const ROWS = Number(process.env.SEAMID_IMPORT_ROWS ?? 100_000);
const CREATES = Number(process.env.SEAMID_IMPORT_CREATES ?? 1_000);
const LIMIT = 20;
const BIN = fileURLToPath(new URL('../../bindings/js/bin/seamid.js', import.meta.url));

/** The HR export: row i, with a formatted phone, a wrapped email or a padded name on one row in ten. */
function hrCsv(rows) {
  const lines = ['Employee ID,First Name,Last Name,Email,Mobile,Department'];
  for (let i = 0; i < rows; i++) {
    const digits = String(2000000 + i).slice(-7);
    let phone = `+1415${digits}`;
    let email = `person${i}@example.com`;
    let first = 'Person';
    if (i % 30 === 1) phone = `+1 (415) ${digits.slice(0, 3)}-${digits.slice(3)}`;
    if (i % 30 === 6) phone = `(415) ${digits.slice(0, 3)}-${digits.slice(3)}`; // national: E.164 with --country US
    if (i % 30 === 11) email = `"Person ${i} <person${i}@example.com>"`;
    if (i % 30 === 21) first = ' Person';
    lines.push(`E${i},${first},${i},${email},${phone},Dept ${i % 17}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** Runs the CLI once; returns its wall time in ms (the exit code must be 0 or 1: errors found is a valid outcome). */
function timeCli(args) {
  const started = process.hrtime.bigint();
  const out = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (out.status !== 0 && out.status !== 1) throw new Error(`seamid ${args.join(' ')} exited ${out.status}: ${out.stderr}`);
  return { ms, stdout: out.stdout };
}

/** Runs the suite; returns its rows. */
export async function run() {
  const rows = [];
  const dir = mkdtempSync(path.join(tmpdir(), 'seamid-import-bench-'));
  try {
    const input = path.join(dir, 'hr.csv');
    const fixed = path.join(dir, 'fixed.csv');
    writeFileSync(input, hrCsv(ROWS));
    const fixMs = [];
    const plainMs = [];
    let summary = '';
    for (let round = 0; round < 3; round++) {
      plainMs.push(timeCli(['validate', input, '--columns', 'auto', '--country', 'US']).ms);
      const fix = timeCli(['validate', input, '--columns', 'auto', '--country', 'US', '--fix', fixed]);
      fixMs.push(fix.ms);
      summary = fix.stdout.trim().split('\n').pop();
    }
    const fixedRows = readFileSync(fixed, 'utf8').split('\r\n').length - 2;
    if (fixedRows !== ROWS) throw new Error(`the fixed file has ${fixedRows} rows`);
    rows.push({ name: `validate --columns auto --country US --fix, ${ROWS} HR rows (median of 3)`, value: `${(median(fixMs) / 1000).toFixed(2)} s`, ms: median(fixMs) });
    rows.push({ name: 'validate --columns auto --country US, same file (same run)', value: `${(median(plainMs) / 1000).toFixed(2)} s; --fix costs ${(median(fixMs) / median(plainMs)).toFixed(2)}x`, ms: median(plainMs) });
    rows.push({ name: '--fix summary', value: summary.replace(fixed, 'fixed.csv') });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // importUserIdentities against a 20 requests/s limit.
  const sim = await startSimulator({ seed: 20, pageSize: 100, rateLimit: LIMIT });
  try {
    let csv = 'Employee ID,Name,Email\n';
    for (let i = 0; i < CREATES; i++) csv += `B${i},Person ${i},bench${i}@example.com\n`;
    const started = Date.now();
    const report = await importUserIdentities({ endpoint: sim.endpoint, apiKey: sim.apiKey }, csv, { columns: 'auto' });
    const seconds = (Date.now() - started) / 1000;
    const duplicates = [...sim.stats.createsByKey.values()].filter((count) => count > 1).length + (sim.db.identities.size - CREATES);
    if (report.created.length !== CREATES) throw new Error(`${report.created.length} of ${CREATES} created`);
    const perSecond = CREATES / seconds;
    rows.push({ name: `importUserIdentities, ${CREATES} rows, simulator limited to ${LIMIT} requests/s`, value: `${perSecond.toFixed(1)} rows/s = ${((perSecond / LIMIT) * 100).toFixed(1)}% of the limit; ${seconds.toFixed(1)} s; ${duplicates} duplicates; ${sim.stats.rateLimited} answers 429; pace learned ${report.rate_per_second}/s; ${report.calls} requests`, share: perSecond / LIMIT, duplicates });
  } finally {
    await sim.close();
  }
  return rows;
}
