// Generated phone corpus for the conformance and plausibility tests: deterministic (seeded), >= 10,000 strings
// covering valid E.164, boundary lengths, formatting, Unicode digits, whitespace, control characters and long strings.

/** Seeded xorshift32: returns next(n) in [0, n). */
export function seeded(seed) {
  let state = seed >>> 0 || 1;
  return (n) => {
    state ^= state << 13; state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5; state >>>= 0;
    return state % n;
  };
}

const digits = (next, count, first = '0123456789') => {
  let out = first[next(first.length)];
  for (let i = 1; i < count; i++) out += String(next(10));
  return out;
};

// JS trim's whitespace set, and lookalikes that are NOT whitespace to JavaScript.
export const jsWhitespace = ['\t', '\n', '\v', '\f', '\r', ' ', '\u00a0', '\u1680', '\u2000', '\u2005', '\u200a',
  '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff'];
export const notWhitespace = ['\u200b', '\u180e', '\u0085', '\u2060', '\u00ad', '\u0000', '\u001f', '\u007f'];
const unicodeDigitZeros = [0x0660, 0x06f0, 0x0966, 0x09e6, 0xff10, 0x1d7ce]; // Arabic-Indic, Persian, Devanagari, Bengali, fullwidth, math bold
const formatting = [' ', '-', '.', '(', ')', '/', '\u00a0', '\u2009', '\u2013'];

function unicodeDigits(next, text) {
  const zero = unicodeDigitZeros[next(unicodeDigitZeros.length)];
  return [...text].map((c) => (c >= '0' && c <= '9' && next(2) ? String.fromCodePoint(zero + Number(c)) : c)).join('');
}

function formatted(next, number) {
  const chars = [...number];
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    out += chars[i];
    if (i > 0 && i < chars.length - 1 && next(4) === 0) out += formatting[next(formatting.length)];
  }
  const wrap = next(6);
  if (wrap === 0) return `tel:${out}`;
  if (wrap === 1) return out.replace(/^(\+\d)(\d{3})/, '$1 ($2) ');
  return out;
}

/** The corpus: an array of strings, identical on every run. */
export function phoneCorpus({ seed = 0xe164, size = 12000 } = {}) {
  const next = seeded(seed);
  const out = [];
  // Every length 0..18 after '+', with first digit 0..9.
  for (let length = 0; length <= 18; length++)
    for (let first = 0; first <= 9; first++) out.push(length === 0 ? '+' : '+' + digits(next, length, String(first)));
  // Long strings.
  for (const length of [100, 1000, 100000]) {
    out.push('+' + digits(next, length, '123456789'));
    out.push(' '.repeat(length) + '+14155552671');
    out.push('+1' + '\u0000'.repeat(length));
  }
  const generators = [
    () => '+' + digits(next, 2 + next(14), '123456789'),                                   // Seam-valid shape
    () => '+' + digits(next, 1 + next(17)),                                                // any digits
    () => formatted(next, '+' + digits(next, 6 + next(10), '123456789')),                  // formatted
    () => unicodeDigits(next, '+' + digits(next, 8 + next(7), '123456789')),               // Unicode digits
    () => jsWhitespace[next(jsWhitespace.length)] + '+' + digits(next, 2 + next(14), '123456789') + jsWhitespace[next(jsWhitespace.length)],
    () => notWhitespace[next(notWhitespace.length)] + '+' + digits(next, 10, '123456789'),
    () => '+' + digits(next, 10, '123456789') + notWhitespace[next(notWhitespace.length)],
    () => digits(next, 5 + next(11), '123456789'),                                         // missing '+'
    () => '++' + digits(next, 10, '123456789'),
    () => '+' + digits(next, 5, '123456789') + '+' + digits(next, 5),
    () => '+' + digits(next, 3, '123456789') + 'x' + digits(next, 4),
    () => '+1 800 ' + ['FLOWERS', 'CALL-NOW', 'ext. 12'][next(3)],
    () => '+' + digits(next, 10, '123456789') + '\ud800',                                  // lone surrogate
    () => jsWhitespace.slice(0, 1 + next(jsWhitespace.length)).join('') + '+' + digits(next, 9, '123456789'),
    () => '\uff0b' + digits(next, 10, '123456789'),                                        // fullwidth plus
    () => '',
    () => jsWhitespace[next(jsWhitespace.length)].repeat(1 + next(4)),
  ];
  while (out.length < size) out.push(generators[next(generators.length)]());
  return out;
}

/** Numbers Seam's bare regex accepts, for the plausibility comparison: '+' then 2..15 digits, first 1..9,
 * mixing uniformly random digit strings with numbers built on real country codes and lengths. */
export function e164Corpus({ seed = 0x1b, size = 20000, callingCodes = ['1', '44', '33', '49', '81', '91', '86', '61', '55', '7', '39', '34', '229', '351', '852', '971'] } = {}) {
  const next = seeded(seed);
  const out = [];
  while (out.length < size) {
    if (next(2)) out.push('+' + digits(next, 2 + next(14), '123456789'));
    else {
      const code = callingCodes[next(callingCodes.length)];
      const nationalLength = Math.min(15 - code.length, 6 + next(7));
      out.push('+' + code + digits(next, nationalLength));
    }
  }
  return out;
}
