// Browser entry of `seamid/deletion`: deletion planning and progress; fetches the deletion module only.
import { loadDeletion } from './loader.js';

export const { planDeletion, renderDeletionPlan, createDeletionProgress } = await loadDeletion();
