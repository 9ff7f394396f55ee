// validatePhone per call through the public JS API vs libphonenumber-js's isValidPhoneNumber, same inputs, rounds
// interleaved in one process; and validatePhone with a default country per call (national-format numbers of every
// region) vs libphonenumber-js's parsePhoneNumber(text, country). SEAMID_BENCH_BASELINE=<another checkout's
// bindings/js/src/node.js> adds that build's validatePhone to the same rounds.
import { createRequire } from 'node:module';
import { isValidPhoneNumber, parsePhoneNumber } from 'libphonenumber-js/max';
import { isValidPhoneNumber as isValidPhoneNumberMin, parsePhoneNumber as parsePhoneNumberMin } from 'libphonenumber-js/min';
import { validatePhone } from '../../bindings/js/src/validation-node.js';
import { baselineValidation, compare, random, rate } from './measure.mjs';

const require = createRequire(import.meta.url);
const version = require('libphonenumber-js/package.json').version;

/** The same mix as bench/corpus.hpp: 70% plain numbers, 30% formatted, short or missing '+'. */
export function phoneInputs(count = 4096) {
  const prefixes = ['+1415', '+4420', '+336', '+4915', '+8190', '+9198', '+6104', '+5511'];
  const next = random(0x5ea11d);
  const out = [];
  for (let i = 0; i < count; i++) {
    let number = prefixes[next(8)];
    while (number.length < 12) number += String(next(10));
    const variant = next(10);
    if (variant === 0) number = `${number.slice(0, 4)} ${number.slice(4)}`;
    else if (variant === 1) number = number.slice(0, -3);
    else if (variant === 2) number = number.slice(1);
    out.push(number);
  }
  return out;
}

/**
 * National-format numbers with the country each is read in: every region's example mobile number
 * (libphonenumber-js/examples.mobile.json) as formatNational writes it, in a seeded order; one in five written
 * with the US international prefix instead (`011 44 7400 123456`, country US). Each input carries its options
 * object, made once, as a caller validating a file's column would.
 */
export function countryInputs(count = 4096) {
  const examples = require('libphonenumber-js/examples.mobile.json');
  const regions = Object.keys(examples).sort();
  const next = random(0xc0de);
  const out = [];
  for (let i = 0; i < count; i++) {
    const region = regions[next(regions.length)];
    const number = parsePhoneNumber(examples[region], region);
    const idd = next(5) === 0;
    const country = idd ? 'US' : region;
    const text = idd ? `011 ${number.countryCallingCode} ${number.nationalNumber}` : number.formatNational();
    out.push({ text, country, options: { defaultCountry: country } });
  }
  return out;
}

/** Runs the benchmark and returns its rows: calls per second (median of interleaved rounds) and same-round ratios. */
export async function run() {
  const inputs = phoneInputs();
  const baseline = await baselineValidation();
  const { rates, ratio, processRatio } = compare({
    seamid: (value) => validatePhone(value).ok,
    strict: (value) => validatePhone(value, { profile: 'strict' }).ok,
    max: (value) => isValidPhoneNumber(value),
    min: (value) => isValidPhoneNumberMin(value),
    ...(baseline && { baseline: (value) => baseline.validatePhone(value).ok }),
  }, inputs);
  const countries = compare({
    seamid: (c) => validatePhone(c.text, c.options).issues[0].suggestion !== undefined,
    max: (c) => parsePhoneNumber(c.text, c.country).number !== undefined,
    min: (c) => parsePhoneNumberMin(c.text, c.country).number !== undefined,
  }, countryInputs());
  const rateRow = (name, { perSecond, rounds }) => ({ name, value: rate(perSecond), data: { perSecond, rounds } });
  const ratioRow = (name, value) => ({ name, value: `${value.toFixed(1)}x`, data: { ratio: value } });
  return [
    ...(baseline ? [ratioRow('ratio validatePhone this build / SEAMID_BENCH_BASELINE', ratio('seamid', 'baseline'))] : []),
    rateRow('validatePhone (seamid, JS API)', rates.seamid),
    rateRow('validatePhone strict (seamid, JS API)', rates.strict),
    rateRow(`isValidPhoneNumber (libphonenumber-js ${version}/max)`, rates.max),
    rateRow(`isValidPhoneNumber (libphonenumber-js ${version}/min)`, rates.min),
    ratioRow('ratio seamid / libphonenumber-js max', ratio('seamid', 'max')),
    ratioRow('ratio seamid / libphonenumber-js max, process CPU', processRatio('seamid', 'max')),
    ratioRow('ratio seamid / libphonenumber-js min', ratio('seamid', 'min')),
    rateRow('validatePhone with defaultCountry, national numbers (seamid, JS API)', countries.rates.seamid),
    rateRow(`parsePhoneNumber(text, country) (libphonenumber-js ${version}/max)`, countries.rates.max),
    rateRow(`parsePhoneNumber(text, country) (libphonenumber-js ${version}/min)`, countries.rates.min),
    ratioRow('ratio defaultCountry: seamid / libphonenumber-js max', countries.ratio('seamid', 'max')),
    ratioRow('ratio defaultCountry: seamid / libphonenumber-js max, process CPU', countries.processRatio('seamid', 'max')),
    ratioRow('ratio defaultCountry: seamid / libphonenumber-js min', countries.ratio('seamid', 'min')),
  ];
}
