// Size of what a browser downloads, raw and gzip -9: each wasm module with its JS glue, plus the JS wrapper.
// Budget: the validation module (seamid.wasm + seamid.mjs, all `seamid/validation` loads) <= 60 KB gzip.
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const dist = new URL('../../bindings/js/dist/', import.meta.url);
const src = new URL('../../bindings/js/src/', import.meta.url);
const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;

/** Sizes of one module: { raw, gzip } of its wasm and glue. */
export function moduleSize(name) {
  const wasm = readFileSync(new URL(`${name}.wasm`, dist));
  const glue = readFileSync(new URL(`${name}.mjs`, dist));
  return { wasm: wasm.length, wasmGzip: gz(wasm), glue: glue.length, glueGzip: gz(glue), gzip: gz(wasm) + gz(glue) };
}

/** Runs the measurement and returns its rows. */
export async function run() {
  const rows = [];
  for (const [name, role] of [['seamid', 'validation module (seamid/validation)'], ['seamid-operations', 'operations module']]) {
    const size = moduleSize(name);
    rows.push({ name: `${role}: ${name}.wasm`, value: `${size.wasm} B raw, ${size.wasmGzip} B gzip` });
    rows.push({ name: `${role}: ${name}.mjs glue`, value: `${size.glue} B raw, ${size.glueGzip} B gzip` });
    rows.push({ name: `${role}: total`, value: `${size.wasm + size.glue} B raw, ${size.gzip} B gzip` });
  }
  const wrapper = Buffer.concat(readdirSync(src, { recursive: true }).filter((f) => f.endsWith('.js')).map((f) => readFileSync(new URL(f, src))));
  rows.push({ name: 'JS wrapper (src/*.js)', value: `${wrapper.length} B raw, ${gz(wrapper)} B gzip` });
  return rows;
}
