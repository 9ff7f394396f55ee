// The simulator's import routes: /user_identities/create answers parse with @seamapi/types' schemas, Seam's
// uniqueness of key, email and phone, /user_identities/get by key, the rate limit's 429 with Retry-After, and
// the faults after the effect.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { schemas } from '@seamapi/types/connect';
import { simulator } from './helpers.mjs';

async function post(sim, route, body) {
  const res = await fetch(`${sim.endpoint}${route}`, {
    method: 'POST', headers: { authorization: `Bearer ${sim.apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  const text = await res.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    // kept as text
  }
  return { status: res.status, json, text, retryAfter: res.headers.get('retry-after') };
}

test('create: a user_identity as @seamapi/types parses it; ACS systems linked; get by key and by id', async (t) => {
  const sim = await simulator(t, { seed: 21 });
  const system = sim.addAcsSystem();
  const created = await post(sim, '/user_identities/create', {
    user_identity_key: 'jane', email_address: 'jane@example.com', phone_number: '+14155552671', full_name: 'Jane Doe', acs_system_ids: [system],
  });
  assert.equal(created.status, 200);
  assert.equal(created.json.ok, true);
  const identity = schemas.user_identity.parse(created.json.user_identity);
  assert.equal(identity.user_identity_key, 'jane');
  assert.equal(identity.acs_user_ids.length, 1);
  schemas.acs_user.parse(sim.db.acsUsers.get(identity.acs_user_ids[0]));
  const byKey = await post(sim, '/user_identities/get', { user_identity_key: 'jane' });
  assert.equal(byKey.json.user_identity.user_identity_id, identity.user_identity_id);
  schemas.user_identity.parse(byKey.json.user_identity);
  assert.equal((await post(sim, '/user_identities/get', { user_identity_key: 'nobody' })).json.error.type, 'user_identity_not_found');
  const keyless = await post(sim, '/user_identities/create', { email_address: 'nokey@example.com' });
  assert.equal(schemas.user_identity.parse(keyless.json.user_identity).user_identity_key, null);
});

test('create: key, email and phone are unique in the workspace; bad values and unknown systems are refused', async (t) => {
  const sim = await simulator(t, { seed: 22 });
  await post(sim, '/user_identities/create', { user_identity_key: 'k1', email_address: 'a@example.com', phone_number: '+14155550001' });
  const refused = async (body) => {
    const answer = await post(sim, '/user_identities/create', body);
    assert.equal(answer.status >= 400 && answer.status < 500, true, JSON.stringify(body));
    return answer.json.error.type;
  };
  assert.equal(await refused({ user_identity_key: 'k1' }), 'user_identity_key_taken');
  assert.equal(await refused({ email_address: 'a@example.com' }), 'user_identity_email_address_taken');
  assert.equal(await refused({ phone_number: '+14155550001' }), 'user_identity_phone_number_taken');
  assert.equal(await refused({ phone_number: '(415) 555-0002' }), 'invalid_input');
  assert.equal(await refused({ email_address: 'not-an-email' }), 'invalid_input');
  assert.equal(await refused({ acs_system_ids: ['9f1b0c5e-0000-4000-8000-000000000000'] }), 'acs_system_not_found');
  assert.equal(sim.db.identities.size, 1);
  assert.equal(sim.stats.creates, 1);
});

test('a rate limit: requests past N in a second answer 429 with Retry-After in seconds', async (t) => {
  const sim = await simulator(t, { seed: 23, rateLimit: 5 });
  const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => post(sim, '/user_identities/create', { user_identity_key: `r${i}` })));
  const limited = answers.filter((a) => a.status === 429);
  assert.equal(limited.length, 3);
  assert.equal(limited[0].json.error.type, 'rate_limited');
  assert.equal(limited[0].retryAfter, '1');
  assert.equal(sim.stats.rateLimited, 3);
  assert.equal(sim.db.identities.size, 5);
});

test("faults after the effect: '503_after' and 'lost' apply the create and lose its answer", async (t) => {
  const sim = await simulator(t, { seed: 24 });
  sim.inject('/user_identities/create', '503_after');
  const after = await post(sim, '/user_identities/create', { user_identity_key: 'x1' });
  assert.equal(after.status, 503);
  assert.match(after.text, /<html>/);
  sim.inject('/user_identities/create', 'lost');
  await assert.rejects(post(sim, '/user_identities/create', { user_identity_key: 'x2' }));
  assert.deepEqual([...sim.db.identities.values()].map((i) => i.user_identity_key), ['x1', 'x2']);
  sim.inject('/user_identities/create', '503');
  assert.equal((await post(sim, '/user_identities/create', { user_identity_key: 'x3' })).status, 503);
  assert.equal(sim.db.identities.size, 2);  // a 503 before the effect creates nothing
});
