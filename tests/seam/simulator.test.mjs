// The simulator itself: its answers parse with @seamapi/types' schemas (or carry the OpenAPI's required fields),
// it paginates, refuses wrong keys and premature deletes, deletes asynchronously and injects the faults it promises.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { schemas, openapi } from '@seamapi/types/connect';
import { simulator } from './helpers.mjs';

async function post(sim, route, body, { apiKey = sim.apiKey, method = 'POST' } = {}) {
  const query = method === 'GET' ? `?${new URLSearchParams(body)}` : '';
  const res = await fetch(`${sim.endpoint}${route}${query}`, {
    method, headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }, body: method === 'POST' ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    // kept as text
  }
  return { status: res.status, json, text, headers: res.headers };
}

async function all(sim, route, body, key) {
  const items = [];
  let cursor;
  for (let i = 0; i < 100; i++) {
    const { json } = await post(sim, route, cursor ? { ...body, page_cursor: cursor } : body);
    items.push(...json[key]);
    if (!json.pagination?.has_next_page) return items;
    cursor = json.pagination.next_page_cursor;
  }
  throw new Error('too many pages');
}

test('answers parse with the @seamapi/types schemas; phones and enrollment automations carry the OpenAPI required fields', async (t) => {
  const sim = await simulator(t, { seed: 3, eventDelayMs: 1 });
  const [id] = sim.seed({ identities: 2 });
  const identity = (await post(sim, '/user_identities/get', { user_identity_id: id })).json;
  assert.equal(identity.ok, true);
  schemas.user_identity.parse(identity.user_identity);
  for (const item of await all(sim, '/user_identities/list', {}, 'user_identities')) schemas.user_identity.parse(item);
  for (const item of (await post(sim, '/client_sessions/list', { user_identity_id: id })).json.client_sessions) schemas.client_session.parse(item);
  const users = await all(sim, '/acs/users/list', { user_identity_id: id }, 'acs_users');
  assert.equal(users.length, 3);
  for (const item of users) schemas.acs_user.parse(item);
  const credentials = await all(sim, '/acs/credentials/list', { acs_user_id: users[0].acs_user_id }, 'acs_credentials');
  assert.equal(credentials.length, 3);
  for (const item of credentials) schemas.acs_credential.parse(item);
  for (const item of (await post(sim, '/acs/systems/list', {})).json.acs_systems) schemas.acs_system.parse(item);
  const page = await post(sim, '/acs/users/list', { user_identity_id: id });
  schemas.pagination.parse(page.json.pagination);
  const components = openapi.components.schemas;
  const phones = (await post(sim, '/phones/list', { owner_user_identity_id: id })).json.phones;
  const automations = (await post(sim, '/user_identities/enrollment_automations/list', { user_identity_id: id })).json.enrollment_automations;
  assert.equal(phones.length, 2);
  assert.equal(automations.length, 1);
  for (const [items, name] of [[phones, 'phone'], [automations, 'enrollment_automation']])
    for (const item of items) for (const field of components[name].required) assert.ok(field in item, `${name}.${field}`);
  // One event of every type the deletion awaits, each a valid seam_event.
  await post(sim, '/client_sessions/delete', { client_session_id: (await post(sim, '/client_sessions/list', { user_identity_id: id })).json.client_sessions[0].client_session_id });
  await post(sim, '/acs/credentials/delete', { acs_credential_id: credentials[0].acs_credential_id });
  await post(sim, '/user_identities/enrollment_automations/delete', { enrollment_automation_id: automations[0].enrollment_automation_id });
  await post(sim, '/phones/deactivate', { device_id: phones[0].device_id });
  const bare = sim.seed({ identities: 1, clientSessions: 0, acsUsers: 1, credentials: 0, enrollmentAutomations: 0, phones: 0 })[0];
  await post(sim, '/acs/users/delete', { acs_user_id: sim.attached(bare).acs_users[0].acs_user_id });
  assert.ok(await sim.settle());
  const { json } = await post(sim, '/events/list', { since: '2020-01-01T00:00:00Z' });
  assert.deepEqual(json.events.map((e) => e.event_type).sort(),
    ['acs_credential.deleted', 'acs_user.deleted', 'client_session.deleted', 'enrollment_automation.deleted', 'phone.deactivated']);
  for (const event of json.events) schemas.seam_event.parse(event);
});

test('pagination pages through every paginated list; the others answer whole', async (t) => {
  const sim = await simulator(t, { seed: 4, pageSize: 2 });
  const ids = sim.seed({ identities: 5, acsUsers: 3, credentials: 5, clientSessions: 4 });
  assert.equal((await all(sim, '/user_identities/list', {}, 'user_identities')).length, 5);
  assert.equal(sim.stats.byRoute['/user_identities/list'], 3);
  const first = await post(sim, '/acs/users/list', { user_identity_id: ids[0] });
  assert.equal(first.json.acs_users.length, 2);
  assert.equal(first.json.pagination.has_next_page, true);
  const credentialPage = await post(sim, '/acs/credentials/list', { acs_user_id: first.json.acs_users[0].acs_user_id }, { method: 'GET' });
  assert.equal(credentialPage.json.acs_credentials.length, 2);
  assert.equal(credentialPage.json.pagination.has_next_page, true);
  const sessions = await post(sim, '/client_sessions/list', { user_identity_id: ids[0] });
  assert.equal(sessions.json.client_sessions.length, 4);
  assert.equal(sessions.json.pagination, undefined);
  assert.equal((await post(sim, '/acs/users/list', { page_cursor: '!!' })).json.error.type, 'invalid_input');
});

test('a wrong key is refused with 401; an unknown id is *_not_found; events/list needs since or between', async (t) => {
  const sim = await simulator(t);
  const [id] = sim.seed();
  const refused = await post(sim, '/user_identities/get', { user_identity_id: id }, { apiKey: 'seam_wrong' });
  assert.equal(refused.status, 401);
  assert.equal(refused.json.error.type, 'unauthorized');
  const missing = await post(sim, '/user_identities/get', { user_identity_id: '00000000-0000-4000-8000-000000000000' });
  assert.equal(missing.status, 404);
  assert.equal(missing.json.error.type, 'user_identity_not_found');
  assert.equal((await post(sim, '/acs/credentials/delete', { acs_credential_id: '00000000-0000-4000-8000-000000000000' })).json.error.type, 'acs_credential_not_found');
  const noSince = await post(sim, '/events/list', {});
  assert.equal(noSince.status, 400);
  assert.equal(noSince.json.error.type, 'invalid_input');
});

test('deletes are asynchronous and the guide order is enforced: premature calls are refused and counted', async (t) => {
  const sim = await simulator(t, { eventDelayMs: 60 });
  const [id] = sim.seed({ clientSessions: 0, acsUsers: 1, credentials: 1, enrollmentAutomations: 0, phones: 0 });
  const { acs_users: [user], acs_credentials: [credential] } = sim.attached(id);
  assert.equal((await post(sim, '/acs/credentials/delete', { acs_credential_id: credential.acs_credential_id })).json.ok, true);
  // Still listed until its event: the ACS user may not be deleted yet, nor the identity.
  assert.equal((await post(sim, '/acs/credentials/list', { acs_user_id: user.acs_user_id })).json.acs_credentials.length, 1);
  assert.equal((await post(sim, '/acs/users/delete', { acs_user_id: user.acs_user_id })).json.error.type, 'acs_user_has_credentials');
  assert.equal((await post(sim, '/user_identities/delete', { user_identity_id: id })).json.error.type, 'user_identity_has_attached_resources');
  assert.equal(sim.stats.premature.length, 2);
  assert.ok(await sim.settle());
  assert.equal((await post(sim, '/acs/credentials/list', { acs_user_id: user.acs_user_id })).json.acs_credentials.length, 0);
  assert.equal((await post(sim, '/acs/users/delete', { acs_user_id: user.acs_user_id })).json.ok, true);
  assert.ok(await sim.settle());
  assert.equal((await post(sim, '/user_identities/delete', { user_identity_id: id })).json.ok, true);
  assert.equal(sim.attached(id).user_identity, null);
  assert.equal(sim.stats.premature.length, 2);
});

test('faults on demand: 429 with Retry-After, 503 with HTML, a lost answer after the effect, garbage, duplicate and late events', async (t) => {
  const sim = await simulator(t, { eventDelayMs: 1 });
  const [id] = sim.seed({ clientSessions: 3, acsUsers: 0, enrollmentAutomations: 0, phones: 0 });
  const sessions = sim.attached(id).client_sessions.map((s) => s.client_session_id);
  sim.setFaults({ retryAfterSeconds: 2, event: { twice: 1 } });
  sim.inject('/client_sessions/list', '429');
  const limited = await post(sim, '/client_sessions/list', { user_identity_id: id });
  assert.equal(limited.status, 429);
  assert.equal(limited.headers.get('retry-after'), '2');
  sim.inject('*', '503');
  const unavailable = await post(sim, '/client_sessions/list', { user_identity_id: id });
  assert.equal(unavailable.status, 503);
  assert.equal(unavailable.json, null);
  assert.match(unavailable.text, /<html>/);
  sim.inject('/client_sessions/delete', 'lost');
  await assert.rejects(post(sim, '/client_sessions/delete', { client_session_id: sessions[0] }));
  assert.ok(sim.isDeleting(sessions[0]) || sim.attached(id).client_sessions.length === 2, 'the lost call was applied');
  sim.inject('/client_sessions/delete', 'garbage');
  const garbage = await post(sim, '/client_sessions/delete', { client_session_id: sessions[1] });
  assert.equal(garbage.status, 200);
  assert.equal(garbage.json, null);
  assert.ok(await sim.settle());
  const { json } = await post(sim, '/events/list', { since: '2020-01-01T00:00:00Z' });
  assert.equal(json.events.length, 4, 'each of the two events listed twice');
  assert.equal(new Set(json.events.map((e) => e.event_id)).size, 2);
  sim.setFaults({ event: { late: 1, lateMs: 150 } });
  await post(sim, '/client_sessions/delete', { client_session_id: sessions[2] });
  assert.ok(await sim.settle());
  const before = (await post(sim, '/events/list', { since: '2020-01-01T00:00:00Z', event_type: 'client_session.deleted' })).json.events;
  assert.equal(before.length, 4, 'the late event is not listed yet');
  await new Promise((resolve) => setTimeout(resolve, 200));
  const after = (await post(sim, '/events/list', { since: '2020-01-01T00:00:00Z', event_type: 'client_session.deleted' })).json.events;
  assert.equal(after.length, 5);
  assert.ok(after.every((e) => e.event_type === 'client_session.deleted'));
  assert.deepEqual(sim.stats.faults, { 429: 1, 503: 1, lost: 1, slow: 0, garbage: 1 });
});
