// node:test suite of `seamid audit`: the report, and exit codes 0 (clean), 1 (violations), 2 (unusable input).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fixture } from './builds.mjs';

const cli = new URL('../../bindings/js/bin/seamid.js', import.meta.url).pathname;
const folder = mkdtempSync(path.join(tmpdir(), 'seamid-audit-'));
const write = (name, value) => {
  const file = path.join(folder, name);
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
};
const seamid = (...args) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000 });

test.after(() => rmSync(folder, { recursive: true, force: true }));

test('a snapshot with violations: every one printed with its location, exit 1', () => {
  const { snapshot, expected } = fixture('acs-audit.json');
  const run = seamid('audit', write('violations.json', snapshot));
  assert.equal(run.status, 1, run.stderr);
  for (const found of expected.issues) assert.match(run.stdout, new RegExp(`${found.code}: `));
  assert.match(run.stdout, /acs_users\[ac000000-0000-4000-8000-000000000003\]\.user_identity_id: acs_user_identity_not_found/);
  assert.match(run.stdout, /3 violation\(s\), 2 profile mismatch\(es\)/);
  const json = seamid('audit', write('violations.json', snapshot), '--format', 'json');
  assert.equal(json.status, 1);
  assert.deepEqual(JSON.parse(json.stdout).issues.map((i) => i.code), expected.issues.map((i) => i.code));
});

test('a clean snapshot exits 0', () => {
  const run = seamid('audit', write('clean.json', fixture('acs.json').snapshot));
  assert.equal(run.status, 0, run.stdout);
  assert.match(run.stdout, /4 ACS systems, 11 ACS users, 4 user identities/);
  assert.match(run.stdout, /ok: no violations/);
});

test('invalid records are violations; unreadable input and usage errors exit 2', () => {
  assert.equal(seamid('audit', write('bad.json', { acs_users: [{ acs_user_id: 'x', acs_system_id: 5 }] })).status, 1);
  assert.equal(seamid('audit', write('broken.json', '{"acs_users": [')).status, 2);
  assert.equal(seamid('audit', write('array.json', '[]')).status, 2);
  assert.equal(seamid('audit', path.join(folder, 'missing.json')).status, 2);
  assert.equal(seamid('audit').status, 2);
  assert.equal(seamid('audit', '--format', 'xml', 'x.json').status, 2);
  const help = seamid('audit', '--help');
  assert.equal(help.status, 0);
  assert.match(help.stdout, /Usage: seamid audit/);
});
