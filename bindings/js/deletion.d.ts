// Types of `seamid/deletion`: deletion planning and progress, backed by the deletion wasm module only.
export * from './types/common.js';
export * from './types/deletion.js';
