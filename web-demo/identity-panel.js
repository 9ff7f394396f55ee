// The user-identity panel: seamid's <seamid-identity-form> element (seamid/elements) in create or update mode; the
// radio buttons set its mode, its seamid-submit event (fired only for a valid request) shows the request, and the
// demo's Seam simulator's identities (through the same-origin /seam proxy) can be its workspace for uniqueness.
import '/bindings/js/src/elements/index.js';
import { fetchWorkspace } from '/bindings/js/src/seam/index.js';

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

  const button = document.getElementById('identity-workspace');
  const status = document.getElementById('identity-workspace-status');
  button.addEventListener('click', async () => {
    status.textContent = 'Listing the identities…';
    try {
      const identities = await fetchWorkspace({ endpoint: `${location.origin}/seam`, apiKey: 'demo-proxy' }, { retry: { attempts: 4, timeoutMs: 10_000 } });
      form.workspace = identities; // the form indexes them (seamid/workspace) and checks key, email and phone
      status.textContent = `${identities.length} identities: a key, email or phone one of them holds is now an error.`;
      status.dataset.count = String(identities.length);
    } catch (error) {
      status.textContent = `Listing the identities failed: ${error.message}`;
    }
  });

  form.addEventListener('seamid-submit', (event) => {
    const { mode, endpoint: path, body } = event.detail;
    const method = mode === 'create' ? 'POST' : 'PATCH';
    requestView.hidden = false;
    requestView.textContent = `${method} https://connect.getseam.com${path}\n${JSON.stringify(body, null, 2)}`;
  });
}
