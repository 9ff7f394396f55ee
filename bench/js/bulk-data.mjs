// Deterministic data of the bulk benchmark: a workspace of N identities (as /user_identities/list returns them)
// and a CSV batch of M new identities with a realistic share of problems. Shared by the native run
// (written to files), the WASM run and the JS baseline, so all three check exactly the same rows.
import { random } from './measure.mjs';

const hex = (n, width) => n.toString(16).padStart(width, '0');

/** A deterministic UUID for identity i of kind `salt`. */
export function uuidFor(i, salt = 0) {
  const a = (i * 2654435761 + salt * 97) >>> 0;
  return `${hex(a, 8)}-${hex(i >>> 16 & 0xffff, 4)}-4${hex(i & 0xfff, 3)}-8${hex(salt & 0xfff, 3)}-${hex(i, 12)}`;
}

/** The workspace identities: unique keys, emails and phones (+1 NANP numbers), Seam's object shape. */
export function workspaceIdentities(count) {
  const identities = new Array(count);
  for (let i = 0; i < count; i++) {
    identities[i] = {
      user_identity_id: uuidFor(i, 1),
      user_identity_key: `employee-${i}`,
      email_address: `employee${i}@example.com`,
      phone_number: `+1${2012000000 + i}`,
      display_name: `Employee ${i}`,
      full_name: `Employee ${i}`,
      created_at: '2024-05-01T12:00:00.000Z',
      workspace_id: '5e1b0f4c-3c1a-4a8e-9b6f-0d2a7c9e4b11',
    };
  }
  return identities;
}

/**
 * The batch rows (create requests) against a workspace of `workspaceSize`: about 1% reuse a workspace key,
 * 0.5% a workspace email in other letter case, 0.5% repeat an earlier row's phone, 0.5% a formatted phone,
 * 0.2% an invalid email; the rest are clean.
 */
export function batchRows(count, workspaceSize) {
  const next = random(0xb0b);
  const rows = new Array(count);
  for (let i = 0; i < count; i++) {
    const row = {
      user_identity_key: `new-hire-${i}`,
      email_address: `new.hire${i}@example.org`,
      phone_number: `+1${3022000000 + i}`,
      full_name: `New Hire ${i}`,
    };
    const roll = next(1000);
    if (roll < 10) row.user_identity_key = `employee-${next(workspaceSize)}`;
    else if (roll < 15) row.email_address = `Employee${next(workspaceSize)}@Example.com`;
    else if (roll < 20 && i > 0) row.phone_number = `+1${3022000000 + next(i)}`;
    else if (roll < 25) row.phone_number = `+1 (302) ${200 + (i % 800)}-${String(i % 10000).padStart(4, '0')}`;
    else if (roll < 27) row.email_address = `new.hire${i}@@example.org`;
    rows[i] = row;
  }
  return rows;
}

const csvCell = (value) => (value === undefined || value === null ? '' : /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** The rows as CSV text with a header row and CRLF line ends. */
export function rowsToCsv(rows) {
  const columns = ['user_identity_key', 'email_address', 'phone_number', 'full_name'];
  const lines = [columns.join(',')];
  for (const row of rows) lines.push(columns.map((column) => csvCell(row[column])).join(','));
  return lines.join('\r\n') + '\r\n';
}
