// fast-check drives every public JS function with hostile values (issue 21): getters that return something else on a
// second read and count their reads, Proxies, getters that call seamid again, huge and deep values. Each property
// checks that every value is read at most once, that the answer equals the one for the plain equivalent, and that
// the module answers the next call correctly. Runs are bounded (numRuns) and seeded: a failure prints its seed and
// path, and SEAMID_FC_SEED=<seed> replays it; SEAMID_FC_SCALE=<n> multiplies the runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fixture } from './builds.mjs';
import { instance } from './boundary-modules.mjs';

const seed = Number(process.env.SEAMID_FC_SEED ?? 0x5eed21);
const scale = Number(process.env.SEAMID_FC_SCALE ?? 1); // more runs for a long local search (SEAMID_FC_SCALE=20)
const runs = (numRuns) => ({ numRuns: Math.ceil(numRuns * scale), seed });

const { api: validation } = await instance('validation');
const { api: workspaces } = await instance('workspace');
const { api: acs } = await instance('acs');
const { api: deletion } = await instance('deletion');
const acsSnapshot = fixture('acs.json').snapshot;
const deletionSnapshot = fixture('deletion/sample-snapshot.json');

// ---- Hostile copies of plain values ----------------------------------------------------------------------------

/** A value of another kind than `value`, returned on a second read (longer strings: the old overflow's shape). */
const other = (value) => (typeof value === 'string' ? `${value}${'Z'.repeat(64)}` : typeof value === 'number' ? 'not a number' : 'Z'.repeat(64));

/**
 * Seamid calls a getter may make while its value is read (re-entrance): each touches the module's shared buffers.
 * `workspace` is a workspace of the workspace module, for its own calls.
 */
function reentrant(workspace) {
  const calls = [
    () => validation.validateEmail('x@y.co'),
    () => validation.validatePhone('+14155550101'),
    () => validation.validateCreate({ email_address: 'a@b', full_name: 'María'.repeat(50), acs_system_ids: ['x'] }),
    () => validation.validateUpdate('{"user_identity_id": "nope"}'),
    () => workspace.checkCreate({ user_identity_key: 'reentrant', email_address: 'r@e.co' }),
    () => workspaces.createWorkspace([{ user_identity_id: '1d000000-0000-4000-8000-0000000000ff' }]).dispose(),
  ];
  let n = 0;
  return () => calls[n++ % calls.length]();
}

/**
 * A hostile copy of plain data: per the `modes` stream, an object member becomes a getter (first read: the plain
 * value; later reads: another value), an object a Proxy that does the same, an array element a getter; getters may
 * call seamid first (`reenter`). Every read of a member is counted in `reads` under its path.
 */
function hostile(plain, modes, reads, reenter, path = '$') {
  if (plain === null || typeof plain !== 'object') return plain;
  const mode = modes();
  const read = (key, value) => {
    const where = `${path}.${key}`;
    reads.set(where, (reads.get(where) ?? 0) + 1);
    if (mode === 'reenter') reenter();
    return reads.get(where) === 1 ? value : other(value);
  };
  const children = Array.isArray(plain) ? plain.map((item, i) => hostile(item, modes, reads, reenter, `${path}[${i}]`))
    : Object.fromEntries(Object.entries(plain).map(([key, value]) => [key, hostile(value, modes, reads, reenter, `${path}.${key}`)]));
  if (mode === 'plain') return children;
  if (mode === 'proxy') {
    return new Proxy(children, {
      get: (target, key, receiver) => (typeof key === 'string' && Object.hasOwn(target, key) && key !== 'length' ? read(key, target[key]) : Reflect.get(target, key, receiver)),
    });
  }
  const out = Array.isArray(plain) ? new Array(children.length) : {};
  for (const key of Object.keys(children)) {
    const value = children[key];
    Object.defineProperty(out, key, { enumerable: true, configurable: true, get: () => read(key, value) });
  }
  return out;
}

const modeStream = fc.infiniteStream(fc.constantFrom('plain', 'getter', 'proxy', 'reenter')).map((stream) => {
  const iterator = stream[Symbol.iterator]();
  return () => iterator.next().value;
});

/** Every count in `reads` is 1 (members never read are absent). */
function assertReadOnce(reads, label) {
  const twice = [...reads].filter(([, count]) => count > 1);
  assert.deepEqual(twice, [], `${label}: members read more than once`);
}

// ---- Plain values: requests, lists, snapshots ------------------------------------------------------------------

const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }), // any code point, surrogate pairs included
  fc.string({ unit: fc.constantFrom('a', '\ud800', '\udc00', '\u0000', '\u00e9', '\u20ac', '\u{1f600}'), maxLength: 8 }), // lone surrogates
  fc.constantFrom('jane@example.com', '+14155550101', '(415) 555-0101', 'Jane Doe', '', ' jane@example.com '),
);
const fieldValue = fc.oneof({ weight: 6, arbitrary: text }, fc.constant(null), fc.integer(), fc.boolean(), fc.constant(undefined),
  fc.constant({ nested: { deep: [1, 2] } }), fc.array(fc.integer(), { maxLength: 3 }));
const uuid = fc.oneof(fc.uuid(), fc.constantFrom('nope', '', '3FA85F64-5717-4562-B3FC-2C963F66AFA6'));
const request = fc.record({
  user_identity_id: uuid,
  user_identity_key: fieldValue,
  email_address: fieldValue,
  phone_number: fieldValue,
  full_name: fieldValue,
  acs_system_ids: fc.oneof(fc.array(fc.oneof(uuid, fc.integer(), fc.constant(null)), { maxLength: 4 }), fieldValue),
  extra: fieldValue,
}, { requiredKeys: [] });

const sameIssues = (result) => ({ ok: result.ok, issues: result.issues });

test('validateCreate / validateUpdate: hostile requests read once, answered as the plain request', () => {
  const workspace = workspaces.createWorkspace([]);
  fc.assert(fc.property(request, modeStream, fc.boolean(), (plain, modes, strict) => {
    const options = strict ? { profile: 'strict' } : undefined;
    for (const validate of [validation.validateCreate, validation.validateUpdate]) {
      const reads = new Map();
      const answer = validate(hostile(plain, modes, reads, reentrant(workspace)), options);
      assertReadOnce(reads, validate.name);
      assert.deepEqual(sameIssues(answer), sameIssues(validate(plain, options)));
    }
    assert.deepEqual(validation.validateEmail('x@y.co'), { ok: true, value: 'x@y.co', issues: [] });
  }), runs(300));
  workspace.dispose();
});

test('validateEmail / validatePhone: any string, and options read once; the next call answers', () => {
  fc.assert(fc.property(text, fc.constantFrom('default', 'strict'), modeStream, (value, profile, modes) => {
    for (const validate of [validation.validateEmail, validation.validatePhone]) {
      const reads = new Map();
      const options = hostile({ profile, path: ['rows', 1] }, modes, reads, () => validation.validateEmail('a@b.co'));
      const answer = validate(value, options);
      assertReadOnce(reads, validate.name);
      assert.deepEqual(answer, validate(value, { profile, path: ['rows', 1] }));
    }
    assert.deepEqual(validation.validatePhone('+14155550101').issues, []);
  }), runs(300));
});

test('huge and deep values: an issue or the plain answer, never a throw; the module answers next', () => {
  const deep = (depth) => {
    let value = [];
    for (let i = 0; i < depth; i++) value = { nested: value };
    return value;
  };
  const workspace = workspaces.createWorkspace([]);
  const model = acs.createAcsModel(acsSnapshot);
  fc.assert(fc.property(fc.constantFrom(10, 1000, 100000), fc.constantFrom(1, 1000, 70e6), (depth, length) => {
    const value = deep(depth);
    const big = 'x'.repeat(length);
    const created = validation.validateCreate({ user_identity_key: big, extra: value });
    assert.equal(created.ok, length < 64 * 1048576, `${depth} ${length}`);
    if (length > 64 * 1048576) assert.deepEqual(created.issues.map((i) => i.code), ['input_too_large']);
    const checked = workspace.checkCreate({ user_identity_key: 'k', extra: value });
    assert.equal(typeof checked.ok, 'boolean');
    const preflight = model.preflight('/acs/users/create', { acs_system_id: big, full_name: 'x', extra: value });
    assert.equal(preflight.verdict, 'refused');
    const plan = deletion.planDeletion({ ...deletionSnapshot, extra: value });
    assert.equal(typeof plan.ok, 'boolean');
    assert.deepEqual(validation.validateEmail('x@y.co').issues, []);
    assert.equal(workspace.checkCreate({ user_identity_key: 'k' }).ok, true);
  }), runs(9));
  workspace.dispose();
  model.dispose();
});

const identity = fc.record({
  user_identity_id: fc.uuid(),
  user_identity_key: fc.oneof(fc.constantFrom('jane', 'john', 'JANE'), fc.string({ maxLength: 6 })),
  email_address: fc.oneof(fc.constantFrom('jane@example.com', 'JANE@example.com', 'john@example.com'), fc.emailAddress(), fc.constant(null)),
  phone_number: fc.oneof(fc.constantFrom('+14155550101', '+14155550102', '(415) 555-0101'), fc.constant(null)),
  display_name: text,
}, { requiredKeys: ['user_identity_id'] });

test('createWorkspace and its checks: a hostile list and hostile requests, answered as the plain ones', () => {
  fc.assert(fc.property(fc.array(identity, { maxLength: 8 }), fc.boolean(), request, modeStream, (list, paged, plainRequest, modes) => {
    const document = paged ? [{ user_identities: list }] : list;
    const reads = new Map();
    const plain = workspaces.createWorkspace(document);
    const reenter = reentrant(plain);
    const hostileWorkspace = workspaces.createWorkspace(hostile(document, modes, reads, reenter));
    assertReadOnce(reads, 'createWorkspace');
    assert.deepEqual([hostileWorkspace.issues, hostileWorkspace.size], [plain.issues, plain.size]);
    assert.deepEqual(hostileWorkspace.audit(), plain.audit());
    for (const check of ['checkCreate', 'checkUpdate', 'add', 'update']) {
      const checkReads = new Map();
      const answer = hostileWorkspace[check](hostile(plainRequest, modes, checkReads, reenter));
      assertReadOnce(checkReads, check);
      assert.deepEqual(answer, plain[check](plainRequest), check);
    }
    hostileWorkspace.dispose();
    plain.dispose();
  }), runs(120));
});

test('validateBatch: hostile row objects read once, answered as the plain rows', async () => {
  await fc.assert(fc.asyncProperty(fc.array(request, { maxLength: 12 }), modeStream, async (rows, modes) => {
    const workspace = workspaces.createWorkspace([{ user_identity_id: '1d000000-0000-4000-8000-000000000001', email_address: 'jane@example.com' }]);
    const reads = new Map();
    const answer = await workspace.validateBatch(hostile(rows, modes, reads, reentrant(workspace)));
    assertReadOnce(reads, 'validateBatch');
    const plain = await workspace.validateBatch(rows);
    assert.deepEqual(answer, plain);
    workspace.dispose();
  }), runs(80));
});

const linkRequest = fc.record({
  user_identity_id: fc.oneof(fc.constantFrom(...acsSnapshot.user_identities.map((i) => i.user_identity_id)), uuid, fc.constant('1d000000-0000-4000-8000-00000000000\u00e9')),
  acs_user_id: fc.oneof(fc.constantFrom(...acsSnapshot.acs_users.acs_users.map((u) => u.acs_user_id)), uuid),
  extra: fieldValue,
}, { requiredKeys: [] });

test('ACS: hostile snapshots and link requests read once, answered as the plain ones', () => {
  const model = acs.createAcsModel(acsSnapshot);
  fc.assert(fc.property(fc.array(fc.oneof({ weight: 8, arbitrary: linkRequest }, fc.constant(undefined), fc.integer()), { maxLength: 10 }), modeStream, (requests, modes) => {
    const reads = new Map();
    const reenter = () => model.preflightAddAcsUser(requests[0] ?? {});
    const answer = model.preflightAddAcsUsers(hostile(requests, modes, reads, reenter));
    assertReadOnce(reads, 'preflightAddAcsUsers');
    assert.deepEqual(answer, model.preflightAddAcsUsers(requests));
    assert.deepEqual(model.removeAcsUserVerdicts(hostile(requests, modes, new Map(), reenter)), model.removeAcsUserVerdicts(requests));
    for (const item of requests) {
      const oneReads = new Map();
      assert.deepEqual(model.preflightAddAcsUser(hostile(item, modes, oneReads, reenter)), model.preflightAddAcsUser(item));
      assertReadOnce(oneReads, 'preflightAddAcsUser');
    }
    const snapshotReads = new Map();
    const loaded = acs.createAcsModel(hostile(acsSnapshot, modes, snapshotReads, reenter));
    assertReadOnce(snapshotReads, 'createAcsModel');
    assert.deepEqual([loaded.issues, loaded.audit()], [[], acs.auditAcsSnapshot(acsSnapshot)]);
    loaded.dispose();
  }), runs(120));
  model.dispose();
});

test('deletion: hostile snapshots, events and responses read once, answered as the plain ones', () => {
  const plainPlan = deletion.planDeletion(deletionSnapshot);
  const events = plainPlan.steps.filter((step) => step.confirm.by === 'event')
    .map((step, i) => ({ event_id: `e7e70000-0000-4000-8000-${String(i).padStart(12, '0')}`, event_type: step.confirm.event_type, [step.confirm.id_field]: step.step_id }));
  fc.assert(fc.property(modeStream, fc.subarray(events), fc.oneof(fc.constant({}), fc.record({ error: fc.record({ type: fc.constantFrom('acs_user_not_found', 'oops'), message: text }) })), (modes, someEvents, response) => {
    const reads = new Map();
    const reenter = () => validation.validateEmail('x@y.co');
    const plan = deletion.planDeletion(hostile(deletionSnapshot, modes, reads, reenter));
    assertReadOnce(reads, 'planDeletion');
    assert.deepEqual(plan, deletion.planDeletion(deletionSnapshot));
    const planReads = new Map();
    const progress = deletion.createDeletionProgress(hostile(plainPlan, modes, planReads, reenter), { startedAt: 0 });
    assertReadOnce(planReads, 'createDeletionProgress');
    const twin = deletion.createDeletionProgress(plainPlan, { startedAt: 0 });
    assert.equal(progress.runnable().length, twin.runnable().length); // the caller's (hostile) step objects: not read again here
    const eventReads = new Map();
    assert.deepEqual(progress.applyEvents(hostile(someEvents, modes, eventReads, reenter)), twin.applyEvents(someEvents));
    assertReadOnce(eventReads, 'applyEvents');
    const [step] = twin.runnable(); // plain step objects (the hostile ones would be read again here)
    const responseReads = new Map();
    assert.deepEqual(progress.applyResult(step.step_id, hostile(response, modes, responseReads, reenter)), twin.applyResult(step.step_id, response));
    assertReadOnce(responseReads, 'applyResult');
    assert.deepEqual(progress.state(), twin.state());
    const renderReads = new Map();
    assert.equal(deletion.renderDeletionPlan(hostile(plainPlan, modes, renderReads, reenter)), deletion.renderDeletionPlan(plainPlan));
    assertReadOnce(renderReads, 'renderDeletionPlan');
    progress.dispose();
    twin.dispose();
  }), runs(60));
});
