// The `seamid validate` command: per-row issues and a summary, JSON output, exit codes 0 / 1 / 2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bindings/js/bin/seamid.js', import.meta.url));
const samples = fileURLToPath(new URL('../../web-demo/samples/', import.meta.url));
const seamid = (...args) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
const work = mkdtempSync(path.join(tmpdir(), 'seamid-cli-'));
const file = (name, text) => {
  const full = path.join(work, name);
  writeFileSync(full, text);
  return full;
};
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

test('the sample import against the sample workspace: rows with issues, a summary, exit 1', () => {
  const out = seamid('validate', path.join(samples, 'bulk-import.csv'), '--workspace', path.join(samples, 'workspace.json'));
  assert.equal(out.status, 1, out.stderr);
  assert.match(out.stdout, /^row 2 \(line 3\) user_identity_key: error duplicate_user_identity_key: .*0b1f9a6e-4c1d-4e8a-9f2b-1a2b3c4d5e02/m);
  assert.match(out.stdout, /^row 5 \(line 6\) phone_number: error duplicate_phone_number: .*row 1 of this batch/m);
  assert.match(out.stdout, /\(suggestion: \+14155550204\)/);
  assert.match(out.stdout, /^8 rows checked against 4 identities: 2 ok, 5 with errors, 1 with warnings only \(5 errors, 1 warnings\)\.$/m);
  assert.equal(out.stderr, ''); // no progress bar when stderr is not a terminal
});

test('--format json prints the whole result; --strict escalates the case-variant email', () => {
  const out = seamid('validate', path.join(samples, 'bulk-import.csv'), '--workspace', path.join(samples, 'workspace.json'), '--format', 'json', '--strict');
  assert.equal(out.status, 1);
  const result = JSON.parse(out.stdout);
  assert.equal(result.workspace.identities, 4);
  assert.deepEqual(result.summary, { rows: 8, rows_with_errors: 6, rows_with_warnings: 0, errors: 6, warnings: 0 });
  assert.equal(result.rows.find((row) => row.row === 3).issues[0].severity, 'error');
});

test('exit 0 when there is no error; JSON rows and no workspace', () => {
  const rows = file('rows.json', JSON.stringify([{ user_identity_key: 'a', email_address: 'a@example.com' }, { user_identity_key: 'b' }]));
  const out = seamid('validate', rows);
  assert.equal(out.status, 0, out.stdout + out.stderr);
  assert.match(out.stdout, /^2 rows checked against 0 identities: 2 ok, 0 with errors/m);
});

test('exit 2 with a clear message on unusable input', () => {
  const cases = [
    [['validate'], /give exactly one file of rows/],
    [['validate', path.join(work, 'missing.csv')], /cannot read rows file .*: no such file/],
    [['validate', path.join(samples, 'bulk-import.csv'), '--workspace', file('bad.json', '{"identities": []}')], /workspace file .* is unusable: Expected the JSON of \/user_identities\/list/],
    [['validate', path.join(samples, 'bulk-import.csv'), '--workspace', file('broken.json', '{"user_identities": [')], /is unusable: Input is not valid JSON/],
    [['validate', file('empty.csv', '')], /is unusable: The CSV file is empty/],
    [['validate', file('headerless.csv', 'jane,jane@example.com\n')], /is unusable: The first line must be a header/],
    [['validate', file('rows.json', '{"not": "an array"}')], /is unusable: Expected an array/],
    [['validate', 'x.csv', '--format', 'xml'], /--format must be one of text, json/],
  ];
  for (const [args, message] of cases) {
    const out = seamid(...args);
    assert.equal(out.status, 2, `${args.join(' ')}: ${out.stdout}${out.stderr}`);
    assert.match(out.stderr, message, args.join(' '));
  }
  assert.equal(seamid('validate', '--help').status, 0);
});

test('the progress bar on a terminal: the reading pass, then the checking pass, one line per percent', async () => {
  const { progressBar } = await import('../../bindings/js/src/cli/validate.js');
  const written = [];
  const bar = progressBar({ isTTY: true, write: (text) => written.push(text) });
  const total = 40_000;
  bar({ done: 0, total, read: 0 });
  bar({ done: 0, total, read: 20_000 });
  bar({ done: 0, total, read: 20_100 });  // the same percent: not drawn again
  bar({ done: 10_000, total, read: total });
  bar({ done: total, total, read: total });
  bar.end();
  assert.deepEqual(written, [
    `\rreading  [${'.'.repeat(30)}] 0% 0/${total} rows`,
    `\rreading  [${'#'.repeat(15)}${'.'.repeat(15)}] 50% 20000/${total} rows`,
    `\rchecking [${'#'.repeat(8)}${'.'.repeat(22)}] 25% 10000/${total} rows`,
    `\rchecking [${'#'.repeat(30)}] 100% ${total}/${total} rows`,
    '\n',
  ]);
  // Small batches and other streams than a terminal draw nothing.
  const quiet = [];
  const small = progressBar({ isTTY: true, write: (text) => quiet.push(text) });
  small({ done: 0, total: 100, read: 0 });
  small.end();
  const piped = progressBar({ isTTY: false, write: (text) => quiet.push(text) });
  piped({ done: 0, total, read: 0 });
  piped.end();
  assert.deepEqual(quiet, []);
});

test('--columns auto maps an HR export; --fix writes a fixed copy, reports the changes and what still fails', async () => {
  const hr = file('hr.csv', 'Employee ID,First Name,Last Name,Email,Mobile,Department\r\n' +
    'E1,Ada,Lovelace,<ada@example.com>,+1 415 555 2671,R&D\r\n' +
    'E2 , Alan,Turing,alan@example.com,+14155552672,Ops\r\n' +
    'E3,Grace,Hopper,grace@example,,Navy\r\n' +
    'E4,"Smith, Jr.",Bob,bob@example.com,tel:+14155552674,Ops\r\n');
  const before = readFileSync(hr, 'utf8');
  const plain = seamid('validate', hr);
  assert.equal(plain.status, 2);
  assert.match(plain.stdout, /"Email" is not a field .* it looks like email_address.*\(suggestion: email_address\)/);
  const mapped = seamid('validate', hr, '--columns', 'auto');
  assert.equal(mapped.status, 1);
  assert.match(mapped.stdout, /^columns: Employee ID -> user_identity_key, Email -> email_address, Mobile -> phone_number, First Name \+ Last Name -> full_name$/m);
  const fixed = path.join(work, 'hr-fixed.csv');
  const out = seamid('validate', hr, '--columns', 'auto', '--fix', fixed);
  assert.equal(out.status, 1, out.stderr);  // row 3's email cannot be fixed
  assert.equal(readFileSync(hr, 'utf8'), before);  // the original is untouched
  assert.match(out.stdout, /^row 1 email_address: "<ada@example.com>" -> "ada@example.com"$/m);
  assert.match(out.stdout, /^row 1 phone_number: "\+1 415 555 2671" -> "\+14155552671"$/m);
  assert.match(out.stdout, /^row 2 user_identity_key: "E2 " -> "E2"$/m);
  assert.match(out.stdout, /^row 2 full_name: " Alan Turing" -> "Alan Turing"$/m);
  assert.match(out.stdout, /^row 3 email_address: still email_missing_tld/m);
  assert.match(out.stdout, /4 rows, 5 cells changed in 3 rows; 1 rows still have errors/);
  const text = readFileSync(fixed, 'utf8');
  assert.equal(text, 'user_identity_key,email_address,phone_number,full_name\r\n' +
    'E1,ada@example.com,+14155552671,Ada Lovelace\r\n' +
    'E2,alan@example.com,+14155552672,Alan Turing\r\n' +
    'E3,grace@example,,Grace Hopper\r\n' +
    'E4,bob@example.com,+14155552674,"Smith, Jr. Bob"\r\n');
  // Read back and validated with Seam's names: only row 3 is left.
  const again = seamid('validate', fixed, '--format', 'json');
  assert.equal(again.status, 1);
  const result = JSON.parse(again.stdout);
  assert.deepEqual(result.rows.map((row) => row.row), [3]);
  assert.deepEqual(result.issues, []);
  // JSON report of --fix.
  const json = JSON.parse(seamid('validate', hr, '--columns', 'auto', '--fix', fixed, '--format', 'json').stdout);
  assert.equal(json.changes.length, 5);
  assert.deepEqual(json.rows_with_errors.map((row) => row.row), [3]);
  assert.deepEqual(json.fields, ['user_identity_key', 'email_address', 'phone_number', 'full_name']);
});

test('--fix never overwrites its input; bad --columns is a usage error; a file not in UTF-8 is refused naming UTF-8', () => {
  const hr = file('same.csv', 'Email\r\na@example.com\r\n');
  const same = seamid('validate', hr, '--columns', 'auto', '--fix', hr);
  assert.equal(same.status, 2);
  assert.match(same.stderr, /never overwritten/);
  assert.equal(readFileSync(hr, 'utf8'), 'Email\r\na@example.com\r\n');
  const bad = seamid('validate', hr, '--columns', '[1]');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--columns must be auto or a JSON object/);
  const explicit = seamid('validate', hr, '--columns', '{"email_address":"Email"}');
  assert.equal(explicit.status, 0, explicit.stdout);
  const latin1 = path.join(work, 'latin1.csv');
  writeFileSync(latin1, Buffer.from('Pr\xe9nom,Email\r\nJos\xe9,a@example.com\r\n', 'latin1'));
  const refused = seamid('validate', latin1, '--columns', 'auto');
  assert.equal(refused.status, 2);
  assert.match(refused.stdout, /csv_not_utf8: .*not valid UTF-8.*Latin-1/);
  const utf16 = path.join(work, 'utf16.csv');
  writeFileSync(utf16, Buffer.from('\ufeffEmail\r\na@example.com\r\n', 'utf16le'));
  assert.match(seamid('validate', utf16, '--columns', 'auto').stdout, /csv_not_utf8: The file is UTF-16/);
});
