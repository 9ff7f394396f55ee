// Headless Chromium test of the demo's live deletion: the demo server's Seam simulator behind its same-origin
// /seam proxy (no API key in the page), an identity fetched, planned and deleted with faults injected, each step's
// live state shown, and the identity gone from the simulator.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openDemo } from './launch.mjs';
import { startDemoServer } from '../../web-demo/serve.mjs';

let demo;
before(async () => { demo = await openDemo(); });
after(async () => { await demo?.close(); });

test('the proxy adds the key server-side, toggles faults and reseeds; the demo server closes its simulator', async () => {
  const { url, simulator, close } = await startDemoServer({ port: 0 });
  try {
    const origin = new URL(url).origin;
    const list = await fetch(`${origin}/seam/user_identities/list`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(list.status, 200);
    const body = await list.json();
    assert.ok(body.user_identities.length > 0);
    assert.equal(JSON.stringify(body).includes(simulator().apiKey), false);
    const faults = await fetch(`${origin}/demo/faults`, { method: 'POST', body: '{"on": true}' });
    assert.deepEqual(await faults.json(), { faults: true });
    const before = simulator();
    assert.equal((await fetch(`${origin}/demo/reset`, { method: 'POST' })).status, 200);
    assert.notEqual(simulator(), before);
    assert.equal((await fetch(`${origin}/demo/faults`, { method: 'GET' })).status, 405);
  } finally {
    await close();
  }
});

test('an identity is fetched, planned and deleted live with faults on; every step confirmed; the identity is gone', { timeout: 90_000 }, async () => {
  const { page } = demo;
  await page.waitForSelector('[data-testid=deletion-live-identity][data-loaded=true]', { timeout: 15_000 });
  const count = Number(await page.getAttribute('[data-testid=deletion-live-identity]', 'data-count'));
  assert.ok(count >= 2, `${count} identities listed`);
  const id = await page.inputValue('[data-testid=deletion-live-identity]');
  await page.click('[data-testid=deletion-live-faults]');
  await page.waitForSelector('[data-testid=deletion-live-faults][data-applied=true]', { timeout: 10_000 });
  await page.click('[data-testid=deletion-live-fetch]');
  await page.waitForSelector('[data-testid=deletion-live-status][data-fetched=true]', { timeout: 30_000 });
  const steps = await page.locator('seamid-deletion-plan [part~=step]').count();
  assert.ok(steps >= 5, `${steps} steps planned`);
  assert.match(await page.textContent('[data-testid=deletion-output]'), /POST \/user_identities\/delete/);
  await page.click('[data-testid=deletion-live-run]');
  // Live states show while the run is under way.
  await page.waitForSelector('seamid-deletion-plan [part~=step][data-state=issued], seamid-deletion-plan [part~=step][data-state=awaiting], seamid-deletion-plan [part~=step][data-state=confirmed]', { timeout: 30_000 });
  await page.waitForSelector('[data-testid=deletion-live-status][data-done=true]', { timeout: 75_000 });
  assert.equal(await page.getAttribute('[data-testid=deletion-live-status]', 'data-ok'), 'true', await page.textContent('[data-testid=deletion-live-status]'));
  const states = await page.$$eval('seamid-deletion-plan [part~=step]', (cards) => cards.map((c) => c.dataset.state));
  assert.deepEqual(states, Array(steps).fill('confirmed'));
  const report = JSON.parse(await page.textContent('[data-testid=deletion-live-report]'));
  assert.equal(report.ok, true);
  assert.equal(report.user_identity_id, id);
  assert.ok(report.retries > 0, 'the injected faults were retried');
  // Gone from the simulator (asked through the page's own proxy, faults off) and from the list.
  await page.click('[data-testid=deletion-live-faults]');
  await page.waitForSelector('[data-testid=deletion-live-faults][data-applied=false]', { timeout: 10_000 });
  const gone = await page.evaluate(async (identityId) => {
    const r = await fetch('/seam/user_identities/get', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user_identity_id: identityId }) });
    return r.status;
  }, id);
  assert.equal(gone, 404);
  const listed = await page.$$eval('[data-testid=deletion-live-identity] option', (options) => options.map((o) => o.value));
  assert.equal(listed.includes(id), false);
  assert.equal(listed.length, count - 1);
  assert.equal(await page.evaluate(() => document.documentElement.outerHTML.includes('seam_test_key')), false);
  assert.deepEqual(demo.pageErrors, []);
});
