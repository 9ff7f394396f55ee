// The idiomatic JS API over the raw embind module: plain objects in, plain objects out, no handles.
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Builds the public API around an instantiated seamid wasm module. */
export function createApi(wasm) {
  const phoneCatalog = wasm._phoneCatalog();
  const outputAddress = wasm._outputAddress();
  let inputAddress = wasm._reserveInput(4096);
  let inputCapacity = 4096;

  // Writes `text` as UTF-8 into the module's input buffer and returns its length in bytes.
  function writeInput(text) {
    const length = text.length;
    if (length <= inputCapacity) {
      const heap = wasm.HEAPU8;
      let i = 0;
      for (; i < length; i++) {
        const unit = text.charCodeAt(i);
        if (unit > 0x7f) break;
        heap[inputAddress + i] = unit;
      }
      if (i === length) return length;
    }
    const worstCase = length * 3;
    if (worstCase > inputCapacity) {
      inputAddress = wasm._reserveInput(worstCase);
      inputCapacity = worstCase;
    }
    return encoder.encodeInto(text, wasm.HEAPU8.subarray(inputAddress, inputAddress + worstCase)).written;
  }

  const severities = ['info', 'warning', 'error'];
  const isStrict = (options) => options !== undefined && options !== null && options.profile === 'strict';
  const fieldPath = (options, field) =>
    options && Array.isArray(options.path) ? options.path.slice() : [field];

  function checkOptions(options) {
    if (options === undefined || options === null) return;
    if (typeof options !== 'object') throw new TypeError('seamid: options must be an object');
    if (options.profile !== undefined && options.profile !== 'default' && options.profile !== 'strict')
      throw new TypeError('seamid: options.profile must be "default" or "strict"');
  }

  function typeIssue(path, expected, value) {
    const got = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
    return {
      path,
      code: 'invalid_type',
      severity: 'error',
      message: `Expected ${expected}, received ${got}.`,
    };
  }

  const result = (value, issues) => ({
    ok: !issues.some((found) => found.severity === 'error'),
    value,
    issues,
  });

  /** Validates a phone_number value: Seam's E.164 rule (errors) and numbering-plan plausibility (warnings). */
  function validatePhone(value, options) {
    checkOptions(options);
    if (value === null || value === undefined) return result(value ?? null, []);
    if (typeof value !== 'string') return result(value, [typeIssue(fieldPath(options, 'phone_number'), 'a string or null', value)]);
    const packed = wasm._checkPhone(writeInput(value), isStrict(options));
    const count = packed & 3;
    if (count === 0) return result(value, []);
    const issues = [];
    const suggestionLength = (packed >>> 16) & 31;
    for (let i = 0; i < count; i++) {
      const code = (packed >>> (2 + 6 * i)) & 15;
      const entry = phoneCatalog[code];
      const found = {
        path: fieldPath(options, 'phone_number'),
        code: entry[0],
        severity: severities[(packed >>> (6 + 6 * i)) & 3],
        message: entry[1],
      };
      if (suggestionLength > 0 && (entry[0] === 'phone_formatted' || entry[0] === 'phone_untrimmed'))
        found.suggestion = decoder.decode(wasm.HEAPU8.slice(outputAddress, outputAddress + suggestionLength));
      issues.push(found);
    }
    return result(value, issues);
  }

  return {
    validatePhone,
    version: wasm._version(),
    phoneMetadata: wasm._phoneMetadata(),
  };
}
