// Browser entry of `seamid/validation`: the small validation module only (<= 60 KB gzip with its glue),
// for forms that validate phone, email and whole create/update requests.
import createSeamidModule from '../dist/seamid.mjs';
import { createValidationApi } from './api.js';

const api = createValidationApi(await createSeamidModule());

export const version = api.version;
export const phoneMetadata = api.phoneMetadata;
export const validatePhone = api.validatePhone;
export const validateEmail = api.validateEmail;
export const validateCreate = api.validateCreate;
export const validateUpdate = api.validateUpdate;
