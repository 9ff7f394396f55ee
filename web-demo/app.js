// The demo page's behaviour: every form field is validated as the user types by the seamid WASM core.
import * as seamid from '/bindings/js/src/browser.js';
import { renderIssues } from './issues-view.js';
import './deletion-panel.js';

const form = document.getElementById('identity-form');
const submit = document.getElementById('submit');
const requestView = document.getElementById('request');

// Field name -> validator. Each returns seamid's plain result object { ok, issues }.
const validators = {
  phone_number: (value) => seamid.validatePhone(value === '' ? null : value),
};

const results = {};

function validateField(name) {
  const input = form.elements[name];
  results[name] = validators[name](input.value);
  const container = input.closest('.field');
  renderIssues(container, results[name].issues, (suggestion) => {
    input.value = suggestion;
    validateField(name);
    input.focus();
  });
  submit.disabled = Object.values(results).some((result) => !result.ok);
}

for (const name of Object.keys(validators)) {
  form.elements[name].addEventListener('input', () => validateField(name));
  validateField(name);
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const body = {};
  for (const name of Object.keys(validators)) if (form.elements[name].value !== '') body[name] = form.elements[name].value;
  requestView.hidden = false;
  requestView.textContent = `POST https://connect.getseam.com/user_identities/create\n${JSON.stringify(body, null, 2)}`;
});

document.getElementById('status').textContent = 'Ready.';
document.getElementById('status').dataset.ready = 'true';
document.getElementById('about').textContent = `seamid ${seamid.version} · phone tables from ${seamid.phoneMetadata}`;
