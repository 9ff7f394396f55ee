// Headless Chromium test of the demo's React page: react-hook-form with seamid's Standard Schema (seamidResolver),
// bundled by the demo server with esbuild: errors block submit with seamid's code as the error type, warnings and
// suggestions show without blocking, update mode, and no serious or critical axe-core violation.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser } from './launch.mjs';
import { seriousViolations } from './elements-page.mjs';

let browser;
let page;
const pageErrors = [];
before(async () => {
  browser = await openBrowser();
  page = browser.page;
  page.on('pageerror', (error) => pageErrors.push(error));
  await page.goto(new URL('react-form.html', browser.url).href);
  await page.waitForSelector('[data-testid=react-form]', { timeout: 30_000 });
});
after(async () => { await browser?.close(); });

const codes = (name) => page.$$eval(`[data-testid=${name}-issues] li`, (items) => items.map((item) => `${item.className}:${item.dataset.code}`));

test('an error blocks submit; the error type is seamid\'s code; the suggestion applies on click', async () => {
  await page.fill('#email_address', 'Jane <jane@example.com>');
  await page.click('[data-testid=react-submit]');
  await page.waitForSelector('#email_address[aria-invalid=true]');
  assert.equal(await page.getAttribute('#email_address', 'data-error-type'), 'email_formatted');
  assert.deepEqual(await codes('email_address'), ['error:email_formatted']);
  assert.equal(await page.locator('[data-testid=react-request]').count(), 0);
  await page.click('[data-testid=email_address-issues] button');
  assert.equal(await page.inputValue('#email_address'), 'jane@example.com');
  await page.waitForSelector('#email_address:not([aria-invalid])');
  assert.deepEqual(await codes('email_address'), []);
});

test('warnings show and do not block; the request body leaves empty fields out', async () => {
  await page.fill('#user_identity_key', ' user-42');
  await page.waitForSelector('[data-testid=user_identity_key-issues] li');
  assert.deepEqual(await codes('user_identity_key'), ['warning:surrounding_whitespace']);
  await page.click('[data-testid=react-submit]');
  const request = await page.textContent('[data-testid=react-request]');
  assert.match(request, /^POST https:\/\/connect\.getseam\.com\/user_identities\/create\n/);
  assert.deepEqual(JSON.parse(request.slice(request.indexOf('\n') + 1)), { user_identity_key: ' user-42', email_address: 'jane@example.com' });
});

test('update mode: user_identity_id is required (missing_field); a valid update submits as PATCH', async () => {
  await page.check('input[name=mode][value=update]');
  await page.click('[data-testid=react-submit]');
  await page.waitForSelector('#user_identity_id[aria-invalid=true]');
  assert.equal(await page.getAttribute('#user_identity_id', 'data-error-type'), 'missing_field');
  await page.fill('#user_identity_id', '3fa85f64-5717-4562-b3fc-2c963f66afa6');
  await page.click('[data-testid=react-submit]');
  const request = await page.textContent('[data-testid=react-request]');
  assert.match(request, /^PATCH /);
  assert.equal(JSON.parse(request.slice(request.indexOf('\n') + 1)).user_identity_id, '3fa85f64-5717-4562-b3fc-2c963f66afa6');
  assert.deepEqual(pageErrors, []);
});

test('axe-core on the React page with issues shown: no serious or critical violation', async () => {
  await page.fill('#phone_number', '+1 (415) 555-2671');
  await page.click('[data-testid=react-submit]');
  await page.waitForSelector('#phone_number[aria-invalid=true]');
  assert.deepEqual(await seriousViolations(page), []);
});
