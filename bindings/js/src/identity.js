// validateCreate / validateUpdate / validateEmail: the JS side only moves data. A request object is written
// member by member into the module's input buffer (no JSON.stringify, no JSON parser in wasm; JSON text goes
// through JSON.parse first, as Seam's server does); the core (seamid/identity_request.hpp) applies every rule
// and, only when it finds something, serialises the issues for `readIssues` to decode. An email comes back
// as a packed verdict decoded with the core's catalog, like phone.js. A valid request costs one wasm call.
import { checkOptions, isStrict, typeIssue, validationResult } from './wire.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const severities = ['info', 'warning', 'error'];

// Member kinds of the encoding (seamid::value_kind): 0 = absent (undefined, functions, symbols: JSON drops them).
const ABSENT = 0, NULL = 1, STRING = 2, NUMBER = 3, BOOLEAN = 4, OBJECT = 5, ARRAY = 6, INVALID_JSON = 7;
const FLAG_STRICT = 1, FLAG_UPDATE = 2;

function kindOf(value) {
  switch (typeof value) {
    case 'string': return STRING;
    case 'number': case 'bigint': return NUMBER;
    case 'boolean': return BOOLEAN;
    case 'object': return value === null ? NULL : Array.isArray(value) ? ARRAY : OBJECT;
    default: return ABSENT;
  }
}

/** Field number of a member name in the encoding (identity.cpp `field_names`); 0 = any other member. */
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

/** The identity part of the API. */
export function identityApi(wasm) {
  let base = wasm._identityInput(4096);
  let capacity = 4096;
  let heap = wasm.HEAPU8;
  let at = 0;
  const emailCatalog = wasm._emailCatalog(); // [name, message] by numeric email code

  /** Makes the input buffer hold at least `bytes` bytes (it keeps its content when it grows). */
  function reserve(bytes) {
    if (bytes > capacity) {
      capacity = Math.max(capacity * 2, bytes);
      base = wasm._identityInput(capacity);
    }
    if (heap.buffer !== wasm.HEAPU8.buffer) heap = wasm.HEAPU8;
  }
  /** Writes `value` as UTF-8 at `at` (lone surrogates become U+FFFD, as in every UTF-8 encoder); needs 3 bytes per unit reserved. */
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
  function u32(value) {
    const p = base + at;
    heap[p] = value & 255;
    heap[p + 1] = (value >>> 8) & 255;
    heap[p + 2] = (value >>> 16) & 255;
    heap[p + 3] = (value >>> 24) & 255;
    at += 4;
  }
  /** A length-prefixed UTF-8 string. */
  function text(value) {
    const prefixAt = at;
    at += 4;
    const written = raw(value);
    const end = at;
    at = prefixAt;
    u32(written);
    at = end;
  }
  /** A member's kind, then its text when it is a string. */
  function member(value) {
    const kind = kindOf(value);
    heap[base + at++] = kind;
    if (kind === STRING) text(value);
    return kind;
  }
  /** Bytes the encoding of one member may take (strings at 3 bytes per UTF-16 unit). */
  function bound(key, value) {
    let bytes = 10 + key.length * 3;
    if (typeof value === 'string') bytes += value.length * 3;
    else if (key === 'acs_system_ids' && Array.isArray(value)) {
      bytes += 4;
      for (let i = 0; i < value.length; i++) bytes += 5 + (typeof value[i] === 'string' ? value[i].length * 3 : 0);
    }
    return bytes;
  }

  /** Writes a request (any JS value; `invalidJson` marks text JSON.parse refused); returns the encoding's length. */
  function encodeRequest(request, invalidJson) {
    at = 0;
    const top = invalidJson ? INVALID_JSON : kindOf(request);
    if (top !== OBJECT) {
      reserve(1);
      heap[base] = top === ABSENT ? NULL : top;
      return 1;
    }
    const keys = Object.keys(request);
    reserve(1);
    heap[base + at++] = OBJECT;
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k];
      const value = request[key];
      const field = fieldNumber(key);
      const need = at + 10 + (field === 0 ? key.length * 3 : 0) + (typeof value === 'string' ? value.length * 3 : 0);
      if (need > capacity || heap.buffer !== wasm.HEAPU8.buffer) reserve(need);
      heap[base + at++] = field;
      if (field === 0) text(key);
      if (member(value) === ARRAY && field === 6) {
        reserve(bound(key, value) + at);
        u32(value.length);
        for (let i = 0; i < value.length; i++) member(value[i]);
      }
    }
    return at;
  }

  /** Decodes `count` issues serialised by identity.cpp `write_issues`; `prefix` goes before every path. */
  function readIssues(count, prefix) {
    const bytes = wasm.HEAPU8;
    let p = wasm._identityOutput();
    const readU32 = () => {
      const value = (bytes[p] | (bytes[p + 1] << 8) | (bytes[p + 2] << 16) | (bytes[p + 3] << 24)) >>> 0;
      p += 4;
      return value;
    };
    const readText = () => {
      const length = readU32();
      const out = decoder.decode(bytes.subarray(p, p + length));
      p += length;
      return out;
    };
    const issues = [];
    for (let n = 0; n < count; n++) {
      const severity = severities[bytes[p]];
      const pathLength = bytes[p + 1];
      const hasSuggestion = bytes[p + 2] === 1;
      p += 3;
      const path = prefix ? prefix.slice() : [];
      for (let k = 0; k < pathLength; k++) path.push(bytes[p++] === 0 ? readText() : readU32());
      const code = readText();
      const found = { path, code, severity, message: readText() };
      if (hasSuggestion) found.suggestion = readText();
      issues.push(found);
    }
    return issues;
  }

  function validateRequest(request, options, flags) {
    checkOptions(options);
    if (isStrict(options)) flags |= FLAG_STRICT;
    const prefix = options && options.path ? options.path : null;
    let length;
    if (typeof request === 'string') {
      let parsed, invalid = false;
      try {
        parsed = JSON.parse(request);
      } catch {
        invalid = true;
      }
      length = encodeRequest(parsed, invalid);
    } else {
      length = encodeRequest(request, false);
    }
    const count = wasm._validateRequest(length, flags);
    return validationResult(request, count === 0 ? [] : readIssues(count, prefix));
  }

  /**
   * Validates a /user_identities/create body, given as a plain object or as JSON text: every field's rule,
   * acs_system_ids, unknown fields, and a warning when nothing could find the identity again.
   */
  function validateCreate(request, options) {
    return validateRequest(request, options, 0);
  }

  /** Validates a /user_identities/update body (object or JSON text): user_identity_id required, null clears a field. */
  function validateUpdate(request, options) {
    return validateRequest(request, options, FLAG_UPDATE);
  }

  /** Validates an email_address value: zod 3's email grammar that Seam applies (errors) and RFC 5321 limits (warnings). */
  function validateEmail(value, options) {
    checkOptions(options);
    if (value === null || value === undefined) return validationResult(value ?? null, []);
    const path = options && options.path ? options.path : null;
    if (typeof value !== 'string') return validationResult(value, [typeIssue(path ? path.slice() : ['email_address'], 'a string or null', value)]);
    at = 0;
    reserve(value.length * 3);
    const packed = wasm._checkEmail(raw(value), isStrict(options));
    const count = packed & 7;
    if (count === 0) return validationResult(value, []);
    const issues = [];
    for (let i = 0; i < count; i++) {
      const finding = packed >>> (3 + 7 * i);
      const [code, message] = emailCatalog[finding & 31];
      const found = { path: path ? path.slice() : ['email_address'], code, severity: severities[(finding >>> 5) & 3], message };
      if (code === 'email_formatted') found.suggestion = readSuggestion();
      issues.push(found);
    }
    return validationResult(value, issues);
  }

  /** The suggestion check_email_packed wrote (u32 length, bytes). */
  function readSuggestion() {
    const bytes = wasm.HEAPU8;
    const p = wasm._identityOutput();
    const length = (bytes[p] | (bytes[p + 1] << 8) | (bytes[p + 2] << 16) | (bytes[p + 3] << 24)) >>> 0;
    return decoder.decode(bytes.subarray(p + 4, p + 4 + length));
  }

  return { validateCreate, validateUpdate, validateEmail };
}
