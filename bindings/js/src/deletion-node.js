// Node entry of `seamid/deletion`: deletion planning and progress; the deletion module only.
import { loadDeletion } from './loader-node.js';

export const { planDeletion, renderDeletionPlan, createDeletionProgress } = await loadDeletion();
