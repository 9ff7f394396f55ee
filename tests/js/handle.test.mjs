// node:test suite of the handle contract (bindings/js/src/common/handle.js) shared by Workspace, AcsModel and
// DeletionProgress: { ok, issues }, dispose() and Symbol.dispose, and the FinalizationRegistry safety net.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { HandleOwner, withHandleContract } from '../../bindings/js/src/common/handle.js';
import { loadBuilds } from './builds.mjs';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');
const builds = await loadBuilds();
const error = { path: [0], code: 'invalid_type', severity: 'error', message: 'Expected an object, received number.' };
const warning = { path: [1, 'user_identity_id'], code: 'invalid_user_identity_id', severity: 'warning', message: 'Not a UUID.' };

test('ok is false only when a construction issue is an error; issues are frozen', () => {
  const freed = [];
  const clean = withHandleContract({}, new HandleOwner(1, (h) => freed.push(h), 'thing'), [warning]);
  assert.equal(clean.ok, true);
  assert.deepEqual(clean.issues, [warning]);
  assert.ok(Object.isFrozen(clean.issues));
  const broken = withHandleContract({}, new HandleOwner(2, (h) => freed.push(h), 'thing'), [warning, error]);
  assert.equal(broken.ok, false);
  assert.deepEqual(Object.keys(broken), ['ok', 'issues']); // the rest is not enumerable: a result-like object
  broken[Symbol.dispose]();
  broken.dispose();
  clean.dispose();
  assert.deepEqual(freed, [2, 1]);
  assert.equal(broken.disposed, true);
});

test('get() throws once disposed, naming the object', () => {
  const owner = new HandleOwner(3, () => {}, 'workspace');
  assert.equal(owner.get(), 3);
  owner.dispose();
  assert.throws(() => owner.get(), /this workspace was disposed/);
});

test('a handle <= 0 is an object that could not be built: every use throws, nothing is freed', () => {
  const freed = [];
  const owner = new HandleOwner(-1, (h) => freed.push(h), 'deletion progress');
  const object = withHandleContract({}, owner, [error]);
  assert.equal(object.ok, false);
  assert.throws(() => owner.get(), /this deletion progress could not be built \(see its issues\)/);
  assert.equal(object.disposed, false);
  object.dispose();
  assert.equal(object.disposed, true);
  assert.deepEqual(freed, []);
});

test('a forgotten object has its handle freed when it is garbage-collected; a disposed one is not freed twice', async () => {
  const freed = [];
  const free = (h) => freed.push(h);
  (() => {
    withHandleContract({}, new HandleOwner(41, free, 'thing'), []);
    withHandleContract({}, new HandleOwner(42, free, 'thing'), []).dispose();
  })();
  for (let i = 0; i < 50 && !freed.includes(41); i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.deepEqual(freed.sort(), [41, 42]);
});

for (const { name, api } of builds) {
  test(`${name}: Workspace and AcsModel follow the contract`, () => {
    const handles = [
      [api.createWorkspace([{ user_identity_id: 'x' }]), true],
      [api.createWorkspace([5, { user_identity_id: 'y' }]), false],
      [api.createWorkspace('{"user_identities": ['), false],
      [api.createAcsModel(), true],
      [api.createAcsModel({ acs_users: 5 }), false],
      [api.createAcsModel('{'), false],
    ];
    for (const [object, ok] of handles) {
      assert.equal(object.ok, ok);
      assert.equal(object.ok, !object.issues.some((found) => found.severity === 'error'));
      assert.ok(Object.isFrozen(object.issues));
      assert.equal(object.disposed, false);
      object[Symbol.dispose]();
      assert.equal(object.disposed, true);
      object.dispose();
    }
    assert.equal(api.createWorkspace([5, { user_identity_id: 'y' }]).size, 1); // not ok, still usable
  });

  test(`${name}: a batch in flight keeps its workspace when the caller dropped it (garbage collection meanwhile)`, async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => ({ user_identity_key: `k${i}` }));
    let progress = 0;
    const result = await api.createWorkspace([{ user_identity_id: '3fa85f64-5717-4562-b3fc-2c963f66afa6', user_identity_key: 'k7' }])
      .validateBatch(rows, { sliceMs: 1, onProgress: () => { if (progress++ < 4) gc(); } });
    assert.ok(progress > 4);
    assert.deepEqual(result.rows.map((row) => [row.row, row.issues.map((found) => found.code)]), [[8, ['duplicate_user_identity_key']]]);
  });
}
