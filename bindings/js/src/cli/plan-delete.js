// `seamid plan-delete <snapshot.json> [--order parallel|guide] [--policy guide|minimal] [--format text|json|curl|js]`:
// plans the deletion of a user identity from a snapshot of Seam's list endpoints ('-' reads standard input).
import { planDeletion, renderDeletionPlan } from '../node.js';
import { parseArguments } from './arguments.js';
import { parseInputJson, readInputText } from './input.js';
import { escapeLinesForTerminal, jsonForTerminal } from './terminal.js';

const usage = `Usage: seamid plan-delete <snapshot.json> [--order parallel|guide] [--policy guide|minimal] [--format text|json|curl|js]

The snapshot holds what Seam's list endpoints returned for one identity:
  {"user_identity": {...}, "client_sessions": [...], "acs_users": [...], "acs_credentials": [...],
   "enrollment_automations": [...], "phones": [...]}
Formats: text (default, for people), json (the plan), curl (a bash script), js (a module using @seamapi/http).
Exit status: 0 plan made, 1 the snapshot does not add up (issues printed), 2 usage, or a file that cannot be read
or is not JSON (missing, a directory, empty, binary).`;

/** Runs the command; returns the exit code. */
export async function run(args) {
  const parsed = parseArguments(args, {
    flags: ['help'],
    options: { order: ['parallel', 'guide'], policy: ['guide', 'minimal'], format: ['text', 'json', 'curl', 'js'] },
  });
  if (parsed.error || parsed.flags.help || parsed.positional.length !== 1) {
    if (parsed.error) console.error(`seamid plan-delete: ${parsed.error}`);
    else if (!parsed.flags.help) console.error('seamid plan-delete: give exactly one snapshot file');
    (parsed.flags.help ? console.log : console.error)(usage);
    return parsed.flags.help ? 0 : 2;
  }
  const [file] = parsed.positional;
  const text = readInputText('plan-delete', file);
  if (text === null) return 2;
  if (!parseInputJson('plan-delete', file, text).ok) return 2;
  const plan = planDeletion(text, { order: parsed.options.order, policy: parsed.options.policy });
  const format = parsed.options.format ?? 'text';
  // The plan and its issues quote the snapshot: escaped for a terminal (the same JSON value, the same script).
  const output = format === 'json' ? jsonForTerminal(plan) : escapeLinesForTerminal(renderDeletionPlan(plan, format));
  (plan.ok ? process.stdout : process.stderr).write(output.endsWith('\n') ? output : `${output}\n`);
  return plan.ok ? 0 : 1;
}
