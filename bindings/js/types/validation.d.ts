// Types of the validation domain: one field or one whole create/update request.
import type { Issue, PathElement, PhoneValidationOptions, Severity, ValidationOptions, ValidationResult } from './common.js';

/**
 * Validates a `phone_number` value: Seam's E.164 rule (errors, with a suggested value for formatted input)
 * and numbering-plan plausibility (warnings, errors in the strict profile). `null`/`undefined` = unset, valid.
 * With `defaultCountry`, a number without '+' gets its E.164 reading in that country as suggestion.
 * @example validatePhone('+1 (415) 555-2671').issues[0].suggestion === '+14155552671'
 * @example validatePhone('020 7946 0958', { defaultCountry: 'GB' }).issues[0].suggestion === '+442079460958'
 */
export function validatePhone<T>(value: T, options?: PhoneValidationOptions): ValidationResult<T>;

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
export function validateCreate<T = CreateUserIdentityRequest | string>(request: T, options?: PhoneValidationOptions): ValidationResult<T>;

/**
 * Validates a whole `/user_identities/update` body (plain object or JSON text): `user_identity_id` required
 * and a UUID, each field's rule, `null` reported as `field_cleared` (info), unknown members, and a warning
 * when the update changes nothing.
 */
export function validateUpdate<T = UpdateUserIdentityRequest | string>(request: T, options?: PhoneValidationOptions): ValidationResult<T>;

/** seamid's version. */
export const version: string;

/** The phone metadata the plausibility tables were generated from, e.g. "libphonenumber-js 1.13.16 metadata.max.json". */
export const phoneMetadata: string;
