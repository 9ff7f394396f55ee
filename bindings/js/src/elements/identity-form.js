// <seamid-identity-form mode="create|update">: the user-identity request form, built from the field elements. The
// request validator (validateCreate / validateUpdate) adds what no single field knows (no identifier, an update
// that changes nothing, null clearing a field); a workspace adds uniqueness. seamid-submit carries the body.
import { Base, issueStyle, ready, renderIssueList, setState, upgradeProperties, whenValidation, whenWorkspace } from './shared.js';

const fields = [
  ['user_identity_id', 'seamid-text-input field="user_identity_id"'],
  ['user_identity_key', 'seamid-text-input field="user_identity_key"'],
  ['email_address', 'seamid-email-input'],
  ['phone_number', 'seamid-phone-input'],
  ['full_name', 'seamid-text-input field="full_name"'],
];
const names = fields.map(([name]) => name);

const template = `<style>
  :host { display: block; }
  :host([hidden]) { display: none; }
  form { margin: 0; }
  .clear { display: block; font-size: 0.9em; margin: -0.5rem 0 0.6rem; }
  .submit { font: inherit; padding: 0.4rem 1rem; border-radius: var(--seamid-radius, 5px); cursor: pointer;
    border: 1px solid var(--seamid-accent-color, #3949ab); background: var(--seamid-accent-color, #3949ab); color: var(--seamid-on-accent-color, #fff); }${issueStyle}
</style><form part="form">${fields.map(([name, tag]) => `<div class="field" data-field="${name}"><${tag} name="${name}"
  exportparts="input: ${name}-input, label: ${name}-label, issues: ${name}-issues, suggestion: ${name}-suggestion"></${tag.split(' ')[0]}
  >${name === 'user_identity_id' ? '' : `<label class="clear" hidden><input type="checkbox" data-clear="${name}"> clear ${name} (send null)</label>`}</div>`).join('')}
<div aria-live="polite"><ul part="request-issues" class="issues"></ul></div>
<button part="submit" class="submit" type="submit"></button></form>`;

/** The request form; `workspace` (a createWorkspace result, or a /user_identities/list snapshot) adds uniqueness. */
export class SeamidIdentityForm extends Base {
  static observedAttributes = ['mode', 'profile', 'submit-label'];
  #internals;
  #root;
  #form;
  #requestList;
  #workspace = null;
  #ownedWorkspace = null;
  #workspaceSource = null;
  #result = { ok: true, issues: [] };
  #uniqueness = { ok: true, issues: [] };
  #scheduled = false;

  constructor() {
    super();
    this.#internals = this.attachInternals();
    this.#root = this.attachShadow({ mode: 'open', delegatesFocus: true });
    this.#root.innerHTML = template;
    this.#form = this.#root.querySelector('form');
    this.#requestList = this.#root.querySelector('ul[part=request-issues]');
    const schedule = () => this.#schedule();
    this.#form.addEventListener('input', schedule);
    this.#form.addEventListener('seamid-validate', (event) => {
      if (event.target !== this.#form) event.stopPropagation(); // the form's own event speaks for the whole request
    });
    this.#form.addEventListener('change', (event) => {
      const box = event.target;
      if (box instanceof HTMLInputElement && box.dataset.clear) this.field(box.dataset.clear).disabled = box.checked;
      schedule();
    });
    this.#form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#submit();
    });
    this.#form.addEventListener('reset', () => queueMicrotask(() => {
      for (const box of this.#root.querySelectorAll('[data-clear]')) this.field(box.dataset.clear).disabled = false;
      this.#check();
    }));
  }

  connectedCallback() {
    upgradeProperties(this, ['workspace', 'mode']);
    this.#applyMode();
    if (ready.validation === null) {
      setState(this.#internals, 'pending', true);
      whenValidation().then(() => this.#check(), () => setState(this.#internals, 'pending', false));
    } else this.#check();
  }

  attributeChangedCallback() {
    this.#applyMode();
    this.#schedule();
  }

  /** `create` (default) or `update`. */
  get mode() {
    return this.getAttribute('mode') === 'update' ? 'update' : 'create';
  }
  set mode(mode) {
    this.setAttribute('mode', mode === 'update' ? 'update' : 'create');
  }

  /** The field element holding `name` (user_identity_id, user_identity_key, email_address, phone_number, full_name). */
  field(name) {
    return names.includes(name) ? this.#root.querySelector(`[name="${name}"]`) : null;
  }

  /** The request body the form describes: empty fields omitted; in update mode, a cleared field is null. */
  get body() {
    const update = this.mode === 'update';
    const body = {};
    for (const name of names) {
      if (name === 'user_identity_id' && !update) continue;
      const box = this.#root.querySelector(`[data-clear="${name}"]`);
      if (update && box?.checked) body[name] = null;
      else if (this.field(name).value !== '') body[name] = this.field(name).value;
    }
    return body;
  }

  /** Sets field values from an object (say the identity to update); absent members leave their field as it is. */
  setValues(values) {
    if (!values || typeof values !== 'object') return;
    for (const name of names) if (Object.prototype.hasOwnProperty.call(values, name)) this.field(name).value = values[name];
    this.#check();
  }

  /** The request's issues (request validator, then uniqueness), as plain issue objects. */
  get issues() {
    return this.#result.issues.concat(this.#uniqueness.issues);
  }

  /** True when the request can be sent: no field, request or uniqueness error. */
  get ok() {
    return ready.validation !== null && this.#result.ok && this.#uniqueness.ok && names.every((name) => this.field(name).checkValidity());
  }

  /** The workspace uniqueness is checked against: a Workspace (not disposed by the form) or a snapshot it indexes itself. */
  get workspace() {
    return this.#workspaceSource;
  }
  set workspace(source) {
    this.#ownedWorkspace?.dispose();
    this.#ownedWorkspace = null;
    this.#workspace = null;
    this.#workspaceSource = source ?? null;
    if (source && typeof source.checkCreate === 'function') this.#workspace = source;
    else if (source !== null && source !== undefined) {
      whenWorkspace().then((api) => {
        if (this.#workspaceSource !== source) return; // replaced meanwhile
        this.#ownedWorkspace = api.createWorkspace(source);
        this.#workspace = this.#ownedWorkspace;
        this.#check();
      }, () => {});
    }
    this.#schedule();
  }

  /** Submits as the button does: seamid-submit fires only when the request is valid. */
  requestSubmit() {
    this.#form.requestSubmit();
  }

  /** Resets every field to its initial value and clears the null boxes. */
  reset() {
    this.#form.reset();
  }

  #applyMode() {
    const update = this.mode === 'update';
    const id = this.field('user_identity_id');
    id.closest('.field').hidden = !update;
    id.disabled = !update;
    for (const box of this.#root.querySelectorAll('[data-clear]')) {
      box.closest('label').hidden = !update;
      if (!update && box.checked) {
        box.checked = false;
        this.field(box.dataset.clear).disabled = false;
      }
    }
    this.#root.querySelector('button[part=submit]').textContent = this.getAttribute('submit-label') ?? (update ? 'Update' : 'Create');
  }

  #schedule() {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      this.#check();
    });
  }

  /** Runs the request validator and the uniqueness check; gives each field the issues it cannot find itself. */
  #check() {
    const api = ready.validation;
    if (api === null) return;
    setState(this.#internals, 'pending', false);
    const update = this.mode === 'update';
    const body = this.body;
    const options = this.getAttribute('profile') === 'strict' ? { profile: 'strict' } : {};
    this.#result = update ? api.validateUpdate(body, options) : api.validateCreate(body, options);
    this.#uniqueness = { ok: true, issues: [] };
    if (this.#workspace !== null && !this.#workspace.disposed) {
      try {
        this.#uniqueness = update ? this.#workspace.checkUpdate(body, options) : this.#workspace.checkCreate(body, options);
      } catch {
        this.#uniqueness = { ok: true, issues: [] }; // a workspace disposed by its owner: no uniqueness check
      }
    }
    for (const name of names) {
      const element = this.field(name);
      // A field checks its own value; the request's findings go to a field that cannot: empty, or cleared (null).
      const fromRequest = element.value === '' || element.disabled ? this.#result.issues.filter((found) => found.path[0] === name) : [];
      // Both checks report a missing user_identity_id: each code once.
      const external = fromRequest.concat(this.#uniqueness.issues.filter((found) => found.path[0] === name && !fromRequest.some((known) => known.code === found.code)));
      if (name === 'user_identity_id' && !update) element.externalIssues = [];
      else if (!sameIssues(element.externalIssues, external)) element.externalIssues = external;
    }
    const requestLevel = this.#result.issues.filter((found) => found.path.length === 0 || !names.includes(found.path[0]))
      .concat(this.#uniqueness.issues.filter((found) => found.path.length === 0));
    renderIssueList(this.#requestList, requestLevel);
    const ok = this.#result.ok && this.#uniqueness.ok;
    setState(this.#internals, 'invalid', !ok);
    this.dispatchEvent(new CustomEvent('seamid-validate', { bubbles: true, composed: true, detail: { value: body, ok, issues: this.issues } }));
  }

  #submit() {
    if (ready.validation === null) return;
    this.#check();
    if (!this.ok) {
      this.#form.reportValidity();
      return;
    }
    const detail = { mode: this.mode, endpoint: `/user_identities/${this.mode}`, body: this.body, issues: this.issues };
    this.dispatchEvent(new CustomEvent('seamid-submit', { bubbles: true, composed: true, detail }));
  }
}

/** True when two issue lists say the same (so a field is not re-rendered for nothing). */
function sameIssues(a, b) {
  return a.length === b.length && a.every((found, i) => found.code === b[i].code && found.message === b[i].message && found.severity === b[i].severity);
}
