#!/usr/bin/env node
// Runs every bench/js/*.bench.mjs (or those named on the command line) and prints their tables.
// Benchmarks, not tests: figures vary by machine; compare ratios measured in the same run.
import { readdirSync } from 'node:fs';
import os from 'node:os';

const wanted = process.argv.slice(2);
const files = readdirSync(new URL('.', import.meta.url))
  .filter((file) => file.endsWith('.bench.mjs'))
  .filter((file) => wanted.length === 0 || wanted.some((name) => file.startsWith(name)))
  .sort();
console.log(`node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}`);
for (const file of files) {
  const { run } = await import(new URL(file, import.meta.url));
  const rows = await run();
  console.log(`\n## ${file.replace('.bench.mjs', '')}`);
  const width = Math.max(...rows.map((row) => row.name.length));
  for (const row of rows) console.log(`  ${row.name.padEnd(width)}  ${row.value}`);
}
