// The terminal side of the commands that change a workspace (`seamid delete`, `seamid import`): the confirmation
// before anything is called, and the run with its live display, which Ctrl-C stops.
import { createInterface } from 'node:readline';

/** Asks on the terminal; resolves true only for "yes", as Terraform's apply does. */
export function confirm(question) {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  return new Promise((resolve) => {
    let answered = false;
    rl.on('close', () => { if (!answered) resolve(false); });
    rl.question(question, (answer) => {
      answered = true;
      rl.close();
      resolve(answer.trim().toLowerCase() === 'yes');
    });
  });
}

/**
 * The confirmation before `seamid <command>` changes a workspace: none with --yes (`yes`); otherwise only on a
 * terminal, and only "yes" goes on. True to go on; false once it has said why nothing was done (`nothing`: when
 * there is no terminal to ask on; `cancelled`: when the answer was not "yes").
 */
export async function approved(yes, { command, action, question, nothing, cancelled }) {
  if (yes) return true;
  if (!process.stdin.isTTY) {
    console.error(`seamid ${command}: standard input is not a terminal; pass --yes to ${action} without confirmation. ${nothing}`);
    return false;
  }
  const ok = await confirm(`${question}\n  Only 'yes' will be accepted to approve.\n\n  Enter a value: `);
  console.log('');
  if (!ok) console.error(cancelled);
  return ok;
}

/**
 * Runs `run(signal, onProgress)` with `display` ({start, stop, handle}) live around it; Ctrl-C aborts the signal.
 * Answers {report, failure}: the run's report, or what it threw and the report it carries, if any.
 */
export async function runWithDisplay(display, run) {
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  display.start();
  try {
    return { report: await run(controller.signal, display.handle), failure: null };
  } catch (caught) {
    return { report: caught?.report, failure: caught };
  } finally {
    display.stop();
    process.removeListener('SIGINT', onSigint);
  }
}
