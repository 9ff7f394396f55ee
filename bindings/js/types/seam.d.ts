// Types of seamid/seam: the connection to Seam's API (fetchers, the deletion executor, its report and errors).
import type { Issue } from './common.js';
import type { DeletionOptions, DeletionPlan, DeletionResource, DeletionSnapshot } from './deletion.js';
import type { AcsSnapshot } from './acs.js';
import type { BatchOptions, CreateField } from './workspace.js';

/** What every function takes as `seam`: an @seamapi/http client (`SeamHttp.fromApiKey(key, { endpoint })`; seamid
 * calls routes through its axios `client` with axios-retry off per request), a plain `{ endpoint, apiKey, fetch? }`,
 * or a client from createSeamClient (to share its pool and counters between calls). */
export type SeamConnection =
  | { client: { request(config: object): Promise<unknown> } }
  | { endpoint: string; apiKey: string; fetch?: typeof fetch }
  | SeamClient;

/** Retries owned by seamid: on 429 (honouring Retry-After), 5xx, non-JSON error bodies, timeouts and lost
 * connections; never on 400/401/403. Full jitter: a delay uniform in [0, min(maxDelayMs, baseDelayMs·2^(n-1))]. */
export interface RetryOptions {
  /** Attempts per call, the first included (default 5). */
  attempts?: number;
  /** Default 500. */
  baseDelayMs?: number;
  /** Default 20000. */
  maxDelayMs?: number;
  /** The longest Retry-After honoured (default 60000). */
  maxRetryAfterMs?: number;
  /** Per request (default 30000). */
  timeoutMs?: number;
}

/** Options of createSeamClient and of every fetcher. */
export interface ClientOptions {
  retry?: RetryOptions;
  /** Requests at once (default 4; the event poller gets one slot more). A 429 halves it for the whole pool. */
  concurrency?: number;
  signal?: AbortSignal;
}

/** A JSON answer (`ok: true`), or a JSON 4xx error other than 401/403 (`ok: false`), e.g. `*_not_found`. */
export type SeamAnswer =
  | { ok: true; status: number; body: Record<string, unknown>; attempts: number }
  | { ok: false; status: number; error: { type: string; message?: string; request_id?: string }; attempts: number }
  /** Only with `resend: false`: no usable answer (lost connection, timeout, 5xx, a 2xx that is not JSON); the
   * request may or may not have taken effect, and it was not sent again. */
  | { ok: false; uncertain: true; reason: string; status?: number; attempts: number };

/** seamid's client: one route per call, retried as RetryOptions says; counts every request. */
export interface SeamClient {
  /** `resend: false` for a call that is not idempotent (a create): only 429s are retried. */
  call(route: string, params?: object, options?: { signal?: AbortSignal; onRetry?: (info: RetryInfo) => void; resend?: boolean }): Promise<SeamAnswer>;
  readonly stats: { requests: number; retries: number; throttled: number; byRoute: Record<string, number> };
  readonly retry: Readonly<Required<RetryOptions>>;
  readonly concurrency: number;
}

/** Why a call is retried and after how long. */
export interface RetryInfo {
  route: string;
  attempt: number;
  reason: 'rate_limited' | 'timeout' | 'connection_lost' | 'invalid_response' | `http_${number}`;
  status?: number;
  delayMs: number;
}

/** Wraps a connection as seamid's client (see SeamConnection). */
export function createSeamClient(seam: SeamConnection, options?: ClientOptions): SeamClient;

/** The identity and everything attached (every page of every list): what planDeletion takes.
 * Rejects with SeamidError `user_identity_not_found` for an unknown identity. */
export function fetchDeletionSnapshot(seam: SeamConnection, userIdentityId: string, options?: ClientOptions): Promise<DeletionSnapshot>;

/** Every identity of the workspace (all pages of /user_identities/list): what createWorkspace takes. */
export function fetchWorkspace(seam: SeamConnection, options?: ClientOptions): Promise<object[]>;

/** ACS systems, ACS users and identities (all pages): what createAcsModel takes. */
export function fetchAcsSnapshot(seam: SeamConnection, options?: ClientOptions): Promise<Required<AcsSnapshot>>;

/** What a run tells onProgress, as it happens (`at`: ISO time). */
export type DeletionRunEvent = { at: string } & (
  | { type: 'run_started'; user_identity_id: string; steps?: number }
  | { type: 'snapshot_fetched'; round: number; counts: Record<string, number> }
  | { type: 'plan_ready'; round: number; steps: number; waves: number }
  | { type: 'step_sent'; step_id: string; resource: DeletionResource; endpoint: string }
  | ({ type: 'step_retried'; step_id: string } & RetryInfo)
  | { type: 'step_awaiting_event'; step_id: string; event_type: string }
  | { type: 'step_confirmed'; step_id: string; resource: DeletionResource; confirmed_by: StepConfirmation }
  | { type: 'step_failed'; step_id: string; resource: DeletionResource; error: { type: string; message?: string } }
  | { type: 'wave_done'; wave: number }
  | { type: 'throttled'; route: string; retryAfterMs: number; limit: number }
  | { type: 'replanning'; round: number; reason: string }
  | ({ type: 'verified' } & DeletionVerification)
  | { type: 'run_finished'; ok: boolean; calls?: number; error?: string });

/** Options of executeDeletion. */
export interface ExecuteOptions extends ClientOptions {
  /** First poll interval (default 2000), growing ×1.5 towards maxPollIntervalMs while nothing changes. */
  pollIntervalMs?: number;
  /** Default 30000. */
  maxPollIntervalMs?: number;
  /** Per awaited event (default 600000); then the resource's list says whether it is gone. */
  maxWaitMs?: number;
  /** Subtracted from /events/list `since` against clock skew (default 60). Re-read events are de-duplicated. */
  sinceMarginSeconds?: number;
  /** /events/list `limit` (default 500); a full answer is narrowed (by type, resource id or time window). */
  eventsPageLimit?: number;
  /** Stops issuing calls, ends waits and retry sleeps; the run rejects with an AbortError carrying the report. */
  signal?: AbortSignal;
  onProgress?: (event: DeletionRunEvent) => void;
  /** Events pushed by a webhook handler (verified and parsed, e.g. with @seamapi/webhook's SeamWebhook.verify):
   * the run subscribes while it lasts; polling stays the fallback. */
  webhookEvents?: { subscribe(listener: (event: unknown) => void): () => void };
}

/** Options of deleteUserIdentity. */
export interface DeleteOptions extends ExecuteOptions, Pick<DeletionOptions, 'order' | 'policy'> {
  /** Fetch + plan + execute rounds when a call is refused or a step fails (default 3). */
  maxRounds?: number;
  /** This identity's snapshot, just fetched (what a confirmation prompt showed the plan of): planned as the first
   * round instead of fetching again; later rounds and the final check fetch. */
  snapshot?: DeletionSnapshot;
}

/** How a step was confirmed: its event, the API's answer (the identity), `*_not_found` (already gone), or a
 * list that no longer holds it after maxWaitMs without its event. */
export type StepConfirmation = 'event' | 'result' | 'not_found' | 'list_check';

/** One step of a run's report. */
export interface DeletionStepReport {
  step_id: string;
  resource: DeletionResource;
  endpoint: string;
  wave: number;
  /** `unconfirmed`: sent, its confirmation not seen (aborted); `not_run`: never sent (waiting on a failed step). */
  outcome: 'confirmed' | 'failed' | 'unconfirmed' | 'not_run';
  confirmed_by: StepConfirmation | null;
  calls: number;
  retries: number;
  error?: { type: string; message?: string; request_id?: string };
}

/** The report of executing one plan. */
export interface DeletionRunReport {
  user_identity_id: string;
  order: 'parallel' | 'guide';
  policy: 'guide' | 'minimal';
  done: boolean;
  started_at: string;
  duration_ms: number;
  counts: { steps: number; confirmed: number; failed: number; unconfirmed: number; not_run: number };
  /** Requests made by this run (retries and polls included). */
  calls: number;
  retries: number;
  /** /events/list requests. */
  polls: number;
  /** Events received through webhookEvents. */
  pushed_events: number;
  events_seen: number;
  duplicate_events: number;
  ignored_events: number;
  list_checks: number;
  /** Event windows still full at the narrowing limit (events may have been missed there). */
  truncated_event_windows: number;
  steps: DeletionStepReport[];
}

/** What the final listing found. */
export interface DeletionVerification {
  user_identity_gone: boolean;
  /** Ids still listed, per list. */
  left: { client_sessions: string[]; acs_users: string[]; acs_credentials: string[]; enrollment_automations: string[]; phones: string[] };
  clean: boolean;
}

/** The report of deleteUserIdentity: every round (fetch + plan + execute), the verification, the totals. */
export interface DeletionReport {
  format: 'seamid.deletion_report/1';
  user_identity_id: string;
  ok: boolean;
  /** The identity was not found at the start (deleted earlier): counted as done when nothing attached is listed. */
  already_gone: boolean;
  order: 'parallel' | 'guide';
  policy: 'guide' | 'minimal';
  started_at: string;
  duration_ms: number;
  calls: number;
  retries: number;
  throttled: number;
  rounds: DeletionRunReport[];
  /** The plan's notes and what the fetch found (e.g. enrollment automations not supported). */
  notes: string[];
  verification: DeletionVerification | null;
}

/** Executes a plan from planDeletion (ok: true), driving createDeletionProgress. Rejects with SeamidError
 * `deletion_failed` (with `report`) when a step failed or could not run, or an AbortError (with `report`). */
export function executeDeletion(seam: SeamConnection, plan: DeletionPlan, options?: ExecuteOptions): Promise<DeletionRunReport>;

/** Fetch, plan, execute, verify; re-plans after a refused call; resumable (run it again after an abort or a
 * failure: only what is left is done; an identity already gone counts as done). */
export function deleteUserIdentity(seam: SeamConnection, userIdentityId: string, options?: DeleteOptions): Promise<DeletionReport>;

/** Lists again what could be attached to the identity (and the credentials of `acsUserIds`). */
export function verifyDeleted(seam: SeamConnection, userIdentityId: string, acsUserIds?: Iterable<string>, options?: { signal?: AbortSignal }): Promise<DeletionVerification>;

/** An error of seamid/seam; `report` is set when a run had started. */
export class SeamidError extends Error {
  name: 'SeamidError';
  code: 'unauthorized' | 'request_failed' | 'invalid_response' | 'api_error' | 'user_identity_not_found' | 'invalid_snapshot' | 'invalid_plan' | 'deletion_failed';
  status?: number;
  route?: string;
  attempts?: number;
  issues?: Issue[];
  report?: DeletionReport | DeletionRunReport;
}

/** True for an AbortError (the run was cancelled through its signal; `error.report` says what was done). */
export function isAbortError(error: unknown): boolean;

/** The client's retry defaults. */
export const clientDefaults: Readonly<Required<RetryOptions> & { concurrency: number }>;
/** The executor's defaults. */
export const executeDefaults: Readonly<Required<Pick<ExecuteOptions, 'concurrency' | 'pollIntervalMs' | 'maxPollIntervalMs' | 'maxWaitMs' | 'sinceMarginSeconds' | 'eventsPageLimit'>> & { maxNarrowing: number }>;

/** What importUserIdentities tells onProgress, as it happens (`at`: ISO time). */
export type ImportRunEvent = { at: string } & (
  | { type: 'run_started' }
  | { type: 'workspace_fetched'; identities: number }
  | { type: 'validated'; rows: number; to_create: number; existing: number; invalid: number }
  | { type: 'row_sent'; row: number; attempt: number }
  | ({ type: 'row_retried'; row: number; checked?: boolean } & Partial<RetryInfo>)
  | { type: 'row_created'; row: number; user_identity_id: string; confirmed_by?: 'get' }
  | { type: 'row_existing'; row: number; user_identity_id: string }
  | { type: 'row_failed'; row: number; error: { type: string; message?: string } }
  | { type: 'throttled'; route: string; retryAfterMs: number; rate: number }
  | { type: 'run_finished'; ok: boolean; created?: number; error?: string });

/** Options of importUserIdentities. */
export interface ImportOptions {
  /** How columns map to Seam's fields (see BatchOptions.columns): 'auto' or an explicit mapping. */
  columns?: BatchOptions['columns'];
  /** Text input: csv or json (default: JSON when the text starts with `[`). */
  format?: 'csv' | 'json';
  profile?: 'default' | 'strict';
  /** The country of national-format phone numbers (ISO 3166 alpha-2), passed to the batch. */
  defaultCountry?: string;
  /** Creates in flight at once (default 4, at most 64); the pace also adapts to 429s. */
  concurrency?: number;
  retry?: RetryOptions;
  timeoutMs?: number;
  /** Sends of one row's create when its answers are lost and /user_identities/get finds nothing (default 3). */
  maxCreateAttempts?: number;
  /** Validate and classify only: `pending` lists what would be created. */
  dryRun?: boolean;
  signal?: AbortSignal;
  onProgress?: (event: ImportRunEvent) => void;
}

/** One row's outcome in an import report (`row`: 1-based, as the batch counts rows). */
export interface ImportRowReport {
  row: number;
  user_identity_id?: string;
  user_identity_key?: string | null;
}

/** The report of importUserIdentities. */
export interface ImportReport {
  format: 'seamid.import_report/1';
  /** Every row created or already there; nothing invalid or failed. */
  ok: boolean;
  /** False when the file could not be read as rows (see `issues`): nothing was sent. */
  usable: boolean;
  dry_run: boolean;
  started_at: string;
  duration_ms: number;
  rows: number;
  mapping?: Partial<Record<CreateField, string[]>>;
  /** Issues of the input as a whole (header problems). */
  issues: Issue[];
  /** `confirmed_by: 'get'`: the answer was lost and /user_identities/get found the identity with the row's values. */
  created: (ImportRowReport & { user_identity_id: string; confirmed_by: 'answer' | 'get' })[];
  /** Already in the workspace with the row's values (a re-run), found in the snapshot or by /user_identities/get. */
  existing: (ImportRowReport & { user_identity_id: string; matched_by: 'workspace' | 'get' })[];
  /** Rows with errors (the batch's issues); never sent. */
  invalid: { row: number; line?: number; issues: Issue[] }[];
  /** `conflict`: the key is held with other values; `outcome_unknown`: a row without a key whose answer was lost. */
  failed: (ImportRowReport & { error: { type: string; message?: string } })[];
  /** Dry run: the rows that would be created (with their values); after an abort: the rows not finished. */
  pending: (ImportRowReport & Record<string, unknown>)[];
  calls: number;
  retries: number;
  throttled: number;
  /** The request pace learned from 429s, or null when none came. */
  rate_per_second: number | null;
}

/**
 * Validates rows (CSV text or bytes, JSON text, or row objects) against the workspace as Seam lists it now and creates
 * the valid ones through /user_identities/create: bounded concurrency, the client's retries, a pace that adapts to
 * 429s. A create whose answer may be lost is checked with /user_identities/get { user_identity_key } before it is sent
 * again. Idempotent by user_identity_key: running it again creates only what is missing. Rejects with an AbortError
 * (with `report`) when aborted, or a SeamidError (`unauthorized`, or the workspace could not be fetched).
 */
export function importUserIdentities(seam: SeamConnection, rows: readonly object[] | string | Uint8Array, options?: ImportOptions): Promise<ImportReport>;

export const importDefaults: Readonly<{ concurrency: number; maxCreateAttempts: number }>;
