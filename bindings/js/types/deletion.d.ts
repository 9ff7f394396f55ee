// Types of the deletion domain: plans, rendering and progress tracking.
/// <reference lib="esnext.disposable" />
import type { Issue } from './common.js';


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
export function planDeletion(snapshot: DeletionSnapshot | string, options?: DeletionOptions): DeletionPlan;

/** The formats renderDeletionPlan writes. */
export type DeletionPlanFormat = 'text' | 'curl' | 'js' | 'json';

/**
 * Renders a plan (from planDeletion, or stored as JSON and reloaded) as text (default), a bash script of curl
 * calls (`curl`), an ES module using @seamapi/http (`js`), or the plan's JSON. Always returns the rendering:
 * a refused plan, or a value that is no readable plan (malformed JSON, wrong shape), renders as "no plan" with
 * its issues (`json`: a plan with `ok: false`, empty `steps` and the `issues`; `text`: "No deletion plan: ..."
 * and one line per issue; `curl`/`js`: a script that only says so). Throws TypeError only for an unknown format.
 */
export function renderDeletionPlan(plan: DeletionPlan | string, format?: DeletionPlanFormat): string;

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

/**
 * A run of a plan. Keeps native state: call dispose() (or declare it with `using`) when done; a progress that is
 * forgotten is also freed when garbage-collected. Same handle contract as Workspace and AcsModel.
 */
export interface DeletionProgress extends Disposable {
  /** False when the plan could not run (malformed, wrong shape, refused, a broken graph: see issues); every
   * method but dispose() then throws. */
  readonly ok: boolean;
  /** What was wrong with the plan (errors when `ok` is false). Frozen. */
  readonly issues: readonly Issue[];
  /** True once dispose() has run. */
  readonly disposed: boolean;
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
  /** The same as dispose(), for `using progress = createDeletionProgress(plan)`. */
  [Symbol.dispose](): void;
}

/** Starts tracking a plan's execution (see DeletionProgress). A plan that cannot run gives `ok: false` with issues,
 * never an exception; TypeError only for bad options. */
export function createDeletionProgress(plan: DeletionPlan | string, options?: DeletionProgressOptions): DeletionProgress;
