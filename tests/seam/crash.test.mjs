// A real crash: a child process deleting an identity is killed (SIGKILL) after its calls were answered and before
// their events came; a new run in another process finishes the job without a premature or repeated-to-excess call.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { deleteUserIdentity } from '../../bindings/js/src/seam/index.js';
import { simulator, plain, fast, assertInvariants } from './helpers.mjs';

test('killed between its calls and their events, the deletion is finished by the next run', async (t) => {
  const sim = await simulator(t, { seed: 70, eventDelayMs: 400 });
  const [id] = sim.seed({ clientSessions: 2, acsUsers: 2, credentials: 2, enrollmentAutomations: 1, phones: 1 });
  const startedAt = Date.now();
  const child = spawn(process.execPath, [new URL('./crash-child.mjs', import.meta.url).pathname, sim.endpoint, sim.apiKey, id], { stdio: ['ignore', 'pipe', 'inherit'] });
  t.after(() => child.kill('SIGKILL'));
  const awaiting = await new Promise((resolve, reject) => {
    let lines = [];
    const timer = setTimeout(() => reject(new Error('the child never reached its first waits')), 20_000);
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      lines = lines.concat(chunk.split('\n').filter(Boolean));
      if (lines.filter((l) => l.startsWith('awaiting')).length >= 3) {
        clearTimeout(timer);
        child.kill('SIGKILL');
        resolve(lines);
      }
    });
    child.on('exit', () => reject(new Error(`the child ended first: ${lines.join(', ')}`)));
  }).catch((error) => error);
  assert.ok(Array.isArray(awaiting), String(awaiting));
  assert.ok(!awaiting.includes('finished'));
  assert.ok(sim.pendingDeletes() > 0, 'deletes were in flight when the process died');
  assert.notEqual(sim.attached(id).user_identity, null);
  const report = await deleteUserIdentity(plain(sim), id, fast);
  assert.equal(report.ok, true);
  assertInvariants(sim, [id], { startedAt, perResource: 2, maxMs: 40_000, extraPolls: 50 });
});
