#!/usr/bin/env node
// Summarises the run records run.mjs wrote to bench/results/: for one suite, each row's figure over its latest
// records (median, range, count), the numbers docs/performance.md quotes. Usage:
//   node bench/js/records.mjs <suite> [--last N] [--commit <prefix>]
import { readFileSync, readdirSync } from 'node:fs';
import { median } from './measure.mjs';

const args = process.argv.slice(2);
const suite = args[0];
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const last = Number(option('--last') ?? 5);
const commit = option('--commit');
if (!suite) {
  console.error('usage: node bench/js/records.mjs <suite> [--last N] [--commit <prefix>]');
  process.exit(2);
}
const dir = new URL('../results/', import.meta.url);
const records = readdirSync(dir)
  .filter((file) => file.endsWith(`-${suite}.json`))
  .sort()
  .map((file) => ({ file, ...JSON.parse(readFileSync(new URL(file, dir), 'utf8')) }))
  .filter((record) => !commit || (record.commit ?? '').startsWith(commit))
  .slice(-last);
if (records.length === 0) {
  console.error(`no records of ${suite}${commit ? ` at ${commit}` : ''} in bench/results/`);
  process.exit(1);
}
console.log(`${suite}: ${records.length} records, ${records[0].file} .. ${records.at(-1).file}, commits ${[...new Set(records.map((r) => (r.commit ?? '?').slice(0, 7)))].join(' ')}`);
/** The one number a row stands for: a ratio, a rate or a time. */
const figure = (row) => row.data?.ratio ?? row.data?.perSecond ?? row.data?.ms;
for (const row of records[0].rows) {
  const values = records.map((record) => record.rows.find((other) => other.name === row.name)).filter(Boolean).map(figure);
  if (values.some((value) => typeof value !== 'number')) {
    console.log(`  ${row.name}: ${records.map((record) => record.rows.find((other) => other.name === row.name)?.value).join(' | ')}`);
    continue;
  }
  const format = (value) => (row.data.ratio !== undefined ? `${value.toFixed(2)}x` : row.data.ms !== undefined ? `${value.toFixed(2)} ms` : `${(value / 1e6).toFixed(2)} M/s`);
  console.log(`  ${row.name}: median ${format(median(values))} (${format(Math.min(...values))} .. ${format(Math.max(...values))}, ${values.length} runs)`);
}
