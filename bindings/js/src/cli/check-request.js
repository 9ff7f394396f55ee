// `seamid check-request <file.json|->... [--update] [--strict] [--country XX] [--format text|json]`: validates /user_identities/create
// (or, with --update, /user_identities/update) bodies read from JSON files or stdin. A file may hold one body or an
// array of bodies (each reported with its index as the first path element).
import { readFile } from 'node:fs/promises';
import { validateCreate, validateUpdate } from '../validation-node.js';
import { countryError, parseArguments } from './arguments.js';

const usage = 'Usage: seamid check-request <file.json|->... [--update] [--strict] [--country US] [--format text|json]';

async function readSource(source) {
  if (source !== '-') return readFile(source, 'utf8');
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

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
    let text;
    try {
      text = await readSource(source);
    } catch (error) {
      console.error(`seamid check-request: cannot read ${source}: ${error.message}`);
      return 2;
    }
    let bodies = null;
    try {
      const value = JSON.parse(text);
      if (Array.isArray(value)) bodies = value;
    } catch { /* not JSON: validate the text itself, which reports invalid_json */ }
    const results = bodies ? bodies.map((body, index) => validate(body, { ...options, path: [index] })) : [validate(text, options)];
    const issues = results.flatMap((result) => result.issues);
    reports.push({ source, ok: results.every((result) => result.ok), requests: results.length, issues });
  }
  if (parsed.options.format === 'json') console.log(JSON.stringify(reports, null, 2));
  else for (const report of reports) {
    console.log(`${report.ok ? 'ok   ' : 'error'} ${report.source} (${report.requests} request${report.requests === 1 ? '' : 's'})`);
    for (const found of report.issues)
      console.log(`  ${found.severity}: ${JSON.stringify(found.path)} ${found.code}: ${found.message}${found.suggestion ? ` (suggestion: ${found.suggestion})` : ''}`);
  }
  return reports.every((report) => report.ok) ? 0 : 1;
}
