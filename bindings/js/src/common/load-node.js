// Instantiates the package's wasm modules in Node: the web builds, given their bytes read with fs
// (Node 18+'s fetch cannot load file paths, shared/toolchain-notes.md).
import { readFileSync } from 'node:fs';

/** Instantiates dist/<name>.wasm with the Emscripten factory `create`. */
export function instantiate(create, name) {
  return create({ wasmBinary: readFileSync(new URL(`../../dist/${name}.wasm`, import.meta.url)) });
}
