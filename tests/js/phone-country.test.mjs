// The defaultCountry option through the public JS API (both builds: validatePhone, validateCreate, validateUpdate,
// validateBatch on rows and CSV) and the CLI's --country (check-phone, check-request, validate): suggestions, errors
// kept, the '+' rule, bad country codes as TypeError / exit 2, and nothing changed without the option.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBuilds } from './builds.mjs';

const builds = await loadBuilds();
const bin = fileURLToPath(new URL('../../bindings/js/bin/seamid.js', import.meta.url));
const cli = (args, input) => spawnSync(process.execPath, [bin, ...args], { input, encoding: 'utf8' });

/** The issue named `code` of a result, or undefined. */
const issue = (result, code) => result.issues.find((found) => found.code === code);

const national = [
  ['US', '(415) 555-2671', '+14155552671'],
  ['GB', '020 7946 0958', '+442079460958'],
  ['DE', '0151 23456789', '+4915123456789'],
  ['FR', '06 12 34 56 78', '+33612345678'],
  ['AU', '0412 345 678', '+61412345678'],
  ['JP', '090-1234-5678', '+819012345678'],
  ['IT', '02 1234 5678', '+390212345678'],
  ['AR', '011 15-2345-6789', '+5491123456789'],
  ['MX', '55 1234 5678', '+525512345678'],
  ['KZ', '8 (771) 000 9998', '+77710009998'],
  ['RU', '8 (912) 345-67-89', '+79123456789'],
  ['CA', '(613) 555-0123', '+16135550123'],
  ['US', '011 44 20 7946 0958', '+442079460958'],
  ['DE', '00 44 20 7946 0958', '+442079460958'],
  ['gb', '44 20 7946 0958', '+442079460958'],
];

for (const { name, api } of builds) {
  test(`${name}: validatePhone reads national numbers in the default country, as an error with the E.164 suggestion`, () => {
    for (const [country, value, e164] of national) {
      const result = api.validatePhone(value, { defaultCountry: country });
      assert.equal(result.ok, false, `${country} ${value}`);
      assert.equal(result.value, value);
      assert.deepEqual(result.issues.map((found) => found.code), ['phone_national_number'], `${country} ${value}`);
      const [found] = result.issues;
      assert.equal(found.severity, 'error');
      assert.equal(found.suggestion, e164, `${country} ${value}`);
      assert.deepEqual(found.path, ['phone_number']);
      assert.match(found.message, /E\.164 format.*default country/);
      assert.deepEqual(api.validatePhone(e164, { defaultCountry: country }).issues, []);
    }
  });

  test(`${name}: the plausibility rules apply to the suggestion; the profile raises them`, () => {
    const result = api.validatePhone('555-2671', { defaultCountry: 'US' });
    assert.deepEqual(result.issues.map((found) => [found.code, found.severity]),
      [['phone_national_number', 'error'], ['phone_invalid_length_for_prefix', 'warning']]);
    assert.equal(issue(result, 'phone_national_number').suggestion, '+15552671');
    const strict = api.validatePhone('555-2671', { defaultCountry: 'US', profile: 'strict' });
    assert.equal(issue(strict, 'phone_invalid_length_for_prefix').severity, 'error');
    // Also valid international elsewhere (+33 1 23 45 67 89): read in the default country, flagged as implausible there.
    const elsewhere = api.validatePhone('33 1 23 45 67 89', { defaultCountry: 'US', path: ['rows', 2, 'phone_number'] });
    assert.deepEqual(elsewhere.issues.map((found) => found.code), ['phone_national_number', 'phone_invalid_length']);
    assert.deepEqual(elsewhere.issues[0].path, ['rows', 2, 'phone_number']);
  });

  test(`${name}: a '+' number ignores the country; without the option nothing changes`, () => {
    assert.deepEqual(api.validatePhone('+442079460958', { defaultCountry: 'US' }).issues, []);
    const formatted = api.validatePhone('+44 20 7946 0958', { defaultCountry: 'US' });
    assert.deepEqual(formatted.issues.map((found) => [found.code, found.suggestion]), [['phone_formatted', '+442079460958']]);
    for (const options of [undefined, {}, { defaultCountry: undefined }, { defaultCountry: null }]) {
      const plain = api.validatePhone('(415) 555-2671', options);
      assert.deepEqual(plain.issues.map((found) => found.code), ['phone_missing_plus']);
      assert.equal(plain.issues[0].suggestion, undefined);
    }
    assert.deepEqual(api.validatePhone('415-555-CALL', { defaultCountry: 'US' }).issues.map((found) => found.code), ['phone_invalid_characters']);
    assert.deepEqual(api.validatePhone('', { defaultCountry: 'US' }).issues.map((found) => found.code), ['phone_empty']);
    assert.deepEqual(api.validatePhone(null, { defaultCountry: 'US' }).issues, []);
  });

  test(`${name}: an unknown, malformed or empty country code is a TypeError, in every validator`, async () => {
    for (const bad of ['XX', 'USA', '', 'U', '001', 'Ü', 'us ', 44, true, {}]) {
      const label = JSON.stringify(bad);
      assert.throws(() => api.validatePhone('(415) 555-2671', { defaultCountry: bad }), TypeError, label);
      assert.throws(() => api.validatePhone(null, { defaultCountry: bad }), TypeError, label);
      assert.throws(() => api.validateCreate({ phone_number: '(415) 555-2671' }, { defaultCountry: bad }), TypeError, label);
      assert.throws(() => api.validateUpdate('{}', { defaultCountry: bad }), /defaultCountry must be an ISO 3166-1 alpha-2/, label);
      const ws = api.createWorkspace([]);
      await assert.rejects(ws.validateBatch([{ phone_number: '1' }], { defaultCountry: bad }), TypeError, label);
      ws.dispose();
    }
    // Lower case is accepted (the core upper-cases it); the same answer as upper case.
    assert.deepEqual(api.validatePhone('020 7946 0958', { defaultCountry: 'gb' }), api.validatePhone('020 7946 0958', { defaultCountry: 'GB' }));
  });

  test(`${name}: validateCreate, validateUpdate and validateBatch take the option`, async () => {
    const created = api.validateCreate({ full_name: 'Jane', phone_number: '(415) 555-2671' }, { defaultCountry: 'US' });
    assert.deepEqual(created.issues.map((found) => [found.path, found.code, found.suggestion]),
      [[['phone_number'], 'phone_national_number', '+14155552671']]);
    const fromText = api.validateCreate('{"phone_number": "0412 345 678"}', { defaultCountry: 'AU', path: [4] });
    assert.deepEqual(fromText.issues.map((found) => [found.path, found.suggestion]), [[[4, 'phone_number'], '+61412345678']]);
    const updated = api.validateUpdate({ user_identity_id: '3fa85f64-5717-4562-b3fc-2c963f66afa6', phone_number: '06 12 34 56 78' },
      { defaultCountry: 'FR' });
    assert.equal(issue(updated, 'phone_national_number').suggestion, '+33612345678');
    assert.equal(issue(api.validateCreate({ phone_number: '(415) 555-2671' }), 'phone_missing_plus').suggestion, undefined);

    const ws = api.createWorkspace([]);
    try {
      const csv = 'full_name,phone_number\nJane,(415) 555-2671\nJohn,+14155550100\nAnn,011 44 20 7946 0958\n';
      const result = await ws.validateBatch(csv, { defaultCountry: 'US' });
      const phones = result.rows.flatMap((row) => row.issues.filter((found) => found.code === 'phone_national_number')
        .map((found) => [row.row, found.suggestion]));
      assert.deepEqual(phones.map(([, suggestion]) => suggestion), ['+14155552671', '+442079460958']);
      assert.equal(result.ok, false);
      const rows = await ws.validateBatch([{ phone_number: '020 7946 0958', full_name: 'Ann' }], { defaultCountry: 'GB' });
      assert.equal(rows.rows[0].issues.find((found) => found.code === 'phone_national_number').suggestion, '+442079460958');
      const without = await ws.validateBatch(csv);
      assert.ok(without.rows.every((row) => !row.issues.some((found) => found.code === 'phone_national_number')));
    } finally {
      ws.dispose();
    }
  });
}

test('CLI: check-phone --country', () => {
  const ok = cli(['check-phone', '(415) 555-2671', '+14155552671', '--country', 'US']);
  assert.equal(ok.status, 1);
  assert.match(ok.stdout, /error: phone_national_number: .* \(suggestion: \+14155552671\)/);
  assert.match(ok.stdout, /^ok +"\+14155552671"$/m);
  const json = cli(['check-phone', '020 7946 0958', '--country=gb', '--format', 'json']);
  assert.equal(JSON.parse(json.stdout)[0].issues[0].suggestion, '+442079460958');
  const bad = cli(['check-phone', '(415) 555-2671', '--country', 'XX']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--country "XX" is not an ISO 3166-1 alpha-2 country code/);
  assert.equal(cli(['check-phone', '(415) 555-2671', '--country']).status, 2);
  assert.match(cli(['check-phone', '(415) 555-2671']).stdout, /phone_missing_plus/);
});

test('CLI: check-request --country', () => {
  const result = cli(['check-request', '-', '--country', 'DE', '--format', 'json'], '{"phone_number": "0151 23456789"}');
  assert.equal(result.status, 1);
  const [report] = JSON.parse(result.stdout);
  assert.deepEqual(report.issues.map((found) => [found.code, found.suggestion]), [['phone_national_number', '+4915123456789']]);
  const bad = cli(['check-request', '-', '--country', 'Germany'], '{}');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--country "Germany"/);
});

test('CLI: validate --country on a CSV file', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'seamid-country-'));
  const file = path.join(dir, 'rows.csv');
  writeFileSync(file, 'full_name,phone_number\nJane,(415) 555-2671\nJohn,+14155550100\n');
  const result = cli(['validate', file, '--country', 'US']);
  assert.equal(result.status, 1, result.stderr);
  assert.match(result.stdout, /row 1 \(line 2\) phone_number: error phone_national_number: .*\(suggestion: \+14155552671\)/);
  const json = JSON.parse(cli(['validate', file, '--country', 'US', '--format', 'json']).stdout);
  assert.equal(json.rows[0].issues[0].suggestion, '+14155552671');
  const bad = cli(['validate', file, '--country', 'ZZ']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--country "ZZ"/);
  assert.doesNotMatch(cli(['validate', file]).stdout, /phone_national_number/);
});
