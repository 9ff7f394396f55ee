// The idiomatic JS API of each domain around its instantiated wasm module: one JS module per concept, composed here.
// Every function takes and returns plain objects; no embind handle ever reaches the caller. Each factory takes the
// module (or a promise of it) and imports its domain's JS on demand, so a page that uses one domain loads one.
import { createWire } from './common/wire.js';

/** The validation API (phone, email, whole requests) around the seamid-validation module. */
export async function createValidationApi(module) {
  const [wasm, { phoneApi }, { identityApi }] = await Promise.all([module, import('./validation/phone.js'), import('./validation/identity.js')]);
  const wire = createWire(wasm);
  return { version: wasm._version(), ...phoneApi(wasm, wire), ...identityApi(wasm, wire) };
}

/** The workspace API (uniqueness, bulk import) around the seamid-workspace module. */
export async function createWorkspaceApi(module) {
  const [wasm, { workspaceApi }] = await Promise.all([module, import('./workspace/workspace.js')]);
  return workspaceApi(wasm, createWire(wasm));
}

/** The ACS-link API around the seamid-acs module. */
export async function createAcsApi(module) {
  const [wasm, { acsApi }] = await Promise.all([module, import('./acs/acs.js')]);
  return acsApi(wasm, createWire(wasm));
}

/** The deletion-planning API around the seamid-deletion module. */
export async function createDeletionApi(module) {
  const [wasm, { deletionApi }] = await Promise.all([module, import('./deletion/deletion.js')]);
  return deletionApi(wasm, createWire(wasm));
}
