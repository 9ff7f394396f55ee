// Node entry: both wasm modules, instantiated from bytes read with fs (see load-node.js). Exports the
// whole API (see index.d.ts); `seamid/validation` is the lighter entry with the validation functions only.
import createSeamidModule from '../dist/seamid.mjs';
import createSeamidOperationsModule from '../dist/seamid-operations.mjs';
import { createApi } from './api.js';
import { instantiate } from './common/load-node.js';

const [validation, operations] = await Promise.all([
  instantiate(createSeamidModule, 'seamid'),
  instantiate(createSeamidOperationsModule, 'seamid-operations'),
]);
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
