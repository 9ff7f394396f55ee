// Headless Chromium test of the demo's ACS panel: verdicts and reasons before linking, link, unlink, re-link.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openDemo } from './launch.mjs';

const I = (n) => `1d000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const A = (n) => `ac000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

let demo;
before(async () => { demo = await openDemo(); });
after(async () => { await demo?.close(); });

async function pick(identity, acsUser) {
  await demo.page.selectOption('[data-testid=acs-identity]', identity);
  await demo.page.selectOption('[data-testid=acs-user]', acsUser);
}
const verdict = () => demo.page.getAttribute('[data-testid=acs-verdict]', 'data-verdict');
const codes = () => demo.page.locator('[data-testid=acs-issues] li').evaluateAll((items) => items.map((item) => item.dataset.code));
const linked = () => demo.page.locator('[data-testid=acs-linked] li').evaluateAll((items) => items.map((item) => item.dataset.acsUserId));

test('the sample snapshot loads with several systems and its audit shows', async () => {
  const { page } = demo;
  assert.match(await page.textContent('[data-testid=acs-summary]'), /12 ACS users in 4 systems, 4 user identities/);
  assert.equal(await page.textContent('[data-testid=acs-audit-summary]'), '0 violation(s), 1 profile mismatch(es)');
  assert.deepEqual(await page.locator('[data-testid=acs-audit] li').evaluateAll((items) => items.map((i) => i.dataset.code)),
    ['acs_user_profile_does_not_match_user_identity']);
});

test('an existing link is a no-op: Link is disabled, Unlink enabled; the identity is linked in three systems', async () => {
  await pick(I(1), A(1));
  assert.equal(await verdict(), 'no_op');
  assert.deepEqual(await codes(), ['acs_user_already_linked']);
  assert.equal(await demo.page.isDisabled('[data-testid=acs-link]'), true);
  assert.equal(await demo.page.isDisabled('[data-testid=acs-unlink]'), false);
  assert.deepEqual(await linked(), [A(2), A(3), A(1)]);
});

test('a refused link names the reason and blocks the button', async () => {
  await pick(I(1), A(5));
  assert.equal(await verdict(), 'refused');
  assert.deepEqual(await codes(), ['user_identity_has_acs_user_in_system']);
  assert.match(await demo.page.textContent('[data-testid=acs-issues] li'), new RegExp(A(1)));
  assert.equal(await demo.page.isDisabled('[data-testid=acs-link]'), true);
});

test('link, then the ACS user moves to another identity after an unlink', async () => {
  const { page } = demo;
  await pick(I(3), A(5));
  assert.equal(await verdict(), 'allowed');
  await page.click('[data-testid=acs-link]');
  assert.deepEqual(await linked(), [A(5)]);
  assert.equal(await verdict(), 'no_op');
  await pick(I(4), A(5));
  assert.equal(await verdict(), 'refused');
  assert.deepEqual(await codes(), ['acs_user_linked_to_other_identity']);
  await pick(I(3), A(5));
  await page.click('[data-testid=acs-unlink]');
  assert.deepEqual(await linked(), []);
  await pick(I(4), A(5));
  assert.equal(await verdict(), 'allowed');
  await page.click('[data-testid=acs-link]');
  assert.deepEqual(await linked(), [A(5)]);
  assert.deepEqual(demo.pageErrors, []);
});
