// Agreement of validatePhone's default-country suggestion with libphonenumber-js parsePhoneNumber(text, country):
// for every region, its example mobile number (libphonenumber-js/examples.mobile.json) and a fixed-line number,
// written in national format (formatNational), are read in that region by both; the suggestion must equal
// libphonenumber-js's E.164 for at least 99% of them. The package ships no fixed-line examples, so each region's
// fixed-line number is made from its fixed-line pattern in metadata.max.json (seeded, deterministic) and kept only
// when libphonenumber-js calls it a valid FIXED_LINE (or FIXED_LINE_OR_MOBILE) number of that region.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { parsePhoneNumber } from 'libphonenumber-js/max';
import { validatePhone } from '../../bindings/js/src/validation-node.js';

const require = createRequire(import.meta.url);
const examples = require('libphonenumber-js/examples.mobile.json');
const metadata = require('libphonenumber-js/metadata.max.json');

/** Disagreements allowed, by "REGION type": none today. A new one must be listed here with why. */
const allowed = new Map();

/** A deterministic generator of strings matching a metadata pattern (digits, classes, groups, |, quantifiers). */
function sampler(seed) {
  let state = seed >>> 0;
  const next = (n) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % n;
  };
  function sample(pattern) {
    let pos = 0;
    const alternation = () => {
      const options = [sequence()];
      while (pattern[pos] === '|') { pos++; options.push(sequence()); }
      return () => options[next(options.length)]();
    };
    const sequence = () => {
      const parts = [];
      while (pos < pattern.length && pattern[pos] !== '|' && pattern[pos] !== ')') parts.push(quantified());
      return () => parts.map((part) => part()).join('');
    };
    const quantified = () => {
      const atom = single();
      let min = 1, max = 1;
      const c = pattern[pos];
      if (c === '?') { pos++; min = 0; }
      else if (c === '*') { pos++; min = 0; max = 3; }
      else if (c === '+') { pos++; max = 3; }
      else if (c === '{') {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(pos));
        pos += m[0].length;
        min = Number(m[1]);
        max = m[2] === undefined ? min : m[3] === '' ? min + 3 : Number(m[3]);
      }
      return () => { let out = ''; const n = min + next(max - min + 1); for (let i = 0; i < n; i++) out += atom(); return out; };
    };
    const single = () => {
      const c = pattern[pos];
      if (c === '(') {
        pos += pattern.startsWith('?:', pos + 1) ? 3 : 1;
        const inner = alternation();
        pos++; // ')'
        return inner;
      }
      if (c === '\\') { pos += 2; return () => String(next(10)); }
      if (c === '[') {
        const end = pattern.indexOf(']', pos);
        const body = pattern.slice(pos + 1, end);
        pos = end + 1;
        const digits = [];
        for (let d = 0; d <= 9; d++) if (new RegExp(`[${body}]`).test(String(d))) digits.push(String(d));
        return () => digits[next(digits.length)];
      }
      pos++;
      return () => c;
    };
    return alternation()();
  }
  return sample;
}

/** A valid fixed-line number of `region` (its national significant number), or undefined. */
function fixedLineNumber(region) {
  const plan = metadata.countries[region];
  const types = plan && plan[11];
  const pattern = Array.isArray(types) && Array.isArray(types[0]) ? types[0][0] : undefined;
  if (!pattern) return undefined;
  const sample = sampler(0x5ea11d + region.charCodeAt(0) * 31 + region.charCodeAt(1));
  for (let attempt = 0; attempt < 400; attempt++) {
    const digits = sample(pattern);
    try {
      const number = parsePhoneNumber(`+${plan[0]}${digits}`);
      const type = number.getType();
      if (number.isValid() && number.country === region && (type === 'FIXED_LINE' || type === 'FIXED_LINE_OR_MOBILE')) return digits;
    } catch { /* not a number; try another */ }
  }
  return undefined;
}

/** Every region's numbers in national format: [{ region, type, national, expected }]. */
function cases() {
  const out = [];
  for (const region of Object.keys(metadata.countries).sort()) {
    const code = metadata.countries[region][0];
    const numbers = [['mobile', examples[region]], ['fixed line', fixedLineNumber(region)]];
    for (const [type, nsn] of numbers) {
      if (!nsn) continue;
      const national = parsePhoneNumber(`+${code}${nsn}`).formatNational();
      let expected;
      try { expected = parsePhoneNumber(national, region).number; } catch { expected = undefined; }
      out.push({ region, type, national, expected, original: `+${code}${nsn}` });
    }
  }
  return out;
}

test('default country: the suggestion for every region\'s national-format examples equals libphonenumber-js', () => {
  const all = cases();
  assert.ok(all.length >= 440, `only ${all.length} example numbers`);
  let agree = 0, roundTrip = 0;
  const disagreements = [];
  for (const c of all) {
    const result = validatePhone(c.national, { defaultCountry: c.region });
    const reading = result.issues.find((found) => found.code === 'phone_national_number');
    const suggestion = reading && reading.suggestion;
    assert.equal(result.ok, false, `${c.region} ${c.national}: a national number stays an error`);
    if (suggestion === c.expected) agree++;
    else if (!allowed.has(`${c.region} ${c.type}`)) disagreements.push(`${c.region} ${c.type} ${JSON.stringify(c.national)}: seamid ${suggestion}, libphonenumber-js ${c.expected}`);
    if (suggestion === c.original) roundTrip++;
  }
  const share = agree / all.length;
  console.log(`default-country agreement with libphonenumber-js: ${agree}/${all.length} (${(100 * share).toFixed(2)}%); ` +
    `suggestion = the example's own E.164: ${roundTrip}/${all.length}; regions: ${new Set(all.map((c) => c.region)).size}`);
  assert.ok(share >= 0.99, `agreement ${(100 * share).toFixed(2)}% < 99%:\n${disagreements.join('\n')}`);
  assert.deepEqual(disagreements, [], 'every disagreement must be listed in `allowed` with its reason');
});

test('default country: international-prefix forms (011 from the US, 00 from Germany) agree with libphonenumber-js', () => {
  let agree = 0, total = 0;
  const disagreements = [];
  for (const region of Object.keys(examples).sort()) {
    const code = metadata.countries[region][0];
    for (const [from, prefix] of [['US', '011'], ['DE', '00']]) {
      const text = `${prefix} ${code} ${examples[region]}`;
      const expected = parsePhoneNumber(text, from).number;
      const reading = validatePhone(text, { defaultCountry: from }).issues.find((found) => found.code === 'phone_national_number');
      total++;
      if (reading && reading.suggestion === expected) agree++;
      else disagreements.push(`${from} ${text}: seamid ${reading && reading.suggestion}, libphonenumber-js ${expected}`);
    }
  }
  console.log(`international-prefix agreement: ${agree}/${total}`);
  assert.deepEqual(disagreements, []);
});

test('default country: the bare national number and the calling code without + agree with libphonenumber-js', () => {
  let agree = 0, total = 0;
  const disagreements = [];
  for (const region of Object.keys(examples).sort()) {
    const code = metadata.countries[region][0];
    for (const text of [examples[region], `${code}${examples[region]}`, `${code} ${examples[region]}`]) {
      const expected = parsePhoneNumber(text, region).number;
      const reading = validatePhone(text, { defaultCountry: region }).issues.find((found) => found.code === 'phone_national_number');
      total++;
      if (reading && reading.suggestion === expected) agree++;
      else disagreements.push(`${region} ${text}: seamid ${reading && reading.suggestion}, libphonenumber-js ${expected}`);
    }
  }
  console.log(`bare national number / calling code without '+' agreement: ${agree}/${total}`);
  assert.deepEqual(disagreements, []);
});

test('default country: the examples cover both kinds of number in nearly every region', () => {
  const all = cases();
  const regions = Object.keys(metadata.countries);
  assert.equal(new Set(all.filter((c) => c.type === 'mobile').map((c) => c.region)).size, regions.length);
  assert.ok(all.filter((c) => c.type === 'fixed line').length >= 200);
});
