// Browser (and bundler) entry: fetches both wasm modules next to their .mjs files and exports the whole API
// (see index.d.ts). Forms that only validate can import `seamid/validation`, which loads the small module only.
import createSeamidModule from '../dist/seamid.mjs';
import createSeamidOperationsModule from '../dist/seamid-operations.mjs';
import { createApi } from './api.js';

const [validation, operations] = await Promise.all([createSeamidModule(), createSeamidOperationsModule()]);
const api = createApi(validation, operations);

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
export const createWorkspace = api.createWorkspace;
