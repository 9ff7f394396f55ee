// A batch whose every row has an issue, large enough that one chunk of row reports holds hundreds of thousands of
// rows: the reports are appended one by one (a spread into push() overflows the call stack at that size).
import assert from 'node:assert/strict';
import test from 'node:test';
import { createWorkspace } from '../../bindings/js/src/workspace-node.js';

const count = 400_000;

test(`validateBatch of ${count} row objects that all have an error returns every row report`, async () => {
  const rows = Array.from({ length: count }, (_, i) => ({ user_identity_key: `k${i}`, email_address: `not-an-email-${i}` }));
  const workspace = createWorkspace([]);
  const result = await workspace.validateBatch(rows);
  workspace.dispose();
  assert.equal(result.rows.length, count);
  assert.equal(result.summary.rows_with_errors, count);
  assert.ok(result.rows.every((row) => row.issues.some((found) => found.severity === 'error')));
});

test(`validateBatch of a ${count}-row CSV that all have an error returns every row report`, async () => {
  const csv = 'user_identity_key,email_address\n' + Array.from({ length: count }, (_, i) => `k${i},not-an-email-${i}`).join('\n') + '\n';
  const workspace = createWorkspace([]);
  const result = await workspace.validateBatch(csv, { format: 'csv' });
  workspace.dispose();
  assert.equal(result.rows.length, count);
  assert.equal(result.summary.rows_with_errors, count);
});
