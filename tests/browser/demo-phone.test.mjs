// Headless Chromium test of the demo's phone field: invalid, then formatted (suggestion applied), then valid.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openDemo } from './launch.mjs';

let demo;
before(async () => { demo = await openDemo(); });
after(async () => { await demo?.close(); });

const phoneIssues = () => demo.page.locator('[data-testid=phone-issues] li');

test('an invalid number shows an error and blocks submit', async () => {
  const { page } = demo;
  await page.fill('[data-testid=phone]', '');
  await page.type('[data-testid=phone]', '+1 800 FLOWERS');
  await assert.doesNotReject(phoneIssues().first().waitFor());
  assert.equal(await phoneIssues().count(), 1);
  assert.equal(await phoneIssues().first().getAttribute('data-code'), 'phone_invalid_characters');
  assert.equal(await phoneIssues().first().getAttribute('class'), 'error');
  assert.equal(await page.locator('[data-testid=apply-suggestion]').count(), 0);
  assert.equal(await page.isDisabled('[data-testid=submit]'), true);
});

test('a formatted number shows a suggestion that applies with one click', async () => {
  const { page } = demo;
  await page.fill('[data-testid=phone]', '');
  await page.type('[data-testid=phone]', '+1 (415) 555-2671');
  assert.equal(await phoneIssues().first().getAttribute('data-code'), 'phone_formatted');
  assert.equal(await page.isDisabled('[data-testid=submit]'), true);
  const apply = page.locator('[data-testid=apply-suggestion]');
  assert.equal(await apply.textContent(), 'Use +14155552671');
  await apply.click();
  assert.equal(await page.inputValue('[data-testid=phone]'), '+14155552671');
  assert.equal(await phoneIssues().count(), 0);
  assert.equal(await page.isDisabled('[data-testid=submit]'), false);
});

test('a valid but implausible number warns without blocking; a valid one submits', async () => {
  const { page } = demo;
  await page.fill('[data-testid=phone]', '');
  await page.type('[data-testid=phone]', '+1415555267');
  assert.equal(await phoneIssues().first().getAttribute('data-code'), 'phone_invalid_length');
  assert.equal(await phoneIssues().first().getAttribute('class'), 'warning');
  assert.equal(await page.isDisabled('[data-testid=submit]'), false);
  await page.type('[data-testid=phone]', '1');
  assert.equal(await phoneIssues().count(), 0);
  await page.click('[data-testid=submit]');
  const request = await page.textContent('[data-testid=request]');
  assert.match(request, /"phone_number": "\+14155552671"/);
  assert.deepEqual(demo.pageErrors, []);
});
