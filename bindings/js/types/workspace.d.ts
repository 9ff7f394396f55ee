// Types of the workspace domain: uniqueness checks and bulk imports.
import type { Handle, Issue, Severity, ValidationOptions } from './common.js';
import type { CreateUserIdentityRequest, UpdateUserIdentityRequest } from './validation.js';

/** A field the workspace index keeps. */
export type IdentityField = 'user_identity_id' | 'user_identity_key' | 'email_address' | 'phone_number';

/** A user identity as /user_identities/list returns it. The index reads the id, key, email and phone; other fields
 * are ignored. */
export interface WorkspaceIdentity {
  user_identity_id: string;
  user_identity_key?: string | null;
  email_address?: string | null;
  phone_number?: string | null;
  [field: string]: unknown;
}

/** One page of /user_identities/list. */
export interface WorkspacePage {
  user_identities: WorkspaceIdentity[];
  [field: string]: unknown;
}

/** What createWorkspace reads: one page, an array of identities, an array of pages, or the JSON text of any of these. */
export type WorkspaceSnapshot = WorkspacePage | readonly WorkspaceIdentity[] | readonly WorkspacePage[] | string;

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
  /** CSV: the header's column names; row objects with `columns`: the keys the rows use, in first-seen order. */
  columns?: string[];
  /** With a CSV file, or `columns` given: which columns feed which field (several only for full_name, joined with one space). */
  mapping?: Partial<Record<CreateField, string[]>>;
  /** With `values: true`: every row's values under Seam's field names, in row order (null: a row that could not be read). */
  values?: (CreateUserIdentityRequest | null)[];
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

/** A create field a column can feed. */
export type CreateField = 'user_identity_key' | 'email_address' | 'phone_number' | 'full_name' | 'acs_system_ids';

/** Which columns feed which field: a column name, or for full_name several (joined with one space). */
export type ColumnMapping = { [F in CreateField]?: F extends 'full_name' ? string | string[] : string };

/** Options of validateBatch. */
export interface BatchOptions {
  /**
   * How columns (CSV header names, or row objects' keys) map to Seam's fields: absent = Seam's names only; `'auto'` =
   * names compared ignoring case, spaces and punctuation, with common export synonyms (Email, Mobile, First Name +
   * Last Name, Employee ID, ...); or an explicit mapping such as `{ email_address: 'Work Email', full_name: ['Given', 'Family'] }`.
   */
  columns?: 'auto' | ColumnMapping;
  /** Also return every row's mapped values (`result.values`), e.g. to write a fixed file. */
  values?: boolean;
  profile?: 'default' | 'strict';
  /** ISO 3166-1 alpha-2 country phone numbers without '+' are read in (see PhoneValidationOptions.defaultCountry). */
  defaultCountry?: string | null;
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
 * case) and phone (after Seam's trimming). A Handle: `issues` are the snapshot's problems (paths point into it;
 * a snapshot that is not a list at all gives invalid_json or invalid_workspace and an empty index), `ok` is false
 * when any is an error; call `dispose()` (or `using`) when done.
 */
export interface Workspace extends Handle {
  /** Number of identities indexed. */
  readonly size: number;
  /** Checks a /user_identities/create request's key, email and phone against the workspace. */
  checkCreate(request: CreateUserIdentityRequest, options?: ValidationOptions): UniquenessResult;
  /** Checks a /user_identities/update request against every identity but itself; `null` frees a value. */
  checkUpdate(request: UpdateUserIdentityRequest, options?: ValidationOptions): UniquenessResult;
  /** Adds an identity (as Seam returned it); refused when it has no id or the id is indexed already. */
  add(identity: WorkspaceIdentity): ChangeResult;
  /** Applies an update `{user_identity_id, ...fields}`: fields present replace (null clears), absent ones stay. */
  update(changes: UpdateUserIdentityRequest): ChangeResult;
  /** Removes the identity with this id. */
  remove(userIdentityId: string): ChangeResult;
  /** The ids of the identities holding exactly `value` in `field`. */
  find(field: IdentityField, value: string): string[];
  /**
   * Validates new identities (an array of create requests or, with `columns`, of any row objects; CSV / JSON text; or
   * CSV bytes as read from a file, so that a file not in UTF-8 is refused naming UTF-8) against the workspace and
   * against earlier rows: each row's field issues plus conflicts. Works in time-boxed chunks, yielding to the
   * event loop in between, so a page stays responsive; rejects if the workspace is disposed meanwhile.
   */
  validateBatch(rows: readonly CreateUserIdentityRequest[] | string | Uint8Array, options?: BatchOptions): Promise<BatchResult>;
  /** Row objects of any shape, mapped to Seam's fields by `columns`. */
  validateBatch(rows: readonly Record<string, unknown>[], options: BatchOptions & { columns: 'auto' | ColumnMapping }): Promise<BatchResult>;
  /** Reports the keys, emails and phones several identities of the snapshot share. */
  audit(options?: ValidationOptions): AuditReport;
}

/**
 * Builds a workspace index from what /user_identities/list returned: one page `{user_identities: [...]}`,
 * an array of identities, an array of pages, or the JSON text of any of these. Never throws on bad data:
 * see `workspace.ok` and `workspace.issues`.
 * @example
 * using workspace = createWorkspace(pages);
 * const { rows } = await workspace.validateBatch(csvText, { onProgress });
 */
export function createWorkspace(identities: WorkspaceSnapshot): Workspace;
