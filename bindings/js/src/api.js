// The idiomatic JS API over the raw embind modules: one JS module per concept, composed here.
// Every function takes and returns plain objects; no embind handle ever reaches the caller.
import { createWire } from './common/wire.js';
import { phoneApi } from './validation/phone.js';
import { identityApi } from './validation/identity.js';
import { acsApi } from './acs/acs.js';
import { deletionApi } from './deletion/deletion.js';
import { workspaceApi } from './workspace/workspace.js';

/** The validation API (phone, email, whole requests) around the instantiated `seamid` module. */
export function createValidationApi(wasm) {
  const wire = createWire(wasm);
  return {
    version: wasm._version(),
    ...phoneApi(wasm, wire),
    ...identityApi(wasm),
  };
}

/** The operations API (workspace, ACS links, deletion planning) around the `seamid-operations` module. */
export function createOperationsApi(wasm) {
  const wire = createWire(wasm);
  return {
    ...acsApi(wasm, wire),
    ...deletionApi(wasm, wire),
    ...workspaceApi(wasm, wire),
  };
}

/** The whole API, from both instantiated modules. */
export function createApi(validationWasm, operationsWasm) {
  return { ...createOperationsApi(operationsWasm), ...createValidationApi(validationWasm) };
}
