// Events pushed through a real webhook route: the simulator POSTs each event signed as Seam does, a loopback receiver
// verifies it with @seamapi/webhook (SeamWebhook.verify) and hands it to the run; a forged event is refused there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { SeamWebhook } from '@seamapi/webhook';
import { deleteUserIdentity } from '../../bindings/js/src/seam/index.js';
import { simulator, plain, fast, assertInvariants } from './helpers.mjs';

/** A webhook receiver on 127.0.0.1: verified events go to subscribers; anything else is answered 400 and counted. */
async function receiver(t, secret) {
  const webhook = new SeamWebhook(secret);
  const listeners = new Set();
  const counts = { verified: 0, refused: 0 };
  const server = http.createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    let event;
    try {
      event = webhook.verify(Buffer.concat(chunks).toString('utf8'), req.headers);
    } catch {
      counts.refused++;
      res.writeHead(400).end();
      return;
    }
    counts.verified++;
    for (const listener of listeners) listener(event);
    res.writeHead(204).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise((resolve) => {
    server.closeAllConnections();
    server.close(resolve);
  }));
  return {
    url: `http://127.0.0.1:${server.address().port}/seam-webhook`, counts,
    events: { subscribe: (listener) => (listeners.add(listener), () => listeners.delete(listener)) },
  };
}

test('signed webhook events confirm the steps; a forged one is refused before it reaches the run', async (t) => {
  const secret = `whsec_${randomBytes(24).toString('base64')}`;
  const hook = await receiver(t, secret);
  const sim = await simulator(t, { seed: 80, webhook: { url: hook.url, secret } });
  const [id] = sim.seed({ clientSessions: 1, acsUsers: 2, credentials: 2, enrollmentAutomations: 1, phones: 1 });
  const [credential] = sim.attached(id).acs_credentials;
  // A forged acs_credential.deleted, sent while the run listens: were it applied, the ACS user's delete would be
  // premature (and refused by the simulator).
  const forge = () => fetch(hook.url, {
    method: 'POST', body: JSON.stringify({ event_id: '0f0f0f0f-0000-4000-8000-000000000001', event_type: 'acs_credential.deleted', acs_credential_id: credential.acs_credential_id, workspace_id: sim.workspaceId }),
    headers: { 'content-type': 'application/json', 'svix-id': 'msg_forged', 'svix-timestamp': String(Math.floor(Date.now() / 1000)), 'svix-signature': 'v1,Zm9yZ2Vk' },
  });
  let forged = null;
  const startedAt = Date.now();
  const report = await deleteUserIdentity(plain(sim), id, {
    ...fast, pollIntervalMs: 20_000, maxPollIntervalMs: 20_000, webhookEvents: hook.events,
    onProgress: (e) => {
      if (e.type === 'step_sent' && forged === null) forged = forge();
    },
  });
  assert.equal((await forged).status, 400);
  assert.equal(report.ok, true);
  const [round] = report.rounds;
  assert.ok(round.steps.every((s) => s.confirmed_by === 'event' || s.confirmed_by === 'result'));
  assert.ok(round.pushed_events >= round.steps.length - 1);
  assert.ok(round.polls <= 3, `${round.polls} polls`);
  assert.equal(hook.counts.refused, 1);
  assert.ok(hook.counts.verified >= round.steps.length - 1);
  assertInvariants(sim, [id], { startedAt, perResource: 1, maxMs: 15_000 });
});
