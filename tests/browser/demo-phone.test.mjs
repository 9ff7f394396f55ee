// Headless Chromium test of the demo's phone field (the <seamid-phone-input> inside the identity form): invalid,
// then formatted (suggestion applied), then valid.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openDemo } from './launch.mjs';

let demo;
before(async () => { demo = await openDemo(); });
after(async () => { await demo?.close(); });

const phone = 'seamid-identity-form [name=phone_number]';
const phoneInput = `${phone} input`;
const phoneIssues = () => demo.page.locator(`${phone} [part=issues] li`);
const ok = () => demo.page.$eval('seamid-identity-form', (element) => element.ok);
/** Clicks submit; resolves to the request shown, or null when the form refused to submit. */
async function submit() {
  await demo.page.evaluate(() => { document.querySelector('[data-testid=request]').hidden = true; });
  await demo.page.click('seamid-identity-form [part=submit]');
  return (await demo.page.isVisible('[data-testid=request]')) ? demo.page.textContent('[data-testid=request]') : null;
}

test('an invalid number shows an error and blocks submit', async () => {
  const { page } = demo;
  await page.fill(phoneInput, '');
  await page.type(phoneInput, '+1 800 FLOWERS');
  await assert.doesNotReject(phoneIssues().first().waitFor());
  assert.equal(await phoneIssues().count(), 1);
  assert.equal(await phoneIssues().first().getAttribute('data-code'), 'phone_invalid_characters');
  assert.equal(await phoneIssues().first().getAttribute('class'), 'error');
  assert.equal(await page.isVisible(`${phone} [part=suggestion]`), false);
  assert.equal(await ok(), false);
  assert.equal(await submit(), null);
});

test('a formatted number shows a suggestion that applies with one click', async () => {
  const { page } = demo;
  await page.fill(phoneInput, '');
  await page.type(phoneInput, '+1 (415) 555-2671');
  assert.equal(await phoneIssues().first().getAttribute('data-code'), 'phone_formatted');
  assert.equal(await ok(), false);
  const apply = page.locator(`${phone} [part=suggestion]`);
  assert.equal(await apply.textContent(), 'Use +14155552671');
  await apply.click();
  assert.equal(await page.inputValue(phoneInput), '+14155552671');
  assert.equal(await phoneIssues().count(), 0);
  assert.equal(await ok(), true);
});

test('a valid but implausible number warns without blocking; a valid one submits', async () => {
  const { page } = demo;
  await page.fill(phoneInput, '');
  await page.type(phoneInput, '+1415555267');
  assert.equal(await phoneIssues().first().getAttribute('data-code'), 'phone_invalid_length');
  assert.equal(await phoneIssues().first().getAttribute('class'), 'warning');
  assert.equal(await ok(), true);
  assert.equal(await page.$eval(phone, (element) => element.matches(':state(warning)') && element.checkValidity()), true);
  await page.type(phoneInput, '1');
  assert.equal(await phoneIssues().count(), 0);
  const request = await submit();
  assert.match(request, /"phone_number": "\+14155552671"/);
  assert.deepEqual(demo.pageErrors, []);
});
