// Headless Chromium test of the demo's bulk-import panel: the sample workspace and sample CSV give the expected table.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openDemo } from './launch.mjs';

let demo;
before(async () => { demo = await openDemo(); });
after(async () => { await demo?.close(); });

test('the sample CSV against the sample workspace shows a progress bar, a summary and a table of rows with issues', async () => {
  const { page } = demo;
  await page.waitForSelector('[data-testid=bulk-import][data-ready=true]');
  await page.click('[data-testid=bulk-load-workspace]');
  await page.waitForFunction(() => document.querySelector('[data-testid=bulk-workspace]').textContent.includes('4 identities'));
  await page.click('[data-testid=bulk-sample]');
  await page.waitForSelector('[data-testid=bulk-import][data-state=done]');
  assert.equal(await page.isVisible('[data-testid=bulk-progress]'), true);
  assert.equal(await page.evaluate(() => document.querySelector('[data-testid=bulk-progress]').value), 8);
  assert.match(await page.textContent('[data-testid=bulk-progress-text]'), /^checking 8 \/ 8 rows in \d+ ms$/);
  assert.match(await page.textContent('[data-testid=bulk-summary]'), /8 rows against the sample workspace — 2 ok, 5 with errors, 1 with warnings only\./);
  const rows = await page.$$eval('[data-testid=bulk-table] tbody tr', (trs) => trs.map((tr) => [tr.dataset.row, tr.dataset.code, tr.className]));
  assert.deepEqual(rows, [
    ['2', 'duplicate_user_identity_key', 'error'],
    ['3', 'email_address_case_variant', 'warning'],
    ['4', 'phone_formatted', 'error'],
    ['5', 'duplicate_phone_number', 'error'],
    ['6', 'email_missing_tld', 'error'],
    ['7', 'duplicate_user_identity_key', 'error'],
  ]);
  const second = await page.$$eval('[data-testid=bulk-table] tbody tr:first-child td', (tds) => tds.map((td) => td.textContent));
  assert.equal(second[1], '3'); // file line
  assert.equal(second[2], 'user_identity_key');
  assert.match(second[4], /0b1f9a6e-4c1d-4e8a-9f2b-1a2b3c4d5e02/);
  assert.match(await page.textContent('[data-testid=bulk-table] tr[data-row="4"]'), /Suggestion: \+14155550204/);
  assert.deepEqual(demo.pageErrors, []);
});

test('a dropped file that is not CSV of Seam fields is reported, not crashed on', async () => {
  const { page } = demo;
  await page.evaluate(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(['name,mail\nx,y\n'], 'people.csv', { type: 'text/csv' }));
    document.querySelector('[data-testid=bulk-drop]').dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  });
  await page.waitForFunction(() => document.querySelector('[data-testid=bulk-summary]').textContent.startsWith('people.csv could not be read'));
  const codes = await page.$$eval('[data-testid=bulk-table] tbody tr', (trs) => trs.map((tr) => tr.dataset.code));
  assert.deepEqual(codes, ['csv_unknown_column', 'csv_unknown_column', 'csv_no_known_columns']);
  assert.deepEqual(demo.pageErrors, []);
});
