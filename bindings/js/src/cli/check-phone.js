// `seamid check-phone <number>... [--strict] [--country XX] [--format text|json]`: validates phone numbers from the
// command line; with --country, a number without '+' gets its E.164 reading in that country as suggestion.
import { validatePhone } from '../validation-node.js';
import { countryError, parseArguments } from './arguments.js';
import { escapeForTerminal, jsonForTerminal } from './terminal.js';

/** Runs the command; returns the exit code. */
export async function run(args) {
  const parsed = parseArguments(args, { flags: ['strict', 'help'], options: { format: ['text', 'json'], country: null } });
  if (parsed.error || parsed.flags.help || parsed.positional.length === 0) {
    const text = 'Usage: seamid check-phone <number>... [--strict] [--country US] [--format text|json]';
    if (parsed.error) console.error(`seamid check-phone: ${parsed.error}`);
    (parsed.flags.help ? console.log : console.error)(text);
    return parsed.flags.help ? 0 : 2;
  }
  const options = { profile: parsed.flags.strict ? 'strict' : 'default', defaultCountry: parsed.options.country };
  let results;
  try {
    results = parsed.positional.map((value) => validatePhone(value, options));
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    console.error(countryError('check-phone', parsed.options.country));
    return 2;
  }
  if (parsed.options.format === 'json') console.log(jsonForTerminal(results));
  else for (const result of results) {
    console.log(`${result.ok ? 'ok   ' : 'error'} ${escapeForTerminal(JSON.stringify(result.value))}`);
    for (const found of result.issues)
      console.log(`  ${found.severity}: ${found.code}: ${escapeForTerminal(found.message)}${found.suggestion ? ` (suggestion: ${escapeForTerminal(found.suggestion)})` : ''}`);
  }
  return results.every((result) => result.ok) ? 0 : 1;
}
