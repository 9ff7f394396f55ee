// The terminal confirmation of the commands that change a workspace (`seamid delete`, `seamid import`).
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
