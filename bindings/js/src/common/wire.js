// Moving data across the wasm boundary without handles: strings into the input buffer, JSON text both ways. Callers
// check a text against the module's limits (limits.js, `wire.limits`) before writing it; a buffer the module refuses
// anyway is a RangeError, never a write past it.
import { readLimits, utf8Length } from './limits.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Shared helpers of every concept module; `wasm` is the instantiated embind module. */
export function createWire(wasm) {
  const limits = readLimits(wasm);
  const outputAddress = wasm._outputAddress();
  let inputAddress = wasm._reserveInput(4096);
  let inputCapacity = 4096;

  /** The address `reserve(bytes)` answers, or a RangeError when the module refused the buffer. */
  function reserved(reserve, bytes) {
    const address = reserve(bytes);
    if (address === 0) throw new RangeError(`seamid: the module refused a buffer of ${bytes} bytes (see input_too_large)`);
    return address;
  }

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
      inputAddress = reserved(wasm._reserveInput, bytes);
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
    let address = reserved(reserve, capacity);
    let { read, written } = encoder.encodeInto(text, wasm.HEAPU8.subarray(address, address + capacity));
    if (read < text.length) {
      const rest = text.substring(read);
      capacity = written + rest.length * 3 + 16;
      if (capacity > limits.text) capacity = written + utf8Length(rest) + 16; // near the limit: exactly what it needs
      address = reserved(reserve, capacity); // keeps the bytes already written
      const more = encoder.encodeInto(rest, wasm.HEAPU8.subarray(address + written, address + capacity));
      if (more.read !== rest.length) throw new RangeError('seamid: a text outgrew its reserved buffer');
      written += more.written;
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

  return { writeInput, writeText, readOutput, limits };
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

const NO_OPTIONS = Object.freeze({ strict: false, path: null, defaultCountry: undefined });

/**
 * The module's number for options.defaultCountry (0: none given), asked of the core once per country code
 * (`seamid_phone_region`, a plain export of the validation and workspace modules). A code the core does not know
 * is a TypeError, like every other bad option. `options` is what checkOptions answered (read once).
 */
export function countryOption(wasm, wire) {
  const known = new Map(); // only codes the core knows: at most one entry per region
  return (options) => {
    const country = options.defaultCountry;
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

/**
 * Checks the options argument shared by every validator (a programming error throws TypeError) and answers it read
 * once: { strict, path, defaultCountry } (`path`, a copy of options.path, or null).
 */
export function checkOptions(options) {
  if (options === undefined || options === null) return NO_OPTIONS;
  if (typeof options !== 'object') throw new TypeError('seamid: options must be an object');
  const profile = options.profile;
  const path = options.path;
  const defaultCountry = options.defaultCountry;
  if (profile !== undefined && profile !== 'default' && profile !== 'strict')
    throw new TypeError('seamid: options.profile must be "default" or "strict"');
  if (path !== undefined && !Array.isArray(path))
    throw new TypeError('seamid: options.path must be an array of strings and numbers');
  return { strict: profile === 'strict', path: path === undefined ? null : path.slice(), defaultCountry };
}

/** { ok, value, issues } with ok = no error among the issues. */
export const validationResult = (value, issues) => ({
  ok: !issues.some((found) => found.severity === 'error'),
  value,
  issues,
});
