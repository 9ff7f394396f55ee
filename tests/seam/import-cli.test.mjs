// `seamid import` end to end: bin/seamid.js as a child process against the simulator (dry run, confirmation refused
// and given on a terminal, no terminal without --yes, --yes, the report CSV with the new ids, exit codes, resume).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { simulator } from './helpers.mjs';

const BIN = fileURLToPath(new URL('../../bindings/js/bin/seamid.js', import.meta.url));
const work = mkdtempSync(path.join(tmpdir(), 'seamid-import-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const file = (name, text) => {
  const full = path.join(work, name);
  writeFileSync(full, text);
  return full;
};

function spawnAsync(command, args, env, input, timeoutMs = 30_000) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`${args.join(' ')} ran over ${timeoutMs} ms`)); }, timeoutMs);
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
    child.stdin.end(input);
  });
}
const cli = (args, sim, env = {}) => spawnAsync(process.execPath, [BIN, ...args], { ...process.env, SEAM_API_KEY: sim.apiKey, SEAM_ENDPOINT: sim.endpoint, ...env }, '');
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
const onTerminal = (args, sim, input) => spawnAsync('script', ['-qec', [process.execPath, BIN, ...args].map((a) => `'${a}'`).join(' '), '/dev/null'],
  { ...process.env, SEAM_API_KEY: sim.apiKey, SEAM_ENDPOINT: sim.endpoint }, input);

const csv = 'Employee ID,First Name,Last Name,Email,Mobile\r\n' +
  'E1,Ada,Lovelace,ada@example.com,+14155550101\r\n' +
  'E2,Alan,Turing,alan@example.com,+14155550102\r\n' +
  'E3,Grace,Hopper,grace@example,+14155550103\r\n' +
  'E4,Edsger,Dijkstra,edsger@example.com,\r\n';

test('--dry-run shows the mapping and the plan and creates nothing; --report lists what would be created', async (t) => {
  const sim = await simulator(t, { seed: 201 });
  const rows = file('dry.csv', csv);
  const report = path.join(work, 'dry-report.csv');
  const out = await cli(['import', rows, '--columns', 'auto', '--dry-run', '--report', report], sim);
  assert.equal(out.code, 0, out.stderr);
  assert.match(out.stdout, /^columns: Employee ID -> user_identity_key, Email -> email_address, Mobile -> phone_number, First Name \+ Last Name -> full_name$/m);
  assert.match(out.stdout, /^row 3 \(line 4\) email_address: email_missing_tld/m);
  assert.match(out.stdout, /Plan: 3 to create, 0 already there, 1 invalid \(not sent\), of 4 rows\./);
  assert.match(out.stdout, /Dry run: nothing was created/);
  assert.equal(sim.stats.byRoute['/user_identities/create'], undefined);
  assert.equal(readFileSync(report, 'utf8'), 'row,outcome,user_identity_id,user_identity_key,error\r\n1,would_create,,E1,\r\n2,would_create,,E2,\r\n3,invalid,,,email_missing_tld\r\n4,would_create,,E4,\r\n');
});

test('without a terminal and without --yes nothing is created (exit 2); a refused confirmation too', async (t) => {
  const sim = await simulator(t, { seed: 202 });
  const rows = file('confirm.csv', csv);
  const out = await cli(['import', rows, '--columns', 'auto'], sim);
  assert.equal(out.code, 2);
  assert.match(out.stderr, /pass --yes/);
  assert.equal(sim.db.identities.size, 0);
  if (!hasScript) return;
  const no = await onTerminal(['import', rows, '--columns', 'auto'], sim, 'no\n');
  assert.equal(no.code, 2, no.stdout);
  assert.match(no.stdout, /create 3 user identities/);
  assert.match(no.stdout, /Import cancelled; nothing was created/);
  assert.equal(sim.db.identities.size, 0);
  const yes = await onTerminal(['import', rows, '--columns', 'auto'], sim, 'yes\n');
  assert.equal(yes.code, 1, yes.stdout);  // row 3 stays invalid
  assert.equal(sim.db.identities.size, 3);
});

test('--yes creates the valid rows, writes the report with the new ids, exit 1 for the invalid row; a fixed re-run finishes with 0', async (t) => {
  const sim = await simulator(t, { seed: 203 });
  sim.inject('/user_identities/create', 'lost', 1);
  const rows = file('run.csv', csv);
  const report = path.join(work, 'report.csv');
  const out = await cli(['import', rows, '--columns', 'auto', '--yes', '--report', report, '--concurrency', '2'], sim);
  assert.equal(out.code, 1, out.stderr);
  assert.match(out.stdout, /^created row 1: [0-9a-f-]{36}/m);
  assert.match(out.stdout, /answer lost; found by its key/);
  assert.match(out.stdout, /3 created, 0 already there, 1 invalid, 0 failed/);
  assert.match(out.stderr, /To finish .* run:\n {2}seamid import .*run\.csv --yes --columns auto --concurrency 2 --report /);
  const lines = readFileSync(report, 'utf8').trim().split('\r\n');
  assert.equal(lines[0], 'row,outcome,user_identity_id,user_identity_key,error');
  for (const [i, key] of [[1, 'E1'], [2, 'E2'], [4, 'E4']]) {
    const [row, outcome, id, k] = lines[i === 4 ? 4 : i].split(',');
    assert.deepEqual([row, outcome, k], [String(i), 'created', key]);
    assert.equal(sim.db.identities.get(id).user_identity_key, key);
  }
  assert.equal(lines[3], '3,invalid,,,email_missing_tld');
  // The file fixed, the same command again: the three are existing, the fourth created; exit 0.
  writeFileSync(rows, csv.replace('grace@example,', 'grace@example.com,'));
  const again = await cli(['import', rows, '--columns', 'auto', '--yes', '--report', report], sim);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /Plan: 1 to create, 3 already there, 0 invalid/);
  assert.match(again.stdout, /1 created, 3 already there, 0 invalid, 0 failed/);
  assert.equal(sim.db.identities.size, 4);
  for (const [, count] of sim.stats.createsByKey) assert.equal(count, 1);
  // Nothing left: exit 0 without asking.
  const done = await cli(['import', rows, '--columns', 'auto'], sim);
  assert.equal(done.code, 0);
  assert.match(done.stdout, /Nothing to create/);
});

test('--format json, usage errors, a refused key and an unusable file', async (t) => {
  const sim = await simulator(t, { seed: 204 });
  const rows = file('json.csv', csv.replace('grace@example,', 'grace@example.com,'));
  const out = await cli(['import', rows, '--columns', 'auto', '--yes', '--format', 'json'], sim);
  assert.equal(out.code, 0, out.stderr);
  const result = JSON.parse(out.stdout.slice(out.stdout.lastIndexOf('\n{\n') + 1));
  assert.equal(result.ok, true);
  assert.equal(result.report.created.length, 4);
  assert.equal((await cli(['import'], sim)).code, 2);
  assert.equal((await cli(['import', rows, '--concurrency', '0'], sim)).code, 2);
  assert.equal((await cli(['import', rows, '--columns', '[]'], sim)).code, 2);
  assert.equal((await cli(['import', path.join(work, 'missing.csv')], sim)).code, 2);
  const refused = await cli(['import', rows, '--columns', 'auto', '--yes'], sim, { SEAM_API_KEY: 'wrong' });
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /refused the API key/);
  const noKey = await cli(['import', rows], sim, { SEAM_API_KEY: '' });
  assert.equal(noKey.code, 2);
  const unusable = await cli(['import', rows, '--yes'], sim);  // Seam's names only: no column is known
  assert.equal(unusable.code, 2);
  assert.match(unusable.stderr, /csv_no_known_columns[\s\S]*unusable; nothing was created/);
});
