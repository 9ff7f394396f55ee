// Regression tests of the JS<->wasm boundary (issue 21): every value read once, every write bounds-checked, the shared
// encoder re-entrant, inputs over the module's limits answered with input_too_large (and the module still answering),
// hostile arrays (a Proxy claiming 1e9 items, sparse arrays) handled with bounded work.
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from './builds.mjs';
import { instance, memoryOf, shifting } from './boundary-modules.mjs';

const validation = await instance('validation');
const { validateCreate, validateUpdate, validateEmail, validatePhone } = validation.api;
const workspaceModule = await instance('workspace');
const { createWorkspace } = workspaceModule.api;
let preflightCalls = 0;
const acsModule = await instance('acs', (wasm) => {
  const preflight = wasm._acsPreflight;
  wasm._acsPreflight = (...args) => (preflightCalls++, preflight(...args));
});
const { createAcsModel } = acsModule.api;
const deletionModule = await instance('deletion');
const { planDeletion, createDeletionProgress } = deletionModule.api;
const acsSnapshot = fixture('acs.json').snapshot;
const deletionSnapshot = fixture('deletion/sample-snapshot.json');
const MiB = 1048576;

/** Disposed after the test that made it (Node 20 has no `using`). */
const made = [];
const owned = (object) => (made.push(object), object);
afterEach(() => { while (made.length) made.pop().dispose(); });

const tooLarge = (path, message) => ({ path, code: 'input_too_large', severity: 'error', message });
const codes = (result) => result.issues.map((found) => found.code);

test('a getter that calls seamid while the request is read changes nothing (re-entrant encoder)', () => {
  const request = { email_address: 'bad', get phone_number() { validateEmail('x@y.co'); return '12'; } };
  assert.deepEqual(codes(validateCreate(request)), ['email_missing_at', 'phone_missing_plus']);
  const nested = { user_identity_key: 'k', get full_name() { validateCreate({ email_address: 'a@b.co', full_name: 'x'.repeat(300) }); return 'Jane'; }, email_address: 'no-at' };
  assert.deepEqual(codes(validateCreate(nested)), codes(validateCreate({ user_identity_key: 'k', full_name: 'Jane', email_address: 'no-at' })));
  const update = { user_identity_id: 'nope', get email_address() { validateUpdate({ user_identity_id: '3fa85f64-5717-4562-b3fc-2c963f66afa6' }); return 'x@y'; } };
  assert.deepEqual(validateUpdate(update).issues, validateUpdate({ user_identity_id: 'nope', email_address: 'x@y' }).issues);
});

test('acs_system_ids whose getters grow on a second read are read once and written within the buffer', () => {
  // The probe: 60,000 items reading 'a', then 64 x 'Z' (sized from one read, written from another, before the fix).
  const reads = new Array(60000).fill(0);
  const ids = [];
  for (let i = 0; i < 60000; i++) Object.defineProperty(ids, i, { enumerable: true, get: () => (reads[i]++ ? 'Z'.repeat(64) : 'a') });
  const memory = memoryOf(validation.wasm);
  const result = validateCreate({ user_identity_key: 'k', acs_system_ids: ids });
  assert.ok(reads.every((count) => count === 1), 'each item read exactly once');
  assert.deepEqual(result, { ...validateCreate({ user_identity_key: 'k', acs_system_ids: new Array(60000).fill('a') }), value: result.value });
  // One issue per bad item, capped: the first 100, then one too_many_issues error counting the other 59,900.
  assert.equal(result.issues.length, 101);
  assert.deepEqual(result.issues[99].path, ['acs_system_ids', 99]);
  assert.equal(result.issues[100].code, 'too_many_issues');
  assert.match(result.issues[100].message, /59900 more were left out/);
  assert.ok(memoryOf(validation.wasm) <= Math.max(memory, 64 * MiB));
  assert.deepEqual(validateEmail('x@y.co'), { ok: true, value: 'x@y.co', issues: [] });
});

test('every member of a request is read once, and the answer is the plain object\'s', () => {
  const reads = {};
  let request = shifting({}, 'email_address', ['jane@example.com', 'bad'], reads);
  request = shifting(request, 'phone_number', ['+14155550101', '12'], reads);
  request = shifting(request, 'full_name', ['Jane', 7], reads);
  request = shifting(request, 'user_identity_key', ['jane', null], reads);
  const result = validateCreate(request);
  assert.deepEqual(reads, { email_address: 1, phone_number: 1, full_name: 1, user_identity_key: 1 });
  assert.deepEqual(result.issues, validateCreate({ email_address: 'jane@example.com', phone_number: '+14155550101', full_name: 'Jane', user_identity_key: 'jane' }).issues);
});

test('a value over the module\'s limit is input_too_large, decided before anything is copied in; the next call answers', () => {
  const memory = memoryOf(validation.wasm);
  const huge = 'a'.repeat(5e8);
  assert.deepEqual(validateEmail(huge), {
    ok: false, value: huge, issues: [tooLarge(['email_address'], 'The email address is at least 500000000 bytes; seamid takes at most 67108864 bytes (64 MiB) of UTF-8 here.')],
  });
  const big = 'b'.repeat(3e8);
  assert.deepEqual(validateCreate({ full_name: big, email_address: big }).issues,
    [tooLarge([], 'The request is at least 600000000 bytes; seamid takes at most 67108864 bytes (64 MiB) of UTF-8 here.')]);
  assert.deepEqual(validateCreate({ full_name: big }, { path: ['rows', 3] }).issues,
    [tooLarge(['rows', 3], 'The request is at least 300000000 bytes; seamid takes at most 67108864 bytes (64 MiB) of UTF-8 here.')]);
  assert.deepEqual(validatePhone('1'.repeat(7e7)).issues,
    [tooLarge(['phone_number'], 'The phone number is at least 70000000 bytes; seamid takes at most 67108864 bytes (64 MiB) of UTF-8 here.')]);
  // Just over the limit once encoded: 22,369,622 units of 3 bytes each (the units alone are under the limit).
  const wide = '\u20ac'.repeat(22369622);
  assert.deepEqual(validateEmail(wide).issues,
    [tooLarge(['email_address'], 'The email address is 67108866 bytes; seamid takes at most 67108864 bytes (64 MiB) of UTF-8 here.')]);
  assert.equal(memoryOf(validation.wasm), memory, 'nothing was copied into the module');
  assert.deepEqual(validateEmail('x@y.co'), { ok: true, value: 'x@y.co', issues: [] });
  assert.deepEqual(codes(validateCreate({ email_address: 'bad', phone_number: '12' })), ['email_missing_at', 'phone_missing_plus']);
});

test('bulk texts over 256 MiB: input_too_large from every operations module, which then answers the next call', () => {
  const huge = ' '.repeat(300 * MiB);
  const message = (what) => `${what} is at least ${300 * MiB} bytes; seamid takes at most 268435456 bytes (256 MiB) of UTF-8 here.`;
  const workspace = createWorkspace(huge);
  assert.deepEqual(workspace.issues, [tooLarge([], message("The identities' JSON text"))]);
  assert.equal(workspace.ok, false);
  workspace.dispose();
  const model = createAcsModel();
  assert.deepEqual(model.load(huge), [tooLarge([], message("The snapshot's JSON text"))]);
  assert.deepEqual(model.load(acsSnapshot), []);
  model.dispose();
  assert.deepEqual(planDeletion(huge).issues, [tooLarge([], message('The JSON text'))]);
  assert.equal(planDeletion(deletionSnapshot).ok, true);
  const fresh = createWorkspace([{ user_identity_id: '1d000000-0000-4000-8000-000000000001', email_address: 'a@b.co' }]);
  assert.deepEqual([fresh.ok, fresh.size], [true, 1]);
  fresh.dispose();
});

test('validateBatch: CSV text over the limit and an array claiming 1e9 rows are refused, not read', async () => {
  const workspace = owned(createWorkspace([]));
  const csv = await workspace.validateBatch(`email_address\n${'x'.repeat(300 * MiB)}`, { format: 'csv' });
  assert.deepEqual([csv.usable, csv.issues], [false, [tooLarge([], `The CSV text is at least ${300 * MiB + 14} bytes; seamid takes at most 268435456 bytes (256 MiB) of UTF-8 here.`)]]);
  let reads = 0;
  const rows = new Proxy([], { get: (target, key) => (key === 'length' ? 1e9 : (reads++, target[key])) });
  const claimed = await workspace.validateBatch(rows);
  assert.deepEqual([claimed.usable, claimed.issues], [false, [tooLarge([], 'The array of rows is 1000000000 items; seamid takes at most 16777216 items here.')]]);
  assert.ok(reads < 10, `rows read: ${reads}`);
  const ok = await workspace.validateBatch([{ user_identity_key: 'a' }]);
  assert.equal(ok.ok, true);
});

test('validateBatch reads each row and each of its members once', async () => {
  const workspace = owned(createWorkspace([]));
  const reads = {};
  const row = shifting({ user_identity_key: 'first' }, 'email_address', ['a@b.co', 'not an email'], reads);
  let elementReads = 0;
  const rows = new Proxy([row, { user_identity_key: 'second', email_address: 'a@b.co' }], {
    get: (target, key) => (key === '0' && elementReads++, target[key]),
  });
  const result = await workspace.validateBatch(rows);
  assert.deepEqual([reads.email_address, elementReads], [1, 1]);
  const plain = await workspace.validateBatch([{ user_identity_key: 'first', email_address: 'a@b.co' }, { user_identity_key: 'second', email_address: 'a@b.co' }]);
  assert.deepEqual(result.rows, plain.rows);
  assert.deepEqual(result.rows.map((r) => [r.row, r.issues.map((i) => i.code)]), [[2, ['duplicate_email_address']]]);
});

test('createWorkspace: a Proxy claiming 1e9 identities and sparse arrays are refused with one issue, read no further', () => {
  let reads = 0;
  const claimed = new Proxy([], { get: (target, key) => (key === 'length' ? 1e9 : (reads++, target[key])) });
  const big = createWorkspace(claimed);
  assert.deepEqual(big.issues, [tooLarge([], 'The array is 1000000000 items; seamid takes at most 16777216 items here.')]);
  assert.equal(reads, 0);
  big.dispose();
  const sparse = createWorkspace(new Array(1e6));
  assert.deepEqual(sparse.issues, [{ path: [], code: 'invalid_input', severity: 'error', message: 'The array has holes (a sparse array): 1000000 of its 1000000 entries are missing, the first at index 0.' }]);
  sparse.dispose();
  const page = [];
  page[5] = { user_identity_id: '1d000000-0000-4000-8000-000000000001' };
  const holes = createWorkspace({ user_identities: page });
  assert.deepEqual(holes.issues, [{ path: ['user_identities'], code: 'invalid_input', severity: 'error', message: 'The array has holes (a sparse array): 5 of its 6 entries are missing, the first at index 0.' }]);
  holes.dispose();
  const pages = createWorkspace([{ user_identities: [] }, { user_identities: page }]);
  assert.deepEqual(pages.issues, [{ path: [1, 'user_identities'], code: 'invalid_input', severity: 'error', message: 'The array has holes (a sparse array): 5 of its 6 entries are missing, the first at index 0.' }]);
  pages.dispose();
});

test('createWorkspace reads a page\'s user_identities and each identity\'s fields once', () => {
  const reads = {};
  const identity = shifting({ user_identity_id: '1d000000-0000-4000-8000-000000000001' }, 'email_address', ['a@b.co', 'c@d.co'], reads);
  const page = shifting({}, 'user_identities', [[identity], []], reads);
  const workspace = owned(createWorkspace([page]));
  assert.deepEqual(reads, { email_address: 1, user_identities: 1 });
  assert.deepEqual(workspace.find('email_address', 'a@b.co'), ['1d000000-0000-4000-8000-000000000001']);
});

test('preflightAddAcsUsers: a Proxy claiming 1e9 requests throws a RangeError before reading any; holes cost one module call', () => {
  const model = owned(createAcsModel(acsSnapshot));
  let reads = 0;
  const claimed = new Proxy([], { get: (target, key) => (key === 'length' ? 1e9 : (reads++, target[key])) });
  assert.throws(() => model.preflightAddAcsUsers(claimed), { name: 'RangeError', message: /preflightAddAcsUsers takes at most 16777216 requests \(input_too_large: 1000000000\)/ });
  assert.equal(reads, 0);
  preflightCalls = 0;
  const sparse = new Array(1e6);
  const results = model.preflightAddAcsUsers(sparse);
  assert.equal(preflightCalls, 1, 'one module call for every hole');
  assert.equal(results.length, 1e6);
  const alone = model.preflightAddAcsUser(undefined);
  assert.deepEqual(results[0], alone);
  assert.deepEqual(results[999999], alone);
  assert.notEqual(results[0], results[1], 'each result is a copy of its own');
  results[0].issues[0].path.push('changed');
  assert.deepEqual(results[1], alone);
  assert.deepEqual(model.addAcsUserVerdicts(new Array(3)), ['refused', 'refused', 'refused']);
});

test('link preflights read each request\'s ids once, on the packed path and on the JSON path', () => {
  const model = owned(createAcsModel(acsSnapshot));
  const request = { user_identity_id: '1d000000-0000-4000-8000-000000000003', acs_user_id: 'ac000000-0000-4000-8000-000000000005' };
  for (const [identity, label] of [[request.user_identity_id, 'packed'], ['1d000000-0000-4000-8000-00000000000\u00e9', 'JSON']]) {
    const reads = {};
    let hostile = shifting({}, 'user_identity_id', [identity, 'x'], reads);
    hostile = shifting(hostile, 'acs_user_id', [request.acs_user_id, 'y'], reads);
    const one = model.preflightAddAcsUser(hostile);
    assert.deepEqual(reads, { user_identity_id: 1, acs_user_id: 1 }, label);
    assert.deepEqual(one, model.preflightAddAcsUser({ user_identity_id: identity, acs_user_id: request.acs_user_id }), label);
    reads.user_identity_id = reads.acs_user_id = 0;
    const many = model.preflightAddAcsUsers([hostile, request]);
    assert.deepEqual(reads, { user_identity_id: 1, acs_user_id: 1 }, label);
    assert.deepEqual(many[0], one, label);
  }
});

test('applyResult: requestedAt NaN or out of range is an issue, not a RangeError; a response is read once', () => {
  const plan = planDeletion(deletionSnapshot);
  const progress = owned(createDeletionProgress(plan, { startedAt: 0 }));
  const [step] = progress.runnable();
  const invalid = { outcome: 'rejected', issues: [{ path: ['requested_at'], code: 'invalid_timestamp', severity: 'error', message: 'requested_at must be an RFC 3339 timestamp such as 2024-01-12T10:00:00.000Z.' }] };
  assert.deepEqual(progress.applyResult(step.step_id, {}, { requestedAt: NaN }), invalid);
  assert.deepEqual(progress.applyResult(step.step_id, {}, { requestedAt: new Date(NaN) }), invalid);
  assert.deepEqual(progress.applyResult(step.step_id, {}, { requestedAt: 1e300 }), invalid);
  const reads = {};
  const response = shifting({}, 'error', [{ type: 'acs_user_deletion_failed', message: 'nope' }, null], reads);
  const failed = progress.applyResult(step.step_id, response);
  assert.equal(reads.error, 1);
  assert.equal(failed.outcome, 'failed');
  assert.equal(progress.applyResult(step.step_id, { ok: true }).outcome, step.confirm.by === 'event' ? 'issued' : 'confirmed');
});

test('a long step id or requested_at is input_too_large, and the progress answers the next call', () => {
  const plan = planDeletion(deletionSnapshot);
  const progress = owned(createDeletionProgress(plan, { startedAt: 0 }));
  const [step] = progress.runnable();
  assert.deepEqual(progress.applyResult('s'.repeat(7e7), {}),
    { outcome: 'rejected', issues: [tooLarge(['step_id'], 'The step id is at least 70000000 bytes; seamid takes at most 67108864 bytes (64 MiB) of UTF-8 here.')] });
  assert.equal(progress.applyResult(step.step_id, {}).outcome, step.confirm.by === 'event' ? 'issued' : 'confirmed');
});

test('the modules\' reserve entry points refuse a buffer over their limit (0), growing nothing', () => {
  for (const { wasm } of [validation, workspaceModule, acsModule, deletionModule]) {
    assert.deepEqual(wasm._inputLimits(), [64 * MiB, 256 * MiB, 1 << 24]);
    const memory = memoryOf(wasm);
    assert.equal(wasm._reserveInput(256 * MiB + 65), 0);
    if (wasm._bulkReserve) assert.equal(wasm._bulkReserve(256 * MiB + 65), 0);
    assert.equal(memoryOf(wasm), memory);
    assert.notEqual(wasm._reserveInput(4096), 0);
  }
  assert.equal(validation.wasm._identityInput(64 * MiB + 65), 0);
  assert.notEqual(validation.wasm._identityInput(0), 0);
});

test('a disposed object no longer counts against the cap of live objects', async () => {
  const { api } = await instance('acs');
  const models = Array.from({ length: 10000 }, () => api.createAcsModel());
  assert.ok(models.every((model) => model.ok));
  const over = api.createAcsModel();
  assert.deepEqual([over.ok, over.issues.map((found) => found.code)], [false, ['too_many_handles']]);
  assert.throws(() => over.audit(), /could not be built/);
  models.pop().dispose();
  const again = api.createAcsModel(acsSnapshot);
  assert.deepEqual([again.ok, again.issues], [true, []]);
  for (const model of [...models, again]) model.dispose();
  assert.equal(api.createAcsModel().ok, true);
});
