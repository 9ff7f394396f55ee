// validateCreate / validateUpdate / validateEmail: the JS side only moves data. A request object is written
// member by member into the module's input buffer (request-encoding.js: no JSON.stringify, no JSON parser in
// wasm; JSON text goes through JSON.parse first, as Seam's server does); the core (seamid/validation/identity_request.hpp) applies every rule
// and, only when it finds something, serialises the issues for `readIssues` to decode. An email comes back
// as a packed verdict decoded with the core's catalog, like phone.js. A valid value or request costs one call of
// a plain wasm export (no embind invoker) and one result object.
import { readLimits, textTooLarge, utf8Room } from '../common/limits.js';
import { requestEncoder } from '../common/request-encoding.js';
import { checkOptions, countryOption, typeIssue, validationResult } from '../common/wire.js';

const decoder = new TextDecoder();
const severities = ['info', 'warning', 'error'];
const FLAG_STRICT = 1, FLAG_UPDATE = 2;

/** `options.path` before every issue's path (a copy each), when there is one. */
function withPrefix(issues, prefix) {
  if (prefix) for (const found of issues) found.path = prefix.concat(found.path);
  return issues;
}

const fieldPath = (options) => (options.path ? options.path.slice() : ['email_address']);

/** The identity part of the API. */
export function identityApi(wasm, wire) {
  const countryOf = countryOption(wasm, wire);
  // The request encoding (request-encoding.js) goes into identity.cpp's input buffer.
  const limits = readLimits(wasm);
  const input = requestEncoder(wasm, (bytes) => wasm._identityInput(bytes), 4096, { ...limits, buffer: limits.field });
  const emailCatalog = wasm._emailCatalog(); // [name, message] by numeric email code
  const emailCodes = emailCatalog.map((entry) => entry && entry[0]);
  const emailMessages = emailCatalog.map((entry) => entry && entry[1]);
  const EMAIL_FORMATTED = emailCodes.indexOf('email_formatted');
  // The raw wasm export: Emscripten's Module property is a forwarding stub until its first call, and the Module
  // object is in dictionary mode, so a per-call property read costs as much as the check of a short address.
  wasm._seamid_check_email(0, 0);
  wasm._seamid_identity_output();
  const checkEmail = wasm._seamid_check_email;
  const identityOutput = wasm._seamid_identity_output;

  /** Decodes `count` issues serialised by identity.cpp `write_issues`; `prefix` goes before every path. */
  function readIssues(count, prefix) {
    const bytes = wasm.HEAPU8;
    let p = identityOutput();
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
    options = checkOptions(options); // read once
    if (options.strict) flags |= FLAG_STRICT;
    flags |= countryOf(options) << 8; // the default country for phone numbers without '+'
    const prefix = options.path;
    let snapshot;
    if (typeof request === 'string') {
      const tooLarge = textTooLarge(request, limits.field, [], 'The request text');
      if (tooLarge) return validationResult(request, withPrefix([tooLarge], prefix));
      let parsed, invalid = false;
      try {
        parsed = JSON.parse(request);
      } catch {
        invalid = true;
      }
      snapshot = input.snapshot(parsed, invalid);
    } else {
      snapshot = input.snapshot(request); // every member read once, before anything is written (getters may call seamid)
    }
    const bytes = input.room(snapshot);
    if (bytes < 0) return validationResult(request, withPrefix([input.tooLarge(snapshot)], prefix));
    input.request(snapshot, bytes);
    const count = wasm._seamid_validate_request(input.length, flags);
    if (count === 0) return { ok: true, value: request, issues: [] };
    return validationResult(request, readIssues(count, prefix));
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
    options = checkOptions(options); // read once
    if (typeof value !== 'string') {
      if (value === null || value === undefined) return validationResult(value ?? null, []);
      return validationResult(value, [typeIssue(fieldPath(options), 'a string or null', value)]);
    }
    // A short ASCII address (nearly every one) is copied by one loop; anything else goes through the UTF-8 writer,
    // within the module's limit (checked before anything is copied).
    let length = input.ascii(value);
    const ascii = length >= 0;
    if (!ascii) {
      const room = utf8Room(value, limits.field);
      if (room < 0) return validationResult(value, [textTooLarge(value, limits.field, fieldPath(options), 'The email address')]);
      input.start(room);
      length = input.raw(value);
    }
    const packed = checkEmail(length, options.strict ? 1 : 0);
    if (packed === 0) return { ok: true, value, issues: [] };
    return emailResult(value, packed, ascii, options);
  }

  /** The result of an email check_email_packed found something in (`ascii`: the input bytes are the string's units). */
  function emailResult(value, packed, ascii, options) {
    const path = options.path;
    const count = packed & 7;
    const issues = [];
    let ok = true;
    for (let i = 0; i < count; i++) {
      const finding = packed >>> (3 + 7 * i);
      const code = finding & 31;
      const severity = severities[(finding >>> 5) & 3];
      if (severity === 'error') ok = false;
      const found = { path: path ? path.slice() : ['email_address'], code: emailCodes[code], severity, message: emailMessages[code] };
      if (code === EMAIL_FORMATTED) found.suggestion = readSuggestion(value, ascii);
      issues.push(found);
    }
    return { ok, value, issues };
  }

  /**
   * The suggestion check_email_packed located (u32 byte offset, u32 byte length within the input): a substring
   * of `value` when the input was ASCII, else decoded from the input bytes, which are still in the buffer.
   */
  function readSuggestion(value, ascii) {
    const bytes = wasm.HEAPU8;
    const p = identityOutput();
    const u32 = (at) => (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
    const offset = u32(p), length = u32(p + 4);
    if (ascii) return value.substring(offset, offset + length);
    const start = wasm._identityInput(0) + offset;
    return decoder.decode(bytes.subarray(start, start + length));
  }

  return { validateCreate, validateUpdate, validateEmail };
}
