// Conformance: on a generated corpus of >= 10,000 strings, seamid's error-level phone verdict equals the
// phone rule of Seam's schema (@seamapi/types 1.721.0, schemas.user_identity.shape.phone_number) on every string.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { schemas } from '@seamapi/types/connect';
import { loadBuilds } from './builds.mjs';
import { phoneCorpus } from './corpus/phone-corpus.mjs';

const builds = await loadBuilds();
const seamPhone = schemas.user_identity.shape.phone_number;
const corpus = phoneCorpus();

test('the pinned Seam schema version is 1.721.0 (later versions dropped the strict rule)', () => {
  const manifest = new URL('../../node_modules/@seamapi/types/package.json', import.meta.url);
  assert.equal(JSON.parse(readFileSync(manifest, 'utf8')).version, '1.721.0');
});

test('the corpus is large and varied', () => {
  assert.ok(corpus.length >= 10000, `corpus has ${corpus.length} strings`);
  const accepted = corpus.filter((value) => seamPhone.safeParse(value).success).length;
  assert.ok(accepted > 2000 && corpus.length - accepted > 2000, `accepted ${accepted} of ${corpus.length}`);
});

for (const { name, api } of builds) {
  for (const profile of ['default', 'strict']) {
    test(`${name}, ${profile} profile: error-level verdict equals Seam's schema on every string`, () => {
      const mismatches = [];
      for (const value of corpus) {
        const seam = seamPhone.safeParse(value).success;
        const ours = !api.validatePhone(value, { profile: 'default' }).issues.some((i) => i.severity === 'error');
        if (seam !== ours) mismatches.push({ value: JSON.stringify(value).slice(0, 80), seam, ours });
        if (profile === 'strict' && !seam) // strict is never weaker than Seam
          assert.equal(api.validatePhone(value, { profile: 'strict' }).ok, false, JSON.stringify(value).slice(0, 80));
      }
      assert.deepEqual(mismatches.slice(0, 10), []);
    });
  }
}

test('null is accepted by both (the field is nullable)', () => {
  assert.equal(seamPhone.safeParse(null).success, true);
  assert.equal(builds[0].api.validatePhone(null).ok, true);
});
