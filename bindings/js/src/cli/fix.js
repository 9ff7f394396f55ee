// `seamid validate --fix`: a fixed copy of a bulk import. The core decides every fix (the `suggestion` of an issue:
// E.164 phones, trimmed keys and names, unwrapped emails); this file only applies them to the rows' mapped values and
// writes RFC 4180 CSV with Seam's field names.

/** Seam's create fields in the order a fixed file lists them. */
export const createFields = ['user_identity_key', 'email_address', 'phone_number', 'full_name', 'acs_system_ids'];

/**
 * Applies the suggestions of `result.rows` (from validateBatch with `values: true`) to `result.values`. Returns
 * { rows: fixed values (null: unreadable row), changes: [{row, field, from, to}] } where `row` is 1-based and `field`
 * names the field (acs_system_ids.N for one id of the list). The input is not modified.
 */
export function applySuggestions(result) {
  const rows = result.values.map((values) => (values === null ? null : { ...values, ...(values.acs_system_ids ? { acs_system_ids: [...values.acs_system_ids] } : {}) }));
  const changes = [];
  for (const report of result.rows) {
    for (const found of report.issues) {
      if (found.suggestion === undefined || found.path.length < 2) continue;
      const [index, field, item] = found.path;
      const values = rows[index];
      if (!values || !createFields.includes(field)) continue;
      if (field === 'acs_system_ids') {
        if (typeof item !== 'number' || !Array.isArray(values.acs_system_ids) || values.acs_system_ids[item] === found.suggestion) continue;
        changes.push({ row: index + 1, field: `acs_system_ids.${item}`, from: values.acs_system_ids[item], to: found.suggestion });
        values.acs_system_ids[item] = found.suggestion;
        continue;
      }
      if (item !== undefined || values[field] === found.suggestion) continue;
      changes.push({ row: index + 1, field, from: values[field], to: found.suggestion });
      values[field] = found.suggestion;
    }
  }
  return { rows, changes };
}

/** One CSV field: quoted when it holds a comma, a quote, a line break, or leading/trailing whitespace. */
function csvField(value) {
  if (value === undefined || value === null) return '';
  const text = Array.isArray(value) ? value.join(';') : String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** CSV text (CRLF line ends) of the rows under the given fields; unreadable rows (null) are left out. */
export function toCsv(rows, fields) {
  const lines = [fields.join(',')];
  for (const values of rows) if (values !== null) lines.push(fields.map((field) => csvField(values[field])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** The fields a fixed file has a column for: the mapped ones, in Seam's order. */
export function fixedFields(result) {
  const mapped = result.mapping ? Object.keys(result.mapping) : [];
  const present = new Set(mapped);
  for (const values of result.values ?? []) if (values) for (const key of Object.keys(values)) present.add(key);
  return createFields.filter((field) => present.has(field));
}

/** "Employee ID -> user_identity_key, First Name + Last Name -> full_name" for the CLI. */
export function describeMapping(mapping) {
  return createFields.filter((field) => mapping?.[field]).map((field) => `${mapping[field].join(' + ')} -> ${field}`).join(', ');
}
