// The bulk-import panel: a workspace snapshot (sample or file) and a CSV/JSON batch (sample, picked or dropped),
// validated by seamid's createWorkspace/validateBatch in time-boxed chunks with a progress bar, then a table
// of the rows that have issues.
import * as seamid from '/bindings/js/src/workspace-browser.js';

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
}

async function validate(text, name) {
  const progress = $('bulk-progress');
  const progressText = $('bulk-progress-text');
  progress.hidden = false;
  progress.value = 0;
  panel.dataset.state = 'running';
  const started = performance.now();
  try {
    const result = await workspace.validateBatch(text, {
      format: /\.json$/i.test(name) ? 'json' : /\.csv$/i.test(name) ? 'csv' : undefined,
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
$('bulk-file').addEventListener('change', async (event) => {
  const [file] = event.target.files;
  if (file) await validate(await file.text(), file.name);
});
const drop = $('bulk-drop');
drop.addEventListener('dragover', (event) => { event.preventDefault(); drop.classList.add('over'); });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', async (event) => {
  event.preventDefault();
  drop.classList.remove('over');
  const [file] = event.dataTransfer.files;
  if (file) await validate(await file.text(), file.name);
});
panel.dataset.ready = 'true';
