// `seamid check-request <file.json|->... [--update] [--strict] [--country XX] [--format text|json]`: validates /user_identities/create
// (or, with --update, /user_identities/update) bodies read from JSON files or stdin. A file may hold one body or an
// array of bodies (each reported with its index as the first path element).
import { validateCreate, validateUpdate } from '../validation-node.js';
import { countryError, parseArguments } from './arguments.js';
import { parseInputJson, readInput } from './input.js';
import { escapeForTerminal, jsonForTerminal } from './terminal.js';

const usage = `Usage: seamid check-request <file.json|->... [--update] [--strict] [--country US] [--format text|json]

Exit status: 0 every body is valid, 1 errors found, 2 usage, or a file that cannot be read or is not JSON
(missing, a directory, empty, binary).`;

/** Runs the command; returns the exit code. */
export async function run(args) {
  const parsed = parseArguments(args, { flags: ['update', 'strict', 'help'], options: { format: ['text', 'json'], country: null } });
  if (parsed.error || parsed.flags.help || parsed.positional.length === 0) {
    if (parsed.error) console.error(`seamid check-request: ${parsed.error}`);
    (parsed.flags.help ? console.log : console.error)(usage);
    return parsed.flags.help ? 0 : 2;
  }
  const validate = parsed.flags.update ? validateUpdate : validateCreate;
  const options = { profile: parsed.flags.strict ? 'strict' : 'default', defaultCountry: parsed.options.country };
  try {
    validate({}, options); // a --country the core does not know is a TypeError: a usage error, before any file is read
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    console.error(countryError('check-request', parsed.options.country));
    return 2;
  }
  const reports = [];
  for (const source of parsed.positional) {
    const { text, error } = readInput(source);
    if (error !== undefined) {
      console.error(`seamid check-request: ${error}`);
      return 2;
    }
    const json = parseInputJson('check-request', source, text);
    if (!json.ok) return 2;
    // The file is JSON: an array holds one body per element, each passed as the value it is (a string element is a
    // body of the wrong type, not JSON text to read again); anything else is one body, passed as the file's text.
    const results = Array.isArray(json.value)
      ? json.value.map((body, index) => validate(typeof body === 'string' ? JSON.stringify(body) : body, { ...options, path: [index] }))
      : [validate(text, options)];
    const issues = results.flatMap((result) => result.issues);
    reports.push({ source, ok: results.every((result) => result.ok), requests: results.length, issues });
  }
  if (parsed.options.format === 'json') console.log(jsonForTerminal(reports));
  else for (const report of reports) {
    console.log(`${report.ok ? 'ok   ' : 'error'} ${escapeForTerminal(report.source)} (${report.requests} request${report.requests === 1 ? '' : 's'})`);
    for (const found of report.issues)
      console.log(`  ${found.severity}: ${escapeForTerminal(JSON.stringify(found.path))} ${found.code}: ${escapeForTerminal(found.message)}${found.suggestion ? ` (suggestion: ${escapeForTerminal(found.suggestion)})` : ''}`);
  }
  return reports.every((report) => report.ok) ? 0 : 1;
}
