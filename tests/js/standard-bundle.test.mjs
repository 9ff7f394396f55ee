// seamid/elements and seamid/standard with a bundler: esbuild bundles both browser entries (code splitting, the
// wasm domains as lazy chunks) without an error or a warning, and the output defines the elements.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const entry = (path) => fileURLToPath(new URL(`../../bindings/js/src/${path}`, import.meta.url));

test('esbuild bundles seamid/elements and seamid/standard for the browser', async () => {
  const result = await esbuild.build({
    entryPoints: [entry('elements/index.js'), entry('standard/browser.js')], bundle: true, write: false, format: 'esm',
    platform: 'browser', splitting: true, outdir: 'out', target: 'es2022', logLevel: 'silent',
  });
  assert.deepEqual(result.errors, []);
  assert.deepEqual(result.warnings, []);
  const files = new Map(result.outputFiles.map((file) => [file.path.split('/').pop(), file.text]));
  const elements = files.get('index.js');
  for (const name of ['seamid-phone-input', 'seamid-email-input', 'seamid-text-input', 'seamid-identity-form', 'seamid-deletion-plan'])
    assert.ok(elements.includes(`"${name}"`), `${name} is defined by the bundle`);
  // The validation module is a lazy chunk of its own, not inlined into the elements' entry.
  assert.ok([...files.keys()].some((name) => name.startsWith('seamid-validation-')), [...files.keys()].join(', '));
  assert.ok(files.get('browser.js').includes('~standard'));
});
