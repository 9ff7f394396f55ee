// The Seam connection of the CLI commands that call the API: SEAM_API_KEY, and SEAM_ENDPOINT for another server.
import { escapeForTerminal } from './terminal.js';

export const DEFAULT_ENDPOINT = 'https://connect.getseam.com';

/** { seam, endpoint } from the environment, or null after printing why (the caller exits 2). */
export function seamFromEnvironment(command) {
  const apiKey = process.env.SEAM_API_KEY;
  if (!apiKey) {
    console.error(`seamid ${command}: set SEAM_API_KEY to your Seam API key`);
    return null;
  }
  const endpoint = process.env.SEAM_ENDPOINT || DEFAULT_ENDPOINT;
  return { seam: { endpoint, apiKey }, endpoint };
}

/** A one-line reason for a failed fetch: a refused key is said as such, anything else by its message. */
export function fetchFailure(command, endpoint, error) {
  if (error?.code === 'unauthorized') return `seamid ${command}: ${endpoint} refused the API key in SEAM_API_KEY (${error.status})`;
  return `seamid ${command}: could not read from ${escapeForTerminal(endpoint)}: ${escapeForTerminal(String(error?.message ?? error).replace(/^seamid: /, ''))}`;
}
