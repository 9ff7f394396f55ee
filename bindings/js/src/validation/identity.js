// validateCreate / validateUpdate / validateEmail: the JS side only moves data. A request object is written
// member by member into the module's input buffer (request-encoding.js: no JSON.stringify, no JSON parser in
// wasm; JSON text goes through JSON.parse first, as Seam's server does); the core (seamid/validation/identity_request.hpp) applies every rule
// and, only when it finds something, serialises the issues for `readIssues` to decode. An email comes back
// as a packed verdict decoded with the core's catalog, like phone.js. A valid request costs one wasm call.
import { requestEncoder } from '../common/request-encoding.js';
import { checkOptions, isStrict, typeIssue, validationResult } from '../common/wire.js';

const decoder = new TextDecoder();
const severities = ['info', 'warning', 'error'];
const FLAG_STRICT = 1, FLAG_UPDATE = 2;

/** The identity part of the API. */
export function identityApi(wasm) {
  // The request encoding (request-encoding.js) goes into identity.cpp's input buffer.
  const input = requestEncoder(wasm, (bytes) => wasm._identityInput(bytes), 4096);
  const emailCatalog = wasm._emailCatalog(); // [name, message] by numeric email code

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
    if (typeof request === 'string') {
      let parsed, invalid = false;
      try {
        parsed = JSON.parse(request);
      } catch {
        invalid = true;
      }
      input.start();
      input.request(parsed, invalid);
    } else {
      input.start();
      input.request(request);
    }
    const count = wasm._validateRequest(input.length, flags);
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
    input.start(value.length * 3);
    const packed = wasm._checkEmail(input.raw(value), isStrict(options));
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
