// A loopback Seam API simulator for the seamid/seam tests: plain node:http on 127.0.0.1, Seam's routes and answer
// shapes (https://docs.seam.co/latest/api, @seamapi/types), asynchronous deletes confirmed by events, the deletion
// guide's orderings enforced (a premature call is refused and counted), and faults injected on demand.
import { createHmac } from 'node:crypto';
import http from 'node:http';

/** A small seeded PRNG (mulberry32): runs are reproducible from their seed. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A UUID v4 drawn from `random` (Seam's ids are UUIDs; the core checks their shape). */
export function uuidFrom(random) {
  let hex = '';
  for (let i = 0; i < 32; i++) hex += Math.floor(random() * 16).toString(16);
  const variant = '89ab'[Math.floor(random() * 4)];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

// Resource kinds the simulator deletes asynchronously: where they live, their id field and confirming event.
const KINDS = {
  client_session: { table: 'clientSessions', idField: 'client_session_id', event: 'client_session.deleted', route: '/client_sessions/delete' },
  acs_credential: { table: 'credentials', idField: 'acs_credential_id', event: 'acs_credential.deleted', route: '/acs/credentials/delete' },
  acs_user: { table: 'acsUsers', idField: 'acs_user_id', event: 'acs_user.deleted', route: '/acs/users/delete' },
  enrollment_automation: { table: 'automations', idField: 'enrollment_automation_id', event: 'enrollment_automation.deleted', route: '/user_identities/enrollment_automations/delete' },
  phone: { table: 'phones', idField: 'device_id', event: 'phone.deactivated', route: '/phones/deactivate' },
};
const KIND_BY_ROUTE = new Map(Object.entries(KINDS).map(([name, k]) => [k.route, { name, ...k }]));

// The lists Seam paginates (@seamapi/http 1.102.0 pages these through createPaginator); the others answer whole.
const PAGINATED = new Set(['/user_identities/list', '/acs/users/list', '/acs/credentials/list']);
const FAULT_KINDS = ['429', '503', 'lost', 'slow', 'garbage', '503_after'];
// Counted in stats.faults from the start; '503_after' (the effect is applied, then a 503 answers: a create whose
// outcome the client cannot know) is counted once it happens.
const COUNTED_FAULTS = FAULT_KINDS.slice(0, 5);

/**
 * Starts a simulator. Options: apiKey, seed, pageSize (paginated lists), eventDelayMs [min, max], eventsLimit
 * (the most /events/list answers), cascade (the identity's delete removes sessions, ACS users and credentials, as
 * Seam's API reference says; otherwise everything attached must be gone first, as the guide asks),
 * enrollmentAutomations (false: those routes answer 404, as when the API lacks them), faults (see setFaults),
 * webhook ({ url, secret }: every event is also POSTed there, signed as Seam's webhooks are), rateLimit (requests per
 * second: more within any 1 s window answer 429 with Retry-After in whole seconds, as HTTP's delta-seconds are).
 */
export async function startSimulator(options = {}) {
  const random = prng(options.seed ?? 1);
  const apiKey = options.apiKey ?? 'seam_test_key_0001';
  const workspaceId = options.workspaceId ?? uuidFrom(random);
  const db = {
    identities: new Map(), clientSessions: new Map(), acsSystems: new Map(), acsUsers: new Map(),
    credentials: new Map(), automations: new Map(), phones: new Map(),
  };
  const deleting = new Map(); // id -> timer of a delete accepted and not yet done
  const events = []; // { event, visibleAt, twice }
  const stats = {
    requests: 0, byRoute: {}, faults: Object.fromEntries(COUNTED_FAULTS.map((k) => [k, 0])), unauthorized: 0,
    deleteCalls: new Map(), premature: [], log: [], creates: 0, createsByKey: new Map(), rateLimited: 0, webhooksSent: 0, webhookFailures: 0, eventsNeverEmitted: 0, inFlight: 0, maxInFlight: 0, eventsListCalls: 0,
  };
  const config = {
    pageSize: options.pageSize ?? 2,
    eventDelayMs: options.eventDelayMs ?? [5, 20],
    eventsLimit: options.eventsLimit ?? 500,
    cascade: options.cascade ?? false,
    enrollmentAutomations: options.enrollmentAutomations ?? true,
    garbage: false,
    rateLimit: options.rateLimit ?? null,
  };
  const accepted = []; // times of the requests the rate limit let through in the last second
  let faults = normaliseFaults(options.faults);
  const queued = []; // { route, kind } faults injected for the next matching requests
  const timers = new Set();
  const hooks = { beforeRequest: null, onEvent: null };
  let clock = 0; // a strictly increasing millisecond clock for created_at (events made in one ms stay ordered)

  function nowIso() {
    clock = Math.max(clock + 1, Date.now());
    return new Date(clock).toISOString();
  }

  function later(ms, fn) {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
    return t;
  }

  function normaliseFaults(f = {}) {
    return {
      rate: { ...Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])), ...(f.rate ?? {}) },
      routes: f.routes ?? null, // null: every route
      retryAfterSeconds: f.retryAfterSeconds ?? 0,
      slowMs: f.slowMs ?? 100,
      event: { late: 0, lateMs: 50, twice: 0, never: 0, shuffle: false, ...(f.event ?? {}) },
      neverIds: new Set(f.neverIds ?? []),
      stuckIds: new Set(f.stuckIds ?? []), // deletes accepted that never finish: still listed, no event
    };
  }

  function pick(range) {
    const [min, max] = Array.isArray(range) ? range : [range, range];
    return min + random() * (max - min);
  }

  // --- the workspace -------------------------------------------------------------------------------------------
  // One builder per resource (Seam's fields, ids from the seeded PRNG), each answering the new id; seed() combines them.
  const created = () => new Date(Date.UTC(2024, 0, 1) + Math.floor(random() * 1e10)).toISOString();

  function addAcsSystem(fields = {}) {
    const id = fields.acs_system_id ?? uuidFrom(random);
    db.acsSystems.set(id, {
      acs_system_id: id, name: `System ${db.acsSystems.size + 1}`, external_type: 'salto_ks_site', external_type_display_name: 'Salto KS site',
      system_type: 'salto_ks_site', system_type_display_name: 'Salto KS site', is_credential_manager: false, location: { time_zone: null },
      created_at: created(), workspace_id: workspaceId, connected_account_ids: [uuidFrom(random)], connected_account_id: uuidFrom(random),
      image_url: 'https://connect.getseam.com/assets/images/acs_systems/salto_ks.png', image_alt_text: 'Salto KS', errors: [], warnings: [], ...fields,
    });
    return id;
  }

  function addIdentity(fields = {}) {
    const id = fields.user_identity_id ?? uuidFrom(random);
    const n = db.identities.size + 1;
    db.identities.set(id, {
      user_identity_id: id, user_identity_key: `user-${n}-${id.slice(0, 8)}`, email_address: `user${n}.${id.slice(0, 8)}@example.com`,
      phone_number: null, display_name: `User ${n}`, full_name: `User ${n}`, created_at: created(), workspace_id: workspaceId,
      errors: [], warnings: [], acs_user_ids: [], ...fields,
    });
    return id;
  }

  function addClientSession(userIdentityId) {
    const id = uuidFrom(random);
    const at = created();
    db.clientSessions.set(id, {
      client_session_id: id, workspace_id: workspaceId, created_at: at, expires_at: new Date(Date.parse(at) + 864e5 * 30).toISOString(),
      token: `seam_cst_${id.replace(/-/g, '').slice(0, 20)}`, user_identifier_key: null, device_count: 0,
      connected_account_ids: [], connect_webview_ids: [], user_identity_ids: [userIdentityId], user_identity_id: userIdentityId,
    });
    return id;
  }

  function addAcsUser(userIdentityId, acsSystemId = addAcsSystem()) {
    const id = uuidFrom(random);
    const identity = db.identities.get(userIdentityId);
    db.acsUsers.set(id, {
      acs_user_id: id, acs_system_id: acsSystemId, workspace_id: workspaceId, created_at: created(), display_name: identity?.full_name ?? 'ACS user',
      external_type: 'salto_site_user', external_type_display_name: 'Salto site user', is_suspended: false, user_identity_id: userIdentityId ?? undefined,
      user_identity_full_name: identity?.full_name ?? null, user_identity_email_address: identity?.email_address ?? null,
      user_identity_phone_number: identity?.phone_number ?? null, warnings: [], errors: [], connected_account_id: uuidFrom(random), last_successful_sync_at: created(),
      full_name: identity?.full_name ?? 'ACS user', email_address: identity?.email_address ?? undefined, is_managed: true,
    });
    if (identity) identity.acs_user_ids.push(id);
    return id;
  }

  function addCredential(acsUserId) {
    const id = uuidFrom(random);
    const user = db.acsUsers.get(acsUserId);
    db.credentials.set(id, {
      acs_credential_id: id, acs_user_id: acsUserId, user_identity_id: user?.user_identity_id, connected_account_id: user?.connected_account_id ?? uuidFrom(random),
      acs_system_id: user?.acs_system_id ?? uuidFrom(random), display_name: 'Mobile key', is_multi_phone_sync_credential: false, access_method: 'mobile_key',
      external_type: 'salto_ks_credential', external_type_display_name: 'Salto KS credential', created_at: created(), workspace_id: workspaceId,
      errors: [], warnings: [], is_managed: true,
    });
    return id;
  }

  function addAutomation(userIdentityId) {
    const id = uuidFrom(random);
    db.automations.set(id, {
      enrollment_automation_id: id, credential_manager_acs_system_id: addAcsSystem({ is_credential_manager: true }),
      user_identity_id: userIdentityId, created_at: created(), workspace_id: workspaceId,
    });
    return id;
  }

  function addPhone(userIdentityId) {
    const id = uuidFrom(random);
    db.phones.set(id, {
      device_id: id, display_name: 'Phone', nickname: undefined, workspace_id: workspaceId, created_at: created(), custom_metadata: {},
      errors: [], warnings: [], device_type: random() < 0.5 ? 'ios_phone' : 'android_phone', properties: {}, owner_user_identity_id: userIdentityId,
    });
    return id;
  }

  /** Builds identities with attached resources; answers their ids. Counts may be numbers or [min, max]. */
  function seed(spec = {}) {
    const count = (v, d) => Math.round(pick(v ?? d));
    const systems = Array.from({ length: spec.acsSystems ?? 3 }, () => addAcsSystem());
    const ids = [];
    for (let i = 0; i < (spec.identities ?? 1); i++) {
      const id = addIdentity();
      ids.push(id);
      for (let s = count(spec.clientSessions, 2); s > 0; s--) addClientSession(id);
      const users = Math.min(count(spec.acsUsers, 3), systems.length);
      for (let u = 0; u < users; u++) {
        const acsUserId = addAcsUser(id, systems[u]);
        for (let c = count(spec.credentials, 3); c > 0; c--) addCredential(acsUserId);
      }
      for (let e = count(spec.enrollmentAutomations, 1); e > 0; e--) addAutomation(id);
      for (let p = count(spec.phones, 2); p > 0; p--) addPhone(id);
    }
    return ids;
  }

  /** Everything still attached to an identity (deleting or not), as the lists would answer it. */
  function attached(userIdentityId) {
    const users = [...db.acsUsers.values()].filter((u) => u.user_identity_id === userIdentityId);
    const userIds = new Set(users.map((u) => u.acs_user_id));
    return {
      user_identity: db.identities.get(userIdentityId) ?? null,
      client_sessions: [...db.clientSessions.values()].filter((s) => s.user_identity_id === userIdentityId),
      acs_users: users,
      acs_credentials: [...db.credentials.values()].filter((c) => userIds.has(c.acs_user_id) || c.user_identity_id === userIdentityId),
      enrollment_automations: [...db.automations.values()].filter((a) => a.user_identity_id === userIdentityId),
      phones: [...db.phones.values()].filter((p) => p.owner_user_identity_id === userIdentityId),
    };
  }

  // --- events --------------------------------------------------------------------------------------------------
  function emit(kindName, resource) {
    const kind = KINDS[kindName];
    const id = resource[kind.idField];
    const f = faults.event;
    if (faults.neverIds.has(id) || random() < f.never) {
      stats.eventsNeverEmitted++;
      return;
    }
    const at = nowIso();
    const event = { event_id: uuidFrom(random), event_type: kind.event, workspace_id: workspaceId, created_at: at, occurred_at: at, [kind.idField]: id };
    if (resource.acs_system_id && (kindName === 'acs_user' || kindName === 'acs_credential')) event.acs_system_id = resource.acs_system_id;
    if (resource.connected_account_id && (kindName === 'acs_user' || kindName === 'acs_credential')) event.connected_account_id = resource.connected_account_id;
    const visibleAt = Date.now() + (random() < f.late ? f.lateMs : 0);
    events.push({ event, visibleAt, twice: random() < f.twice });
    hooks.onEvent?.({ ...event });
    if (options.webhook) deliver(event);
  }

  /** POSTs an event to options.webhook.url signed as Seam's webhooks are (Svix: HMAC-SHA256 of id.timestamp.body
   * with the base64 secret after "whsec_"); delivery failures are counted, not retried. */
  function deliver(event) {
    const { url, secret } = options.webhook;
    const body = JSON.stringify(event);
    const id = `msg_${event.event_id.replace(/-/g, '')}`;
    const timestamp = String(Math.floor(Date.now() / 1000));
    const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
    const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
    stats.webhooksSent++;
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'svix-id': id, 'svix-timestamp': timestamp, 'svix-signature': `v1,${signature}` }, body })
      .then((res) => res.arrayBuffer()).catch(() => stats.webhookFailures++);
  }

  function finishDelete(kindName, id) {
    deleting.delete(id);
    const table = db[KINDS[kindName].table];
    const resource = table.get(id);
    if (!resource) return;
    table.delete(id);
    if (kindName === 'acs_user') {
      const identity = db.identities.get(resource.user_identity_id);
      if (identity) identity.acs_user_ids = identity.acs_user_ids.filter((x) => x !== id);
    }
    emit(kindName, resource);
  }

  // --- routes --------------------------------------------------------------------------------------------------
  class ApiError extends Error {
    constructor(status, type, message) {
      super(message);
      this.status = status;
      this.type = type;
    }
  }
  const invalid = (message) => new ApiError(400, 'invalid_input', message);
  const notFound = (what) => new ApiError(404, `${what}_not_found`, `${what.replace(/_/g, ' ')} not found`);
  const required = (params, name) => {
    if (typeof params[name] !== 'string' || params[name] === '') throw invalid(`Required: ${name}`);
    return params[name];
  };

  function page(route, params, items, key) {
    if (!PAGINATED.has(route)) return { [key]: items };
    const limit = Math.max(1, Math.min(Number(params.limit) || 500, config.pageSize));
    let offset = 0;
    if (params.page_cursor != null) {
      try {
        offset = JSON.parse(Buffer.from(String(params.page_cursor), 'base64url').toString()).offset;
      } catch {
        throw invalid('Invalid page_cursor');
      }
      if (!Number.isSafeInteger(offset) || offset < 0) throw invalid('Invalid page_cursor');
    }
    const slice = items.slice(offset, offset + limit);
    const more = offset + limit < items.length;
    const cursor = more ? Buffer.from(JSON.stringify({ offset: offset + limit })).toString('base64url') : null;
    return {
      [key]: slice,
      pagination: { has_next_page: more, next_page_cursor: cursor, next_page_url: more ? `${endpoint}${route}?page_cursor=${cursor}` : null },
    };
  }

  function startDelete(kindName, id) {
    const table = db[KINDS[kindName].table];
    if (!table.has(id)) throw notFound(kindName);
    if (kindName === 'acs_user') {
      const left = [...db.credentials.values()].filter((c) => c.acs_user_id === id);
      if (left.length) {
        stats.premature.push({ route: KINDS.acs_user.route, id, reason: `${left.length} credential(s) still listed` });
        throw new ApiError(400, 'acs_user_has_credentials', `ACS user ${id} still has ${left.length} credential(s): delete them and wait for acs_credential.deleted first`);
      }
    }
    if (faults.stuckIds.has(id)) deleting.set(id, null);
    else if (!deleting.has(id)) deleting.set(id, later(pick(config.eventDelayMs), () => finishDelete(kindName, id)));
    return {};
  }

  function deleteIdentity(id) {
    if (!db.identities.has(id)) throw notFound('user_identity');
    const left = attached(id);
    const blocking = config.cascade
      ? { enrollment_automations: left.enrollment_automations }
      : { client_sessions: left.client_sessions, acs_users: left.acs_users, acs_credentials: left.acs_credentials,
        enrollment_automations: left.enrollment_automations, phones: left.phones };
    const counts = Object.entries(blocking).filter(([, v]) => v.length).map(([k, v]) => `${v.length} ${k}`);
    if (counts.length) {
      stats.premature.push({ route: '/user_identities/delete', id, reason: counts.join(', ') });
      throw new ApiError(400, 'user_identity_has_attached_resources', `User identity ${id} still has ${counts.join(', ')} listed`);
    }
    // Seam's API reference names credentials, ACS users and client sessions as cascaded, not phones.
    if (config.cascade) {
      for (const c of left.acs_credentials) finishDelete('acs_credential', c.acs_credential_id);
      for (const u of left.acs_users) finishDelete('acs_user', u.acs_user_id);
      for (const s of left.client_sessions) finishDelete('client_session', s.client_session_id);
    }
    db.identities.delete(id);
    return {};
  }

  function listEvents(params) {
    stats.eventsListCalls++;
    let from;
    let to = Infinity;
    if (params.between != null) {
      if (!Array.isArray(params.between) || params.between.length !== 2) throw invalid('between must be [from, to]');
      [from, to] = params.between.map((x) => Date.parse(x));
    } else if (params.since != null) {
      from = Date.parse(params.since);
    } else {
      throw invalid('Must specify either since or between');
    }
    if (!Number.isFinite(from) || Number.isNaN(to)) throw invalid('since/between must be ISO 8601 dates');
    const types = params.event_types != null ? [].concat(params.event_types) : params.event_type != null ? [params.event_type] : null;
    const filters = ['acs_credential_id', 'acs_user_id', 'device_id', 'acs_system_id', 'user_identity_id'].filter((f) => params[f] != null);
    const limit = Math.max(1, Math.min(Number(params.limit) || 500, config.eventsLimit));
    const now = Date.now();
    let out = [];
    for (const e of events) {
      const t = Date.parse(e.event.created_at);
      if (e.visibleAt > now || t < from || t > to) continue;
      if (types && !types.includes(e.event.event_type)) continue;
      if (filters.some((f) => e.event[f] !== params[f])) continue;
      out.push(e.event);
      if (e.twice) out.push({ ...e.event });
    }
    out = out.slice(0, limit);
    if (faults.event.shuffle) {
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
      }
    }
    return { events: out };
  }

  /** /user_identities/create: key, email and phone are each unique in the workspace when not null (Seam's docs:
   * "each of these values must be unique within your workspace"); the error types are the simulator's own. */
  function createIdentity(p) {
    const text = (name) => {
      if (p[name] == null) return null;
      if (typeof p[name] !== 'string') throw invalid(`${name} must be a string`);
      return p[name];
    };
    const key = text('user_identity_key');
    const email = text('email_address');
    const phone = text('phone_number');
    const fullName = text('full_name');
    if (email !== null && !/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(email)) throw invalid('email_address must be an email address');
    if (phone !== null && !/^\+[1-9]\d{1,14}$/.test(phone)) throw invalid('phone_number must be in E.164 format');
    if (fullName !== null && fullName.length < 1) throw invalid('full_name must not be empty');
    const systems = p.acs_system_ids ?? [];
    if (!Array.isArray(systems)) throw invalid('acs_system_ids must be an array');
    for (const systemId of systems) if (!db.acsSystems.has(systemId)) throw notFound('acs_system');
    for (const identity of db.identities.values()) {
      if (key !== null && identity.user_identity_key === key) throw new ApiError(400, 'user_identity_key_taken', `A user identity with user_identity_key ${key} already exists`);
      if (email !== null && identity.email_address === email) throw new ApiError(400, 'user_identity_email_address_taken', `A user identity with email_address ${email} already exists`);
      if (phone !== null && identity.phone_number === phone) throw new ApiError(400, 'user_identity_phone_number_taken', `A user identity with phone_number ${phone} already exists`);
    }
    const id = addIdentity({ user_identity_key: key, email_address: email, phone_number: phone, full_name: fullName, display_name: fullName ?? email ?? phone ?? key ?? 'User identity', created_at: nowIso() });
    for (const systemId of systems) addAcsUser(id, systemId);
    stats.creates++;
    if (key !== null) stats.createsByKey.set(key, (stats.createsByKey.get(key) ?? 0) + 1);
    return { user_identity: db.identities.get(id) };
  }

  const values = (m) => [...m.values()];
  const routes = {
    '/user_identities/get': (p) => {
      // By id, or by user_identity_key (Seam's get takes either).
      const identity = p.user_identity_id == null && typeof p.user_identity_key === 'string'
        ? values(db.identities).find((x) => x.user_identity_key === p.user_identity_key)
        : db.identities.get(required(p, 'user_identity_id'));
      if (!identity) throw notFound('user_identity');
      return { user_identity: identity };
    },
    '/user_identities/create': (p) => createIdentity(p),
    '/user_identities/list': (p, r) => page(r, p, values(db.identities), 'user_identities'),
    '/user_identities/delete': (p) => deleteIdentity(required(p, 'user_identity_id')),
    '/user_identities/list_acs_users': (p) => {
      const id = required(p, 'user_identity_id');
      if (!db.identities.has(id)) throw notFound('user_identity');
      return { acs_users: values(db.acsUsers).filter((u) => u.user_identity_id === id) };
    },
    '/client_sessions/list': (p) => ({
      client_sessions: values(db.clientSessions).filter((s) => p.user_identity_id == null || s.user_identity_id === p.user_identity_id),
    }),
    '/client_sessions/delete': (p) => startDelete('client_session', required(p, 'client_session_id')),
    '/acs/users/list': (p, r) => page(r, p, values(db.acsUsers).filter((u) => (p.user_identity_id == null || u.user_identity_id === p.user_identity_id)
      && (p.acs_system_id == null || u.acs_system_id === p.acs_system_id)), 'acs_users'),
    '/acs/users/delete': (p) => startDelete('acs_user', required(p, 'acs_user_id')),
    '/acs/credentials/list': (p, r) => {
      if (p.acs_user_id != null && !db.acsUsers.has(p.acs_user_id)) throw notFound('acs_user');
      return page(r, p, values(db.credentials).filter((c) => (p.acs_user_id == null || c.acs_user_id === p.acs_user_id)
        && (p.acs_system_id == null || c.acs_system_id === p.acs_system_id) && (p.user_identity_id == null || c.user_identity_id === p.user_identity_id)), 'acs_credentials');
    },
    '/acs/credentials/delete': (p) => startDelete('acs_credential', required(p, 'acs_credential_id')),
    '/user_identities/enrollment_automations/list': (p) => ({
      enrollment_automations: values(db.automations).filter((a) => a.user_identity_id === required(p, 'user_identity_id')),
    }),
    '/user_identities/enrollment_automations/delete': (p) => startDelete('enrollment_automation', required(p, 'enrollment_automation_id')),
    '/phones/list': (p) => ({
      phones: values(db.phones).filter((x) => p.owner_user_identity_id == null || x.owner_user_identity_id === p.owner_user_identity_id)
        .map(({ owner_user_identity_id, ...phone }) => phone),
    }),
    '/phones/deactivate': (p) => startDelete('phone', required(p, 'device_id')),
    '/acs/systems/list': () => ({ acs_systems: values(db.acsSystems) }),
    '/events/list': (p) => listEvents(p),
  };

  // --- HTTP ----------------------------------------------------------------------------------------------------
  function chooseFault(route) {
    const i = queued.findIndex((q) => q.route === '*' || q.route === route);
    if (i >= 0) return queued.splice(i, 1)[0].kind;
    if (faults.routes && !faults.routes.includes(route)) return null;
    let r = random();
    for (const kind of FAULT_KINDS) {
      if (r < faults.rate[kind]) return kind;
      r -= faults.rate[kind];
    }
    return null;
  }

  function parseQuery(search) {
    const params = {};
    for (const [rawKey, value] of new URLSearchParams(search)) {
      const key = rawKey.replace(/\[\]$/, '');
      if (key in params) params[key] = [].concat(params[key], value);
      else params[key] = rawKey.endsWith('[]') || key === 'event_types' || key === 'between' ? [value] : value;
    }
    return params;
  }

  function send(res, status, body, headers = {}) {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/html' : 'application/json; charset=utf-8', 'seam-request-id': uuidFrom(random), ...headers });
    res.end(text);
  }

  const sleep = (ms) => new Promise((resolve) => later(ms, resolve));

  async function handle(req, res) {
    stats.requests++;
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    res.on('close', () => stats.inFlight--);
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const url = new URL(req.url, 'http://127.0.0.1');
    const route = url.pathname;
    stats.byRoute[route] = (stats.byRoute[route] ?? 0) + 1;
    if (req.headers.authorization !== `Bearer ${apiKey}`) {
      stats.unauthorized++;
      return send(res, 401, { error: { type: 'unauthorized', message: 'Unauthorized' } });
    }
    if (config.garbage) return send(res, 200, '<html><body>Totally not JSON</body></html>');
    let params;
    try {
      params = req.method === 'GET' ? parseQuery(url.search) : chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
      if (params === null || typeof params !== 'object' || Array.isArray(params)) throw new Error('not an object');
    } catch {
      return send(res, 400, { error: { type: 'invalid_input', message: 'Body must be a JSON object' } });
    }
    const handler = routes[route];
    if (!handler || (!config.enrollmentAutomations && route.startsWith('/user_identities/enrollment_automations/')))
      return send(res, 404, { error: { type: 'not_found', message: `Route ${route} not found` } });
    await hooks.beforeRequest?.(route, params);
    if (config.rateLimit) {
      const now = Date.now();
      while (accepted.length && accepted[0] <= now - 1000) accepted.shift();
      if (accepted.length >= config.rateLimit) {
        stats.rateLimited++;
        const seconds = Math.max(1, Math.ceil((accepted[0] + 1000 - now) / 1000));
        return send(res, 429, { error: { type: 'rate_limited', message: `More than ${config.rateLimit} requests per second` } }, { 'retry-after': String(seconds) });
      }
      accepted.push(now);
    }
    const fault = chooseFault(route);
    if (fault) stats.faults[fault] = (stats.faults[fault] ?? 0) + 1;
    stats.log.push({ route, at: Date.now(), fault });
    if (fault === '429') return send(res, 429, { error: { type: 'rate_limited', message: 'Too many requests' } }, { 'retry-after': String(faults.retryAfterSeconds) });
    if (fault === '503') return send(res, 503, '<html><head><title>503 Service Unavailable</title></head><body>upstream unavailable</body></html>');
    if (fault === 'slow') await sleep(faults.slowMs);
    const kind = KIND_BY_ROUTE.get(route);
    const id = kind ? params[kind.idField] : route === '/user_identities/delete' ? params.user_identity_id : null;
    if (typeof id === 'string') stats.deleteCalls.set(id, (stats.deleteCalls.get(id) ?? 0) + 1);
    let status = 200;
    let body;
    try {
      body = { ...handler(params, route), ok: true };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status = error.status;
      body = { error: { type: error.type, message: error.message } };
    }
    if (fault === 'lost') {
      // The effect is applied; the answer never arrives.
      req.socket.destroy();
      return undefined;
    }
    if (fault === 'garbage') return send(res, 200, '{"ok": tru');
    if (fault === '503_after') return send(res, 503, '<html><head><title>503 Service Unavailable</title></head><body>gateway timeout after the write</body></html>');
    return send(res, status, body);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error) => {
      if (!res.headersSent) send(res, 500, { error: { type: 'internal_server_error', message: String(error?.message ?? error) } });
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${server.address().port}`;

  return {
    endpoint, apiKey, workspaceId, stats, db, config, hooks,
    seed, addIdentity, addClientSession, addAcsSystem, addAcsUser, addCredential, addAutomation, addPhone, attached,
    /** Replaces the random fault rates: { rate: {429, 503, lost, slow, garbage}, routes, retryAfterSeconds, slowMs, event: {late, lateMs, twice, never, shuffle}, neverIds }. */
    setFaults(f) {
      faults = normaliseFaults(f);
    },
    /** Makes the next request to `route` ('*': any) answer with fault `kind`. */
    inject(route, kind, times = 1) {
      if (!FAULT_KINDS.includes(kind)) throw new TypeError(`unknown fault ${kind}`);
      for (let i = 0; i < times; i++) queued.push({ route, kind });
    },
    /** True while a delete of `id` is accepted and its event not yet due. */
    isDeleting: (id) => deleting.has(id),
    /** Every event emitted so far (visible or not yet). */
    events: () => events.map((e) => e.event),
    /** Deletes still in flight (their events pending). */
    pendingDeletes: () => deleting.size,
    /** Waits until every accepted delete has finished (bounded by timeoutMs). */
    async settle(timeoutMs = 5000) {
      const end = Date.now() + timeoutMs;
      const pending = () => [...deleting.values()].filter((t) => t !== null).length;
      while (pending() && Date.now() < end) await sleep(10);
      return pending() === 0;
    },
    /** Stops the server and every pending timer. */
    async close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections?.();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
