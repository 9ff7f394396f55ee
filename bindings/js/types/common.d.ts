/// <reference lib="esnext.disposable" />
// Types shared by every domain of seamid (hand-written: Emscripten 3.1.6's embind cannot generate them).

/** How bad a finding is. `error`: Seam would refuse the request (or a workspace rule breaks); `warning`:
 * Seam accepts it but it is almost surely a mistake; `info`: harmless, for the record. */
export type Severity = 'error' | 'warning' | 'info';

/** One step of an issue path: an object key or an array index, as in zod. */
export type PathElement = string | number;

/** One finding. `code` is stable (listed in docs/codes.md); `message` tells the user what to do. */
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

/** Options of the validators that read phone numbers (validatePhone, validateCreate, validateUpdate). */
export interface PhoneValidationOptions extends ValidationOptions {
  /**
   * ISO 3166-1 alpha-2 code (`'US'`, `'gb'`: either case) of the country a phone number written without `+` is read
   * in: `(415) 555-2671`, `011 44 20 7946 0958`. It stays an error (Seam refuses it), now with the E.164 number as
   * suggestion, and the plausibility rules apply to that number. A `+` number ignores it. `undefined`/`null`: none.
   * A code seamid has no numbering data for (`'XX'`, `'USA'`, `''`) throws a TypeError.
   */
  defaultCountry?: string | null;
}

/**
 * The contract of every stateful seamid object (Workspace, AcsModel, DeletionProgress): it holds native memory inside
 * a wasm module. What it was built from is checked once: `issues` lists the problems (paths point into the input) and
 * `ok` is false when any is an error. Call `dispose()` (or declare it with `using`) when done; a FinalizationRegistry
 * frees a forgotten one eventually, but do not rely on it. Every other method of a disposed object throws. At most
 * 10,000 objects of one kind are live at once in a module (garbage collection frees nothing before the current job
 * ends): one more is not built, `ok` is false with a `too_many_handles` issue, and its methods throw.
 */
export interface Handle {
  /** False when any construction issue is an error. */
  readonly ok: boolean;
  /** The problems found in what the object was built from. */
  readonly issues: readonly Issue[];
  /** True once dispose() has run. */
  readonly disposed: boolean;
  /** Frees the native memory now. Idempotent. */
  dispose(): void;
  /** The same as dispose(), for `using` declarations. */
  [Symbol.dispose](): void;
}
