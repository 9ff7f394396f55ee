// Issue lists are capped in every reader (the first 100, then one too_many_issues error counting the rest): a
// 10 MB JSON array of bad elements gives a short answer instead of exhausting the module's 2 GiB, and the module
// answers the next call as usual (issue "Fuzzing and hardening", its first defect).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createAcsModel, createDeletionProgress, createWorkspace, planDeletion } from '../../bindings/js/src/node.js';
import { fixture } from './builds.mjs';

const TEN_MB_OF_ONES = `[${'1,'.repeat(5242879)}1]`; // 10 MiB, 5,242,880 elements of the wrong type

/** The capped list: 100 issues, then one too_many_issues error whose message counts what was left out. */
function assertCapped(issues, what) {
  assert.equal(issues.length, 101, `${what}: ${issues.length} issues`);
  const last = issues[100];
  assert.equal(last.code, 'too_many_issues', what);
  assert.equal(last.severity, 'error', what);
  assert.match(last.message, /\d/, `${what}: the message counts what was left out`);
}

test('createWorkspace: a 10 MB array of numbers gives 101 issues, and the next workspace loads', () => {
  const workspace = createWorkspace(TEN_MB_OF_ONES);
  try {
    assertCapped(workspace.issues, 'createWorkspace');
    assert.equal(workspace.ok, false);
  } finally {
    workspace.dispose();
  }
  const next = createWorkspace([{ user_identity_id: '1d000000-0000-4000-8000-000000000001', email_address: 'jane@example.com' }]);
  assert.equal(next.ok, true);
  assert.equal(next.size, 1);
  next.dispose();
});

test('createAcsModel: 10 MB of acs_users that are numbers gives 101 issues, and the next model loads', () => {
  const model = createAcsModel();
  try {
    assertCapped(model.load(`{"acs_users":${TEN_MB_OF_ONES}}`), 'AcsModel.load');
  } finally {
    model.dispose();
  }
  const acs = fixture('acs.json');
  const next = createAcsModel(acs.snapshot ?? acs);
  assert.equal(next.issues.filter((found) => found.code === 'too_many_issues').length, 0);
  next.dispose();
});

test('applyEvents: a 10 MB array of numbers is refused whole with input_too_large; the progress still runs', () => {
  const plan = planDeletion(fixture('deletion/sample-snapshot.json'));
  assert.equal(plan.ok, true);
  const progress = createDeletionProgress(plan);
  try {
    const outcomes = progress.applyEvents(TEN_MB_OF_ONES);
    assert.equal(outcomes.length, 1);
    assert.equal(outcomes[0].outcome, 'rejected');
    assert.deepEqual(outcomes[0].issues.map((found) => found.code), ['input_too_large']);
    assert.match(outcomes[0].issues[0].message, /5242880 events; seamid applies at most 100000/);
    // The next calls answer as usual.
    const runnable = progress.runnable();
    assert.ok(runnable.length > 0);
    assert.equal(progress.applyResult(runnable[0].step_id, {}).outcome, 'issued');
  } finally {
    progress.dispose();
  }
});
