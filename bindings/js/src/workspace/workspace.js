// createWorkspace: a workspace index (uniqueness of key, email and phone; docs/workspace.md) kept inside the wasm
// module behind an integer handle that never leaves this file; the workspace follows the handle contract of
// common/handle.js ({ ok, issues } of the snapshot, dispose(), Symbol.dispose, a FinalizationRegistry).
// validateBatch streams rows through the core in time-boxed chunks and yields to the event loop between them;
// row objects cross in the request encoding of request-encoding.js (no JSON text, no JSON parser per row).
import { HandleOwner, withHandleContract } from '../common/handle.js';
import { textTooLarge, tooLargeIssue } from '../common/limits.js';
import { requestEncoder } from '../common/request-encoding.js';
import { checkOptions, countryOption, inputIssue, typeIssue } from '../common/wire.js';

/** Appends `items` to `target` one by one: a spread into push() passes every item as an argument, and a chunk of
 * a few hundred thousand rows overflows the call stack (RangeError). */
function append(target, items) {
  for (const item of items) target.push(item);
}

const decoder = new TextDecoder();
const fields = ['user_identity_id', 'user_identity_key', 'email_address', 'phone_number'];
const isPlainObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Only what the index reads, so a snapshot of full Seam objects crosses the boundary small. */
function projectIdentity(item) {
  if (!isPlainObject(item)) return item;
  const out = {};
  for (const field of fields) if (field in item) out[field] = item[field];
  return out;
}

/**
 * The identities of an array (each element read once: a getter or a Proxy sees one read), or the issue that refuses
 * it: more than `maxItems` elements (input_too_large), or holes (a sparse array: JSON has no holes, and a million
 * of them are a million null entries to report). `project(element, index)` maps each element.
 */
function projectArray(array, project, maxItems, path) {
  const length = array.length;
  if (!(length <= maxItems)) return { issue: tooLargeIssue(path, 'The array', length, maxItems, 'items') };
  const out = new Array(length);
  let holes = 0, first = -1;
  for (let i = 0; i < length; i++) {
    if (!(i in array)) {
      if (holes++ === 0) first = i;
      continue;
    }
    out[i] = project(array[i], i);
  }
  if (holes > 0) return { issue: inputIssueAt(path, `The array has holes (a sparse array): ${holes} of its ${length} entries are missing, the first at index ${first}.`) };
  return { value: out };
}
const inputIssueAt = (path, message) => ({ ...inputIssue(message), path });

/** The list document (a page, an array of identities or of pages), projected, each value read once; or its issue. */
function projectDocument(document, maxItems) {
  if (isPlainObject(document)) {
    const list = document.user_identities;
    if (!Array.isArray(list)) return { value: document };
    const page = projectArray(list, projectIdentity, maxItems, ['user_identities']);
    return page.issue ? page : { value: { user_identities: page.value } };
  }
  if (!Array.isArray(document)) return { value: document };
  let failed = null;
  const projected = projectArray(document, (item, index) => {
    if (failed || !isPlainObject(item)) return item;
    const list = item.user_identities;
    if (!Array.isArray(list)) return projectIdentity(item);
    const page = projectArray(list, projectIdentity, maxItems, [index, 'user_identities']);
    if (page.issue) failed = page;
    return page.issue ? null : { user_identities: page.value };
  }, maxItems, []);
  return failed ?? projected;
}

/** A JSON.stringify replacer: BigInts become numbers (the core reports them as numbers, not strings). */
const bigIntsAsNumbers = (key, item) => (typeof item === 'bigint' ? Number(item) : item);
/** JSON.stringify writes a lone surrogate as a \uD800-\uDFFF escape (its paired surrogates it writes as they are):
 *  each becomes \ufffd, as TextEncoder would write it (the escape itself is no valid JSON text for the core). */
const loneSurrogateEscape = /(?<!\\)((?:\\\\)*)\\u[dD][89a-fA-F][0-9a-fA-F]{2}/g;

/** JSON text of plain data, read once by one JSON.stringify (`bigInts`: with the replacer from the start, for values
 *  that may hold one; else a value with a BigInt is read again with it); cycles throw. */
function toJson(value, bigInts = false) {
  let text;
  if (bigInts) text = JSON.stringify(value, bigIntsAsNumbers);
  else {
    try {
      text = JSON.stringify(value);
    } catch (error) {
      if (!(error instanceof TypeError) || !/BigInt/i.test(error.message)) throw error;
      text = JSON.stringify(value, bigIntsAsNumbers);
    }
  }
  if (text !== undefined && text.includes('\\u')) text = text.replace(loneSurrogateEscape, '$1\\ufffd');
  return text;
}

/** Why a row could not be sent to Seam as JSON (a cycle, say), or null: only the member values that are objects or
 * arrays (in the row's snapshot, see request-encoding.js) need JSON.stringify; the encoding sends their kind only. */
function serialisationProblem(snapshot) {
  if (snapshot.objects === null) return null;
  try {
    for (const value of snapshot.objects) toJson(value);
    return null;
  } catch (error) {
    return error.message;
  }
}

/** Lets the event loop run (timers, input, rendering) without the 4 ms clamp of nested setTimeout. */
function yieldToEventLoop() {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { channel.port1.close(); resolve(); };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

const createFields = ['user_identity_key', 'email_address', 'phone_number', 'full_name', 'acs_system_ids'];

/** The columns option as JSON text for the core ('null' when absent); a value of the wrong JS type is a TypeError. */
function columnsOption(columns) {
  if (columns === undefined || columns === null) return 'null';
  if (columns === 'auto') return '"auto"';
  const names = (value) => typeof value === 'string' || (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string'));
  if (!isPlainObject(columns) || !Object.values(columns).every(names))
    throw new TypeError('seamid: options.columns must be "auto" or an object mapping create fields to a column name (or, for full_name, a list of names)');
  return JSON.stringify(columns);
}

/** Row objects renamed by a mapping ({field: [key, ...]}): each field takes its key's value; several keys (full_name)
 * join their non-empty string values with one space, as the core joins CSV columns. Other keys are dropped. */
function mapRows(rows, mapping) {
  const entries = Object.entries(mapping);
  return rows.map((row) => {
    if (!isPlainObject(row)) return row;
    const out = {};
    for (const [field, keys] of entries) {
      if (keys.length === 1) {
        if (Object.hasOwn(row, keys[0])) out[field] = row[keys[0]];
        continue;
      }
      const parts = keys.filter((key) => Object.hasOwn(row, key) && row[key] !== null && row[key] !== '').map((key) => row[key]);
      if (parts.length === 0) continue;
      out[field] = parts.every((part) => typeof part === 'string') ? parts.join(' ') : parts.find((part) => typeof part !== 'string');
    }
    return out;
  });
}

/** A row's mapped values from a step answer's [key, email, phone, name, acs] (null: unreadable row). */
function valuesObject(cells) {
  if (cells === null) return null;
  const out = {};
  cells.forEach((cell, f) => {
    if (cell !== null) out[createFields[f]] = cell;
  });
  return out;
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** The workspace part of the API. */
export function workspaceApi(wasm, wire) {
  const countryOf = countryOption(wasm, wire);
  const limits = wire.limits;
  /** The text a batch step left in the module's output buffer (`length` bytes of UTF-8 JSON at _batchOutput()). */
  function stepOutput(length) {
    const address = wasm._batchOutput();
    return decoder.decode(wasm.HEAPU8.subarray(address, address + length));
  }

  const free = (handle) => wasm._workspaceFree(handle);
  // Batch handle -> its workspace while the batch is in flight: held here so that the FinalizationRegistry cannot free
  // an index under a batch whose caller dropped the workspace (createWorkspace(list).validateBatch(rows)).
  const busy = new Map();

  /**
   * Builds a workspace index from what /user_identities/list returned: a page ({user_identities: [...]}),
   * an array of identities, an array of pages, or the JSON text of any of these.
   */
  function createWorkspace(identities) {
    let text = null;
    let refused = null;
    if (typeof identities === 'string') text = identities;
    else {
      const projected = projectDocument(identities, limits.items);
      if (projected.issue) refused = projected.issue;
      else {
        try {
          text = toJson(projected.value) ?? 'null';
        } catch (error) {
          refused = inputIssue(`The identities cannot be serialised as JSON: ${error.message}`);
        }
      }
    }
    if (text !== null) refused = textTooLarge(text, limits.text, [], 'The identities\' JSON text');
    refused ??= HandleOwner.refusal(free, 'Workspace'); // too many live: nothing is made
    const handle = refused?.code === 'too_many_handles' ? 0 : wasm._workspaceNew();
    let loadIssues;
    if (refused) loadIssues = [refused];
    else {
      const length = wire.writeText(wasm._bulkReserve, text);
      loadIssues = JSON.parse(wasm._workspaceLoad(handle, length)).issues;
    }
    return makeWorkspace(handle, loadIssues);
  }

  function makeWorkspace(handle, loadIssues) {
    const owner = new HandleOwner(handle, free, 'workspace');
    const alive = () => owner.get();
    const plain = (value, name) => {
      if (!isPlainObject(value)) return { issues: [typeIssue([], name, value)] };
      return null;
    };
    const changeResult = (text) => {
      const { issues } = JSON.parse(text);
      return { ok: !issues.some((found) => found.severity === 'error'), issues };
    };
    const call = (binding, value, ...rest) => {
      let text;
      try {
        text = toJson(value, true); // the caller's object: one pass, whatever it holds
      } catch (error) {
        return JSON.stringify({ issues: [inputIssue(`Input cannot be serialised as JSON: ${error.message}`)], conflicts: [] });
      }
      const tooLarge = textTooLarge(text, limits.field, [], 'The request');
      if (tooLarge) return JSON.stringify({ issues: [tooLarge], conflicts: [] });
      return wasm[binding](handle, text, ...rest);
    };
    const check = (binding, request, options) => {
      alive();
      const { strict } = checkOptions(options);
      const wrong = plain(request, 'a request object');
      if (wrong) return { ok: false, issues: wrong.issues, conflicts: [] };
      const result = JSON.parse(call(binding, request, strict));
      return { ok: !result.issues.some((found) => found.severity === 'error'), issues: result.issues, conflicts: result.conflicts ?? [] };
    };

    const workspace = {
      /** Number of identities in the index. */
      get size() {
        alive();
        return wasm._workspaceSize(handle);
      },
      /** Uniqueness of a /user_identities/create request against the workspace. */
      checkCreate: (request, options) => check('_workspaceCheckCreate', request, options),
      /** Uniqueness of a /user_identities/update request (against every identity but itself; null frees a value). */
      checkUpdate: (request, options) => check('_workspaceCheckUpdate', request, options),
      /** Adds an identity (as Seam returned it). */
      add(identity) {
        alive();
        const wrong = plain(identity, 'a user identity object');
        return wrong ? { ok: false, issues: wrong.issues } : changeResult(call('_workspaceAdd', identity));
      },
      /** Applies an update ({user_identity_id, ...fields}; null clears a field). */
      update(changes) {
        alive();
        const wrong = plain(changes, 'an object with user_identity_id');
        return wrong ? { ok: false, issues: wrong.issues } : changeResult(call('_workspaceUpdate', changes));
      },
      /** Removes the identity with this id. */
      remove(userIdentityId) {
        alive();
        if (typeof userIdentityId !== 'string') return { ok: false, issues: [typeIssue([], 'a user_identity_id string', userIdentityId)] };
        const tooLarge = textTooLarge(userIdentityId, limits.field, [], 'The user_identity_id');
        if (tooLarge) return { ok: false, issues: [tooLarge] };
        return changeResult(wasm._workspaceRemove(handle, userIdentityId));
      },
      /** The ids of the identities holding `value` in `field` (exact; phones after Seam's trimming). */
      find(field, value) {
        alive();
        const index = fields.indexOf(field);
        if (index < 0) throw new TypeError(`seamid: field must be one of ${fields.join(', ')}`);
        if (typeof value !== 'string' || textTooLarge(value, limits.field)) return []; // no identity holds such a value
        return JSON.parse(wasm._workspaceFind(handle, index, value));
      },
      /** The duplicates already in the snapshot. */
      audit(options) {
        alive();
        return JSON.parse(wasm._workspaceAudit(handle, checkOptions(options).strict));
      },
      validateBatch: (rows, options) => validateBatch(rows, options),
    };

    /** Validates rows (an array of create requests, or CSV / JSON text) against the workspace and each other. */
    async function validateBatch(rows, options = {}) {
      alive();
      if (options === null || typeof options !== 'object') throw new TypeError('seamid: options must be an object');
      const { profile, onProgress, format, sliceMs: slice, defaultCountry, columns: columnsValue, values } = options; // each read once
      const checked = checkOptions({ profile, defaultCountry });
      const strict = checked.strict;
      const country = countryOf(checked); // a TypeError before any work for a country the core does not know
      if (onProgress !== undefined && typeof onProgress !== 'function') throw new TypeError('seamid: options.onProgress must be a function');
      if (format !== undefined && format !== 'csv' && format !== 'json') throw new TypeError('seamid: options.format must be "csv" or "json"');
      const columns = columnsOption(columnsValue);
      if (values !== undefined && typeof values !== 'boolean') throw new TypeError('seamid: options.values must be a boolean');
      const sliceMs = slice ?? 25;
      if (typeof sliceMs !== 'number' || !(sliceMs > 0)) throw new TypeError('seamid: options.sliceMs must be a positive number');

      const result = { ok: false, usable: true, total: 0, summary: null, columns: undefined, mapping: undefined, issues: [], rows: [], values: [] };
      const batch = wasm._batchNew(handle, strict, country);
      busy.set(batch, workspace);
      let step = 1000;
      // Runs `work(step)` repeatedly, adapting the step so each slice takes about sliceMs, yielding in between.
      const slices = async (work) => {
        for (;;) {
          const started = now();
          const finished = work(step);
          const elapsed = now() - started;
          if (elapsed < sliceMs / 2 && step < 1 << 20) step *= 2;
          else if (elapsed > sliceMs * 2 && step > 16) step = Math.ceil(step / 2);
          if (finished) return;
          await yieldToEventLoop();
          alive();
        }
      };
      const report = (done, total, read = total) => onProgress?.({ done, total, read });
      try {
        let input = rows;
        if (input instanceof Uint8Array) {
          // CSV bytes as read from a file: they reach the core as they are, so it can tell a file that is not UTF-8.
          if (format === 'json') input = decoder.decode(input);  // JSON: read as text below
          else {
            const bytes = input;
            const byteLength = bytes.length; // read once
            if (!(byteLength <= limits.text)) {
              result.usable = false;
              result.issues.push(tooLargeIssue([], 'The CSV bytes', byteLength, limits.text, 'bytes'));
              return finish();
            }
            return await startCsv(() => {
              const address = wasm._batchReserve(batch, byteLength);
              if (address === 0) throw new Error('seamid: the module refused the CSV buffer');
              wasm.HEAPU8.set(bytes.subarray(0, byteLength), address);
              return byteLength;
            });
          }
        }
        if (typeof input === 'string') {
          const kind = format ?? (/^\s*\[/.test(input.slice(0, 1024)) ? 'json' : 'csv');
          if (kind === 'json') {
            try {
              input = JSON.parse(input);
            } catch (error) {
              result.usable = false;
              result.issues.push({ path: [], code: 'invalid_json', severity: 'error', message: `Input is not valid JSON: ${error.message}` });
              return finish();
            }
          } else {
            const tooLarge = textTooLarge(input, limits.text, [], 'The CSV text');
            if (tooLarge) {
              result.usable = false;
              result.issues.push(tooLarge);
              return finish();
            }
            const text = input;
            return await startCsv(() => wire.writeText((bytes) => wasm._batchReserve(batch, bytes), text));
          }
        }
        return await checkRows(input);
      } finally {
        wasm._batchFree(batch);
        busy.delete(batch);
      }

      /** CSV: `write()` puts the text into the batch and answers its byte length; then the steps run. */
      async function startCsv(write) {
        const length = write();
        const start = JSON.parse(wasm._batchStartCsv(batch, length, columns, values === true));
        result.usable = start.usable;
        append(result.issues, start.issues);
        result.columns = start.columns;
        result.mapping = start.mapping;
        result.total = start.total;
        report(0, result.total, 0);
        if (!start.usable) return finish();
        await slices((count) => {
          const chunk = JSON.parse(stepOutput(wasm._batchStepCsv(batch, count)));
          if (chunk.issues) throw new Error(`seamid: ${chunk.issues[0].message}`);
          append(result.rows, chunk.rows);
          if (chunk.values) for (const cells of chunk.values) result.values.push(valuesObject(cells));
          if (chunk.finished) result.total = chunk.done;
          report(chunk.done, Math.max(result.total, chunk.done, chunk.read), chunk.read);
          return chunk.finished;
        });
        return finish();
      }

      /** Row objects: two passes, as for CSV text. */
      async function checkRows(input) {
        if (!Array.isArray(input)) {
          result.usable = false;
          result.issues.push(typeIssue([], 'an array of /user_identities/create requests, or CSV or JSON text', input));
          return finish();
        }
        let rowCount = input.length; // read once (a Proxy may answer anything on each read)
        if (!(rowCount <= limits.items)) {
          result.usable = false;
          result.issues.push(tooLargeIssue([], 'The array of rows', rowCount, limits.items, 'items'));
          return finish();
        }
        if (columns !== 'null') {
          // Each row object is copied once (its own keys and values), then the core maps the keys the rows use (in
          // first-seen order) and the copies are renamed by that mapping.
          const copies = new Array(rowCount);
          const keys = new Set();
          for (let i = 0; i < rowCount; i++) {
            const row = input[i];
            copies[i] = isPlainObject(row) ? Object.fromEntries(Object.entries(row)) : row;
            if (isPlainObject(row)) for (const key of Object.keys(copies[i])) keys.add(key);
          }
          const names = [...keys];
          const mapped = JSON.parse(wasm._mapColumns(JSON.stringify(names), columns, strict));
          append(result.issues, mapped.issues);
          result.columns = names;
          result.mapping = mapped.mapping;
          if (!mapped.usable) {
            result.usable = false;
            return finish();
          }
          input = mapRows(copies, mapped.mapping);
          rowCount = input.length;
        }
        if (values === true) for (let i = 0; i < rowCount; i++) result.values.push(isPlainObject(input[i]) ? input[i] : null);
        result.total = rowCount;
        report(0, result.total, 0);
        // Two passes, as for CSV text. First the rows go in the request encoding (request-encoding.js), a chunk at a
        // time, into the module, which keeps them and records their key, email and phone; then it checks them. Each
        // row is read once, into a snapshot, before it is sized and written; a chunk never outgrows the module's limit.
        const encoded = requestEncoder(wasm, (bytes) => wasm._batchReserve(batch, bytes), 0, { ...limits, buffer: limits.text });
        let next = 0;
        let pending = null; // a row read for the previous chunk that did not fit it: [snapshot, bytes]
        await slices((count) => {
          const end = Math.min(next + count, rowCount);
          encoded.start();
          for (; next < end; next++) {
            let snapshot, bytes;
            if (pending) [snapshot, bytes] = pending, pending = null;
            else {
              snapshot = encoded.snapshot(input[next]);
              const problem = serialisationProblem(snapshot);
              bytes = problem ? -1 : encoded.room(snapshot);
              if (bytes < 0) {
                result.usable = false;
                result.issues.push(problem ? inputIssue(`Row ${next + 1} cannot be serialised as JSON: ${problem}`) : encoded.tooLarge(snapshot, [next]));
                return true;
              }
            }
            if (!encoded.fits(bytes) && encoded.length > 0) {
              pending = [snapshot, bytes];
              break;
            }
            encoded.row(snapshot, bytes);
          }
          const answer = JSON.parse(stepOutput(wasm._batchRecordRows(batch, encoded.length)));
          if (answer.issues.length > 0 && answer.issues[0].code === 'invalid_handle') throw new Error('seamid: this workspace was disposed');
          if (!answer.usable) {
            result.usable = false;
            append(result.issues, answer.issues);
            return true;
          }
          report(0, result.total, answer.read);
          return next >= rowCount;
        });
        if (!result.usable) return finish();
        await slices((count) => {
          const chunk = JSON.parse(stepOutput(wasm._batchCheckRows(batch, count)));
          if (chunk.issues) throw new Error('seamid: this workspace was disposed');
          append(result.rows, chunk.rows);
          report(chunk.done, result.total, chunk.read);
          return chunk.finished;
        });
        return finish();
      }

      function finish() {
        if (!owner.disposed) result.summary = JSON.parse(wasm._batchSummary(batch));
        result.summary ??= { rows: 0, rows_with_errors: 0, rows_with_warnings: 0, errors: 0, warnings: 0 };
        if (result.columns === undefined) delete result.columns;
        if (result.mapping === undefined) delete result.mapping;
        if (values !== true) delete result.values;
        result.ok = result.usable && result.summary.errors === 0 && !result.issues.some((found) => found.severity === 'error');
        return result;
      }
    }

    // ok and issues: the snapshot's problems (paths point into it); dispose() frees the index, batches in flight reject.
    return withHandleContract(workspace, owner, loadIssues);
  }

  return { createWorkspace };
}
