#!/usr/bin/env node
// Generates core/include/seamid/detail/phone_tables.hpp from libphonenumber-js's metadata.max.json.
//
// For every country calling code it records which national significant number (NSN) lengths a valid
// number can have, and, per first national digit, which lengths are allowed. The sets are computed
// exactly from the metadata's regular expressions (national number pattern intersected with the union
// of the number-type patterns and their possible lengths), so any number libphonenumber-js/max calls
// valid is inside them. Run: node toolchain/gen-phone-tables.mjs [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outFile = path.join(root, 'core/include/seamid/detail/phone_tables.hpp');
const metadata = require('libphonenumber-js/metadata.max.json');
const packageVersion = require('libphonenumber-js/package.json').version;

const MAX_LEN = 15; // an E.164 NSN never exceeds 14 digits; longer lengths are folded into bit 15
const ALL_DIGITS = 0x3ff;

// ---- a small exact analyser for the regular-expression subset used by the metadata ----
// value of a pattern: { len: bitmask of lengths, first: [10 bitmasks: lengths of matches starting with digit d] }
const clamp = (m) => m & ((1 << (MAX_LEN + 1)) - 1) | (m >>> (MAX_LEN + 1) ? 1 << MAX_LEN : 0);
function sumset(a, b) {
  let out = 0;
  for (let i = 0; i <= MAX_LEN; i++) if (a & (1 << i)) out |= clamp(b * 2 ** i > 0x7fffffff ? shiftBig(b, i) : b << i);
  return clamp(out);
}
function shiftBig(b, i) { let r = 0; for (let j = 0; j <= MAX_LEN; j++) if (b & (1 << j)) r |= 1 << Math.min(MAX_LEN, i + j); return r; }
const EMPTY = () => ({ len: 1, first: new Array(10).fill(0) });
const NONE = () => ({ len: 0, first: new Array(10).fill(0) });
function concat(a, b) {
  const first = a.first.map((m, d) => sumset(m, b.len) | (a.len & 1 ? b.first[d] : 0));
  return { len: sumset(a.len, b.len), first };
}
function union(a, b) { return { len: a.len | b.len, first: a.first.map((m, d) => m | b.first[d]) }; }
function repeat(x, min, max) {
  let out = EMPTY();
  for (let i = 0; i < min; i++) out = concat(out, x);
  const optional = union(EMPTY(), x);
  const extra = Math.min(max, min + MAX_LEN + 1) - min;
  for (let i = 0; i < extra; i++) out = concat(out, optional);
  return out;
}
function digitSet(mask) {
  const first = new Array(10).fill(0);
  for (let d = 0; d < 10; d++) if (mask & (1 << d)) first[d] = 1 << 1;
  return { len: mask ? 1 << 1 : 0, first };
}

function analyse(pattern) {
  let pos = 0;
  const peek = () => pattern[pos];
  const fail = (why) => { throw new Error(`unsupported pattern construct (${why}) at ${pos} in ${pattern}`); };
  function parseAlternation() {
    let value = parseSequence();
    while (peek() === '|') { pos++; value = union(value, parseSequence()); }
    return value;
  }
  function parseSequence() {
    let value = EMPTY();
    while (pos < pattern.length && peek() !== '|' && peek() !== ')') value = concat(value, parseQuantified());
    return value;
  }
  function parseQuantified() {
    let atom = parseAtom();
    for (;;) {
      const c = peek();
      if (c === '?') { pos++; atom = repeat(atom, 0, 1); }
      else if (c === '*') { pos++; atom = repeat(atom, 0, Infinity); }
      else if (c === '+') { pos++; atom = repeat(atom, 1, Infinity); }
      else if (c === '{') {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(pos));
        if (!m) fail('brace');
        pos += m[0].length;
        const min = Number(m[1]);
        const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
        atom = repeat(atom, min, max);
      } else return atom;
    }
  }
  function parseAtom() {
    const c = peek();
    if (c === '(') {
      pos++;
      if (pattern.startsWith('?:', pos)) pos += 2; else if (peek() === '?') fail('lookaround');
      const inner = parseAlternation();
      if (peek() !== ')') fail('unbalanced');
      pos++;
      return inner;
    }
    if (c === '[') return digitSet(parseClass());
    if (c === '\\') {
      pos++;
      const e = pattern[pos++];
      if (e === 'd') return digitSet(ALL_DIGITS);
      fail(`escape \\${e}`);
    }
    if (c >= '0' && c <= '9') { pos++; return digitSet(1 << Number(c)); }
    fail(`character ${c}`);
  }
  function parseClass() {
    pos++; // [
    let negate = false, mask = 0;
    if (peek() === '^') { negate = true; pos++; }
    while (peek() !== ']') {
      if (pos >= pattern.length) fail('class');
      let lo;
      if (peek() === '\\') { pos++; if (pattern[pos++] !== 'd') fail('class escape'); mask |= ALL_DIGITS; continue; }
      lo = pattern[pos++];
      if (peek() === '-' && pattern[pos + 1] !== ']') {
        pos++;
        const hi = pattern[pos++];
        for (let d = Number(lo); d <= Number(hi); d++) mask |= 1 << d;
      } else mask |= 1 << Number(lo);
    }
    pos++; // ]
    return negate ? ALL_DIGITS & ~mask : mask;
  }
  const value = parseAlternation();
  if (pos !== pattern.length) fail('trailing input');
  return value;
}

const lengthsMask = (lengths) => (lengths || []).reduce((m, l) => m | (1 << Math.min(l, MAX_LEN)), 0);

// Masks of one numbering plan (a country, or a non-geographic entity).
function planMasks(plan) {
  const nnp = analyse(plan[2]);
  const types = Array.isArray(plan[11]) ? plan[11] : null;
  if (!types) return nnp.first.map((m) => m & lengthsMask(plan[3]));
  const typeUnion = new Array(10).fill(0);
  for (const type of types) {
    if (!Array.isArray(type) || !type[0]) continue; // absent, or "" = same as fixed line
    const allowed = lengthsMask(type[1] || plan[3]);
    analyse(type[0]).first.forEach((m, d) => { typeUnion[d] |= m & allowed; });
  }
  return nnp.first.map((m, d) => m & typeUnion[d]);
}

const byCode = new Map();
const addPlan = (code, plan) => {
  const masks = planMasks(plan);
  const current = byCode.get(code) || new Array(10).fill(0);
  byCode.set(code, current.map((m, d) => m | masks[d]));
};
for (const [code, countries] of Object.entries(metadata.country_calling_codes)) {
  for (const country of countries) if (metadata.countries[country]) addPlan(Number(code), metadata.countries[country]);
}
for (const [code, plan] of Object.entries(metadata.nonGeographic || {})) addPlan(Number(code), plan);

const codes = [...byCode.keys()].sort((a, b) => a - b);
if (codes.length > 254) throw new Error('too many calling codes for a uint8_t slot table');
const slot = new Array(1000).fill(0);
codes.forEach((code, i) => { slot[code] = i + 1; });
const hex = (n) => '0x' + n.toString(16).padStart(4, '0');
const rows = codes.map((code) => {
  const masks = byCode.get(code);
  const all = masks.reduce((a, m) => a | m, 0);
  return `    {${code}, ${hex(all)}, {${masks.map(hex).join(', ')}}},`;
});
const slotLines = [];
for (let i = 0; i < 1000; i += 25) slotLines.push('    ' + slot.slice(i, i + 25).join(', ') + ',');

const text = `// Generated by toolchain/gen-phone-tables.mjs from libphonenumber-js ${packageVersion} (metadata.max.json). Do not edit.
// Numbering-plan tables for phone plausibility warnings: for each assigned country calling code, the
// national significant number lengths a valid number can have, overall and per first national digit.
// Bit L of a mask set = length L allowed (bit ${MAX_LEN} = ${MAX_LEN} or more).
#pragma once

#include <cstdint>

namespace seamid::detail::phone_tables {

/// Where the tables come from; numbering plans change, so this names the metadata they were built from.
inline constexpr const char* metadata_source = "libphonenumber-js ${packageVersion} metadata.max.json";

/// One numbering plan: a calling code with its allowed NSN lengths.
struct calling_code_plan {
    std::uint16_t calling_code;
    std::uint16_t lengths;
    std::uint16_t lengths_by_first_digit[10];
};

/// Plans of every assigned calling code, sorted by code.
inline constexpr calling_code_plan plans[${codes.length}] = {
${rows.join('\n')}
};

/// slot[code] = 1 + index into plans for an assigned code (1 to 3 digits), 0 when unassigned.
inline constexpr std::uint8_t slot[1000] = {
${slotLines.join('\n')}
};

}  // namespace seamid::detail::phone_tables
`;

if (process.argv.includes('--check')) {
  const current = readFileSync(outFile, 'utf8');
  if (current !== text) { console.error(`${outFile} is out of date: run node toolchain/gen-phone-tables.mjs`); process.exit(1); }
  console.log(`phone tables up to date (${codes.length} calling codes, libphonenumber-js ${packageVersion})`);
} else {
  writeFileSync(outFile, text);
  console.log(`wrote ${path.relative(root, outFile)}: ${codes.length} calling codes from libphonenumber-js ${packageVersion}`);
}
