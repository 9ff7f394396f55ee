// Memory at the JS<->wasm boundary (issue 21): 1,000,000 validation calls keep nothing (JS heap within 1 MB, module
// memory unchanged); forgotten handles in one synchronous job stop at the cap of live objects (too_many_handles) instead
// of growing module memory without bound, and are freed once the job ends. Measured in a child process run with
// --expose-gc (memory-child.mjs), so that garbage collection can be forced between the readings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const child = fileURLToPath(new URL('./memory-child.mjs', import.meta.url));
const measure = (workload) => JSON.parse(execFileSync(process.execPath, ['--expose-gc', child, workload], { encoding: 'utf8', maxBuffer: 1 << 20 }));

test('1,000,000 mixed validation calls: the JS heap grows by at most 1 MB, the module\'s memory not at all', () => {
  const { heapGrowth, memoryGrowth } = measure('validation');
  assert.ok(heapGrowth <= 1048576, `JS heap grew by ${heapGrowth} bytes`);
  assert.equal(memoryGrowth, 0);
});

test('50,000 objects of each kind forgotten in one synchronous job: 10,000 live at most, then refused; freed after the job', () => {
  const kinds = measure('handles');
  assert.deepEqual(Object.keys(kinds), ['AcsModel', 'Workspace', 'DeletionProgress']);
  for (const [kind, { before, atCap, after, refusals, againOk }] of Object.entries(kinds)) {
    assert.ok(atCap >= before, kind);
    assert.equal(after, atCap, `${kind}: no growth past the cap (${before} -> ${atCap} -> ${after} bytes)`);
    assert.deepEqual(refusals, [[JSON.stringify([{
      path: [], code: 'too_many_handles', severity: 'error',
      message: `10000 ${kind} objects are live in this module, the most it keeps at once; dispose() the ones no longer used (a forgotten one is freed only after the current job ends).`,
    }]), 40000]], kind);
    assert.equal(againOk, true, `${kind}: made again once the job ended and the forgotten ones were collected`);
  }
});
