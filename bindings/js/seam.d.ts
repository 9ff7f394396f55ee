// Types of `seamid/seam`: fetch from the Seam API and execute deletion plans (bounded, retried, resumable).
export * from './types/seam.js';
