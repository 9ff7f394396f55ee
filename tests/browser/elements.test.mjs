// Headless Chromium test of seamid/elements on a plain HTML form, loaded from the package's files with no bundler:
// validity and native submit blocking, warnings that never block, suggestions applied only on click, required,
// reset, keyboard-only use, seamid-validate events, the identity form and the deletion plan view.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser } from './launch.mjs';
import { routeElementsPage } from './elements-page.mjs';

let browser;
let page;
let pageUrl;
const pageErrors = [];
before(async () => {
  browser = await openBrowser();
  pageUrl = await routeElementsPage(browser.context, new URL(browser.url).origin);
  page = browser.page;
  page.on('pageerror', (error) => pageErrors.push(error));
  await page.goto(pageUrl);
  await page.waitForFunction(() => customElements.get('seamid-phone-input') !== undefined &&
    ![...document.querySelectorAll('seamid-phone-input')].some((element) => element.matches(':state(pending)')));
});
after(async () => { await browser?.close(); });

const phone = 'form#plain seamid-phone-input';
const email = 'form#plain seamid-email-input';
const key = 'form#plain seamid-text-input[field=user_identity_key]';
const fullName = 'form#plain seamid-text-input[field=full_name]';
/** What the plain form's checkValidity() says, and whether requestSubmit() got through to the submit handler. */
const trySubmit = () => page.evaluate(() => {
  const form = document.getElementById('plain');
  const before = window.submitted.length;
  form.requestSubmit();
  return { valid: form.checkValidity(), submitted: window.submitted.length > before ? window.submitted.at(-1) : null };
});
const codes = (selector) => page.$eval(selector, (element) => element.issues.map((found) => `${found.severity}:${found.code}`));
const shownCodes = (selector) => page.$$eval(`${selector} li`, (items) => items.map((item) => `${item.dataset.severity}:${item.dataset.code}`));

test('loaded with no bundler: every element is defined from the package files, imports relative', async () => {
  const defined = await page.evaluate(() => ['seamid-phone-input', 'seamid-email-input', 'seamid-text-input', 'seamid-identity-form', 'seamid-deletion-plan']
    .map((name) => typeof customElements.get(name)));
  assert.deepEqual(defined, Array(5).fill('function'));
  assert.equal(await page.evaluate(() => document.querySelector('script[type=importmap]')), null);
  assert.equal(await page.$eval(phone, (element) => element.shadowRoot.mode), 'open');
});

test('required and empty: checkValidity() is false, submit is blocked, valueMissing', async () => {
  assert.deepEqual(await trySubmit(), { valid: false, submitted: null });
  assert.equal(await page.$eval(email, (element) => element.validity.valueMissing), true);
  assert.equal(await page.$eval(email, (element) => element.matches(':invalid')), true);
  // The submit attempt counts as interaction: user-invalid and aria-invalid are on.
  assert.equal(await page.$eval(email, (element) => element.matches(':state(user-invalid)')), true);
  assert.equal(await page.getAttribute(`${email} input`, 'aria-invalid'), 'true');
});

test('an error: validity anchored on the inner input, aria-invalid, message in the live region, submit blocked', async () => {
  await page.fill(`${email} input`, 'jane@example');
  assert.deepEqual(await codes(email), ['error:email_missing_tld']);
  assert.deepEqual(await shownCodes(email), ['error:email_missing_tld']);
  const state = await page.$eval(email, (element) => ({
    customError: element.validity.customError, message: element.validationMessage, issue: element.issues[0].message,
    invalid: element.matches(':invalid'), userInvalid: element.matches(':state(user-invalid)'),
    described: element.shadowRoot.querySelector('input').getAttribute('aria-describedby'),
    live: element.shadowRoot.getElementById(element.shadowRoot.querySelector('input').getAttribute('aria-describedby')).getAttribute('aria-live'),
  }));
  assert.equal(state.customError, true);
  assert.equal(state.message, state.issue);
  assert.equal(state.invalid, true);
  assert.equal(state.userInvalid, true);
  assert.equal(state.live, 'polite');
  assert.equal(await page.getAttribute(`${email} input`, 'aria-invalid'), 'true');
  assert.deepEqual(await trySubmit(), { valid: false, submitted: null });
});

test('warnings only: the form submits; :state(warning) matches; the value goes into FormData under name', async () => {
  await page.fill(`${email} input`, 'jane@example.com');
  await page.fill(`${key} input`, ' user-42');
  assert.deepEqual(await codes(key), ['warning:surrounding_whitespace']);
  assert.equal(await page.$eval(key, (element) => element.matches(':state(warning)') && !element.matches(':invalid')), true);
  assert.equal(await page.getAttribute(`${key} input`, 'aria-invalid'), null);
  await page.fill(`${fullName} input`, 'Jane\u200bDoe');
  assert.equal(await page.$eval(fullName, (element) => element.matches(':state(warning)')), true);
  const { valid, submitted } = await trySubmit();
  assert.equal(valid, true);
  assert.deepEqual(submitted, { phone_number: '', email_address: 'jane@example.com', user_identity_key: ' user-42', full_name: 'Jane\u200bDoe' });
});

test('a suggestion shows as a button and is applied only on click, then re-validated', async () => {
  await page.fill(`${phone} input`, '+1 (415) 555-2671');
  assert.deepEqual(await codes(phone), ['error:phone_formatted']);
  assert.equal(await page.textContent(`${phone} [part=suggestion]`), 'Use +14155552671');
  assert.equal(await page.$eval(phone, (element) => element.value), '+1 (415) 555-2671'); // not rewritten
  const eventsBefore = await page.evaluate(() => window.events.length);
  await page.click(`${phone} [part=suggestion]`);
  assert.equal(await page.$eval(phone, (element) => element.value), '+14155552671');
  assert.equal(await page.inputValue(`${phone} input`), '+14155552671');
  assert.deepEqual(await codes(phone), []);
  assert.equal(await page.isVisible(`${phone} [part=suggestion]`), false);
  const last = await page.evaluate((from) => window.events.slice(from).filter((event) => event.target === 'seamid-phone-input').at(-1), eventsBefore);
  assert.deepEqual(last, { target: 'seamid-phone-input', composed: true, value: '+14155552671', ok: true, issues: [] });
});

test('seamid-validate: bubbling, composed, with { value, ok, issues } as validatePhone returns them', async () => {
  const from = await page.evaluate(() => window.events.length);
  await page.fill(`${phone} input`, '+1415555267');
  const events = await page.evaluate((start) => window.events.slice(start).filter((event) => event.target === 'seamid-phone-input'), from);
  assert.equal(events.length, 1);
  const expected = await page.evaluate(async () => (await import('/bindings/js/src/loader.js')).loadValidation().then((api) => api.validatePhone('+1415555267')));
  assert.deepEqual(events[0], { target: 'seamid-phone-input', composed: true, ...expected });
});

test('reset: values back to the value attribute, states and messages cleared', async () => {
  await page.click('form#plain button[type=reset]');
  assert.equal(await page.$eval(phone, (element) => element.value), '');
  assert.equal(await page.$eval(key, (element) => element.value), 'user-42');
  assert.deepEqual(await codes(key), []);
  assert.deepEqual(await shownCodes(email), []);
  assert.equal(await page.$eval(email, (element) => element.matches(':state(user-invalid)')), false);
  assert.equal(await page.getAttribute(`${email} input`, 'aria-invalid'), null);
  assert.equal(await page.$eval(email, (element) => element.validity.valueMissing), true); // still required
});

test('keyboard only: Tab into each field (delegatesFocus), Enter applies a suggestion, Enter submits', async () => {
  await page.evaluate(() => document.activeElement?.blur());
  await page.focus(phone);
  assert.equal(await page.evaluate(() => document.activeElement.localName + '>' + document.activeElement.shadowRoot?.activeElement?.localName), 'seamid-phone-input>input');
  await page.keyboard.type('+44 20 7946 0958');
  await page.keyboard.press('Tab'); // to the suggestion button
  assert.equal(await page.evaluate(() => document.activeElement.shadowRoot.activeElement.getAttribute('part')), 'suggestion');
  await page.keyboard.press('Enter');
  assert.equal(await page.$eval(phone, (element) => element.value), '+442079460958');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.localName), 'seamid-email-input');
  await page.keyboard.type('jane@example.com');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('field')), 'full_name');
  await page.keyboard.type('Jane Doe');
  const before = await page.evaluate(() => window.submitted.length);
  await page.keyboard.press('Enter'); // implicit submission, as from a native input
  await page.waitForFunction((n) => window.submitted.length > n, before, { timeout: 5000 });
  assert.deepEqual(await page.evaluate(() => window.submitted.at(-1)), { phone_number: '+442079460958', email_address: 'jane@example.com', user_identity_key: 'user-42', full_name: 'Jane Doe' });
});

test('created before the module loaded: upgraded, with the value a script set before', async () => {
  assert.equal(await page.$eval('#early', (element) => element.value), '+1 415 555 2671');
  assert.deepEqual(await codes('#early'), ['error:phone_formatted']);
  assert.equal(await page.evaluate(() => document.getElementById('early-form').checkValidity()), false);
});

test('bad values set by script: coerced like an <input>, clear states, nothing thrown', async () => {
  const results = await page.evaluate(() => {
    const element = document.getElementById('early');
    const out = [];
    for (const value of [42, null, undefined, '+1'.padEnd(1 << 20, '5'), '+1415\ud800555', { toString() { throw new Error('no'); } }, Symbol('s')]) {
      try {
        element.value = value;
        out.push({ value: element.value.length > 20 ? `${element.value.length} chars` : element.value, codes: element.issues.map((found) => found.code), valid: element.checkValidity() });
      } catch (error) {
        out.push({ threw: String(error) });
      }
    }
    return out;
  });
  assert.deepEqual(results.map((r) => r.threw), Array(7).fill(undefined));
  assert.equal(results[0].value, '42');
  assert.equal(results[0].valid, false);
  assert.deepEqual(results[1], { value: '', codes: [], valid: true });
  assert.deepEqual(results[2], { value: '', codes: [], valid: true });
  assert.equal(results[3].value, `${1 << 20} chars`);
  assert.equal(results[3].valid, false);
  assert.deepEqual(results[4].codes, ['phone_invalid_characters']);
  assert.deepEqual(results[5], { value: '', codes: [], valid: true });
  assert.equal(results[6].value, 'Symbol(s)');
  assert.equal(results[6].valid, false);
  assert.deepEqual(pageErrors, []);
});

test('two copies of the entry on one page: the second defines nothing and throws nothing', async () => {
  const origin = new URL(pageUrl).origin;
  // A second copy of the package under another path: its own modules, its own classes.
  await browser.context.route(`${origin}/copy/**`, async (route) => {
    const path = new URL(route.request().url()).pathname.slice('/copy'.length);
    const response = await route.fetch({ url: `${origin}${path}` });
    await route.fulfill({ response });
  });
  const result = await page.evaluate(async () => {
    const first = customElements.get('seamid-phone-input');
    const copy = await import('/copy/bindings/js/src/elements/index.js');
    await import('/bindings/js/src/elements/index.js?again');
    return { same: customElements.get('seamid-phone-input') === first, other: copy.SeamidPhoneInput !== first };
  });
  assert.deepEqual(result, { same: true, other: true });
  assert.deepEqual(pageErrors, []);
});

test('identity form: request-level issues, errors block seamid-submit, uniqueness names the holder', async () => {
  const form = '#identity';
  assert.deepEqual(await shownCodes(`${form} [part=request-issues]`), ['warning:no_identifier']);
  await page.fill(`${form} seamid-email-input input`, 'jane@example');
  assert.equal(await page.$eval(form, (element) => element.ok), false);
  await page.click(`${form} [part=submit]`);
  assert.equal(await page.evaluate(() => window.submits.length), 0);
  await page.fill(`${form} seamid-email-input input`, 'taken@example.com');
  await page.$eval(form, (element) => { element.workspace = [{ user_identity_id: '3fa85f64-5717-4562-b3fc-2c963f66afa6', email_address: 'taken@example.com' }]; });
  await page.waitForFunction(() => document.querySelector('#identity').field('email_address').issues.some((found) => found.code === 'duplicate_email_address'));
  const duplicate = await page.$eval(form, (element) => element.field('email_address').issues[0]);
  assert.equal(duplicate.severity, 'error');
  assert.match(duplicate.message, /3fa85f64-5717-4562-b3fc-2c963f66afa6/);
  assert.equal(await page.$eval(form, (element) => element.ok), false);
  await page.fill(`${form} seamid-email-input input`, 'jane@example.com');
  await page.fill(`${form} [name=phone_number] input`, '+14155552671');
  assert.equal(await page.$eval(form, (element) => element.ok), true);
  await page.click(`${form} [part=submit]`);
  assert.deepEqual(await page.evaluate(() => window.submits.at(-1)), { mode: 'create', endpoint: '/user_identities/create',
    body: { email_address: 'jane@example.com', phone_number: '+14155552671' }, issues: [] });
});

test('identity form, update mode: the id required, null clears a field, an update that changes nothing warns', async () => {
  const form = '#identity';
  await page.$eval(form, (element) => { element.mode = 'update'; });
  assert.equal(await page.isVisible(`${form} [name=user_identity_id]`), true);
  assert.deepEqual(await shownCodes(`${form} [name=user_identity_id]`), ['error:missing_field']);
  await page.fill(`${form} [name=user_identity_id] input`, '3fa85f64-5717-4562-b3fc-2c963f66afa6');
  await page.check(`${form} [data-clear=phone_number]`);
  assert.deepEqual(await shownCodes(`${form} [name=phone_number]`), ['info:field_cleared']);
  assert.equal(await page.$eval(form, (element) => element.field('phone_number').matches(':state(info)')), true);
  await page.click(`${form} [part=submit]`);
  assert.deepEqual(await page.evaluate(() => window.submits.at(-1).body), { user_identity_id: '3fa85f64-5717-4562-b3fc-2c963f66afa6', email_address: 'jane@example.com', phone_number: null });
  await page.uncheck(`${form} [data-clear=phone_number]`);
  await page.fill(`${form} [name=phone_number] input`, '');
  await page.fill(`${form} seamid-email-input input`, '');
  assert.deepEqual(await shownCodes(`${form} [part=request-issues]`), ['warning:no_changes']);
  await page.$eval(form, (element) => { element.mode = 'create'; });
  assert.equal(await page.isVisible(`${form} [name=user_identity_id]`), false);
});

test('deletion plan: waves with endpoints and confirming events; progress and onProgress states; a refused snapshot', async () => {
  const view = '#plan';
  const drawn = await page.evaluate(async () => {
    const { loadDeletion } = await import('/bindings/js/src/loader.js');
    const api = await loadDeletion();
    const snapshot = await (await fetch('/web-demo/samples/deletion-snapshot.json')).json();
    const plan = api.planDeletion(snapshot);
    const element = document.getElementById('plan');
    element.plan = plan;
    const progress = api.createDeletionProgress(plan, { startedAt: new Date() });
    element.progress = progress;
    const steps = [...element.shadowRoot.querySelectorAll('[part~=step]')];
    const first = steps[0];
    const out = { waves: [...element.shadowRoot.querySelectorAll('[part~=wave]')].map((wave) => wave.querySelectorAll('[part~=step]').length),
      states: steps.map((step) => step.dataset.state), text: first.textContent, endpoint: plan.steps.find((s) => s.step_id === first.dataset.stepId).endpoint,
      confirm: plan.steps.find((s) => s.step_id === first.dataset.stepId).confirm };
    element.onProgress({ type: 'step_sent', step_id: first.dataset.stepId });
    out.afterEvent = element.shadowRoot.querySelector(`[data-step-id="${first.dataset.stepId}"]`).dataset.state;
    return out;
  });
  assert.deepEqual(drawn.waves, [11, 3, 1]);
  assert.equal(drawn.states.filter((state) => state === 'runnable').length, 11);
  assert.ok(drawn.text.includes(`POST ${drawn.endpoint}`), drawn.text);
  assert.ok(drawn.text.includes(drawn.confirm.event_type), drawn.text);
  assert.equal(drawn.afterEvent, 'issued');
  await page.$eval(view, (element) => { element.setAttribute('order', 'guide'); element.snapshot = '{"user_identity": '; });
  await page.waitForFunction(() => document.getElementById('plan').plan?.ok === false);
  assert.deepEqual(await shownCodes(`${view} [part=issues]`), ['error:invalid_json']);
  assert.equal(await page.locator(`${view} [part~=wave]`).count(), 0);
  assert.deepEqual(pageErrors, []);
});

test(':state(pending) while the wasm module loads; validated once it is there', async () => {
  const origin = new URL(pageUrl).origin;
  const fresh = await browser.context.newPage();
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await fresh.route(`${origin}/bindings/js/dist/seamid-validation.wasm`, async (route) => { await held; await route.continue(); });
  try {
    await fresh.goto(pageUrl);
    await fresh.waitForFunction(() => customElements.get('seamid-phone-input') !== undefined);
    assert.equal(await fresh.$eval('#early', (element) => element.matches(':state(pending)')), true);
    assert.equal(await fresh.$eval('#early', (element) => element.checkValidity()), false); // a value not yet checked does not submit
    release();
    await fresh.waitForFunction(() => !document.getElementById('early').matches(':state(pending)'));
    assert.deepEqual(await fresh.$eval('#early', (element) => element.issues.map((found) => found.code)), ['phone_formatted']);
  } finally {
    release();
    await fresh.close();
  }
});

test('state restore: back to the page, a new document gets the values back through formStateRestoreCallback', async () => {
  const origin = new URL(pageUrl).origin;
  await browser.context.route(`${origin}/elements-restore.html`, async (route) => {
    const { elementsPage } = await import('./elements-page.mjs');
    await route.fulfill({ contentType: 'text/html', headers: { 'cache-control': 'no-store' }, body: elementsPage });
  });
  const fresh = await browser.context.newPage();
  const ready = () => fresh.waitForFunction(() => customElements.get('seamid-phone-input') !== undefined && !document.getElementById('early').matches(':state(pending)'));
  try {
    await fresh.goto(`${origin}/elements-restore.html`);
    await ready();
    await fresh.fill('form#plain seamid-phone-input input', '+14155552671');
    await fresh.fill('form#plain seamid-email-input input', 'jane@example');
    await fresh.evaluate(() => { window.sameDocument = true; });
    await fresh.goto(`${origin}/web-demo/style.css`);
    await fresh.goBack();
    await ready();
    await fresh.waitForFunction(() => document.querySelector('form#plain seamid-email-input').value !== '');
    const restored = await fresh.evaluate(() => ({ sameDocument: window.sameDocument ?? false, phone: document.querySelector('form#plain seamid-phone-input').value,
      email: document.querySelector('form#plain seamid-email-input').value, codes: document.querySelector('form#plain seamid-email-input').issues.map((found) => found.code) }));
    assert.deepEqual(restored, { sameDocument: false, phone: '+14155552671', email: 'jane@example', codes: ['email_missing_tld'] });
  } finally {
    await fresh.close();
  }
});

test('a <fieldset disabled> disables the element: no validation, no FormData entry, no blocking', async () => {
  const result = await page.evaluate(() => {
    const form = document.createElement('form');
    form.innerHTML = '<fieldset><seamid-email-input name="email_address" required value="jane@example"></seamid-email-input></fieldset>';
    document.body.append(form);
    const element = form.querySelector('seamid-email-input');
    const before = { valid: form.checkValidity(), codes: element.issues.map((found) => found.code) };
    form.querySelector('fieldset').disabled = true;
    const after = { valid: form.checkValidity(), inner: element.shadowRoot.querySelector('input').disabled, entries: [...new FormData(form).keys()] };
    form.remove();
    return { before, after };
  });
  assert.deepEqual(result, { before: { valid: false, codes: ['email_missing_tld'] }, after: { valid: true, inner: true, entries: [] } });
});

test('default-country is passed to validatePhone as defaultCountry, only when the attribute is set', async () => {
  const calls = await page.evaluate(async () => {
    const api = await (await import('/bindings/js/src/loader.js')).loadValidation();
    const original = api.validatePhone;
    const seen = [];
    api.validatePhone = (value, options) => { seen.push({ value, options: { ...options } }); return original(value, options); };
    try {
      const element = document.createElement('seamid-phone-input');
      document.body.append(element);
      element.value = '4155552671';
      element.setAttribute('default-country', 'US');
      element.removeAttribute('default-country');
      element.remove();
    } finally {
      api.validatePhone = original;
    }
    return seen;
  });
  assert.deepEqual(calls.map((call) => call.options.defaultCountry), [undefined, 'US', undefined]);
  assert.ok(calls.every((call) => call.value === '4155552671'));
});

test('default-country: a national number is an error with the E.164 suggestion, applied by one click; an unknown country falls back', async () => {
  const result = await page.evaluate(async () => {
    const element = document.createElement('seamid-phone-input');
    element.setAttribute('default-country', 'GB');
    document.body.append(element);
    element.value = '020 7946 0958';
    await new Promise((resolve) => setTimeout(resolve, 0));
    const national = element.issues.map((found) => [found.code, found.severity, found.suggestion]);
    const invalid = element.validity.valid === false;
    element.shadowRoot.querySelector('[part~=suggestion]').click();
    await new Promise((resolve) => setTimeout(resolve, 0));
    const fixed = { value: element.value, issues: element.issues.map((found) => found.code) };
    element.setAttribute('default-country', 'XX');
    element.value = '020 7946 0958';
    await new Promise((resolve) => setTimeout(resolve, 0));
    const unknown = element.issues.map((found) => found.code);
    element.remove();
    return { national, invalid, fixed, unknown };
  });
  assert.deepEqual(result.national.find(([code]) => code === 'phone_national_number'), ['phone_national_number', 'error', '+442079460958']);
  assert.equal(result.invalid, true);
  assert.deepEqual(result.fixed, { value: '+442079460958', issues: [] });
  assert.ok(result.unknown.length > 0 && !result.unknown.includes('phone_national_number'), 'an unknown country checks as without one');
  assert.deepEqual(pageErrors, []);
});

test('the wasm module cannot load: no element waits forever, nothing escapes to the page, the form still submits', async () => {
  const origin = new URL(pageUrl).origin;
  const fresh = await browser.context.newPage();
  const errors = [];
  fresh.on('pageerror', (error) => errors.push(error));
  await fresh.route(`${origin}/bindings/js/dist/seamid-validation.wasm`, (route) => route.fulfill({ status: 404, body: 'not found' }));
  try {
    await fresh.goto(pageUrl);
    await fresh.waitForFunction(() => customElements.get('seamid-phone-input') !== undefined && !document.getElementById('early').matches(':state(pending)'), null, { timeout: 15_000 });
    const state = await fresh.evaluate(() => {
      const element = document.getElementById('early');
      return { issues: element.issues.length, valid: document.getElementById('early-form').checkValidity(), value: element.value };
    });
    assert.deepEqual(state, { issues: 0, valid: true, value: '+1 415 555 2671' });
    assert.deepEqual(errors, []);
  } finally {
    await fresh.close();
  }
});

test('bad values given to the identity form and the plan view: clear states, nothing thrown', async () => {
  const result = await page.evaluate(async () => {
    const out = {};
    const form = document.createElement('seamid-identity-form');
    const view = document.createElement('seamid-deletion-plan');
    document.body.append(form, view);
    try {
      form.mode = 42;
      form.workspace = 42;
      form.setValues({ email_address: 'jane@example.com', phone_number: null, unknown: 1 });
      form.setValues('nope');
      await new Promise((resolve) => setTimeout(resolve, 300)); // the workspace module loads and indexes 42
      out.form = { mode: form.mode, ok: form.ok, body: form.body };
      view.plan = 42;
      out.planFromNumber = view.plan;
      view.plan = '{"not": "a plan"';
      out.planFromText = view.plan;
      view.progress = {};
      out.progress = view.progress;
      view.onProgress(null);
      view.onProgress({ type: 'step_sent' });
      view.onProgress({ type: 'toString', step_id: 'x' });
      view.snapshot = 42;
      await new Promise((resolve) => view.addEventListener('seamid-plan', resolve, { once: true }));
      out.snapshotPlan = { ok: view.plan.ok, codes: view.plan.issues.map((found) => found.code).length > 0 };
    } catch (error) {
      out.threw = String(error);
    } finally {
      form.remove();
      view.remove();
    }
    return out;
  });
  assert.deepEqual(result, { form: { mode: 'create', ok: true, body: { email_address: 'jane@example.com' } },
    planFromNumber: null, planFromText: null, progress: null, snapshotPlan: { ok: false, codes: true } });
  assert.deepEqual(pageErrors, []);
});
