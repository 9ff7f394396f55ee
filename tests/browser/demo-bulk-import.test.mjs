// Headless Chromium test of the demo's bulk-import panel: the sample workspace and sample CSV give the expected table;
// an HR export mapped with columns 'auto' shows its mapping, the fixed values and the fixed CSV to download.
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

test('the sample HR export: mapping reviewed, fixed values shown, the fixed CSV offered for download', async () => {
  const { page } = demo;
  await page.waitForSelector('[data-testid=bulk-import][data-ready=true]');
  await page.click('[data-testid=bulk-load-workspace]');
  await page.waitForFunction(() => document.querySelector('[data-testid=bulk-workspace]').textContent.includes('4 identities'));
  await page.click('[data-testid=bulk-hr-sample]');
  await page.waitForFunction(() => document.querySelector('[data-testid=bulk-summary]').textContent.startsWith('hr-export.csv'));
  assert.equal(await page.inputValue('[data-testid=bulk-columns]'), 'auto');
  const mapping = await page.$$eval('[data-testid=bulk-mapping] tbody tr', (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
  assert.deepEqual(mapping, [
    ['Employee ID', 'user_identity_key'], ['Email', 'email_address'], ['Mobile', 'phone_number'], ['First Name + Last Name', 'full_name'],
  ]);
  const fixes = await page.$$eval('[data-testid=bulk-fixes] tbody tr', (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
  assert.deepEqual(fixes, [
    ['2', 'email_address', 'Alan Turing <alan@example.com>', 'alan@example.com'],
    ['2', 'phone_number', '+1 (415) 555-0302', '+14155550302'],
    ['2', 'full_name', ' Alan Turing', 'Alan Turing'],
    ['4', 'email_address', 'mailto:edsger@example.com', 'edsger@example.com'],
    ['4', 'phone_number', 'tel:+14155550304', '+14155550304'],
  ]);
  assert.match(await page.textContent('[data-testid=bulk-fix-summary]'), /^5 cells fixed in 2 rows\.$/);
  const codes = await page.$$eval('[data-testid=bulk-table] tbody tr', (trs) => trs.map((tr) => `${tr.dataset.row}:${tr.dataset.code}`));
  assert.ok(codes.includes('3:email_missing_tld') && codes.includes('5:duplicate_user_identity_key') && codes.includes('—:csv_unknown_column'), codes.join(' '));
  // The download link holds the fixed CSV (Seam's field names, suggestions applied) as a blob URL.
  assert.equal(await page.isVisible('[data-testid=bulk-download]'), true);
  const csv = await page.evaluate(async () => (await fetch(document.querySelector('[data-testid=bulk-download]').href)).text());
  assert.equal(csv.split('\r\n')[0], 'user_identity_key,email_address,phone_number,full_name');
  assert.equal(csv.split('\r\n')[2], 'E-1002,alan@example.com,+14155550302,Alan Turing');
  assert.equal(await page.getAttribute('[data-testid=bulk-download]', 'download'), 'fixed.csv');
  // The fixed file, validated again through the panel: only what no suggestion fixes is left.
  await page.evaluate((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'fixed.csv', { type: 'text/csv' }));
    document.querySelector('[data-testid=bulk-drop]').dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, csv);
  await page.waitForFunction(() => document.querySelector('[data-testid=bulk-summary]').textContent.startsWith('fixed.csv'));
  const left = await page.$$eval('[data-testid=bulk-table] tbody tr', (trs) => trs.map((tr) => `${tr.dataset.row}:${tr.dataset.code}`));
  assert.deepEqual(left, ['3:email_missing_tld', '5:duplicate_user_identity_key']);
  assert.equal(await page.isVisible('[data-testid=bulk-fixes]'), false);
  assert.deepEqual(demo.pageErrors, []);
});

test('the country select is passed to the batch only when chosen; a file not in UTF-8 is refused naming UTF-8', async () => {
  const { page } = demo;
  assert.equal(await page.inputValue('[data-testid=bulk-country]'), '');
  const options = await page.$$eval('[data-testid=bulk-country] option', (list) => list.map((o) => o.value));
  assert.ok(options.includes('US') && options.includes('GB') && options[0] === '');
  await page.selectOption('[data-testid=bulk-country]', 'US');
  await page.evaluate(() => {
    const bytes = new Uint8Array([0x50, 0x72, 0xe9, 0x6e, 0x6f, 0x6d, 0x2c, 0x45, 0x6d, 0x61, 0x69, 0x6c, 0x0a, 0x4a, 0x6f, 0x73, 0xe9, 0x2c, 0x61, 0x40, 0x62, 0x2e, 0x63, 0x6f, 0x0a]);
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], 'latin1.csv', { type: 'text/csv' }));
    document.querySelector('[data-testid=bulk-drop]').dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  });
  await page.waitForFunction(() => document.querySelector('[data-testid=bulk-summary]').textContent.startsWith('latin1.csv could not be read'));
  assert.deepEqual(JSON.parse(await page.getAttribute('[data-testid=bulk-import]', 'data-batch-options')), { values: true, columns: 'auto', defaultCountry: 'US', format: 'csv' });
  assert.match(await page.textContent('[data-testid=bulk-summary]'), /not valid UTF-8/);
  const codes = await page.$$eval('[data-testid=bulk-table] tbody tr', (trs) => trs.map((tr) => tr.dataset.code));
  assert.deepEqual(codes, ['csv_not_utf8']);
  assert.equal(await page.isVisible('[data-testid=bulk-download]'), false);
  await page.selectOption('[data-testid=bulk-country]', '');
  await page.click('[data-testid=bulk-sample]');
  await page.waitForFunction(() => document.querySelector('[data-testid=bulk-summary]').textContent.startsWith('bulk-import.csv'));
  assert.deepEqual(JSON.parse(await page.getAttribute('[data-testid=bulk-import]', 'data-batch-options')), { values: true, columns: 'auto', format: 'csv' });
  assert.deepEqual(demo.pageErrors, []);
});
