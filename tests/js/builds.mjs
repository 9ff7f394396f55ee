// Test helper: the package's two ways in — the Node entry, and the web builds (dist/*.mjs) given wasmBinary,
// the way browser.js composes them.
import { readFileSync } from 'node:fs';
import createSeamidModule from '../../bindings/js/dist/seamid.mjs';
import createSeamidOperationsModule from '../../bindings/js/dist/seamid-operations.mjs';
import { createApi } from '../../bindings/js/src/api.js';
import * as nodeEntry from '../../bindings/js/src/node.js';

const bytes = (name) => readFileSync(new URL(`../../bindings/js/dist/${name}.wasm`, import.meta.url));

/** Both builds, each as { name, api }. */
export async function loadBuilds() {
  const webBuild = createApi(await createSeamidModule({ wasmBinary: bytes('seamid') }),
    await createSeamidOperationsModule({ wasmBinary: bytes('seamid-operations') }));
  return [
    { name: 'node entry', api: nodeEntry },
    { name: 'web build', api: webBuild },
  ];
}

/** Reads a shared fixture from tests/fixtures/. */
export function fixture(name) {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'));
}
