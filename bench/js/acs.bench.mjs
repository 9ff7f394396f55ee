// ACS-link model: load time and add_acs_user preflight throughput through the public JS API (WASM; one series
// also calls the module's raw export, to show where a call's time goes) against the native core
// (build/native/bench/seamid_acs_paced) on the same snapshot bytes, interleaved run by run.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import createAcsModule from '../../bindings/js/dist/seamid-acs.mjs';
import { wasmBytes } from '../../bindings/js/src/common/load-node.js';
import { createAcsModel } from '../../bindings/js/src/acs-node.js';
import { createWire } from '../../bindings/js/src/common/wire.js';
import { rate, timeMean, warmUp } from './measure.mjs';
import { interleave, pacedPeer, ratioText } from './paced.mjs';

const sizes = { identities: 100_000, acsUsers: 300_000, systems: 50 };
const id = (prefix, n) => `${prefix}000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const systemOf = (j) => ((j % sizes.identities) + 17 * Math.floor(j / sizes.identities)) % sizes.systems;
const linked = (j) => j % 10 !== 9;
const phone = (i) => `+1415${String(i).padStart(7, '0')}`;

/** The same text as bench/acs_corpus.hpp acs_snapshot_text(). */
export function snapshotText() {
  const parts = ['{"user_identities":['];
  for (let i = 0; i < sizes.identities; i++)
    parts.push(`${i ? ',' : ''}{"user_identity_id":"${id('1d', i)}","email_address":"user${i}@example.com","phone_number":"${phone(i)}","full_name":"User ${i}","display_name":"User ${i}"}`);
  parts.push('],"acs_systems":[');
  for (let s = 0; s < sizes.systems; s++)
    parts.push(`${s ? ',' : ''}{"acs_system_id":"${id('5e', s)}","name":"System ${s}","external_type":"salto_ks_site"}`);
  parts.push('],"acs_users":[');
  for (let j = 0; j < sizes.acsUsers; j++) {
    const i = j % sizes.identities;
    const email = j % 50 === 7 ? `other${j}` : `user${i}`;
    parts.push(`${j ? ',' : ''}{"acs_user_id":"${id('ac', j)}","acs_system_id":"${id('5e', systemOf(j))}",`
      + `${linked(j) ? `"user_identity_id":"${id('1d', i)}",` : ''}"full_name":"User ${i}","email_address":"${email}@example.com","phone_number":"${phone(i)}","is_suspended":false}`);
  }
  parts.push(']}');
  return parts.join('');
}

/** The same requests as bench/acs_corpus.hpp acs_link_requests(). */
export function linkRequests(count = 4096) {
  const out = [];
  for (let k = 0; k < count; k++) {
    let j = (k * 7919) % sizes.acsUsers;
    let identity;
    if (k % 3 === 2) {
      j = ((k * 7919) % (sizes.acsUsers / 10)) * 10 + 9;
      identity = (j * 31) % sizes.identities;
    } else {
      if (!linked(j)) j -= 1;
      identity = (j + (k % 3)) % sizes.identities;
    }
    out.push({ user_identity_id: id('1d', identity), acs_user_id: id('ac', j) });
  }
  return out;
}

/** The same requests as bench/acs_corpus.hpp acs_distinct_link_requests(): each ACS user once. */
export function distinctLinkRequests() {
  const out = [];
  for (let j = 0; j < sizes.acsUsers; j++) out.push({ user_identity_id: id('1d', (j + (j % 3)) % sizes.identities), acs_user_id: id('ac', j) });
  return out;
}

/**
 * The parts of a preflightAddAcsUser call without its result objects, for the "where a call's time goes" series:
 * `encode(requests)` copies each request's two ids with TextEncoder.encodeInto into a plain Uint8Array (no
 * module), `check(requests)` copies them into a module's link buffer and calls its raw export
 * seamid_acs_check_link, which returns the packed verdict and writes the ids the findings name: the output of
 * the native check_add_acs_user. It uses a module instance of its own (the wrapper's is private), loaded with the
 * same snapshot; these are the package's internal exports, read here only to measure them.
 */
async function callParts(text) {
  const wasm = await createAcsModule(await wasmBytes('seamid-acs', {}));
  const wire = createWire(wasm);
  const handle = wasm._acsCreate();
  if (wasm._acsLoad(handle, wire.writeText(wasm._bulkReserve, text)) !== '[]') throw new Error('callParts: the snapshot did not load');
  const encoder = new TextEncoder();
  const scratch = new Uint8Array(180);
  const scratchViews = [scratch.subarray(0, 72), scratch.subarray(36, 180)];
  const address = wasm._seamid_acs_link_buffer();
  const linkViews = [wasm.HEAPU8.subarray(address, address + 72), wasm.HEAPU8.subarray(address + 36, address + 180)];
  wasm._seamid_acs_check_link(0, 0); // resolves the lazy export wrapper (as acs.js does)
  const checkLink = wasm._seamid_acs_check_link;
  const write = (views, request) => encoder.encodeInto(request.user_identity_id, views[0]).written
    + encoder.encodeInto(request.acs_user_id, views[1]).written;
  return {
    encode(requests) {
      let sum = 0;
      for (const request of requests) sum += write(scratchViews, request);
      return sum;
    },
    /** The verdict of one request as the module's code: 0 allowed, 1 no_op, 2 refused. */
    verdictCode(request) {
      if (write(linkViews, request) !== 72) throw new Error('callParts: an id is not 36 ASCII characters');
      return checkLink(handle, 1) & 3;
    },
    check(requests) {
      let sum = 0;
      for (const request of requests) sum += this.verdictCode(request);
      return sum;
    },
    dispose: () => wasm._acsDispose(handle),
  };
}

const pacedTool = new URL('../../build/native/bench/seamid_acs_paced', import.meta.url).pathname;
const passes = 4; // passes over the 4,096 requests per measured run, on both sides

/**
 * Runs the benchmark and returns its rows. Each figure interleaves the native peer (seamid_acs_paced, on the same
 * snapshot file) with the JS API run by run (paced.mjs), so that both sides of a ratio see the same host:
 *   - load: a new model from the snapshot text, 3 runs a side;
 *   - preflight: `passes` passes of preflightAddAcsUser over the 4,096 requests, against check_add_acs_user alone,
 *     and against check_add_acs_user + link_check_issues (the same issues and messages a JS call returns);
 *   - where a call's time goes: the same passes of only the ids' encodeInto, and of encodeInto + the module's raw
 *     check (callParts), each against check_add_acs_user;
 *   - first sight: one pass of preflightAddAcsUser over 300,000 requests naming each ACS user once (no id seen
 *     twice, the model's whole id tables in play), against the same two native peers; and the same requests in
 *     one preflightAddAcsUsers call, and in one addAcsUserVerdicts call, against check_acs_links;
 *   - batch: `passes` calls of preflightAddAcsUsers(4,096 requests), and of addAcsUserVerdicts (verdicts only: the
 *     output check_acs_links gives), against check_acs_links.
 */
export async function run() {
  const text = snapshotText();
  const folder = mkdtempSync(path.join(tmpdir(), 'seamid-acs-bench-'));
  const file = path.join(folder, 'snapshot.json');
  writeFileSync(file, text);
  const peer = pacedPeer(pacedTool, [file, String(passes)], 'acs bench');
  const model = createAcsModel(text);
  let parts = null;  // callParts: a second module and snapshot, made only for the interleaved series
  try {
    const stats = model.stats();
    if (stats.acs_users !== sizes.acsUsers || stats.user_identities !== sizes.identities) throw new Error('snapshot did not load');
    const requests = linkRequests();
    const distinct = distinctLinkRequests();
    const verdicts = { allowed: 0, no_op: 0, refused: 0 };
    for (const request of requests) verdicts[model.preflightAddAcsUser(request).verdict]++;
    if (JSON.stringify(model.preflightAddAcsUsers(requests)) !== JSON.stringify(requests.map((r) => model.preflightAddAcsUser(r))))
      throw new Error('preflightAddAcsUsers differs from preflightAddAcsUser');
    if (JSON.stringify(model.addAcsUserVerdicts(requests)) !== JSON.stringify(requests.map((r) => model.preflightAddAcsUser(r).verdict)))
      throw new Error('addAcsUserVerdicts differs from preflightAddAcsUser');
    let sink = 0;
    const load = () => createAcsModel(text).dispose();
    const single = () => {
      for (let pass = 0; pass < passes; pass++) for (const request of requests) sink += model.preflightAddAcsUser(request).issues.length;
    };
    const encodeOnly = () => {
      for (let pass = 0; pass < passes; pass++) sink += parts.encode(requests);
    };
    const moduleCheck = () => {
      for (let pass = 0; pass < passes; pass++) sink += parts.check(requests);
    };
    const firstSight = () => {
      for (const request of distinct) sink += model.preflightAddAcsUser(request).issues.length;
    };
    const firstSightBatch = () => {
      sink += model.preflightAddAcsUsers(distinct).length;
    };
    const firstSightVerdicts = () => {
      sink += model.addAcsUserVerdicts(distinct).length;
    };
    const batch = () => {
      for (let pass = 0; pass < passes; pass++) sink += model.preflightAddAcsUsers(requests).length;
    };
    const verdictBatch = () => {
      for (let pass = 0; pass < passes; pass++) sink += model.addAcsUserVerdicts(requests).length;
    };
    warmUp(single, 1000);
    warmUp(batch, 1000);
    warmUp(verdictBatch, 1000);
    firstSight();
    const checks = passes * requests.length;
    const perSecond = (ms) => (checks / ms) * 1000;
    const perDistinct = (ms) => (distinct.length / ms) * 1000;
    const rows = [
      { name: 'snapshot', value: `${sizes.identities} identities, ${sizes.acsUsers} ACS users, ${sizes.systems} systems, ${text.length} B JSON` },
      { name: 'request mix (allowed / no_op / refused)', value: `${verdicts.allowed} / ${verdicts.no_op} / ${verdicts.refused}` },
    ];
    if (peer === null) {
      rows.push(
        { name: 'load: createAcsModel(text) (WASM via JS)', value: `${timeMean(load, 3).toFixed(0)} ms` },
        { name: 'preflightAddAcsUser (WASM via JS)', value: rate(perSecond(timeMean(single, 10, 2000))) },
        { name: `first sight: preflightAddAcsUser, ${distinct.length} distinct ACS users (WASM via JS)`, value: rate(perDistinct(timeMean(firstSight, 3, 2000))) },
        { name: `preflightAddAcsUsers, ${requests.length} per call (WASM via JS)`, value: rate(perSecond(timeMean(batch, 10, 2000))) },
        { name: `addAcsUserVerdicts, ${requests.length} per call (WASM via JS)`, value: rate(perSecond(timeMean(verdictBatch, 10, 2000))) },
        { name: 'native figures', value: 'missing: run make native first' },
      );
      return rows;
    }
    parts = await callParts(text);
    const verdictCodes = { allowed: 0, no_op: 1, refused: 2 };
    for (const request of requests) {
      if (parts.verdictCode(request) !== verdictCodes[model.preflightAddAcsUser(request).verdict]) throw new Error('the raw module check differs from preflightAddAcsUser');
    }
    const loads = interleave(() => peer.run('load'), load, 0, 3);
    const bare = interleave(() => peer.run('check'), single, 3000, 10);
    const withIssues = interleave(() => peer.run('issues'), single, 3000, 10);
    const encoded = interleave(() => peer.run('check'), encodeOnly, 3000, 10);
    const checkedRaw = interleave(() => peer.run('check'), moduleCheck, 3000, 10);
    const distinctBare = interleave(() => peer.run('distinct'), firstSight, 3000, 5);
    const distinctIssues = interleave(() => peer.run('distinct-issues'), firstSight, 3000, 5);
    const distinctBatched = interleave(() => peer.run('distinct-batch'), firstSightBatch, 3000, 5);
    const distinctVerdicts = interleave(() => peer.run('distinct-batch'), firstSightVerdicts, 3000, 5);
    const batched = interleave(() => peer.run('batch'), batch, 3000, 10);
    const verdictsBatched = interleave(() => peer.run('batch'), verdictBatch, 3000, 10);
    if (sink === 0) throw new Error('no preflight result was read');
    rows.push(
      { name: 'load: createAcsModel(text) (WASM via JS)', value: `${loads.js.toFixed(0)} ms` },
      { name: 'load: acs_model::load_text (native)', value: `${loads.native.toFixed(0)} ms` },
      { name: 'ratio load time WASM / native', value: ratioText(loads) },
      { name: 'preflightAddAcsUser (WASM via JS), one per call', value: `${rate(perSecond(bare.js))}, ${rate(perSecond(withIssues.js))}` },
      { name: 'check_add_acs_user (native)', value: rate(perSecond(bare.native)) },
      { name: 'ratio preflight time WASM via JS / native check', value: ratioText(bare) },
      { name: 'check + link_check_issues (native, the same output as JS)', value: rate(perSecond(withIssues.native)) },
      { name: 'ratio preflight time WASM via JS / native with issues', value: ratioText(withIssues) },
      { name: "where a call's time goes: the two ids' encodeInto alone (JS, no module)", value: rate(perSecond(encoded.js)) },
      { name: 'check_add_acs_user (native)', value: rate(perSecond(encoded.native)) },
      { name: 'ratio encode time / native check', value: ratioText(encoded) },
      { name: "... encodeInto + the module's raw check (seamid_acs_check_link, no result objects)", value: rate(perSecond(checkedRaw.js)) },
      { name: 'check_add_acs_user (native)', value: rate(perSecond(checkedRaw.native)) },
      { name: 'ratio raw module check time (WASM via JS) / native check', value: ratioText(checkedRaw) },
      { name: `first sight: preflightAddAcsUser, ${distinct.length} distinct ACS users (WASM via JS)`, value: `${rate(perDistinct(distinctBare.js))}, ${rate(perDistinct(distinctIssues.js))}` },
      { name: 'first sight: check_add_acs_user (native)', value: rate(perDistinct(distinctBare.native)) },
      { name: 'ratio first-sight time WASM via JS / native check', value: ratioText(distinctBare) },
      { name: 'first sight: check + link_check_issues (native)', value: rate(perDistinct(distinctIssues.native)) },
      { name: 'ratio first-sight time WASM via JS / native with issues', value: ratioText(distinctIssues) },
      { name: `first sight: preflightAddAcsUsers, all ${distinct.length} in one call (WASM via JS)`, value: rate(perDistinct(distinctBatched.js)) },
      { name: 'first sight: check_acs_links, all in one call (native)', value: rate(perDistinct(distinctBatched.native)) },
      { name: 'ratio first-sight batch time WASM via JS / native', value: ratioText(distinctBatched) },
      { name: `first sight: addAcsUserVerdicts, all ${distinct.length} in one call (WASM via JS)`, value: rate(perDistinct(distinctVerdicts.js)) },
      { name: 'first sight: check_acs_links, all in one call (native)', value: rate(perDistinct(distinctVerdicts.native)) },
      { name: 'ratio first-sight verdicts time WASM via JS / native', value: ratioText(distinctVerdicts) },
      { name: `preflightAddAcsUsers, ${requests.length} per call (WASM via JS)`, value: rate(perSecond(batched.js)) },
      { name: `check_acs_links, ${requests.length} per call (native)`, value: rate(perSecond(batched.native)) },
      { name: 'ratio batch time WASM via JS / native', value: ratioText(batched) },
      { name: `addAcsUserVerdicts, ${requests.length} per call (WASM via JS)`, value: rate(perSecond(verdictsBatched.js)) },
      { name: `check_acs_links, ${requests.length} per call (native)`, value: rate(perSecond(verdictsBatched.native)) },
      { name: 'ratio verdicts time WASM via JS / native', value: ratioText(verdictsBatched) },
    );
    return rows;
  } finally {
    model.dispose();
    parts?.dispose();
    peer?.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
