// deleteUserIdentity and executeDeletion against the simulator: every resource kind, 1 / 10 / 100 identities,
// each fault alone and all together, abort then resume, a crash between a call and its event, events that never
// come, a resource that appears mid-run, policies and orders, bad input. Every run checks the invariants.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SeamHttp } from '@seamapi/http/connect';
import { planDeletion } from '../../bindings/js/src/node.js';
import { createSeamClient, deleteUserIdentity, executeDeletion, fetchDeletionSnapshot, SeamidError } from '../../bindings/js/src/seam/index.js';
import { simulator, plain, fast, assertInvariants } from './helpers.mjs';

const KINDS = ['client_session', 'acs_credential', 'acs_user', 'enrollment_automation', 'phone', 'user_identity'];

test('one identity with every resource kind, through SeamHttp: each step confirmed by its event, verified empty', async (t) => {
  const sim = await simulator(t, { seed: 31 });
  const [id, bystander] = sim.seed({ identities: 2 });
  const startedAt = Date.now();
  const events = [];
  const seam = SeamHttp.fromApiKey(sim.apiKey, { endpoint: sim.endpoint });
  const report = await deleteUserIdentity(seam, id, { ...fast, onProgress: (e) => events.push(e) });
  assertInvariants(sim, [id], { startedAt, perResource: 1 });
  assert.equal(report.ok, true);
  assert.equal(report.verification.clean, true);
  const [round] = report.rounds;
  assert.deepEqual([...new Set(round.steps.map((s) => s.resource))].sort(), [...KINDS].sort());
  assert.equal(round.steps.length, 2 + 3 + 9 + 1 + 2 + 1);
  for (const step of round.steps) {
    assert.equal(step.outcome, 'confirmed', step.step_id);
    assert.equal(step.confirmed_by, step.resource === 'user_identity' ? 'result' : 'event');
    assert.equal(step.calls, 1);
  }
  assert.equal(report.retries, 0);
  assert.ok(report.calls >= 18 + 1 && report.calls === sim.stats.requests, 'every request is counted');
  const types = new Set(events.map((e) => e.type));
  for (const type of ['run_started', 'snapshot_fetched', 'plan_ready', 'step_sent', 'step_awaiting_event', 'step_confirmed', 'wave_done', 'verified', 'run_finished'])
    assert.ok(types.has(type), type);
  // The bystander is untouched.
  assert.notEqual(sim.attached(bystander).user_identity, null);
  assert.equal(sim.attached(bystander).acs_credentials.length, 9);
});

test('10 identities at once, then 100 in batches, with concurrency: nothing left, no premature call', async (t) => {
  const sim = await simulator(t, { seed: 32 });
  const ten = sim.seed({ identities: 10, clientSessions: [0, 3], acsUsers: [0, 3], credentials: [0, 4], enrollmentAutomations: [0, 2], phones: [0, 2] });
  let startedAt = Date.now();
  const reports = await Promise.all(ten.map((id) => deleteUserIdentity(plain(sim), id, { ...fast, concurrency: 8 })));
  assert.ok(reports.every((r) => r.ok));
  assertInvariants(sim, ten, { startedAt, perResource: 1 });
  // 100 smaller identities, 50 at a time (the suite runs on a shared, loaded machine: kept light).
  const hundred = sim.seed({ identities: 100, clientSessions: [0, 1], acsUsers: [0, 1], credentials: [0, 2], enrollmentAutomations: [0, 1], phones: [0, 1] });
  startedAt = Date.now();
  sim.stats.eventsListCalls = 0;
  for (let i = 0; i < hundred.length; i += 50) {
    const batch = hundred.slice(i, i + 50);
    const done = await Promise.all(batch.map((id) => deleteUserIdentity(plain(sim), id, { ...fast, pollIntervalMs: 50 })));
    assert.ok(done.every((r) => r.ok));
  }
  assertInvariants(sim, hundred, { startedAt, perResource: 1, pollIntervalMs: 50, maxMs: 45_000 });
  assert.equal(sim.db.identities.size, 0);
});

const faultCases = {
  '429 with Retry-After': { rate: { 429: 0.25 } },
  '503 with an HTML body': { rate: { 503: 0.25 } },
  'answers lost after the effect': { rate: { lost: 0.25 } },
  'slow answers beyond the timeout': { rate: { slow: 0.1 }, slowMs: 2000, timeoutMs: 1000 },
  'garbage answers': { rate: { garbage: 0.25 } },
  'late events': { event: { late: 0.6, lateMs: 120 } },
  'events out of order': { event: { shuffle: true } },
  'events listed twice': { event: { twice: 0.7 } },
  'events never emitted': { event: { never: 0.3 } },
};

for (const [name, faults] of Object.entries(faultCases)) {
  test(`fault alone: ${name}`, async (t) => {
    const sim = await simulator(t, { seed: 40 + name.length, faults });
    const ids = sim.seed({ identities: 3 });
    const startedAt = Date.now();
    const options = { ...fast, maxWaitMs: 300, retry: { ...fast.retry, attempts: 8, timeoutMs: faults.timeoutMs ?? 5000 } };
    const reports = await Promise.all(ids.map((id) => deleteUserIdentity(plain(sim), id, options)));
    assert.ok(reports.every((r) => r.ok && r.verification.clean));
    assertInvariants(sim, ids, { startedAt, perResource: 8 });
    const steps = reports.flatMap((r) => r.rounds.flatMap((round) => round.steps));
    if (faults.rate) {
      const injected = Object.values(sim.stats.faults).reduce((a, b) => a + b, 0);
      assert.ok(injected > 0, 'faults were injected');
      assert.ok(reports.reduce((n, r) => n + r.retries, 0) >= injected, 'every fault was retried');
    }
    if (faults.event?.never) {
      assert.ok(sim.stats.eventsNeverEmitted > 0);
      assert.ok(steps.some((s) => s.confirmed_by === 'list_check'), 'a missing event was confirmed by listing');
    }
    if (faults.event?.twice) assert.ok(reports.some((r) => r.rounds.some((round) => round.duplicate_events > 0)));
  });
}

test('all faults together (over 20% of calls failing): every identity deleted, bounded', async (t) => {
  const sim = await simulator(t, {
    seed: 50,
    faults: {
      rate: { 429: 0.06, 503: 0.06, lost: 0.05, garbage: 0.04, slow: 0.04 }, slowMs: 300,
      event: { late: 0.3, lateMs: 80, twice: 0.3, never: 0.15, shuffle: true },
    },
  });
  const ids = sim.seed({ identities: 10 });
  const startedAt = Date.now();
  // Slow answers (300 ms) stay within the timeout here: under a loaded machine a short timeout fails healthy calls.
  const options = { ...fast, concurrency: 6, maxWaitMs: 300, retry: { ...fast.retry, attempts: 8, timeoutMs: 5000 } };
  const reports = await Promise.all(ids.map((id) => deleteUserIdentity(plain(sim), id, options)));
  assert.ok(reports.every((r) => r.ok));
  const failing = sim.stats.faults['429'] + sim.stats.faults['503'] + sim.stats.faults.lost + sim.stats.faults.garbage + sim.stats.faults.slow;
  assert.ok(failing / sim.stats.requests >= 0.2, `${failing} of ${sim.stats.requests} calls failed`);
  assertInvariants(sim, ids, { startedAt, perResource: 8 });
  const calls = reports.reduce((n, r) => n + r.calls, 0);
  assert.equal(calls, sim.stats.requests, 'the reports count every request');
});

test('abort mid-way rejects with an AbortError and a report; running again finishes only what is left', async (t) => {
  const sim = await simulator(t, { seed: 60, eventDelayMs: [30, 60] });
  const [id] = sim.seed({ acsUsers: 3, credentials: 3 });
  const startedAt = Date.now();
  const controller = new AbortController();
  const confirmedBefore = [];
  const first = deleteUserIdentity(plain(sim), id, {
    ...fast, signal: controller.signal,
    onProgress: (e) => {
      if (e.type === 'step_confirmed' && confirmedBefore.push(e.step_id) === 5) controller.abort();
    },
  });
  const aborted = await first.then(() => null, (error) => error);
  assert.equal(aborted?.name, 'AbortError');
  const [round] = aborted.report.rounds;
  assert.ok(round.counts.confirmed >= 5 && round.counts.confirmed < round.counts.steps);
  assert.equal(round.steps.find((s) => s.step_id === id).outcome, 'not_run');
  assert.notEqual(sim.attached(id).user_identity, null, 'the identity was not deleted');
  const report = await deleteUserIdentity(plain(sim), id, fast);
  assert.equal(report.ok, true);
  assertInvariants(sim, [id], { startedAt, perResource: 2 });
  // What was confirmed before the abort is gone from the lists: the second run neither plans nor calls it again.
  const resumed = new Set(report.rounds[0].steps.map((s) => s.step_id));
  for (const step of confirmedBefore) {
    assert.ok(!resumed.has(step), `${step} re-planned`);
    assert.equal(sim.stats.deleteCalls.get(step), 1);
  }
  assert.ok(resumed.size <= 18 - confirmedBefore.length);
});

test('a crash between a call and its event: the next run finds the deletes in flight and confirms them', async (t) => {
  const sim = await simulator(t, { seed: 61, eventDelayMs: 150 });
  const [id] = sim.seed({ clientSessions: 2, acsUsers: 1, credentials: 2, enrollmentAutomations: 1, phones: 1 });
  const startedAt = Date.now();
  const controller = new AbortController();
  const snapshot = await fetchDeletionSnapshot(plain(sim), id);
  const plan = planDeletion(snapshot);
  let awaiting = 0;
  // Every first-wave call answered, no event yet: the process dies (its run is abandoned, no cleanup).
  await assert.rejects(executeDeletion(plain(sim), plan, {
    ...fast, signal: controller.signal,
    onProgress: (e) => {
      if (e.type === 'step_awaiting_event' && ++awaiting === plan.waves[0].length) controller.abort();
    },
  }), (error) => error.name === 'AbortError' && error.report.counts.unconfirmed === plan.waves[0].length);
  assert.ok(sim.pendingDeletes() > 0, 'deletes were still in flight at the crash');
  const report = await deleteUserIdentity(plain(sim), id, fast);
  assert.equal(report.ok, true);
  assertInvariants(sim, [id], { startedAt, perResource: 2 });
  assert.ok(report.rounds[0].steps.some((s) => s.confirmed_by === 'event' || s.confirmed_by === 'not_found'));
});

test('an event that never comes: confirmed by listing when the resource is gone, a named failure when it stays', async (t) => {
  const sim = await simulator(t, { seed: 62 });
  const [id] = sim.seed({ clientSessions: 1, acsUsers: 2, credentials: 2, enrollmentAutomations: 1, phones: 1 });
  const { acs_credentials: credentials, phones: [phone] } = sim.attached(id);
  sim.setFaults({ neverIds: [credentials[0].acs_credential_id], stuckIds: [phone.device_id] });
  const startedAt = Date.now();
  const error = await deleteUserIdentity(plain(sim), id, { ...fast, maxWaitMs: 200, maxRounds: 1 }).then(() => null, (e) => e);
  assert.ok(error instanceof SeamidError);
  assert.equal(error.code, 'deletion_failed');
  const steps = error.report.rounds[0].steps;
  const byId = new Map(steps.map((s) => [s.step_id, s]));
  assert.equal(byId.get(credentials[0].acs_credential_id).confirmed_by, 'list_check');
  const stuck = byId.get(phone.device_id);
  assert.equal(stuck.outcome, 'failed');
  assert.equal(stuck.error.type, 'event_timeout');
  assert.match(stuck.error.message, new RegExp(`phone ${phone.device_id}.*still lists it`));
  assert.match(error.message, new RegExp(phone.device_id));
  // Only what depends on the failed step is skipped: everything else finished.
  assert.equal(byId.get(id).outcome, 'not_run');
  assert.ok(steps.filter((s) => s.step_id !== id && s.step_id !== phone.device_id).every((s) => s.outcome === 'confirmed'));
  assert.equal(sim.stats.premature.length, 0);
  assert.notEqual(sim.attached(id).user_identity, null);
  // The phone finally goes; a new run finishes the identity alone.
  sim.setFaults({});
  sim.db.phones.delete(phone.device_id);
  const report = await deleteUserIdentity(plain(sim), id, fast);
  assert.equal(report.rounds[0].steps.length, 1);
  assertInvariants(sim, [id], { startedAt, perResource: 2 });
});

test('a credential that appears mid-run: the refused ACS user delete makes the run re-fetch and re-plan', async (t) => {
  const sim = await simulator(t, { seed: 63 });
  const [id] = sim.seed({ clientSessions: 0, acsUsers: 1, credentials: 2, enrollmentAutomations: 0, phones: 0 });
  const [user] = sim.attached(id).acs_users;
  const startedAt = Date.now();
  let added = null;
  const events = [];
  const report = await deleteUserIdentity(plain(sim), id, {
    ...fast,
    onProgress: (e) => {
      events.push(e.type);
      if (e.type === 'step_confirmed' && e.resource === 'acs_credential' && !added) added = sim.addCredential(user.acs_user_id);
    },
  });
  assert.equal(report.ok, true);
  assert.equal(report.rounds.length, 2);
  assert.ok(events.includes('replanning'));
  assert.equal(report.rounds[0].steps.find((s) => s.resource === 'acs_user').error.type, 'acs_user_has_credentials');
  assert.ok(report.rounds[1].steps.some((s) => s.step_id === added));
  // The one refusal is the simulator's guard catching the world changing, not a call made out of order.
  assertInvariants(sim, [id], { startedAt, premature: 1, perResource: 2 });
});

test('a snapshot already fetched is planned as the first round: no second fetch; one of another identity is a TypeError', async (t) => {
  const sim = await simulator(t, { seed: 64 });
  const [id, other] = sim.seed({ identities: 2 });
  const snapshot = await fetchDeletionSnapshot(plain(sim), id);
  const gets = sim.stats.byRoute['/user_identities/get'];
  const lists = sim.stats.byRoute['/acs/users/list'];
  await assert.rejects(deleteUserIdentity(plain(sim), other, { ...fast, snapshot }), (e) => e instanceof TypeError && e.message.includes(other));
  await assert.rejects(deleteUserIdentity(plain(sim), id, { ...fast, snapshot: { acs_users: [] } }), TypeError);
  const startedAt = Date.now();
  const report = await deleteUserIdentity(plain(sim), id, { ...fast, snapshot });
  assert.equal(report.ok, true);
  assert.equal(report.rounds.length, 1);
  assert.equal(report.rounds[0].steps.length, planDeletion(snapshot).steps.length);
  // Only the final check reads the identity and its ACS users again.
  assert.equal(sim.stats.byRoute['/user_identities/get'] - gets, 1);
  assert.equal(sim.stats.byRoute['/acs/users/list'] - lists, 1);
  assertInvariants(sim, [id], { startedAt });
});

test('policy minimal follows the cascade and still verifies: phones the cascade leaves are reported', async (t) => {
  const sim = await simulator(t, { seed: 64, cascade: true });
  const [clean, withPhone] = [sim.seed({ phones: 0 })[0], sim.seed({ phones: 1 })[0]];
  const startedAt = Date.now();
  const report = await deleteUserIdentity(plain(sim), clean, { ...fast, policy: 'minimal' });
  assert.equal(report.ok, true);
  assert.deepEqual(report.rounds[0].steps.map((s) => s.resource), ['enrollment_automation', 'user_identity']);
  assert.ok(report.notes.some((n) => /cascade/.test(n)));
  assertInvariants(sim, [clean], { startedAt, perResource: 1 });
  const error = await deleteUserIdentity(plain(sim), withPhone, { ...fast, policy: 'minimal' }).then(() => null, (e) => e);
  assert.equal(error?.code, 'deletion_failed');
  assert.equal(error.report.verification.left.phones.length, 1);
  assert.match(error.message, /1 phones/);
});

test('order guide: each wave starts after the previous one is confirmed', async (t) => {
  const sim = await simulator(t, { seed: 65 });
  const [id] = sim.seed();
  const startedAt = Date.now();
  const order = [];
  const report = await deleteUserIdentity(plain(sim), id, {
    ...fast, order: 'guide', onProgress: (e) => (e.type === 'step_sent' || e.type === 'wave_done') && order.push(e.type === 'wave_done' ? `done ${e.wave}` : e.step_id),
  });
  assert.equal(report.ok, true);
  const steps = report.rounds[0].steps;
  const waveOf = new Map(steps.map((s) => [s.step_id, s.wave]));
  let open = 0;
  for (const entry of order) {
    if (entry.startsWith('done ')) open = Number(entry.slice(5)) + 1;
    else assert.equal(waveOf.get(entry), open, `${entry} sent in its wave`);
  }
  assert.ok(new Set(steps.map((s) => s.wave)).size >= 4);
  assertInvariants(sim, [id], { startedAt, perResource: 1 });
});

test('events beyond one /events/list page: the window is narrowed and no event is missed', async (t) => {
  const sim = await simulator(t, { seed: 66 });
  const [id] = sim.seed({ clientSessions: 4, acsUsers: 3, credentials: 4, phones: 2 });
  const startedAt = Date.now();
  const narrowed = [];
  sim.hooks.beforeRequest = (route, params) => route === '/events/list' && (params.between || params.acs_credential_id || params.device_id) && narrowed.push(params);
  const report = await deleteUserIdentity(plain(sim), id, { ...fast, eventsPageLimit: 3, concurrency: 16 });
  assert.equal(report.ok, true);
  assert.ok(report.rounds[0].steps.every((s) => s.confirmed_by === 'event' || s.confirmed_by === 'result'));
  assert.equal(report.rounds[0].truncated_event_windows, 0);
  assert.ok(narrowed.some((p) => p.between), 'time windows were narrowed');
  assert.ok(narrowed.some((p) => p.acs_credential_id), 'credential events were read per resource id');
  assertInvariants(sim, [id], { startedAt, perResource: 1, extraPolls: 400 });
});

test('bad input: unknown or already-deleted identity counts as done; 401; garbage; a plan that does not add up', async (t) => {
  const sim = await simulator(t, { seed: 67 });
  const [id] = sim.seed();
  const unknown = await deleteUserIdentity(plain(sim), '00000000-0000-4000-8000-0000000000aa', fast);
  assert.deepEqual([unknown.ok, unknown.already_gone, unknown.verification.clean], [true, true, true]);
  assert.equal(sim.stats.deleteCalls.size, 0);
  const refused = await deleteUserIdentity(plain(sim, 'seam_wrong'), id, fast).then(() => null, (e) => e);
  assert.equal(refused?.code, 'unauthorized');
  assert.equal(refused.report.calls, 1);
  sim.config.garbage = true;
  const garbage = await deleteUserIdentity(plain(sim), id, fast).then(() => null, (e) => e);
  assert.equal(garbage?.code, 'invalid_response');
  assert.equal(sim.stats.deleteCalls.size, 0, 'nothing deleted');
  sim.config.garbage = false;
  const bad = planDeletion({ user_identity: { user_identity_id: id }, client_sessions: [], acs_users: [],
    acs_credentials: [{ acs_credential_id: '11111111-1111-4111-8111-111111111111', acs_user_id: '22222222-2222-4222-8222-222222222222' }], enrollment_automations: [], phones: [] });
  assert.equal(bad.ok, false);
  await assert.rejects(executeDeletion(plain(sim), bad, fast), (e) => e.code === 'invalid_plan');
  await assert.rejects(deleteUserIdentity(plain(sim), id, { ...fast, concurrency: 0 }), TypeError);
  assert.equal(sim.stats.deleteCalls.size, 0);
  const report = await deleteUserIdentity(plain(sim), id, fast);
  assert.equal(report.ok, true);
  const again = await deleteUserIdentity(plain(sim), id, fast);
  assert.equal(again.already_gone, true);
  assertInvariants(sim, [id], { startedAt: Date.now() - 1, perResource: 1, maxMs: 60_000, extraPolls: 1000 });
});

test('events pushed by a webhook handler confirm steps without waiting for the next poll', async (t) => {
  const sim = await simulator(t, { seed: 68 });
  const [id] = sim.seed();
  const listeners = new Set();
  // What a webhook route would do after SeamWebhook.verify: hand each parsed event to the run.
  sim.hooks.onEvent = (event) => setTimeout(() => { for (const listener of listeners) listener(JSON.parse(JSON.stringify(event))); }, 1);
  const webhookEvents = { subscribe: (listener) => (listeners.add(listener), () => listeners.delete(listener)) };
  const startedAt = Date.now();
  // Polls every 20 s at first: only pushed events can finish this run within the test's bounds.
  const report = await deleteUserIdentity(plain(sim), id, { ...fast, pollIntervalMs: 20_000, maxPollIntervalMs: 20_000, webhookEvents });
  assert.equal(report.ok, true);
  const [round] = report.rounds;
  assert.ok(round.pushed_events >= round.steps.length - 1);
  assert.ok(round.steps.every((s) => s.confirmed_by === 'event' || s.confirmed_by === 'result'));
  assert.ok(round.polls <= 3, `${round.polls} polls`);
  assert.equal(listeners.size, 0, 'the run unsubscribed');
  assertInvariants(sim, [id], { startedAt, perResource: 1, maxMs: 15_000 });
  await assert.rejects(deleteUserIdentity(plain(sim), id, { webhookEvents: {} }), TypeError);
});

test('already gone is done: a credential deleted since the snapshot, an identity delete whose answer was lost', async (t) => {
  const sim = await simulator(t, { seed: 69 });
  const [id] = sim.seed({ clientSessions: 1, acsUsers: 1, credentials: 2, enrollmentAutomations: 0, phones: 0 });
  const startedAt = Date.now();
  const plan = planDeletion(await fetchDeletionSnapshot(plain(sim), id));
  const [credential] = sim.attached(id).acs_credentials;
  // Someone else deletes a credential after the snapshot was taken.
  sim.db.credentials.delete(credential.acs_credential_id);
  // The identity's delete is applied but its answer never arrives: the retry is answered user_identity_not_found.
  sim.inject('/user_identities/delete', 'lost');
  const report = await executeDeletion(plain(sim), plan, fast);
  const byId = new Map(report.steps.map((s) => [s.step_id, s]));
  assert.equal(byId.get(credential.acs_credential_id).confirmed_by, 'not_found');
  assert.equal(byId.get(id).confirmed_by, 'not_found');
  assert.equal(byId.get(id).retries, 1);
  assert.equal(sim.stats.deleteCalls.get(id), 2);
  assert.equal(report.done, true);
  assertInvariants(sim, [id], { startedAt, perResource: 2 });
});

test('runs sharing one client share its pool: a 429 in one run slows them all, and every request is counted once', async (t) => {
  const sim = await simulator(t, { seed: 71, faults: { rate: { 429: 0.1 } } });
  const ids = sim.seed({ identities: 6 });
  const startedAt = Date.now();
  const client = createSeamClient(plain(sim), { concurrency: 6, retry: { ...fast.retry, attempts: 8 } });
  const reports = await Promise.all(ids.map((id) => deleteUserIdentity(client, id, fast)));
  assert.ok(reports.every((r) => r.ok));
  assert.ok(sim.stats.faults['429'] > 0);
  assert.equal(client.stats.throttled, sim.stats.faults['429']);
  assert.equal(client.stats.requests, sim.stats.requests);
  assertInvariants(sim, ids, { startedAt, perResource: 8 });
});

test('while nothing changes the poll interval grows (no hot loop), and the wait ends at maxWaitMs', async (t) => {
  const sim = await simulator(t, { seed: 72 });
  const [id] = sim.seed({ clientSessions: 1, acsUsers: 0, enrollmentAutomations: 0, phones: 0 });
  const [session] = sim.attached(id).client_sessions;
  sim.setFaults({ neverIds: [session.client_session_id] });
  const startedAt = Date.now();
  const report = await deleteUserIdentity(plain(sim), id, { ...fast, pollIntervalMs: 20, maxPollIntervalMs: 200, maxWaitMs: 1000 });
  const [round] = report.rounds;
  assert.equal(round.steps.find((s) => s.step_id === session.client_session_id).confirmed_by, 'list_check');
  assert.equal(round.list_checks, 1);
  // 20, 30, 45, 68, 101, 152, then 200 ms: about 9 polls in 1 s, where a fixed 20 ms interval would make 50.
  assert.ok(round.polls >= 3 && round.polls <= 15, `${round.polls} polls`);
  assert.ok(round.duration_ms >= 1000, 'the wait lasted maxWaitMs');
  assertInvariants(sim, [id], { startedAt, perResource: 1 });
});
