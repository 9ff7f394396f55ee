// The idiomatic JS API over the raw embind module: one module per concept, composed here.
// Every function takes and returns plain objects; no embind handle ever reaches the caller.
import { createWire } from './wire.js';
import { phoneApi } from './phone.js';
import { identityApi } from './identity.js';
import { acsApi } from './acs.js';
import { deletionApi } from './deletion.js';

/** Builds the public API around an instantiated seamid wasm module. */
export function createApi(wasm) {
  const wire = createWire(wasm);
  return {
    version: wasm._version(),
    ...phoneApi(wasm, wire),
    ...identityApi(wasm),
    ...acsApi(wasm, wire),
    ...deletionApi(wasm, wire),
  };
}
