// The CLI against hostile input (issue 21): terminal escapes in a CSV shown escaped, binary / empty / non-JSON files
// and unreadable paths refused with exit 2 and a clear message (no raw Node error text), `validate -` reading
// standard input, and check-request taking the elements of a JSON array as values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { escapeForTerminal, escapeLinesForTerminal, jsonForTerminal } from '../../bindings/js/src/cli/terminal.js';

const bin = fileURLToPath(new URL('../../bindings/js/bin/seamid.js', import.meta.url));
const seamid = (args, input) => spawnSync(process.execPath, [bin, ...args], { input, encoding: 'latin1' }); // latin1: every byte seen as it is
const work = mkdtempSync(path.join(tmpdir(), 'seamid-hardening-'));
const file = (name, content) => {
  const full = path.join(work, name);
  writeFileSync(full, content);
  return full;
};
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

/** No byte a terminal acts on: C0 controls but line feed, DEL, and no UTF-8 lead byte of a C1 control (0xC2 0x80-0x9F). */
function assertTerminalSafe(output, label) {
  assert.doesNotMatch(output, /[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]/, `${label}: ${JSON.stringify(output)}`);
}

const evilCsv = Buffer.from('user_identity_key,\x1b[31mEVIL\x1b]0;pwned\x07\n', 'latin1'); // the issue's e.csv

test('validate e.csv: the header name is printed escaped, no ESC, OSC or BEL reaches the terminal', () => {
  const csv = file('e.csv', evilCsv);
  const out = seamid(['validate', csv]);
  assertTerminalSafe(out.stdout + out.stderr, 'validate e.csv');
  assert.match(out.stdout, /The column "\\x1b\[31mEVIL\\x1b\]0;pwned\\x07" is not a field/);
  const json = seamid(['validate', csv, '--format', 'json']);
  assertTerminalSafe(json.stdout, 'validate e.csv --format json');
  const result = JSON.parse(Buffer.from(json.stdout, 'latin1').toString('utf8'));
  assert.ok(result.issues.some((found) => found.message.includes('\x1b[31mEVIL\x1b]0;pwned\x07')), 'JSON keeps the value, escaped as JSON');
});

test('C1 controls, bidi overrides and a hostile file name are escaped too', () => {
  const csv = file('c1-\x1b[2J.csv', 'user_identity_key,email_address\nk1,\u009b31mx\u202e@example.com\n');
  const out = seamid(['validate', csv]);
  assertTerminalSafe(out.stdout + out.stderr, 'C1 in a value');
  assert.doesNotMatch(Buffer.from(out.stdout, 'latin1').toString('utf8'), /[\u0080-\u009f\u202a-\u202e]/);
  const missing = seamid(['audit', path.join(work, 'gone-\x1b]0;x\x07.json')]);
  assert.equal(missing.status, 2);
  assertTerminalSafe(missing.stderr, 'file name');
  assert.match(missing.stderr, /gone-\\x1b\]0;x\\x07\.json: no such file/);
});

test('binary files: exit 2 with where the bytes stop being UTF-8 text, nothing echoed', () => {
  const binary = file('binary.dat', Buffer.from([0xff, 0xfe, 0x1b, 0x5b, 0x33, 0x31, 0x6d, 0x80, 0x81]));
  const nul = file('utf16.csv', Buffer.from('u\0s\0e\0r\0', 'latin1'));
  for (const command of ['plan-delete', 'check-request', 'audit']) {
    const out = seamid([command, binary]);
    assert.equal(out.status, 2, `${command}: ${out.stderr}`);
    assertTerminalSafe(out.stdout + out.stderr, command);
    assert.match(out.stderr, new RegExp(`^seamid ${command}: .*binary\\.dat is not UTF-8 text: byte 0xff at offset 0 is no UTF-8`));
    const utf16 = seamid([command, nul]);
    assert.equal(utf16.status, 2, command);
    assert.match(utf16.stderr, /utf16\.csv is not text: it holds a NUL byte at offset 1 \(a binary file, or UTF-16: save it as UTF-8\)/);
  }
  // validate hands CSV rows to the core as bytes: it names the encoding (csv_not_utf8), escaped, exit 2.
  for (const [input, why] of [[binary, /csv_not_utf8: The file is UTF-16/], [nul, /csv_not_utf8: .*NUL/]]) {
    const out = seamid(['validate', input]);
    assert.equal(out.status, 2, out.stdout + out.stderr);
    assertTerminalSafe(out.stdout + out.stderr, 'validate');
    assert.match(out.stdout, why);
  }
});

test('plan-delete and check-request: exit 2 on empty and non-JSON files', () => {
  const empty = file('empty.json', '');
  const blank = file('blank.json', ' \n\t\n');
  const text = file('text.json', 'user_identity_key,email\n');
  for (const command of ['plan-delete', 'check-request']) {
    for (const [input, reason] of [[empty, 'empty.json is empty; expected JSON'], [blank, 'blank.json is empty; expected JSON'], [text, 'text.json is not JSON: ']]) {
      const out = seamid([command, input]);
      assert.equal(out.status, 2, `${command} ${input}: ${out.stdout}${out.stderr}`);
      assert.equal(out.stdout, '');
      assert.ok(out.stderr.startsWith(`seamid ${command}: ${path.join(work, reason)}`), out.stderr);
    }
    const stdin = seamid([command, '-'], '{"not json');
    assert.equal(stdin.status, 2);
    assert.match(stdin.stderr, new RegExp(`^seamid ${command}: standard input is not JSON: `));
  }
});

test('audit and plan-delete: a missing file or a directory is said in words, without Node\'s error text', () => {
  const directory = path.join(work, 'a-directory');
  mkdirSync(directory, { recursive: true });
  for (const command of ['audit', 'plan-delete', 'check-request', 'validate']) {
    const missing = seamid([command, path.join(work, 'missing.json')]);
    assert.equal(missing.status, 2, command);
    assert.match(missing.stderr, /^seamid [a-z-]+: cannot read (rows file )?\S*missing\.json: no such file\n/);
    const dir = seamid([command, directory]);
    assert.equal(dir.status, 2, command);
    assert.match(dir.stderr, /^seamid [a-z-]+: cannot read (rows file )?\S*a-directory: it is a directory, not a file\n/);
    for (const out of [missing, dir]) assert.doesNotMatch(out.stderr, /ENOENT|EISDIR|errno|at \w+ \(|node:/);
  }
});

test('validate - reads the rows from standard input, as audit - does', () => {
  const csv = 'user_identity_key,email_address\nk1,a@example.com\nk2,a@example.com\n';
  const out = seamid(['validate', '-'], csv);
  assert.equal(out.status, 1, out.stderr);
  assert.match(out.stdout, /^row 2 \(line 3\) email_address: error duplicate_email_address: /m);
  assert.match(out.stdout, /^2 rows checked against 0 identities: 1 ok, 1 with errors, 0 with warnings only \(1 errors, 0 warnings\)\.$/m);
  const json = seamid(['validate', '-', '--format', 'json'], '[{"user_identity_key": "a"}]');
  assert.equal(json.status, 0, json.stderr);
  assert.equal(JSON.parse(json.stdout).summary.rows, 1);
  const empty = seamid(['validate', '-'], '');
  assert.equal(empty.status, 2);
});

test('check-request ["a", 1]: each element is a body of the wrong type, not JSON text read again', () => {
  const out = seamid(['check-request', '-', '--format', 'json'], '["a", 1, "{\\"email_address\\": \\"x@y.co\\"}"]');
  assert.equal(out.status, 1, out.stderr);
  const [report] = JSON.parse(out.stdout);
  assert.equal(report.requests, 3);
  assert.deepEqual(report.issues.map((found) => [found.path, found.code]), [[[0], 'invalid_type'], [[1], 'invalid_type'], [[2], 'invalid_type']]);
  assert.ok(report.issues.every((found) => found.code !== 'invalid_json'));
  const text = seamid(['check-request', '-'], '["a"]');
  assert.match(text.stdout, /^ {2}error: \[0\] invalid_type: Expected an object \(the request body\), received string\.$/m);
});

test('the escape helpers: one line, lines kept, and JSON that reads back the same', () => {
  assert.equal(escapeForTerminal('a\x1b[31mb\x07c\nd\u009be\u202ef\ud800'), 'a\\x1b[31mb\\x07c\\x0ad\\x9be\\u202ef\\ud800');
  assert.equal(escapeForTerminal('Jane Doe, María, 李 😀'), 'Jane Doe, María, 李 😀');
  assert.equal(escapeLinesForTerminal('line 1\n\tline 2\r\x1b]0;x\x07'), 'line 1\n\tline 2\\x0d\\x1b]0;x\\x07');
  const value = { message: 'x\x1b\u0085\u2028\u2066y', emoji: '😀' };
  const json = jsonForTerminal(value);
  assert.doesNotMatch(json, /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2066]/);
  assert.deepEqual(JSON.parse(json), value);
});
