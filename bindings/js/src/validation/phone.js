// validatePhone: decodes the core's packed, allocation-free phone verdict into plain issue objects.
import { checkOptions, isStrict, typeIssue, validationResult } from '../common/wire.js';

const severities = ['info', 'warning', 'error'];

/** The phone part of the API. */
export function phoneApi(wasm, wire) {
  const catalog = wasm._phoneCatalog(); // [name, message] by numeric code
  const fieldPath = (options) => (options && options.path ? options.path.slice() : ['phone_number']);

  /** Validates a phone_number value: Seam's E.164 rule (errors) and numbering-plan plausibility (warnings). */
  function validatePhone(value, options) {
    checkOptions(options);
    if (value === null || value === undefined) return validationResult(value ?? null, []);
    if (typeof value !== 'string') return validationResult(value, [typeIssue(fieldPath(options), 'a string or null', value)]);
    const packed = wasm._checkPhone(wire.writeInput(value), isStrict(options));
    const count = packed & 3;
    if (count === 0) return validationResult(value, []);
    const issues = [];
    const suggestionLength = (packed >>> 16) & 31;
    for (let i = 0; i < count; i++) {
      const [code, message] = catalog[(packed >>> (2 + 6 * i)) & 15];
      const found = { path: fieldPath(options), code, severity: severities[(packed >>> (6 + 6 * i)) & 3], message };
      if (suggestionLength > 0 && (packed >>> (14 + i)) & 1)
        found.suggestion = wire.readOutput(suggestionLength);
      issues.push(found);
    }
    return validationResult(value, issues);
  }

  return { validatePhone, phoneMetadata: wasm._phoneMetadata() };
}
