// node:test suite of planDeletion / renderDeletionPlan / createDeletionProgress on both builds, with the
// shared fixtures of tests/fixtures/deletion/ (also read by tests/unit-deletion.cpp).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fixture, loadBuilds } from './builds.mjs';

const builds = await loadBuilds();
const { cases } = fixture('deletion/snapshots.json');
const { scenarios } = fixture('deletion/progress.json');
const sample = fixture('deletion/sample-snapshot.json');
const golden = (name) => readFileSync(new URL(`../fixtures/deletion/golden/${name}`, import.meta.url), 'utf8');
const cli = new URL('../../bindings/js/bin/seamid.js', import.meta.url).pathname;
const sampleFile = new URL('../fixtures/deletion/sample-snapshot.json', import.meta.url).pathname;

/** Events of every outcome and reason against the sample plan: uppercase ids, a repeated event_id, another
 * workspace, invalid, non-ASCII and non-string ids. */
const W = '5f9b5e1a-7c2d-4e3f-8a1b-2c3d4e5f6a7b';
const trickyEvents = [
  { event_id: 'e7e70000-0000-4000-8000-000000000001', event_type: 'acs_credential.deleted', workspace_id: W, acs_credential_id: 'C4ED0011-0000-4000-8000-000000000011' },
  { event_id: 'E7E70000-0000-4000-8000-000000000001', event_type: 'acs_credential.deleted', acs_credential_id: 'c4ed0011-0000-4000-8000-000000000011' },
  { event_id: 'e7e70000-0000-4000-8000-000000000002', event_type: 'acs_credential.deleted', acs_credential_id: 'c4ed0011-0000-4000-8000-000000000011' },
  { event_type: 'acs_user.deleted', acs_user_id: 'c4ed0012-0000-4000-8000-000000000012' },
  { event_type: 'phone.deactivated', workspace_id: '99999999-9999-4999-8999-999999999999', device_id: '0f0e0001-0000-4000-8000-000000000002' },
  { event_type: 'phone.deactivated', device_id: 'not-a-uuid-but-exactly-36-characters' },
  { event_type: 'phone.deactivated', device_id: 42, event_id: null },
  { event_type: 'client_session.deleted', client_session_id: '99999999-9999-4999-8999-999999999999' },
  { event_type: 'client_session.deleted', client_session_id: 'c5e55001-0000-4000-8000-00000000000\u00e9' },
  { event_type: 'client_session.deleted', client_session_id: 'c5e55001-0000-4000-8000-000000000002', event_id: 'ééééééééééééééééééééééééééééééééé-éé' },
];

for (const { name, api } of builds) {
  test(`${name}: every shared snapshot case`, () => {
    assert.ok(cases.length >= 30);
    for (const c of cases) {
      // A string argument is JSON text; a fixture snapshot that is itself a string is passed as JSON.
      const plan = api.planDeletion(typeof c.snapshot === 'string' ? JSON.stringify(c.snapshot) : c.snapshot, c.options);
      assert.equal(plan.ok, c.ok, c.name);
      assert.deepEqual(api.planDeletion(JSON.stringify(c.snapshot), c.options).issues.map((i) => i.code).sort(), c.codes, c.name);
      assert.deepEqual(plan.issues.map((i) => i.code).sort(), c.codes, c.name);
      if (c.steps !== undefined) assert.equal(plan.steps.length, c.steps, c.name);
      if (c.waves !== undefined) assert.equal(plan.waves.length, c.waves, c.name);
      if (c.kinds) assert.deepEqual(plan.steps.map((s) => s.resource), c.kinds, c.name);
      if (c.wave_sizes) assert.deepEqual(plan.waves.map((w) => w.length), c.wave_sizes, c.name);
      if (!plan.ok) assert.deepEqual(plan.steps, [], c.name);
      for (const found of plan.issues) assert.ok(found.message.length > 20, c.name);
    }
  });

  test(`${name}: the plan is plain data with Seam's names and the right confirmations`, () => {
    const plan = api.planDeletion(sample);
    assert.deepEqual(JSON.parse(JSON.stringify(plan)), plan);
    assert.equal(Object.getPrototypeOf(plan), Object.prototype);
    const byId = new Map(plan.steps.map((s) => [s.step_id, s]));
    const expected = {
      client_session: ['/client_sessions/delete', 'client_session_id', 'client_session.deleted'],
      acs_credential: ['/acs/credentials/delete', 'acs_credential_id', 'acs_credential.deleted'],
      acs_user: ['/acs/users/delete', 'acs_user_id', 'acs_user.deleted'],
      enrollment_automation: ['/user_identities/enrollment_automations/delete', 'enrollment_automation_id', 'enrollment_automation.deleted'],
      phone: ['/phones/deactivate', 'device_id', 'phone.deactivated'],
    };
    for (const step of plan.steps) {
      if (step.resource === 'user_identity') {
        assert.deepEqual(step.params, { user_identity_id: sample.user_identity.user_identity_id });
        assert.deepEqual(step.confirm, { by: 'result' });
        // The transitive reduction: the steps nothing else depends on; through them, every other step.
        const dependedOn = new Set(plan.steps.flatMap((s) => (s === step ? [] : s.depends_on)));
        assert.deepEqual(step.depends_on, plan.steps.filter((s) => s !== step && !dependedOn.has(s.step_id)).map((s) => s.step_id));
        const reached = new Set(step.depends_on.flatMap((d) => [d, ...byId.get(d).depends_on]));
        assert.equal(reached.size, plan.steps.length - 1);
        continue;
      }
      const [endpoint, field, eventType] = expected[step.resource];
      assert.equal(step.endpoint, endpoint);
      assert.deepEqual(step.params, { [field]: step.step_id });
      assert.deepEqual(step.confirm, { by: 'event', event_type: eventType, id_field: field });
      for (const dep of step.depends_on) assert.ok(byId.get(dep).wave < step.wave);
    }
    // Each ACS user waits for exactly its own credentials.
    for (const user of plan.steps.filter((s) => s.resource === 'acs_user')) {
      const own = sample.acs_credentials.filter((c) => c.acs_user_id === user.step_id).map((c) => c.acs_credential_id);
      assert.deepEqual(user.depends_on, own);
    }
  });

  test(`${name}: guide order vs parallel order, and the minimal policy's notes`, () => {
    const parallel = api.planDeletion(sample);
    const guide = api.planDeletion(sample, { order: 'guide' });
    assert.equal(parallel.wave_barrier, false);
    assert.equal(guide.wave_barrier, true);
    assert.deepEqual(parallel.waves.map((w) => w.length), [11, 3, 1]);
    assert.equal(guide.waves.length, 10);
    assert.deepEqual(new Set(guide.steps.map((s) => s.step_id)), new Set(parallel.steps.map((s) => s.step_id)));
    const minimal = api.planDeletion(sample, { policy: 'minimal' });
    assert.deepEqual(minimal.steps.map((s) => s.resource), ['enrollment_automation', 'user_identity']);
    assert.match(minimal.notes[0], /API reference/);
    assert.match(minimal.notes[0], /cascade/);
    assert.equal(minimal.left_to_cascade.acs_users, 3);
    assert.throws(() => api.planDeletion(sample, { order: 'fast' }), TypeError);
    assert.throws(() => api.planDeletion(sample, { policy: 'none' }), TypeError);
    assert.throws(() => api.planDeletion(sample, 'guide'), TypeError);
    assert.throws(() => api.planDeletion(sample, { maxResources: -1 }), TypeError);
  });

  test(`${name}: progress scenarios`, () => {
    for (const scenario of scenarios) {
      const plan = api.planDeletion(sample, scenario.options);
      const progress = api.createDeletionProgress(plan, { startedAt: scenario.started_at ?? '2024-01-12T10:00:00Z' });
      assert.equal(progress.ok, true);
      scenario.ops.forEach((op, index) => {
        const label = `${scenario.name} op ${index}`;
        if ('event' in op) {
          const outcome = progress.applyEvent(op.event);
          assert.equal(outcome.outcome, op.expect, label);
          if (op.expect === 'rejected') assert.deepEqual(outcome.issues.map((i) => i.code), [op.issue], label);
          else assert.equal(outcome.reason, op.reason, label);
        } else if ('result' in op) {
          const outcome = progress.applyResult(op.result, op.response, op.requested_at ? { requestedAt: op.requested_at } : undefined);
          assert.equal(outcome.outcome, op.expect, label);
          assert.deepEqual(outcome.issues.map((i) => i.code), op.issue ? [op.issue] : [], label);
        } else {
          const { check } = op;
          const state = progress.state();
          if (check.runnable) assert.deepEqual(progress.runnable().map((s) => s.step_id).sort(), check.runnable, label);
          if (check.done !== undefined) assert.equal(progress.done(), check.done, label);
          if (check.identity_deletable !== undefined) assert.equal(progress.identityDeletable(), check.identity_deletable, label);
          if (check.counts) assert.deepEqual(state.counts, check.counts, label);
          if (check.ignored_event_count !== undefined) assert.equal(state.ignored_event_count, check.ignored_event_count, label);
          if ('next_event_query' in check) assert.deepEqual(progress.nextEventQuery(), check.next_event_query, label);
          const steps = new Map(state.steps.map((s) => [s.step_id, s]));
          for (const [id, expected] of Object.entries(check.states ?? {})) assert.equal(steps.get(id).state, expected, `${label} ${id}`);
          for (const [id, expected] of Object.entries(check.confirmed_by ?? {})) assert.equal(steps.get(id).confirmed_by, expected, `${label} ${id}`);
        }
      });
      progress.dispose();
    }
  });

  test(`${name}: runnable() answers every runnable step in plan order, whatever gaps the steps already called leave`, () => {
    const plan = api.planDeletion(sample);
    const order = new Map(plan.steps.map((step, i) => [step, i]));
    const progress = api.createDeletionProgress(plan, { startedAt: 0 });
    try {
      const first = progress.runnable();
      assert.ok(first.length >= 6, `${first.length} runnable`);
      assert.ok(first.every((step, i) => i === 0 || order.get(step) > order.get(first[i - 1])), 'in plan order');
      // Calling every other one (and the last two) leaves single steps and a gap at the end.
      const called = first.filter((_, i) => i % 2 === 1 || i >= first.length - 2);
      for (const step of called) assert.equal(progress.applyResult(step.step_id, { ok: true }).outcome, 'issued');
      const left = progress.runnable();
      assert.deepEqual(left, first.filter((step) => !called.includes(step)));
      for (const step of left) progress.applyResult(step.step_id, { ok: true });
      assert.deepEqual(progress.runnable(), []);
    } finally {
      progress.dispose();
    }
  });

  test(`${name}: runnable() gives the plan's step objects; events come as lists or /events/list responses`, () => {
    const plan = api.planDeletion(sample);
    const progress = api.createDeletionProgress(plan);
    const first = progress.runnable();
    assert.equal(first.length, 11);
    assert.equal(first[0].endpoint, '/client_sessions/delete');
    const events = first.map((step, i) => ({
      event_id: `e7e70000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      event_type: step.confirm.event_type, [step.confirm.id_field]: step.step_id,
    }));
    const outcomes = progress.applyEvents({ events: [...events.slice().reverse(), ...events] });
    assert.equal(outcomes.filter((o) => o.outcome === 'confirmed').length, 11);
    assert.equal(outcomes.filter((o) => o.outcome === 'duplicate').length, 11);
    assert.deepEqual(progress.runnable().map((s) => s.resource), ['acs_user', 'acs_user', 'acs_user']);
    assert.throws(() => progress.applyEvent(events), TypeError);
    const state = progress.state();
    const error = progress.applyResult(plan.steps[11].step_id, { error: { type: 'acs_user_deletion_failed', message: 'nope', request_id: 'r1' } });
    assert.equal(error.outcome, 'failed');
    assert.deepEqual(progress.state().steps[11].error, { type: 'acs_user_deletion_failed', message: 'nope', request_id: 'r1' });
    assert.equal(state.counts.confirmed, 11);
    progress.dispose();
  });

  test(`${name}: re-planning from a fresh snapshot after partial progress yields only what is left`, () => {
    const plan = api.planDeletion(sample);
    const progress = api.createDeletionProgress(plan);
    for (const step of plan.steps.slice(0, 12)) {
      progress.applyResult(step.step_id, { ok: true });
      progress.applyEvent({ event_type: step.confirm.event_type, [step.confirm.id_field]: step.step_id });
    }
    const confirmed = new Set(progress.state().steps.filter((s) => s.state === 'confirmed').map((s) => s.step_id));
    progress.dispose();
    const fields = { client_sessions: 'client_session_id', acs_users: 'acs_user_id', acs_credentials: 'acs_credential_id',
      enrollment_automations: 'enrollment_automation_id', phones: 'device_id' };
    const fresh = structuredClone(sample);
    for (const [list, field] of Object.entries(fields)) fresh[list] = fresh[list].filter((r) => !confirmed.has(r[field]));
    const again = api.planDeletion(fresh);
    assert.deepEqual(again.steps.map((s) => s.step_id), ['ac500001-0000-4000-8000-000000000002', 'ac500001-0000-4000-8000-000000000003',
      '22222222-2222-2222-2222-222222222222']);
  });

  test(`${name}: renderings match the golden files, the JS parses and the shell passes bash -n`, () => {
    const plan = api.planDeletion(sample);
    assert.equal(api.renderDeletionPlan(plan, 'json'), golden('plan.json'));
    assert.equal(api.renderDeletionPlan(plan, 'text'), golden('plan.txt'));
    assert.equal(api.renderDeletionPlan(plan), golden('plan.txt'));
    assert.equal(api.renderDeletionPlan(plan, 'curl'), golden('plan.sh'));
    assert.equal(api.renderDeletionPlan(plan, 'js'), golden('plan.mjs'));
    assert.equal(api.renderDeletionPlan(api.planDeletion(sample, { order: 'guide' }), 'text'), golden('plan-guide.txt'));
    const dir = mkdtempSync(path.join(tmpdir(), 'seamid-deletion-'));
    try {
      for (const options of [{}, { order: 'guide' }, { policy: 'minimal' }]) {
        const each = api.planDeletion(sample, options);
        writeFileSync(path.join(dir, 'plan.sh'), api.renderDeletionPlan(each, 'curl'));
        writeFileSync(path.join(dir, 'plan.mjs'), api.renderDeletionPlan(each, 'js'));
        assert.equal(spawnSync('bash', ['-n', path.join(dir, 'plan.sh')]).status, 0);
        assert.equal(spawnSync(process.execPath, ['--check', path.join(dir, 'plan.mjs')]).status, 0);
      }
      const refused = api.planDeletion({});
      assert.match(api.renderDeletionPlan(refused, 'text'), /^No deletion plan/);
      writeFileSync(path.join(dir, 'refused.sh'), api.renderDeletionPlan(refused, 'curl'));
      assert.equal(spawnSync('bash', ['-n', path.join(dir, 'refused.sh')]).status, 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    assert.throws(() => api.renderDeletionPlan(plan, 'python'), TypeError);
  });

  test(`${name}: a bad plan renders as "no plan" with its issues in every format, never a TypeError`, () => {
    const cyclic = {};
    cyclic.self = cyclic;
    const bad = [[{ steps: 'no' }, 'invalid_type'], [null, 'invalid_type'], [42, 'invalid_type'], ['{"steps": [', 'invalid_json'],
      ['not json', 'invalid_json'], [cyclic, 'invalid_input'], [{ ...api.planDeletion(sample), user_identity_id: 'x' }, 'invalid_uuid'],
      [api.planDeletion({ user_identity: {} }), 'missing_list']];
    for (const [plan, code] of bad) {
      const json = JSON.parse(api.renderDeletionPlan(plan, 'json'));
      assert.equal(json.ok, false, String(plan));
      assert.deepEqual(json.steps, []);
      assert.ok(json.issues.some((found) => found.code === code && found.severity === 'error'), `${code}: ${JSON.stringify(json.issues)}`);
      const text = api.renderDeletionPlan(plan, 'text');
      assert.match(text, /^No deletion plan/);
      assert.ok(text.includes(code), text);
      assert.match(api.renderDeletionPlan(plan, 'curl'), /^#!\/usr\/bin\/env bash/);
      assert.equal(typeof api.renderDeletionPlan(plan, 'js'), 'string');
    }
    assert.throws(() => api.renderDeletionPlan(null, 'yaml'), TypeError);
  });

  test(`${name}: a stored plan with a cycle or broken references is refused`, () => {
    const plan = api.planDeletion(sample);
    const broken = structuredClone(plan);
    broken.steps[2].depends_on = [broken.steps[11].step_id];
    const progress = api.createDeletionProgress(broken);
    assert.equal(progress.ok, false);
    assert.ok(progress.issues.some((i) => i.code === 'plan_cycle'));
    assert.throws(() => progress.runnable(), /no valid plan/);
    const cyclic = {};
    cyclic.self = cyclic;
    const viaCycle = api.createDeletionProgress(cyclic);
    assert.equal(viaCycle.ok, false);
    assert.equal(viaCycle.issues[0].code, 'invalid_input');
    for (const [bad, code] of [[42, 'invalid_type'], [null, 'invalid_type'], ['{"steps": [', 'invalid_json'], [undefined, 'invalid_type']]) {
      const refused = api.createDeletionProgress(bad);
      assert.equal(refused.ok, false);
      assert.equal(refused.issues[0].code, code);
      assert.throws(() => refused.done(), /no valid plan/);
      refused.dispose();
    }
    assert.throws(() => api.createDeletionProgress(plan, { startedAt: 'soon' }), TypeError);
  });

  test(`${name}: bad snapshots give structured issues and the module keeps answering`, () => {
    const cyclic = { user_identity: {} };
    cyclic.user_identity.self = cyclic;
    assert.equal(api.planDeletion(cyclic).issues[0].code, 'invalid_input');
    assert.equal(api.planDeletion(undefined).issues[0].code, 'invalid_type');
    assert.equal(api.planDeletion(() => 1).issues[0].code, 'invalid_type');
    assert.equal(api.planDeletion(10).issues[0].code, 'invalid_type');
    assert.equal(api.planDeletion('{"user_identity": ').issues[0].code, 'invalid_json');
    assert.equal(api.planDeletion('{"user_identity": {"user_identity_id": "\u0000"}}').ok, false);
    assert.equal(api.planDeletion('['.repeat(200000)).issues[0].code, 'invalid_type');
    assert.equal(api.planDeletion('{"user_identity": '.repeat(200000)).issues[0].code, 'invalid_json');
    // 1 M credentials: refused early with the default limit, without exhausting memory.
    const huge = { ...sample, acs_credentials: Array.from({ length: 1_000_000 }, (_, i) => ({
      acs_credential_id: `c4ed0000-0000-4000-8000-${String(i).padStart(12, '0')}`, acs_user_id: sample.acs_users[0].acs_user_id })) };
    const refused = api.planDeletion(huge);
    assert.deepEqual(refused.issues.map((i) => i.code), ['snapshot_too_large']);
    // Still answering correctly afterwards.
    assert.equal(api.planDeletion(sample).steps.length, 15);
  });

  test(`${name}: the plan object is the plan JSON, key for key, for every order, policy and case; a plan of 60,301 steps arrives whole`, () => {
    assert.equal(JSON.stringify(api.planDeletion(sample), null, 0), JSON.stringify(JSON.parse(golden('plan.json'))));
    const inputs = [sample, ...cases.map((c) => c.snapshot).filter((c) => typeof c === 'object' && c !== null)];
    for (const snapshot of inputs)
      for (const options of [{}, { order: 'guide' }, { policy: 'minimal' }, { order: 'guide', policy: 'minimal' }]) {
        const plan = api.planDeletion(snapshot, options);
        // renderDeletionPlan(plan, 'json') reads the plan back through JSON and writes it again (a stored
        // plan's warnings are not read back, hence the empty issues).
        const strip = (p) => JSON.stringify({ ...p, issues: [] });
        if (plan.ok) assert.equal(strip(plan), strip(JSON.parse(api.renderDeletionPlan(plan, 'json'))));
      }
    // A plan of 60,301 steps (the module's memory grows while it plans): every id, kind, wave and dependency
    // arrives, and it runs to the end.
    const users = Array.from({ length: 300 }, (_, u) => ({ acs_user_id: `ac500001-0000-4000-8000-${String(u).padStart(12, '0')}`, user_identity_id: sample.user_identity.user_identity_id }));
    const big = {
      user_identity: sample.user_identity, client_sessions: [], enrollment_automations: [], phones: [], acs_users: users,
      acs_credentials: users.flatMap((user, u) => Array.from({ length: 200 }, (_, c) => ({ acs_credential_id: `c4ed0001-0000-4000-8000-${String(u * 200 + c).padStart(12, '0')}`, acs_user_id: user.acs_user_id }))),
    };
    const plan = api.planDeletion(big, { maxResources: 100_000 });
    assert.equal(plan.steps.length, 60_301);
    assert.equal(JSON.stringify({ ...plan, issues: [] }), JSON.stringify({ ...JSON.parse(api.renderDeletionPlan(plan, 'json')), issues: [] }));
    const progress = api.createDeletionProgress(plan, { startedAt: 0 });
    for (let wave = 0; wave < 4 && !progress.done(); wave++) {
      const runnable = progress.runnable();
      for (const step of runnable) assert.equal(progress.applyResult(step.step_id, { ok: true }).outcome, step.confirm.by === 'event' ? 'issued' : 'confirmed');
      const outcomes = progress.applyEvents(runnable.filter((step) => step.confirm.by === 'event').map((step) => ({ event_type: step.confirm.event_type, [step.confirm.id_field]: step.step_id })));
      assert.ok(outcomes.every((o) => o.outcome === 'confirmed'));
    }
    assert.ok(progress.done());
    progress.dispose();
  });

  test(`${name}: every step of a plan owns its params, confirm and depends_on (editing one changes no other step or plan)`, () => {
    const plan = api.planDeletion(sample);
    const again = api.planDeletion(sample);
    for (const field of ['params', 'confirm', 'depends_on']) {
      const objects = new Set([...plan.steps, ...again.steps].map((step) => step[field]));
      assert.equal(objects.size, plan.steps.length * 2, field);
    }
    const first = plan.steps.find((step) => step.confirm.by === 'event');
    const twin = plan.steps.find((step) => step !== first && step.resource === first.resource);
    first.confirm.event_type = 'edited';
    first.params[Object.keys(first.params)[0]] = 'edited';
    first.depends_on.push('edited');
    assert.notEqual(twin.confirm.event_type, 'edited');
    assert.ok(!Object.values(twin.params).includes('edited'));
    assert.ok(!twin.depends_on.includes('edited'));
    assert.equal(JSON.stringify(again.steps[plan.steps.indexOf(first)]), JSON.stringify(api.planDeletion(sample).steps[plan.steps.indexOf(first)]));
  });

  test(`${name}: a response that is not Seam's JSON object is rejected, not taken for a success`, () => {
    const plan = api.planDeletion(sample);
    const progress = api.createDeletionProgress(plan, { startedAt: 0 });
    try {
      const id = '0f0e0001-0000-4000-8000-000000000002';
      for (const response of [new Date(0), { toJSON: () => [1] }, '[1]', 'not json', 7]) {
        const outcome = progress.applyResult(id, response);
        assert.equal(outcome.outcome, 'rejected', String(response));
        assert.ok(outcome.issues.length === 1 && outcome.issues[0].severity === 'error', String(response));
      }
      const cyclic = {};
      cyclic.self = cyclic;
      assert.equal(progress.applyResult(id, { error: cyclic }).issues[0].code, 'invalid_input');
      assert.equal(progress.applyResult(id, {}, { requestedAt: 'yesterday' }).issues[0].code, 'invalid_timestamp');
      assert.equal(progress.applyResult(id, {}, { requestedAt: new Date(NaN) }).issues[0].code, 'invalid_timestamp');
      assert.equal(progress.applyResult(id, {}, { requestedAt: {} }).issues[0].code, 'invalid_type');
      assert.equal(progress.applyResult(7, {}).issues[0].code, 'invalid_type');
      assert.equal(progress.state().steps.find((s) => s.step_id === id).state, 'runnable');
      // The error object of a failure: *_not_found means the resource is already gone.
      assert.deepEqual(progress.applyResult(id, { error: { type: 'device_not_found', message: 'gone' } }), { outcome: 'gone', step_id: id, issues: [] });
      assert.deepEqual(progress.applyResult(id.toUpperCase(), '{"ok": true}'), { outcome: 'already_confirmed', step_id: id, issues: [] });
    } finally {
      progress.dispose();
    }
  });

  test(`${name}: events: every outcome and reason, as text, objects or one by one; input that is no event list applies nothing`, () => {
    const plan = api.planDeletion(sample);
    // Every outcome and reason: event ids in any case and repeated, other workspaces, invalid, non-ASCII and
    // non-string ids, Seam's other event fields (non-ASCII text, escapes, NUL, nested objects) around them.
    const events = [
      { ...trickyEvents[0], created_at: '2024-01-12T10:00:00.000Z', note: 'Zoë 🔑 "quoted" \\ \u0000 \u001f',
        nested: { acs_credential_id: 'c4ed0012-0000-4000-8000-000000000012', list: [1, null, true] } },
      ...trickyEvents.slice(1),
      { event_type: 'client_session.deleted', event_id: 'e7e70000-0000-4000-8000-00000000000A', client_session_id: 'c5e55001-0000-4000-8000-000000000001' },
      { event_type: 'acs_user.deleted', acs_user_id: 'ac500001-0000-4000-8000-000000000002', event_id: 'e7e70000-0000-4000-8000-000000000003' },
      { event_type: 'acs_user.deleted', acs_user_id: 'ac500001-0000-4000-8000-000000000002', event_id: 'e7e70000-0000-4000-8000-000000000004' },
    ];
    const texts = [JSON.stringify({ events }), JSON.stringify(events), JSON.stringify({ events }, null, 2), `\n ${JSON.stringify(events)} \t`];
    for (const text of texts) {
      const asText = api.createDeletionProgress(plan, { startedAt: 0 });
      const asObjects = api.createDeletionProgress(plan, { startedAt: 0 });
      const oneByOne = api.createDeletionProgress(plan, { startedAt: 0 });
      try {
        const answers = asText.applyEvents(text);
        assert.deepEqual(answers, asObjects.applyEvents(events));
        assert.deepEqual(answers, events.map((event) => oneByOne.applyEvent(JSON.stringify(event)))
          .map(({ issues, ...outcome }) => (assert.deepEqual(issues, []), outcome)));
        assert.deepEqual(answers.map((o) => o.outcome), ['confirmed', 'duplicate', 'already_confirmed', 'ignored', 'ignored', 'ignored', 'ignored',
          'ignored', 'ignored', 'confirmed', 'confirmed', 'confirmed', 'already_confirmed']);
        assert.equal(answers[0].event_id, 'e7e70000-0000-4000-8000-000000000001');
        assert.equal(answers[10].event_id, 'e7e70000-0000-4000-8000-00000000000a');
        assert.deepEqual(asText.state(), asObjects.state());
        assert.deepEqual(asText.state(), oneByOne.state());
      } finally {
        asText.dispose();
        asObjects.dispose();
        oneByOne.dispose();
      }
    }
    // Texts the module leaves to the JSON path answer exactly as before, and are applied once.
    const others = ['{"events": []}', '[]', '{}', '[1, {"event_type": "phone.deactivated"}]', '[{"event_type": "device.connected", "device_id": "0f0e0001-0000-4000-8000-000000000001"}]',
      JSON.stringify([events[0], { event_type: 'lock.unlocked' }, events[11]]), '[{"event_type": 7}]', '{"events": {}}', '{"events": [', 'not json', '', '\u0000', '"text"', 'null', '[{"note": "\\ud800"}]',
      JSON.stringify([events[11]]).replace('acs_user.deleted', 'acs_user.deleted\u0000')];
    for (const text of others) {
      const viaText = api.createDeletionProgress(plan, { startedAt: 0 });
      const reference = api.createDeletionProgress(plan, { startedAt: 0 });
      try {
        const answer = viaText.applyEvents(text);
        let parsed;
        try { parsed = JSON.parse(text); } catch { parsed = undefined; }
        if (parsed !== undefined && typeof parsed === 'object' && parsed !== null && !text.includes('ud800')) assert.deepEqual(answer, reference.applyEvents(parsed), text);
        else {
          assert.equal(answer.length, 1, text);
          assert.equal(answer[0].outcome, 'rejected', text);
          assert.ok(answer[0].issues.length > 0 && answer[0].issues.every((issue) => issue.severity === 'error' && issue.message), text);
        }
        assert.deepEqual(viaText.state(), reference.state(), text);
      } finally {
        viaText.dispose();
        reference.dispose();
      }
    }
    // A text of many megabytes (the module's memory grows while it is read) and its event ids read back.
    const big = api.planDeletion({ ...sample, acs_credentials: Array.from({ length: 30000 }, (_, i) => ({
      acs_credential_id: `c4ed0001-0000-4000-8000-${String(i).padStart(12, '0')}`, acs_user_id: sample.acs_users[i % 3].acs_user_id })) }, { maxResources: 100000 });
    const progress = api.createDeletionProgress(big, { startedAt: 0 });
    try {
      const wave = progress.runnable().filter((s) => s.resource === 'acs_credential');
      assert.equal(wave.length, 30000);
      const list = wave.map((s, i) => ({ event_id: `e7e70000-0000-4000-8000-${String(i).padStart(12, '0')}`, event_type: s.confirm.event_type,
        [s.confirm.id_field]: s.step_id, padding: 'x'.repeat(200) }));
      const answers = progress.applyEvents(JSON.stringify({ events: list }));
      assert.equal(answers.length, 30000);
      answers.forEach((o, i) => assert.deepEqual(o, { outcome: 'confirmed', event_id: list[i].event_id, event_type: 'acs_credential.deleted', step_id: wave[i].step_id }));
      assert.ok(progress.applyEvents(JSON.stringify(list)).every((o) => o.outcome === 'duplicate'));
    } finally {
      progress.dispose();
    }
  });

  test(`${name}: applyResult finds a step by its id in any order or case; responses as objects or as JSON text`, () => {
    const plan = api.planDeletion(sample);
    const orders = [
      (steps) => steps, (steps) => steps.slice().reverse(), (steps) => steps.filter((_, i) => i % 2).concat(steps.filter((_, i) => i % 2 === 0)),
      (steps) => steps.map((s) => s), // applied twice below: already_issued
    ];
    for (const order of orders) {
      const progress = api.createDeletionProgress(plan, { startedAt: 0 });
      const reference = api.createDeletionProgress(JSON.stringify(plan), { startedAt: 0 });
      try {
        for (let round = 0; round < 10 && !progress.done(); round++) {
          const runnable = progress.runnable();
          assert.deepEqual(runnable, reference.runnable());
          const ids = order(runnable).map((s, i) => (i % 3 === 1 ? s.step_id.toUpperCase() : i % 3 === 2 ? [...s.step_id].join('') : s.step_id));
          for (const id of [...ids, ...ids.slice(0, 2)])
            assert.deepEqual(progress.applyResult(id, { ok: true }), reference.applyResult(id, '{"ok": true}'));
          assert.deepEqual(progress.applyResult(plan.steps[0].step_id, { ok: true }), reference.applyResult(plan.steps[0].step_id, '{"ok": true}'));
          assert.deepEqual(progress.applyResult('99999999-9999-4999-8999-999999999999', { ok: true }), reference.applyResult('99999999-9999-4999-8999-999999999999', '{"ok": true}'));
          assert.deepEqual(progress.applyResult('ééééééééééééééééééééééééééééééééé-éé', { ok: true }), reference.applyResult('ééééééééééééééééééééééééééééééééé-éé', '{"ok": true}'));
          const events = runnable.filter((s) => s.confirm.by === 'event').map((s) => ({ event_type: s.confirm.event_type, [s.confirm.id_field]: s.step_id }));
          assert.deepEqual(progress.applyEvents(JSON.stringify(events)), reference.applyEvents(events));
          assert.deepEqual(progress.state(), reference.state());
        }
        assert.ok(progress.done());
      } finally {
        progress.dispose();
        reference.dispose();
      }
    }
  });

  test(`${name}: changing the plan object after createDeletionProgress does not move the progress`, () => {
    const plan = api.planDeletion(sample);
    const progress = api.createDeletionProgress(plan, { startedAt: 0 });
    try {
      const before = progress.runnable().map((s) => s.step_id);
      plan.steps.reverse();
      plan.steps.forEach((s) => { s.step_id = 'x'; });
      const outcome = progress.applyResult(before[0], { ok: true });
      assert.equal(outcome.outcome, 'issued');
      assert.equal(outcome.step_id, before[0]);
      assert.equal(progress.state().steps.find((s) => s.step_id === before[0]).state, 'issued');
    } finally {
      progress.dispose();
    }
  });

  test(`${name}: a progress from a plan object (sent in the compact form) equals one from the plan's JSON text, edited or not`, () => {
    // Replays a whole run (every step succeeds, its event arrives) and returns every answer along the way.
    const replay = (progress) => {
      const log = [progress.issues, progress.ok];
      if (!progress.ok) return log;
      for (let round = 0; round < 10 && !progress.done(); round++) {
        const runnable = progress.runnable();
        log.push(runnable.map((s) => s.step_id), progress.nextEventQuery());
        for (const step of runnable) log.push(progress.applyResult(step.step_id, { ok: true }));
        log.push(progress.applyEvents(runnable.filter((s) => s.confirm.by === 'event').reverse()
          .map((s) => ({ event_type: s.confirm.event_type, [s.confirm.id_field]: s.step_id }))));
        log.push(progress.state());
      }
      progress.dispose();
      return log;
    };
    const edits = [
      (plan) => plan,
      (plan) => { plan.steps[0].depends_on.push(plan.steps[1].step_id); },
      (plan) => { plan.steps.at(-1).depends_on.pop(); },
      (plan) => { plan.steps.at(-2).wave = 0; },
      (plan) => { plan.steps[0].step_id = plan.steps[0].step_id.toUpperCase(); },
      (plan) => { plan.steps[1].resource = 'phone'; },
      (plan) => { plan.steps.reverse(); },
      (plan) => { plan.steps.pop(); },
      (plan) => { plan.order = 'guide'; },
      (plan) => { plan.notes = []; },
      (plan) => { plan.steps[2] = { ...plan.steps[2] }; }, // a copy with the same fields: the same plan
    ];
    for (const options of [{}, { order: 'guide' }, { policy: 'minimal' }])
      for (const edit of edits) {
        const plan = api.planDeletion(sample, options);
        edit(plan);
        const expected = replay(api.createDeletionProgress(JSON.stringify(plan), { startedAt: 0 }));
        assert.deepEqual(replay(api.createDeletionProgress(plan, { startedAt: 0 })), expected, `${JSON.stringify(options)} ${edit}`);
      }
    const refused = api.planDeletion({ user_identity: {} });
    assert.equal(refused.ok, false);
    assert.equal(api.createDeletionProgress(refused).ok, false);
  });

  test(`${name}: the plan planDeletion keeps for createDeletionProgress serves only that plan object, unchanged, once`, () => {
    const states = (progress) => {
      try {
        return progress.ok ? progress.state() : progress.issues.map((issue) => issue.code);
      } finally {
        progress.dispose();
      }
    };
    const expected = states(api.createDeletionProgress(JSON.stringify(api.planDeletion(sample)), { startedAt: 0 }));
    // A mutated plan object is read as it is now, not served from the kept plan: here a dependency on no step.
    const mutated = api.planDeletion(sample);
    mutated.steps.at(-1).depends_on.push('00000000-0000-4000-8000-000000000000');
    const refused = api.createDeletionProgress(mutated, { startedAt: 0 });
    assert.equal(refused.ok, false);
    assert.deepEqual(states(refused), states(api.createDeletionProgress(JSON.stringify(mutated), { startedAt: 0 })));
    // Unchanged: served (a second progress of it, and an older plan object after a newer plan, are read again).
    const older = api.planDeletion(sample);
    const plan = api.planDeletion(sample);
    assert.deepEqual(states(api.createDeletionProgress(plan, { startedAt: 0 })), expected);
    assert.deepEqual(states(api.createDeletionProgress(plan, { startedAt: 0 })), expected);
    assert.deepEqual(states(api.createDeletionProgress(older, { startedAt: 0 })), expected);
    // A copy of the plan (another object) equals it too.
    assert.deepEqual(states(api.createDeletionProgress(structuredClone(api.planDeletion(sample)), { startedAt: 0 })), expected);
  });

  test(`${name}: dispose() frees the native state and is idempotent`, () => {
    const plan = api.planDeletion(sample);
    const progress = api.createDeletionProgress(plan);
    progress.dispose();
    progress.dispose();
    assert.throws(() => progress.done(), /disposed/);
    assert.throws(() => progress.applyEvent({}), /disposed/);
    assert.equal(progress.disposed, true);
    // The shared handle contract: ok and frozen issues from construction, Symbol.dispose for `using`.
    const other = api.createDeletionProgress(plan);
    assert.equal(other.ok, true);
    assert.deepEqual(other.issues, []);
    assert.ok(Object.isFrozen(other.issues));
    if (typeof Symbol.dispose === 'symbol') {
      other[Symbol.dispose]();
      assert.throws(() => other.runnable(), /disposed/);
    } else other.dispose();
    if (api.deletionProgressLive) {
      const before = api.deletionProgressLive();
      const many = Array.from({ length: 20 }, () => api.createDeletionProgress(plan));
      assert.equal(api.deletionProgressLive(), before + 20);
      for (const each of many) each.dispose();
      assert.equal(api.deletionProgressLive(), before);
    }
  });
}

test('CLI plan-delete: formats, options, exit codes', () => {
  const text = execFileSync(process.execPath, [cli, 'plan-delete', sampleFile], { encoding: 'utf8' });
  assert.equal(text, golden('plan.txt'));
  const json = JSON.parse(execFileSync(process.execPath, [cli, 'plan-delete', sampleFile, '--format', 'json', '--order', 'guide'], { encoding: 'utf8' }));
  assert.equal(json.order, 'guide');
  assert.equal(json.waves.length, 10);
  const curl = execFileSync(process.execPath, [cli, 'plan-delete', sampleFile, '--format=curl'], { encoding: 'utf8' });
  assert.equal(curl, golden('plan.sh'));
  const minimal = execFileSync(process.execPath, [cli, 'plan-delete', sampleFile, '--policy', 'minimal', '--format', 'js'], { encoding: 'utf8' });
  assert.match(minimal, /Policy minimal/);
  const dir = mkdtempSync(path.join(tmpdir(), 'seamid-cli-'));
  try {
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...sample, acs_users: [] }));
    const refused = spawnSync(process.execPath, [cli, 'plan-delete', bad], { encoding: 'utf8' });
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /credential_acs_user_missing/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.equal(spawnSync(process.execPath, [cli, 'plan-delete'], { encoding: 'utf8' }).status, 2);
  assert.equal(spawnSync(process.execPath, [cli, 'plan-delete', '/nonexistent.json'], { encoding: 'utf8' }).status, 2);
  assert.equal(spawnSync(process.execPath, [cli, 'plan-delete', sampleFile, '--format', 'yaml'], { encoding: 'utf8' }).status, 2);
  assert.equal(spawnSync(process.execPath, [cli, 'plan-delete', '--help'], { encoding: 'utf8' }).status, 0);
});

test('plans made in one synchronous loop are garbage, not kept until the loop ends', () => {
  // A plan of 2,021 steps, planned 100 times in one job (as a script that plans many identities would): no plan
  // may stay alive until the job ends.
  const script = `
    import { getHeapStatistics } from 'node:v8';
    import { loadBuilds } from ${JSON.stringify(new URL('./builds.mjs', import.meta.url).href)};
    const workspace = '5f9b5e1a-7c2d-4e3f-8a1b-2c3d4e5f6a7b', identity = '22222222-2222-2222-2222-222222222222';
    const id = (prefix, n) => prefix + '-0000-4000-8000-' + String(n).padStart(12, '0');
    const users = Array.from({ length: 20 }, (_, u) => ({ acs_user_id: id('ac500001', u), user_identity_id: identity }));
    const snapshot = JSON.stringify({
      user_identity: { user_identity_id: identity, workspace_id: workspace }, client_sessions: [], acs_users: users,
      acs_credentials: users.flatMap((user, u) => Array.from({ length: 100 }, (_, c) => ({ acs_credential_id: id('c4ed0001', u * 100 + c), acs_user_id: user.acs_user_id }))),
      enrollment_automations: [], phones: [],
    });
    const out = {};
    for (const { name, api } of await loadBuilds()) {
      const planOnly = () => api.planDeletion(snapshot).steps.length;
      const planAndProgress = () => { const plan = api.planDeletion(snapshot); api.createDeletionProgress(plan).dispose(); return plan.steps.length; };
      for (const [how, once] of Object.entries({ planOnly, planAndProgress })) {
        once();
        gc();
        const before = getHeapStatistics().used_heap_size;
        let steps = 0;
        for (let i = 0; i < 100; i++) steps += once();
        gc();
        out[name + ' ' + how] = { steps, growth: getHeapStatistics().used_heap_size - before };
      }
    }
    console.log(JSON.stringify(out));`;
  const run = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const results = JSON.parse(run.stdout);
  assert.equal(Object.keys(results).length, 4);
  for (const [what, { steps, growth }] of Object.entries(results)) {
    assert.equal(steps, 100 * 2021, what);
    assert.ok(growth < 5e6, `${what}: the heap grew by ${growth} bytes over 100 plans`);
  }
});
