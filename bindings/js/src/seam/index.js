// seamid/seam: fetch what a check needs from Seam's API, execute what a deletion plan says and apply a bulk import
// (bounded, retried, resumable). The deletion API comes from the package's own `#deletion` import (the Node or the browser entry); types/seam.d.ts.
export { createSeamClient, clientDefaults } from './client.js';
export { SeamidError, isAbortError } from './errors.js';
export { fetchDeletionSnapshot, fetchWorkspace, fetchAcsSnapshot } from './fetch.js';
export { executeDeletion, executeDefaults } from './execute.js';
export { deleteUserIdentity, verifyDeleted } from './delete.js';
export { importUserIdentities, importDefaults } from './import.js';
