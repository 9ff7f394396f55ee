// The size limits of what crosses into a wasm module, read from the module (bindings/wasm/scratch.hpp: its memory is
// capped at 2 GiB), and the input_too_large issue JS answers before copying anything larger in (PROTOCOL.md "Limits").

/** { field, text, items }: bytes of one value or request body, bytes of one bulk text, items of one array. */
export function readLimits(wasm) {
  if (typeof wasm._inputLimits !== 'function')
    throw new Error('seamid: this wasm module is older than its JS (no _inputLimits); rebuild bindings/js/dist (cmake --build --preset wasm)');
  const [field, text, items] = wasm._inputLimits();
  return { field, text, items };
}

/** The UTF-8 length of `text` as TextEncoder writes it (a lone surrogate becomes U+FFFD, 3 bytes). */
export function utf8Length(text) {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) continue;
    if (unit < 0x800) bytes += 1;
    else if (unit >= 0xd800 && unit <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) bytes += 2, i++;
    else bytes += 2;
  }
  return bytes;
}

const mib = (bytes) => `${Math.round(bytes / 1048576)} MiB`;

/** An `input_too_large` error: `what` is over `limit` (`size` is what was counted; `atLeast` when counting stopped early). */
export function tooLargeIssue(path, what, size, limit, unit = 'bytes', atLeast = false) {
  const limitText = unit === 'bytes' ? `${limit} bytes (${mib(limit)}) of UTF-8` : `${limit} ${unit}`;
  return {
    path,
    code: 'input_too_large',
    severity: 'error',
    message: `${what} is ${atLeast ? 'at least ' : ''}${size} ${unit}; seamid takes at most ${limitText} here.`,
  };
}

/**
 * Room for `text` as UTF-8 within `limit` bytes: 3 bytes per UTF-16 unit when that fits, else its exact length; -1
 * when it is over `limit` (text longer than the limit is refused without counting).
 */
export function utf8Room(text, limit) {
  if (text.length > limit) return -1;
  if (text.length * 3 <= limit) return text.length * 3;
  const bytes = utf8Length(text);
  return bytes > limit ? -1 : bytes;
}

/** The input_too_large issue when `text` takes more than `limit` bytes of UTF-8, else null. */
export function textTooLarge(text, limit, path = [], what = 'The input') {
  if (utf8Room(text, limit) >= 0) return null;
  const atLeast = text.length > limit;
  return tooLargeIssue(path, what, atLeast ? text.length : utf8Length(text), limit, 'bytes', atLeast);
}
