// Interleaving a paced native peer with JS, run by run: the peer (bench/*_paced.cpp) reads one line per run from a
// request FIFO and answers "ran <ms>" on an answer FIFO. The host's speed drifts over seconds on this VM (the same
// run varies by up to 2x), and two neighbouring runs see the same host, so the ratio of the sums holds steady where
// separate windows did not; sums (not medians) count the garbage collector's pauses at their real frequency. The
// FIFOs are read and written synchronously: nothing else runs on the JS thread between its runs, as in a plain loop.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sum } from './measure.mjs';

/** Reads lines from a file descriptor, blocking (readSync). */
function lineReader(fd, name) {
  const chunk = Buffer.alloc(256);
  let pending = '';
  return () => {
    for (;;) {
      const end = pending.indexOf('\n');
      if (end >= 0) {
        const line = pending.slice(0, end);
        pending = pending.slice(end + 1);
        return line;
      }
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) throw new Error(`${name}: the native side stopped answering`);
      pending += chunk.toString('latin1', 0, read);
    }
  };
}

/**
 * Starts `tool ...args <requests fifo> <answers fifo>` and waits for its "ready". Returns { run(line), close() }:
 * run asks for one run and returns the time the tool measured (ms); close ends the tool. Null when the tool is not
 * built (make native) or FIFOs cannot be made.
 */
export function pacedPeer(tool, args, name) {
  if (!existsSync(tool)) return null;
  const dir = mkdtempSync(path.join(tmpdir(), 'seamid-paced-'));
  const requestsPath = path.join(dir, 'requests');
  const answersPath = path.join(dir, 'answers');
  if (spawnSync('mkfifo', [requestsPath, answersPath]).status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  spawn(tool, [...args, requestsPath, answersPath], { stdio: ['ignore', 'ignore', 'inherit'] });
  const requests = openSync(requestsPath, 'w'); // both opens wait for the tool (it opens them in this order)
  const answers = openSync(answersPath, 'r');
  const readLine = lineReader(answers, name);
  if (!readLine().startsWith('ready')) throw new Error(`${name}: the native side is not ready`);
  return {
    run(line) {
      writeSync(requests, `${line}\n`);
      const [word, value] = readLine().split(' ');
      if (word !== 'ran') throw new Error(`${name}: the native side answered "${word}" to "${line}"`);
      return Number(value);
    },
    close() {
      closeSync(requests); // the tool exits at the end of its requests
      closeSync(answers);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs nativeRun() (returning its own time, ms) and jsRun() by turns, native first, until the JS runs add up to `ms`
 * and there are at least `minPairs` pairs. Returns the two means, the ratio of the sums (JS / native) and the
 * ratio of each fifth of the series.
 */
export function interleave(nativeRun, jsRun, ms, minPairs) {
  const nativeRuns = [];
  const jsRuns = [];
  let jsTotal = 0;
  while (jsTotal < ms || jsRuns.length < minPairs) {
    nativeRuns.push(nativeRun());
    const start = process.hrtime.bigint();
    jsRun();
    jsRuns.push(Number(process.hrtime.bigint() - start) / 1e6);
    jsTotal += jsRuns.at(-1);
  }
  const fifths = [0, 1, 2, 3, 4].map((k) => {
    const from = Math.floor((k * jsRuns.length) / 5);
    const to = Math.floor(((k + 1) * jsRuns.length) / 5);
    return to > from ? sum(jsRuns.slice(from, to)) / sum(nativeRuns.slice(from, to)) : null;
  }).filter((r) => r !== null);
  return { native: sum(nativeRuns) / nativeRuns.length, js: jsTotal / jsRuns.length, ratio: jsTotal / sum(nativeRuns), fifths, pairs: jsRuns.length };
}

/** "1.93x (by fifths: 1.8, ...)" for an interleave() result. */
export const ratioText = (measured) => `${measured.ratio.toFixed(2)}x (by fifths: ${measured.fifths.map((r) => r.toFixed(2)).join(', ')})`;
