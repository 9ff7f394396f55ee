// Headless Chromium test of the demo's user-identity form (the <seamid-identity-form> element): email, key and full
// name validated live inside the whole create request, request-level warnings, errors blocking submit, and the
// update mode (required id, null clears, PATCH body).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openDemo } from './launch.mjs';

let demo;
before(async () => { demo = await openDemo(); });
after(async () => { await demo?.close(); });

const form = 'seamid-identity-form';
// The issues shown under a field (its name) or under the form ('request').
const codes = (name) => demo.page.$$eval(name === 'request' ? `${form} [part=request-issues] li` : `${form} [name=${name}] [part=issues] li`,
  (items) => items.map((item) => `${item.className}:${item.dataset.code}`));
const input = (name) => `${form} [name=${name}] input`;
const ok = () => demo.page.$eval(form, (element) => element.ok);
/** Clicks submit; resolves to the request shown, or null when the form refused to submit. */
async function submit() {
  await demo.page.evaluate(() => { document.querySelector('[data-testid=request]').hidden = true; });
  await demo.page.click(`${form} [part=submit]`);
  return (await demo.page.isVisible('[data-testid=request]')) ? demo.page.textContent('[data-testid=request]') : null;
}

test('an empty create form warns that nothing could find the identity', async () => {
  assert.deepEqual(await codes('request'), ['warning:no_identifier']);
  assert.equal(await ok(), true);
  assert.equal(await demo.page.textContent('[data-testid=endpoint]'), '/user_identities/create');
  assert.equal(await demo.page.isVisible(input('user_identity_id')), false);
});

test('email: an error blocks submit; a formatted address gets a one-click suggestion', async () => {
  const { page } = demo;
  await page.type(input('email_address'), 'jane@example');
  assert.deepEqual(await codes('email_address'), ['error:email_missing_tld']);
  assert.deepEqual(await codes('request'), []);
  assert.equal(await ok(), false);
  assert.equal(await submit(), null);
  await page.fill(input('email_address'), 'Jane Doe <jane@example.com>');
  assert.deepEqual(await codes('email_address'), ['error:email_formatted']);
  const apply = page.locator(`${form} [name=email_address] [part=suggestion]`);
  assert.equal(await apply.textContent(), 'Use jane@example.com');
  await apply.click();
  assert.equal(await page.inputValue(input('email_address')), 'jane@example.com');
  assert.deepEqual(await codes('email_address'), []);
  assert.equal(await ok(), true);
});

test('key and full name: surrounding whitespace and invisible characters warn, with suggestions', async () => {
  const { page } = demo;
  await page.type(input('user_identity_key'), ' user-42');
  assert.deepEqual(await codes('user_identity_key'), ['warning:surrounding_whitespace']);
  await page.click(`${form} [name=user_identity_key] [part=suggestion]`);
  assert.equal(await page.inputValue(input('user_identity_key')), 'user-42');
  await page.fill(input('full_name'), 'Jane\u200bDoe');
  assert.deepEqual(await codes('full_name'), ['warning:invisible_characters']);
  assert.equal(await ok(), true);
  await page.fill(input('full_name'), 'Jane Doe');
  assert.deepEqual(await codes('full_name'), []);
  const request = await submit();
  assert.match(request, /^POST https:\/\/connect\.getseam\.com\/user_identities\/create\n/);
  assert.deepEqual(JSON.parse(request.slice(request.indexOf('\n') + 1)), { user_identity_key: 'user-42', email_address: 'jane@example.com', full_name: 'Jane Doe' });
});

test('update mode: the id is required and a UUID; null clears a field; the body is a PATCH', async () => {
  const { page } = demo;
  await page.check('[data-testid=mode-update]');
  assert.equal(await page.textContent('[data-testid=endpoint]'), '/user_identities/update');
  assert.equal(await page.isVisible(input('user_identity_id')), true);
  assert.deepEqual(await codes('user_identity_id'), ['error:missing_field']);
  assert.equal(await ok(), false);
  assert.equal(await submit(), null);
  await page.type(input('user_identity_id'), '42');
  assert.deepEqual(await codes('user_identity_id'), ['error:invalid_uuid']);
  await page.fill(input('user_identity_id'), '3fa85f64-5717-4562-b3fc-2c963f66afa6');
  assert.deepEqual(await codes('user_identity_id'), []);
  assert.equal(await ok(), true);
  await page.check(`${form} [data-clear=phone_number]`);
  assert.deepEqual(await codes('phone_number'), ['info:field_cleared']);
  const request = await submit();
  assert.match(request, /^PATCH https:\/\/connect\.getseam\.com\/user_identities\/update\n/);
  assert.deepEqual(JSON.parse(request.slice(request.indexOf('\n') + 1)), {
    user_identity_id: '3fa85f64-5717-4562-b3fc-2c963f66afa6', user_identity_key: 'user-42', email_address: 'jane@example.com',
    phone_number: null, full_name: 'Jane Doe',
  });
  await page.uncheck(`${form} [data-clear=phone_number]`);
  for (const name of ['user_identity_key', 'email_address', 'full_name']) await page.fill(input(name), '');
  assert.deepEqual(await codes('request'), ['warning:no_changes']);
  await page.check('[data-testid=mode-create]');
  assert.equal(await page.isVisible(input('user_identity_id')), false);
  assert.deepEqual(demo.pageErrors, []);
});
