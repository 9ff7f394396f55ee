// Node entry of `seamid`: every domain (see index.d.ts), each module instantiated from bytes read from dist/. A program
// that uses one domain can import `seamid/<domain>` and load one module, or `seamid/loader` to choose when and how.
export * from './validation-node.js';
export * from './workspace-node.js';
export * from './acs-node.js';
export * from './deletion-node.js';
