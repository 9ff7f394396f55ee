// The compact encoding of a /user_identities/create or update body that the wasm modules decode
// (bindings/wasm/request_decoding.hpp): the top-level kind, then per own enumerable member a field number
// (0 + the name for members seamid does not know), its kind, and its UTF-8 text when it is a string;
// acs_system_ids also lists its items' kinds and texts. No JSON.stringify, no JSON parser in wasm. Members
// are taken as JSON.stringify would: undefined, functions and symbols are absent, BigInts are numbers,
// lone surrogates become U+FFFD.
//
// A request is encoded in three steps: snapshot (every member and acs_system_ids item is read exactly once, and
// nothing else of the caller's object is read afterwards: a getter that returns something else on a second read,
// or calls seamid itself, cannot change what is sized or written), size (refused with input_too_large over the
// limit, before anything is copied), write (every byte bounds-checked against the reserved buffer).
import { tooLargeIssue, utf8Length } from './limits.js';

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
 * What a request is made of, read once: `top` kind; `parts`, per member, field, name (field 0), kind, string
 * value, and for acs_system_ids an array of [kind, string] pairs; `units`, the UTF-16 units of every string;
 * `bound`, the bytes of its encoding at 3 bytes per unit; `objects`, the member values (and acs_system_ids items)
 * that are objects or arrays, for a caller that must check they serialise; or
 * `issue` (input_too_large) when acs_system_ids claims more items than `maxItems`.
 */
export function snapshotRequest(value, invalidJson = false, maxItems = 1 << 24) {
  const top = invalidJson ? INVALID_JSON : kindOf(value);
  if (top !== OBJECT) return { top: top === ABSENT ? NULL : top, parts: null, units: 0, bound: 1, objects: null, issue: null };
  const keys = Object.keys(value);
  const parts = new Array(keys.length * 5);
  let units = 0;
  let bound = 1; // bytes of the encoding with 3 bytes per UTF-16 unit
  let objects = null;
  for (let k = 0, p = 0; k < keys.length; k++, p += 5) {
    const key = keys[k];
    const field = fieldNumber(key);
    const item = value[key];
    const kind = kindOf(item);
    let list = null;
    bound += 2;
    if (field === 0) units += key.length, bound += 4 + 3 * key.length;
    if (kind === STRING) units += item.length, bound += 4 + 3 * item.length;
    else if (kind === OBJECT || kind === ARRAY) {
      if (kind !== ARRAY || field !== 6) (objects ??= []).push(item);
      else {
        const length = item.length;
        if (!(length >= 0 && length <= maxItems))
          return { top, parts: null, units, bound, objects, issue: tooLargeIssue(['acs_system_ids'], 'acs_system_ids', length, maxItems, 'items') };
        list = new Array(length * 2);
        bound += 4 + length;
        for (let i = 0; i < length; i++) {
          const element = item[i];
          const elementKind = kindOf(element);
          if (elementKind === OBJECT || elementKind === ARRAY) (objects ??= []).push(element);
          list[2 * i] = elementKind;
          if (elementKind === STRING) {
            list[2 * i + 1] = element;
            units += element.length;
            bound += 4 + 3 * element.length;
          } else list[2 * i + 1] = null;
        }
      }
    }
    parts[p] = field;
    parts[p + 1] = key;
    parts[p + 2] = kind;
    parts[p + 3] = kind === STRING ? item : null;
    parts[p + 4] = list;
  }
  return { top, parts, units, bound, objects, issue: null };
}

/** Bytes the encoding of `snapshot` takes, strings counted by `count`. */
function encodedBytes({ top, parts }, count) {
  if (top !== OBJECT) return 1;
  let bytes = 1;
  for (let p = 0; p < parts.length; p += 5) {
    bytes += 2;
    if (parts[p] === 0) bytes += 4 + count(parts[p + 1]);
    if (parts[p + 2] === STRING) bytes += 4 + count(parts[p + 3]);
    const list = parts[p + 4];
    if (list !== null) {
      bytes += 4;
      for (let i = 0; i < list.length; i += 2) bytes += 1 + (list[i] === STRING ? 4 + count(list[i + 1]) : 0);
    }
  }
  return bytes;
}

/**
 * Bytes to reserve for the encoding of `snapshot` (its 3-bytes-per-unit bound when that fits `maxBytes`, else its
 * exact length), or -1 when it is over `maxBytes` (see tooLarge).
 */
export function requestRoom(snapshot, maxBytes) {
  if (snapshot.issue || snapshot.units > maxBytes) return -1;
  if (snapshot.bound <= maxBytes) return snapshot.bound;
  const exact = encodedBytes(snapshot, utf8Length);
  return exact > maxBytes ? -1 : exact;
}

/** The input_too_large issue of a snapshot requestRoom refused. */
export function requestTooLarge(snapshot, maxBytes, path = []) {
  if (snapshot.issue) return snapshot.issue;
  if (snapshot.units > maxBytes) return tooLargeIssue(path, 'The request', snapshot.units, maxBytes, 'bytes', true);
  return tooLargeIssue(path, 'The request', encodedBytes(snapshot, utf8Length), maxBytes);
}

/**
 * A writer of encoded requests into a buffer the module owns. `reserveBuffer(bytes)` returns the address of a
 * buffer of at least `bytes` bytes that keeps its content when it grows (0: refused); `capacity` is its size
 * already; `limits`: `field`, the most bytes of one request, `items`, of acs_system_ids' items, and `buffer`, of
 * the whole buffer (the module's limit for it: rows of a batch are appended up to it).
 */
export function requestEncoder(wasm, reserveBuffer, capacity, limits) {
  let base = capacity > 0 ? reserveBuffer(capacity) : 0;
  let heap = wasm.HEAPU8;
  let at = 0;

  /** Makes the buffer hold at least `bytes` bytes (counted from its start). */
  function reserve(bytes) {
    if (bytes > capacity) {
      const grown = Math.max(Math.min(capacity * 2, limits.buffer), bytes);
      const address = reserveBuffer(grown);
      if (address === 0) throw new RangeError(`seamid: the module refused a buffer of ${grown} bytes`);
      base = address;
      capacity = grown;
    }
    heap = wasm.HEAPU8; // the call may have grown the memory
  }
  /** Throws unless `bytes` more bytes fit the buffer at `at` (a sizing bug must never become a write past it). */
  function room(bytes) {
    if (at + bytes > capacity) throw new RangeError('seamid: an encoding outgrew its reserved buffer');
  }
  /** Writes `value` as UTF-8 at `at` within the buffer; returns the bytes written. */
  function raw(value) {
    const length = value.length;
    const start = base + at;
    const end = base + capacity;
    // Short strings: a JS loop for U+0000-U+07FF (names like "María" stay out of encodeInto and its
    // subarray); long strings, and any unit from U+0800 (surrogates included), use the engine's encoder.
    let i = length > 64 || start + 2 * length > end ? -1 : 0;
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
    let written;
    if (i === length) written = p - start;
    else {
      const result = encoder.encodeInto(value, heap.subarray(start, Math.min(end, start + length * 3)));
      if (result.read !== length) throw new RangeError('seamid: an encoding outgrew its reserved buffer');
      written = result.written;
    }
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
  function u8(value) {
    room(1);
    heap[base + at++] = value;
  }
  function u32(value) {
    room(4);
    u32At(at, value);
    at += 4;
  }
  /** A length-prefixed UTF-8 string. */
  function text(value) {
    room(4);
    const prefixAt = at;
    at += 4;
    u32At(prefixAt, raw(value));
  }
  /** Writes a snapshot (room for it reserved) at `at`. */
  function write({ top, parts }) {
    if (top !== OBJECT) return u8(top);
    u8(OBJECT);
    for (let p = 0; p < parts.length; p += 5) {
      const field = parts[p];
      u8(field);
      if (field === 0) text(parts[p + 1]);
      const kind = parts[p + 2];
      u8(kind);
      if (kind === STRING) text(parts[p + 3]);
      const list = parts[p + 4];
      if (list !== null) {
        u32(list.length / 2);
        for (let i = 0; i < list.length; i += 2) {
          u8(list[i]);
          if (list[i] === STRING) text(list[i + 1]);
        }
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
      reserve(bytes);
    },
    /** Bytes written since start(). */
    get length() { return at; },
    /** True when a row of `bytes` more bytes fits the buffer's limit after what is written. */
    fits: (bytes) => at + 4 + bytes <= limits.buffer,
    /** Appends one string as raw UTF-8 (room for it must be reserved by start); returns its byte length. */
    raw,
    /** The snapshot of a request (read once; see snapshotRequest). */
    snapshot: (value, invalidJson = false) => snapshotRequest(value, invalidJson, limits.items),
    /** Bytes to reserve for the snapshot, or -1 when it is too large (see requestRoom). */
    room: (snapshot) => requestRoom(snapshot, limits.field),
    /** The input_too_large issue of a snapshot room() refused. */
    tooLarge: (snapshot, path) => requestTooLarge(snapshot, limits.field, path),
    /** Starts a new encoding holding the snapshot (`bytes` from room()). */
    request(snapshot, bytes) {
      at = 0;
      reserve(bytes);
      write(snapshot);
    },
    /** Appends the snapshot prefixed by its byte length (the row format of batches; `bytes` from room()). */
    row(snapshot, bytes) {
      reserve(at + 4 + bytes);
      const prefixAt = at;
      at += 4;
      write(snapshot);
      u32At(prefixAt, at - prefixAt - 4);
    },
  };
}
