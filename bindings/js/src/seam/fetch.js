// Fetchers: what each seamid check takes, read from Seam's list endpoints (every page, bounded), through the client
// of client.js. They return data in the shapes planDeletion, createWorkspace and createAcsModel take.
import { createSeamClient } from './client.js';
import { SeamidError } from './errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An error for a JSON error answer a fetcher cannot read past. */
function apiError(route, answer) {
  return new SeamidError(`seamid: ${route} answered ${answer.status} ${answer.error.type}: ${answer.error.message ?? ''}`.trim(), {
    code: 'api_error', route, status: answer.status, type: answer.error.type, requestId: answer.error.request_id,
  });
}

/**
 * Every item of a list route, following `pagination.next_page_cursor` (sent back as `page_cursor`) for at most
 * `maxPages` pages; a repeated cursor is an invalid answer, never a loop. Error types in `emptyOn` read as [].
 */
export async function listAll(client, route, params, key, { signal, maxPages = 10_000, emptyOn = [] } = {}) {
  const items = [];
  const seen = new Set();
  let cursor = null;
  for (let pages = 0; pages < maxPages; pages++) {
    const answer = await client.call(route, cursor === null ? params : { ...params, page_cursor: cursor }, { signal });
    if (!answer.ok) {
      if (emptyOn.includes(answer.error.type)) return items;
      throw apiError(route, answer);
    }
    const list = answer.body[key];
    if (!Array.isArray(list)) throw new SeamidError(`seamid: ${route} answered without a "${key}" list`, { code: 'invalid_response', route });
    for (const item of list) items.push(item);
    const pagination = answer.body.pagination;
    if (!pagination || pagination.has_next_page !== true) return items;
    const next = pagination.next_page_cursor;
    if (typeof next !== 'string' || next === '' || seen.has(next))
      throw new SeamidError(`seamid: ${route} answered has_next_page with a missing or repeated next_page_cursor`, { code: 'invalid_response', route });
    seen.add(next);
    cursor = next;
  }
  throw new SeamidError(`seamid: ${route} had more than ${maxPages} pages`, { code: 'invalid_response', route });
}

/** The snapshot and notes (such as "enrollment automations not supported") for one identity; see fetchDeletionSnapshot. */
export async function readDeletionSnapshot(client, userIdentityId, { signal } = {}) {
  if (typeof userIdentityId !== 'string' || !UUID.test(userIdentityId))
    throw new TypeError('seamid: userIdentityId must be a user_identity_id (a UUID)');
  const got = await client.call('/user_identities/get', { user_identity_id: userIdentityId }, { signal });
  if (!got.ok) {
    if (got.error.type === 'user_identity_not_found')
      throw new SeamidError(`seamid: user identity ${userIdentityId} not found`, { code: 'user_identity_not_found', route: '/user_identities/get', userIdentityId });
    throw apiError('/user_identities/get', got);
  }
  const identity = got.body.user_identity;
  if (identity === null || typeof identity !== 'object' || typeof identity.user_identity_id !== 'string')
    throw new SeamidError('seamid: /user_identities/get answered without a user_identity', { code: 'invalid_response', route: '/user_identities/get' });
  const notes = [];
  const byIdentity = { user_identity_id: userIdentityId };
  const [clientSessions, acsUsers, automations, phones] = await Promise.all([
    listAll(client, '/client_sessions/list', byIdentity, 'client_sessions', { signal }),
    listAll(client, '/acs/users/list', byIdentity, 'acs_users', { signal }),
    client.call('/user_identities/enrollment_automations/list', byIdentity, { signal }).then((answer) => {
      // 1.x calls these routes undocumented and 2.x dropped them: a 404 means the API does not offer them.
      if (!answer.ok && answer.status === 404) {
        notes.push('/user_identities/enrollment_automations/list answered 404: enrollment automations are not supported here, so none are deleted');
        return [];
      }
      if (!answer.ok) throw apiError('/user_identities/enrollment_automations/list', answer);
      if (!Array.isArray(answer.body.enrollment_automations))
        throw new SeamidError('seamid: /user_identities/enrollment_automations/list answered without a list', { code: 'invalid_response' });
      return answer.body.enrollment_automations;
    }),
    listAll(client, '/phones/list', { owner_user_identity_id: userIdentityId }, 'phones', { signal }),
  ]);
  // Credentials per ACS user (the guide's /acs/credentials/list {acs_user_id}); an ACS user deleted meanwhile has none.
  const credentialLists = await Promise.all(acsUsers.map((user) => listAll(client, '/acs/credentials/list', { acs_user_id: user.acs_user_id }, 'acs_credentials',
    { signal, emptyOn: ['acs_user_not_found'] })));
  const snapshot = {
    user_identity: identity, client_sessions: clientSessions, acs_users: acsUsers, acs_credentials: credentialLists.flat(),
    enrollment_automations: automations, phones,
  };
  return { snapshot, notes };
}

/** What planDeletion takes for one identity: the identity and everything attached, every page of every list.
 * Rejects with SeamidError code user_identity_not_found for an unknown identity. */
export async function fetchDeletionSnapshot(seam, userIdentityId, options = {}) {
  return (await readDeletionSnapshot(createSeamClient(seam, options), userIdentityId, options)).snapshot;
}

/** Every identity of the workspace (all pages of /user_identities/list): what createWorkspace takes. */
export async function fetchWorkspace(seam, options = {}) {
  return listAll(createSeamClient(seam, options), '/user_identities/list', {}, 'user_identities', options);
}

/** ACS systems, ACS users and user identities (every page): what createAcsModel takes. */
export async function fetchAcsSnapshot(seam, options = {}) {
  const client = createSeamClient(seam, options);
  const [acsSystems, acsUsers, identities] = await Promise.all([
    listAll(client, '/acs/systems/list', {}, 'acs_systems', options),
    listAll(client, '/acs/users/list', {}, 'acs_users', options),
    listAll(client, '/user_identities/list', {}, 'user_identities', options),
  ]);
  return { acs_systems: acsSystems, acs_users: acsUsers, user_identities: identities };
}
