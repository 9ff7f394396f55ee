// Node entry of `seamid/workspace`: workspace uniqueness and bulk import, the workspace module only.
import { loadWorkspace } from './loader-node.js';

export const { createWorkspace } = await loadWorkspace();
