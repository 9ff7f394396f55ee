// Generated corpora for the identity conformance test: deterministic (seeded), >= 10,000 email strings
// (valid shapes, every ASCII character in every structural position, random edits, Unicode case-folding traps,
// whitespace, length limits, long strings), plus user_identity_key / full_name strings.
import { jsWhitespace, notWhitespace, seeded } from './phone-corpus.mjs';

const locals = ['jane', 'john.doe', "o'brien", 'a', 'x_y', 'first+tag', 'user-name', 'A.B.C', '123', '_', '-', '+', 'a-', "a'b", 'Z9'];
const domains = ['example.com', 'mail.example.co.uk', 'x.io', 'b-.com', '1.com', 'xn--bcher-kva.ch', 'a.b.c.d.museum', 'EXAMPLE.ORG', 'a-b.c-d.info'];
// Characters that look like they could match [A-Z] under /i, and other non-ASCII traps.
const unicodeTraps = ['\u017f', '\u0131', '\u212a', '\u00e9', '\u00df', '\uff41', '\u0430', '\u200b', '\u00a0', '\u2028', '\ud83d\ude00', '\ud800', '\u0000', '\u0085'];
const ascii = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i));

/** The email corpus: an array of strings, identical on every run. */
export function emailCorpus({ seed = 0xe3a11, size = 12000 } = {}) {
  const next = seeded(seed);
  const pick = (list) => list[next(list.length)];
  const out = [];
  // Every ASCII character (and the Unicode traps) in every structural position.
  for (const c of [...ascii, ...unicodeTraps]) {
    out.push(`${c}ab@x.io`, `a${c}b@x.io`, `ab${c}@x.io`, `ab@${c}x.io`, `ab@x${c}y.io`, `ab@x${c}.io`, `ab@x.${c}io`, `ab@x.i${c}`, `ab@x.io${c}`, `${c}`);
  }
  // Length limits around RFC 5321's numbers, and long strings.
  for (const n of [63, 64, 65, 253, 254, 255]) {
    out.push(`${'a'.repeat(n)}@example.com`, `a@${'b'.repeat(n)}.com`, `a@${'b.'.repeat(Math.floor(n / 2))}io`);
  }
  for (const n of [1000, 100000]) out.push('a'.repeat(n), `${'a'.repeat(n)}@x.io`, `a@${'b'.repeat(n)}`, '.'.repeat(n), '@'.repeat(n), `${'a.'.repeat(n)}@x.io`);
  const base = () => `${pick(locals)}@${pick(domains)}`;
  const mutate = (value) => {
    const at = next(value.length + 1);
    switch (next(12)) {
      case 0: return value.slice(0, at) + pick(ascii) + value.slice(at);                 // insert any ASCII
      case 1: return value.slice(0, at) + value.slice(at + 1);                           // delete
      case 2: return value.slice(0, at) + pick(['.', '@', '-', '_', "'", '+']) + value.slice(at);
      case 3: return value.slice(0, at) + pick(unicodeTraps) + value.slice(at);
      case 4: return pick(jsWhitespace) + value + (next(2) ? pick(jsWhitespace) : '');
      case 5: return pick(['mailto:', 'MailTo:', 'Jane <', '<', '"Jane" <']) + value + (next(3) ? '>' : '');
      case 6: return value.replace(/\.[^.]*$/, pick(['', '.c', '.c0', '.', '.co.', '.-com', '.co-m']));
      case 7: return value.toUpperCase();
      case 8: return value.replace('@', pick(['', '@@', '.@', '@.', '@-', ' @ ']));
      case 9: return value.slice(0, at) + pick(notWhitespace) + value.slice(at);
      case 10: return value + pick([',jane@example.com', ' ', '\n', ';']);
      default: return value.slice(0, at) + value.slice(at, at + 1 + next(3)).repeat(2) + value.slice(at + 1 + next(3));
    }
  };
  while (out.length < size) {
    let value = base();
    const edits = next(4); // 0 edits = a valid address, about a quarter of the random part
    for (let i = 0; i < edits; i++) value = mutate(value);
    out.push(value);
  }
  return out;
}

/** user_identity_key / full_name strings: ordinary, empty, whitespace, control and invisible characters, long. */
export function textCorpus({ seed = 0x7e47, size = 3000 } = {}) {
  const next = seeded(seed);
  const pick = (list) => list[next(list.length)];
  const words = ['Jane', 'Doe', 'user-42', '\u5c71\u7530', 'Jos\u00e9', '\ud83d\ude80', 'x', '0'];
  const out = ['', ' ', '\t', '\u00a0', '\u0000', '\ud800', 'a'.repeat(100000), ...jsWhitespace, ...notWhitespace];
  while (out.length < size) {
    const parts = [];
    for (let i = 0, n = next(4); i < n; i++) parts.push(pick([pick(words), pick(jsWhitespace), pick(notWhitespace), ' ']));
    out.push(parts.join(''));
  }
  return out;
}
