// The user-identity panel: seamid's <seamid-identity-form> element (seamid/elements) in create or update mode; the
// radio buttons set its mode, and its seamid-submit event (fired only for a valid request) shows the request.
import '/bindings/js/src/elements/index.js';

/** Wires the mode buttons and the request view in index.html to the form element. */
export function mountIdentityForm() {
  const form = document.getElementById('identity-form');
  const requestView = document.getElementById('request');
  const endpoint = document.getElementById('endpoint');

  for (const radio of document.querySelectorAll('[name=mode]')) {
    radio.addEventListener('change', () => {
      form.mode = radio.value;
      endpoint.textContent = `/user_identities/${form.mode}`;
      requestView.hidden = true;
    });
  }

  form.addEventListener('seamid-submit', (event) => {
    const { mode, endpoint: path, body } = event.detail;
    const method = mode === 'create' ? 'POST' : 'PATCH';
    requestView.hidden = false;
    requestView.textContent = `${method} https://connect.getseam.com${path}\n${JSON.stringify(body, null, 2)}`;
  });
}
