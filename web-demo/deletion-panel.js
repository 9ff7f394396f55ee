// The planner panel: load a snapshot, see the deletion plan as waves (seamid's <seamid-deletion-plan> element), and
// step through a simulated run in which Seam's events arrive late, out of order and duplicated; every step shows its state.
import * as seamid from '/bindings/js/src/browser.js';
import '/bindings/js/src/elements/index.js';
import { createSeamClient, deleteUserIdentity, fetchDeletionSnapshot, fetchWorkspace } from '/bindings/js/src/seam/index.js';

const $ = (id) => document.getElementById(id);
const short = (id) => `${id.slice(0, 8)}…`;
const labels = { client_session: 'client session', acs_credential: 'ACS credential', acs_user: 'ACS user',
  enrollment_automation: 'enrollment automation', phone: 'phone', user_identity: 'user identity' };

const view = $('deletion-view');
let plan = null;
let progress = null;
let sim = null;
/** A live run against the demo's simulator: { id, running }, or null. Its step states live in the view (onProgress). */
let live = null;

/** A small deterministic generator, so the simulated run is the same every time. */
function random(seed) {
  let state = seed >>> 0 || 1;
  return (n) => {
    state ^= state << 13; state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5; state >>>= 0;
    return state % n;
  };
}

function log(text, kind = '') {
  const item = document.createElement('li');
  item.textContent = text;
  if (kind) item.className = kind;
  $('deletion-log').prepend(item);
}

/** Shows the run's state: the view redraws each step from the progress; the buttons and the status line follow. */
function renderWaves() {
  view.refresh();
  const done = progress?.ok && progress.done();
  $('deletion-status').textContent = !progress?.ok ? '' : done ? 'Done: the user identity is deleted.'
    : progress.identityDeletable() ? 'Every resource is confirmed: the identity may be deleted now.'
      : `Tick ${sim?.tick ?? 0}. Next poll: ${JSON.stringify(progress.nextEventQuery())}`;
  $('deletion-status').dataset.done = String(Boolean(done));
  $('deletion-tick').disabled = !progress?.ok || done;
  $('deletion-run').disabled = !progress?.ok || done;
}

function renderOutput() {
  if (!plan) return;
  $('deletion-output').textContent = seamid.renderDeletionPlan(plan, $('deletion-format').value);
}

function makePlan() {
  if (live?.running) return; // the plan on screen is the one being run
  live = null;
  $('deletion-live-run').disabled = true;
  progress?.dispose();
  progress = null;
  sim = null;
  $('deletion-log').replaceChildren();
  let snapshot;
  try {
    snapshot = JSON.parse($('deletion-snapshot').value);
  } catch {
    snapshot = $('deletion-snapshot').value; // the core reports the JSON error with its position
  }
  plan = seamid.planDeletion(snapshot, { order: $('deletion-order').value, policy: $('deletion-policy').value });
  view.plan = plan;
  $('deletion-summary').textContent = plan.ok ? `${plan.steps.length} steps in ${plan.waves.length} waves.` : 'No plan: the snapshot does not add up.';
  if (plan.ok) {
    progress = seamid.createDeletionProgress(plan, { startedAt: new Date() });
    sim = { tick: 0, pending: [], next: random(0x5ea1), counter: 0 };
  }
  view.progress = progress;
  renderOutput();
  renderWaves();
}

/** One tick of the simulated run: late events arrive (shuffled, one duplicated, one unrelated), then runnable steps are called. */
function tick() {
  if (!progress?.ok || progress.done()) return;
  sim.tick += 1;
  const due = sim.pending.filter((e) => e.due <= sim.tick);
  sim.pending = sim.pending.filter((e) => e.due > sim.tick);
  for (let i = due.length - 1; i > 0; i--) { const j = sim.next(i + 1); [due[i], due[j]] = [due[j], due[i]]; }
  const events = due.map((e) => e.event);
  if (events.length > 0) events.push(events[sim.next(events.length)]); // a duplicate delivery
  if (sim.tick === 2) events.push({ event_id: crypto.randomUUID(), event_type: 'device.connected', device_id: crypto.randomUUID() });
  for (const event of events) {
    const outcome = progress.applyEvent(event);
    log(`event ${event.event_type} ${short(event[Object.keys(event).find((k) => k.endsWith('_id') && k !== 'event_id') ?? 'event_id'])}: ${outcome.outcome}${outcome.reason ? ` (${outcome.reason})` : ''}`,
      outcome.outcome === 'confirmed' ? 'confirmed' : 'other');
  }
  for (const step of progress.runnable()) {
    const outcome = progress.applyResult(step.step_id, { ok: true }, { requestedAt: new Date() });
    log(`POST ${step.endpoint} ${short(step.step_id)}: ${outcome.outcome}`, 'call');
    if (step.confirm.by === 'event') {
      sim.pending.push({
        due: sim.tick + 1 + sim.next(3), // late: 1 to 3 ticks
        event: { event_id: crypto.randomUUID(), event_type: step.confirm.event_type, [step.confirm.id_field]: step.step_id,
          workspace_id: plan.workspace_id, created_at: new Date().toISOString(), occurred_at: new Date().toISOString() },
      });
    }
  }
  renderWaves();
}

async function loadSample() {
  const response = await fetch('samples/deletion-snapshot.json');
  $('deletion-snapshot').value = await response.text();
  makePlan();
}

$('deletion-load-sample').addEventListener('click', loadSample);
$('deletion-plan').addEventListener('click', makePlan);
$('deletion-order').addEventListener('change', makePlan);
$('deletion-policy').addEventListener('change', makePlan);
$('deletion-format').addEventListener('change', renderOutput);
$('deletion-tick').addEventListener('click', tick);
$('deletion-run').addEventListener('click', () => {
  for (let guard = 0; guard < 200 && progress?.ok && !progress.done(); guard++) tick();
});

// --- Live: the demo server's Seam simulator, through its same-origin /seam proxy (the server adds the key) ----
// The plain { endpoint, apiKey } form (no SDK): each call wraps it with createSeamClient and this run's options
// (retries, throttle reports). 'demo-proxy' is no key: the proxy replaces the Authorization header.
const seam = { endpoint: `${location.origin}/seam`, apiKey: 'demo-proxy' };
createSeamClient(seam); // fails early if the form were wrong
const liveOptions = { pollIntervalMs: 250, maxPollIntervalMs: 1000, maxWaitMs: 15_000, retry: { attempts: 6, baseDelayMs: 100, maxDelayMs: 1500, timeoutMs: 10_000 } };
const liveStatus = (text, extra = {}) => {
  $('deletion-live-status').textContent = text;
  for (const key of ['done', 'ok', 'busy']) delete $('deletion-live-status').dataset[key];
  Object.assign($('deletion-live-status').dataset, extra);
};
// What each progress event says about its step's state.
const stepStates = { step_sent: 'issued', step_retried: 'retried', step_awaiting_event: 'awaiting', step_confirmed: 'confirmed', step_failed: 'failed' };

async function refreshIdentities() {
  const select = $('deletion-live-identity');
  const previous = select.value;
  // All pages, with seamid's retries (faults may be on); a failure leaves the list as it was (the button retries).
  let identities;
  try {
    identities = await fetchWorkspace(seam, liveOptions);
  } catch (error) {
    liveStatus(`Listing the identities failed: ${error.message}`, { ok: 'false' });
    return;
  }
  select.replaceChildren(...identities.map((identity) => Object.assign(document.createElement('option'), {
    value: identity.user_identity_id, textContent: `${identity.full_name ?? identity.user_identity_key ?? ''} (${short(identity.user_identity_id)})`,
  })));
  if (identities.some((i) => i.user_identity_id === previous)) select.value = previous;
  select.dataset.count = String(identities.length);
  select.dataset.loaded = 'true';
}

async function liveFetch() {
  const id = $('deletion-live-identity').value;
  if (!id || live?.running) return;
  liveStatus('Fetching the snapshot…', { busy: 'true' });
  $('deletion-live-report').hidden = true;
  try {
    const snapshot = await fetchDeletionSnapshot(seam, id, liveOptions);
    $('deletion-snapshot').value = JSON.stringify(snapshot, null, 2);
    makePlan();
    progress?.dispose();
    progress = null;
    view.progress = null;
    live = { id, running: false };
    renderWaves();
    $('deletion-live-run').disabled = !plan?.ok;
    liveStatus(plan?.ok ? `Snapshot of ${short(id)} fetched: ${plan.steps.length} steps. Run deletes it from the simulator.` : 'The snapshot does not add up.', { fetched: 'true' });
  } catch (error) {
    liveStatus(`Fetch failed: ${error.message}`, { ok: 'false' });
  }
}

async function liveRun() {
  if (!live || live.running) return;
  live.running = true;
  $('deletion-live-run').disabled = true;
  $('deletion-live-fetch').disabled = true;
  liveStatus(`Deleting ${short(live.id)}…`, { busy: 'true' });
  $('deletion-log').replaceChildren();
  view.clearStates();
  const onProgress = (event) => {
    view.onProgress(event); // the step's live state
    const state = stepStates[event.type];
    if (state) log(`${event.type.replace('step_', '')} ${labels[event.resource] ?? ''} ${short(event.step_id)}${event.event_type ? ` (${event.event_type})` : ''}${event.attempt ? ` attempt ${event.attempt}` : ''}`,
      state === 'confirmed' ? 'confirmed' : state === 'issued' ? 'call' : 'other');
    else if (event.type !== 'run_finished') log(`${event.type}${event.reason ? `: ${event.reason}` : ''}`, 'other');
  };
  let report;
  try {
    report = await deleteUserIdentity(seam, live.id, { ...liveOptions, order: $('deletion-order').value, policy: $('deletion-policy').value, onProgress });
    liveStatus(`Done: ${short(live.id)} is deleted (${report.calls} calls, ${report.retries} retries).`, { done: 'true', ok: 'true' });
  } catch (error) {
    report = error.report ?? null;
    liveStatus(`Failed: ${error.message}. Run again to finish what is left.`, { done: 'true', ok: 'false' });
  } finally {
    live.running = false;
    $('deletion-live-fetch').disabled = false;
    renderWaves();
  }
  $('deletion-live-report').textContent = JSON.stringify(report, null, 2);
  $('deletion-live-report').hidden = report === null;
  await refreshIdentities();
}

async function setFaults() {
  const on = $('deletion-live-faults').checked;
  const response = await fetch('/demo/faults', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ on }) }).catch(() => null);
  const state = response?.ok ? await response.json() : null;
  $('deletion-live-faults').checked = Boolean(state?.faults);
  $('deletion-live-faults').dataset.applied = String(Boolean(state?.faults));
}

async function resetWorkspace() {
  if (live?.running) return;
  await fetch('/demo/reset', { method: 'POST' }).catch(() => null);
  await refreshIdentities();
  liveStatus('The sample workspace is reseeded.');
}

$('deletion-live-refresh').addEventListener('click', refreshIdentities);
$('deletion-live-fetch').addEventListener('click', liveFetch);
$('deletion-live-run').addEventListener('click', liveRun);
$('deletion-live-faults').addEventListener('change', setFaults);
$('deletion-live-reset').addEventListener('click', resetWorkspace);
fetch('/demo/state').then((r) => (r.ok ? r.json() : null)).then((state) => { $('deletion-live-faults').checked = Boolean(state?.faults); }).catch(() => {});
refreshIdentities();
