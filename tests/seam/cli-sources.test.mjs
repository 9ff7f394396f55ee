// `seamid validate --workspace seam` and `seamid audit --from seam` against the simulator: the same output and exit
// codes as the same data given as a file, every page read, and a refused or missing key exits 2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fetchAcsSnapshot, fetchWorkspace } from '../../bindings/js/src/seam/index.js';
import { simulator, plain } from './helpers.mjs';

const BIN = fileURLToPath(new URL('../../bindings/js/bin/seamid.js', import.meta.url));
const folder = mkdtempSync(path.join(tmpdir(), 'seamid-sources-'));
test.after(() => rmSync(folder, { recursive: true, force: true }));
const write = (name, value) => {
  const file = path.join(folder, name);
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
};

/** Runs the CLI without blocking this process (the simulator answers from it), bounded in time. */
function cli(args, sim, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, SEAM_API_KEY: sim.apiKey, SEAM_ENDPOINT: sim.endpoint, ...env } });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`${args.join(' ')} ran over 30 s`)); }, 30_000);
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
    child.stdin.end();
  });
}

test('validate --workspace seam: every page of /user_identities/list, the same findings as the file', async (t) => {
  const sim = await simulator(t, { seed: 111, pageSize: 2 });
  sim.seed({ identities: 5, acsUsers: 0, clientSessions: 0, phones: 0, enrollmentAutomations: 0 });
  const taken = [...sim.db.identities.values()][3];
  const rows = write('rows.csv', `user_identity_key,email_address,full_name\nnew-1,new1@example.com,New One\n${taken.user_identity_key},${taken.email_address},Dup\n`);
  const fromSeam = await cli(['validate', rows, '--workspace', 'seam'], sim);
  assert.equal(fromSeam.code, 1, fromSeam.stderr);
  assert.equal(sim.stats.byRoute['/user_identities/list'], 3, 'five identities in pages of two');
  assert.match(fromSeam.stdout, /2 rows checked against 5 identities: 1 ok, 1 with errors/);
  assert.match(fromSeam.stdout, /row 2 .*user_identity_key: error/);
  const file = write('workspace.json', await fetchWorkspace(plain(sim)));
  const fromFile = await cli(['validate', rows, '--workspace', file], sim);
  assert.equal(fromFile.code, fromSeam.code);
  assert.equal(fromFile.stdout, fromSeam.stdout);
  const clean = write('clean.csv', 'user_identity_key,email_address\nnew-2,new2@example.com\n');
  assert.equal((await cli(['validate', clean, '--workspace', 'seam'], sim)).code, 0);
  const json = await cli(['validate', rows, '--workspace', 'seam', '--format', 'json'], sim);
  assert.equal(JSON.parse(json.stdout).workspace.identities, 5);
  const refused = await cli(['validate', rows, '--workspace', 'seam'], sim, { SEAM_API_KEY: 'seam_wrong' });
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /refused the API key in SEAM_API_KEY \(401\)/);
  const missing = await cli(['validate', rows, '--workspace', 'seam'], sim, { SEAM_API_KEY: '' });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /set SEAM_API_KEY/);
});

test('audit --from seam: the same report as the fetched snapshot in a file, violations exit 1', async (t) => {
  const sim = await simulator(t, { seed: 112, pageSize: 2 });
  sim.seed({ identities: 3, acsUsers: 2, credentials: 0 });
  const clean = await cli(['audit', '--from', 'seam'], sim);
  assert.equal(clean.code, 0, clean.stdout + clean.stderr);
  assert.match(clean.stdout, new RegExp(`^${sim.endpoint}: 6 ACS systems, 6 ACS users, 3 user identities`));
  assert.match(clean.stdout, /ok: no violations/);
  // An ACS user linked to an identity that does not exist: a violation, read through the API as from a file.
  const [user] = sim.db.acsUsers.values();
  user.user_identity_id = '00000000-0000-4000-8000-00000000dead';
  const fromSeam = await cli(['audit', '--from', 'seam'], sim);
  assert.equal(fromSeam.code, 1);
  assert.match(fromSeam.stdout, new RegExp(`acs_users\\[${user.acs_user_id}\\]\\.user_identity_id: acs_user_identity_not_found`));
  const file = write('acs.json', await fetchAcsSnapshot(plain(sim)));
  const fromFile = await cli(['audit', file], sim);
  assert.equal(fromFile.code, 1);
  assert.equal(fromFile.stdout.split('\n').slice(1).join('\n'), fromSeam.stdout.split('\n').slice(1).join('\n'));
  const json = await cli(['audit', '--from', 'seam', '--format', 'json'], sim);
  assert.equal(JSON.parse(json.stdout).counts.acs_users, 6);
  assert.equal((await cli(['audit', '--from', 'seam'], sim, { SEAM_API_KEY: 'seam_wrong' })).code, 2);
  assert.equal((await cli(['audit', file, '--from', 'seam'], sim)).code, 2, 'a file and --from seam together is a usage error');
});
