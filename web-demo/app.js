// The demo page's behaviour: every form field is validated as the user types by the seamid WASM core.
import * as seamid from '/bindings/js/src/validation-browser.js';
import { mountIdentityForm } from './identity-panel.js';
import { setupAcsPanel } from './acs-panel.js';
import './deletion-panel.js';
import './bulk-import-panel.js';

mountIdentityForm();

await setupAcsPanel();
document.getElementById('status').textContent = 'Ready.';
document.getElementById('status').dataset.ready = 'true';
document.getElementById('about').textContent = `seamid ${seamid.version} · phone tables from ${seamid.phoneMetadata}`;
