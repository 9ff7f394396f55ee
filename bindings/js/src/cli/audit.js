// `seamid audit <snapshot.json> | --from seam [--format text|json]`: audits a snapshot of ACS systems, ACS users and
// user identities (docs/acs.md), from a file or read from Seam's list endpoints. Exit 0: no violation; 1: violations or invalid records; 2: unreadable input.
import { auditAcsSnapshot } from '../acs-node.js';
import { parseArguments } from './arguments.js';
import { readInputText } from './input.js';
import { escapeForTerminal, jsonForTerminal } from './terminal.js';
import { fetchAcsSnapshot } from '../seam/fetch.js';
import { fetchFailure, seamFromEnvironment } from './seam-env.js';

const usage = `Usage: seamid audit <snapshot.json | -> [--format text|json]
       seamid audit --from seam [--format text|json]

The snapshot is {"acs_systems": ..., "acs_users": ..., "user_identities": ...}, each the array of records or the
whole response of /acs/systems/list, /acs/users/list, /user_identities/list. '-' reads standard input.
--from seam reads every page of those lists from Seam (SEAM_API_KEY, and SEAM_ENDPOINT for another server).`;

/** Path elements as a readable location: acs_users[<id>].user_identity_id, acs_users[3]. */
const where = (path) => path.map((e, i) => (typeof e === 'number' || i > 0 && /^[0-9a-f-]{36}$/i.test(e) ? `[${e}]` : `${i ? '.' : ''}${e}`)).join('') || '(snapshot)';

/** Runs the command; returns the exit code. */
export async function run(args) {
  const parsed = parseArguments(args, { flags: ['help'], options: { format: ['text', 'json'], from: ['seam'] } });
  const fromSeam = parsed.options.from === 'seam';
  if (parsed.error || parsed.flags.help || parsed.positional.length !== (fromSeam ? 0 : 1)) {
    if (parsed.error) console.error(`seamid audit: ${parsed.error}`);
    (parsed.flags.help ? console.log : console.error)(usage);
    return parsed.flags.help ? 0 : 2;
  }
  let file;
  let snapshot;
  if (fromSeam) {
    const connection = seamFromEnvironment('audit');
    if (!connection) return 2;
    file = connection.endpoint;
    try {
      snapshot = await fetchAcsSnapshot(connection.seam);
    } catch (error) {
      console.error(fetchFailure('audit', connection.endpoint, error));
      return 2;
    }
  } else {
    [file] = parsed.positional;
    snapshot = readInputText('audit', file);
    if (snapshot === null) return 2;
  }
  const report = auditAcsSnapshot(snapshot);
  const unusable = report.issues.some((found) => found.code === 'invalid_json' || (found.code === 'invalid_type' && found.path.length === 0));
  if (parsed.options.format === 'json') {
    console.log(jsonForTerminal(report));
  } else {
    const { acs_systems: systems, acs_users: users, user_identities: identities } = report.counts;
    console.log(`${escapeForTerminal(file)}: ${systems} ACS systems, ${users} ACS users, ${identities} user identities`);
    for (const found of report.issues)
      console.log(`  ${found.severity.padEnd(7)} ${escapeForTerminal(where(found.path))}: ${found.code}: ${escapeForTerminal(found.message)}`);
    console.log(report.ok
      ? `ok: no violations${report.mismatches ? `, ${report.mismatches} profile mismatch(es)` : ''}`
      : `${report.violations} violation(s), ${report.mismatches} profile mismatch(es)`);
  }
  if (unusable) return 2;
  return report.ok ? 0 : 1;
}
