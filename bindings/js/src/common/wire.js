// Moving data across the wasm boundary without handles: strings into the input buffer, JSON text both ways.
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Shared helpers of every concept module; `wasm` is the instantiated embind module. */
export function createWire(wasm) {
  const outputAddress = wasm._outputAddress();
  let inputAddress = wasm._reserveInput(4096);
  let inputCapacity = 4096;

  /**
   * Writes `text` as UTF-8 into the module's input buffer; returns its length in bytes. Short ASCII text is
   * copied by a loop (no call overhead); longer text by TextEncoder.encodeInto, about 30x faster per byte.
   */
  function writeInput(text) {
    const length = text.length;
    if (length <= 256 && length <= inputCapacity) {
      const heap = wasm.HEAPU8;
      let i = 0;
      for (; i < length; i++) {
        const unit = text.charCodeAt(i);
        if (unit > 0x7f) break;
        heap[inputAddress + i] = unit;
      }
      if (i === length) return length;
    }
    return writeText(reserveInput, text);
  }

  /** Makes the input buffer at least `bytes` long (keeping its bytes); returns its address. */
  function reserveInput(bytes) {
    if (bytes > inputCapacity) {
      inputAddress = wasm._reserveInput(bytes);
      inputCapacity = bytes;
    }
    return inputAddress;
  }

  /**
   * Writes `text` as UTF-8 into a buffer the module owns: `reserve(bytes)` makes it at least that large, keeping
   * the bytes it holds, and returns its address. Returns the byte length. ASCII text takes one encodeInto pass
   * into a buffer of its length; other text grows the buffer once for the rest.
   */
  function writeText(reserve, text) {
    let capacity = text.length + 16;
    let address = reserve(capacity);
    let { read, written } = encoder.encodeInto(text, wasm.HEAPU8.subarray(address, address + capacity));
    if (read < text.length) {
      capacity = written + (text.length - read) * 3 + 16;
      address = reserve(capacity); // keeps the bytes already written
      written += encoder.encodeInto(text.substring(read), wasm.HEAPU8.subarray(address + written, address + capacity)).written;
    }
    return written;
  }

  /** Reads `length` bytes of UTF-8 from the module's output buffer (short ASCII by a loop: no decoder call, no copy). */
  function readOutput(length) {
    const heap = wasm.HEAPU8;
    if (length <= 64) {
      let text = '';
      let i = 0;
      for (; i < length; i++) {
        const byte = heap[outputAddress + i];
        if (byte > 0x7f) break;
        text += String.fromCharCode(byte);
      }
      if (i === length) return text;
    }
    return decoder.decode(heap.slice(outputAddress, outputAddress + length));
  }

  return { writeInput, writeText, readOutput };
}

/** An `invalid_input` error at the top level. */
export function inputIssue(message) {
  return { path: [], code: 'invalid_input', severity: 'error', message };
}

/** An `invalid_type` error, worded like the core's: "Expected <expected>, received <type>." */
export function typeIssue(path, expected, value) {
  const got = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  return { path, code: 'invalid_type', severity: 'error', message: `Expected ${expected}, received ${got}.` };
}

/** Checks the options argument shared by every validator; throws TypeError on a programming error. */
export function checkOptions(options) {
  if (options === undefined || options === null) return;
  if (typeof options !== 'object') throw new TypeError('seamid: options must be an object');
  if (options.profile !== undefined && options.profile !== 'default' && options.profile !== 'strict')
    throw new TypeError('seamid: options.profile must be "default" or "strict"');
  if (options.path !== undefined && !Array.isArray(options.path))
    throw new TypeError('seamid: options.path must be an array of strings and numbers');
}

/**
 * The module's number for options.defaultCountry (0: none given), asked of the core once per country code
 * (`seamid_phone_region`, a plain export of the validation and workspace modules). A code the core does not know
 * is a TypeError, like every other bad option.
 */
export function countryOption(wasm, wire) {
  const known = new Map(); // only codes the core knows: at most one entry per region
  return (options) => {
    const country = options === undefined || options === null ? undefined : options.defaultCountry;
    if (country === undefined || country === null) return 0;
    let number = known.get(country);
    if (number === undefined) {
      number = typeof country === 'string' ? wasm._seamid_phone_region(wire.writeInput(country)) : 0;
      if (number === 0)
        throw new TypeError(`seamid: options.defaultCountry must be an ISO 3166-1 alpha-2 country code seamid knows, like "US" (got ${typeof country === 'string' ? JSON.stringify(country) : typeof country})`);
      known.set(country, number);
    }
    return number;
  };
}

/** True when the options ask for the strict profile. */
export const isStrict = (options) => options !== undefined && options !== null && options.profile === 'strict';

/** { ok, value, issues } with ok = no error among the issues. */
export const validationResult = (value, issues) => ({
  ok: !issues.some((found) => found.severity === 'error'),
  value,
  issues,
});
