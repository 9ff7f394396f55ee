// validatePhone: decodes the core's packed, allocation-free phone verdict into plain issue objects.
import { textTooLarge } from '../common/limits.js';
import { checkOptions, countryOption, typeIssue, validationResult } from '../common/wire.js';

const severities = ['info', 'warning', 'error'];

/** The phone part of the API. */
export function phoneApi(wasm, wire) {
  const catalog = wasm._phoneCatalog(); // [name, message] by numeric code
  const codes = catalog.map((entry) => entry && entry[0]);
  const messages = catalog.map((entry) => entry && entry[1]);
  const countryOf = countryOption(wasm, wire);
  const fieldPath = (options) => (options.path ? options.path.slice() : ['phone_number']);

  /**
   * Validates a phone_number value: Seam's E.164 rule (errors) and numbering-plan plausibility (warnings); with
   * options.defaultCountry, a number without '+' gets its E.164 reading in that country as suggestion.
   */
  function validatePhone(value, options) {
    options = checkOptions(options); // read once
    const country = countryOf(options);
    if (typeof value !== 'string') {
      if (value === null || value === undefined) return validationResult(value ?? null, []);
      return validationResult(value, [typeIssue(fieldPath(options), 'a string or null', value)]);
    }
    if (value.length > 256) {
      const tooLarge = textTooLarge(value, wire.limits.field, fieldPath(options), 'The phone number');
      if (tooLarge) return validationResult(value, [tooLarge]);
    }
    // A plain wasm export (bindings/wasm/phone.cpp): no embind invoker on the way.
    const packed = wasm._seamid_check_phone(wire.writeInput(value), (options.strict ? 1 : 0) | country << 8);
    if ((packed & 3) === 0) return { ok: true, value, issues: [] };
    return phoneResult(value, packed, options);
  }

  /** The result of a phone check_phone_packed found something in. */
  function phoneResult(value, packed, options) {
    const count = packed & 3;
    const issues = [];
    let ok = true;
    const suggestionLength = (packed >>> 16) & 31;
    for (let i = 0; i < count; i++) {
      const code = (packed >>> (2 + 6 * i)) & 15;
      const severity = severities[(packed >>> (6 + 6 * i)) & 3];
      if (severity === 'error') ok = false;
      const found = { path: fieldPath(options), code: codes[code], severity, message: messages[code] };
      if (suggestionLength > 0 && (packed >>> (14 + i)) & 1)
        found.suggestion = wire.readOutput(suggestionLength);
      issues.push(found);
    }
    return { ok, value, issues };
  }

  return { validatePhone, phoneMetadata: wasm._phoneMetadata() };
}
