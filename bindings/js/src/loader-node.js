// `seamid/loader` in Node: the same load functions as loader.js, given the wasm bytes (Node's fetch cannot read file
// paths, so the Emscripten 3.1.6 loader cannot stream them): read from dist/ by default, from a file path or file: URL, or fetched over http(s).
import { createLoaders } from './common/load.js';
import { wasmBytes } from './common/load-node.js';

export const { loadValidation, loadWorkspace, loadAcs, loadDeletion } = createLoaders(wasmBytes);
