// Node entry: the same web build, instantiated from bytes read with fs (Node 18+'s fetch cannot load file paths).
import { readFileSync } from 'node:fs';
import createSeamidModule from '../dist/seamid.mjs';
import { createApi } from './api.js';

const wasmBinary = readFileSync(new URL('../dist/seamid.wasm', import.meta.url));
const api = createApi(await createSeamidModule({ wasmBinary }));

/** Validates a phone_number value; see index.d.ts. */
export const validatePhone = api.validatePhone;
/** seamid's version. */
export const version = api.version;
/** The numbering-plan metadata the plausibility tables were generated from. */
export const phoneMetadata = api.phoneMetadata;
