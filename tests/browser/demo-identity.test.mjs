// Headless Chromium test of the demo's user-identity form: email, key and full name validated live inside the
// whole create request, request-level warnings, and the update mode (required id, null clears, PATCH body).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openDemo } from './launch.mjs';

let demo;
before(async () => { demo = await openDemo(); });
after(async () => { await demo?.close(); });

const codes = (testid) => demo.page.$$eval(`[data-testid=${testid}] li`, (items) => items.map((item) => `${item.className}:${item.dataset.code}`));

test('an empty create form warns that nothing could find the identity', async () => {
  assert.deepEqual(await codes('request-issues'), ['warning:no_identifier']);
  assert.equal(await demo.page.isDisabled('[data-testid=submit]'), false);
  assert.equal(await demo.page.textContent('[data-testid=endpoint]'), '/user_identities/create');
  assert.equal(await demo.page.isVisible('[data-testid=user-identity-id]'), false);
});

test('email: an error blocks submit; a formatted address gets a one-click suggestion', async () => {
  const { page } = demo;
  await page.type('[data-testid=email]', 'jane@example');
  assert.deepEqual(await codes('email-issues'), ['error:email_missing_tld']);
  assert.deepEqual(await codes('request-issues'), []);
  assert.equal(await page.isDisabled('[data-testid=submit]'), true);
  await page.fill('[data-testid=email]', 'Jane Doe <jane@example.com>');
  assert.deepEqual(await codes('email-issues'), ['error:email_formatted']);
  const apply = page.locator('[data-testid=email-issues] [data-testid=apply-suggestion]');
  assert.equal(await apply.textContent(), 'Use jane@example.com');
  await apply.click();
  assert.equal(await page.inputValue('[data-testid=email]'), 'jane@example.com');
  assert.deepEqual(await codes('email-issues'), []);
  assert.equal(await page.isDisabled('[data-testid=submit]'), false);
});

test('key and full name: surrounding whitespace and invisible characters warn, with suggestions', async () => {
  const { page } = demo;
  await page.type('[data-testid=key]', ' user-42');
  assert.deepEqual(await codes('key-issues'), ['warning:surrounding_whitespace']);
  await page.click('[data-testid=key-issues] [data-testid=apply-suggestion]');
  assert.equal(await page.inputValue('[data-testid=key]'), 'user-42');
  await page.fill('[data-testid=full-name]', 'Jane\u200bDoe');
  assert.deepEqual(await codes('full-name-issues'), ['warning:invisible_characters']);
  assert.equal(await page.isDisabled('[data-testid=submit]'), false);
  await page.fill('[data-testid=full-name]', 'Jane Doe');
  assert.deepEqual(await codes('full-name-issues'), []);
  await page.click('[data-testid=submit]');
  const request = await page.textContent('[data-testid=request]');
  assert.match(request, /^POST https:\/\/connect\.getseam\.com\/user_identities\/create\n/);
  assert.deepEqual(JSON.parse(request.slice(request.indexOf('\n') + 1)), { user_identity_key: 'user-42', email_address: 'jane@example.com', full_name: 'Jane Doe' });
});

test('update mode: the id is required and a UUID; null clears a field; the body is a PATCH', async () => {
  const { page } = demo;
  await page.check('[data-testid=mode-update]');
  assert.equal(await page.textContent('[data-testid=endpoint]'), '/user_identities/update');
  assert.equal(await page.isVisible('[data-testid=user-identity-id]'), true);
  assert.deepEqual(await codes('user-identity-id-issues'), ['error:missing_field']);
  assert.equal(await page.isDisabled('[data-testid=submit]'), true);
  await page.type('[data-testid=user-identity-id]', '42');
  assert.deepEqual(await codes('user-identity-id-issues'), ['error:invalid_uuid']);
  await page.fill('[data-testid=user-identity-id]', '3fa85f64-5717-4562-b3fc-2c963f66afa6');
  assert.deepEqual(await codes('user-identity-id-issues'), []);
  assert.equal(await page.isDisabled('[data-testid=submit]'), false);
  await page.check('[data-testid=clear-phone_number]');
  assert.deepEqual(await codes('phone-issues'), ['info:field_cleared']);
  await page.click('[data-testid=submit]');
  const request = await page.textContent('[data-testid=request]');
  assert.match(request, /^PATCH https:\/\/connect\.getseam\.com\/user_identities\/update\n/);
  assert.deepEqual(JSON.parse(request.slice(request.indexOf('\n') + 1)), {
    user_identity_id: '3fa85f64-5717-4562-b3fc-2c963f66afa6', user_identity_key: 'user-42', email_address: 'jane@example.com',
    phone_number: null, full_name: 'Jane Doe',
  });
  await page.uncheck('[data-testid=clear-phone_number]');
  for (const id of ['key', 'email', 'full-name']) await page.fill(`[data-testid=${id}]`, '');
  assert.deepEqual(await codes('request-issues'), ['warning:no_changes']);
  await page.check('[data-testid=mode-create]');
  assert.equal(await page.isVisible('[data-testid=user-identity-id]'), false);
  assert.deepEqual(demo.pageErrors, []);
});
