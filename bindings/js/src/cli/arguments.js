// Minimal argument parser shared by the CLI commands: --flag, --option value / --option=value, positionals.
import { escapeForTerminal } from './terminal.js';

/** Parses `args`; `spec.flags` are booleans, `spec.options` maps option name -> allowed values (or null for any). */
export function parseArguments(args, spec) {
  const out = { flags: {}, options: {}, positional: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--') || arg === '--') { out.positional.push(arg); continue; }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if ((spec.flags ?? []).includes(name)) { out.flags[name] = true; continue; }
    if (name in (spec.options ?? {})) {
      const value = inline ?? args[++i];
      const allowed = spec.options[name];
      if (value === undefined) return { ...out, error: `--${escapeForTerminal(name)} needs a value` };
      if (allowed && !allowed.includes(value)) return { ...out, error: `--${name} must be one of ${allowed.join(', ')}` };
      out.options[name] = value;
      continue;
    }
    return { ...out, error: `unknown option ${escapeForTerminal(arg)}` };
  }
  return out;
}

/** The message for a --country value the core does not know (the API's TypeError, in the CLI's words). */
export function countryError(command, value) {
  return `seamid ${command}: --country ${JSON.stringify(value)} is not an ISO 3166-1 alpha-2 country code seamid knows (like US, GB, DE)`;
}
