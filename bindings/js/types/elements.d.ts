// Types of `seamid/elements`: the custom elements importing the entry defines.
import type { Issue } from './common.js';
import type { CreateUserIdentityRequest, UpdateUserIdentityRequest } from './validation.js';
import type { Workspace, WorkspaceSnapshot } from './workspace.js';
import type { DeletionPlan, DeletionProgress, DeletionSnapshot } from './deletion.js';

/** The detail of `seamid-validate`: the value checked, `ok` (no error), and the issues as validatePhone & co. return them. */
export interface SeamidValidateDetail<Value = string> {
  value: Value;
  ok: boolean;
  issues: Issue[];
}

/**
 * The base of the form-associated field elements. The value goes into FormData under `name`; errors make the element
 * invalid (form.checkValidity(), `:invalid`, native submit blocking), warnings and info never do. Custom states:
 * `:state(warning)`, `:state(info)`, `:state(pending)` (the wasm module loads), `:state(user-invalid)`.
 * Parts: `label`, `input`, `issues`, `suggestion`. Fires `seamid-validate` (bubbling, composed).
 */
export class SeamidField extends HTMLElement {
  static readonly formAssociated: true;
  /** The text; assigning coerces as an <input> does (null: empty, 42: "42") and re-validates. */
  get value(): string;
  set value(value: unknown);
  /** The `value` attribute: the value form.reset() restores. */
  defaultValue: string;
  /** The current issues: the element's own, then `externalIssues`. */
  readonly issues: Issue[];
  /** Issues found elsewhere (a request or uniqueness check), shown with the field's own; errors block submit. */
  externalIssues: Issue[];
  label: string;
  placeholder: string;
  name: string;
  required: boolean;
  disabled: boolean;
  readOnly: boolean;
  readonly form: HTMLFormElement | null;
  readonly validity: ValidityState;
  readonly validationMessage: string;
  readonly willValidate: boolean;
  checkValidity(): boolean;
  reportValidity(): boolean;
}

/** `<seamid-phone-input default-country="US">`: a phone_number, checked by validatePhone (inputmode and autocomplete `tel`). */
export class SeamidPhoneInput extends SeamidField {}
/** `<seamid-email-input>`: an email_address, checked by validateEmail (inputmode and autocomplete `email`). */
export class SeamidEmailInput extends SeamidField {}
/** `<seamid-text-input field="user_identity_key|full_name|user_identity_id">`: a text field of a request. */
export class SeamidTextInput extends SeamidField {
  readonly field: 'user_identity_key' | 'full_name' | 'user_identity_id';
}

/** The detail of `seamid-submit`: the request body, fired only when it is valid. */
export interface SeamidSubmitDetail {
  mode: 'create' | 'update';
  /** `/user_identities/create` or `/user_identities/update`. */
  endpoint: string;
  body: CreateUserIdentityRequest | UpdateUserIdentityRequest;
  /** Warnings and info that did not block. */
  issues: Issue[];
}

/** `<seamid-identity-form mode="create|update">`: the request form. Parts: `form`, `request-issues`, `submit`, `<field>-input` & co. */
export class SeamidIdentityForm extends HTMLElement {
  mode: 'create' | 'update';
  /** The field element of `name` (null for any other name). */
  field(name: 'user_identity_id' | 'user_identity_key' | 'email_address' | 'phone_number' | 'full_name'): SeamidField;
  field(name: string): SeamidField | null;
  /** The request body: empty fields omitted, cleared ones null (update). */
  readonly body: CreateUserIdentityRequest | UpdateUserIdentityRequest;
  /** Sets field values from an object; absent members leave their field. */
  setValues(values: Partial<Record<string, string | null>>): void;
  /** The request's issues: the request validator's, then uniqueness. */
  readonly issues: Issue[];
  /** True when the request can be sent. */
  readonly ok: boolean;
  /** Uniqueness is checked against it: a Workspace (the form does not dispose it) or a snapshot the form indexes. */
  get workspace(): Workspace | WorkspaceSnapshot | null;
  set workspace(source: Workspace | WorkspaceSnapshot | null | undefined);
  requestSubmit(): void;
  reset(): void;
}

/** A step's shown state: the progress's, or the executor's (`issued`, `retried`, `awaiting`, `confirmed`, `failed`), or `planned`. */
export type DeletionViewState = 'planned' | 'waiting' | 'runnable' | 'issued' | 'retried' | 'awaiting' | 'confirmed' | 'failed' | 'blocked';

/** `<seamid-deletion-plan order="guide" policy="minimal">`: a plan's waves and steps, with live states. Parts: `issues`, `notes`, `waves`, `wave`, `step`, `endpoint`, `status`. */
export class SeamidDeletionPlan extends HTMLElement {
  get plan(): DeletionPlan | null;
  set plan(plan: DeletionPlan | string | null);
  /** A snapshot to plan (with the `order` and `policy` attributes); fires `seamid-plan` with `{ plan }`. */
  get snapshot(): DeletionSnapshot | string | undefined;
  set snapshot(snapshot: DeletionSnapshot | string | undefined);
  /** States from a DeletionProgress; call refresh() after applying events or results to it. */
  progress: DeletionProgress | null;
  readonly states: Map<string, DeletionViewState>;
  /** Pass to deleteUserIdentity / executeDeletion as `onProgress` (bound). */
  onProgress(event: { type: string; step_id?: string }): void;
  clearStates(): void;
  refresh(): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'seamid-phone-input': SeamidPhoneInput;
    'seamid-email-input': SeamidEmailInput;
    'seamid-text-input': SeamidTextInput;
    'seamid-identity-form': SeamidIdentityForm;
    'seamid-deletion-plan': SeamidDeletionPlan;
  }
  interface GlobalEventHandlersEventMap {
    'seamid-validate': CustomEvent<SeamidValidateDetail<unknown>>;
    'seamid-submit': CustomEvent<SeamidSubmitDetail>;
    'seamid-plan': CustomEvent<{ plan: DeletionPlan }>;
  }
}
