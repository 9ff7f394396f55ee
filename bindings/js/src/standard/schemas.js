// Standard Schema v1 objects (https://standardschema.dev) over the validation API: react-hook-form, TanStack Form,
// Conform and others validate with seamid without an adapter. The core decides every verdict; this file only maps
// seamid's issues to the spec's result shape (errors fail; warnings and info are reported beside the value).

/** The kinds `standardSchema` knows, each with how it calls the validation API. */
const kinds = {
  phoneNumber: { field: 'phone_number' },
  emailAddress: { field: 'email_address' },
  userIdentityKey: { field: 'user_identity_key', request: true },
  fullName: { field: 'full_name', request: true },
  createUserIdentity: { operation: 'create' },
  updateUserIdentity: { operation: 'update' },
};
const optionNames = ['profile', 'warnings', 'defaultCountry'];

/** Checks the factory's options: a programmer's mistake is a TypeError, as in the rest of the API. */
function checkSchemaOptions(options) {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object') throw new TypeError('seamid: standardSchema options must be an object');
  const unknown = Object.keys(options).filter((name) => !optionNames.includes(name));
  if (unknown.length > 0) throw new TypeError(`seamid: unknown standardSchema option ${unknown[0]} (expected one of ${optionNames.join(', ')})`);
  if (options.profile !== undefined && options.profile !== 'default' && options.profile !== 'strict')
    throw new TypeError('seamid: options.profile must be "default" or "strict"');
  if (options.warnings !== undefined && options.warnings !== 'report' && options.warnings !== 'block')
    throw new TypeError('seamid: options.warnings must be "report" or "block"');
  if (options.defaultCountry !== undefined && typeof options.defaultCountry !== 'string')
    throw new TypeError('seamid: options.defaultCountry must be a string such as "US"');
  return options;
}

/** One issue in the spec's shape, keeping seamid's code, severity and suggestion. */
function specIssue(found, path) {
  const issue = { message: found.message, path, code: found.code, severity: found.severity };
  if (found.suggestion !== undefined) issue.suggestion = found.suggestion;
  return issue;
}

/** The Standard Schema factory bound to a loaded validation API (`validatePhone`, `validateEmail`, ...). */
export function createStandard(api) {
  /** seamid's issues for `value`, with paths relative to the value (a field schema validates the bare value). */
  function findIssues(kind, value, options) {
    const call = { profile: options.profile };
    if (kind.operation === 'create') return api.validateCreate(value, call).issues;
    if (kind.operation === 'update') return api.validateUpdate(value, call).issues;
    if (kind.request) {
      // user_identity_key and full_name have no field validator of their own: the request validator checks them.
      const issues = api.validateCreate({ [kind.field]: value }, call).issues;
      return issues.filter((found) => found.path[0] === kind.field).map((found) => ({ ...found, path: found.path.slice(1) }));
    }
    call.path = [];
    if (kind.field === 'phone_number') {
      if (options.defaultCountry !== undefined) call.defaultCountry = options.defaultCountry;
      return api.validatePhone(value, call).issues;
    }
    return api.validateEmail(value, call).issues;
  }

  /**
   * A Standard Schema object for `kind` (see `kinds`). Options: `profile` ('default' | 'strict'), `warnings`
   * ('report': warnings never fail and come back as `result.warnings`; 'block': they fail like errors),
   * `defaultCountry` for phone numbers. `validate` is synchronous.
   */
  function standardSchema(kind, options) {
    const spec = Object.prototype.hasOwnProperty.call(kinds, kind) ? kinds[kind] : undefined;
    if (spec === undefined) throw new TypeError(`seamid: unknown schema kind ${String(kind)} (expected one of ${Object.keys(kinds).join(', ')})`);
    const checked = checkSchemaOptions(options);
    const block = checked.warnings === 'block';
    const validate = (value) => {
      const failing = [];
      const warnings = [];
      for (const found of findIssues(spec, value, checked)) {
        const issue = specIssue(found, found.path);
        if (found.severity === 'error' || (block && found.severity === 'warning')) failing.push(issue);
        else warnings.push(issue);
      }
      const result = failing.length > 0 ? { issues: failing } : { value };
      if (warnings.length > 0) result.warnings = warnings;
      return result;
    };
    return { '~standard': { version: 1, vendor: 'seamid', validate }, kind };
  }

  return {
    standardSchema,
    phoneNumber: standardSchema('phoneNumber'),
    emailAddress: standardSchema('emailAddress'),
    userIdentityKey: standardSchema('userIdentityKey'),
    fullName: standardSchema('fullName'),
    createUserIdentity: standardSchema('createUserIdentity'),
    updateUserIdentity: standardSchema('updateUserIdentity'),
    seamidResolver,
  };
}

/** Sets `value` at `path` in `target`, creating objects (arrays for numeric steps) on the way. */
function setAt(target, path, value) {
  let node = target;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i];
    if (node[key] === undefined || node[key] === null || typeof node[key] !== 'object') node[key] = typeof path[i + 1] === 'number' ? [] : {};
    node = node[key];
  }
  node[path[path.length - 1]] = value;
}

/**
 * A react-hook-form resolver for a seamid Standard Schema: like @hookform/resolvers' standardSchemaResolver, but
 * each error's `type` is seamid's code (e.g. `email_missing_tld`), `types` holds every code of the field when
 * criteriaMode is 'all', and request-level errors go to `errors.root`.
 */
export function seamidResolver(schema) {
  if (!schema || typeof schema !== 'object' || !schema['~standard'] || typeof schema['~standard'].validate !== 'function')
    throw new TypeError('seamid: seamidResolver needs a Standard Schema object');
  return (values, _context, options) => {
    const result = schema['~standard'].validate(values);
    if (!result.issues) return { values: result.value, errors: {} };
    const byPath = new Map();
    for (const issue of result.issues) {
      const path = issue.path && issue.path.length > 0 ? issue.path.map((step) => (typeof step === 'object' ? step.key : step)) : ['root'];
      const key = path.join('.');
      let entry = byPath.get(key);
      if (entry === undefined) {
        const name = path.join('.');
        entry = { path, error: { type: issue.code, message: issue.message } };
        const ref = options && options.fields && options.fields[name] && options.fields[name].ref;
        if (ref) entry.error.ref = ref;
        byPath.set(key, entry);
      }
      if (options && options.criteriaMode === 'all') (entry.error.types ??= {})[issue.code] = issue.message;
    }
    const errors = {};
    for (const { path, error } of byPath.values()) setAt(errors, path, error);
    return { values: {}, errors };
  };
}
