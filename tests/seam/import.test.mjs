// importUserIdentities against the loopback simulator: rows validated against the fetched workspace, created with
// their ids; lost answers checked by key (never a duplicate create); a rate limit; abort then resume; conflicts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { schemas } from '@seamapi/types/connect';
import { importUserIdentities, createSeamClient } from '../../bindings/js/src/seam/index.js';
import { simulator, plain, fast } from './helpers.mjs';

const options = { retry: fast.retry };
const hr = (from, to, extra = () => '') => {
  let csv = 'Employee ID,First Name,Last Name,Email,Mobile\n';
  for (let i = from; i < to; i++) csv += `E${i},Person,${i},p${i}@example.com,+1415555${String(1000 + i).padStart(4, '0')}${extra(i)}\n`;
  return csv;
};
/** Every key was created at most once, and the simulator holds exactly the identities expected. */
function assertNoDuplicates(sim, expected) {
  for (const [key, count] of sim.stats.createsByKey) assert.equal(count, 1, `${key} created ${count} times`);
  assert.equal(sim.db.identities.size, expected);
}

test('a mapped CSV: valid rows created with their ids, invalid rows reported, acs_system_ids passed through', async (t) => {
  const sim = await simulator(t, { seed: 11, pageSize: 3 });
  const system = sim.addAcsSystem();
  sim.addIdentity({ user_identity_key: 'E3', email_address: 'someone@example.com' });
  let csv = hr(0, 6);
  csv = csv.replace('p2@example.com', 'p2@example');  // invalid email
  const rows = [{ user_identity_key: 'A1', email_address: 'a1@example.com', acs_system_ids: [system] }];
  const events = [];
  const report = await importUserIdentities(plain(sim), csv, { ...options, columns: 'auto', onProgress: (e) => events.push(e.type) });
  assert.deepEqual(report.created.map((c) => c.row), [1, 2, 5, 6]);
  assert.deepEqual(report.invalid.map((c) => c.row), [3, 4]);
  assert.equal(report.invalid[0].issues[0].code, 'email_missing_tld');
  assert.equal(report.invalid[1].issues[0].code, 'duplicate_user_identity_key');  // E3 is held with other values
  assert.equal(report.ok, false);
  assert.deepEqual(report.mapping.full_name, ['First Name', 'Last Name']);
  for (const created of report.created) {
    const identity = sim.db.identities.get(created.user_identity_id);
    assert.equal(identity.user_identity_key, created.user_identity_key);
    schemas.user_identity.parse(identity);
  }
  assert.equal(sim.db.identities.get(report.created[0].user_identity_id).full_name, 'Person 0');
  assert.deepEqual([events[0], events.at(-1)], ['run_started', 'run_finished']);
  assert.ok(events.includes('workspace_fetched') && events.includes('validated') && events.includes('row_created'));
  // Row objects with ACS systems: each system gets an ACS user linked to the new identity.
  const linked = await importUserIdentities(plain(sim), rows, options);
  assert.equal(linked.ok, true);
  const id = linked.created[0].user_identity_id;
  assert.deepEqual([...sim.db.acsUsers.values()].filter((u) => u.user_identity_id === id).map((u) => u.acs_system_id), [system]);
  assertNoDuplicates(sim, 6);
});

test('lost answers, 503s after the effect, 503s and 429s: every row created exactly once, checked by key', async (t) => {
  const sim = await simulator(t, { seed: 12, pageSize: 50 });
  sim.inject('/user_identities/create', 'lost', 3);
  sim.inject('/user_identities/create', '503_after', 2);
  sim.inject('/user_identities/create', '503', 2);
  sim.inject('/user_identities/create', '429', 2);
  sim.inject('/user_identities/get', '503', 1);  // the check itself is retried as usual
  const report = await importUserIdentities(plain(sim), hr(0, 20), { ...options, columns: 'auto', concurrency: 3, timeoutMs: 2000 });
  assert.equal(report.ok, true, JSON.stringify(report.failed));
  assert.equal(report.created.length, 20);
  assert.equal(report.created.filter((c) => c.confirmed_by === 'get').length, 5);
  assertNoDuplicates(sim, 20);
  assert.equal(sim.stats.creates, 20);
  // Sent again: only after a 429 (2) and after a 503 before the effect (2: the get found nothing). A lost answer or a
  // 503 after the effect is never sent again: the get finds the identity.
  assert.equal(sim.stats.byRoute['/user_identities/create'], 20 + 2 + 2);
  assert.equal(sim.stats.byRoute['/user_identities/get'], 3 + 2 + 2 + 1);
});

test('random faults on every route (≥ 20% of calls): no duplicate, nothing lost, bounded calls', async (t) => {
  const sim = await simulator(t, { seed: 13, pageSize: 10, faults: { rate: { lost: 0.08, '503_after': 0.06, '503': 0.06, 429: 0.05, slow: 0.05 } } });
  sim.seed({ identities: 5, clientSessions: 0, acsUsers: 0, enrollmentAutomations: 0, phones: 0 });
  const report = await importUserIdentities(plain(sim), hr(0, 40), { ...options, columns: 'auto', timeoutMs: 2000, maxCreateAttempts: 6, retry: { ...fast.retry, attempts: 8 } });
  assert.deepEqual(report.failed, []);
  assert.equal(report.created.length + report.existing.length, 40);
  assertNoDuplicates(sim, 45);
  const faulted = Object.values(sim.stats.faults).reduce((a, b) => a + b, 0);
  assert.ok(faulted / sim.stats.requests >= 0.2 || sim.stats.requests < 60, `${faulted} of ${sim.stats.requests} calls faulted`);
  assert.ok(sim.stats.requests < 40 * 6, `${sim.stats.requests} requests`);
});

test('a rate limit: the pace adapts, every row is created once, nothing fails', async (t) => {
  const sim = await simulator(t, { seed: 14, pageSize: 100, rateLimit: 40 });
  const throttles = [];
  const started = Date.now();
  const report = await importUserIdentities(plain(sim), hr(0, 80), { columns: 'auto', retry: { ...fast.retry, baseDelayMs: 50 },
    onProgress: (e) => e.type === 'throttled' && throttles.push(e.rate) });
  assert.equal(report.ok, true, JSON.stringify(report.failed));
  assert.equal(report.created.length, 80);
  assertNoDuplicates(sim, 80);
  assert.ok(sim.stats.rateLimited >= 1 && throttles.length >= 1);
  assert.ok(report.rate_per_second > 20 && report.rate_per_second <= 40, `learned ${report.rate_per_second}/s`);
  assert.ok(sim.stats.rateLimited <= 12, `${sim.stats.rateLimited} answers were 429`);
  assert.ok(Date.now() - started < 20_000);
});

test('abort mid-way, then resume: only what is missing is created, the rest is existing', async (t) => {
  const sim = await simulator(t, { seed: 15, pageSize: 100 });
  const controller = new AbortController();
  let created = 0;
  const csv = hr(0, 30);
  await assert.rejects(importUserIdentities(plain(sim), csv, {
    ...options, columns: 'auto', concurrency: 2, signal: controller.signal,
    onProgress: (e) => { if (e.type === 'row_created' && ++created === 10) controller.abort(); },
  }), (error) => {
    assert.equal(error.name, 'AbortError');
    assert.ok(error.report.created.length >= 10 && error.report.pending.length > 0);
    return true;
  });
  const before = sim.db.identities.size;
  assert.ok(before >= 10 && before < 30);
  const resumed = await importUserIdentities(plain(sim), csv, { ...options, columns: 'auto' });
  assert.equal(resumed.ok, true);
  assert.equal(resumed.existing.length, before);
  assert.equal(resumed.created.length, 30 - before);
  assertNoDuplicates(sim, 30);
  // A third run creates nothing.
  const again = await importUserIdentities(plain(sim), csv, { ...options, columns: 'auto' });
  assert.equal(again.created.length, 0);
  assert.equal(again.existing.length, 30);
});

test('a key created by someone else meanwhile: same values is existing, other values a conflict', async (t) => {
  const sim = await simulator(t, { seed: 16 });
  sim.hooks.beforeRequest = (route, params) => {
    if (route !== '/user_identities/create') return;
    if (params.user_identity_key === 'E1' && !sim.db.identities.size) sim.addIdentity({ ...params, full_name: params.full_name });
    if (params.user_identity_key === 'E2') sim.addIdentity({ user_identity_key: 'E2', email_address: 'other@example.com', phone_number: null });
  };
  const report = await importUserIdentities(plain(sim), hr(1, 4), { ...options, columns: 'auto', concurrency: 1 });
  assert.deepEqual(report.existing.map((e) => [e.row, e.matched_by]), [[1, 'get']]);
  assert.deepEqual(report.failed.map((f) => [f.row, f.error.type]), [[2, 'conflict']]);
  assert.deepEqual(report.created.map((c) => c.row), [3]);
});

test('a row without a key whose answer is lost is never sent again; a re-run finds it by email', async (t) => {
  const sim = await simulator(t, { seed: 17 });
  sim.inject('/user_identities/create', 'lost', 1);
  const rows = [{ email_address: 'nokey@example.com', full_name: 'No Key' }];
  const first = await importUserIdentities(plain(sim), rows, { ...options, timeoutMs: 2000 });
  assert.deepEqual(first.failed.map((f) => f.error.type), ['outcome_unknown']);
  assert.equal(sim.stats.byRoute['/user_identities/create'], 1);
  const second = await importUserIdentities(plain(sim), rows, options);
  assert.deepEqual(second.existing.map((e) => e.matched_by), ['workspace']);
  assert.equal(sim.db.identities.size, 1);
});

test('dry run creates nothing; a refused key rejects; an unusable file is reported; bad options are TypeErrors', async (t) => {
  const sim = await simulator(t, { seed: 18 });
  const dry = await importUserIdentities(plain(sim), hr(0, 3), { ...options, columns: 'auto', dryRun: true });
  assert.equal(dry.dry_run, true);
  assert.deepEqual(dry.pending.map((p) => p.user_identity_key), ['E0', 'E1', 'E2']);
  assert.equal(sim.stats.byRoute['/user_identities/create'], undefined);
  await assert.rejects(importUserIdentities(plain(sim, 'wrong'), hr(0, 1), { ...options, columns: 'auto' }), { code: 'unauthorized' });
  const unusable = await importUserIdentities(plain(sim), 'Foo,Bar\n1,2\n', options);
  assert.equal(unusable.usable, false);
  assert.equal(unusable.ok, false);
  assert.ok(unusable.issues.some((i) => i.code === 'csv_no_known_columns'));
  await assert.rejects(importUserIdentities(plain(sim), [], { concurrency: 0 }), TypeError);
  await assert.rejects(importUserIdentities(plain(sim), [], { signal: 'x' }), TypeError);
  // A client made once is reused (its counters span the run).
  const client = createSeamClient(plain(sim));
  const empty = await importUserIdentities(client, [], options);
  assert.equal(empty.ok, true);
  assert.ok(client.stats.requests >= 1);
});
