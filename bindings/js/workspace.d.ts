// Types of `seamid/workspace`: workspace uniqueness and bulk imports, backed by the workspace wasm module only.
export * from './types/common.js';
export * from './types/workspace.js';
export type { CreateUserIdentityRequest, UpdateUserIdentityRequest } from './types/validation.js';
