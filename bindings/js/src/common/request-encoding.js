// The compact encoding of a /user_identities/create or update body that the wasm modules decode
// (bindings/wasm/request_decoding.hpp): the top-level kind, then per own enumerable member a field number
// (0 + the name for members seamid does not know), its kind, and its UTF-8 text when it is a string;
// acs_system_ids also lists its items' kinds and texts. No JSON.stringify, no JSON parser in wasm. Members
// are taken as JSON.stringify would: undefined, functions and symbols are absent, BigInts are numbers,
// lone surrogates become U+FFFD.
const encoder = new TextEncoder();

// Member kinds (seamid::value_kind): 0 = absent (undefined, functions, symbols: JSON drops them).
const ABSENT = 0, NULL = 1, STRING = 2, NUMBER = 3, BOOLEAN = 4, OBJECT = 5, ARRAY = 6;
/** The top-level kind the wrapper sends when JSON.parse refused the text. */
export const INVALID_JSON = 7;

function kindOf(value) {
  switch (typeof value) {
    case 'string': return STRING;
    case 'number': case 'bigint': return NUMBER;
    case 'boolean': return BOOLEAN;
    case 'object': return value === null ? NULL : Array.isArray(value) ? ARRAY : OBJECT;
    default: return ABSENT;
  }
}

/** Field number of a member name in the encoding (request_decoding.hpp `field_names`); 0 = any other member. */
function fieldNumber(key) {
  switch (key) {
    case 'user_identity_id': return 1;
    case 'user_identity_key': return 2;
    case 'email_address': return 3;
    case 'phone_number': return 4;
    case 'full_name': return 5;
    case 'acs_system_ids': return 6;
    default: return 0;
  }
}

/**
 * A writer of encoded requests into a buffer the module owns. `reserveBuffer(bytes)` returns the address of a
 * buffer of at least `bytes` bytes that keeps its content when it grows; `capacity` is its size already.
 */
export function requestEncoder(wasm, reserveBuffer, capacity = 0) {
  let base = capacity > 0 ? reserveBuffer(capacity) : 0;
  let heap = wasm.HEAPU8;
  let at = 0;

  /** Makes the buffer hold at least `bytes` bytes (counted from its start). */
  function reserve(bytes) {
    if (bytes > capacity) {
      capacity = Math.max(capacity * 2, bytes);
      base = reserveBuffer(capacity);
      heap = wasm.HEAPU8; // the call may have grown the memory
    }
  }
  /** Writes `value` as UTF-8 at `at`; needs 3 bytes per UTF-16 unit reserved. Returns the bytes written. */
  function raw(value) {
    const length = value.length;
    const start = base + at;
    // Short strings: a JS loop for U+0000-U+07FF (names like "María" stay out of encodeInto and its
    // subarray); long strings, and any unit from U+0800 (surrogates included), use the engine's encoder.
    let i = length > 64 ? -1 : 0;
    let p = start;
    for (; i >= 0 && i < length; i++) {
      const unit = value.charCodeAt(i);
      if (unit <= 0x7f) {
        heap[p++] = unit;
      } else if (unit <= 0x7ff) {
        heap[p++] = 0xc0 | (unit >>> 6);
        heap[p++] = 0x80 | (unit & 0x3f);
      } else {
        break;
      }
    }
    const written = i === length ? p - start : encoder.encodeInto(value, heap.subarray(start, start + length * 3)).written;
    at += written;
    return written;
  }
  function u32At(position, value) {
    const p = base + position;
    heap[p] = value & 255;
    heap[p + 1] = (value >>> 8) & 255;
    heap[p + 2] = (value >>> 16) & 255;
    heap[p + 3] = (value >>> 24) & 255;
  }
  function u32(value) {
    u32At(at, value);
    at += 4;
  }
  /** A length-prefixed UTF-8 string. */
  function text(value) {
    const prefixAt = at;
    at += 4;
    u32At(prefixAt, raw(value));
  }
  /** A member's kind, then its text when it is a string. */
  function member(value) {
    const kind = kindOf(value);
    heap[base + at++] = kind;
    if (kind === STRING) text(value);
    return kind;
  }
  /** Bytes the acs_system_ids array may take (strings at 3 bytes per UTF-16 unit). */
  function arrayBound(value) {
    let bytes = 4;
    for (let i = 0; i < value.length; i++) bytes += 5 + (typeof value[i] === 'string' ? value[i].length * 3 : 0);
    return bytes;
  }

  /** Appends a request (any JS value; `invalidJson` marks text JSON.parse refused) at the current position. */
  function request(value, invalidJson = false) {
    const top = invalidJson ? INVALID_JSON : kindOf(value);
    reserve(at + 1);
    if (top !== OBJECT) {
      heap[base + at++] = top === ABSENT ? NULL : top;
      return;
    }
    heap[base + at++] = OBJECT;
    const keys = Object.keys(value);
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k];
      const item = value[key];
      const field = fieldNumber(key);
      const need = at + 10 + (field === 0 ? key.length * 3 : 0) + (typeof item === 'string' ? item.length * 3 : 0);
      if (need > capacity) reserve(need);
      heap[base + at++] = field;
      if (field === 0) text(key);
      if (member(item) === ARRAY && field === 6) {
        reserve(at + arrayBound(item));
        u32(item.length);
        for (let i = 0; i < item.length; i++) member(item[i]);
      }
    }
  }

  /**
   * Starts a new encoding holding just `value` when it is ASCII and fits the buffer as it is (a short field
   * value, the common case: no reserve, one loop); returns its length, or -1 when nothing usable was written.
   */
  function ascii(value) {
    const length = value.length;
    if (length > capacity) return -1;
    // Locals, not the closure's `heap` and `base`: the loop then keeps them in registers. A memory growth since
    // the last encoding detaches the old view (length 0): only then is the module's (slow, dictionary-mode)
    // HEAPU8 property read again.
    let bytes = heap;
    if (bytes.length === 0) bytes = heap = wasm.HEAPU8;
    const start = base;
    let units = 0; // the OR of every unit: one test after the loop instead of one per unit
    for (let i = 0; i < length; i++) {
      const unit = value.charCodeAt(i);
      units |= unit;
      bytes[start + i] = unit;
    }
    if (units > 0x7f) return -1;
    at = length;
    return length;
  }

  return {
    ascii,
    /** Starts a new encoding with room for `bytes` bytes. */
    start(bytes = 0) {
      at = 0;
      heap = wasm.HEAPU8; // wasm calls since the last encoding may have grown the memory
      reserve(bytes);
    },
    /** Bytes written since start(). */
    get length() { return at; },
    /** Appends one string as raw UTF-8 (room for 3 bytes per unit must be reserved by start); returns its byte length. */
    raw,
    request,
    /** Appends a request prefixed by its byte length (the row format of batches). */
    row(value) {
      reserve(at + 4);
      const prefixAt = at;
      at += 4;
      request(value);
      u32At(prefixAt, at - prefixAt - 4);
    },
  };
}
