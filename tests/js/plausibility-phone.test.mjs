// Plausibility against libphonenumber-js/max: of numbers Seam's bare E.164 regex accepts, how many that
// libphonenumber-js calls invalid get a plausibility warning (recall), and how many it calls valid get one
// (false alarms). The tables are generated from the same library's metadata (toolchain/gen-phone-tables.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isValidPhoneNumber, parsePhoneNumber } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import { getCountries, getExampleNumber } from 'libphonenumber-js/max';
import { validatePhone } from '../../bindings/js/src/node.js';
import { e164Corpus } from './corpus/phone-corpus.mjs';

// Thresholds this implementation reaches (figures printed by the test; see docs/validation.md).
const MIN_RECALL = 0.95;
const MAX_FALSE_ALARMS = 0;

// Splits the corpus by libphonenumber-js's verdict. "Canonical" valid numbers are those whose E.164 form, as
// libphonenumber-js itself formats it, is the input; the others keep a national trunk prefix after the calling
// code (+49 0..., +1 1...), which libphonenumber-js strips while parsing but which E.164 never contains.
function compare(numbers) {
  const out = { invalid: 0, invalidWarned: 0, canonical: 0, canonicalWarned: [], nonCanonical: 0, nonCanonicalWarned: 0, prefixSuggested: 0 };
  for (const number of numbers) {
    const result = validatePhone(number);
    assert.equal(result.ok, true, `${number} matches Seam's regex`);
    const warnings = result.issues.filter((i) => i.severity === 'warning');
    if (!isValidPhoneNumber(number)) {
      out.invalid++;
      if (warnings.length) out.invalidWarned++;
      continue;
    }
    const e164 = parsePhoneNumber(number).number;
    if (e164 === number) {
      out.canonical++;
      if (warnings.length) out.canonicalWarned.push(number);
    } else {
      out.nonCanonical++;
      if (warnings.length) out.nonCanonicalWarned++;
      if (warnings[0]?.code === 'phone_national_prefix' && warnings[0].suggestion === e164) out.prefixSuggested++;
    }
  }
  return out;
}

test('random E.164-shaped numbers: >= 95% of libphonenumber-invalid ones warned, 0 valid ones warned', () => {
  const r = compare(e164Corpus());
  const recall = r.invalidWarned / r.invalid;
  console.log(`# plausibility: ${r.invalidWarned}/${r.invalid} libphonenumber-invalid numbers warned (${(recall * 100).toFixed(2)}%); ` +
    `${r.canonicalWarned.length}/${r.canonical} libphonenumber-valid numbers warned; ` +
    `${r.nonCanonicalWarned}/${r.nonCanonical} numbers libphonenumber accepts only by stripping a trunk prefix warned, ` +
    `${r.prefixSuggested} of them with libphonenumber's own E.164 form as the suggestion`);
  assert.ok(r.canonical > 1000, `enough valid numbers in the corpus (${r.canonical})`);
  assert.ok(recall >= MIN_RECALL, `recall ${recall}`);
  assert.ok(r.canonicalWarned.length <= MAX_FALSE_ALARMS, `false alarms: ${r.canonicalWarned.slice(0, 10).join(', ')}`);
  assert.equal(r.nonCanonicalWarned, r.nonCanonical);
  assert.ok(r.prefixSuggested >= 0.95 * r.nonCanonical, `${r.prefixSuggested} of ${r.nonCanonical}`);
});

test('every example number of every country (fixed line and mobile) gets no warning', () => {
  const numbers = [];
  for (const country of getCountries()) {
    for (const source of [examples]) {
      const example = getExampleNumber(country, source);
      if (example) numbers.push(example.number);
    }
  }
  assert.ok(numbers.length > 200);
  const warned = numbers.filter((n) => validatePhone(n).issues.length > 0);
  assert.deepEqual(warned, []);
});
