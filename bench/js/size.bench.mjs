// Size of what a browser downloads: the wasm module and its JS glue, raw and gzip -9, plus the JS wrapper.
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const dist = new URL('../../bindings/js/dist/', import.meta.url);
const src = new URL('../../bindings/js/src/', import.meta.url);

/** Runs the measurement and returns its rows. */
export async function run() {
  const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;
  const wasm = readFileSync(new URL('seamid.wasm', dist));
  const glue = readFileSync(new URL('seamid.mjs', dist));
  const wrapper = Buffer.concat(readdirSync(src).filter((f) => f.endsWith('.js')).map((f) => readFileSync(new URL(f, src))));
  return [
    { name: 'seamid.wasm', value: `${wasm.length} B raw, ${gz(wasm)} B gzip` },
    { name: 'seamid.mjs (Emscripten glue)', value: `${glue.length} B raw, ${gz(glue)} B gzip` },
    { name: 'module total (wasm + glue)', value: `${wasm.length + glue.length} B raw, ${gz(wasm) + gz(glue)} B gzip` },
    { name: 'JS wrapper (src/*.js)', value: `${wrapper.length} B raw, ${gz(wrapper)} B gzip` },
  ];
}
