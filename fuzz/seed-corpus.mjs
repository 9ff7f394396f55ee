// Writes the seed corpora of fuzz/corpus/<target>/ from the shared fixtures of tests/fixtures/ (run it again
// when the fixtures change: node fuzz/seed-corpus.mjs). Seeds are kept small: at most 60 per target, each at
// most 4 KB. Files are named by a hash of their content, as libFuzzer names its own corpus files.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixture = (name) => JSON.parse(readFileSync(join(root, 'tests/fixtures', name), 'utf8'));
const seeds = new Map();
const add = (target, text) => {
  if (typeof text !== 'string' || Buffer.byteLength(text) > 4096) return;
  if (!seeds.has(target)) seeds.set(target, new Set());
  if (seeds.get(target).size < 60) seeds.get(target).add(text);
};
const json = (value) => JSON.stringify(value);

for (const c of fixture('phone.json').cases) add('phone', c.value);
for (const c of fixture('email.json').cases) add('email', c.value);
for (const c of fixture('text-fields.json').cases) add('text', c.value);
for (const c of fixture('identity-requests.json').cases) add('request', typeof c.request === 'string' ? c.request : json(c.request));

const workspace = fixture('workspace.json');
add('workspace_list', json(workspace.workspace));
for (const c of workspace.loads ?? []) add('workspace_list', typeof c.document === 'string' ? c.document : json(c.document));
// csv_batch: the first byte chooses the workspace (odd: a small one, even: none).
for (const c of workspace.batches ?? []) if (c.csv !== undefined) for (const flag of ['\u0000', '\u0001']) add('csv_batch', flag + c.csv);
add('csv_batch', '\u0001' + readFileSync(join(root, 'web-demo/samples/bulk-import.csv'), 'utf8').slice(0, 4000));

const acs = fixture('acs.json');
for (const c of acs.cases ?? []) add('acs', json(acs.snapshot) + '\f' + json(c.request));
for (const c of fixture('acs-bad-input.json').cases ?? []) add('acs', (typeof c.snapshot === 'string' ? c.snapshot : json(c.snapshot)) + '\f{}');
add('acs', json(fixture('acs-audit.json').snapshot));

// deletion: snapshot \f events \f response.
const events = json({ events: [{ event_id: '0e000000-0000-4000-8000-000000000001', event_type: 'client_session.deleted',
  client_session_id: 'c5e55001-0000-4000-8000-000000000001', workspace_id: '5f9b5e1a-7c2d-4e3f-8a1b-2c3d4e5f6a7b' }] });
for (const c of fixture('deletion/snapshots.json').cases) add('deletion', json(c.snapshot) + '\f' + events + '\f' + json({ error: { type: 'acs_user_not_found', message: 'gone' } }));
add('deletion', readFileSync(join(root, 'tests/fixtures/deletion/sample-snapshot.json'), 'utf8') + '\f[]\f');

// json_reader: every small JSON seed above, and the fixtures' hostile texts.
for (const target of ['request', 'workspace_list', 'acs']) for (const text of seeds.get(target) ?? []) add('json_reader', text.split('\f')[0]);
for (const text of ['{"a":1,"a":2}', '[' .repeat(600), '"\\ud83d\\ude00"', '1e400', '-0', '\ufeff{}', '{"k\\u0000":"\\u001f"}']) add('json_reader', text);

const corpus = join(root, 'fuzz/corpus');
for (const [target, texts] of seeds) {
  const folder = join(corpus, target);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  for (const text of texts) writeFileSync(join(folder, createHash('sha1').update(text).digest('hex')), text);
}
for (const target of readdirSync(corpus)) console.log(`${target}: ${readdirSync(join(corpus, target)).length} seeds`);
