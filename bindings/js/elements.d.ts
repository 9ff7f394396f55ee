// Types of `seamid/elements`: importing the entry defines the seamid custom elements.
export type { Issue } from './types/common.js';
export * from './types/elements.js';
