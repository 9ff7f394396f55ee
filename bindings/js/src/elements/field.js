// The form-associated field elements: <seamid-phone-input>, <seamid-email-input>, <seamid-text-input>. One base
// class owns form association (value in FormData, validity anchored on the inner input, reset and restore),
// custom states and the accessible rendering; each element only says which validation function checks it.
import { Base, issueStyle, renderIssueList, ready, setState, upgradeProperties, whenValidation } from './shared.js';

const template = `<style>
  :host { display: block; margin: var(--seamid-field-gap, 0.8rem) 0; color: var(--seamid-color, inherit); }
  :host([hidden]) { display: none; }
  label { display: block; font-weight: var(--seamid-label-weight, 600); margin-bottom: 0.2rem; }
  input { box-sizing: border-box; width: 100%; font: inherit; padding: var(--seamid-input-padding, 0.45rem 0.6rem);
    border: 1px solid var(--seamid-border-color, #767f8f); border-radius: var(--seamid-radius, 5px);
    background: var(--seamid-input-background, #fff); color: inherit; }
  input:disabled { opacity: 0.6; }
  :host(:state(warning)) input { border-color: var(--seamid-warning-color, #7a4a00); }
  :host(:state(user-invalid)) input { border-color: var(--seamid-error-color, #b71c1c); background: var(--seamid-invalid-background, #fff6f6); }
  .suggestion { margin-top: 0.2rem; }${issueStyle}
</style><label part="label" for="input"></label><input part="input" id="input" aria-describedby="messages"
><div id="messages" aria-live="polite"><ul part="issues" class="issues"></ul
><button part="suggestion" class="suggestion" type="button" hidden></button></div>`;

/** Coerces what a script assigns to `value` as an <input> does: null and undefined are empty, anything else its string. */
function toText(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  try {
    return String(value);
  } catch {
    return ''; // an object whose toString throws
  }
}

const shownSuggestionLength = 60;

/** The base of the field elements; subclasses define `check(api, value)` and the input's kind. */
export class SeamidField extends Base {
  static formAssociated = true;
  static observedAttributes = ['label', 'placeholder', 'required', 'disabled', 'readonly', 'value', 'profile', 'default-country', 'autocomplete', 'field'];
  #internals;
  #input;
  #label;
  #list;
  #suggestion;
  #value = '';
  #dirty = false; // the value was set by the user or a script since the last reset (the value attribute no longer applies)
  #touched = false;
  #formDisabled = false; // disabled by an ancestor <fieldset disabled>
  #own = [];
  #external = [];
  #issues = [];

  constructor() {
    super();
    this.#internals = this.attachInternals();
    const root = this.attachShadow({ mode: 'open', delegatesFocus: true });
    root.innerHTML = template;
    this.#input = root.getElementById('input');
    this.#label = root.querySelector('label');
    this.#list = root.querySelector('ul');
    this.#suggestion = root.querySelector('button');
    const { type, inputmode, autocomplete } = this.constructor.inputKind;
    Object.assign(this.#input, { type, spellcheck: false });
    this.#input.setAttribute('inputmode', inputmode);
    this.#input.setAttribute('autocomplete', autocomplete(this));
    this.#input.setAttribute('autocapitalize', 'off');
    this.#input.addEventListener('input', () => this.#userSet(this.#input.value, false));
    this.#input.addEventListener('change', () => this.dispatchEvent(new Event('change', { bubbles: true })));
    // Implicit submission, as a native input does: Enter submits the form the element belongs to.
    this.#input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.isComposing && !event.defaultPrevented) this.#internals.form?.requestSubmit();
    });
    this.#suggestion.addEventListener('click', () => {
      const suggestion = this.#suggestion.dataset.value;
      if (suggestion !== undefined) this.#userSet(suggestion, true);
      this.#input.focus();
    });
    this.addEventListener('invalid', () => this.#touch());
  }

  connectedCallback() {
    upgradeProperties(this, ['value', 'externalIssues', 'required', 'disabled', 'readOnly', 'label', 'placeholder']);
    this.#label.textContent = this.label;
    if (!this.#dirty) this.#value = this.getAttribute('value') ?? '';
    this.#input.value = this.#value;
    this.#validate(false);
    if (ready.validation === null) whenValidation().then(() => this.#validate(true), () => this.#validate(true));
  }

  attributeChangedCallback(name, _old, next) {
    if (name === 'label' || name === 'field') this.#label.textContent = this.label;
    else if (name === 'placeholder') this.#input.placeholder = next ?? '';
    else if (name === 'readonly') this.#input.readOnly = next !== null;
    else if (name === 'disabled') this.#input.disabled = next !== null || this.#formDisabled;
    if (name === 'autocomplete' || name === 'field') this.#input.setAttribute('autocomplete', this.constructor.inputKind.autocomplete(this));
    else if (name === 'value' && !this.#dirty) {
      this.#value = next ?? '';
      this.#input.value = this.#value;
    }
    this.#validate(false);
  }

  /** The field's text; assigning coerces like an <input> (null: empty; 42: "42") and re-validates. */
  get value() {
    return this.#value;
  }
  set value(value) {
    this.#dirty = true;
    this.#value = toText(value);
    if (this.#input.value !== this.#value) this.#input.value = this.#value;
    this.#validate(true);
  }

  /** The initial value (the `value` attribute), restored by form.reset(). */
  get defaultValue() {
    return this.getAttribute('value') ?? '';
  }
  set defaultValue(value) {
    this.setAttribute('value', toText(value));
  }

  /** The issues of the current value: seamid's own (as validatePhone & co. return them) and then `externalIssues`. */
  get issues() {
    return this.#issues.slice();
  }

  /** Issues found elsewhere (a request-level or uniqueness check) shown with the field's own; errors block submit. */
  get externalIssues() {
    return this.#external.slice();
  }
  set externalIssues(issues) {
    this.#external = Array.isArray(issues) ? issues.filter((found) => found && typeof found.message === 'string') : [];
    this.#validate(true);
  }

  get label() {
    return this.getAttribute('label') ?? this.constructor.defaultLabel(this);
  }
  set label(text) {
    this.setAttribute('label', toText(text));
  }
  get placeholder() {
    return this.getAttribute('placeholder') ?? '';
  }
  set placeholder(text) {
    this.setAttribute('placeholder', toText(text));
  }
  get name() {
    return this.getAttribute('name') ?? '';
  }
  set name(text) {
    this.setAttribute('name', toText(text));
  }
  get required() {
    return this.hasAttribute('required');
  }
  set required(on) {
    this.toggleAttribute('required', Boolean(on));
  }
  get disabled() {
    return this.hasAttribute('disabled');
  }
  set disabled(on) {
    this.toggleAttribute('disabled', Boolean(on));
  }
  get readOnly() {
    return this.hasAttribute('readonly');
  }
  set readOnly(on) {
    this.toggleAttribute('readonly', Boolean(on));
  }
  get form() {
    return this.#internals.form;
  }
  get validity() {
    return this.#internals.validity;
  }
  get validationMessage() {
    return this.#internals.validationMessage;
  }
  get willValidate() {
    return this.#internals.willValidate;
  }
  checkValidity() {
    return this.#internals.checkValidity();
  }
  reportValidity() {
    this.#touch();
    return this.#internals.reportValidity();
  }

  formResetCallback() {
    this.#dirty = false;
    this.#touched = false;
    this.#value = this.defaultValue;
    this.#input.value = this.#value;
    this.#validate(true);
  }

  formStateRestoreCallback(state) {
    if (typeof state === 'string') this.value = state;
  }

  formDisabledCallback(disabled) {
    this.#formDisabled = disabled;
    this.#input.disabled = disabled || this.disabled;
    this.#validate(false);
  }

  /** A value the user typed or applied (suggestion): the element is touched; input and change tell the page. */
  #userSet(value, applied) {
    this.#dirty = true;
    this.#touched = true;
    this.#value = value;
    if (applied) {
      this.#input.value = value;
      this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      this.dispatchEvent(new Event('change', { bubbles: true }));
    }
    this.#validate(true);
  }

  /** The validation options the attributes ask for: the strict profile, a default country. */
  #options() {
    const options = {};
    if (this.getAttribute('profile') === 'strict') options.profile = 'strict';
    const country = this.getAttribute('default-country');
    if (country !== null && this.constructor.takesCountry) options.defaultCountry = country;
    return options;
  }

  #touch() {
    if (this.#touched) return;
    this.#touched = true;
    this.#validate(false);
  }

  /** Validates the value with the core (when loaded), then updates validity, states, messages and the form value. */
  #validate(notify) {
    const api = ready.validation;
    const value = this.#value;
    const off = this.disabled || this.#input.disabled;
    this.#own = [];
    if (api !== null && value !== '' && !off) {
      try {
        this.#own = this.check(api, value, this.#options());
      } catch {
        // An attribute the API refuses (a default-country it does not know, say) must not escape to the page:
        // the value is checked with the default options instead.
        this.#own = this.check(api, value, {});
      }
    }
    this.#issues = this.#own.concat(this.#external);
    const error = this.#issues.find((found) => found.severity === 'error');
    const input = this.#input;
    input.required = this.required;
    if (this.required && value === '' && !off) this.#internals.setValidity({ valueMissing: true }, input.validationMessage || 'Please fill in this field.', input);
    else if (error !== undefined) this.#internals.setValidity({ customError: true }, error.message, input);
    else if (api === null && !ready.failed && value !== '' && !off) this.#internals.setValidity({ customError: true }, 'Checking the value…', input);
    else this.#internals.setValidity({});
    this.#internals.setFormValue(value, value);

    const shown = this.#touched || value !== '' || this.#external.length > 0;
    const visible = shown ? this.#issues : [];
    const invalid = !this.#internals.validity.valid && !off;
    setState(this.#internals, 'pending', api === null && !ready.failed);
    setState(this.#internals, 'warning', this.#issues.some((found) => found.severity === 'warning'));
    setState(this.#internals, 'info', this.#issues.some((found) => found.severity === 'info'));
    setState(this.#internals, 'user-invalid', invalid && this.#touched);
    if (invalid && (error !== undefined ? shown : this.#touched)) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
    renderIssueList(this.#list, visible);
    const withSuggestion = visible.find((found) => typeof found.suggestion === 'string');
    this.#suggestion.hidden = withSuggestion === undefined;
    if (withSuggestion !== undefined) {
      const text = withSuggestion.suggestion;
      this.#suggestion.dataset.value = text;
      this.#suggestion.textContent = `Use ${text.length > shownSuggestionLength ? `${text.slice(0, shownSuggestionLength)}…` : text}`;
    } else delete this.#suggestion.dataset.value;
    if (notify && api !== null) {
      const detail = { value, ok: error === undefined, issues: this.#issues.slice() };
      this.dispatchEvent(new CustomEvent('seamid-validate', { bubbles: true, composed: true, detail }));
    }
  }
}

/** <seamid-phone-input>: a phone_number (E.164), checked by validatePhone; `default-country` is passed on as defaultCountry. */
export class SeamidPhoneInput extends SeamidField {
  static inputKind = { type: 'tel', inputmode: 'tel', autocomplete: (element) => element.getAttribute('autocomplete') ?? 'tel' };
  static defaultLabel = () => 'Phone number';
  static takesCountry = true;
  check(api, value, options) {
    return api.validatePhone(value, options).issues;
  }
}

/** <seamid-email-input>: an email_address, checked by validateEmail (type text, so the browser never trims what Seam would keep). */
export class SeamidEmailInput extends SeamidField {
  static inputKind = { type: 'text', inputmode: 'email', autocomplete: (element) => element.getAttribute('autocomplete') ?? 'email' };
  static defaultLabel = () => 'Email address';
  check(api, value, options) {
    return api.validateEmail(value, options).issues;
  }
}

const textFields = {
  user_identity_key: { label: 'User identity key', autocomplete: 'off' },
  full_name: { label: 'Full name', autocomplete: 'name' },
  user_identity_id: { label: 'User identity ID', autocomplete: 'off' },
};

/**
 * <seamid-text-input field="user_identity_key|full_name|user_identity_id">: a text field of a request, checked by
 * the request validator (validateCreate; validateUpdate for user_identity_id) with only that field set.
 */
export class SeamidTextInput extends SeamidField {
  static inputKind = { type: 'text', inputmode: 'text', autocomplete: (element) => element.getAttribute('autocomplete') ?? textFields[element.field]?.autocomplete ?? 'off' };
  static defaultLabel = (element) => textFields[element.field]?.label ?? element.field;
  get field() {
    return this.getAttribute('field') ?? 'user_identity_key';
  }
  check(api, value, options) {
    const field = this.field;
    const result = field === 'user_identity_id' ? api.validateUpdate({ user_identity_id: value }, options) : api.validateCreate({ [field]: value }, options);
    return result.issues.filter((found) => found.path[0] === field);
  }
}
