// validateCreate / validateUpdate / validateEmail: the JS side only moves data. A request object is written
// member by member into the module's input buffer (no JSON.stringify, no parse in wasm), JSON text is written
// as it is; the core (seamid/identity_request.hpp) applies every rule and, only when it finds something,
// serialises the issues for `readIssues` to decode. A valid request costs one wasm call and no allocation.
import { checkOptions, isStrict, typeIssue, validationResult } from './wire.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const severities = ['info', 'warning', 'error'];

// Member kinds of the encoding (seamid::value_kind): 0 = absent (undefined, functions, symbols: JSON drops them).
const ABSENT = 0, NULL = 1, STRING = 2, NUMBER = 3, BOOLEAN = 4, OBJECT = 5, ARRAY = 6;
const FLAG_STRICT = 1, FLAG_UPDATE = 2, FLAG_TEXT = 4;

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

  /** Makes room for `more` bytes after `at` (the buffer keeps its content when it grows). */
  function ensure(more) {
    if (at + more > capacity) {
      capacity = Math.max(capacity * 2, at + more);
      base = wasm._identityInput(capacity);
    }
    if (heap.buffer !== wasm.HEAPU8.buffer || heap.length === 0) heap = wasm.HEAPU8;
  }
  function u8(value) {
    ensure(1);
    heap[base + at++] = value;
  }
  function u32(value) {
    ensure(4);
    heap[base + at] = value & 255;
    heap[base + at + 1] = (value >>> 8) & 255;
    heap[base + at + 2] = (value >>> 16) & 255;
    heap[base + at + 3] = (value >>> 24) & 255;
    at += 4;
  }
  /** Writes `value` as UTF-8 at `at` (lone surrogates become U+FFFD, as in every UTF-8 encoder); returns its byte length. */
  function raw(value) {
    const length = value.length;
    ensure(length * 3);
    const start = base + at;
    let i = 0;
    for (; i < length; i++) {
      const unit = value.charCodeAt(i);
      if (unit > 0x7f) break;
      heap[start + i] = unit;
    }
    const written = i === length ? length : encoder.encodeInto(value, heap.subarray(start, start + length * 3)).written;
    at += written;
    return written;
  }
  /** A length-prefixed UTF-8 string. */
  function text(value) {
    const prefixAt = at;
    u32(0);
    const written = raw(value);
    const p = base + prefixAt;
    heap[p] = written & 255;
    heap[p + 1] = (written >>> 8) & 255;
    heap[p + 2] = (written >>> 16) & 255;
    heap[p + 3] = (written >>> 24) & 255;
  }
  function member(value) {
    const kind = kindOf(value);
    u8(kind);
    if (kind === STRING) text(value);
    return kind;
  }

  /** Writes a request object; returns the encoding's length in bytes. */
  function encodeRequest(request) {
    at = 0;
    const top = kindOf(request);
    u8(top === ABSENT ? NULL : top);
    if (top !== OBJECT) return at;
    for (const key of Object.keys(request)) {
      const field = fieldNumber(key);
      u8(field);
      if (field === 0) text(key);
      const value = request[key];
      if (member(value) === ARRAY && field === 6) {
        u32(value.length);
        for (let i = 0; i < value.length; i++) member(value[i]);
      }
    }
    return at;
  }

  /** Writes plain text (an email, JSON text); returns its length in bytes. */
  function encodeText(value) {
    at = 0;
    return raw(value);
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
      length = encodeText(request);
      flags |= FLAG_TEXT;
    } else {
      length = encodeRequest(request);
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
    const count = wasm._validateEmail(encodeText(value), isStrict(options));
    if (count === 0) return validationResult(value, []);
    const issues = readIssues(count, null);
    if (path) for (const found of issues) found.path = path.slice();
    return validationResult(value, issues);
  }

  return { validateCreate, validateUpdate, validateEmail };
}
