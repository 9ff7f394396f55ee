// `seamid delete <user_identity_id>`: fetches the identity from Seam, shows the deletion plan the way Terraform
// shows one, asks for confirmation on a terminal, then runs it (seamid/seam) with a live progress display.
// Exit 0: deleted (or already gone); 1: the run failed (what is left and how to resume are printed); 2: usage,
// missing or refused API key, unknown identity, or no confirmation.
import { planDeletion, renderDeletionPlan } from '../node.js';
import { createSeamClient, deleteUserIdentity, isAbortError } from '../seam/index.js';
import { readDeletionSnapshot } from '../seam/fetch.js';
import { parseArguments } from './arguments.js';
import { approved, runWithDisplay } from './confirm.js';
import { DEFAULT_ENDPOINT, seamFromEnvironment } from './seam-env.js';
import { escapeForTerminal, escapeLinesForTerminal, jsonForTerminal } from './terminal.js';

const usage = `Usage: seamid delete <user_identity_id> [--dry-run] [--yes] [--order parallel|guide] [--policy guide|minimal]
                     [--concurrency N] [--max-wait S] [--poll-interval S] [--format text|json]

Deletes a user identity and everything attached (client sessions, ACS credentials and users, enrollment
automations, phones) in the order docs/deletion.md gives, each step confirmed by its event, then lists again
that nothing is left. Reads SEAM_API_KEY, and SEAM_ENDPOINT for another server than ${DEFAULT_ENDPOINT}.

  --dry-run          fetch and print the plan; call nothing
  --yes              do not ask for confirmation (required when standard input is not a terminal)
  --order guide      one wave at a time, as the guide's loop (default: parallel, each step after what it needs)
  --policy minimal   rely on /user_identities/delete's documented cascade (default: guide, everything explicitly)
  --concurrency N    calls in flight at once (default 4)
  --max-wait S       seconds to wait for each event before checking the resource by listing (default 600)
  --poll-interval S  first /events/list interval in seconds, growing towards 30 while nothing changes (default 2)
  --format json      print the plan and the run's report as JSON (default: text)

Exit status: 0 deleted (or already gone), 1 the run failed (run the printed command to resume),
2 usage error, missing or refused API key, unknown identity, or the plan not confirmed.`;

/** A positive number of seconds from an option, or an error text. */
function seconds(name, value, { integer = false } = {}) {
  const n = Number(value);
  if (value === '' || !Number.isFinite(n) || n <= 0 || (integer && !Number.isSafeInteger(n))) return { error: `--${name} must be a positive ${integer ? 'integer' : 'number'}` };
  return { value: n };
}

/** The command that resumes this run: the same identity and options, confirmed. */
function resumeCommand(id, options) {
  const parts = ['seamid', 'delete', id, '--yes'];
  for (const name of ['order', 'policy', 'concurrency', 'max-wait', 'poll-interval']) if (options[name] !== undefined) parts.push(`--${name}`, options[name]);
  return parts.join(' ');
}

/** The plan as Terraform shows one: each call under its wave, what it waits for, and a one-line total. */
export function renderPlanSummary(plan) {
  const lines = [`seamid will delete user identity ${plan.user_identity_id} (order ${plan.order}, policy ${plan.policy}):`, ''];
  const waves = new Map();
  for (const step of plan.steps) waves.set(step.wave, [...(waves.get(step.wave) ?? []), step]);
  for (const [wave, steps] of [...waves].sort(([a], [b]) => a - b)) {
    lines.push(`  # wave ${wave + 1} of ${waves.size}${wave === 0 ? '' : ', after what it depends on is confirmed'}`);
    for (const step of steps) {
      const confirm = step.confirm?.event_type ? `confirmed by event ${step.confirm.event_type}` : 'confirmed by its answer';
      lines.push(`  - ${step.resource.padEnd(21)} ${step.step_id}  ${step.endpoint}  (${confirm})`);
    }
  }
  for (const note of plan.notes ?? []) lines.push('', `  note: ${note}`);
  const byKind = {};
  for (const step of plan.steps) byKind[step.resource] = (byKind[step.resource] ?? 0) + 1;
  lines.push('', `Plan: ${plan.steps.length} to delete (${Object.entries(byKind).map(([k, n]) => `${n} ${k}`).join(', ')}) in ${waves.size} wave(s).`);
  return lines.join('\n');
}

/** Tracks each step's state from onProgress events and draws it: one redrawn line on a TTY, plain lines otherwise. */
function progressDisplay({ tty, lines, stream }) {
  const state = new Map(); // step id -> issued | waiting | confirmed | failed
  let retries = 0;
  let throttled = 0;
  let total = 0;
  let timer = null;
  const startedAt = Date.now();
  const count = (what) => [...state.values()].filter((s) => s === what).length;
  const status = () => `${((Date.now() - startedAt) / 1000).toFixed(1)}s  ${count('confirmed')}/${total} confirmed, ${count('issued')} issued, ` +
    `${count('waiting')} waiting for events${count('failed') ? `, ${count('failed')} failed` : ''}, ${retries} retries${throttled ? `, throttled ${throttled}x` : ''}`;
  const draw = () => stream.write(`\r\x1b[2K${status()}`);
  const say = (text) => {
    if (tty) stream.write(`\r\x1b[2K${text}\n`);
    else if (lines) stream.write(`${text}\n`);
  };
  const handle = (e) => {
    switch (e.type) {
      case 'plan_ready':
        total = e.steps;
        state.clear();
        // Round 1 runs the plan shown; a later round re-planned from a new fetch.
        if (e.round > 1) say(`re-planned (round ${e.round}): ${e.steps} step(s)`);
        break;
      case 'step_sent': state.set(e.step_id, 'issued'); break;
      case 'step_awaiting_event': state.set(e.step_id, 'waiting'); break;
      case 'step_retried': retries++; if (!tty) say(`retry ${e.step_id ?? ''} ${e.reason ?? e.status ?? ''}`.trim()); break;
      case 'throttled': throttled++; say(`throttled by Seam${e.retryAfterMs !== undefined ? `: pausing ${e.retryAfterMs} ms` : ''}`); break;
      case 'step_confirmed': state.set(e.step_id, 'confirmed'); if (!tty) say(`confirmed ${e.resource} ${e.step_id} (by ${e.confirmed_by})`); break;
      case 'step_failed': state.set(e.step_id, 'failed'); say(`failed ${e.resource} ${e.step_id}: ${escapeForTerminal(e.error?.type ?? 'error')}: ${bare(e.error?.message)}`); break;
      case 'wave_done': if (!tty) say(`wave ${e.wave + 1} done`); break;
      case 'replanning': say(`re-fetching and re-planning: ${bare(e.reason)}`); break;
      case 'verified': if (!tty) say(`verified: ${e.clean ? 'nothing left' : 'something is still listed'}`); break;
      default: break;
    }
  };
  return {
    handle,
    start() { if (tty) timer = setInterval(draw, 100); },
    stop() {
      clearInterval(timer);
      if (tty) stream.write(`\r\x1b[2K${status()}\n`);
    },
    retries: () => retries,
  };
}

/** A library message without its "seamid: " prefix (the command names itself). */
/** A message without the 'seamid: ' prefix, escaped for a terminal (Seam's error messages are remote text). */
const bare = (message) => escapeForTerminal(String(message ?? '').replace(/^seamid: /, ''));

/** What a failed run leaves: the steps of its last round that did not finish, and what the final check still lists. */
function leftOver(report) {
  const out = [];
  const last = report?.rounds?.at(-1);
  for (const step of last?.steps ?? [])
    if (step.outcome !== 'confirmed') out.push(`  ${step.outcome.padEnd(11)} ${step.resource} ${step.step_id}${step.error ? `: ${escapeForTerminal(step.error.type)}: ${bare(step.error.message)}` : ''}`);
  for (const [list, ids] of Object.entries(report?.verification?.left ?? {}))
    for (const id of ids) out.push(`  still listed ${escapeForTerminal(list)} ${escapeForTerminal(id)}`);
  return out;
}

/** Runs the command; returns the exit code. */
export async function run(args) {
  const parsed = parseArguments(args, {
    flags: ['help', 'dry-run', 'yes'],
    options: { order: ['parallel', 'guide'], policy: ['guide', 'minimal'], concurrency: null, 'max-wait': null, 'poll-interval': null, format: ['text', 'json'] },
  });
  if (parsed.flags.help) {
    console.log(usage);
    return 0;
  }
  const o = parsed.options;
  const checks = [
    o.concurrency !== undefined && seconds('concurrency', o.concurrency, { integer: true }),
    o['max-wait'] !== undefined && seconds('max-wait', o['max-wait']),
    o['poll-interval'] !== undefined && seconds('poll-interval', o['poll-interval']),
  ];
  const error = parsed.error ?? (parsed.positional.length !== 1 ? 'give exactly one user_identity_id' : checks.find((c) => c?.error)?.error);
  if (error) {
    console.error(`seamid delete: ${error}\n\n${usage}`);
    return 2;
  }
  const [id] = parsed.positional;
  const connection = seamFromEnvironment('delete');
  if (!connection) return 2;
  const { seam, endpoint } = connection;
  const json = o.format === 'json';
  const options = {
    order: o.order, policy: o.policy,
    ...(o.concurrency !== undefined && { concurrency: Number(o.concurrency) }),
    ...(o['max-wait'] !== undefined && { maxWaitMs: Number(o['max-wait']) * 1000 }),
    ...(o['poll-interval'] !== undefined && { pollIntervalMs: Number(o['poll-interval']) * 1000 }),
  };

  // 1. Fetch and plan (no call that changes anything).
  let snapshot;
  let notes;
  try {
    ({ snapshot, notes } = await readDeletionSnapshot(createSeamClient(seam), id));
  } catch (failure) {
    if (failure instanceof TypeError) {
      console.error(`seamid delete: ${escapeForTerminal(id)} is not a user_identity_id (a UUID)`);
      return 2;
    }
    if (failure?.code === 'user_identity_not_found') {
      console.error(`seamid delete: user identity ${id} not found at ${endpoint}`);
      return 2;
    }
    if (failure?.code === 'unauthorized') {
      console.error(`seamid delete: ${endpoint} refused the API key in SEAM_API_KEY (${failure.status})`);
      return 2;
    }
    console.error(`seamid delete: could not read ${id} from ${endpoint}: ${bare(failure?.message ?? failure)}`);
    return 1;
  }
  const plan = planDeletion(snapshot, { order: o.order, policy: o.policy });
  if (!plan.ok) {
    if (json) console.log(jsonForTerminal({ plan }));
    else process.stderr.write(escapeLinesForTerminal(renderDeletionPlan(plan, 'text')));
    console.error(`seamid delete: the snapshot of ${id} does not add up; nothing was deleted`);
    return 1;
  }
  const shown = { ...plan, notes: [...new Set([...(plan.notes ?? []), ...notes])] };
  if (parsed.flags['dry-run']) {
    console.log(json ? jsonForTerminal({ plan: shown }) : `${escapeLinesForTerminal(renderPlanSummary(shown))}\n\nDry run: nothing was called.`);
    return 0;
  }
  if (!json) console.log(`${escapeLinesForTerminal(renderPlanSummary(shown))}\n`);

  // 2. Confirm: on a terminal unless --yes; never silently without one.
  if (!await approved(parsed.flags.yes, {
    command: 'delete', action: 'delete', nothing: 'Nothing was deleted.', cancelled: 'Deletion cancelled; nothing was deleted.',
    question: `Do you really want to delete user identity ${id} and everything attached?`,
  })) return 2;

  // 3. Execute with a live display; Ctrl-C stops issuing calls and reports what is left.
  const tty = Boolean(process.stderr.isTTY);
  const display = progressDisplay({ tty, lines: !json, stream: tty ? process.stderr : process.stdout });
  // The snapshot the plan above was made from: the first round runs that plan, not a fresh fetch's.
  const { report, failure } = await runWithDisplay(display, (signal, onProgress) =>
    deleteUserIdentity(seam, id, { ...options, snapshot, signal, onProgress }));
  if (json) console.log(jsonForTerminal({ plan: shown, ok: !failure, ...(failure && { error: { code: failure.code ?? failure.name, message: failure.message } }), report }));
  if (!failure) {
    if (!json) {
      const steps = report.rounds.flatMap((r) => r.steps);
      const by = {};
      for (const step of steps) by[step.confirmed_by] = (by[step.confirmed_by] ?? 0) + 1;
      console.log(report.already_gone
        ? `User identity ${id} was already gone; nothing attached is listed.`
        : `Deleted user identity ${id}: ${steps.length} step(s) confirmed (${Object.entries(by).map(([k, n]) => `${n} by ${k}`).join(', ')}), ` +
          `${report.calls} calls, ${report.retries} retries, ${(report.duration_ms / 1000).toFixed(1)} s; nothing attached is listed.`);
    }
    return 0;
  }
  if (failure?.code === 'unauthorized') {
    console.error(`seamid delete: ${endpoint} refused the API key in SEAM_API_KEY during the run`);
    return 2;
  }
  console.error(isAbortError(failure)
    ? `seamid delete: the deletion of ${id} was interrupted`
    : `seamid delete: ${bare(failure?.message ?? String(failure))}`);
  const left = leftOver(report);
  if (left.length) console.error(`Left to do:\n${left.join('\n')}`);
  console.error(`To resume (it re-fetches and finishes only what is left), run:\n  ${resumeCommand(id, o)}`);
  return 1;
}
