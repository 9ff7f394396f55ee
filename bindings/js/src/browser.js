// Browser (and bundler) entry of `seamid`: every domain (see index.d.ts), the four modules fetched in parallel next to
// their .mjs files. A page that uses one domain imports `seamid/<domain>` and downloads one module.
export * from './validation-browser.js';
export * from './workspace-browser.js';
export * from './acs-browser.js';
export * from './deletion-browser.js';
