// `seamid validate <rows.csv|rows.json|-> [--workspace list.json|seam] [--strict] [--country XX] [--format text|json]`: checks a bulk
// import against a workspace snapshot (a file, or every page of /user_identities/list) and within itself. Exit 0: no errors; 1: errors; 2: unusable input.
import { createWorkspace } from '../workspace-node.js';
import { countryError, parseArguments } from './arguments.js';
import { readInput } from './input.js';
import { escapeForTerminal, jsonForTerminal } from './terminal.js';
import { fetchWorkspace } from '../seam/fetch.js';
import { fetchFailure, seamFromEnvironment } from './seam-env.js';

/** Load issues that mean the workspace file was not a /user_identities/list result at all. */
const unusableCodes = new Set(['invalid_json', 'invalid_workspace', 'invalid_input']);

const usage = `Usage: seamid validate <rows.csv|rows.json|-> [--workspace list.json|seam] [--strict] [--country US] [--format text|json]

Validates new user identities (a CSV file whose header row names Seam fields, or a JSON array of
/user_identities/create requests) against each other and, with --workspace, against the identities of
/user_identities/list (one page, an array of identities, or an array of pages).

  --workspace FILE   the workspace snapshot to check uniqueness against
  --workspace seam   read every page of /user_identities/list from Seam instead (SEAM_API_KEY, SEAM_ENDPOINT;
                     a file named seam is ./seam)
  --strict           plausibility findings and case-variant emails are errors
  --country US       read phone numbers without '+' in this country (ISO 3166-1 alpha-2): still errors, with
                     the E.164 number as suggestion
  --format json      print the full result as JSON (default: text)

Exit status: 0 no errors, 1 errors found, 2 unusable input.`;

/** Reads a UTF-8 file ('-': standard input); returns { text } or { error } (why not, escaped for a terminal). */
function readText(file, what) {
  return readInput(file, what);
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

/** Runs the command; returns the exit code. */
export async function run(args) {
  const parsed = parseArguments(args, { flags: ['strict', 'help'], options: { format: ['text', 'json'], workspace: null, country: null } });
  if (parsed.flags.help) {
    console.log(usage);
    return 0;
  }
  if (parsed.error || parsed.positional.length !== 1) {
    console.error(`seamid validate: ${parsed.error ?? 'give exactly one file of rows'}\n\n${usage}`);
    return 2;
  }
  const [rowsFile] = parsed.positional;
  const rows = readText(rowsFile, 'rows file');
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
    let result;
    try {
      result = await workspace.validateBatch(rows.text, {
        format, profile: parsed.flags.strict ? 'strict' : 'default', defaultCountry: parsed.options.country, onProgress: bar,
      });
    } catch (error) {
      if (!(error instanceof TypeError) || !/defaultCountry/.test(error.message)) throw error;
      console.error(countryError('validate', parsed.options.country));
      return 2;
    }
    bar.end();
    if (json) {
      console.log(jsonForTerminal({ ...result, workspace: { identities: workspace.size, issues: workspace.issues } }));
    } else {
      // Paths, messages and suggestions quote the input (header names, values): escaped for a terminal.
      const e = escapeForTerminal;
      const suggestion = (found) => (found.suggestion ? ` (suggestion: ${e(found.suggestion)})` : '');
      for (const found of workspace.issues)
        console.log(`workspace ${e(JSON.stringify(found.path))}: ${found.severity} ${found.code}: ${e(found.message)}`);
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
