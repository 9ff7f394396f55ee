// `seamid delete` end to end: bin/seamid.js as a child process against the simulator (dry run, confirmation on a
// terminal refused and given, --yes, a failed run with its resume command, auth and usage errors, --format json).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { simulator } from './helpers.mjs';

const BIN = fileURLToPath(new URL('../../bindings/js/bin/seamid.js', import.meta.url));
// Short polls so a run against the simulator takes a fraction of a second (the default first poll is 2 s).
const FAST = ['--poll-interval', '0.03'];

/** Runs the CLI asynchronously (the simulator lives in this process), with stdin piped and a time bound. */
function cli(args, { sim, env = {}, input = '', timeoutMs = 30_000 } = {}) {
  const childEnv = { ...process.env, SEAM_API_KEY: sim?.apiKey ?? '', SEAM_ENDPOINT: sim?.endpoint ?? '', ...env };
  return spawnAsync(process.execPath, [BIN, ...args], childEnv, input, timeoutMs);
}

function spawnAsync(file, args, env, input, timeoutMs) {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`${args.join(' ')} ran over ${timeoutMs} ms`)); }, timeoutMs);
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
    child.stdin.end(input);
  });
}

/** The same in a pseudo-terminal (util-linux `script`), so the command sees a TTY and asks; null when unavailable. */
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
function cliOnTerminal(args, { sim, input }) {
  const quoted = [process.execPath, BIN, ...args].map((a) => `'${a}'`).join(' ');
  return spawnAsync('script', ['-qec', quoted, '/dev/null'], { ...process.env, SEAM_API_KEY: sim.apiKey, SEAM_ENDPOINT: sim.endpoint }, input, 30_000);
}

const gone = (sim, id) => {
  const left = sim.attached(id);
  return left.user_identity === null && Object.values(left).every((v) => !Array.isArray(v) || v.length === 0);
};

test('--dry-run prints the plan by wave with the confirming events and calls nothing', async (t) => {
  const sim = await simulator(t, { seed: 101 });
  const [id] = sim.seed();
  const { code, stdout } = await cli(['delete', id, '--dry-run'], { sim });
  assert.equal(code, 0);
  assert.match(stdout, /# wave 1 of 3/);
  assert.match(stdout, /acs_user .*\/acs\/users\/delete +\(confirmed by event acs_user\.deleted\)/);
  assert.match(stdout, /Plan: 18 to delete \(2 client_session, 9 acs_credential, 1 enrollment_automation, 2 phone, 3 acs_user, 1 user_identity\) in 3 wave\(s\)/);
  assert.match(stdout, /Dry run: nothing was called/);
  assert.equal(sim.stats.deleteCalls.size, 0);
  assert.ok(!gone(sim, id));
  // --order guide: one wave per kind, as the guide's loop.
  const guide = await cli(['delete', id, '--dry-run', '--order', 'guide'], { sim });
  assert.equal(guide.code, 0);
  assert.match(guide.stdout, /order guide/);
  assert.ok(Number(/in (\d+) wave/.exec(guide.stdout)[1]) > 3);
});

test('confirmation: refused on a terminal or without one, nothing is deleted; "yes" runs with a live display', async (t) => {
  const sim = await simulator(t, { seed: 102 });
  const [id, other] = sim.seed({ identities: 2 });
  const piped = await cli(['delete', id, ...FAST], { sim, input: 'yes\n' });
  assert.equal(piped.code, 2, 'no terminal and no --yes: refused');
  assert.match(piped.stderr, /not a terminal; pass --yes/);
  assert.equal(sim.stats.deleteCalls.size, 0);
  if (!hasScript) return t.skip('util-linux script is not installed: no pseudo-terminal for the prompt');
  const refused = await cliOnTerminal(['delete', id, ...FAST], { sim, input: 'n\n' });
  assert.equal(refused.code, 2);
  assert.match(refused.stdout, /Only 'yes' will be accepted/);
  assert.match(refused.stdout, /Deletion cancelled; nothing was deleted/);
  assert.equal(sim.stats.deleteCalls.size, 0);
  assert.ok(!gone(sim, id));
  const approved = await cliOnTerminal(['delete', other, ...FAST], { sim, input: 'yes\n' });
  assert.equal(approved.code, 0, approved.stdout);
  assert.match(approved.stdout, /\d+\.\ds +18\/18 confirmed, 0 issued, 0 waiting for events, 0 retries/);
  assert.ok(gone(sim, other));
  assert.ok(!gone(sim, id));
});

test('--yes deletes everything and exits 0; run again, the identity is unknown (exit 2)', async (t) => {
  const sim = await simulator(t, { seed: 103 });
  const [id] = sim.seed();
  const { code, stdout } = await cli(['delete', id, '--yes', ...FAST, '--concurrency', '6'], { sim });
  assert.equal(code, 0);
  assert.match(stdout, /confirmed acs_credential [0-9a-f-]{36} \(by event\)/);
  assert.match(stdout, /Deleted user identity .*: 18 step\(s\) confirmed \(17 by event, 1 by result\)/);
  assert.ok(gone(sim, id));
  assert.equal(sim.stats.premature.length, 0);
  for (const [, calls] of sim.stats.deleteCalls) assert.equal(calls, 1);
  const again = await cli(['delete', id, '--yes'], { sim });
  assert.equal(again.code, 2, 'an identity that does not exist is a usage error');
  assert.match(again.stderr, /not found/);
});

test('a resource that never goes: exit 1 with what is left and the resume command, which then finishes', async (t) => {
  const sim = await simulator(t, { seed: 104 });
  const [id] = sim.seed({ acsUsers: 1, credentials: 2, phones: 1 });
  const [phone] = sim.attached(id).phones;
  const [credential] = sim.attached(id).acs_credentials;
  // The credential's event never comes (confirmed by listing); the phone's deactivation never finishes.
  sim.setFaults({ neverIds: [credential.acs_credential_id], stuckIds: [phone.device_id] });
  const failed = await cli(['delete', id, ...FAST, '--yes', '--max-wait', '0.3'], { sim });
  assert.equal(failed.code, 1, failed.stderr);
  assert.match(failed.stderr, new RegExp(`did not finish: .*${phone.device_id}`));
  assert.match(failed.stderr, new RegExp(`failed +phone ${phone.device_id}: event_timeout`));
  assert.match(failed.stderr, new RegExp(`not_run +user_identity ${id}`));
  const resume = /To resume .*\n {2}(seamid delete .*)/.exec(failed.stderr)?.[1];
  assert.equal(resume, `seamid delete ${id} --yes --max-wait 0.3 --poll-interval 0.03`);
  assert.notEqual(sim.attached(id).user_identity, null);
  assert.deepEqual(sim.attached(id).acs_users, [], 'independent steps still finished');
  assert.equal(sim.stats.premature.length, 0);
  // The phone finally goes; the printed command finishes the identity alone.
  sim.setFaults({});
  sim.db.phones.delete(phone.device_id);
  const resumed = await cli(resume.split(' ').slice(1), { sim });
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.match(resumed.stdout, /Plan: 1 to delete \(1 user_identity\)/);
  assert.ok(gone(sim, id));
  assert.equal(sim.stats.premature.length, 0);
});

test('usage and auth errors exit 2 and call nothing that deletes', async (t) => {
  const sim = await simulator(t, { seed: 105 });
  const [id] = sim.seed();
  const missing = await cli(['delete', id, '--yes'], { sim, env: { SEAM_API_KEY: '' } });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /set SEAM_API_KEY/);
  const refused = await cli(['delete', id, '--yes'], { sim, env: { SEAM_API_KEY: 'seam_wrong_key' } });
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /refused the API key in SEAM_API_KEY \(401\)/);
  assert.ok(sim.stats.unauthorized >= 1);
  const unknown = await cli(['delete', '00000000-0000-4000-8000-000000000000', '--yes'], { sim });
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /user identity 00000000-0000-4000-8000-000000000000 not found/);
  for (const args of [['delete'], ['delete', 'not-a-uuid', '--yes'], ['delete', id, '--concurrency', '0'], ['delete', id, '--max-wait', 'soon'], ['delete', id, '--order', 'random']]) {
    const bad = await cli(args, { sim });
    assert.equal(bad.code, 2, args.join(' '));
  }
  assert.equal(sim.stats.deleteCalls.size, 0);
  assert.ok(!gone(sim, id));
});

test('--format json: the plan, then the plan and the run report', async (t) => {
  const sim = await simulator(t, { seed: 106 });
  const [id] = sim.seed({ clientSessions: 1, acsUsers: 1, credentials: 1, enrollmentAutomations: 0, phones: 0 });
  const dry = await cli(['delete', id, '--dry-run', '--format', 'json'], { sim });
  assert.equal(dry.code, 0);
  const planned = JSON.parse(dry.stdout);
  assert.equal(planned.plan.ok, true);
  assert.deepEqual(planned.plan.steps.map((s) => s.resource).sort(), ['acs_credential', 'acs_user', 'client_session', 'user_identity']);
  const ran = await cli(['delete', id, '--yes', '--format', 'json', ...FAST], { sim });
  assert.equal(ran.code, 0, ran.stderr);
  const out = JSON.parse(ran.stdout);
  assert.equal(out.ok, true);
  assert.equal(out.report.format, 'seamid.deletion_report/1');
  assert.equal(out.report.verification.clean, true);
  assert.equal(out.report.rounds[0].counts.confirmed, 4);
  assert.ok(gone(sim, id));
});

test('Ctrl-C mid-run: stops issuing calls, exit 1 with what is left and the resume command, which finishes', async (t) => {
  const sim = await simulator(t, { seed: 107, eventDelayMs: [150, 250] });
  const [id] = sim.seed();
  const env = { ...process.env, SEAM_API_KEY: sim.apiKey, SEAM_ENDPOINT: sim.endpoint };
  const interrupted = await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'delete', id, '--yes', ...FAST], { env });
    let stdout = '';
    let stderr = '';
    let sent = false;
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error('the interrupted run did not end within 30 s')); }, 30_000);
    child.stdout.on('data', (d) => {
      stdout += d;
      // Interrupt once the first step is confirmed: calls are in flight and events awaited.
      if (!sent && /^confirmed /m.test(stdout)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
    child.stdin.end();
  });
  assert.equal(interrupted.code, 1, interrupted.stderr);
  assert.match(interrupted.stderr, new RegExp(`the deletion of ${id} was interrupted`));
  assert.match(interrupted.stderr, new RegExp(`not_run +user_identity ${id}`));
  const resume = /To resume .*\n {2}(seamid delete .*)/.exec(interrupted.stderr)?.[1];
  assert.equal(resume, `seamid delete ${id} --yes --poll-interval 0.03`);
  assert.notEqual(sim.attached(id).user_identity, null, 'the identity is not deleted by an interrupted run');
  const callsBefore = sim.stats.requests;
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(sim.stats.requests, callsBefore, 'no call after the command ended');
  const resumed = await cli(resume.split(' ').slice(1), { sim });
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.ok(gone(sim, id));
  assert.equal(sim.stats.premature.length, 0);
  for (const [resource, calls] of sim.stats.deleteCalls) assert.ok(calls <= 2, `${calls} delete calls for ${resource}`);
});

test('the run executes the plan shown (one fetch); a credential added after it is found by a refused call and re-planned, exit 0', async (t) => {
  const sim = await simulator(t, { seed: 108 });
  const [id] = sim.seed({ clientSessions: 0, acsUsers: 1, credentials: 1, enrollmentAutomations: 0, phones: 0 });
  const [user] = sim.attached(id).acs_users;
  let added = null;
  // After the plan was printed and confirmed: the first delete call of the run.
  sim.hooks.beforeRequest = (route) => {
    if (route === '/acs/credentials/delete' && !added) added = sim.addCredential(user.acs_user_id);
  };
  const { code, stdout } = await cli(['delete', id, '--yes', ...FAST], { sim });
  assert.equal(code, 0);
  assert.match(stdout, /Plan: 3 to delete/);
  assert.match(stdout, /re-fetching and re-planning: .*acs_user_has_credentials/);
  assert.match(stdout, /re-planned \(round 2\): 3 step\(s\)/);
  assert.match(stdout, new RegExp(`confirmed acs_credential ${added}`));
  assert.ok(gone(sim, id));
  // One fetch for the plan shown, one for the re-plan, one for the final check: no fetch between prompt and run.
  assert.equal(sim.stats.byRoute['/user_identities/get'], 3);
  assert.equal(sim.stats.premature.length, 1, 'the ACS user delete the new credential made premature, refused');
});
