// Types of `seamid/standard`: Standard Schema objects for react-hook-form, TanStack Form and other form libraries.
export type { Issue, PathElement, Severity } from './types/common.js';
export * from './types/standard.js';
