// Reading a command's input file ('-' = standard input) for the CLI commands: UTF-8 text, or a one-line reason why
// not (a missing file, a directory, a binary file) that never carries Node's raw error text.
import { readFileSync } from 'node:fs';
import { escapeForTerminal } from './terminal.js';

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder('utf-8', { ignoreBOM: true });

/** Why a file could not be read, in words (no errno text, no stack). */
function readFailure(error) {
  switch (error?.code) {
    case 'ENOENT': return 'no such file';
    case 'EISDIR': return 'it is a directory, not a file';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'ENOTDIR': return 'a part of the path is not a directory';
    case 'ELOOP': return 'too many symbolic links';
    case 'ENAMETOOLONG': return 'the path is too long';
    case 'EAGAIN': return 'standard input is not ready (non-blocking)';
    default: return error?.code ? `cannot be read (${error.code})` : 'cannot be read';
  }
}

/** The first invalid UTF-8 sequence's offset in `bytes`, or -1 (one linear pass). */
function invalidUtf8At(bytes) {
  for (let i = 0; i < bytes.length;) {
    const byte = bytes[i];
    if (byte < 0x80) { i++; continue; }
    const length = byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xf0 && byte <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    const second = bytes[i + 1];
    const low = byte === 0xe0 ? 0xa0 : byte === 0xf0 ? 0x90 : 0x80;
    const high = byte === 0xed ? 0x9f : byte === 0xf4 ? 0x8f : 0xbf;
    if (second < low || second > high) return i;
    for (let k = 2; k < length; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    i += length;
  }
  return -1;
}

/**
 * The bytes of `file` ('-': standard input) as { bytes, name } (`name` says which file, escaped for a terminal), or
 * { error } when it cannot be read.
 */
function readBytes(file, what = '') {
  const name = file === '-' ? 'standard input' : `${what ? `${what} ` : ''}${escapeForTerminal(file)}`;
  let buffer;
  try {
    buffer = readFileSync(file === '-' ? 0 : file);
  } catch (error) {
    return { error: `cannot read ${name}: ${readFailure(error)}` };
  }
  return { bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length), name };
}

/**
 * `file` ('-': standard input) as { bytes, text } without checking its encoding (`text` has U+FFFD where the bytes
 * are no UTF-8), for input the core checks itself (CSV rows: it names UTF-16 or Latin-1); or { error }.
 */
export function readUnchecked(file, what = '') {
  const read = readBytes(file, what);
  return read.error !== undefined ? read : { bytes: read.bytes, text: lenient.decode(read.bytes) };
}

/**
 * The text of `file` ('-': standard input) as { text }, or { error } saying why it cannot be used: unreadable, not
 * UTF-8 (a binary file, UTF-16), or holding NUL bytes. The error names the file (after `what`, e.g. "rows file"),
 * escaped for a terminal.
 */
export function readInput(file, what = '') {
  const read = readBytes(file, what);
  if (read.error !== undefined) return read;
  const { bytes, name } = read;
  const nul = bytes.indexOf(0);
  if (nul >= 0) return { error: `${name} is not text: it holds a NUL byte at offset ${nul} (a binary file, or UTF-16: save it as UTF-8)` };
  try {
    return { text: decoder.decode(bytes) };
  } catch {
    const at = invalidUtf8At(bytes);
    return { error: `${name} is not UTF-8 text: byte 0x${bytes[at].toString(16).padStart(2, '0')} at offset ${at} is no UTF-8 (a binary file, or another encoding: save it as UTF-8)` };
  }
}

/** The file's text, or null after printing "seamid <command>: <why not>" (the caller exits 2). */
export function readInputText(command, file) {
  const { text, error } = readInput(file);
  if (error !== undefined) {
    console.error(`seamid ${command}: ${error}`);
    return null;
  }
  return text;
}

/**
 * { ok: true, value } with the JSON value of `text` read from `file`, or { ok: false } after printing why it is not
 * JSON (empty, or the parser's reason): the caller exits 2, as for a file it cannot read.
 */
export function parseInputJson(command, file, text) {
  const name = file === '-' ? 'standard input' : escapeForTerminal(file);
  if (text.trim() === '') {
    console.error(`seamid ${command}: ${name} is empty; expected JSON`);
    return { ok: false };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    console.error(`seamid ${command}: ${name} is not JSON: ${escapeForTerminal(error.message)}`);
    return { ok: false };
  }
}
