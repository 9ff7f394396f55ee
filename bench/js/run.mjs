#!/usr/bin/env node
// Runs every bench/js/*.bench.mjs (or those whose names start with the words given) and prints their tables.
// Each file runs in its own node process, so one benchmark's JIT and garbage do not slow the next, and each
// writes a run record to bench/results/<UTC time>-<suite>.json (host, node, commit, every row with its figures);
// --no-record skips the records. Benchmarks, not tests: figures vary by machine; compare ratios measured in the
// same run.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

const resultsDir = new URL('../results/', import.meta.url);

/** The checked-out commit and whether the work tree differs from it (a record of uncommitted code says so). */
function commitOf() {
  const git = (...args) => execFileSync('git', args, { cwd: fileURLToPath(new URL('../..', import.meta.url)), encoding: 'utf8' }).trim();
  try {
    return { commit: git('rev-parse', 'HEAD'), dirty: git('status', '--porcelain', '--untracked-files=no') !== '' };
  } catch {
    return { commit: null, dirty: null };
  }
}

/** What a figure depends on besides the code: machine, load, node. */
const host = () => ({
  cpu: os.cpus()[0]?.model ?? 'cpu',
  cores: os.cpus().length,
  memoryGb: Math.round(os.totalmem() / 2 ** 30),
  platform: `${os.platform()} ${os.release()}`,
  loadAverage: os.loadavg().map((value) => Number(value.toFixed(2))),
  node: process.version,
});

const args = process.argv.slice(2);
if (args[0] === '--one') {
  const [, file, stamp] = args;
  const suite = file.replace('.bench.mjs', '');
  const before = host();
  const started = new Date();
  const { run } = await import(new URL(file, import.meta.url));
  const rows = await run();
  console.log(`\n## ${suite}`);
  const width = Math.max(...rows.map((row) => row.name.length));
  for (const row of rows) console.log(`  ${row.name.padEnd(width)}  ${row.value}`);
  if (stamp) {
    const record = {
      suite,
      command: `node bench/js/run.mjs ${suite}`,
      started: started.toISOString(),
      seconds: Number(((Date.now() - started) / 1000).toFixed(1)),
      ...commitOf(),
      host: before,
      loadAverageAfter: host().loadAverage,
      rows,
    };
    mkdirSync(resultsDir, { recursive: true });
    const path = new URL(`${stamp}-${suite}.json`, resultsDir);
    writeFileSync(path, `${JSON.stringify(record, null, 1)}\n`);
    console.log(`  (record: bench/results/${stamp}-${suite}.json)`);
  }
} else {
  const record = !args.includes('--no-record');
  const wanted = args.filter((arg) => !arg.startsWith('--'));
  const files = readdirSync(new URL('.', import.meta.url))
    .filter((file) => file.endsWith('.bench.mjs'))
    .filter((file) => wanted.length === 0 || wanted.some((name) => file.startsWith(name)))
    .sort();
  const stamp = new Date().toISOString().replace(/[:]/g, '').replace(/\.\d+Z$/, 'Z');
  console.log(`node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}, load ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  for (const file of files) {
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--one', file, ...(record ? [stamp] : [])], { stdio: 'inherit' });
    if (child.status !== 0) process.exitCode = 1;
  }
}
