// validatePhone per call through the public JS API vs libphonenumber-js's isValidPhoneNumber, same inputs, rounds
// interleaved in one process. SEAMID_BENCH_BASELINE=<another checkout's bindings/js/src/node.js> adds that
// build's validatePhone to the same rounds.
import { createRequire } from 'node:module';
import { isValidPhoneNumber } from 'libphonenumber-js/max';
import { isValidPhoneNumber as isValidPhoneNumberMin } from 'libphonenumber-js/min';
import { validatePhone } from '../../bindings/js/src/validation-node.js';
import { baselineValidation, compare, random, rate } from './measure.mjs';

const version = createRequire(import.meta.url)('libphonenumber-js/package.json').version;

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
  ];
}
