// `seamid import <rows.csv|rows.json>`: validates a bulk import against the workspace fetched from Seam, shows what
// it will create, asks for confirmation on a terminal, then creates the rows (seamid/seam importUserIdentities) with
// a live progress display and writes a report CSV with the new ids. Exit codes as `seamid delete`: 0 done (or
// nothing to do), 1 rows invalid or failed (running it again creates only what is missing), 2 usage, missing or
// refused API key, unusable file, or no confirmation.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { importUserIdentities, isAbortError } from '../seam/index.js';
import { parseArguments } from './arguments.js';
import { approved, runWithDisplay } from './confirm.js';
import { DEFAULT_ENDPOINT, seamFromEnvironment } from './seam-env.js';
import { columnsArgument } from './validate.js';
import { describeMapping } from './fix.js';

const usage = `Usage: seamid import <rows.csv|rows.json> [--columns auto|JSON] [--country CC] [--dry-run] [--yes]
                     [--concurrency N] [--report out.csv] [--strict] [--format text|json]

Creates user identities from a CSV file (or a JSON array of /user_identities/create requests) through Seam's
API. Every row is first validated against the workspace as Seam lists it now and against the other rows; only
valid rows are created. Running it again after an interruption creates only what is missing: a row whose
user_identity_key already exists with the same values counts as existing. Reads SEAM_API_KEY, and
SEAM_ENDPOINT for another server than ${DEFAULT_ENDPOINT}.

  --columns auto     map an export's own headers (Email, Mobile, First Name + Last Name, Employee ID, ...)
  --columns JSON     an explicit mapping, e.g. '{"email_address":"Work Email"}'
  --country CC       the country of national-format phone numbers (ISO 3166 alpha-2, e.g. US)
  --dry-run          validate and show what would be created; create nothing
  --yes              do not ask for confirmation (required when standard input is not a terminal)
  --concurrency N    creates in flight at once (default 4); the pace also adapts to Seam's rate limit
  --report FILE      write a CSV: row, outcome, user_identity_id, user_identity_key, error
  --strict           plausibility findings and case-variant emails are errors
  --format json      print the report as JSON (default: text)

Exit status: 0 every row created or already there, 1 rows invalid or failed (fix them and run it again),
2 usage error, missing or refused API key, unusable file, or the import not confirmed.`;

/** A library message without its "seamid: " prefix. */
const bare = (message) => String(message ?? '').replace(/^seamid: /, '');

/** The live display: one redrawn status line on a TTY, plain lines otherwise (as `seamid delete`). */
function progressDisplay({ tty, lines, stream }) {
  let total = 0;
  let created = 0;
  let existing = 0;
  let failed = 0;
  let sent = 0;
  let retries = 0;
  let throttled = 0;
  let rate = null;
  let timer = null;
  const startedAt = Date.now();
  const status = () => `${((Date.now() - startedAt) / 1000).toFixed(1)}s  ${created + existing}/${total} done (${created} created, ${existing} existing), ` +
    `${Math.max(0, sent - created - existing - failed)} in flight${failed ? `, ${failed} failed` : ''}, ${retries} retries` +
    `${throttled ? `, throttled ${throttled}x (pace ${rate?.toFixed(1)}/s)` : ''}`;
  const say = (text) => {
    if (tty) stream.write(`\r\x1b[2K${text}\n`);
    else if (lines) stream.write(`${text}\n`);
  };
  const handle = (e) => {
    switch (e.type) {
      case 'validated': total = e.to_create; break;
      case 'row_sent': if (e.attempt === 1) sent++; break;
      case 'row_created': created++; if (!tty && lines) say(`created row ${e.row}: ${e.user_identity_id}${e.confirmed_by === 'get' ? ' (answer lost; found by its key)' : ''}`); break;
      case 'row_existing': existing++; if (!tty && lines) say(`row ${e.row} already exists: ${e.user_identity_id}`); break;
      case 'row_failed': failed++; say(`failed row ${e.row}: ${e.error?.type ?? 'error'}: ${bare(e.error?.message)}`); break;
      case 'row_retried': retries++; break;
      case 'throttled': throttled++; rate = e.rate; say(`throttled by Seam: pausing ${e.retryAfterMs} ms, pace ${e.rate.toFixed(1)} requests/s`); break;
      default: break;
    }
  };
  return {
    handle,
    start() { if (tty) timer = setInterval(() => stream.write(`\r\x1b[2K${status()}`), 100); },
    stop() {
      clearInterval(timer);
      if (tty) stream.write(`\r\x1b[2K${status()}\n`);
    },
  };
}

/** One CSV field (RFC 4180 quoting). */
const csvField = (value) => {
  const text = value === undefined || value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** The report CSV: one line per row of the file, in row order. */
export function reportCsv(report) {
  const lines = [];
  const add = (row, outcome, id, key, error) => lines.push({ row, line: [row, outcome, id, key, error].map(csvField).join(',') });
  for (const r of report.created) add(r.row, 'created', r.user_identity_id, r.user_identity_key, '');
  for (const r of report.existing) add(r.row, 'existing', r.user_identity_id, r.user_identity_key, '');
  for (const r of report.invalid) add(r.row, 'invalid', '', '', r.issues.filter((i) => i.severity === 'error').map((i) => i.code).join(' '));
  for (const r of report.failed) add(r.row, 'failed', r.user_identity_id ?? '', r.user_identity_key ?? '', `${r.error?.type ?? 'error'}: ${bare(r.error?.message)}`);
  for (const r of report.pending) add(r.row, report.dry_run ? 'would_create' : 'not_run', '', r.user_identity_key ?? '', '');
  lines.sort((a, b) => a.row - b.row);
  return `row,outcome,user_identity_id,user_identity_key,error\r\n${lines.map((l) => `${l.line}\r\n`).join('')}`;
}

/** The resume command: the same file and options, confirmed. */
function resumeCommand(file, o) {
  const parts = ['seamid', 'import', file, '--yes'];
  for (const name of ['columns', 'country', 'concurrency', 'report']) if (o[name] !== undefined) parts.push(`--${name}`, name === 'columns' && o[name] !== 'auto' ? `'${o[name]}'` : o[name]);
  return parts.join(' ');
}

/** Runs the command; returns the exit code. */
export async function run(args) {
  const parsed = parseArguments(args, {
    flags: ['help', 'dry-run', 'yes', 'strict'],
    options: { columns: null, country: null, concurrency: null, report: null, format: ['text', 'json'] },
  });
  if (parsed.flags.help) {
    console.log(usage);
    return 0;
  }
  const o = parsed.options;
  const { columns, error: columnsError } = columnsArgument(o.columns);
  const concurrency = o.concurrency === undefined ? undefined : Number(o.concurrency);
  const error = parsed.error ?? (parsed.positional.length !== 1 ? 'give exactly one file of rows' : columnsError)
    ?? (concurrency !== undefined && !(Number.isSafeInteger(concurrency) && concurrency >= 1 && concurrency <= 64) ? '--concurrency must be an integer from 1 to 64' : undefined);
  if (error) {
    console.error(`seamid import: ${error}\n\n${usage}`);
    return 2;
  }
  const [file] = parsed.positional;
  let bytes;
  try {
    if (!statSync(file).isFile()) throw new Error('not a file');
    bytes = readFileSync(file);
  } catch (failure) {
    console.error(`seamid import: cannot read ${file}: ${failure.code === 'ENOENT' ? 'no such file' : failure.message}`);
    return 2;
  }
  const connection = seamFromEnvironment('import');
  if (!connection) return 2;
  const { seam, endpoint } = connection;
  const json = o.format === 'json';
  const text = bytes.toString('utf8');
  const isJson = /\.json$/i.test(file) || (!/\.csv$/i.test(file) && /^\s*\[/.test(text.slice(0, 1024)));
  const rows = isJson ? text : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  const options = {
    columns, profile: parsed.flags.strict ? 'strict' : 'default', format: isJson ? 'json' : 'csv',
    ...(o.country !== undefined && { defaultCountry: o.country }), ...(concurrency !== undefined && { concurrency }),
  };
  const writeReport = (report) => {
    if (o.report === undefined) return true;
    try {
      writeFileSync(o.report, reportCsv(report));
      return true;
    } catch (failure) {
      console.error(`seamid import: cannot write ${o.report}: ${failure.message}`);
      return false;
    }
  };
  const refused = (failure) => {
    if (failure?.code !== 'unauthorized') return false;
    console.error(`seamid import: ${endpoint} refused the API key in SEAM_API_KEY (${failure.status})`);
    return true;
  };

  // 1. Validate against the workspace as it is now: what would be created (nothing is called that changes anything).
  let plan;
  try {
    plan = await importUserIdentities(seam, isJson ? text : rows, { ...options, dryRun: true });
  } catch (failure) {
    if (refused(failure)) return 2;
    if (failure instanceof TypeError) {
      console.error(`seamid import: ${bare(failure.message)}`);
      return 2;
    }
    console.error(`seamid import: could not read the workspace from ${endpoint}: ${bare(failure?.message ?? failure)}`);
    return 1;
  }
  if (!plan.usable) {
    if (json) console.log(JSON.stringify({ ok: false, report: plan }, null, 2));
    for (const found of plan.issues) console.error(`input ${JSON.stringify(found.path)}: ${found.severity} ${found.code}: ${found.message}`);
    console.error(`seamid import: ${file} is unusable; nothing was created`);
    return 2;
  }
  if (!json) {
    if (plan.mapping && columns !== undefined) console.log(`columns: ${describeMapping(plan.mapping)}`);
    for (const found of plan.issues) console.log(`input ${JSON.stringify(found.path)}: ${found.severity} ${found.code}: ${found.message}`);
    for (const row of plan.invalid)
      for (const found of row.issues.filter((i) => i.severity === 'error'))
        console.log(`row ${row.row}${row.line ? ` (line ${row.line})` : ''} ${found.path.slice(1).join('.')}: ${found.code}: ${found.message}${found.suggestion ? ` (suggestion: ${found.suggestion})` : ''}`);
    console.log(`\nPlan: ${plan.pending.length} to create, ${plan.existing.length} already there, ${plan.invalid.length} invalid (not sent), of ${plan.rows} rows.`);
  }
  if (parsed.flags['dry-run'] || plan.pending.length === 0) {
    if (json) console.log(JSON.stringify({ ok: plan.ok, report: plan }, null, 2));
    else console.log(parsed.flags['dry-run'] ? 'Dry run: nothing was created.' : 'Nothing to create.');
    if (!writeReport(plan)) return 1;
    return parsed.flags['dry-run'] || plan.invalid.length === 0 ? 0 : 1;
  }

  // 2. Confirm: on a terminal unless --yes.
  if (!await approved(parsed.flags.yes, {
    command: 'import', action: 'import', nothing: 'Nothing was created.', cancelled: 'Import cancelled; nothing was created.',
    question: `Do you really want to create ${plan.pending.length} user identities at ${endpoint}?`,
  })) return 2;

  // 3. Create (the run fetches the workspace again: what changed since the plan is taken into account).
  const tty = Boolean(process.stderr.isTTY);
  const display = progressDisplay({ tty, lines: !json, stream: tty ? process.stderr : process.stdout });
  let { report, failure } = await runWithDisplay(display, (signal, onProgress) =>
    importUserIdentities(seam, isJson ? text : rows, { ...options, signal, onProgress }));
  if (report && !writeReport(report)) failure ??= new Error('the report could not be written');
  if (json) console.log(JSON.stringify({ ok: !failure && report.ok, ...(failure && { error: { code: failure.code ?? failure.name, message: failure.message } }), report }, null, 2));
  if (refused(failure)) return 2;
  if (report && !json) {
    console.log(`${report.created.length} created, ${report.existing.length} already there, ${report.invalid.length} invalid, ${report.failed.length} failed` +
      `${report.pending.length ? `, ${report.pending.length} not run` : ''}: ${report.calls} calls, ${report.retries} retries, ${(report.duration_ms / 1000).toFixed(1)} s.` +
      `${o.report !== undefined ? ` Report: ${o.report}` : ''}`);
  }
  if (!failure && report.ok) return 0;
  if (failure) console.error(isAbortError(failure) ? 'seamid import: interrupted' : `seamid import: ${bare(failure?.message ?? String(failure))}`);
  console.error(`To finish (it re-fetches and creates only what is missing), fix the invalid rows if any and run:\n  ${resumeCommand(file, o)}`);
  return 1;
}
