// `seamid/loader` in Node: the same load functions as loader.js, given the wasm bytes (Node's fetch cannot read file
// paths, shared/toolchain-notes.md): read from dist/ by default, from a file path or file: URL, or fetched over http(s).
import { createLoaders } from './common/load.js';
import { wasmBytes } from './common/load-node.js';

export const { loadValidation, loadWorkspace, loadAcs, loadDeletion } = createLoaders(wasmBytes);
