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
  /** Path to report issues at (default: the field's own name, e.g. `["phone_number"]`). */
  path?: PathElement[];
}

/**
 * Validates a `phone_number` value: Seam's E.164 rule (errors, with a suggested value for formatted input)
 * and numbering-plan plausibility (warnings, errors in the strict profile). `null`/`undefined` = unset, valid.
 * @example validatePhone('+1 (415) 555-2671').issues[0].suggestion === '+14155552671'
 */
export function validatePhone<T>(value: T, options?: ValidationOptions): ValidationResult<T>;

/** seamid's version. */
export const version: string;

/** The phone metadata the plausibility tables were generated from, e.g. "libphonenumber-js 1.13.16 metadata.max.json". */
export const phoneMetadata: string;
