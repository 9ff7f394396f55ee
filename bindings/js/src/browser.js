// Browser (and bundler) entry: instantiates dist/seamid.wasm next to the module and exports the API.
import createSeamidModule from '../dist/seamid.mjs';
import { createApi } from './api.js';

const api = createApi(await createSeamidModule());

/** Validates a phone_number value; see index.d.ts. */
export const validatePhone = api.validatePhone;
/** seamid's version. */
export const version = api.version;
/** The numbering-plan metadata the plausibility tables were generated from. */
export const phoneMetadata = api.phoneMetadata;
