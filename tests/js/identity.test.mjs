// node:test suite of validateEmail / validateCreate / validateUpdate through the public JS API, on both builds,
// with the fixtures shared with the Catch2 suite (tests/fixtures/{email,text-fields,identity-requests}.json).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, loadBuilds } from './builds.mjs';

const builds = await loadBuilds();
const emailCases = fixture('email.json').cases;
const textCases = fixture('text-fields.json').cases;
const requestCases = fixture('identity-requests.json').cases;
const ID = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
const rows = (issues) => issues.map((i) => [i.path, i.code, i.severity]);

for (const { name, api } of builds) {
  test(`${name}: every shared email fixture case`, () => {
    assert.ok(emailCases.length >= 40);
    for (const c of emailCases) {
      const value = c.value ?? c.repeat.map(([text, count]) => text.repeat(count)).join('');
      const result = api.validateEmail(value, c.profile ? { profile: c.profile } : undefined);
      const label = `${c.name} (${JSON.stringify(value).slice(0, 60)})`;
      assert.deepEqual(result.issues.map((i) => i.code), c.codes, label);
      if (c.severities) assert.deepEqual(result.issues.map((i) => i.severity), c.severities, label);
      assert.equal(result.ok, c.accepted, label);
      assert.equal(result.value, value, label);
      assert.deepEqual(result.issues.filter((i) => 'suggestion' in i).map((i) => i.suggestion), c.suggestion ? [c.suggestion] : [], label);
      for (const found of result.issues) {
        assert.deepEqual(found.path, ['email_address'], label);
        assert.ok(found.message.length > 20, label);
      }
    }
  });

  test(`${name}: every shared text-field fixture case, through validateCreate`, () => {
    for (const c of textCases) {
      const result = api.validateCreate({ email_address: 'jane@example.com', [c.field]: c.value }, c.profile ? { profile: c.profile } : undefined);
      const label = `${c.name} (${JSON.stringify(c.value)})`;
      assert.deepEqual(result.issues.map((i) => i.code), c.codes, label);
      if (c.severities) assert.deepEqual(result.issues.map((i) => i.severity), c.severities, label);
      assert.equal(result.ok, c.accepted, label);
      for (const found of result.issues) {
        assert.deepEqual(found.path, [c.field], label);
        if ('suggestion' in found) assert.equal(found.suggestion, c.suggestion, label);
      }
      if (c.suggestion) assert.ok(result.issues.some((i) => i.suggestion === c.suggestion), label);
    }
  });

  test(`${name}: every shared request fixture case, as an object and as JSON text`, () => {
    assert.ok(requestCases.length >= 20);
    for (const c of requestCases) {
      const validate = c.operation === 'create' ? api.validateCreate : api.validateUpdate;
      const options = c.profile ? { profile: c.profile } : undefined;
      const text = c.text ?? JSON.stringify(c.request);
      assert.deepEqual(rows(validate(text, options).issues), c.issues, `${c.name} (text)`);
      if ('request' in c && typeof c.request !== 'string') { // from JS, a string is JSON text
        const result = validate(c.request, options);
        assert.deepEqual(rows(result.issues), c.issues, `${c.name} (object)`);
        assert.equal(result.value, c.request);
        assert.equal(result.ok, !c.issues.some(([, , severity]) => severity === 'error'), c.name);
      }
    }
  });

  test(`${name}: an object and its JSON text give identical issues, messages and suggestions included`, () => {
    const requests = [
      { email: 'jane@example.com', phoneNumber: '+1 415 555 2671', full_name: ' Jane\u200b ', acs_system_ids: ['x', ID, ID.toUpperCase()] },
      { user_identity_key: 'caf\u00e9', email_address: 'Jos\u00e9 <jose@example.com>', '\u00e9l\u00e8ve': 1 },
    ];
    for (const request of requests) {
      assert.deepEqual(api.validateCreate(request).issues, api.validateCreate(JSON.stringify(request)).issues);
      const update = { ...request, user_identity_id: ID };
      assert.deepEqual(api.validateUpdate(update).issues, api.validateUpdate(JSON.stringify(update)).issues);
    }
    const [unknown] = api.validateCreate({ full_name: 'J', email_address: 'a@b.co', '\u00e9l\u00e8ve': 1 }).issues;
    assert.deepEqual(unknown.path, ['\u00e9l\u00e8ve']);
    assert.match(unknown.message, /^Unknown field '\u00e9l\u00e8ve': \/user_identities\/create ignores it\./);
  });

  test(`${name}: strings reach the core as exact UTF-8 whether short (JS loop) or long (encodeInto), any unit width`, () => {
    const samples = ['abc', 'Mar\u00eda M\u00fcller \u07ff\u0080', '\u0800\u20ac\uffff', 'a\ud83d\ude00b', 'x\ud800y', '\udc00'];
    for (const sample of samples) {
      for (const key of [sample, sample + 'p'.repeat(70), 'q'.repeat(70) + sample]) {
        const [unknown] = api.validateCreate({ [key]: 1, email_address: 'a@b.co' }).issues;
        // what any UTF-8 encoder does: lone surrogates become U+FFFD
        assert.deepEqual(unknown.path, [new TextDecoder().decode(new TextEncoder().encode(key))]);
      }
    }
  });

  test(`${name}: an email suggestion is the right part of the input, whether the input is ASCII, not, short or long`, () => {
    const long = `${'a'.repeat(5000)}@example.com`;
    const cases = [
      [' jane@example.com', 'jane@example.com'],
      ['\u00a0jane@example.com\u3000', 'jane@example.com'],
      ['Jan\u00e9 M\u00fcller <jane@example.com>', 'jane@example.com'],
      ['\u5f20\u4f1f <mailto:zhang@example.cn>', 'zhang@example.cn'],
      [` ${long}`, long],
      [`\u00e9 <${long}>`, long],
    ];
    for (const [value, suggestion] of cases) {
      const { issues } = api.validateEmail(value);
      assert.deepEqual(issues.map((i) => [i.code, i.suggestion]), [['email_formatted', suggestion]], value.slice(0, 40));
    }
    // the fast path for short ASCII leaves nothing behind for the next, longer or non-ASCII, value
    assert.deepEqual(api.validateEmail(`\u00e9${long}`).issues.map((i) => i.code), ['email_non_ascii']);
    assert.deepEqual(api.validateEmail('jane@example.com'), { ok: true, value: 'jane@example.com', issues: [] });
  });

  test(`${name}: results are plain objects; options.path prefixes request paths and replaces the email path`, () => {
    const result = api.validateCreate({ email: 'a@b.co' }, { path: ['rows', 3] });
    assert.equal(Object.getPrototypeOf(result), Object.prototype);
    assert.equal(Object.getPrototypeOf(result.issues[0]), Object.prototype);
    assert.deepEqual(JSON.parse(JSON.stringify(result)), result);
    assert.deepEqual(result.issues.map((i) => i.path), [['rows', 3, 'email'], ['rows', 3]]);
    assert.equal(result.issues[0].suggestion, 'email_address');
    assert.deepEqual(api.validateEmail('a@', { path: ['contact'] }).issues[0].path, ['contact']);
    assert.throws(() => api.validateCreate({}, { profile: 'lenient' }), TypeError);
    assert.throws(() => api.validateEmail('a@b.co', 'strict'), TypeError);
  });

  test(`${name}: JS values JSON cannot carry are handled like JSON.stringify would, never thrown`, () => {
    assert.deepEqual(rows(api.validateCreate({ email_address: 'a@b.co', full_name: undefined, f: () => 1 }).issues), []);
    const cyclic = { email_address: 'a@b.co' };
    cyclic.self = cyclic;
    assert.deepEqual(rows(api.validateCreate(cyclic).issues), [[['self'], 'unknown_field', 'warning']]);
    assert.deepEqual(rows(api.validateCreate({ email_address: 10n }).issues)[0], [['email_address'], 'invalid_type', 'error']);
    for (const [value, type] of [[null, 'null'], [[], 'array'], [42, 'number'], [true, 'boolean'], [undefined, 'null']]) {
      const result = api.validateCreate(value);
      assert.equal(result.ok, false);
      assert.equal(result.issues[0].message, `Expected an object (the request body), received ${type}.`);
    }
    assert.equal(api.validateCreate('not json').issues[0].code, 'invalid_json');
    assert.deepEqual(api.validateEmail(null), { ok: true, value: null, issues: [] });
    assert.equal(api.validateEmail(42).issues[0].code, 'invalid_type');
  });

  test(`${name}: validateEmail reads fresh wasm memory after another call grew it`, () => {
    assert.equal(api.validateEmail('jane@example.com').ok, true);
    // The phone buffer is not the email encoder's: its growth detaches the view the encoder keeps.
    assert.equal(api.validatePhone(`+1${'2'.repeat(48 * 1024 * 1024)}`).ok, false);
    assert.deepEqual(api.validateEmail('li@@example.com').issues.map((i) => i.code), ['email_multiple_at']);
    assert.deepEqual(api.validateEmail(' li@example.com').issues.map((i) => [i.code, i.suggestion]), [['email_formatted', 'li@example.com']]);
    assert.equal(api.validateEmail('jane@example.com').ok, true);
  });

  test(`${name}: hostile input never breaks the module`, () => {
    const tenMegabytes = 'x'.repeat(10 * 1024 * 1024);
    const big = api.validateCreate({ user_identity_key: tenMegabytes, email_address: tenMegabytes, phone_number: tenMegabytes, full_name: '\u00e9'.repeat(1 << 20) });
    assert.deepEqual(big.issues.map((i) => i.code), ['email_missing_at', 'phone_invalid_characters']);
    assert.equal(api.validateEmail(`${'a'.repeat(1 << 20)}@example.com`).issues[0].code, 'email_local_part_too_long');
    assert.equal(api.validateCreate({ [tenMegabytes]: 1, email_address: 'a@b.co' }).issues[0].code, 'unknown_field');
    assert.equal(api.validateCreate(`{"full_name": ${'['.repeat(100000)}${']'.repeat(100000)}, "email_address": "a@b.co"}`).issues[0].code, 'invalid_type');
    assert.equal(api.validateCreate('['.repeat(1000000)).issues[0].code, 'invalid_json');
    assert.equal(api.validateCreate('{"full_name": "a\u0000b", "email_address": "a@b.co"}').issues[0].code, 'invalid_json');
    assert.equal(api.validateCreate({ full_name: 'a\u0000b', email_address: 'a@b.co\ud800' }).issues.length, 2);
    // 99999 issues: the first 100, then one too_many_issues error that counts the rest.
    const many = api.validateCreate({ acs_system_ids: Array.from({ length: 100000 }, (_, i) => (i % 2 ? ID : i)), email_address: 'a@b.co' }).issues;
    assert.equal(many.length, 101);
    assert.equal(many[100].code, 'too_many_issues');
    assert.match(many[100].message, /; 99899 more were left out/);
    const hostile = [
      '{', '[]', 'null', '"x"', '{"email_address": 5}', '{"user_identity_id": [], "full_name": ""}', '\u0000', '{"a":'.repeat(1000),
      { email_address: '\ud800@x.io' }, { acs_system_ids: [null, {}, []] }, [1, 2], { ['\ud800']: 1, email_address: 'x' }, 'x'.repeat(70000),
    ];
    for (let i = 0; i < 10000; i++) {
      const input = hostile[i % hostile.length];
      const result = i % 2 ? api.validateCreate(input) : api.validateUpdate(input);
      assert.equal(result.ok, false);
      api.validateEmail(typeof input === 'string' ? input : 'a@@b');
    }
    assert.deepEqual(api.validateCreate({ email_address: 'jane@example.com', full_name: 'Jane Doe' }), { ok: true, value: { email_address: 'jane@example.com', full_name: 'Jane Doe' }, issues: [] });
    assert.deepEqual(api.validateEmail('jane@example.com').issues, []);
    assert.equal(api.validatePhone('+1 (415) 555-2671').issues[0].suggestion, '+14155552671');
  });
}
