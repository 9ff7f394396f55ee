// Browser entry of `seamid/acs`: the ACS-link model, preflights and audits; fetches the ACS module only.
import { loadAcs } from './loader.js';

export const { createAcsModel, auditAcsSnapshot } = await loadAcs();
