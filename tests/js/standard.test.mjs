// seamid/standard: every Standard Schema object through the spec's contract, through @hookform/resolvers'
// standardSchemaResolver and seamid's own resolver, and through @tanstack/form-core, on the shared fixtures:
// the verdict is always the validation API's (only errors fail; warnings and info are reported beside the value).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { standardSchemaResolver } from '@hookform/resolvers/standard-schema';
import { FieldApi, FormApi } from '@tanstack/form-core';
import * as standard from '../../bindings/js/src/standard/node.js';
import { validateCreate, validateEmail, validatePhone, validateUpdate } from '../../bindings/js/src/validation-node.js';

const fixture = (name) => JSON.parse(readFileSync(new URL(`../fixtures/${name}.json`, import.meta.url), 'utf8')).cases;
const names = ['phoneNumber', 'emailAddress', 'userIdentityKey', 'fullName', 'createUserIdentity', 'updateUserIdentity'];
const errorsOf = (issues) => issues.filter((found) => found.severity === 'error');
const othersOf = (issues) => issues.filter((found) => found.severity !== 'error');
/** seamid issues as the spec's issues: the same objects, path relative to the validated value. */
const asSpec = (issues, dropFirst) => issues.map((found) => ({ ...found, path: dropFirst ? found.path.slice(1) : found.path })).map(({ message, path, code, severity, suggestion }) =>
  (suggestion === undefined ? { message, path, code, severity } : { message, path, code, severity, suggestion }));

/** Checks the Standard Schema v1 contract on one result; returns it. */
function contract(schema, value) {
  const props = schema['~standard'];
  assert.equal(props.version, 1);
  assert.equal(props.vendor, 'seamid');
  assert.equal(typeof props.validate, 'function');
  const result = props.validate(value);
  assert.equal(typeof result?.then, 'undefined', 'validate is synchronous');
  if (result.issues === undefined) assert.ok('value' in result, 'a success carries the value');
  else {
    assert.ok(Array.isArray(result.issues) && result.issues.length > 0, 'a failure has issues');
    assert.equal('value' in result, false);
    for (const issue of result.issues) {
      assert.equal(typeof issue.message, 'string');
      assert.ok(Array.isArray(issue.path) && issue.path.every((key) => typeof key === 'string' || typeof key === 'number'));
      assert.equal(typeof issue.code, 'string');
      assert.ok(['error', 'warning'].includes(issue.severity));
    }
  }
  return result;
}

/** The expected result of `schema` for `value`, from the validation API's own verdict. */
function expectedResult(value, found) {
  const failing = errorsOf(found);
  const result = failing.length > 0 ? { issues: failing } : { value };
  if (othersOf(found).length > 0) result.warnings = othersOf(found);
  return result;
}

test('every schema object: ~standard version 1, vendor seamid, synchronous validate', () => {
  for (const name of names) {
    const schema = standard[name];
    assert.deepEqual(Object.keys(schema['~standard']).sort(), ['validate', 'vendor', 'version']);
    contract(schema, undefined);
    contract(schema, 42);
  }
});

test('request fixtures: createUserIdentity / updateUserIdentity give validateCreate / validateUpdate verdicts', () => {
  const cases = fixture('identity-requests');
  assert.ok(cases.length > 20);
  for (const c of cases) {
    const input = c.text ?? (typeof c.request === 'string' ? JSON.stringify(c.request) : c.request); // from JS, a string is JSON text
    const options = c.profile ? { profile: c.profile } : undefined;
    const schema = c.profile ? standard.standardSchema(c.operation === 'create' ? 'createUserIdentity' : 'updateUserIdentity', options)
      : standard[c.operation === 'create' ? 'createUserIdentity' : 'updateUserIdentity'];
    const reference = (c.operation === 'create' ? validateCreate : validateUpdate)(input, options);
    const result = contract(schema, input);
    assert.deepEqual(result, expectedResult(input, asSpec(reference.issues)), c.name);
    // And against the fixture itself: the failing issues are exactly its errors.
    const fixtureErrors = c.issues.filter(([, , severity]) => severity === 'error').map(([path, code]) => [path, code]);
    assert.deepEqual((result.issues ?? []).map((issue) => [issue.path, issue.code]), fixtureErrors, c.name);
    assert.equal(result.issues === undefined, reference.ok, c.name);
  }
});

test('field fixtures: phoneNumber, emailAddress, userIdentityKey, fullName give the field validators\' verdicts', () => {
  const run = (cases, schemaName, reference, field) => {
    for (const c of cases) {
      const value = c.value ?? c.repeat.map(([text, count]) => text.repeat(count)).join('');
      const options = c.profile ? { profile: c.profile } : undefined;
      const schema = c.profile ? standard.standardSchema(schemaName, options) : standard[schemaName];
      const found = reference(value, options);
      const result = contract(schema, value);
      assert.deepEqual(result, expectedResult(value, asSpec(found, true)), c.name);
      assert.deepEqual([...(result.issues ?? []), ...(result.warnings ?? [])].map((issue) => issue.code).sort(), [...c.codes].sort(), c.name);
      assert.ok(!(field && result.issues?.some((issue) => issue.path.length > 0)), 'field issues are at the value itself');
    }
  };
  run(fixture('phone'), 'phoneNumber', (value, options) => validatePhone(value, options).issues, true);
  run(fixture('email'), 'emailAddress', (value, options) => validateEmail(value, options).issues, true);
  const text = fixture('text-fields');
  for (const [field, schemaName] of [['user_identity_key', 'userIdentityKey'], ['full_name', 'fullName']]) {
    run(text.filter((c) => c.field === field), schemaName,
      (value, options) => validateCreate({ [field]: value }, options).issues.filter((found) => found.path[0] === field), true);
  }
});

test('warnings never fail by default and are reachable as result.warnings; warnings: "block" makes them fail', () => {
  const reported = standard.userIdentityKey['~standard'].validate(' user-42');
  assert.equal(reported.issues, undefined);
  assert.equal(reported.value, ' user-42');
  assert.deepEqual(reported.warnings.map((issue) => [issue.code, issue.severity, issue.suggestion]), [['surrounding_whitespace', 'warning', 'user-42']]);
  const blocking = standard.standardSchema('userIdentityKey', { warnings: 'block' });
  assert.deepEqual(blocking['~standard'].validate(' user-42').issues.map((issue) => issue.code), ['surrounding_whitespace']);
  assert.deepEqual(blocking['~standard'].validate('user-42'), { value: 'user-42' });
  // info never blocks, even with warnings: 'block'.
  const update = standard.standardSchema('updateUserIdentity', { warnings: 'block' });
  const cleared = update['~standard'].validate({ user_identity_id: '3fa85f64-5717-4562-b3fc-2c963f66afa6', phone_number: null });
  assert.equal(cleared.issues, undefined);
  assert.deepEqual(cleared.warnings.map((issue) => issue.code), ['field_cleared']);
  // strict profile: plausibility findings become errors.
  assert.equal(standard.phoneNumber['~standard'].validate('+1415555267').issues, undefined);
  assert.deepEqual(standard.standardSchema('phoneNumber', { profile: 'strict' })['~standard'].validate('+1415555267').issues.map((issue) => issue.code), ['phone_invalid_length']);
  // a suggestion stays on the issue.
  assert.equal(standard.phoneNumber['~standard'].validate('+1 (415) 555-2671').issues[0].suggestion, '+14155552671');
});

test('standardSchema: a programmer\'s mistake is a TypeError; defaultCountry is passed to validatePhone', () => {
  assert.throws(() => standard.standardSchema('phone'), TypeError);
  assert.throws(() => standard.standardSchema('toString'), TypeError);
  assert.throws(() => standard.standardSchema('phoneNumber', { warnings: 'ignore' }), TypeError);
  assert.throws(() => standard.standardSchema('phoneNumber', { profile: 'lenient' }), TypeError);
  assert.throws(() => standard.standardSchema('phoneNumber', { defaultCountry: 1 }), TypeError);
  assert.throws(() => standard.standardSchema('phoneNumber', { colour: 'red' }), TypeError);
  assert.throws(() => standard.seamidResolver({}), TypeError);
  // With a default country the verdict is validatePhone's with the same option (whatever that function makes of it).
  const withCountry = standard.standardSchema('phoneNumber', { defaultCountry: 'US' })['~standard'].validate('+14155552671');
  assert.deepEqual(withCountry, { value: '+14155552671' });
});

test('@hookform/resolvers standardSchemaResolver: the same failing fields as validateCreate / validateUpdate, values when valid', async () => {
  for (const c of fixture('identity-requests').filter((c) => c.request && typeof c.request === 'object' && !c.profile)) {
    const create = c.operation === 'create';
    const resolver = standardSchemaResolver(create ? standard.createUserIdentity : standard.updateUserIdentity);
    const reference = (create ? validateCreate : validateUpdate)(c.request);
    const { values, errors } = await resolver(c.request, undefined, { fields: {}, shouldUseNativeValidation: false });
    const errorPaths = [...new Set(errorsOf(reference.issues).map((found) => (found.path.length ? found.path.join('.') : 'root')))];
    if (reference.ok) {
      assert.deepEqual(values, c.request, c.name);
      assert.deepEqual(errors, {}, c.name);
    } else {
      assert.deepEqual(values, {}, c.name);
      const flat = (object, prefix = '') => Object.entries(object).flatMap(([key, value]) =>
        (value && typeof value.message === 'string' ? [prefix + key] : flat(value, `${prefix}${key}.`)));
      assert.deepEqual(flat(errors).sort(), errorPaths.sort(), c.name);
    }
  }
});

test('seamidResolver: react-hook-form errors whose type is seamid\'s code; every code with criteriaMode all', () => {
  const resolver = standard.seamidResolver(standard.createUserIdentity);
  const valid = { email_address: 'jane@example.com', user_identity_key: ' user-42' };
  assert.deepEqual(resolver(valid, undefined, {}), { values: valid, errors: {} });
  const ref = { name: 'email_address' };
  const { values, errors } = resolver({ email_address: 'jane@example', phone_number: '+1 415 555 2671' }, undefined, { fields: { email_address: { ref } } });
  assert.deepEqual(values, {});
  assert.equal(errors.email_address.type, 'email_missing_tld');
  assert.equal(errors.email_address.ref, ref);
  assert.equal(errors.phone_number.type, 'phone_formatted');
  assert.equal(errors.phone_number.message, validatePhone('+1 415 555 2671').issues[0].message);
  const nested = resolver({ email_address: 'a@b.co', acs_system_ids: ['nope'] }, undefined, { criteriaMode: 'all' });
  const [code] = Object.keys(nested.errors.acs_system_ids[0].types);
  assert.equal(nested.errors.acs_system_ids[0].type, code);
  assert.deepEqual(validateCreate({ email_address: 'a@b.co', acs_system_ids: ['nope'] }).issues.map((found) => [found.path, found.code]), [[['acs_system_ids', 0], code]]);
  const update = standard.seamidResolver(standard.updateUserIdentity)({ email_address: 'a@b.co' }, undefined, {});
  assert.equal(update.errors.user_identity_id.type, 'missing_field');
});

test('@tanstack/form-core: the form-level schema blocks submit with the issues on the fields; a valid form submits', async () => {
  let checked = 0;
  for (const c of fixture('identity-requests').filter((c) => c.request && !c.profile && !Array.isArray(c.request) && c.request.constructor === Object)) {
    const create = c.operation === 'create';
    let submitted = null;
    const form = new FormApi({ defaultValues: c.request, validators: { onSubmit: create ? standard.createUserIdentity : standard.updateUserIdentity }, onSubmit: ({ value }) => { submitted = value; } });
    form.mount();
    const fields = Object.keys(c.request).map((name) => new FieldApi({ form, name }));
    for (const field of fields) field.mount();
    await form.handleSubmit();
    const reference = (create ? validateCreate : validateUpdate)(c.request);
    assert.equal(submitted !== null, reference.ok, c.name);
    checked += 1;
    for (const field of fields) {
      // TanStack files an issue at ['acs_system_ids', 0] under the field acs_system_ids[0]: a field's own are at [name].
      const expected = errorsOf(reference.issues).filter((found) => found.path.length === 1 && found.path[0] === field.name).map((found) => found.code);
      assert.deepEqual((field.state.meta.errors ?? []).flat().map((issue) => issue.code), expected, `${c.name}: ${field.name}`);
    }
  }
  assert.ok(checked > 10);
  // Each field schema as a field-level validator, on its fixture: the field's errors are the validator's.
  const fieldCases = [['phoneNumber', fixture('phone'), (value) => validatePhone(value).issues],
    ['emailAddress', fixture('email'), (value) => validateEmail(value).issues],
    ...[['userIdentityKey', 'user_identity_key'], ['fullName', 'full_name']].map(([name, field]) => [name, fixture('text-fields').filter((c) => c.field === field),
      (value) => validateCreate({ [field]: value }).issues.filter((found) => found.path[0] === field)])];
  for (const [name, cases, reference] of fieldCases) {
    for (const c of cases.filter((c) => !c.profile && c.value !== undefined)) {
      const form = new FormApi({ defaultValues: { field: null } });
      form.mount();
      const field = new FieldApi({ form, name: 'field', validators: { onChange: standard[name] } });
      field.mount();
      field.setValue(c.value);
      assert.deepEqual(field.state.meta.errors.map((issue) => issue.code), errorsOf(reference(c.value)).map((found) => found.code), `${name}: ${c.name}`);
    }
  }
  // A field-level schema too: the field's own errors while typing.
  const form = new FormApi({ defaultValues: { phone_number: '' } });
  form.mount();
  const phone = new FieldApi({ form, name: 'phone_number', validators: { onChange: standard.phoneNumber } });
  phone.mount();
  phone.setValue('+1 415 555 2671');
  assert.deepEqual(phone.state.meta.errors.map((issue) => [issue.code, issue.suggestion]), [['phone_formatted', '+14155552671']]);
  phone.setValue('+14155552671');
  assert.deepEqual(phone.state.meta.errors, []);
});
