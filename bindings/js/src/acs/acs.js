// createAcsModel / auditAcsSnapshot: the ACS-link model (docs/acs.md) kept inside the wasm module behind a
// handle, under the handle contract of common/handle.js ({ ok, issues } of the first snapshot, dispose(),
// Symbol.dispose, a FinalizationRegistry). Every result is a plain object; add/remove_acs_user preflights of
// well-formed ids take a packed, allocation-free path, everything else goes through JSON text.
import { HandleOwner, withHandleContract } from '../common/handle.js';
import { textTooLarge } from '../common/limits.js';
import { checkOptions, inputIssue, typeIssue } from '../common/wire.js';

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
  const free = (handle) => wasm._acsDispose(handle);
  const limits = wire.limits;

  /** JSON text of a value (each value read once, by JSON.stringify), within the module's limit: a snapshot's
   *  (`bulk`: a string is taken as JSON text already) or a request body's. */
  function toJsonText(value, bulk = false) {
    let text;
    if (bulk && typeof value === 'string') text = value;
    else {
      try {
        text = JSON.stringify(value);
      } catch (error) {
        return { issue: inputIssue(`Input cannot be serialised as JSON: ${error.message}`) };
      }
      if (text === undefined) return { issue: inputIssue('Input is not JSON data (a function, symbol or undefined).') };
    }
    const issue = textTooLarge(text, bulk ? limits.text : limits.field, [], bulk ? 'The snapshot\'s JSON text' : 'The request\'s JSON text');
    return issue ? { issue } : { text };
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
  wasm._seamid_acs_check_links(0, 0, 0);  // the same for the batch exports
  const checkLinks = wasm._seamid_acs_check_links;
  const linkBatch = (count) => wasm._seamid_acs_link_batch(count);
  const batchSize = 4096;  // requests per call of checkLinks (a 750 KB buffer)
  if (linkBuffer() !== linkAddress) throw new Error('seamid: the ACS link buffer moved');

  // Views of the link buffer for TextEncoder.encodeInto (a native copy, several times faster than a loop of
  // charCodeAt stores): the first id is encoded into bytes 0-71, the second into 36-179. An id is ASCII exactly
  // when it encodes to 36 bytes (any other character takes two bytes or more), so 72 bytes in all means both ids
  // are in place. The views are made again when the module's memory grew (the old buffer is then detached).
  const encoder = new TextEncoder();
  let firstIdView = null;
  let secondIdView = null;
  function linkViews() {
    if (firstIdView === null || firstIdView.buffer !== wasm.HEAPU8.buffer) {
      firstIdView = wasm.HEAPU8.subarray(linkAddress, linkAddress + 72);
      secondIdView = wasm.HEAPU8.subarray(linkAddress + 36, linkAddress + 180);
    }
  }
  linkViews();

  /** Writes two 36-character ASCII ids into the link buffer; false when either has a non-ASCII character. */
  function writeLinkIds(identityId, acsUserId) {
    if (encoder.encodeInto(identityId, firstIdView).written + encoder.encodeInto(acsUserId, secondIdView).written === 72) return true;
    if (firstIdView.length === 72) return false; // a non-ASCII id
    linkViews(); // the memory grew since the views were made
    return encoder.encodeInto(identityId, firstIdView).written + encoder.encodeInto(acsUserId, secondIdView).written === 72;
  }

  /** The 36-character id a check wrote at address `s` (one string, no view or array made). */
  function linkOutputId(s) {
    const h = wasm.HEAPU8;
    return String.fromCharCode(h[s], h[s + 1], h[s + 2], h[s + 3], h[s + 4], h[s + 5], h[s + 6], h[s + 7], h[s + 8],
      h[s + 9], h[s + 10], h[s + 11], h[s + 12], h[s + 13], h[s + 14], h[s + 15], h[s + 16], h[s + 17], h[s + 18],
      h[s + 19], h[s + 20], h[s + 21], h[s + 22], h[s + 23], h[s + 24], h[s + 25], h[s + 26], h[s + 27], h[s + 28],
      h[s + 29], h[s + 30], h[s + 31], h[s + 32], h[s + 33], h[s + 34], h[s + 35]);
  }

  // Message placeholders of the link findings, as small integers: the request's field and ids are negative; the
  // ids a check writes sit at these offsets from where it writes them (acs.cpp write_named_ids).
  const FIELD = -2, IDENTITY = -3, ACS_USER = -4, NOTHING = -1, SYSTEM = 0, OTHER_IDENTITY = 36, OTHER_ACS_USER = 72;
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

  /** Decodes a packed link verdict into { ok, verdict, issues }; the ids its messages name are at `named`. */
  function decodeLink(packed, identityId, acsUserId, named) {
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
              : slot >= 0 ? linkOutputId(named + slot) : '';
        message += value + parts[k + 1];
      }
      if (entry.error) ok = false;
      issues[i] = { path: [field], code: entry.code, severity: entry.severity, message };
    }
    return { ok, verdict, issues };
  }

  /** A plain link request's own enumerable members, each read once, the two ids (already read) taken as they were;
   *  any other object (an array, a Date, a class with toJSON) as it is, for JSON.stringify to read as JSON would. */
  function linkSnapshot(request, identityId, acsUserId) {
    const proto = Object.getPrototypeOf(request);
    if ((proto !== Object.prototype && proto !== null) || Array.isArray(request)) return request;
    const copy = {};
    for (const key of Object.keys(request))
      copy[key] = key === 'user_identity_id' ? identityId : key === 'acs_user_id' ? acsUserId : request[key];
    return copy;
  }
  const linkResult = (result, verdictOnly) => (verdictOnly ? result.verdict : result);
  /** A fresh copy of a preflight answer (each caller may change its result). */
  const copyResult = (answer) => ({ ...answer, issues: answer.issues.map((found) => ({ ...found, path: found.path.slice() })) });

  /** An ACS-link model: load snapshots, preflight operations, apply changes, audit. Call dispose() when done. */
  class AcsModel {
    #owner;

    constructor(owner) {
      this.#owner = owner;
    }

    #live() {
      return this.#owner.get();
    }

    /** Loads a snapshot (object or JSON text) or one more page of list results; returns the issues. */
    load(snapshot) {
      const handle = this.#live();
      const { text, issue } = toJsonText(snapshot, true);
      if (issue) return [issue];
      return JSON.parse(wasm._acsLoad(handle, wire.writeText(wasm._bulkReserve, text)));
    }

    #link(add, request) {
      const handle = this.#live();
      if (request === null || typeof request !== 'object') return this.preflight(add ? operations.add : operations.remove, request);
      const identityId = request.user_identity_id; // each read once: a getter sees one read
      const acsUserId = request.acs_user_id;
      if (typeof identityId === 'string' && typeof acsUserId === 'string' && identityId.length === 36 && acsUserId.length === 36
          && writeLinkIds(identityId, acsUserId))
        return decodeLink(checkLink(handle, add), identityId, acsUserId, linkAddress + 72);
      return this.preflight(add ? operations.add : operations.remove, linkSnapshot(request, identityId, acsUserId));
    }

    // Many link preflights: the well-formed requests of each chunk go to the module at once (their ids encoded
    // in one pass, their look-ups overlapped by check_acs_links); any other request takes #link's path. With
    // `verdictOnly`, each result is just the verdict string (no result object, issue or message is made). The array's
    // length and each request are read once; a hole is an undefined request; the answer to a request that is no
    // object (undefined, a number, a string) is asked of the module once per call and copied for the others.
    #links(add, requests, name, verdictOnly = false) {
      if (!Array.isArray(requests)) throw new TypeError(`seamid: ${name} expects an array of requests`);
      const handle = this.#live();
      const length = requests.length;
      if (!(length <= limits.items))
        throw new RangeError(`seamid: ${name} takes at most ${limits.items} requests (input_too_large: ${length}); split the list`);
      const results = new Array(length);
      const answers = new Map(); // a non-object request's JSON text -> the module's answer
      const one = (request, identityId, acsUserId) => {  // a request on its own
        let result;
        if (request === null || typeof request !== 'object') {
          const key = request === undefined ? 'null' : typeof request === 'bigint' ? `${request}n` : JSON.stringify(request) ?? 'null';
          let answer = answers.get(key);
          if (answer === undefined) answers.set(key, (answer = this.preflight(add ? operations.add : operations.remove, request)));
          result = copyResult(answer);
        } else {
          result = this.preflight(add ? operations.add : operations.remove, linkSnapshot(request, identityId, acsUserId));
        }
        return verdictOnly ? result.verdict : result;
      };
      for (let start = 0; start < length; start += batchSize) {
        const end = Math.min(length, start + batchSize);
        const batched = [];  // request index, user_identity_id, acs_user_id, request of each batched request
        let ids = '';
        for (let i = start; i < end; i++) {
          const request = requests[i];
          const object = request !== null && typeof request === 'object';
          const identityId = object ? request.user_identity_id : undefined;
          const acsUserId = object ? request.acs_user_id : undefined;
          if (typeof identityId === 'string' && typeof acsUserId === 'string' && identityId.length === 36 && acsUserId.length === 36) {
            batched.push(i, identityId, acsUserId, request);
            ids += identityId;
            ids += acsUserId;
          } else {
            results[i] = one(request, identityId, acsUserId);
          }
        }
        const count = batched.length / 4;
        if (count === 0) continue;
        const address = linkBatch(count); // may grow the memory: views are taken after it
        const { read, written } = encoder.encodeInto(ids, wasm.HEAPU8.subarray(address, address + count * 72));
        if (read !== ids.length || written !== ids.length || checkLinks(handle, add, count) !== 0) {
          // A non-ASCII id (it took more than one byte): each request of the chunk on its own, from what was read.
          for (let k = 0; k < batched.length; k += 4) {
            const [index, identityId, acsUserId, request] = batched.slice(k, k + 4);
            results[index] = writeLinkIds(identityId, acsUserId)
              ? linkResult(decodeLink(checkLink(handle, add), identityId, acsUserId, linkAddress + 72), verdictOnly)
              : one(request, identityId, acsUserId);
          }
          continue;
        }
        const packed = new Int32Array(wasm.HEAPU8.buffer, address + count * 72, count * 28);
        if (verdictOnly) {
          for (let k = 0; k < count; k++) results[batched[4 * k]] = verdicts[packed[k * 28] & 3];
          continue;
        }
        for (let k = 0; k < count; k++) {
          results[batched[4 * k]] = decodeLink(packed[k * 28], batched[4 * k + 1], batched[4 * k + 2], address + count * 72 + k * 112 + 4);
        }
      }
      return results;
    }

    /** Preflight of /user_identities/add_acs_user {user_identity_id, acs_user_id}. */
    preflightAddAcsUser(request) { return this.#link(1, request); }

    /** preflightAddAcsUser of each request (an array): the same results, faster for many requests. */
    preflightAddAcsUsers(requests) { return this.#links(1, requests, 'preflightAddAcsUsers'); }

    /** preflightRemoveAcsUser of each request (an array): the same results, faster for many requests. */
    preflightRemoveAcsUsers(requests) { return this.#links(0, requests, 'preflightRemoveAcsUsers'); }

    /** The verdict of preflightAddAcsUser for each request (an array): 'allowed', 'no_op' or 'refused', without
     *  the issues, for scripts that check many links and ask for the reasons of a few. */
    addAcsUserVerdicts(requests) { return this.#links(1, requests, 'addAcsUserVerdicts', true); }

    /** The verdict of preflightRemoveAcsUser for each request (an array), as addAcsUserVerdicts. */
    removeAcsUserVerdicts(requests) { return this.#links(0, requests, 'removeAcsUserVerdicts', true); }

    /** Preflight of /user_identities/remove_acs_user {user_identity_id, acs_user_id}. */
    preflightRemoveAcsUser(request) { return this.#link(0, request); }

    /** Preflight of /acs/users/create {acs_system_id, full_name, user_identity_id?, email_address?, phone_number?}. */
    preflightCreateAcsUser(request, options) { return this.preflight(operations.createAcsUser, request, options); }

    /** Preflight of /user_identities/create with acs_system_ids: the plan per system in `acs_systems`. */
    preflightCreateUserIdentity(request) { return this.preflight(operations.createUserIdentity, request); }

    /** Preflight of any supported endpoint ('/user_identities/add_acs_user', ...) with its request body. */
    preflight(operation, request, options) {
      const handle = this.#live();
      const { strict } = checkOptions(options);
      if (typeof operation !== 'string') throw new TypeError('seamid: operation must be an endpoint path string');
      const tooLarge = textTooLarge(operation, limits.field, [], 'The operation');
      if (tooLarge) return { ok: false, verdict: 'refused', issues: [tooLarge] };
      const { text, issue } = toJsonText(request === undefined ? null : request);
      if (issue) return { ok: false, verdict: 'refused', issues: [issue] };
      return JSON.parse(wasm._acsPreflight(handle, operation, text, strict));
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
      if (textTooLarge(id, limits.field)) return false; // no record has such an id
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
      const tooLarge = textTooLarge(userIdentityId, limits.field, ['user_identity_id'], 'The user_identity_id');
      if (tooLarge) return { ok: false, issues: [tooLarge], [key]: [] };
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

  }

  /** Creates an ACS model, optionally loading a snapshot; its problems are the model's `issues` (`ok`: none is an error). */
  function createAcsModel(snapshot) {
    const refused = HandleOwner.refusal(free, 'AcsModel'); // too many live: nothing is made
    const owner = new HandleOwner(refused ? 0 : wasm._acsCreate(), free, 'AcsModel');
    const model = new AcsModel(owner);
    return withHandleContract(model, owner, refused ? [refused] : snapshot === undefined ? [] : model.load(snapshot));
  }

  /** Loads and audits a snapshot in one call (nothing to dispose): { ok, violations, mismatches, issues, counts }. */
  function auditAcsSnapshot(snapshot) {
    const { text, issue } = toJsonText(snapshot, true);
    if (issue) return withOk({ violations: 1, mismatches: 0, issues: [issue], counts: { acs_systems: 0, acs_users: 0, user_identities: 0 } });
    return JSON.parse(wasm._acsAuditSnapshot(wire.writeText(wasm._bulkReserve, text)));
  }

  return { createAcsModel, auditAcsSnapshot };
}
