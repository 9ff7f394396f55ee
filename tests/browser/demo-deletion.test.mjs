// Headless Chromium test of the demo's deletion planner: sample snapshot, waves, a simulated run to the end
// with late, duplicated and unrelated events, guide order, and an inconsistent snapshot.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openDemo } from './launch.mjs';

let demo;
before(async () => { demo = await openDemo(); });
after(async () => { await demo?.close(); });

const waveSizes = () => demo.page.$$eval('seamid-deletion-plan [part~=wave]', (waves) =>
  waves.map((wave) => wave.querySelectorAll('[part~=step]').length));
const states = () => demo.page.$$eval('seamid-deletion-plan [part~=step]', (steps) => steps.map((step) => step.dataset.state));

test('the sample snapshot plans into three waves; the first wave is runnable', async () => {
  const { page } = demo;
  await page.click('[data-testid=deletion-load-sample]');
  await page.waitForSelector('seamid-deletion-plan [part~=wave]');
  assert.deepEqual(await waveSizes(), [11, 3, 1]);
  assert.equal(await page.textContent('[data-testid=deletion-summary]'), '15 steps in 3 waves.');
  const initial = await states();
  assert.equal(initial.filter((s) => s === 'runnable').length, 11);
  assert.equal(initial.filter((s) => s === 'waiting').length, 4);
  assert.match(await page.textContent('[data-testid=deletion-output]'), /POST \/acs\/users\/delete/);
});

test('a simulated run shows issued steps, late events, duplicates, and ends with the identity deleted', async () => {
  const { page } = demo;
  await page.click('[data-testid=deletion-tick]');
  assert.equal((await states()).filter((s) => s === 'issued').length, 11);
  await page.click('[data-testid=deletion-tick]');
  await page.click('[data-testid=deletion-run]');
  await page.waitForSelector('[data-testid=deletion-status][data-done=true]');
  assert.deepEqual(await states(), Array(15).fill('confirmed'));
  const log = await page.textContent('[data-testid=deletion-log]');
  assert.match(log, /: duplicate/);
  assert.match(log, /ignored \(unknown_event_type\)/);
  assert.match(log, /POST \/user_identities\/delete .*: confirmed/);
  assert.equal(await page.isDisabled('[data-testid=deletion-tick]'), true);
});

test('guide order gives the strict sequence; minimal policy says why; bad snapshots show issues', async () => {
  const { page } = demo;
  await page.selectOption('[data-testid=deletion-order]', 'guide');
  assert.deepEqual(await waveSizes(), [2, 2, 1, 1, 1, 3, 1, 1, 2, 1]);
  await page.selectOption('[data-testid=deletion-policy]', 'minimal');
  assert.deepEqual(await waveSizes(), [1, 1]);
  assert.match(await page.textContent('seamid-deletion-plan [part=notes]'), /API reference/);
  await page.selectOption('[data-testid=deletion-format]', 'curl');
  assert.match(await page.textContent('[data-testid=deletion-output]'), /^#!\/usr\/bin\/env bash/);
  const snapshot = JSON.parse(await page.inputValue('[data-testid=deletion-snapshot]'));
  snapshot.acs_users[0].user_identity_id = '33333333-3333-3333-3333-333333333333';
  await page.fill('[data-testid=deletion-snapshot]', JSON.stringify(snapshot));
  await page.click('[data-testid=deletion-plan]');
  assert.equal(await page.getAttribute('seamid-deletion-plan [part=issues] li', 'data-code'), 'other_identity');
  assert.equal(await page.locator('seamid-deletion-plan [part~=wave]').count(), 0);
  await page.fill('[data-testid=deletion-snapshot]', '{"user_identity": ');
  await page.click('[data-testid=deletion-plan]');
  assert.equal(await page.getAttribute('seamid-deletion-plan [part=issues] li', 'data-code'), 'invalid_json');
  assert.deepEqual(demo.pageErrors, []);
});
