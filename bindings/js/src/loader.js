// `seamid/loader` in browsers and bundlers: loadValidation, loadWorkspace, loadAcs, loadDeletion, each resolving to
// its domain's API and fetching only its own wasm module: by default next to its .mjs (new URL(..., import.meta.url),
// which bundlers follow), or as the options say. No top-level await.
import { createLoaders } from './common/load.js';

/** Emscripten's module options from the load options: the bytes, a fixed URL, or the caller's locateFile. */
function prepare(file, { wasmBinary, url, locateFile }) {
  if (wasmBinary !== undefined) return { wasmBinary };
  if (url !== undefined) return { locateFile: () => String(url) };
  if (locateFile !== undefined) return { locateFile };
  return {};
}

export const { loadValidation, loadWorkspace, loadAcs, loadDeletion } = createLoaders(prepare);
