#!/usr/bin/env node
// The seamid command line: `seamid <command> [arguments]`. Each command lives in src/cli/<command>.js.
import { commands } from '../src/cli/commands.js';
import { version } from '../src/validation-node.js';

const [name, ...args] = process.argv.slice(2);
const usage = `seamid ${version}: validate and plan Seam user-identity operations before calling the API

Usage: seamid <command> [arguments]

Commands:
${Object.entries(commands).map(([command, { summary }]) => `  ${command.padEnd(12)} ${summary}`).join('\n')}

Run 'seamid <command> --help' for a command's options.`;

if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
  console.log(usage);
  process.exit(name === undefined ? 2 : 0);
}
if (name === '--version' || name === '-v') {
  console.log(version);
  process.exit(0);
}
const command = commands[name];
if (!command) {
  console.error(`seamid: unknown command '${name}'\n\n${usage}`);
  process.exit(2);
}
const { run } = await command.load();
process.exitCode = await run(args);
