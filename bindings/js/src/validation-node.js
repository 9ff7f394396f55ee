// Node entry of `seamid/validation`: the small validation module only (phone, email, whole requests).
import createSeamidModule from '../dist/seamid.mjs';
import { createValidationApi } from './api.js';
import { instantiate } from './common/load-node.js';

const api = createValidationApi(await instantiate(createSeamidModule, 'seamid'));

export const version = api.version;
export const phoneMetadata = api.phoneMetadata;
export const validatePhone = api.validatePhone;
export const validateEmail = api.validateEmail;
export const validateCreate = api.validateCreate;
export const validateUpdate = api.validateUpdate;
