// Types of `seamid/validation`: the validation functions only, backed by the small wasm module.
export * from './types/common.js';
export * from './types/validation.js';
