// validatePhone per call through the public JS API vs libphonenumber-js's isValidPhoneNumber, same inputs, same run.
import { isValidPhoneNumber } from 'libphonenumber-js/max';
import { isValidPhoneNumber as isValidPhoneNumberMin } from 'libphonenumber-js/min';
import { validatePhone } from '../../bindings/js/src/validation-node.js';
import { random, rate, throughput } from './measure.mjs';

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

/** Runs the benchmark and returns its rows. */
export async function run() {
  const inputs = phoneInputs();
  const seamid = throughput((value) => validatePhone(value).ok, inputs);
  const seamidStrict = throughput((value) => validatePhone(value, { profile: 'strict' }).ok, inputs);
  const lpnMax = throughput((value) => isValidPhoneNumber(value), inputs);
  const lpnMin = throughput((value) => isValidPhoneNumberMin(value), inputs);
  return [
    { name: 'validatePhone (seamid, JS API)', value: rate(seamid) },
    { name: 'validatePhone strict (seamid, JS API)', value: rate(seamidStrict) },
    { name: 'isValidPhoneNumber (libphonenumber-js/max)', value: rate(lpnMax) },
    { name: 'isValidPhoneNumber (libphonenumber-js/min)', value: rate(lpnMin) },
    { name: 'ratio seamid / libphonenumber-js max', value: `${(seamid / lpnMax).toFixed(1)}x` },
    { name: 'ratio seamid / libphonenumber-js min', value: `${(seamid / lpnMin).toFixed(1)}x` },
  ];
}
