// The wasm bytes of a module in Node: the web builds are instantiated from bytes, as Node 18+'s fetch cannot load
// file paths (the Emscripten 3.1.6 loader streams the .wasm with the global fetch whenever it exists).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const dist = new URL('../../dist/', import.meta.url);

/** Reads a .wasm from a file path, a file: URL, or an http(s) URL. */
async function read(where) {
  const text = String(where);
  if (/^https?:/i.test(text)) {
    const response = await fetch(text);
    if (!response.ok) throw new Error(`seamid: cannot fetch ${text}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }
  return readFile(/^file:/i.test(text) ? fileURLToPath(text) : text);
}

/** Emscripten's module options for dist/<file>.wasm, given checked load options (see common/load.js). */
export async function wasmBytes(file, { wasmBinary, url, locateFile }) {
  if (wasmBinary !== undefined) return { wasmBinary };
  const name = `${file}.wasm`;
  const where = url ?? (locateFile ? locateFile(name, fileURLToPath(dist)) : new URL(name, dist));
  return { wasmBinary: await read(where) };
}
