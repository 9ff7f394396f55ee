// node:test suite of validatePhone through the public JS API, on both builds, with the shared fixtures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, loadBuilds } from './builds.mjs';

const builds = await loadBuilds();
const { cases } = fixture('phone.json');

for (const { name, api } of builds) {
  test(`${name}: every shared phone fixture case`, () => {
    assert.ok(cases.length >= 30);
    for (const c of cases) {
      const options = c.profile ? { profile: c.profile } : undefined;
      const result = api.validatePhone(c.value, options);
      const label = `${c.name} (${JSON.stringify(c.value)})`;
      assert.deepEqual(result.issues.map((i) => i.code), c.codes, label);
      if (c.severities) assert.deepEqual(result.issues.map((i) => i.severity), c.severities, label);
      assert.equal(result.ok, c.accepted, label);
      assert.equal(result.value, c.value, label);
      const suggestions = result.issues.filter((i) => 'suggestion' in i).map((i) => i.suggestion);
      assert.deepEqual(suggestions, c.suggestion ? [c.suggestion] : [], label);
      for (const found of result.issues) {
        assert.deepEqual(found.path, ['phone_number'], label);
        assert.ok(found.message.length > 20, label);
      }
    }
  });

  test(`${name}: results are plain objects with no handles`, () => {
    const result = api.validatePhone('+1 415 555 2671');
    assert.equal(Object.getPrototypeOf(result), Object.prototype);
    assert.equal(Object.getPrototypeOf(result.issues[0]), Object.prototype);
    assert.deepEqual(JSON.parse(JSON.stringify(result)), result);
    assert.equal(typeof result.delete, 'undefined');
  });

  test(`${name}: null and undefined are unset values; other types are invalid_type errors`, () => {
    assert.deepEqual(api.validatePhone(null), { ok: true, value: null, issues: [] });
    assert.deepEqual(api.validatePhone(undefined).issues, []);
    for (const value of [14155552671, true, {}, [], 10n, Symbol('x'), () => '+1']) {
      const result = api.validatePhone(value);
      assert.equal(result.ok, false);
      assert.equal(result.issues.length, 1);
      assert.equal(result.issues[0].code, 'invalid_type');
      assert.match(result.issues[0].message, /^Expected a string or null, received /);
    }
  });

  test(`${name}: a custom path and the strict profile`, () => {
    const result = api.validatePhone('+99912345678', { profile: 'strict', path: ['rows', 3, 'phone_number'] });
    assert.deepEqual(result.issues[0].path, ['rows', 3, 'phone_number']);
    assert.equal(result.issues[0].severity, 'error');
    assert.equal(api.validatePhone('+99912345678', { profile: 'default' }).issues[0].severity, 'warning');
    assert.throws(() => api.validatePhone('+1', { profile: 'lenient' }), TypeError);
    assert.throws(() => api.validatePhone('+1', 'strict'), TypeError);
  });

  test(`${name}: hostile input never breaks the module`, () => {
    const hostile = [
      '+'.padEnd(10 * 1024 * 1024, '9'),           // 10 MB
      'x'.repeat(10 * 1024 * 1024),
      '7'.repeat(10 * 1024 * 1024),
      '\u0000'.repeat(1000),
      '+1\ud800415',                                // lone surrogate (becomes U+FFFD in UTF-8)
      '\udfff',
      '\u00e9'.repeat(100000),
      ' '.repeat(5_000_000) + '+14155552671',
    ];
    const codes = hostile.map((value) => api.validatePhone(value).issues[0]?.code);
    assert.deepEqual(codes, ['phone_too_long', 'phone_invalid_characters', 'phone_missing_plus', 'phone_invalid_characters', 'phone_invalid_characters',
      'phone_invalid_characters', 'phone_invalid_characters', 'phone_untrimmed']);
    for (let i = 0; i < 10_000; i++) api.validatePhone(hostile[i % hostile.length].slice(0, 64 + (i % 300)));
    assert.deepEqual(api.validatePhone('+14155552671'), { ok: true, value: '+14155552671', issues: [] });
    assert.equal(api.validatePhone('+1 (415) 555-2671').issues[0].suggestion, '+14155552671');
  });
}

test('both builds agree on the version and metadata', () => {
  assert.equal(builds[0].api.version, builds[1].api.version);
  assert.match(builds[0].api.phoneMetadata, /^libphonenumber-js \d+\.\d+\.\d+ metadata\.max\.json$/);
});
