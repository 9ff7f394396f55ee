// Types of the whole seamid package (`import … from 'seamid'`): every domain's types, re-exported.
export * from './types/common.js';
export * from './types/validation.js';
export * from './types/workspace.js';
export * from './types/acs.js';
export * from './types/deletion.js';
