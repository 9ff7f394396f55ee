// Browser (and bundler) entry: instantiates dist/seamid.wasm next to the module and exports the API (see index.d.ts).
import createSeamidModule from '../dist/seamid.mjs';
import { createApi } from './api.js';

const api = createApi(await createSeamidModule());

export const version = api.version;
export const phoneMetadata = api.phoneMetadata;
export const validatePhone = api.validatePhone;
export const planDeletion = api.planDeletion;
export const renderDeletionPlan = api.renderDeletionPlan;
export const createDeletionProgress = api.createDeletionProgress;
