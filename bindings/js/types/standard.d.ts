// Types of `seamid/standard`: Standard Schema v1 objects (https://standardschema.dev) over the validation functions.
import type { PathElement, Severity } from './common.js';
import type { CreateUserIdentityRequest, UpdateUserIdentityRequest } from './validation.js';

/** One issue of a schema result: the spec's `message` and `path` (relative to the validated value), plus seamid's own. */
export interface SchemaIssue {
  readonly message: string;
  readonly path: PathElement[];
  /** seamid's stable code (docs/codes.md). */
  readonly code: string;
  readonly severity: Severity;
  /** A corrected value the user can apply. */
  readonly suggestion?: string;
}

/** A schema result: a success carries the value, a failure the failing issues (errors, and warnings with `warnings: 'block'`).
 * Either may carry `warnings`: the warnings and info that did not fail. */
export type SchemaResult<Output> =
  | { readonly value: Output; readonly issues?: undefined; readonly warnings?: SchemaIssue[] }
  | { readonly issues: SchemaIssue[]; readonly warnings?: SchemaIssue[] };

/** The names `standardSchema` knows. */
export type SchemaKind = 'phoneNumber' | 'emailAddress' | 'userIdentityKey' | 'fullName' | 'createUserIdentity' | 'updateUserIdentity';

/** A Standard Schema v1 object whose validate is synchronous. `types` exists only for type inference. */
export interface SeamidSchema<Input, Output = Input> {
  readonly '~standard': {
    readonly version: 1;
    readonly vendor: 'seamid';
    readonly validate: (value: unknown) => SchemaResult<Output>;
    readonly types?: { readonly input: Input; readonly output: Output } | undefined;
  };
  readonly kind: SchemaKind;
}

/** Options of standardSchema. */
export interface SchemaOptions {
  /** `strict`: plausibility findings are errors (as in validatePhone & co.). */
  profile?: 'default' | 'strict';
  /** `report` (default): warnings never fail, they come back as `result.warnings`. `block`: they fail like errors. Info never fails. */
  warnings?: 'report' | 'block';
  /** Phone numbers: passed to validatePhone as its `defaultCountry` option. */
  defaultCountry?: string;
}

/** What each kind validates. */
export interface SchemaKinds {
  phoneNumber: string | null | undefined;
  emailAddress: string | null | undefined;
  userIdentityKey: string | null | undefined;
  fullName: string | null | undefined;
  createUserIdentity: CreateUserIdentityRequest;
  updateUserIdentity: UpdateUserIdentityRequest;
}

/**
 * A schema for `kind` with options. Throws TypeError for an unknown kind or option.
 * @example standardSchema('createUserIdentity', { profile: 'strict', warnings: 'block' })
 */
export function standardSchema<K extends SchemaKind>(kind: K, options?: SchemaOptions): SeamidSchema<SchemaKinds[K]>;

/** `phone_number`: Seam's E.164 rule; plausibility findings are warnings. */
export const phoneNumber: SeamidSchema<string | null | undefined>;
/** `email_address`: the zod 3 email grammar Seam applies; RFC 5321 limits are warnings. */
export const emailAddress: SeamidSchema<string | null | undefined>;
/** `user_identity_key`: a non-empty string; surrounding whitespace and invisible characters warn. */
export const userIdentityKey: SeamidSchema<string | null | undefined>;
/** `full_name`: a non-empty string; surrounding whitespace and invisible characters warn. */
export const fullName: SeamidSchema<string | null | undefined>;
/** A whole /user_identities/create body (issues at the field's path, e.g. `["email_address"]`). */
export const createUserIdentity: SeamidSchema<CreateUserIdentityRequest>;
/** A whole /user_identities/update body. */
export const updateUserIdentity: SeamidSchema<UpdateUserIdentityRequest>;

/** One react-hook-form field error: `type` is seamid's code. */
export interface SeamidFieldError {
  type: string;
  message: string;
  ref?: unknown;
  /** With criteriaMode 'all': every code of the field and its message. */
  types?: Record<string, string>;
}

/** The errors object: field errors at their paths (`errors.acs_system_ids[0]`), request-level ones at `root`. */
export interface SeamidFieldErrors {
  [field: string]: SeamidFieldError | SeamidFieldErrors | SeamidFieldErrors[] | SeamidFieldError[] | undefined;
}

/**
 * A react-hook-form resolver (`useForm({ resolver: seamidResolver(createUserIdentity) })`): like @hookform/resolvers'
 * standardSchemaResolver, but each error's `type` is seamid's code.
 */
export function seamidResolver<Values extends object>(schema: SeamidSchema<any, Values>): (
  values: Values,
  context: unknown,
  options?: { criteriaMode?: 'firstError' | 'all'; fields?: Record<string, { ref?: unknown } | undefined> },
) => { values: Values; errors: {} } | { values: {}; errors: SeamidFieldErrors };
