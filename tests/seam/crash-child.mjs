// A process for crash.test.mjs to kill: deletes one identity and reports each call awaiting its event on stdout.
import { deleteUserIdentity } from '../../bindings/js/src/seam/index.js';
import { fast } from './helpers.mjs';

const [endpoint, apiKey, id] = process.argv.slice(2);
await deleteUserIdentity({ endpoint, apiKey }, id, {
  ...fast, onProgress: (e) => e.type === 'step_awaiting_event' && process.stdout.write(`awaiting ${e.step_id}\n`),
});
process.stdout.write('finished\n');
