#!/usr/bin/env node
// Regenerates tests/fixtures/deletion/golden/* from the sample snapshot with the built package (make wasm first).
// Review the diff by eye before committing: these files are what the C++ and JS tests compare against.
import { readFileSync, writeFileSync } from 'node:fs';
import { planDeletion, renderDeletionPlan } from '../bindings/js/src/node.js';

const dir = new URL('../tests/fixtures/deletion/', import.meta.url);
const snapshot = readFileSync(new URL('sample-snapshot.json', dir), 'utf8');
const plan = planDeletion(snapshot);
const guide = planDeletion(snapshot, { order: 'guide' });
const files = {
  'plan.json': renderDeletionPlan(plan, 'json'),
  'plan.txt': renderDeletionPlan(plan, 'text'),
  'plan.sh': renderDeletionPlan(plan, 'curl'),
  'plan.mjs': renderDeletionPlan(plan, 'js'),
  'plan-guide.txt': renderDeletionPlan(guide, 'text'),
};
for (const [name, text] of Object.entries(files)) writeFileSync(new URL(`golden/${name}`, dir), text);
console.log(`wrote ${Object.keys(files).length} golden files`);
