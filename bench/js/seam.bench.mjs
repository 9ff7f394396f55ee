// seamid/seam against the loopback simulator (tests/seam-sim) with event delays of 0.3-0.6 s: one identity (2 client
// sessions, 3 ACS users x 3 credentials, 1 enrollment automation, 2 phones) deleted by deleteUserIdentity and by the
// guide's sequential loop (each call, then poll for its event, one at a time) through the same client, interleaved
// in one run; requests per identity with and without 20% of calls failing; 100 identities with concurrency.
// Both sides poll /events/list every 200 ms (seamid's default starts at 2 s, meant for a real API's rate limits).
import { startSimulator } from '../../tests/seam-sim/simulator.js';
import { createSeamClient, deleteUserIdentity } from '../../bindings/js/src/seam/index.js';

const EVENT_DELAY_MS = [300, 600];
const POLL_MS = 200;
const SHAPE = { clientSessions: 2, acsUsers: 3, credentials: 3, enrollmentAutomations: 1, phones: 2 };
const SEAMID = { pollIntervalMs: POLL_MS, maxPollIntervalMs: 1000, maxWaitMs: 30_000 };
const PAIRS = 3;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Calls a route through seamid's client and insists on success (the guide's loop has no error handling to speak of). */
async function must(client, route, params) {
  const answer = await client.call(route, params);
  if (!answer.ok) throw new Error(`${route}: ${answer.status} ${answer.error.type}`);
  return answer.body;
}

/**
 * The guide's loop, written plainly: list what is attached, then for each resource call its delete and poll
 * /events/list (since the call, filtered by type) until its event names it; bounded by 30 s per event.
 */
async function guideLoop(client, userIdentityId) {
  const waitFor = async (eventType, field, id, since) => {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      await sleep(POLL_MS);
      const { events } = await must(client, '/events/list', { event_types: [eventType], since });
      if (events.some((e) => e[field] === id)) return;
    }
    throw new Error(`no ${eventType} for ${id}`);
  };
  const step = async (route, params, eventType, field, id) => {
    const since = new Date(Date.now() - 1000).toISOString();
    await must(client, route, params);
    await waitFor(eventType, field, id, since);
  };
  const byIdentity = { user_identity_id: userIdentityId };
  for (const s of (await must(client, '/client_sessions/list', byIdentity)).client_sessions)
    await step('/client_sessions/delete', { client_session_id: s.client_session_id }, 'client_session.deleted', 'client_session_id', s.client_session_id);
  const users = (await must(client, '/acs/users/list', byIdentity)).acs_users;
  for (const user of users) {
    for (const c of (await must(client, '/acs/credentials/list', { acs_user_id: user.acs_user_id })).acs_credentials)
      await step('/acs/credentials/delete', { acs_credential_id: c.acs_credential_id }, 'acs_credential.deleted', 'acs_credential_id', c.acs_credential_id);
  }
  for (const user of users) await step('/acs/users/delete', { acs_user_id: user.acs_user_id }, 'acs_user.deleted', 'acs_user_id', user.acs_user_id);
  for (const a of (await must(client, '/user_identities/enrollment_automations/list', byIdentity)).enrollment_automations)
    await step('/user_identities/enrollment_automations/delete', { enrollment_automation_id: a.enrollment_automation_id }, 'enrollment_automation.deleted', 'enrollment_automation_id', a.enrollment_automation_id);
  for (const p of (await must(client, '/phones/list', { owner_user_identity_id: userIdentityId })).phones)
    await step('/phones/deactivate', { device_id: p.device_id }, 'phone.deactivated', 'device_id', p.device_id);
  await must(client, '/user_identities/delete', byIdentity);
}

/** Nothing of `id` is left in the simulator (a benchmark of a run that did not finish would measure nothing). */
function assertGone(sim, id) {
  const left = sim.attached(id);
  const count = Object.values(left).reduce((n, v) => n + (Array.isArray(v) ? v.length : 0), 0);
  if (left.user_identity !== null || count) throw new Error(`identity ${id} not fully deleted`);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;

/** Runs the suite; returns its rows. */
export async function run() {
  const rows = [];
  const sim = await startSimulator({ seed: 7, eventDelayMs: EVENT_DELAY_MS, pageSize: 50 });
  try {
    const seam = { endpoint: sim.endpoint, apiKey: sim.apiKey };
    // The pair shares one client (one pool of request slots, as the guide's loop would use it); the runs below
    // each get their own from `seam`, as deleteUserIdentity(seam, id) gives every call.
    const client = createSeamClient(seam);
    // One identity: seamid and the guide's loop alternately, PAIRS times.
    const seamidMs = [];
    const guideMs = [];
    const seamidRequests = [];
    const guideRequests = [];
    const seamidPolls = [];
    const guidePolls = [];
    for (let i = 0; i < PAIRS; i++) {
      for (const side of i % 2 ? ['guide', 'seamid'] : ['seamid', 'guide']) {
        const [id] = sim.seed({ identities: 1, ...SHAPE });
        const before = sim.stats.requests;
        const pollsBefore = sim.stats.byRoute['/events/list'] ?? 0;
        const started = performance.now();
        if (side === 'seamid') await deleteUserIdentity(client, id, SEAMID);
        else await guideLoop(client, id);
        const ms = performance.now() - started;
        assertGone(sim, id);
        (side === 'seamid' ? seamidMs : guideMs).push(ms);
        (side === 'seamid' ? seamidRequests : guideRequests).push(sim.stats.requests - before);
        (side === 'seamid' ? seamidPolls : guidePolls).push(sim.stats.byRoute['/events/list'] - pollsBefore);
      }
    }
    rows.push({ name: 'one identity (18 resources): deleteUserIdentity', value: `${s(median(seamidMs))} median of ${PAIRS} (${seamidMs.map(s).join(', ')})`, ms: seamidMs });
    rows.push({ name: 'one identity: the guide\'s sequential loop', value: `${s(median(guideMs))} median of ${PAIRS} (${guideMs.map(s).join(', ')})`, ms: guideMs });
    rows.push({ name: 'one identity: seamid faster by', value: `${(median(guideMs) / median(seamidMs)).toFixed(2)}x (same run, interleaved)`, ratio: median(guideMs) / median(seamidMs) });
    // The same identity with seamid's defaults (first poll after 2 s, growing): what a caller gets without tuning.
    const [plainId] = sim.seed({ identities: 1, ...SHAPE });
    const defaultStarted = performance.now();
    await deleteUserIdentity(seam, plainId);
    const defaultMs = performance.now() - defaultStarted;
    assertGone(sim, plainId);
    rows.push({ name: 'one identity: deleteUserIdentity with default options', value: `${s(defaultMs)} (${(median(guideMs) / defaultMs).toFixed(2)}x the 200 ms loop)`, ms: defaultMs });
    rows.push({ name: 'requests per identity, no faults: seamid / guide loop', value: `${median(seamidRequests)} / ${median(guideRequests)} (of which /events/list: ${median(seamidPolls)} / ${median(guidePolls)})` });

    // 20% of calls failing (429, 503 HTML, answers lost after the effect, garbage), 10 identities, default retries.
    sim.setFaults({ rate: { 429: 0.05, 503: 0.05, lost: 0.05, garbage: 0.05 } });
    const faulty = sim.seed({ identities: 10, ...SHAPE });
    const before = sim.stats.requests;
    const faultsBefore = Object.values(sim.stats.faults).reduce((a, b) => a + b, 0);
    const started = performance.now();
    const reports = await Promise.all(faulty.map((id) => deleteUserIdentity(seam, id, SEAMID)));
    const faultMs = performance.now() - started;
    for (const id of faulty) assertGone(sim, id);
    const requests = sim.stats.requests - before;
    const injected = Object.values(sim.stats.faults).reduce((a, b) => a + b, 0) - faultsBefore;
    rows.push({
      name: 'requests per identity, 20% of calls failing (10 identities)',
      value: `${(requests / faulty.length).toFixed(1)} (${injected} of ${requests} calls failed, ${reports.reduce((n, r) => n + r.retries, 0)} retries; ${s(faultMs)} for the 10)`,
    });
    sim.setFaults({});

    // 100 identities, 20 at a time (each run 4 calls at once).
    const hundred = sim.seed({ identities: 100, ...SHAPE });
    const before100 = sim.stats.requests;
    const polls100 = sim.stats.byRoute['/events/list'] ?? 0;
    const started100 = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: 20 }, async () => {
      while (next < hundred.length) await deleteUserIdentity(seam, hundred[next++], SEAMID);
    }));
    const ms100 = performance.now() - started100;
    for (const id of hundred) assertGone(sim, id);
    const requests100 = sim.stats.requests - before100;
    const eventPolls = sim.stats.byRoute['/events/list'] - polls100;
    rows.push({
      name: '100 identities, 20 at a time',
      value: `${s(ms100)}, ${requests100} requests (${(requests100 / 100).toFixed(1)} per identity, ${(eventPolls / 100).toFixed(1)} of them /events/list polls; the guide's loop one by one: ~${s(median(guideMs) * 100)})`,
    });
    return rows;
  } finally {
    await sim.close();
  }
}
