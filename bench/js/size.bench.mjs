// What a browser downloads per entry, raw and gzip -9: the entry's wasm module, its Emscripten glue (.mjs) and the
// package JS it runs (the entry's static imports plus the domain code the loader imports for it).
// Budgets (issue 17): the validation download <= 60 KB gzip; every other module <= 100 KB; all modules <= 200 KB.
// Issue 19: the elements' own JS (src/elements/) <= 10 KB gzip on top of the validation module they load.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const dist = new URL('../../bindings/js/dist/', import.meta.url);
const src = new URL('../../bindings/js/src/', import.meta.url);
const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;

/** Per entry: its browser file and the domain code src/api.js imports for it. */
const entries = {
  validation: ['validation-browser.js', 'validation/phone.js', 'validation/identity.js'],
  workspace: ['workspace-browser.js', 'workspace/workspace.js'],
  acs: ['acs-browser.js', 'acs/acs.js'],
  deletion: ['deletion-browser.js', 'deletion/deletion.js'],
};

/** The files under src/ that `roots` load through static imports (dynamic import() calls are not followed). */
function staticGraph(roots) {
  const seen = new Set();
  const visit = (file) => {
    const url = new URL(file, src);
    const path = url.pathname.slice(src.pathname.length);
    if (seen.has(path)) return;
    seen.add(path);
    const text = readFileSync(url, 'utf8');
    for (const [, target] of text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'/gm)) visit(new URL(target, url).href);
  };
  roots.forEach(visit);
  return [...seen].sort();
}

/** Sizes of one module: { raw, gzip } of its wasm and glue. */
export function moduleSize(name) {
  const wasm = readFileSync(new URL(`${name}.wasm`, dist));
  const glue = readFileSync(new URL(`${name}.mjs`, dist));
  return { wasm: wasm.length, wasmGzip: gz(wasm), glue: glue.length, glueGzip: gz(glue), gzip: gz(wasm) + gz(glue) };
}

/** Runs the measurement and returns its rows. */
export async function run() {
  const rows = [];
  let modules = 0;
  for (const [domain, roots] of Object.entries(entries)) {
    const size = moduleSize(`seamid-${domain}`);
    const files = staticGraph(roots);
    const js = files.reduce((sum, file) => sum + gz(readFileSync(new URL(file, src))), 0);
    modules += size.gzip;
    rows.push({ name: `seamid/${domain}: seamid-${domain}.wasm`, value: `${size.wasm} B raw, ${size.wasmGzip} B gzip` });
    rows.push({ name: `seamid/${domain}: seamid-${domain}.mjs glue`, value: `${size.glue} B raw, ${size.glueGzip} B gzip` });
    rows.push({ name: `seamid/${domain}: package JS (${files.length} files)`, value: `${js} B gzip` });
    rows.push({ name: `seamid/${domain}: download`, value: `${size.gzip + js} B gzip (${kb(size.gzip + js)}; module + glue ${kb(size.gzip)})` });
  }
  rows.push({ name: 'all four modules (wasm + glue)', value: `${modules} B gzip (${kb(modules)})` });
  // The UI layers' own files (what they add to the package JS and module their domain entries already count).
  for (const [entry, root, folder] of [['elements', 'elements/index.js', 'elements/'], ['standard', 'standard/browser.js', 'standard/']]) {
    const own = staticGraph([root]).filter((file) => file.startsWith(folder));
    const texts = own.map((file) => readFileSync(new URL(file, src)));
    const perFile = texts.reduce((sum, text) => sum + gz(text), 0);
    rows.push({ name: `seamid/${entry}: own JS as served (${own.length} files, with comments)`, value: `${perFile} B gzip file by file (${kb(perFile)}); ${gz(Buffer.concat(texts))} B as one file` });
    // What an application's bundler ships: the same files bundled and minified by esbuild, the loader left out.
    const { outputFiles } = await esbuild.build({ entryPoints: [new URL(root, src).pathname], bundle: true, minify: true, write: false, format: 'esm',
      target: 'es2022', external: ['../loader.js', '../loader-node.js'], logLevel: 'silent' });
    const minified = gz(outputFiles[0].contents);
    rows.push({ name: `seamid/${entry}: own JS bundled + minified (esbuild)`, value: `${minified} B gzip (${kb(minified)})` });
  }
  return rows;
}
