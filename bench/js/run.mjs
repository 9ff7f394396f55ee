#!/usr/bin/env node
// Runs every bench/js/*.bench.mjs (or those named on the command line) and prints their tables. Each file
// runs in its own node process, so one benchmark's JIT and garbage do not slow the next.
// Benchmarks, not tests: figures vary by machine; compare ratios measured in the same run.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

const [mode, only] = process.argv.slice(2);
if (mode === '--one') {
  const { run } = await import(new URL(only, import.meta.url));
  const rows = await run();
  console.log(`\n## ${only.replace('.bench.mjs', '')}`);
  const width = Math.max(...rows.map((row) => row.name.length));
  for (const row of rows) console.log(`  ${row.name.padEnd(width)}  ${row.value}`);
} else {
  const wanted = process.argv.slice(2);
  const files = readdirSync(new URL('.', import.meta.url))
    .filter((file) => file.endsWith('.bench.mjs'))
    .filter((file) => wanted.length === 0 || wanted.some((name) => file.startsWith(name)))
    .sort();
  console.log(`node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}`);
  for (const file of files) {
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--one', file], { stdio: 'inherit' });
    if (child.status !== 0) process.exitCode = 1;
  }
}
