// Test helper: the package's two ways in — the Node entry (`seamid`), and the browser loader (`seamid/loader` for
// browsers and bundlers) given each module's wasmBinary, as a bundler that ships the bytes itself would.
import { readFileSync } from 'node:fs';
import * as browserLoader from '../../bindings/js/src/loader.js';
import * as nodeEntry from '../../bindings/js/src/node.js';

const bytes = (name) => readFileSync(new URL(`../../bindings/js/dist/${name}.wasm`, import.meta.url));

/** Both builds, each as { name, api }. */
export async function loadBuilds() {
  const domains = await Promise.all([
    browserLoader.loadValidation({ wasmBinary: bytes('seamid-validation') }),
    browserLoader.loadWorkspace({ wasmBinary: bytes('seamid-workspace') }),
    browserLoader.loadAcs({ wasmBinary: bytes('seamid-acs') }),
    browserLoader.loadDeletion({ wasmBinary: bytes('seamid-deletion') }),
  ]);
  return [
    { name: 'node entry', api: nodeEntry },
    { name: 'web build', api: Object.assign({}, ...domains) },
  ];
}

/** Reads a shared fixture from tests/fixtures/. */
export function fixture(name) {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'));
}
