// Text from input made safe for a terminal: whatever the CLI prints that came from a file, standard input, an argument
// or Seam (header names, values, ids, messages quoting them, file names) goes through here, so a CSV cannot send
// escape sequences (colours, OSC window titles, cursor moves), bells or bidi overrides to the user's terminal.

// C0 controls and DEL, C1 controls (U+0080-U+009F: 8-bit CSI and OSC on some terminals), the line and paragraph
// separators, bidi embeddings, overrides and isolates (text that reads in another order than it runs), lone surrogates.
const unsafe = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const unsafeInJson = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const unsafeKeepingLines = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const hex = (unit, digits) => unit.toString(16).padStart(digits, '0');
/** \xNN for a unit below U+0100, \uNNNN above (the way JavaScript would write it in a string). */
const escapeUnit = (character) => {
  const unit = character.charCodeAt(0);
  return unit < 0x100 ? `\\x${hex(unit, 2)}` : `\\u${hex(unit, 4)}`;
};

/** `text` (any value, as a string) with every control character shown escaped: one line on a terminal. */
export function escapeForTerminal(text) {
  return String(text).replace(unsafe, escapeUnit);
}

/** As escapeForTerminal, keeping line feeds and tabs (multi-line output: a rendered plan, a script). */
export function escapeLinesForTerminal(text) {
  return String(text).replace(unsafeKeepingLines, escapeUnit);
}

/** JSON text of `value` that is also safe on a terminal: JSON.stringify escapes C0 controls and lone surrogates; the
 * rest above are written as \uNNNN escapes (still the same JSON value). */
export function jsonForTerminal(value, indent = 2) {
  return JSON.stringify(value, null, indent).replace(unsafeInJson, (character) => `\\u${hex(character.charCodeAt(0), 4)}`);
}
