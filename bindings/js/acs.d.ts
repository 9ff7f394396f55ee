// Types of `seamid/acs`: the ACS-link model, preflights and audits, backed by the ACS wasm module only.
export * from './types/common.js';
export * from './types/acs.js';
