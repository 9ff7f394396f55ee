// The columns option of validateBatch: CSV headers and row objects' keys mapped to Seam's fields ('auto' synonyms,
// First Name + Last Name, explicit mappings), the mapping reported, conflicts, bad options, files not in UTF-8.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWorkspace } from '../../bindings/js/src/workspace-node.js';

const workspace = createWorkspace({ user_identities: [{ user_identity_id: '0b1f9a6e-4c1d-4e8a-9f2b-1a2b3c4d5e01', user_identity_key: 'E9', email_address: 'taken@example.com' }] });
const codes = (issues) => issues.map((found) => found.code);

test("'auto' maps an HR export's headers, joins first + last name and reports the mapping", async () => {
  const csv = 'Employee ID,First Name,Last Name,E-mail,Cell,Department\nE1,Ada,Lovelace,ada@example.com,+14155552671,R&D\nE9,Bob,,taken@example.com,,Ops\n';
  const result = await workspace.validateBatch(csv, { columns: 'auto', values: true });
  assert.equal(result.usable, true);
  assert.deepEqual(result.mapping, {
    user_identity_key: ['Employee ID'], email_address: ['E-mail'], phone_number: ['Cell'], full_name: ['First Name', 'Last Name'],
  });
  assert.deepEqual(codes(result.issues), ['csv_unknown_column']);
  assert.deepEqual(result.values[0], { user_identity_key: 'E1', email_address: 'ada@example.com', phone_number: '+14155552671', full_name: 'Ada Lovelace' });
  assert.deepEqual(result.values[1], { user_identity_key: 'E9', email_address: 'taken@example.com', full_name: 'Bob' });
  // The mapped values are checked against the workspace: row 2's key and email are taken.
  assert.deepEqual(codes(result.rows[0].issues), ['duplicate_user_identity_key', 'duplicate_email_address']);
  assert.equal(result.rows[0].row, 2);
});

test('each synonym of the issue maps to its field', async () => {
  const cases = {
    Email: 'email_address', 'E-mail': 'email_address', 'Email Address': 'email_address', Mobile: 'phone_number', Phone: 'phone_number',
    Cell: 'phone_number', Name: 'full_name', 'Full Name': 'full_name', ID: 'user_identity_key', 'Employee ID': 'user_identity_key',
    Username: 'user_identity_key', 'External ID': 'user_identity_key',
  };
  for (const [header, field] of Object.entries(cases)) {
    const result = await workspace.validateBatch(`${header}\nx\n`, { columns: 'auto' });
    assert.deepEqual(result.mapping, { [field]: [header] }, header);
    assert.deepEqual(result.issues, [], header);
  }
});

test('an explicit mapping, for CSV and for row objects alike', async () => {
  const columns = { email_address: 'Work Email', full_name: ['Given', 'Family'] };
  const csv = await workspace.validateBatch('Given,Family,Work Email\nAda,Lovelace,ada@example.com\n', { columns, values: true });
  assert.deepEqual(csv.values, [{ email_address: 'ada@example.com', full_name: 'Ada Lovelace' }]);
  const rows = await workspace.validateBatch([{ Given: 'Ada', Family: 'Lovelace', 'Work Email': ' ada@example.com', Notes: 'x' }], { columns, values: true });
  assert.deepEqual(rows.mapping, { email_address: ['Work Email'], full_name: ['Given', 'Family'] });
  assert.deepEqual(rows.columns, ['Given', 'Family', 'Work Email', 'Notes']);
  assert.deepEqual(codes(rows.issues), ['csv_unknown_column']);  // Notes
  assert.deepEqual(rows.values, [{ email_address: ' ada@example.com', full_name: 'Ada Lovelace' }]);
  assert.equal(rows.rows[0].issues[0].suggestion, 'ada@example.com');
  // Row objects with 'auto'.
  const auto = await workspace.validateBatch([{ Email: 'a@example.com', Mobile: '(415) 555-2671' }], { columns: 'auto' });
  assert.deepEqual(auto.mapping, { email_address: ['Email'], phone_number: ['Mobile'] });
  assert.equal(auto.rows[0].issues[0].path[1], 'phone_number');
});

test('two columns mapping to one field are an error; a missing explicit column too', async () => {
  const conflict = await workspace.validateBatch('Email,Email Address\na@example.com,b@example.com\n', { columns: 'auto' });
  assert.deepEqual(codes(conflict.issues), ['csv_column_conflict']);
  assert.equal(conflict.issues[0].severity, 'error');
  assert.equal(conflict.ok, false);
  assert.deepEqual(conflict.mapping, { email_address: ['Email'] });
  const missing = await workspace.validateBatch('Email\na@example.com\n', { columns: { email_address: 'Work Email' } });
  assert.deepEqual(codes(missing.issues), ['csv_missing_column', 'csv_unknown_column', 'csv_no_known_columns']);
  assert.equal(missing.usable, false);
  const unknownField = await workspace.validateBatch('Email\nx\n', { columns: { email: 'Email' } });
  assert.deepEqual(codes(unknownField.issues), ['invalid_column_mapping']);
  assert.equal(unknownField.usable, false);
});

test('without the option: as before, but unknown columns suggest their likely field', async () => {
  const result = await workspace.validateBatch('First Name,Email\nAda,a@example.com\n');
  assert.equal(result.usable, false);
  assert.deepEqual(result.issues.map((found) => found.suggestion), ['full_name', 'email_address', undefined]);
  assert.equal(result.mapping && Object.keys(result.mapping).length, 0);
  const rows = await workspace.validateBatch([{ Email: 'a@example.com' }]);
  assert.deepEqual(codes(rows.rows[0].issues), ['unknown_field', 'no_identifier']);
  assert.equal(rows.mapping, undefined);
});

test('a bad columns option is a TypeError', async () => {
  for (const columns of ['manual', 5, ['Email'], { email_address: 5 }, { full_name: [] }])
    await assert.rejects(workspace.validateBatch('a\n', { columns }), TypeError, JSON.stringify(columns));
  await assert.rejects(workspace.validateBatch('a\n', { values: 'yes' }), TypeError);
});

test('blank and duplicated headers, and files that are not UTF-8', async () => {
  const blank = await workspace.validateBatch('Email,, \na@example.com,x,y\n', { columns: 'auto' });
  assert.deepEqual(codes(blank.issues), ['csv_blank_column', 'csv_blank_column']);
  const duplicate = await workspace.validateBatch('email_address,email_address\na@example.com,b@example.com\n');
  assert.deepEqual(codes(duplicate.issues), ['csv_duplicate_column']);
  // Bytes as read from a file reach the core unchanged, so a file that is not UTF-8 is refused, naming UTF-8.
  const utf16 = Buffer.from('\ufeffemail_address\na@example.com\n', 'utf16le');
  for (const bytes of [utf16, Buffer.from('T\xe9l\xe9phone,Email\nx,a@example.com\n', 'latin1')]) {
    const refused = await workspace.validateBatch(new Uint8Array(bytes), { columns: 'auto' });
    assert.equal(refused.usable, false);
    assert.deepEqual(codes(refused.issues), ['csv_not_utf8']);
    assert.match(refused.issues[0].message, /UTF-8/);
  }
  const fine = await workspace.validateBatch(new TextEncoder().encode('T\u00e9l\u00e9phone,Email\nx,a@example.com\n'), { columns: 'auto', values: true });
  assert.deepEqual(fine.values, [{ email_address: 'a@example.com' }]);
  const json = await workspace.validateBatch(new TextEncoder().encode('[{"user_identity_key":"k1"}]'), { format: 'json' });
  assert.equal(json.ok, true);
});
