// Browser (and bundler) entry: instantiates dist/seamid.wasm next to the module and exports the API (see index.d.ts).
import createSeamidModule from '../dist/seamid.mjs';
import { createApi } from './api.js';

const api = createApi(await createSeamidModule());

export const version = api.version;
export const phoneMetadata = api.phoneMetadata;
export const validatePhone = api.validatePhone;
export const validateEmail = api.validateEmail;
export const validateCreate = api.validateCreate;
export const validateUpdate = api.validateUpdate;
export const createAcsModel = api.createAcsModel;
export const auditAcsSnapshot = api.auditAcsSnapshot;
export const planDeletion = api.planDeletion;
export const renderDeletionPlan = api.renderDeletionPlan;
export const createDeletionProgress = api.createDeletionProgress;
