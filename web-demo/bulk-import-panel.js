// The bulk-import panel: a workspace snapshot (sample or file) and a CSV/JSON batch (sample, picked or dropped),
// validated by seamid's createWorkspace/validateBatch in time-boxed chunks with a progress bar, then the column
// mapping, a table of the rows that have issues, the values the core's suggestions fix, and the fixed CSV to download.
import * as seamid from '/bindings/js/src/workspace-browser.js';
import { applySuggestions, createFields, fixedFields, toCsv } from '/bindings/js/src/cli/fix.js';

const $ = (id) => document.querySelector(`[data-testid=${id}]`);
const panel = $('bulk-import');
let workspace = seamid.createWorkspace([]);
let workspaceLabel = 'empty workspace';

function setWorkspace(snapshot, label) {
  const next = seamid.createWorkspace(snapshot);
  if (!next.ok && next.size === 0) { // nothing could be read: keep the workspace there was
    $('bulk-workspace').textContent = `${label}: ${next.issues.find((found) => found.severity === 'error').message}`;
    next.dispose();
    return;
  }
  workspace.dispose();
  workspace = next;
  workspaceLabel = label;
  const problems = next.issues.length ? ` (${next.issues.length} snapshot issue${next.issues.length === 1 ? '' : 's'})` : '';
  $('bulk-workspace').textContent = `${label}: ${next.size} identities${problems}`;
}

function cell(row, text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  row.append(td);
  return td;
}

/** The mapping the batch used: one line per field. */
function renderMapping(result) {
  const table = $('bulk-mapping');
  const body = table.querySelector('tbody');
  body.replaceChildren();
  for (const field of createFields) {
    const columns = result.mapping?.[field];
    if (!columns) continue;
    const tr = document.createElement('tr');
    tr.dataset.field = field;
    cell(tr, columns.join(' + '));
    cell(tr, field);
    body.append(tr);
  }
  table.hidden = body.children.length === 0;
}

let downloadUrl = null;

/** The suggestions applied (fix.js, as `seamid validate --fix`): a table of changed cells and the fixed CSV. */
function renderFixes(result) {
  const table = $('bulk-fixes');
  const body = table.querySelector('tbody');
  body.replaceChildren();
  const link = $('bulk-download');
  if (downloadUrl) URL.revokeObjectURL(downloadUrl);
  downloadUrl = null;
  link.hidden = true;
  $('bulk-fix-summary').textContent = '';
  if (!result.usable || !result.values) {
    table.hidden = true;
    return;
  }
  const { rows, changes } = applySuggestions(result);
  for (const change of changes.slice(0, 2000)) {
    const tr = document.createElement('tr');
    tr.dataset.row = String(change.row);
    tr.dataset.field = change.field;
    cell(tr, String(change.row));
    cell(tr, change.field);
    cell(tr, String(change.from ?? ''));
    cell(tr, change.to);
    body.append(tr);
  }
  table.hidden = changes.length === 0;
  const text = toCsv(rows, fixedFields(result));
  downloadUrl = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  link.href = downloadUrl;
  link.hidden = false;
  link.dataset.csv = text;
  const unreadable = rows.filter((row) => row === null).length;
  $('bulk-fix-summary').textContent = `${changes.length} cell${changes.length === 1 ? '' : 's'} fixed in ` +
    `${new Set(changes.map((change) => change.row)).size} rows${unreadable ? `; ${unreadable} unreadable rows left out` : ''}.`;
}

function renderResult(result, name) {
  const { summary } = result;
  const clean = summary.rows - summary.rows_with_errors - summary.rows_with_warnings;
  const summaryView = $('bulk-summary');
  summaryView.dataset.ok = String(result.ok);
  summaryView.textContent = result.usable
    ? `${name}: ${summary.rows} rows against the ${workspaceLabel} — ${clean} ok, ${summary.rows_with_errors} with errors, ` +
      `${summary.rows_with_warnings} with warnings only.`
    : `${name} could not be read: ${result.issues.find((found) => found.severity === 'error')?.message ?? 'no rows'}`;
  const body = $('bulk-table').querySelector('tbody');
  body.replaceChildren();
  const entries = [
    ...result.issues.map((found) => ({ row: '—', line: '', found })),
    ...result.rows.flatMap((row) => row.issues.map((found) => ({ row: String(row.row), line: row.line ?? '', found }))),
  ];
  for (const { row, line, found } of entries.slice(0, 2000)) {
    const tr = document.createElement('tr');
    tr.dataset.row = row;
    tr.dataset.code = found.code;
    tr.className = found.severity;
    cell(tr, row);
    cell(tr, String(line));
    cell(tr, found.path.filter((element) => typeof element === 'string').join('.') || '');
    cell(tr, found.severity, found.severity);
    const message = cell(tr, `${found.message}${found.suggestion ? ` Suggestion: ${found.suggestion}` : ''} `);
    const code = document.createElement('code');
    code.textContent = found.code;
    message.append(code);
    body.append(tr);
  }
  $('bulk-table').hidden = entries.length === 0;
  renderMapping(result);
  renderFixes(result);
}

/** The batch options the panel's selects ask for: the column mapping, and a default country only when one is chosen. */
function batchOptions() {
  const options = { values: true };
  const columns = $('bulk-columns').value;
  if (columns) options.columns = columns;
  const country = $('bulk-country').value;
  if (country) options.defaultCountry = country;
  return options;
}

async function validate(text, name) {
  const progress = $('bulk-progress');
  const progressText = $('bulk-progress-text');
  progress.hidden = false;
  progress.value = 0;
  panel.dataset.state = 'running';
  const started = performance.now();
  try {
    const options = { ...batchOptions(), format: /\.json$/i.test(name) ? 'json' : /\.csv$/i.test(name) ? 'csv' : undefined };
    panel.dataset.batchOptions = JSON.stringify(options);  // what the page asked the core for (read by the demo's tests)
    const result = await workspace.validateBatch(text, {
      ...options,
      onProgress: ({ done, total, read }) => {
        const reading = read < total;  // the first pass reads every row's key, email and phone
        progress.max = Math.max(total, 1);
        progress.value = reading ? read : done;
        progressText.textContent = `${reading ? 'reading' : 'checking'} ${(reading ? read : done).toLocaleString()} / ${total.toLocaleString()} rows`;
      },
    });
    progressText.textContent += ` in ${Math.round(performance.now() - started)} ms`;
    renderResult(result, name);
  } catch (error) {
    $('bulk-summary').textContent = `Validation stopped: ${error.message}`;
  } finally {
    panel.dataset.state = 'done';
  }
}

$('bulk-load-workspace').addEventListener('click', async () => {
  setWorkspace(await (await fetch('samples/workspace.json')).text(), 'sample workspace');
});
$('bulk-workspace-file').addEventListener('change', async (event) => {
  const [file] = event.target.files;
  if (file) setWorkspace(await file.text(), file.name);
});
$('bulk-sample').addEventListener('click', async () => {
  await validate(await (await fetch('samples/bulk-import.csv')).text(), 'bulk-import.csv');
});
$('bulk-hr-sample').addEventListener('click', async () => {
  $('bulk-columns').value = 'auto';
  await validate(await (await fetch('samples/hr-export.csv')).text(), 'hr-export.csv');
});
/** A picked or dropped file: CSV as its bytes (the core refuses a file that is not UTF-8, naming UTF-8), JSON as text. */
const fileInput = async (file) => (/\.json$/i.test(file.name) ? file.text() : new Uint8Array(await file.arrayBuffer()));
$('bulk-file').addEventListener('change', async (event) => {
  const [file] = event.target.files;
  if (file) await validate(await fileInput(file), file.name);
});
const drop = $('bulk-drop');
drop.addEventListener('dragover', (event) => { event.preventDefault(); drop.classList.add('over'); });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', async (event) => {
  event.preventDefault();
  drop.classList.remove('over');
  const [file] = event.dataTransfer.files;
  if (file) await validate(await fileInput(file), file.name);
});
panel.dataset.ready = 'true';
