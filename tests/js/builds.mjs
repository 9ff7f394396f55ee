// Test helper: the package's two ways in — the Node entry, and the web build (dist/seamid.mjs) given wasmBinary.
import { readFileSync } from 'node:fs';
import createSeamidModule from '../../bindings/js/dist/seamid.mjs';
import { createApi } from '../../bindings/js/src/api.js';
import * as nodeEntry from '../../bindings/js/src/node.js';

/** Both builds, each as { name, api }. */
export async function loadBuilds() {
  const wasmBinary = readFileSync(new URL('../../bindings/js/dist/seamid.wasm', import.meta.url));
  const webBuild = createApi(await createSeamidModule({ wasmBinary }));
  return [
    { name: 'node entry', api: nodeEntry },
    { name: 'web build', api: webBuild },
  ];
}

/** Reads a shared fixture from tests/fixtures/. */
export function fixture(name) {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'));
}
