// Hand-written types of the seamid package (Emscripten 3.1.6's embind cannot generate them).

/** How bad a finding is. `error`: Seam would refuse the request (or a workspace rule breaks); `warning`:
 * Seam accepts it but it is almost surely a mistake; `info`: harmless, for the record. */
export type Severity = 'error' | 'warning' | 'info';

/** One step of an issue path: an object key or an array index, as in zod. */
export type PathElement = string | number;

/** One finding. `code` is stable (listed in the README); `message` tells the user what to do. */
export interface Issue {
  path: PathElement[];
  code: string;
  severity: Severity;
  message: string;
  /** A corrected value the user can apply (never applied silently). */
  suggestion?: string;
}

/** The result of validating one value. `ok` is false when any issue is an error. */
export interface ValidationResult<T = unknown> {
  ok: boolean;
  value: T;
  issues: Issue[];
}

/** Options of every validation call. */
export interface ValidationOptions {
  /** `default`: plausibility findings are warnings. `strict`: they are errors. Never weaker than Seam. */
  profile?: 'default' | 'strict';
  /** For a field validator, the path to report issues at (default: the field's own name, e.g. `["phone_number"]`);
   * for a request validator, a prefix for every issue's path (default `[]`). */
  path?: PathElement[];
}

/**
 * Validates a `phone_number` value: Seam's E.164 rule (errors, with a suggested value for formatted input)
 * and numbering-plan plausibility (warnings, errors in the strict profile). `null`/`undefined` = unset, valid.
 * @example validatePhone('+1 (415) 555-2671').issues[0].suggestion === '+14155552671'
 */
export function validatePhone<T>(value: T, options?: ValidationOptions): ValidationResult<T>;

/**
 * Validates an `email_address` value: the zod 3 email grammar Seam's schema applies (errors; formatted input
 * such as `" jane@example.com"`, `mailto:` or `Jane <jane@example.com>` gets a suggested bare address) and
 * RFC 5321 length limits (warnings, errors in the strict profile). `null`/`undefined` = unset, valid.
 * `options.path` replaces the default path `["email_address"]`.
 * @example validateEmail('Jane <jane@example.com>').issues[0].suggestion === 'jane@example.com'
 */
export function validateEmail<T>(value: T, options?: ValidationOptions): ValidationResult<T>;

/** A `/user_identities/create` body as Seam documents it. Every member is optional; `null` = unset. */
export interface CreateUserIdentityRequest {
  user_identity_key?: string | null;
  email_address?: string | null;
  phone_number?: string | null;
  full_name?: string | null;
  /** Access systems to link: Seam links (or creates) an ACS user with the same email or phone in each. */
  acs_system_ids?: string[];
}

/** A `/user_identities/update` body: `user_identity_id` plus the fields to change (`null` clears, absent keeps). */
export interface UpdateUserIdentityRequest {
  user_identity_id: string;
  user_identity_key?: string | null;
  email_address?: string | null;
  phone_number?: string | null;
  full_name?: string | null;
}

/**
 * Validates a whole `/user_identities/create` body, given as a plain object or as JSON text: each field's
 * rule, `acs_system_ids` (an array of UUIDs), unknown members (a warning naming the field probably meant),
 * and a warning when the identity would have no key, email or phone. Any value is accepted (a number, an
 * array, malformed JSON text give issues, never an exception). `options.path` is a prefix for every issue's
 * path (e.g. `[row]` in a bulk import). `ok` is false when Seam would refuse the request.
 * @example validateCreate({ email: 'jane@example.com' }).issues[0].suggestion === 'email_address'
 */
export function validateCreate<T = CreateUserIdentityRequest | string>(request: T, options?: ValidationOptions): ValidationResult<T>;

/**
 * Validates a whole `/user_identities/update` body (plain object or JSON text): `user_identity_id` required
 * and a UUID, each field's rule, `null` reported as `field_cleared` (info), unknown members, and a warning
 * when the update changes nothing.
 */
export function validateUpdate<T = UpdateUserIdentityRequest | string>(request: T, options?: ValidationOptions): ValidationResult<T>;

/** seamid's version. */
export const version: string;

/** The phone metadata the plausibility tables were generated from, e.g. "libphonenumber-js 1.13.16 metadata.max.json". */
export const phoneMetadata: string;

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

/**
 * A snapshot: each key optional, each value the array of records or the list endpoint's whole response
 * (`{ acs_users: [...], pagination: ... }`). Records are Seam's objects; the model reads acs_system_id, name,
 * external_type; acs_user_id, acs_system_id, user_identity_id, full_name, display_name, email_address (or
 * email), phone_number, is_suspended; user_identity_id, user_identity_key, email_address, phone_number,
 * full_name, display_name. Other fields are ignored.
 */
export interface AcsSnapshot {
  acs_systems?: object[] | { acs_systems: object[]; [key: string]: unknown };
  acs_users?: object[] | { acs_users: object[]; [key: string]: unknown };
  user_identities?: object[] | { user_identities: object[]; [key: string]: unknown };
}

/** The endpoints AcsModel.preflight understands. */
export type AcsOperation = '/user_identities/add_acs_user' | '/user_identities/remove_acs_user' | '/acs/users/create' | '/user_identities/create';

/**
 * ACS systems, ACS users and user identities held inside the wasm module (seam-spec §3). The native model is
 * freed by `dispose()`; call it when done (a FinalizationRegistry is only a safety net).
 */
export interface AcsModel {
  /** Issues of the snapshot given to createAcsModel (empty when none was given). */
  loadIssues: Issue[];
  /** True once dispose() was called; every other method then throws. */
  readonly disposed: boolean;
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
   * refused ones. Throws a TypeError when `requests` is not an array.
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
  preflightCreateAcsUser(request: { acs_system_id: string; full_name: string; user_identity_id?: string; email_address?: string; phone_number?: string },
    options?: ValidationOptions): AcsPreflightResult;
  /** Preflight of /user_identities/create with acs_system_ids: which ACS user would be linked or created per system. */
  preflightCreateUserIdentity(request: { email_address?: string | null; phone_number?: string | null; acs_system_ids?: string[] }): AcsIdentityPreflightResult;
  /** Preflight of any supported endpoint by path. */
  preflight(operation: AcsOperation, request: unknown, options?: ValidationOptions): AcsPreflightResult | AcsIdentityPreflightResult;
  /** Records a successful add_acs_user in the model (only when its preflight says `allowed`). */
  linkAcsUser(request: AcsLinkRequest): AcsApplyResult;
  /** Records a successful remove_acs_user in the model (only when its preflight says `allowed`). */
  unlinkAcsUser(request: AcsLinkRequest): AcsApplyResult;
  /** Adds or replaces one record; returns why it was refused, if it was. */
  putAcsSystem(record: object): Issue[];
  putAcsUser(record: object): Issue[];
  putUserIdentity(record: object): Issue[];
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
  /** Frees the native model. Idempotent. */
  dispose(): void;
}

/**
 * Creates an ACS-link model, optionally loading a snapshot (its issues in `loadIssues`). Call `dispose()` when done.
 * @example const model = createAcsModel({ acs_systems, acs_users, user_identities });
 * model.preflightAddAcsUser({ user_identity_id, acs_user_id }).verdict; model.dispose();
 */
export function createAcsModel(snapshot?: AcsSnapshot | string): AcsModel;

/** Loads and audits a snapshot in one call; nothing to dispose. Load issues (bad records) come first. */
export function auditAcsSnapshot(snapshot: AcsSnapshot | string): AcsAuditResult;
// ---- Deletion planning (seam-spec §4) ----

/** A resource kind a deletion plan removes. */
export type DeletionResource = 'client_session' | 'acs_credential' | 'acs_user' | 'enrollment_automation' | 'phone' | 'user_identity';

/** What Seam's list endpoints returned for one user identity (Seam's objects; extra fields are ignored).
 * Every list must be present (`[]` when empty): a missing list is an error, never read as empty. */
export interface DeletionSnapshot {
  user_identity: { user_identity_id: string; workspace_id?: string; [field: string]: unknown };
  /** `/client_sessions/list {user_identity_id}` */
  client_sessions: Array<{ client_session_id: string; workspace_id?: string; user_identity_id?: string | null; [field: string]: unknown }>;
  /** `/acs/users/list {user_identity_id}` */
  acs_users: Array<{ acs_user_id: string; acs_system_id?: string; workspace_id?: string; user_identity_id?: string | null; [field: string]: unknown }>;
  /** `/acs/credentials/list {acs_user_id}` for each ACS user */
  acs_credentials: Array<{ acs_credential_id: string; acs_user_id?: string | null; acs_system_id?: string; user_identity_id?: string | null; workspace_id?: string; [field: string]: unknown }>;
  /** `/user_identities/enrollment_automations/list {user_identity_id}` */
  enrollment_automations: Array<{ enrollment_automation_id: string; user_identity_id?: string; workspace_id?: string; [field: string]: unknown }>;
  /** `/phones/list {owner_user_identity_id}` */
  phones: Array<{ device_id: string; workspace_id?: string; [field: string]: unknown }>;
}

/** Options of planDeletion. */
export interface DeletionOptions {
  /** `parallel` (default): only the hard orderings (an ACS user's credentials before it; everything before the
   * identity). `guide`: the guide's strict sequence, each wave waiting for the previous one. */
  order?: 'parallel' | 'guide';
  /** `guide` (default): remove and confirm everything first. `minimal`: Seam's API reference (only enrollment
   * automations first; the identity's delete cascades); the plan's notes say so. */
  policy?: 'guide' | 'minimal';
  /** Refuse snapshots with more attached resources than this (`snapshot_too_large`). Default 100000. */
  maxResources?: number;
}

/** One API call of a plan. `step_id` is the resource's id. */
export interface DeletionStep {
  step_id: string;
  resource: DeletionResource;
  action: 'delete' | 'deactivate';
  /** e.g. `/acs/credentials/delete` (POST to https://connect.getseam.com) */
  endpoint: string;
  /** The exact body, with Seam's parameter name, e.g. `{ acs_credential_id: "..." }`. */
  params: Record<string, string>;
  /** The event that confirms the step (matched on `id_field`), or `{by: 'result'}` for the identity itself. */
  confirm: { by: 'event'; event_type: string; id_field: string } | { by: 'result' };
  /**
   * step_ids that must be confirmed first. The user_identity step lists only the steps nothing else depends
   * on (an ACS user's step already waits for its credentials); it still waits for every other step.
   */
  depends_on: string[];
  /** 0-based wave; steps of one wave are independent. */
  wave: number;
}

/** A deletion plan (plain data; can be stored as JSON and given back to createDeletionProgress). */
export interface DeletionPlan {
  format: 'seamid.deletion_plan/1';
  /** False when the snapshot does not add up: then `steps` is empty and `issues` says why. */
  ok: boolean;
  user_identity_id: string | null;
  workspace_id: string | null;
  order: 'parallel' | 'guide';
  policy: 'guide' | 'minimal';
  /** True (guide order) when each wave waits for the whole previous wave. */
  wave_barrier: boolean;
  /** Why the plan looks as it does (order, policy; minimal says what it leaves to Seam's cascade). */
  notes: string[];
  /** Resources per snapshot list. */
  resources: Record<string, number>;
  /** Minimal policy: resources not deleted explicitly. */
  left_to_cascade: Record<string, number>;
  steps: DeletionStep[];
  /** step_ids per wave. */
  waves: string[][];
  issues: Issue[];
}

/**
 * Plans the deletion of a user identity from a snapshot (object or JSON text): each step's endpoint and params,
 * its confirming event, dependencies and waves. Inconsistent snapshots give `ok: false` with issues.
 * @example planDeletion(snapshot, { order: 'guide' }).waves.length
 */
export function planDeletion(snapshot: DeletionSnapshot | string | unknown, options?: DeletionOptions): DeletionPlan;

/** Renders a plan as text, a bash script of curl calls (`curl`), an ES module using @seamapi/http (`js`), or JSON.
 * Throws TypeError when `plan` is not a deletion plan. */
export function renderDeletionPlan(plan: DeletionPlan | string, format?: 'text' | 'curl' | 'js' | 'json'): string;

/** The outcome of one event: `confirmed`, `already_confirmed`, `duplicate` (same event_id seen), or `ignored`
 * with a `reason` (unknown_event_type, unknown_resource, event_type_mismatch, other_workspace, missing_resource_id,
 * not_an_object); `rejected` when the input was not an event (see issues). */
export interface DeletionEventOutcome {
  outcome: 'confirmed' | 'already_confirmed' | 'duplicate' | 'ignored' | 'rejected';
  reason?: string;
  event_id?: string;
  event_type: string;
  step_id?: string;
  issues?: Issue[];
}

/** The outcome of an API result: issued (event awaited), confirmed (the response confirms), gone (already
 * deleted: `*_not_found`), failed, already_confirmed, already_issued, or rejected (bad input, see issues). */
export interface DeletionResultOutcome {
  outcome: 'issued' | 'confirmed' | 'gone' | 'failed' | 'already_confirmed' | 'already_issued' | 'rejected';
  step_id?: string;
  issues: Issue[];
}

/** The `/events/list` request to poll next. */
export interface DeletionEventQuery {
  event_types: string[];
  /** RFC 3339; the earliest call still awaiting its event, minus a clock-skew margin. */
  since: string;
  /** Steps issued and awaiting their event. */
  awaited: number;
}

/** A step's displayed state. */
export type DeletionStepState = 'waiting' | 'runnable' | 'issued' | 'confirmed' | 'failed' | 'blocked';

/** The whole state of a run. */
export interface DeletionProgressState {
  done: boolean;
  identity_deletable: boolean;
  counts: Record<DeletionStepState, number>;
  steps: Array<{ step_id: string; state: DeletionStepState; confirmed_by?: 'event' | 'result' | 'not_found';
    error?: { type: string; message: string; request_id?: string } }>;
  ignored_event_count: number;
  /** The first 100 ignored events. */
  ignored_events: DeletionEventOutcome[];
  next_event_query: DeletionEventQuery | null;
}

/** Options of createDeletionProgress. */
export interface DeletionProgressOptions {
  /** When the run started (default: now); the earliest `since` of nextEventQuery. */
  startedAt?: Date | string | number;
  /** Subtracted from `since` against clock skew (default 300). Re-read events are de-duplicated. */
  sinceMarginSeconds?: number;
}

/** A run of a plan. Keeps native state: call dispose() when done (it is also freed when garbage-collected). */
export interface DeletionProgress {
  /** False when the plan was not valid (see issues); every other method then throws. */
  readonly ok: boolean;
  readonly issues: Issue[];
  readonly plan: DeletionPlan | null;
  /** Applies one Seam event (an /events/list item or a webhook body), in any order, duplicates allowed. */
  applyEvent(event: unknown): DeletionEventOutcome;
  /**
   * Applies an array of events or an /events/list response `{events: [...]}`, as objects or as the response's
   * JSON text (read inside the module). Input that is no list of events applies nothing and answers one
   * `rejected` outcome with its issues.
   */
  applyEvents(events: unknown): DeletionEventOutcome[];
  /** Applies the API's response body to a step's call (`{error: {type, message}}` = failure). */
  applyResult(stepId: string, response: unknown, options?: { requestedAt?: Date | string | number }): DeletionResultOutcome;
  /** The steps that can be called now. */
  runnable(): DeletionStep[];
  /** True when every step, the identity's deletion included, is confirmed. */
  done(): boolean;
  /** True when /user_identities/delete may be called now. */
  identityDeletable(): boolean;
  /** The /events/list query to poll next, or null when no event is awaited. */
  nextEventQuery(): DeletionEventQuery | null;
  /** Every step's state and the ignored events. */
  state(): DeletionProgressState;
  /** Frees the native state; later calls throw. Safe to call twice. */
  dispose(): void;
}

/** Starts tracking a plan's execution (see DeletionProgress). */
export function createDeletionProgress(plan: DeletionPlan | string, options?: DeletionProgressOptions): DeletionProgress;

/** A field the workspace index keeps. */
export type IdentityField = 'user_identity_id' | 'user_identity_key' | 'email_address' | 'phone_number';

/** A value of a request already held by someone: an identity of the workspace, or an earlier row of the batch. */
export interface Conflict {
  field: 'user_identity_key' | 'email_address' | 'phone_number';
  /** `case_variant`: the emails are equal only ignoring letter case (a warning; an error when strict). */
  match: 'exact' | 'case_variant';
  severity: Severity;
  /** The workspace identity holding the value (absent when the holder is a batch row). */
  user_identity_id?: string;
  /** The 1-based batch row holding the value (absent when the holder is in the workspace). */
  row?: number;
}

/** The result of checkCreate / checkUpdate: uniqueness only (the fields' own rules are validateCreate's). */
export interface UniquenessResult {
  ok: boolean;
  issues: Issue[];
  conflicts: Conflict[];
}

/** The result of an index change (add, update, remove). Refused changes leave the index unchanged. */
export interface ChangeResult {
  ok: boolean;
  issues: Issue[];
}

/** Findings of one batch row. Issue paths start with the 0-based row index, e.g. `[4, "email_address"]`. */
export interface RowReport {
  /** 1-based position among the data rows. */
  row: number;
  /** CSV only: the file line the row starts on (the header is line 1). */
  line?: number;
  issues: Issue[];
  conflicts: Conflict[];
}

/** Counts over a batch. `rows_with_warnings` counts rows with warnings and no error. */
export interface BatchSummary {
  rows: number;
  rows_with_errors: number;
  rows_with_warnings: number;
  errors: number;
  warnings: number;
}

/** The result of validateBatch. */
export interface BatchResult {
  /** True when the input was usable and nothing is an error. */
  ok: boolean;
  /** False when the input could not be read as rows at all (not JSON, no CSV header of Seam fields, ...). */
  usable: boolean;
  /** Number of rows. */
  total: number;
  summary: BatchSummary;
  /** CSV only: the header's column names. */
  columns?: string[];
  /** Issues of the input as a whole (CSV header problems, invalid JSON). */
  issues: Issue[];
  /** Only the rows that have at least one issue, in order. */
  rows: RowReport[];
}

/** Progress of a batch: rows checked out of the total. A batch is read in two passes: first every row's key, email
 * and phone (`read` counts up to `total`, `done` stays 0), then the checks (`done` counts up). */
export interface BatchProgress {
  /** Rows checked. */
  done: number;
  total: number;
  /** Rows read by the first pass. */
  read: number;
}

/** Options of validateBatch. */
export interface BatchOptions {
  profile?: 'default' | 'strict';
  /** Called after each chunk (and once at the start) with the rows done so far. */
  onProgress?: (progress: BatchProgress) => void;
  /** For text input: `csv` or `json`. Default: JSON when the text starts with `[`, CSV otherwise. */
  format?: 'csv' | 'json';
  /** Target duration of one chunk of work between yields to the event loop, in ms (default 25). */
  sliceMs?: number;
}

/** A group of identities of a snapshot holding the same value. */
export interface DuplicateGroup {
  field: 'user_identity_key' | 'email_address' | 'phone_number';
  match: 'exact' | 'case_variant';
  severity: Severity;
  user_identity_ids: string[];
}

/** The duplicates already present in a workspace snapshot. */
export interface AuditReport {
  ok: boolean;
  duplicates: DuplicateGroup[];
  issues: Issue[];
}

/**
 * An index of a workspace's user identities inside the wasm module: O(1) lookups by key, email (also ignoring
 * case) and phone (after Seam's trimming). It holds native memory: call `dispose()` when done (a
 * FinalizationRegistry frees a forgotten one eventually, but do not rely on it). Every method of a disposed
 * workspace throws.
 */
export interface Workspace {
  /** Problems found reading the snapshot; paths point into it. */
  readonly issues: Issue[];
  /** False when the snapshot was not a list at all (invalid_json, invalid_workspace, invalid_input). */
  readonly usable: boolean;
  /** Number of identities indexed. */
  readonly size: number;
  /** Checks a /user_identities/create request's key, email and phone against the workspace. */
  checkCreate(request: object, options?: ValidationOptions): UniquenessResult;
  /** Checks a /user_identities/update request against every identity but itself; `null` frees a value. */
  checkUpdate(request: object, options?: ValidationOptions): UniquenessResult;
  /** Adds an identity (as Seam returned it); refused when it has no id or the id is indexed already. */
  add(identity: object): ChangeResult;
  /** Applies an update `{user_identity_id, ...fields}`: fields present replace (null clears), absent ones stay. */
  update(changes: object): ChangeResult;
  /** Removes the identity with this id. */
  remove(userIdentityId: string): ChangeResult;
  /** The ids of the identities holding exactly `value` in `field`. */
  find(field: IdentityField, value: string): string[];
  /**
   * Validates new identities (an array of create requests, or CSV / JSON text) against the workspace and
   * against earlier rows: each row's field issues plus conflicts. Works in time-boxed chunks, yielding to the
   * event loop in between, so a page stays responsive; rejects if the workspace is disposed meanwhile.
   */
  validateBatch(rows: object[] | string, options?: BatchOptions): Promise<BatchResult>;
  /** Reports the keys, emails and phones several identities of the snapshot share. */
  audit(options?: ValidationOptions): AuditReport;
  /** Frees the native index. Idempotent. */
  dispose(): void;
}

/**
 * Builds a workspace index from what /user_identities/list returned: one page `{user_identities: [...]}`,
 * an array of identities, an array of pages, or the JSON text of any of these. Never throws on bad data:
 * see `workspace.issues` and `workspace.usable`.
 * @example
 * const workspace = createWorkspace(pages);
 * try { const { rows } = await workspace.validateBatch(csvText, { onProgress }); } finally { workspace.dispose(); }
 */
export function createWorkspace(identities: unknown): Workspace;
