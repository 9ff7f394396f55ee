// `seamid validate <rows.csv|rows.json|-> [--workspace list.json|seam] [--columns auto|JSON] [--country XX]
// [--fix fixed.csv] [--strict] [--format text|json]`: checks a bulk import against a workspace snapshot (a file, or
// every page of /user_identities/list) and within itself; --fix writes a copy with every suggestion applied. Exit 0:
// no errors; 1: errors; 2: unusable input.
import { realpathSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { applySuggestions, describeMapping, fixedFields, toCsv } from './fix.js';
import { createWorkspace } from '../workspace-node.js';
import { countryError, parseArguments } from './arguments.js';
import { readInput, readUnchecked } from './input.js';
import { escapeForTerminal, jsonForTerminal } from './terminal.js';
import { fetchWorkspace } from '../seam/fetch.js';
import { fetchFailure, seamFromEnvironment } from './seam-env.js';

/** Load issues that mean the workspace file was not a /user_identities/list result at all. */
const unusableCodes = new Set(['invalid_json', 'invalid_workspace', 'invalid_input']);

const usage = `Usage: seamid validate <rows.csv|rows.json|-> [--workspace list.json|seam] [--columns auto|JSON] [--country CC]
                       [--fix fixed.csv] [--strict] [--format text|json]


Validates new user identities (a CSV file whose header row names Seam fields, or a JSON array of
/user_identities/create requests) against each other and, with --workspace, against the identities of
/user_identities/list (one page, an array of identities, or an array of pages).

  --workspace FILE   the workspace snapshot to check uniqueness against
  --workspace seam   read every page of /user_identities/list from Seam instead (SEAM_API_KEY, SEAM_ENDPOINT;
                     a file named seam is ./seam)
  --columns auto     map an export's own headers (Email, Mobile, First Name + Last Name, Employee ID, ...)
  --columns JSON     an explicit mapping, e.g. '{"email_address":"Work Email","full_name":["Given","Family"]}'
  --country CC       the country of national-format phone numbers (ISO 3166 alpha-2, e.g. US)
  --fix FILE         write a new CSV with Seam's field names and every suggestion applied (the original is never
                     touched); reports the cells changed and the rows that still have errors
  --strict           plausibility findings and case-variant emails are errors
  --country US       read phone numbers without '+' in this country (ISO 3166-1 alpha-2): still errors, with
                     the E.164 number as suggestion
  --format json      print the full result as JSON (default: text)

Exit status: 0 no errors, 1 errors found (with --fix: left in the fixed file), 2 unusable input.`;

/**
 * Reads a file ('-': standard input) as { text } of checked UTF-8, or, with `raw`, as { text, bytes } unchecked (CSV
 * rows go to the core as bytes, which names a file that is not UTF-8); or { error } (why not, escaped for a terminal).
 */
function readText(file, what, { raw = false } = {}) {
  return raw ? readUnchecked(file, what) : readInput(file, what);
}

/** A progress bar on stderr, drawn only on a terminal and only for batches large enough to wait for. */
export function progressBar(stream) {
  let last = null;
  const draw = ({ done, total, read }) => {
    if (!stream.isTTY || total < 20000) return;
    const stage = read < total ? 'reading ' : 'checking';  // a first pass reads every row's key, email and phone
    const count = read < total ? read : done;
    const percent = total > 0 ? Math.floor((count / total) * 100) : 100;
    if (`${stage}${percent}` === last) return;
    last = `${stage}${percent}`;
    const width = 30;
    const filled = Math.round((percent / 100) * width);
    stream.write(`\r${stage} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent}% ${count}/${total} rows`);
  };
  draw.end = () => { if (last !== null) stream.write('\n'); };
  return draw;
}

const where = (row) => `row ${row.row}${row.line ? ` (line ${row.line})` : ''}`;
const pathText = (path) => path.filter((element) => typeof element === 'string').join('.');

/** The --columns value as the columns option: 'auto' or a JSON object; { error } otherwise. */
export function columnsArgument(value) {
  if (value === undefined || value === 'auto') return { columns: value };
  try {
    const columns = JSON.parse(value);
    if (columns !== null && typeof columns === 'object' && !Array.isArray(columns)) return { columns };
  } catch {
    // Reported below.
  }
  return { error: '--columns must be auto or a JSON object such as {"email_address":"Work Email"}' };
}

/** True when two paths name the same file (the original must never be overwritten by --fix). */
function sameFile(a, b) {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return resolve(a) === resolve(b);
  }
}

/** Runs the command; returns the exit code. */
export async function run(args) {
  const parsed = parseArguments(args, {
    flags: ['strict', 'help'], options: { format: ['text', 'json'], workspace: null, columns: null, fix: null, country: null },
  });
  if (parsed.flags.help) {
    console.log(usage);
    return 0;
  }
  if (parsed.error || parsed.positional.length !== 1) {
    console.error(`seamid validate: ${parsed.error ?? 'give exactly one file of rows'}\n\n${usage}`);
    return 2;
  }
  const [rowsFile] = parsed.positional;
  const { columns, error: columnsError } = columnsArgument(parsed.options.columns);
  if (columnsError) {
    console.error(`seamid validate: ${columnsError}`);
    return 2;
  }
  const fixFile = parsed.options.fix;
  if (fixFile !== undefined && sameFile(fixFile, rowsFile)) {
    console.error('seamid validate: --fix must name a new file; the original is never overwritten');
    return 2;
  }
  const rows = readText(rowsFile, 'rows file', { raw: !/\.json$/i.test(rowsFile) });
  if (rows.error) {
    console.error(`seamid validate: ${rows.error}`);
    return 2;
  }
  let snapshot = '[]';
  if (parsed.options.workspace === 'seam') {
    const connection = seamFromEnvironment('validate');
    if (!connection) return 2;
    try {
      snapshot = await fetchWorkspace(connection.seam);
    } catch (error) {
      console.error(fetchFailure('validate', connection.endpoint, error));
      return 2;
    }
  } else if (parsed.options.workspace !== undefined) {
    const read = readText(parsed.options.workspace, 'workspace file');
    if (read.error) {
      console.error(`seamid validate: ${read.error}`);
      return 2;
    }
    snapshot = read.text;
  }
  const json = parsed.options.format === 'json';
  const workspace = createWorkspace(snapshot);
  try {
    // A snapshot that is not a list at all leaves an empty index with one of these reasons: nothing to check against.
    const reason = workspace.issues.find((found) => unusableCodes.has(found.code));
    if (reason) {
      if (json) console.log(jsonForTerminal({ ok: false, usable: false, workspace: { issues: workspace.issues } }));
      console.error(`seamid validate: the workspace file ${escapeForTerminal(parsed.options.workspace)} is unusable: ${escapeForTerminal(reason.message)}`);
      return 2;
    }
    const format = /\.json$/i.test(rowsFile) ? 'json' : /\.csv$/i.test(rowsFile) ? 'csv' : undefined;
    const bar = progressBar(process.stderr);
    const options = { format, profile: parsed.flags.strict ? 'strict' : 'default', onProgress: bar, columns, values: fixFile !== undefined };
    if (parsed.options.country !== undefined) options.defaultCountry = parsed.options.country;
    let result;
    try {
      // CSV goes as the file's bytes, so the core can tell a file that is not UTF-8 (UTF-16, Latin-1).
      const csv = rows.bytes !== undefined && (format === 'csv' || (format === undefined && !/^\s*\[/.test(rows.text.slice(0, 1024))));
      result = await workspace.validateBatch(csv ? rows.bytes : rows.text, options);
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
      console.error(/defaultCountry/.test(error.message) ? countryError('validate', parsed.options.country)
        : `seamid validate: ${escapeForTerminal(error.message.replace(/^seamid: /, ''))}`);
      return 2;
    }
    bar.end();
    if (fixFile !== undefined && result.usable) return await writeFixed(result, options, workspace, fixFile, json);
    if (json) {
      console.log(jsonForTerminal({ ...result, workspace: { identities: workspace.size, issues: workspace.issues } }));
    } else {
      // Paths, messages and suggestions quote the input (header names, values): escaped for a terminal.
      const e = escapeForTerminal;
      const suggestion = (found) => (found.suggestion ? ` (suggestion: ${e(found.suggestion)})` : '');
      for (const found of workspace.issues)
        console.log(`workspace ${e(JSON.stringify(found.path))}: ${found.severity} ${found.code}: ${e(found.message)}`);
      if (result.mapping && columns !== undefined) console.log(`columns: ${e(describeMapping(result.mapping))}`);
      for (const found of result.issues)
        console.log(`input${found.path.length ? ` ${e(pathText(found.path) || JSON.stringify(found.path))}` : ''}: ${found.severity} ${found.code}: ${e(found.message)}${suggestion(found)}`);
      for (const row of result.rows)
        for (const found of row.issues) {
          const field = pathText(found.path.slice(1));
          console.log(`${where(row)}${field ? ` ${e(field)}` : ''}: ${found.severity} ${found.code}: ${e(found.message)}${suggestion(found)}`);
        }
      const { summary } = result;
      const clean = summary.rows - summary.rows_with_errors - summary.rows_with_warnings;
      console.log(`${summary.rows} rows checked against ${workspace.size} identities: ${clean} ok, ${summary.rows_with_errors} with errors, ` +
        `${summary.rows_with_warnings} with warnings only (${summary.errors} errors, ${summary.warnings} warnings).`);
    }
    if (!result.usable) {
      if (!json) console.error(`seamid validate: ${rowsFile === '-' ? 'standard input' : escapeForTerminal(rowsFile)} is unusable: ${escapeForTerminal(result.issues.find((i) => i.severity === 'error')?.message ?? 'no rows')}`);
      return 2;
    }
    return result.ok ? 0 : 1;
  } finally {
    workspace.dispose();
  }
}

/** --fix: applies the core's suggestions, writes the fixed CSV, validates it again and reports; returns the exit code. */
async function writeFixed(result, options, workspace, fixFile, json) {
  const { rows, changes } = applySuggestions(result);
  const fields = fixedFields(result);
  const text = toCsv(rows, fields);
  try {
    writeFileSync(fixFile, text, { flag: 'w' });
  } catch (error) {
    console.error(`seamid validate: cannot write ${fixFile}: ${error.message}`);
    return 2;
  }
  // The fixed file is read back and validated as Seam's field names: what still has errors is what it reports.
  const recheck = await workspace.validateBatch(text, { format: 'csv', profile: options.profile, ...(options.defaultCountry ? { defaultCountry: options.defaultCountry } : {}) });
  const skipped = [];
  rows.forEach((values, index) => { if (values === null) skipped.push(index + 1); });
  // Row n of the fixed file is the n-th readable row of the original.
  const original = rows.flatMap((values, index) => (values === null ? [] : [index + 1]));
  const remaining = recheck.rows.filter((row) => row.issues.some((found) => found.severity === 'error'))
    .map((row) => ({ row: original[row.row - 1], fixed_row: row.row, issues: row.issues.filter((found) => found.severity === 'error') }));
  if (json) {
    console.log(JSON.stringify({ ok: recheck.ok && skipped.length === 0, file: fixFile, mapping: result.mapping, fields, changes, skipped_rows: skipped,
      rows_with_errors: remaining, summary: recheck.summary }, null, 2));
  } else {
    if (result.mapping) console.log(`columns: ${describeMapping(result.mapping)}`);
    const shown = 20;
    for (const change of changes.slice(0, shown)) console.log(`row ${change.row} ${change.field}: ${JSON.stringify(change.from)} -> ${JSON.stringify(change.to)}`);
    if (changes.length > shown) console.log(`... and ${changes.length - shown} more changed cells`);
    for (const row of skipped.slice(0, shown)) console.log(`row ${row}: could not be read (see seamid validate without --fix); not written`);
    for (const row of remaining.slice(0, shown))
      for (const found of row.issues) console.log(`row ${row.row}${field(found)}: still ${found.code}: ${found.message}`);
    if (remaining.length > shown) console.log(`... and ${remaining.length - shown} more rows with errors`);
    const changedRows = new Set(changes.map((change) => change.row)).size;
    console.log(`wrote ${fixFile}: ${rows.length - skipped.length} rows, ${changes.length} cells changed in ${changedRows} rows; ` +
      `${remaining.length + skipped.length} rows still have errors${skipped.length ? ` (${skipped.length} unreadable, not written)` : ''}.`);
  }
  return recheck.ok && skipped.length === 0 ? 0 : 1;
}

const field = (found) => {
  const name = pathText(found.path.slice(1));
  return name ? ` ${name}` : '';
};
