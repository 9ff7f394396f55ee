// axe-core (the axe-core package, injected into the page) on the element test page and on the web demo: no
// serious or critical accessibility violation, with the elements showing errors, warnings and suggestions.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser } from './launch.mjs';
import { routeElementsPage, seriousViolations } from './elements-page.mjs';

let browser;
before(async () => { browser = await openBrowser(); });
after(async () => { await browser?.close(); });

test('the element test page, with errors, warnings and suggestions shown: no serious or critical violation', async () => {
  const url = await routeElementsPage(browser.context, new URL(browser.url).origin);
  const page = await browser.context.newPage();
  try {
    await page.goto(url);
    await page.waitForFunction(() => customElements.get('seamid-phone-input') !== undefined && !document.getElementById('early').matches(':state(pending)'));
    await page.fill('form#plain seamid-phone-input input', '+1 (415) 555-2671');
    await page.fill('form#plain seamid-text-input[field=user_identity_key] input', ' user-42');
    await page.evaluate(() => document.getElementById('plain').requestSubmit());
    await page.evaluate(async () => {
      const { loadDeletion } = await import('/bindings/js/src/loader.js');
      const api = await loadDeletion();
      document.getElementById('plan').plan = api.planDeletion(await (await fetch('/web-demo/samples/deletion-snapshot.json')).json());
    });
    assert.equal(await page.locator('form#plain [part=suggestion]').count() > 0, true);
    assert.deepEqual(await seriousViolations(page), []);
  } finally {
    await page.close();
  }
});

test('the web demo, with the identity form showing issues and a deletion plan drawn: no serious or critical violation', async () => {
  const page = await browser.context.newPage();
  try {
    await page.goto(browser.url);
    await page.waitForSelector('[data-testid=status][data-ready=true]', { timeout: 30_000 });
    await page.fill('seamid-identity-form seamid-email-input input', 'Jane <jane@example.com>');
    await page.click('[data-testid=deletion-load-sample]');
    await page.waitForSelector('seamid-deletion-plan [part~=wave]');
    assert.deepEqual(await seriousViolations(page), []);
  } finally {
    await page.close();
  }
});
