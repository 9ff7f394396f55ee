// deleteUserIdentity: fetch, plan, execute and verify, level-triggered as Terraform re-plans from the world as it is:
// a failed or aborted run is finished by running it again, and a refused call (something appeared meanwhile) makes
// the run re-fetch and re-plan, a bounded number of rounds. The final check lists again that nothing is left.
import { planDeletion } from '#deletion';
import { createSeamClient } from './client.js';
import { SeamidError, abortError, isAbortError } from './errors.js';
import { listAll, readDeletionSnapshot } from './fetch.js';
import { executeOptions, runPlan } from './execute.js';

/** Lists again what could still be attached to the identity: answers what is left (ids per list) and whether the identity is gone. */
export async function verifyDeleted(seam, userIdentityId, acsUserIds = [], { signal } = {}) {
  const client = createSeamClient(seam);
  const byIdentity = { user_identity_id: userIdentityId };
  const got = await client.call('/user_identities/get', byIdentity, { signal });
  if (!got.ok && got.error.type !== 'user_identity_not_found')
    throw new SeamidError(`seamid: /user_identities/get answered ${got.status} ${got.error.type}`, { code: 'api_error', route: '/user_identities/get' });
  const ids = (items, field) => items.map((item) => item[field]);
  const [sessions, users, automations, phones] = await Promise.all([
    listAll(client, '/client_sessions/list', byIdentity, 'client_sessions', { signal }),
    listAll(client, '/acs/users/list', byIdentity, 'acs_users', { signal }),
    client.call('/user_identities/enrollment_automations/list', byIdentity, { signal })
      .then((a) => (a.ok && Array.isArray(a.body.enrollment_automations) ? a.body.enrollment_automations : a.status === 404 ? [] : null)),
    listAll(client, '/phones/list', { owner_user_identity_id: userIdentityId }, 'phones', { signal }),
  ]);
  if (automations === null) throw new SeamidError('seamid: /user_identities/enrollment_automations/list gave no list during verification', { code: 'invalid_response' });
  const everyAcsUser = new Set([...acsUserIds, ...ids(users, 'acs_user_id')]);
  const credentials = (await Promise.all([...everyAcsUser].map((acsUserId) => listAll(client, '/acs/credentials/list', { acs_user_id: acsUserId }, 'acs_credentials',
    { signal, emptyOn: ['acs_user_not_found'] })))).flat();
  const left = {
    client_sessions: ids(sessions, 'client_session_id'), acs_users: ids(users, 'acs_user_id'), acs_credentials: ids(credentials, 'acs_credential_id'),
    enrollment_automations: ids(automations, 'enrollment_automation_id'), phones: ids(phones, 'device_id'),
  };
  const leftCount = Object.values(left).reduce((n, list) => n + list.length, 0);
  return { user_identity_gone: !got.ok, left, clean: !got.ok && leftCount === 0 };
}

/**
 * Deletes a user identity and everything attached (fetch + planDeletion + execute + verify). Options: those of
 * executeDeletion plus order, policy (as planDeletion), maxRounds (default 3) and snapshot: this identity's
 * snapshot just fetched (fetchDeletionSnapshot; what a confirmation prompt showed the plan of), planned in the
 * first round instead of fetching again. Resumable: run it again after an abort or a failure. Resolves to the
 * report; rejects with SeamidError (with `report`) or an AbortError.
 */
export async function deleteUserIdentity(seam, userIdentityId, options = {}) {
  const o = executeOptions(options);
  const maxRounds = o.maxRounds ?? 3;
  if (!(Number.isSafeInteger(maxRounds) && maxRounds >= 1)) throw new TypeError('seamid: options.maxRounds must be a positive integer');
  const given = options.snapshot;
  if (given !== undefined) {
    if (given === null || typeof given !== 'object' || given.user_identity === null || typeof given.user_identity !== 'object')
      throw new TypeError('seamid: options.snapshot must be a deletion snapshot (fetchDeletionSnapshot)');
    if (String(given.user_identity.user_identity_id).toLowerCase() !== String(userIdentityId).toLowerCase())
      throw new TypeError(`seamid: options.snapshot is the snapshot of ${given.user_identity.user_identity_id}, not of ${userIdentityId}`);
  }
  const emit = (event) => o.onProgress?.({ ...event, at: new Date().toISOString() });
  const client = createSeamClient(seam, { ...o, onThrottle: (info) => emit({ type: 'throttled', ...info }) });
  const startedAt = Date.now();
  const report = {
    format: 'seamid.deletion_report/1', user_identity_id: userIdentityId, ok: false, already_gone: false,
    order: o.order ?? 'parallel', policy: o.policy ?? 'guide', started_at: new Date(startedAt).toISOString(), duration_ms: 0,
    calls: 0, retries: 0, throttled: 0, rounds: [], notes: [], verification: null,
  };
  const finish = () => {
    report.duration_ms = Date.now() - startedAt;
    report.calls = client.stats.requests;
    report.retries = client.stats.retries;
    report.throttled = client.stats.throttled;
    return report;
  };
  const acsUserIds = new Set();
  emit({ type: 'run_started', user_identity_id: userIdentityId });
  try {
    for (let round = 1; round <= maxRounds; round++) {
      let snapshot = round === 1 ? given : undefined;
      if (snapshot === undefined) try {
        const read = await readDeletionSnapshot(client, userIdentityId, { signal: o.signal });
        snapshot = read.snapshot;
        for (const note of read.notes) if (!report.notes.includes(note)) report.notes.push(note);
      } catch (error) {
        if (error?.code !== 'user_identity_not_found') throw error;
        // Gone already (an earlier run, or someone else): done if nothing attached is listed.
        if (round === 1) report.already_gone = true;
        break;
      }
      for (const user of snapshot.acs_users) acsUserIds.add(user.acs_user_id);
      emit({ type: 'snapshot_fetched', round, counts: Object.fromEntries(Object.entries(snapshot).filter(([, v]) => Array.isArray(v)).map(([k, v]) => [k, v.length])) });
      const plan = planDeletion(snapshot, { order: o.order, policy: o.policy });
      if (!plan.ok) {
        throw new SeamidError(`seamid: the snapshot of ${userIdentityId} does not add up: ${plan.issues.map((i) => i.message).join('; ')}`, { code: 'invalid_snapshot', issues: plan.issues });
      }
      for (const note of plan.notes) if (!report.notes.includes(note)) report.notes.push(note);
      emit({ type: 'plan_ready', round, steps: plan.steps.length, waves: plan.waves.length });
      try {
        report.rounds.push(await runPlan(client, plan, o, emit));
        break;
      } catch (error) {
        if (error?.report) report.rounds.push(error.report);
        // A call Seam refused (something appeared since the snapshot) or a step that failed: re-fetch, re-plan.
        if (error?.code !== 'deletion_failed' || round === maxRounds) throw error;
        emit({ type: 'replanning', round, reason: error.message });
      }
    }
    const verification = await verifyDeleted(client, userIdentityId, acsUserIds, { signal: o.signal });
    report.verification = verification;
    emit({ type: 'verified', ...verification });
    if (!verification.clean) {
      const left = Object.entries(verification.left).filter(([, ids]) => ids.length).map(([k, ids]) => `${ids.length} ${k} (${ids.slice(0, 3).join(', ')})`);
      throw new SeamidError(`seamid: after deleting ${userIdentityId}, ${verification.user_identity_gone ? '' : 'the identity and '}${left.join(', ') || 'nothing else'} ${left.length ? 'are' : 'is'} still listed`, {
        code: 'deletion_failed',
      });
    }
    report.ok = true;
    emit({ type: 'run_finished', ok: true, calls: client.stats.requests });
    return finish();
  } catch (error) {
    finish();
    emit({ type: 'run_finished', ok: false, error: error?.message });
    if (isAbortError(error)) throw abortError(o.signal, report);
    if (error instanceof SeamidError) {
      error.report = report;
      throw error;
    }
    throw error;
  }
}
