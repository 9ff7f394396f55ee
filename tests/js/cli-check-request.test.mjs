// The `seamid check-request` command: exit codes, text and JSON output, arrays of bodies, stdin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bindings/js/bin/seamid.js', import.meta.url));
const samples = fileURLToPath(new URL('../../web-demo/samples/identity-requests.json', import.meta.url));
const seamid = (args, input) => spawnSync(process.execPath, [bin, 'check-request', ...args], { input, encoding: 'utf8' });

test('an array of bodies: each reported with its index; errors give exit code 1', () => {
  const result = seamid([samples, '--format', 'json']);
  assert.equal(result.status, 1);
  const [report] = JSON.parse(result.stdout);
  assert.equal(report.requests, 3);
  assert.deepEqual(report.issues.filter((i) => i.path[0] === 0), []);
  assert.ok(report.issues.some((i) => i.path.join('.') === '1.email' && i.suggestion === 'email_address'));
  assert.ok(report.issues.some((i) => i.path.join('.') === '2.phone_number' && i.suggestion === '+34612345678'));
});

test('stdin, --update, and exit code 0 when only warnings remain', () => {
  const ok = seamid(['-', '--update'], '{"user_identity_id": "3fa85f64-5717-4562-b3fc-2c963f66afa6", "phone_number": null}');
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /^ok +- \(1 request\)\n {2}info: \["phone_number"\] field_cleared: /);
  const bad = seamid(['-'], '{"email_address": ');
  assert.equal(bad.status, 2); // not JSON: unusable input
  assert.match(bad.stderr, /^seamid check-request: standard input is not JSON: /);
  assert.equal(seamid([]).status, 2);
  assert.equal(seamid(['/nonexistent.json']).status, 2);
});
