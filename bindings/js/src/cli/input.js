// Reading a command's input file ('-' = standard input) for the CLI commands.
import { readFileSync } from 'node:fs';

/** The file's text, or null after printing "seamid <command>: cannot read <file>: <reason>" (the caller exits 2). */
export function readInputText(command, file) {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    console.error(`seamid ${command}: cannot read ${file}: ${error.message}`);
    return null;
  }
}
