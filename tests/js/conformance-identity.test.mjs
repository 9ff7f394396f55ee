// Conformance: seamid's error-level verdict equals Seam's schema (@seamapi/types 1.721.0, schemas.user_identity)
// on >= 10,000 generated emails, the phone corpus, generated keys and names, and whole requests built from them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { schemas } from '@seamapi/types/connect';
import { loadBuilds, fixture } from './builds.mjs';
import { emailCorpus, textCorpus } from './corpus/identity-corpus.mjs';
import { phoneCorpus, seeded } from './corpus/phone-corpus.mjs';
import { seamCreate, seamFields, seamUpdate } from './corpus/seam-schemas.mjs';

const builds = await loadBuilds();
const emails = emailCorpus();
const texts = textCorpus();
const phones = phoneCorpus();
const hasError = (result) => result.issues.some((found) => found.severity === 'error');
const show = (value) => JSON.stringify(value).slice(0, 80);

test('the reference is the Seam schema itself, and the email corpus is large and varied', () => {
  assert.equal(seamFields.email_address, schemas.user_identity.shape.email_address);
  assert.ok(emails.length >= 10000, `corpus has ${emails.length} emails`);
  const accepted = emails.filter((value) => seamFields.email_address.safeParse(value).success).length;
  assert.ok(accepted > 2000 && emails.length - accepted > 5000, `accepted ${accepted} of ${emails.length}`);
});

test('the shared email fixture agrees with zod on every case', () => {
  for (const c of fixture('email.json').cases) {
    const value = c.value ?? c.repeat.map(([text, count]) => text.repeat(count)).join('');
    if (c.profile === 'strict') continue;
    assert.equal(seamFields.email_address.safeParse(value).success, c.accepted, c.name);
  }
});

for (const { name, api } of builds) {
  for (const profile of ['default', 'strict']) {
    test(`${name}, ${profile}: validateEmail's error verdict equals Seam's on every generated email`, () => {
      const mismatches = [];
      for (const value of emails) {
        const seam = seamFields.email_address.safeParse(value).success;
        const result = api.validateEmail(value, { profile });
        const ours = profile === 'default' ? !hasError(result) : !result.issues.some((i) => i.severity === 'error' && !i.code.endsWith('too_long'));
        if (seam !== ours) mismatches.push({ value: show(value), seam, ours });
        if (!seam) assert.equal(result.ok, false, show(value)); // never weaker than Seam
      }
      assert.deepEqual(mismatches.slice(0, 10), []);
    });
  }

  test(`${name}: each field inside validateCreate/validateUpdate matches Seam's field schema`, () => {
    const mismatches = [];
    const check = (field, values) => {
      for (const value of values) {
        const seam = seamFields[field].safeParse(value).success;
        const created = api.validateCreate({ [field]: value });
        const updated = api.validateUpdate({ user_identity_id: '3fa85f64-5717-4562-b3fc-2c963f66afa6', [field]: value });
        const fieldError = (result) => result.issues.some((i) => i.severity === 'error' && i.path[0] === field);
        if (seam === fieldError(created) || seam === fieldError(updated)) mismatches.push({ field, value: show(value), seam });
        if (created.ok !== seam || updated.ok !== seam) mismatches.push({ field, value: show(value), seam, whole: true });
      }
    };
    check('email_address', emails.filter((_, i) => i % 4 === 0));
    check('phone_number', phones);
    check('user_identity_key', texts);
    check('full_name', texts);
    check('email_address', [null]);
    assert.deepEqual(mismatches.slice(0, 10), []);
  });

  test(`${name}: whole requests built from the corpora get Seam's verdict (object and JSON text)`, () => {
    const next = seeded(0x5eed);
    const pick = (list) => list[next(list.length)];
    const ids = ['3fa85f64-5717-4562-b3fc-2c963f66afa6', '3FA85F64-5717-4562-B3FC-2C963F66AFA6', 'nope', '', '3fa85f64-5717-4562-b3fc-2c963f66afa'];
    const mismatches = [];
    for (let i = 0; i < 3000; i++) {
      const request = {};
      if (next(2)) request.user_identity_key = next(8) ? pick(texts) : pick([null, 42]);
      if (next(2)) request.email_address = next(8) ? pick(emails) : pick([null, true]);
      if (next(2)) request.phone_number = next(8) ? pick(phones) : pick([null, 14155552671]);
      if (next(2)) request.full_name = next(8) ? pick(texts) : pick([null, {}]);
      if (next(3) === 0) request.acs_system_ids = next(8) ? [pick(ids), pick(ids)].slice(0, next(3)) : pick(['x', null, [1]]);
      if (next(5) === 0) request[pick(['email', 'phone', 'name', 'extra'])] = 'x';
      const seam = seamCreate.safeParse(request).success;
      if (api.validateCreate(request).ok !== seam) mismatches.push({ op: 'create', request: show(request), seam });
      if (api.validateCreate(JSON.stringify(request)).ok !== seam) mismatches.push({ op: 'create text', request: show(request), seam });
      const update = { ...request };
      delete update.acs_system_ids;
      if (next(6)) update.user_identity_id = next(6) ? pick(ids) : 7;
      const seamUpdated = seamUpdate.safeParse(update).success;
      if (api.validateUpdate(update).ok !== seamUpdated) mismatches.push({ op: 'update', request: show(update), seam: seamUpdated });
    }
    assert.deepEqual(mismatches.slice(0, 10), []);
  });
}
