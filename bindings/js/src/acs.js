// createAcsModel / auditAcsSnapshot: the ACS-link model (seam-spec §3) kept inside the wasm module behind a
// handle that AcsModel.dispose() frees. Every result is a plain object; add/remove_acs_user preflights of
// well-formed ids take a packed, allocation-free path, everything else goes through JSON text.
import { checkOptions, inputIssue, isStrict, typeIssue } from './wire.js';

const verdicts = ['allowed', 'no_op', 'refused'];
const fields = ['', 'user_identity_id', 'acs_user_id', 'acs_system_id'];
const sections = { acs_systems: 0, acs_users: 1, user_identities: 2 };
const operations = {
  add: '/user_identities/add_acs_user',
  remove: '/user_identities/remove_acs_user',
  createAcsUser: '/acs/users/create',
  createUserIdentity: '/user_identities/create',
};

/** Splits a message template into literal text and placeholder names (odd indexes). */
const compile = (template) => template.split(/\{(\w+)\}/);

/** The ACS part of the API. */
export function acsApi(wasm, wire) {
  const catalog = wasm._acsCatalog().map((entry) => (entry ? { code: entry[0], severity: entry[1], parts: compile(entry[2]) } : null));
  const registry = typeof FinalizationRegistry === 'function' ? new FinalizationRegistry((handle) => wasm._acsDispose(handle)) : null;

  /** JSON text of a value; with `textAllowed` (snapshots) a string is taken as JSON text already. */
  function toJsonText(value, textAllowed = false) {
    if (textAllowed && typeof value === 'string') return { text: value };
    try {
      const text = JSON.stringify(value);
      if (text === undefined) return { issue: inputIssue('Input is not JSON data (a function, symbol or undefined).') };
      return { text };
    } catch (error) {
      return { issue: inputIssue(`Input cannot be serialised as JSON: ${error.message}`) };
    }
  }

  const withOk = (result) => ({ ...result, ok: !result.issues.some((found) => found.severity === 'error') });

  // The link fast path: both ids are written as bytes into the module's fixed link buffer (no string
  // concatenation, no encoder), the check is a raw wasm export (no embind invoker) returning one packed
  // integer, and ids named by a finding are read back from the buffer only when a message needs them.
  // Module._name is a lazy wrapper until its first call replaces it with the wasm function itself: call each
  // export once, then keep the function.
  const linkAddress = wasm._seamid_acs_link_buffer();
  const linkBuffer = wasm._seamid_acs_link_buffer;
  wasm._seamid_acs_check_link(0, 0);  // handle 0 is never live: returns -1, and resolves the export
  const checkLink = wasm._seamid_acs_check_link;
  if (linkBuffer() !== linkAddress) throw new Error('seamid: the ACS link buffer moved');

  /** Writes two 36-character ASCII ids into the link buffer; false when either has a non-ASCII character. */
  function writeLinkIds(identityId, acsUserId) {
    const heap = wasm.HEAPU8;
    const second = linkAddress + 36;
    let wide = 0;
    for (let i = 0; i < 36; i++) {
      const a = identityId.charCodeAt(i);
      const b = acsUserId.charCodeAt(i);
      wide |= a | b;
      heap[linkAddress + i] = a;
      heap[second + i] = b;
    }
    return wide < 0x80;
  }

  /** The 36-character id the check wrote at `offset` of the link buffer (one string, no view or array made). */
  function linkOutputId(offset) {
    const h = wasm.HEAPU8;
    const s = linkAddress + offset;
    return String.fromCharCode(h[s], h[s + 1], h[s + 2], h[s + 3], h[s + 4], h[s + 5], h[s + 6], h[s + 7], h[s + 8],
      h[s + 9], h[s + 10], h[s + 11], h[s + 12], h[s + 13], h[s + 14], h[s + 15], h[s + 16], h[s + 17], h[s + 18],
      h[s + 19], h[s + 20], h[s + 21], h[s + 22], h[s + 23], h[s + 24], h[s + 25], h[s + 26], h[s + 27], h[s + 28],
      h[s + 29], h[s + 30], h[s + 31], h[s + 32], h[s + 33], h[s + 34], h[s + 35]);
  }

  // Message placeholders of the link findings, as small integers; the ids the check writes sit at these
  // offsets of the link buffer (acs.cpp link_buffer).
  const FIELD = 0, IDENTITY = 1, ACS_USER = 2, SYSTEM = 72, OTHER_IDENTITY = 108, OTHER_ACS_USER = 144, NOTHING = -1;
  const placeholders = {
    field: FIELD, user_identity_id: IDENTITY, acs_user_id: ACS_USER,
    acs_system_id: SYSTEM, other_user_identity_id: OTHER_IDENTITY, other_acs_user_id: OTHER_ACS_USER,
  };
  /** Per code: its name, severity, and its template as [text, slot, text, slot, ..., text] with numeric slots. */
  const linkCatalog = catalog.map((entry) => entry && {
    code: entry.code,
    severity: entry.severity,
    error: entry.severity === 'error',
    parts: entry.parts.map((part, k) => (k % 2 === 0 ? part : placeholders[part] ?? NOTHING)),
  });

  /** Decodes the packed link verdict of seamid_acs_check_link into { ok, verdict, issues }. */
  function decodeLink(packed, identityId, acsUserId) {
    const count = (packed >>> 2) & 3;
    const verdict = verdicts[packed & 3];
    if (count === 0) return { ok: true, verdict, issues: [] };
    const issues = new Array(count);
    let ok = true;
    for (let i = 0; i < count; i++) {
      const finding = (packed >>> (4 + 8 * i)) & 0xff;
      const entry = linkCatalog[finding & 63];
      const field = fields[finding >>> 6];
      const parts = entry.parts;
      let message = parts[0];
      for (let k = 1; k < parts.length; k += 2) {
        const slot = parts[k];
        const value = slot === IDENTITY ? identityId
          : slot === ACS_USER ? acsUserId
            : slot === FIELD ? field
              : slot > 0 ? linkOutputId(slot) : '';
        message += value + parts[k + 1];
      }
      if (entry.error) ok = false;
      issues[i] = { path: [field], code: entry.code, severity: entry.severity, message };
    }
    return { ok, verdict, issues };
  }

  /** An ACS-link model: load snapshots, preflight operations, apply changes, audit. Call dispose() when done. */
  class AcsModel {
    #handle;
    #token = {};

    constructor() {
      this.#handle = wasm._acsCreate();
      registry?.register(this, this.#handle, this.#token);
      /** Issues of the snapshot given to createAcsModel (empty when none was given). */
      this.loadIssues = [];
    }

    #live() {
      if (this.#handle === 0) throw new Error('seamid: this AcsModel was disposed');
      return this.#handle;
    }

    /** Loads a snapshot (object or JSON text) or one more page of list results; returns the issues. */
    load(snapshot) {
      const handle = this.#live();
      const { text, issue } = toJsonText(snapshot, true);
      if (issue) return [issue];
      return JSON.parse(wasm._acsLoad(handle, text));
    }

    #link(add, request) {
      const handle = this.#live();
      if (request !== null && typeof request === 'object') {
        const identityId = request.user_identity_id;
        const acsUserId = request.acs_user_id;
        if (typeof identityId === 'string' && typeof acsUserId === 'string' && identityId.length === 36 && acsUserId.length === 36
            && writeLinkIds(identityId, acsUserId))
          return decodeLink(checkLink(handle, add), identityId, acsUserId);
      }
      return this.preflight(add ? operations.add : operations.remove, request);
    }

    /** Preflight of /user_identities/add_acs_user {user_identity_id, acs_user_id}. */
    preflightAddAcsUser(request) { return this.#link(1, request); }

    /** Preflight of /user_identities/remove_acs_user {user_identity_id, acs_user_id}. */
    preflightRemoveAcsUser(request) { return this.#link(0, request); }

    /** Preflight of /acs/users/create {acs_system_id, full_name, user_identity_id?, email_address?, phone_number?}. */
    preflightCreateAcsUser(request, options) { return this.preflight(operations.createAcsUser, request, options); }

    /** Preflight of /user_identities/create with acs_system_ids: the plan per system in `acs_systems`. */
    preflightCreateUserIdentity(request) { return this.preflight(operations.createUserIdentity, request); }

    /** Preflight of any supported endpoint ('/user_identities/add_acs_user', ...) with its request body. */
    preflight(operation, request, options) {
      const handle = this.#live();
      checkOptions(options);
      if (typeof operation !== 'string') throw new TypeError('seamid: operation must be an endpoint path string');
      const { text, issue } = toJsonText(request === undefined ? null : request);
      if (issue) return { ok: false, verdict: 'refused', issues: [issue] };
      return JSON.parse(wasm._acsPreflight(handle, operation, text, isStrict(options)));
    }

    /** Records a successful /user_identities/add_acs_user in the model (only when its preflight allows it). */
    linkAcsUser(request) { return this.#apply(true, request); }

    /** Records a successful /user_identities/remove_acs_user in the model (only when its preflight allows it). */
    unlinkAcsUser(request) { return this.#apply(false, request); }

    #apply(add, request) {
      const handle = this.#live();
      const { text, issue } = toJsonText(request === undefined ? null : request);
      if (issue) return { ok: false, verdict: 'refused', issues: [issue], applied: false };
      return JSON.parse(wasm._acsApplyLink(handle, add, text));
    }

    #put(section, record) {
      const handle = this.#live();
      const { text, issue } = toJsonText(record === undefined ? null : record);
      if (issue) return [issue];
      return JSON.parse(wasm._acsPut(handle, section, text));
    }

    /** Adds or replaces an ACS system (an acs_system object); returns issues (empty when stored). */
    putAcsSystem(record) { return this.#put(sections.acs_systems, record); }
    /** Adds or replaces an ACS user (an acs_user object, e.g. the response of /acs/users/create). */
    putAcsUser(record) { return this.#put(sections.acs_users, record); }
    /** Adds or replaces a user identity (a user_identity object). */
    putUserIdentity(record) { return this.#put(sections.user_identities, record); }

    #delete(section, id) {
      const handle = this.#live();
      if (typeof id !== 'string') throw new TypeError('seamid: the id to delete must be a string');
      return wasm._acsDelete(handle, section, id);
    }

    /** Deletes an ACS system and its ACS users; false when it was not in the model. */
    deleteAcsSystem(id) { return this.#delete(sections.acs_systems, id); }
    /** Deletes an ACS user (event acs_user.deleted); false when it was not in the model. */
    deleteAcsUser(id) { return this.#delete(sections.acs_users, id); }
    /** Deletes a user identity and its ACS users; false when it was not in the model. */
    deleteUserIdentity(id) { return this.#delete(sections.user_identities, id); }

    #list(systems, userIdentityId) {
      const handle = this.#live();
      const key = systems ? 'acs_systems' : 'acs_users';
      if (typeof userIdentityId !== 'string')
        return { ok: false, issues: [typeIssue(['user_identity_id'], 'a string', userIdentityId)], [key]: [] };
      return JSON.parse(wasm._acsList(handle, systems, userIdentityId));
    }

    /** /user_identities/list_acs_systems derived from the model: { ok, issues, acs_systems }. */
    listAcsSystems(userIdentityId) { return this.#list(true, userIdentityId); }
    /** /user_identities/list_acs_users derived from the model: { ok, issues, acs_users }. */
    listAcsUsers(userIdentityId) { return this.#list(false, userIdentityId); }

    /** Every violation and profile mismatch in the model: { ok, violations, mismatches, issues, counts }. */
    audit() { return JSON.parse(wasm._acsAudit(this.#live())); }

    /** Record counts and whether every internal invariant holds: { acs_systems, acs_users, user_identities, consistent }. */
    stats() { return JSON.parse(wasm._acsStats(this.#live())); }

    /** Frees the model inside the wasm module. Further calls throw; calling dispose() again does nothing. */
    dispose() {
      if (this.#handle === 0) return;
      registry?.unregister(this.#token);
      wasm._acsDispose(this.#handle);
      this.#handle = 0;
    }

    /** True once dispose() was called. */
    get disposed() { return this.#handle === 0; }
  }

  /** Creates an ACS model, optionally loading a snapshot (its issues are in `loadIssues`). */
  function createAcsModel(snapshot) {
    const model = new AcsModel();
    if (snapshot !== undefined) model.loadIssues = model.load(snapshot);
    return model;
  }

  /** Loads and audits a snapshot in one call (nothing to dispose): { ok, violations, mismatches, issues, counts }. */
  function auditAcsSnapshot(snapshot) {
    const { text, issue } = toJsonText(snapshot, true);
    if (issue) return withOk({ violations: 1, mismatches: 0, issues: [issue], counts: { acs_systems: 0, acs_users: 0, user_identities: 0 } });
    return JSON.parse(wasm._acsAuditSnapshot(text));
  }

  return { createAcsModel, auditAcsSnapshot };
}
