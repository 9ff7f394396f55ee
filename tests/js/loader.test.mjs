// node:test suite of the per-domain loading: `seamid/<domain>` instantiates its own wasm module and no other, the
// loader of `seamid/loader` takes wasmBinary / url / locateFile, shares one instance per domain and checks its options.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const src = new URL('../../bindings/js/src/', import.meta.url);
const dist = new URL('../../bindings/js/dist/', import.meta.url);
const domains = ['validation', 'workspace', 'acs', 'deletion'];

/** Imports `entry` in a fresh Node process; returns the byte sizes of the wasm modules it instantiated. */
function instantiatedBy(entry) {
  const script = `
    const instantiate = WebAssembly.instantiate;
    const sizes = [];
    WebAssembly.instantiate = (bytes, imports) => { sizes.push(bytes.byteLength); return instantiate(bytes, imports); };
    await import(${JSON.stringify(new URL(entry, src).href)});
    console.log(JSON.stringify(sizes));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
}
const wasmSize = (domain) => readFileSync(new URL(`seamid-${domain}.wasm`, dist)).length;

for (const domain of domains) {
  test(`seamid/${domain} instantiates the ${domain} module only`, () => {
    assert.deepEqual(instantiatedBy(`${domain}-node.js`), [wasmSize(domain)]);
  });
}

test('seamid instantiates each of the four modules once', () => {
  assert.deepEqual(instantiatedBy('node.js').sort(), domains.map(wasmSize).sort());
});

test('the loader imports no module until asked, then one instance per domain', async () => {
  assert.deepEqual(instantiatedBy('loader-node.js'), []);
  const { loadAcs, loadValidation } = await import(new URL('loader-node.js', src));
  const first = loadAcs();
  assert.equal(loadAcs({ url: 'ignored: the instance exists' }), first);
  const api = await first;
  assert.deepEqual(Object.keys(api).sort(), ['auditAcsSnapshot', 'createAcsModel']);
  assert.equal(await loadAcs(), api);
  assert.deepEqual(Object.keys(await loadValidation()).sort(),
    ['phoneMetadata', 'validateCreate', 'validateEmail', 'validatePhone', 'validateUpdate', 'version']);
});

test('the loader reads the wasm from a path, a file: URL, locateFile or bytes', async () => {
  const path = fileURLToPath(new URL('seamid-workspace.wasm', dist));
  const fresh = async () => import(`${new URL('loader-node.js', src)}?fresh=${Math.random()}`);
  const fromPath = await (await fresh()).loadWorkspace({ url: path });
  assert.equal(fromPath.createWorkspace([]).ok, true);
  const fromUrl = await (await fresh()).loadWorkspace({ url: pathToFileURL(path) });
  assert.equal(fromUrl.createWorkspace('[').ok, false);
  const seen = [];
  const located = await (await fresh()).loadDeletion({ locateFile: (file, directory) => { seen.push(file); return directory + file; } });
  assert.deepEqual(seen, ['seamid-deletion.wasm']);
  assert.equal(typeof located.planDeletion, 'function');
  const fromBytes = await (await fresh()).loadValidation({ wasmBinary: readFileSync(new URL('seamid-validation.wasm', dist)) });
  assert.equal(fromBytes.validateEmail('jane@example.com').ok, true);
});

test('a failed load rejects and can be retried; wrong options are TypeErrors', async () => {
  const { loadAcs } = await import(`${new URL('loader-node.js', src)}?fresh=${Math.random()}`);
  await assert.rejects(loadAcs({ url: '/nonexistent/seamid-acs.wasm' }), /ENOENT/);
  assert.equal(typeof (await loadAcs()).createAcsModel, 'function');
  assert.throws(() => loadAcs(5), TypeError);
  assert.throws(() => loadAcs({ wasmBinay: new Uint8Array() }), /unknown load option wasmBinay/);
  assert.throws(() => loadAcs({ url: 'a.wasm', locateFile: () => 'b.wasm' }), /not url and locateFile/);
  assert.throws(() => loadAcs({ wasmBinary: 'bytes' }), /wasmBinary must be/);
  assert.throws(() => loadAcs({ locateFile: 'here' }), /locateFile must be a function/);
});
