// seamid/seam: fetch what a check needs from Seam's API and execute what a deletion plan says (bounded, retried,
// resumable). Node for now (the deletion API comes from ../node.js); see types/seam.d.ts.
export { createSeamClient, clientDefaults } from './client.js';
export { SeamidError, isAbortError } from './errors.js';
export { fetchDeletionSnapshot, fetchWorkspace, fetchAcsSnapshot } from './fetch.js';
export { executeDeletion, executeDefaults } from './execute.js';
export { deleteUserIdentity, verifyDeleted } from './delete.js';
