// The loader of the per-domain wasm modules: each is instantiated on first use (with the options of that first
// call: the wasm bytes, its URL, or Emscripten's locateFile, for bundlers and CDNs) and shared by later calls.
import { createAcsApi, createDeletionApi, createValidationApi, createWorkspaceApi } from '../api.js';

/** Per domain: the base name of its files in dist/, its Emscripten factory (imported on demand), its API. */
const domains = {
  validation: { file: 'seamid-validation', factory: () => import('../../dist/seamid-validation.mjs'), api: createValidationApi },
  workspace: { file: 'seamid-workspace', factory: () => import('../../dist/seamid-workspace.mjs'), api: createWorkspaceApi },
  acs: { file: 'seamid-acs', factory: () => import('../../dist/seamid-acs.mjs'), api: createAcsApi },
  deletion: { file: 'seamid-deletion', factory: () => import('../../dist/seamid-deletion.mjs'), api: createDeletionApi },
};

const optionNames = ['wasmBinary', 'url', 'locateFile'];

/** The options of a load call, checked: a programmer's mistake here is a TypeError, not an issue. */
export function checkLoadOptions(options) {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object') throw new TypeError('seamid: load options must be an object');
  const unknown = Object.keys(options).filter((name) => !optionNames.includes(name));
  if (unknown.length > 0) throw new TypeError(`seamid: unknown load option ${unknown[0]} (expected one of ${optionNames.join(', ')})`);
  const given = optionNames.filter((name) => options[name] !== undefined);
  if (given.length > 1) throw new TypeError(`seamid: give one of wasmBinary, url and locateFile, not ${given.join(' and ')}`);
  const { wasmBinary, url, locateFile } = options;
  if (wasmBinary !== undefined && !(wasmBinary instanceof ArrayBuffer || ArrayBuffer.isView(wasmBinary)))
    throw new TypeError('seamid: wasmBinary must be an ArrayBuffer or a typed array of the .wasm bytes');
  if (url !== undefined && typeof url !== 'string' && !(url instanceof URL)) throw new TypeError('seamid: url must be a string or a URL');
  if (locateFile !== undefined && typeof locateFile !== 'function')
    throw new TypeError('seamid: locateFile must be a function (file name, directory) => URL string');
  return options;
}

/**
 * The four load functions, with one instance per domain. `prepare(file, options)` turns checked load options into
 * the Emscripten module options (in a browser, as given; in Node, the wasm bytes read from disk or fetched).
 */
export function createLoaders(prepare) {
  const loaded = new Map();
  const loader = (domain) => (options) => {
    const checked = checkLoadOptions(options);
    let api = loaded.get(domain);
    if (api === undefined) {
      const { file, factory, api: makeApi } = domains[domain];
      const instance = Promise.all([factory(), prepare(file, checked)]).then(([glue, moduleOptions]) => glue.default(moduleOptions));
      api = makeApi(instance);
      loaded.set(domain, api);
      api.catch(() => loaded.delete(domain)); // a failed load (a wrong URL, say) can be retried
    }
    return api;
  };
  return { loadValidation: loader('validation'), loadWorkspace: loader('workspace'), loadAcs: loader('acs'), loadDeletion: loader('deletion') };
}
