// Types of the ACS domain: the link model, preflights and audits.
import type { Handle, Issue, ValidationOptions } from './common.js';

/** What a preflight says to do: send it (`allowed`), nothing to send (`no_op`: the link exists), or do not send it (`refused`). */
export type AcsVerdict = 'allowed' | 'no_op' | 'refused';

/** The verdict of a preflight with its named reasons. `ok` is false when any issue is an error. */
export interface AcsPreflightResult {
  ok: boolean;
  verdict: AcsVerdict;
  issues: Issue[];
}

/** The result of applying a link to the model (linkAcsUser / unlinkAcsUser): the preflight plus whether it was applied. */
export interface AcsApplyResult extends AcsPreflightResult {
  applied: boolean;
}

/** What /user_identities/create would do in one system listed in acs_system_ids. */
export interface AcsSystemPlan {
  acs_system_id: string;
  /** `link`: an existing ACS user matches; `create`: Seam would create one; `refused`: see the issues. */
  action: 'link' | 'create' | 'refused';
  acs_user_id?: string;
  matched_by?: ('email_address' | 'phone_number')[];
}

/** Preflight of /user_identities/create: one plan entry per distinct, well-formed entry of acs_system_ids. */
export interface AcsIdentityPreflightResult extends AcsPreflightResult {
  acs_systems: AcsSystemPlan[];
}

/** The body of /user_identities/add_acs_user and /user_identities/remove_acs_user. */
export interface AcsLinkRequest {
  user_identity_id: string;
  acs_user_id: string;
}

/** An ACS user as the model keeps it (Seam's field names). */
export interface AcsUserSummary {
  acs_user_id: string;
  acs_system_id: string;
  user_identity_id: string | null;
  full_name: string | null;
  display_name: string;
  email_address: string | null;
  phone_number: string | null;
  is_suspended: boolean;
}

/** An ACS system as the model keeps it. */
export interface AcsSystemSummary {
  acs_system_id: string;
  name: string | null;
  external_type: string | null;
}

/** Record counts of a model (records in it, not deleted or merely referenced ones). */
export interface AcsCounts {
  acs_systems: number;
  acs_users: number;
  user_identities: number;
}

/** An audit: violations (errors: broken link rules, dangling references) and mismatches (warnings:
 * `acs_user_profile_does_not_match_user_identity`). Paths name records by id: `["acs_users", "<id>", ...]`. */
export interface AcsAuditResult {
  ok: boolean;
  violations: number;
  mismatches: number;
  issues: Issue[];
  counts: AcsCounts;
}

/** An acs_system object as Seam returns it (the model reads these fields; others are ignored). */
export interface AcsSystemRecord {
  acs_system_id: string;
  name?: string | null;
  external_type?: string | null;
  [field: string]: unknown;
}

/** An acs_user object as Seam returns it (e.g. the response of /acs/users/create). */
export interface AcsUserRecord {
  acs_user_id: string;
  acs_system_id: string;
  user_identity_id?: string | null;
  full_name?: string | null;
  display_name?: string | null;
  email_address?: string | null;
  /** The older name of email_address. */
  email?: string | null;
  phone_number?: string | null;
  is_suspended?: boolean;
  [field: string]: unknown;
}

/** A user_identity object as Seam returns it. */
export interface AcsUserIdentityRecord {
  user_identity_id: string;
  user_identity_key?: string | null;
  email_address?: string | null;
  phone_number?: string | null;
  full_name?: string | null;
  display_name?: string | null;
  [field: string]: unknown;
}

/** The body of /acs/users/create. */
export interface AcsCreateUserRequest {
  acs_system_id: string;
  full_name: string;
  user_identity_id?: string;
  email_address?: string;
  phone_number?: string;
}

/** The body of /user_identities/create, as far as ACS links go. */
export interface AcsCreateUserIdentityRequest {
  email_address?: string | null;
  phone_number?: string | null;
  acs_system_ids?: string[];
}

/**
 * A snapshot: each key optional, each value the array of records or the list endpoint's whole response
 * (`{ acs_users: [...], pagination: ... }`). Records are Seam's objects; the model reads acs_system_id, name,
 * external_type; acs_user_id, acs_system_id, user_identity_id, full_name, display_name, email_address (or
 * email), phone_number, is_suspended; user_identity_id, user_identity_key, email_address, phone_number,
 * full_name, display_name. Other fields are ignored.
 */
export interface AcsSnapshot {
  acs_systems?: AcsSystemRecord[] | { acs_systems: AcsSystemRecord[]; [key: string]: unknown };
  acs_users?: AcsUserRecord[] | { acs_users: AcsUserRecord[]; [key: string]: unknown };
  user_identities?: AcsUserIdentityRecord[] | { user_identities: AcsUserIdentityRecord[]; [key: string]: unknown };
}

/** The endpoints AcsModel.preflight understands. */
export type AcsOperation = '/user_identities/add_acs_user' | '/user_identities/remove_acs_user' | '/acs/users/create' | '/user_identities/create';

/**
 * ACS systems, ACS users and user identities held inside the wasm module (docs/acs.md). A Handle: `issues` are
 * those of the snapshot given to createAcsModel (empty when none was given), `ok` is false when any is an error;
 * call `dispose()` (or `using`) when done.
 */
export interface AcsModel extends Handle {
  /** Loads a snapshot (object or JSON text) or one more page; a duplicate id within one load is an error. */
  load(snapshot: AcsSnapshot | string): Issue[];
  /** Preflight of /user_identities/add_acs_user. */
  preflightAddAcsUser(request: AcsLinkRequest): AcsPreflightResult;
  /** Preflight of /user_identities/remove_acs_user. */
  preflightRemoveAcsUser(request: AcsLinkRequest): AcsPreflightResult;
  /**
   * preflightAddAcsUser of each request, in order: the same results, faster for many requests (about 1.5x in the
   * benchmark: ids cross into wasm together and the look-ups overlap). With hundreds of thousands of requests the
   * result objects, all alive at once, cost more than the checks: take addAcsUserVerdicts, then the reasons of the
   * refused ones. Throws a TypeError when `requests` is not an array, a RangeError when it has more than 2^24 items
   * (input_too_large); a hole of a sparse array is answered as an `undefined` request.
   */
  preflightAddAcsUsers(requests: readonly AcsLinkRequest[]): AcsPreflightResult[];
  /** preflightRemoveAcsUser of each request, in order (see preflightAddAcsUsers). */
  preflightRemoveAcsUsers(requests: readonly AcsLinkRequest[]): AcsPreflightResult[];
  /**
   * The verdict preflightAddAcsUser gives each request, in order, without its issues: for scripts that check many
   * links and then ask preflightAddAcsUser for the reasons of the few refused. Throws a TypeError when `requests`
   * is not an array.
   */
  addAcsUserVerdicts(requests: readonly AcsLinkRequest[]): AcsVerdict[];
  /** The verdict preflightRemoveAcsUser gives each request, in order (see addAcsUserVerdicts). */
  removeAcsUserVerdicts(requests: readonly AcsLinkRequest[]): AcsVerdict[];
  /** Preflight of /acs/users/create (system known, identity free in it, email and phone rules). */
  preflightCreateAcsUser(request: AcsCreateUserRequest, options?: ValidationOptions): AcsPreflightResult;
  /** Preflight of /user_identities/create with acs_system_ids: which ACS user would be linked or created per system. */
  preflightCreateUserIdentity(request: AcsCreateUserIdentityRequest): AcsIdentityPreflightResult;
  /** Preflight of any supported endpoint by path, with that endpoint's body. */
  preflight(operation: '/user_identities/add_acs_user' | '/user_identities/remove_acs_user', request: AcsLinkRequest, options?: ValidationOptions): AcsPreflightResult;
  preflight(operation: '/acs/users/create', request: AcsCreateUserRequest, options?: ValidationOptions): AcsPreflightResult;
  preflight(operation: '/user_identities/create', request: AcsCreateUserIdentityRequest, options?: ValidationOptions): AcsIdentityPreflightResult;
  /** Records a successful add_acs_user in the model (only when its preflight says `allowed`). */
  linkAcsUser(request: AcsLinkRequest): AcsApplyResult;
  /** Records a successful remove_acs_user in the model (only when its preflight says `allowed`). */
  unlinkAcsUser(request: AcsLinkRequest): AcsApplyResult;
  /** Adds or replaces one record; returns why it was refused, if it was. */
  putAcsSystem(record: AcsSystemRecord): Issue[];
  putAcsUser(record: AcsUserRecord): Issue[];
  putUserIdentity(record: AcsUserIdentityRecord): Issue[];
  /** Deletes one record (an identity or system takes its ACS users with it); false when it was not there. */
  deleteAcsSystem(acsSystemId: string): boolean;
  deleteAcsUser(acsUserId: string): boolean;
  deleteUserIdentity(userIdentityId: string): boolean;
  /** /user_identities/list_acs_systems derived from the model, ordered by name. */
  listAcsSystems(userIdentityId: string): { ok: boolean; issues: Issue[]; acs_systems: AcsSystemSummary[] };
  /** /user_identities/list_acs_users derived from the model, ordered by system name. */
  listAcsUsers(userIdentityId: string): { ok: boolean; issues: Issue[]; acs_users: AcsUserSummary[] };
  /** Every violation and profile mismatch in the model. */
  audit(): AcsAuditResult;
  /** Record counts and whether every internal invariant holds. */
  stats(): AcsCounts & { consistent: boolean };
}

/**
 * Creates an ACS-link model, optionally loading a snapshot (its problems in `model.issues`). Call `dispose()` when done.
 * @example using model = createAcsModel({ acs_systems, acs_users, user_identities });
 * model.preflightAddAcsUser({ user_identity_id, acs_user_id }).verdict;
 */
export function createAcsModel(snapshot?: AcsSnapshot | string): AcsModel;

/** Loads and audits a snapshot in one call; nothing to dispose. Load issues (bad records) come first. */
export function auditAcsSnapshot(snapshot: AcsSnapshot | string): AcsAuditResult;
