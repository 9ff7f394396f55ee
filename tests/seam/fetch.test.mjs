// The fetchers: every page of every list, in the shapes planDeletion, createWorkspace and createAcsModel take;
// an unknown identity, enrollment automations the API lacks, and a server that answers garbage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SeamHttp } from '@seamapi/http/connect';
import { createAcsModel, createWorkspace, planDeletion } from '../../bindings/js/src/node.js';
import { fetchAcsSnapshot, fetchDeletionSnapshot, fetchWorkspace, SeamidError } from '../../bindings/js/src/seam/index.js';
import { simulator, plain, fast } from './helpers.mjs';

test('fetchDeletionSnapshot reads every page of every list and plans as the simulator holds it', async (t) => {
  const sim = await simulator(t, { seed: 21, pageSize: 2 });
  const [id, other] = sim.seed({ identities: 2, clientSessions: 3, acsUsers: 3, credentials: 5, enrollmentAutomations: 2, phones: 3 });
  const seam = SeamHttp.fromApiKey(sim.apiKey, { endpoint: sim.endpoint });
  const snapshot = await fetchDeletionSnapshot(seam, id, { retry: fast.retry });
  const truth = sim.attached(id);
  const ids = (list, field) => list.map((x) => x[field]).sort();
  assert.equal(snapshot.user_identity.user_identity_id, id);
  assert.deepEqual(ids(snapshot.client_sessions, 'client_session_id'), ids(truth.client_sessions, 'client_session_id'));
  assert.deepEqual(ids(snapshot.acs_users, 'acs_user_id'), ids(truth.acs_users, 'acs_user_id'));
  assert.deepEqual(ids(snapshot.acs_credentials, 'acs_credential_id'), ids(truth.acs_credentials, 'acs_credential_id'));
  assert.equal(snapshot.acs_credentials.length, 15);
  assert.deepEqual(ids(snapshot.enrollment_automations, 'enrollment_automation_id'), ids(truth.enrollment_automations, 'enrollment_automation_id'));
  assert.deepEqual(ids(snapshot.phones, 'device_id'), ids(truth.phones, 'device_id'));
  assert.ok(snapshot.acs_users.every((u) => u.user_identity_id === id));
  assert.ok(!JSON.stringify(snapshot).includes(other));
  // Paginated lists took several pages: 3 ACS users in pages of 2, 5 credentials each in pages of 2.
  assert.equal(sim.stats.byRoute['/acs/users/list'], 2);
  assert.equal(sim.stats.byRoute['/acs/credentials/list'], 9);
  const plan = planDeletion(snapshot);
  assert.equal(plan.ok, true);
  assert.equal(plan.steps.length, 3 + 3 + 15 + 2 + 3 + 1);
});

test('fetchWorkspace and fetchAcsSnapshot give what createWorkspace and createAcsModel take', async (t) => {
  const sim = await simulator(t, { seed: 22, pageSize: 3 });
  sim.seed({ identities: 7, acsUsers: 2, credentials: 0 });
  const identities = await fetchWorkspace(plain(sim), { retry: fast.retry });
  assert.equal(identities.length, 7);
  assert.equal(sim.stats.byRoute['/user_identities/list'], 3);
  const workspace = createWorkspace(identities);
  t.after(() => workspace.dispose());
  assert.equal(workspace.ok, true);
  assert.equal(workspace.find('email_address', identities[3].email_address)[0], identities[3].user_identity_id);
  const acs = await fetchAcsSnapshot(plain(sim), { retry: fast.retry });
  assert.equal(acs.acs_users.length, 14);
  assert.equal(acs.user_identities.length, 7);
  assert.equal(acs.acs_systems.length, sim.db.acsSystems.size);
  const model = createAcsModel(acs);
  t.after(() => model.dispose());
  assert.deepEqual(model.issues.filter((i) => i.severity === 'error'), []);
  const stats = model.stats();
  assert.deepEqual([stats.acs_users, stats.user_identities, stats.consistent], [14, 7, true]);
  assert.equal(model.listAcsUsers(acs.user_identities[0].user_identity_id).acs_users.length, 2);
});

test('an unknown identity, a refused key and a garbage server give clear errors and call nothing else', async (t) => {
  const sim = await simulator(t);
  sim.seed();
  await assert.rejects(fetchDeletionSnapshot(plain(sim), '00000000-0000-4000-8000-0000000000ff', { retry: fast.retry }),
    (error) => error instanceof SeamidError && error.code === 'user_identity_not_found' && /00000000-0000-4000-8000-0000000000ff/.test(error.message));
  assert.equal(sim.stats.requests, 1);
  await assert.rejects(fetchWorkspace(plain(sim, 'wrong'), { retry: fast.retry }), (error) => error.code === 'unauthorized');
  await assert.rejects(fetchDeletionSnapshot(plain(sim), 'not-a-uuid'), TypeError);
  sim.config.garbage = true;
  await assert.rejects(fetchWorkspace(plain(sim), { retry: fast.retry }), (error) => error.code === 'invalid_response' && /Totally not JSON/.test(error.message));
  assert.equal(sim.stats.byRoute['/user_identities/list'], 6, 'one refused, then 5 attempts');
});

test('enrollment automations the API lacks (404) read as none', async (t) => {
  const sim = await simulator(t, { enrollmentAutomations: false });
  const [id] = sim.seed({ enrollmentAutomations: 0 });
  const snapshot = await fetchDeletionSnapshot(plain(sim), id, { retry: fast.retry });
  assert.deepEqual(snapshot.enrollment_automations, []);
  assert.equal(snapshot.client_sessions.length, 2);
});
