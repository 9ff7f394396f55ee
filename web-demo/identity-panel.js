// The user-identity form: create or update mode, every field validated as the user types by validating the
// whole request with seamid (validateCreate / validateUpdate); each issue is shown under the field its path
// names, request-level issues (no identifier, nothing to change) under the form. Errors block submit.
import { renderIssues } from './issues-view.js';

const fields = ['user_identity_id', 'user_identity_key', 'email_address', 'phone_number', 'full_name'];

/** Wires the form in index.html to the seamid API `seamid`. */
export function mountIdentityForm(seamid) {
  const form = document.getElementById('identity-form');
  const submit = document.getElementById('submit');
  const requestView = document.getElementById('request');
  const endpoint = document.getElementById('endpoint');
  const requestLevel = form.querySelector('.request-level');
  const mode = () => form.elements.mode.value;
  let result = { ok: true, issues: [] };

  /** The request body the form describes: empty inputs are omitted; in update mode "clear" sends null. */
  function body() {
    const request = {};
    for (const name of fields) {
      if (name === 'user_identity_id' && mode() === 'create') continue;
      const clear = form.querySelector(`[data-clear=${name}]`);
      if (mode() === 'update' && clear?.checked) request[name] = null;
      else if (form.elements[name].value !== '') request[name] = form.elements[name].value;
    }
    return request;
  }

  function validate(focusName) {
    const request = body();
    result = mode() === 'create' ? seamid.validateCreate(request) : seamid.validateUpdate(request);
    for (const name of fields) {
      const input = form.elements[name];
      const own = result.issues.filter((found) => found.path[0] === name);
      renderIssues(input.closest('.field'), own, (suggestion) => {
        input.value = suggestion;
        validate(name);
        input.focus();
      });
    }
    renderIssues(requestLevel, result.issues.filter((found) => found.path.length === 0), () => {});
    submit.disabled = !result.ok;
    if (focusName) form.elements[focusName].focus();
  }

  function setMode() {
    const update = mode() === 'update';
    form.querySelector('[data-field=user_identity_id]').hidden = !update;
    for (const label of form.querySelectorAll('label.clear')) label.hidden = !update;
    endpoint.textContent = `/user_identities/${mode()}`;
    submit.textContent = update ? 'Update' : 'Create';
    requestView.hidden = true;
    validate();
  }

  for (const name of fields) form.elements[name].addEventListener('input', () => validate());
  for (const box of form.querySelectorAll('[data-clear]')) {
    box.addEventListener('change', () => {
      form.elements[box.dataset.clear].disabled = box.checked;
      validate();
    });
  }
  for (const radio of form.querySelectorAll('[name=mode]')) radio.addEventListener('change', setMode);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    validate();
    if (!result.ok) return;
    const method = mode() === 'create' ? 'POST' : 'PATCH';
    requestView.hidden = false;
    requestView.textContent = `${method} https://connect.getseam.com/user_identities/${mode()}\n${JSON.stringify(body(), null, 2)}`;
  });

  setMode();
}
