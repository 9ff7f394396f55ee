// Types of `seamid/loader`: one load function per domain, for bundlers and CDNs that place the .wasm themselves.
import type * as validation from './types/validation.js';
import type * as workspace from './types/workspace.js';
import type * as acs from './types/acs.js';
import type * as deletion from './types/deletion.js';

export * from './types/common.js';

/**
 * Where a domain's .wasm comes from; give at most one. By default it is fetched next to its .mjs (browsers,
 * bundlers: `new URL('seamid-<domain>.wasm', import.meta.url)`) or read from the package's dist/ (Node).
 */
export type LoadOptions =
  | { wasmBinary?: undefined; url?: undefined; locateFile?: undefined }
  /** The .wasm bytes, already downloaded or bundled. */
  | { wasmBinary: ArrayBuffer | ArrayBufferView; url?: undefined; locateFile?: undefined }
  /** The .wasm's URL (in Node also a file path; http(s) is fetched). */
  | { url: string | URL; wasmBinary?: undefined; locateFile?: undefined }
  /** Emscripten's hook: given the file name (`seamid-acs.wasm`) and the directory of the .mjs, returns its URL. */
  | { locateFile: (file: string, directory: string) => string; wasmBinary?: undefined; url?: undefined };

/** What loadValidation resolves to: the functions of `seamid/validation`. */
export interface ValidationApi {
  version: string;
  phoneMetadata: string;
  validatePhone: typeof validation.validatePhone;
  validateEmail: typeof validation.validateEmail;
  validateCreate: typeof validation.validateCreate;
  validateUpdate: typeof validation.validateUpdate;
}

/** What loadWorkspace resolves to: the functions of `seamid/workspace`. */
export interface WorkspaceApi {
  createWorkspace: typeof workspace.createWorkspace;
}

/** What loadAcs resolves to: the functions of `seamid/acs`. */
export interface AcsApi {
  createAcsModel: typeof acs.createAcsModel;
  auditAcsSnapshot: typeof acs.auditAcsSnapshot;
}

/** What loadDeletion resolves to: the functions of `seamid/deletion`. */
export interface DeletionApi {
  planDeletion: typeof deletion.planDeletion;
  renderDeletionPlan: typeof deletion.renderDeletionPlan;
  createDeletionProgress: typeof deletion.createDeletionProgress;
}

/**
 * Each load function instantiates its domain's wasm module on the first call, with that call's options, and returns
 * the same API to every later call (whatever their options); a failed load can be retried. Wrong options throw a
 * TypeError. The entries `seamid/<domain>` are `await load<Domain>()` with the default options.
 * @example const { createAcsModel } = await loadAcs({ url: 'https://cdn.example/seamid-acs.wasm' });
 */
export function loadValidation(options?: LoadOptions): Promise<ValidationApi>;
export function loadWorkspace(options?: LoadOptions): Promise<WorkspaceApi>;
export function loadAcs(options?: LoadOptions): Promise<AcsApi>;
export function loadDeletion(options?: LoadOptions): Promise<DeletionApi>;
