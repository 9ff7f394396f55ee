// Node entry of `seamid/acs`: the ACS-link model, preflights and audits; the ACS module only.
import { loadAcs } from './loader-node.js';

export const { createAcsModel, auditAcsSnapshot } = await loadAcs();
