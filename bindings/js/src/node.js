// Node entry: the same web build, instantiated from bytes read with fs (Node 18+'s fetch cannot load file
// paths, shared/toolchain-notes.md). Exports the same API as browser.js (see index.d.ts).
import { readFileSync } from 'node:fs';
import createSeamidModule from '../dist/seamid.mjs';
import { createApi } from './api.js';

const wasmBinary = readFileSync(new URL('../dist/seamid.wasm', import.meta.url));
const api = createApi(await createSeamidModule({ wasmBinary }));

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
