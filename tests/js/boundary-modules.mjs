// Test helper for the JS<->wasm boundary tests: each domain's API over a module instance of its own, with the instance
// at hand (its memory size, its exports to count calls), as the package's loader builds it.
import { readFileSync } from 'node:fs';
import * as api from '../../bindings/js/src/api.js';

const dist = new URL('../../bindings/js/dist/', import.meta.url);
const factories = { validation: api.createValidationApi, workspace: api.createWorkspaceApi, acs: api.createAcsApi, deletion: api.createDeletionApi };

/** { wasm, api } of a fresh instance of `domain`'s module; `wrap(wasm)` may replace exports before the API takes them. */
export async function instance(domain, wrap = () => {}) {
  const { default: factory } = await import(new URL(`seamid-${domain}.mjs`, dist));
  const wasm = await factory({ wasmBinary: readFileSync(new URL(`seamid-${domain}.wasm`, dist)) });
  wrap(wasm);
  return { wasm, api: await factories[domain](wasm) };
}

/** The module's memory in bytes. */
export const memoryOf = (wasm) => wasm.HEAPU8.length;

/** `target` with its property `key` made a getter returning `values[0]`, then `values[1]`, ... (the last one
 * repeats), counting its reads in `reads[key]`. */
export function shifting(target, key, values, reads) {
  reads[key] = 0;
  return Object.defineProperty(target, key, {
    enumerable: true,
    get() {
      const value = values[Math.min(reads[key], values.length - 1)];
      reads[key]++;
      return value;
    },
  });
}
