#!/usr/bin/env node
// Generates core/include/seamid/detail/phone_tables.hpp from libphonenumber-js's metadata.max.json.
//
// For every country calling code it records which national significant number (NSN) lengths a valid
// number can have, and, per first national digit, which lengths are allowed. The sets are computed
// exactly from the metadata's regular expressions (national number pattern intersected with the union
// of the number-type patterns and their possible lengths), so any number libphonenumber-js/max calls
// valid is inside them.
//
// It also generates core/include/seamid/detail/phone_tables_regions.hpp: per region (ISO 3166-1 alpha-2) the
// data that reads a number written without '+' the way libphonenumber-js's parsePhoneNumber(text, country) does:
// calling code, international (IDD) prefix, national number pattern, national prefix for parsing and its
// transform rule, possible national lengths. The patterns are kept as the metadata writes them (regular
// expressions over digits), checked here to use only what the core's matcher reads.
// Run: node toolchain/gen-phone-tables.mjs [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outFile = path.join(root, 'core/include/seamid/detail/phone_tables.hpp');
const regionsFile = path.join(root, 'core/include/seamid/detail/phone_tables_regions.hpp');
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
// first2[10*d1+d2]: lengths of matches starting with the two digits d1 d2.
const EMPTY = () => ({ len: 1, first: new Array(10).fill(0), first2: new Array(100).fill(0) });
function concat(a, b) {
  const first = a.first.map((m, d) => sumset(m, b.len) | (a.len & 1 ? b.first[d] : 0));
  const first2 = a.first2.map((m, xy) => {
    const x = Math.floor(xy / 10), y = xy % 10;
    let out = sumset(m, b.len);
    if (a.first[x] & 2) out |= sumset(b.first[y], 2); // A is the single digit x, B starts with y
    if (a.len & 1) out |= b.first2[xy];
    return out;
  });
  return { len: sumset(a.len, b.len), first, first2 };
}
function union(a, b) {
  return { len: a.len | b.len, first: a.first.map((m, d) => m | b.first[d]), first2: a.first2.map((m, i) => m | b.first2[i]) };
}
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
  return { len: mask ? 1 << 1 : 0, first, first2: new Array(100).fill(0) };
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

// Masks of one numbering plan (a country, or a non-geographic entity): { first[10], first2[100] }.
function planMasks(plan) {
  const nnp = analyse(plan[2]);
  const types = Array.isArray(plan[11]) ? plan[11] : null;
  if (!types) {
    const allowed = lengthsMask(plan[3]);
    return { first: nnp.first.map((m) => m & allowed), first2: nnp.first2.map((m) => m & allowed) };
  }
  const first = new Array(10).fill(0), first2 = new Array(100).fill(0);
  for (const type of types) {
    if (!Array.isArray(type) || !type[0]) continue; // absent, or "" = same as fixed line
    const allowed = lengthsMask(type[1] || plan[3]);
    const value = analyse(type[0]);
    value.first.forEach((m, d) => { first[d] |= m & allowed; });
    value.first2.forEach((m, i) => { first2[i] |= m & allowed; });
  }
  return { first: nnp.first.map((m, d) => m & first[d]), first2: nnp.first2.map((m, i) => m & first2[i]) };
}

const byCode = new Map();
const addPlan = (code, plan, isMainCountry) => {
  const masks = planMasks(plan);
  const current = byCode.get(code) || { first: new Array(10).fill(0), first2: new Array(100).fill(0), nationalPrefix: '' };
  current.first = current.first.map((m, d) => m | masks.first[d]);
  current.first2 = current.first2.map((m, i) => m | masks.first2[i]);
  // The trunk prefix dialled before national numbers (plan[5]), taken from the code's main country.
  if (isMainCountry && typeof plan[5] === 'string' && /^\d{1,3}$/.test(plan[5])) current.nationalPrefix = plan[5];
  byCode.set(code, current);
};
for (const [code, countries] of Object.entries(metadata.country_calling_codes)) {
  countries.forEach((country, i) => { if (metadata.countries[country]) addPlan(Number(code), metadata.countries[country], i === 0); });
}
for (const [code, plan] of Object.entries(metadata.nonGeographic || {})) addPlan(Number(code), plan, true);

const codes = [...byCode.keys()].sort((a, b) => a - b);
if (codes.length > 254) throw new Error('too many calling codes for a uint8_t slot table');
const slot = new Array(1000).fill(0);
codes.forEach((code, i) => { slot[code] = i + 1; });
const hex = (n) => '0x' + n.toString(16).padStart(4, '0');
// Rows of 10 masks (by second national digit), deduplicated; row 0 is all zeros.
const pool = [new Array(10).fill(0)];
const poolIndex = new Map([[pool[0].join(','), 0]]);
const rowOf = (masks) => {
  const key = masks.join(',');
  if (!poolIndex.has(key)) { poolIndex.set(key, pool.length); pool.push(masks); }
  return poolIndex.get(key);
};
const rows = codes.map((code) => {
  const { first, first2, nationalPrefix } = byCode.get(code);
  const all = first.reduce((a, m) => a | m, 0);
  const secondRows = first.map((_, d) => rowOf(first2.slice(10 * d, 10 * d + 10)));
  return `    {${code}, ${hex(all)}, {${first.map(hex).join(', ')}}, {${secondRows.join(', ')}}, "${nationalPrefix}"},`;
});
if (pool.length > 65535) throw new Error('second-digit pool too large');
const slotLines = [];
for (let i = 0; i < 1000; i += 25) slotLines.push('    ' + slot.slice(i, i + 25).join(', ') + ',');

const text = `// Generated by toolchain/gen-phone-tables.mjs from libphonenumber-js ${packageVersion} (metadata.max.json). Do not edit.
// Numbering-plan tables for phone plausibility warnings: for each assigned country calling code, the
// national significant number lengths a valid number can have, overall and per first one and two national digits.
// Bit L of a mask set = length L allowed (bit ${MAX_LEN} = ${MAX_LEN} or more).
#pragma once

#include <cstdint>

namespace seamid::detail::phone_tables {

/// Where the tables come from; numbering plans change, so this names the metadata they were built from.
inline constexpr const char* metadata_source = "libphonenumber-js ${packageVersion} metadata.max.json";

/// One numbering plan: a calling code with its allowed NSN lengths, overall, by first digit, and (through
/// second_digit_rows, indexes into second_digit_masks) by first two digits; and its national (trunk) prefix.
struct calling_code_plan {
    std::uint16_t calling_code;
    std::uint16_t lengths;
    std::uint16_t lengths_by_first_digit[10];
    std::uint16_t second_digit_rows[10];
    char national_prefix[4];
};

/// second_digit_masks[row][d2]: allowed lengths of numbers whose first two national digits are d1 d2.
inline constexpr std::uint16_t second_digit_masks[${pool.length}][10] = {
${pool.map((row) => `    {${row.map(hex).join(', ')}},`).join('\n')}
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

// ---- regions: what parsing a number without '+' needs ----
// The matcher in seamid/validation/phone_region.hpp reads digits, [classes] with ranges, \d, (groups), (?:groups),
// '|', the quantifiers ? * + {n} {n,} {n,m}, and '$'. Anything else would be read wrongly, so it stops the generator.
function checkPattern(pattern, what) {
  if (!/^[0-9()[\]\\d{},|?:*+$-]*$/.test(pattern) || /\\[^d]/.test(pattern) || /\(\?[^:]/.test(pattern) || /[?*+}]\?/.test(pattern))
    throw new Error(`${what}: pattern ${pattern} uses a construct the core's matcher does not read`);
  return pattern;
}
const patternPool = [''];
const poolOffsets = new Map([['', 0]]);
let poolSize = 1;
const intern = (text) => {
  if (!poolOffsets.has(text)) { poolOffsets.set(text, poolSize); patternPool.push(text); poolSize += text.length + 1; }
  return poolOffsets.get(text);
};
const lengthsMask32 = (lengths) => (lengths || []).reduce((m, l) => (m | (1 << l)) >>> 0, 0);
const regionRow = (letters, plan, what) => {
  const idd = checkPattern(typeof plan[1] === 'string' ? plan[1] : '', `${what} IDD prefix`);
  const nnp = checkPattern(plan[2], `${what} national number`);
  const npp = checkPattern(plan[7] || (typeof plan[5] === 'string' ? plan[5] : ''), `${what} national prefix for parsing`);
  const transform = plan[8] || '';
  if (!/^[0-9$]*$/.test(transform)) throw new Error(`${what}: transform rule ${transform} is not digits and $n`);
  const lengths = lengthsMask32(plan[3]);
  if (!lengths) throw new Error(`${what}: no possible lengths`);
  return { letters, code: Number(plan[0]), lengths, idd: intern(idd), nnp: intern(nnp), npp: intern(npp), transform: intern(transform) };
};
const geographic = Object.keys(metadata.countries).sort().map((country) => {
  if (!/^[A-Z]{2}$/.test(country)) throw new Error(`region ${country} is not two letters`);
  return regionRow(country, metadata.countries[country], country);
});
const nonGeographic = Object.keys(metadata.nonGeographic || {}).sort((a, b) => a - b)
  .map((code) => regionRow('', metadata.nonGeographic[code], `+${code}`));
const regions = [...geographic, ...nonGeographic];
const regionIndex = (letters, code) => letters === '001'
  ? geographic.length + nonGeographic.findIndex((r) => r.code === code)
  : geographic.findIndex((r) => r.letters === letters);
// The region whose rules apply to a number of a calling code (libphonenumber's "main country" of the code).
const mainRegion = codes.map((code) => {
  const first = (metadata.country_calling_codes[String(code)] || ['001'])[0];
  const index = regionIndex(first, code);
  if (index < 0 || regions[index].code !== code) throw new Error(`no region for calling code ${code}`);
  return index;
});
if (poolSize > 65535) throw new Error('pattern pool too large for 16-bit offsets');
const cString = (text) => '"' + text.replace(/\\/g, '\\\\') + '"';
const regionLines = regions.map((r) =>
  `    {{${r.letters ? `'${r.letters[0]}', '${r.letters[1]}'` : '0, 0'}}, ${r.code}, 0x${r.lengths.toString(16)}, ${r.idd}, ${r.nnp}, ${r.npp}, ${r.transform}},`);
const mainLines = [];
for (let i = 0; i < mainRegion.length; i += 20) mainLines.push('    ' + mainRegion.slice(i, i + 20).join(', ') + ',');

const regionsText = `// Generated by toolchain/gen-phone-tables.mjs from libphonenumber-js ${packageVersion} (metadata.max.json). Do not edit.
// Per region (ISO 3166-1 alpha-2), what reading a phone number written without '+' needs: the calling code, the
// international (IDD) prefix, the national number pattern, the national prefix for parsing with its transform
// rule, and the possible national lengths. Patterns are the metadata's regular expressions, unchanged.
#pragma once

#include <cstdint>

namespace seamid::detail::phone_tables {

/// One region's parsing data. Pattern fields are offsets into region_patterns (a NUL-terminated text; 0 = none).
struct region_plan {
    char letters[2];                ///< ISO 3166-1 alpha-2; {0, 0} for a non-geographic plan (+800, +882, ...)
    std::uint16_t calling_code;
    std::uint32_t possible_lengths;  ///< bit L set = a national significant number of L digits is possible
    std::uint16_t idd;               ///< international prefix dialled before a calling code (011, 00, ...)
    std::uint16_t national_number;   ///< every national significant number of the region matches it entirely
    std::uint16_t national_prefix;   ///< national prefix for parsing (trunk prefix, carrier codes), matched at the start
    std::uint16_t transform;         ///< replacement for the national prefix match when it captures ($1, $2), or 0
};

/// The patterns, each NUL-terminated (and the literal's own final NUL).
inline constexpr char region_patterns[${poolSize + 1}] =
${patternPool.map((text) => `    ${cString(text)} "\\0"`).join('\n')};

/// Regions: ${geographic.length} geographic ones sorted by letters, then ${nonGeographic.length} non-geographic plans by calling code.
inline constexpr unsigned geographic_region_count = ${geographic.length};
inline constexpr region_plan regions[${regions.length}] = {
${regionLines.join('\n')}
};

/// main_region[i]: index into regions of the region whose rules read national numbers of plans[i]'s calling code.
inline constexpr std::uint16_t main_region[${mainRegion.length}] = {
${mainLines.join('\n')}
};

}  // namespace seamid::detail::phone_tables
`;

const outputs = [[outFile, text], [regionsFile, regionsText]];
if (process.argv.includes('--check')) {
  for (const [file, content] of outputs) {
    const current = readFileSync(file, 'utf8');
    if (current !== content) { console.error(`${file} is out of date: run node toolchain/gen-phone-tables.mjs`); process.exit(1); }
  }
  console.log(`phone tables up to date (${codes.length} calling codes, ${geographic.length} regions, libphonenumber-js ${packageVersion})`);
} else {
  for (const [file, content] of outputs) writeFileSync(file, content);
  console.log(`wrote phone tables: ${codes.length} calling codes, ${geographic.length} regions from libphonenumber-js ${packageVersion}`);
}
