// Browser entry of `seamid/workspace`: workspace uniqueness and bulk import; fetches the workspace module only.
import { loadWorkspace } from './loader.js';

export const { createWorkspace } = await loadWorkspace();
