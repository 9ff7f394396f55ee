// Headless Chromium test of the demo's identity form with a workspace: the simulator's identities (listed through the
// demo's /seam proxy) become the form's workspace, and a value one of them holds is an error naming that identity.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openDemo } from './launch.mjs';

let demo;
before(async () => { demo = await openDemo(); });
after(async () => { await demo?.close(); });

test('the simulator\'s identities as workspace: a taken email blocks submit with the holder named; a free one submits', async () => {
  const { page } = demo;
  await page.click('[data-testid=identity-workspace]');
  await page.waitForSelector('[data-testid=identity-workspace-status][data-count]', { timeout: 30_000 });
  const holder = await page.evaluate(async () => {
    const response = await fetch('/seam/user_identities/list', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    return (await response.json()).user_identities[0];
  });
  const email = 'seamid-identity-form [name=email_address]';
  await page.fill(`${email} input`, holder.email_address);
  await page.waitForSelector(`${email} li[data-code=duplicate_email_address]`);
  const issue = await page.$eval(email, (element) => element.issues.find((found) => found.code === 'duplicate_email_address'));
  assert.equal(issue.severity, 'error');
  assert.ok(issue.message.includes(holder.user_identity_id), issue.message);
  assert.equal(await page.$eval('seamid-identity-form', (element) => element.ok), false);
  assert.equal(await page.$eval(email, (element) => element.matches(':invalid')), true);
  await page.fill(`${email} input`, 'someone.new@example.com');
  await page.waitForSelector(`${email} li[data-code=duplicate_email_address]`, { state: 'detached' });
  assert.equal(await page.$eval('seamid-identity-form', (element) => element.ok), true);
  assert.deepEqual(demo.pageErrors, []);
});
