// node:test suite of the ACS-link API (createAcsModel, auditAcsSnapshot) on both builds, with the shared
// fixtures tests/fixtures/acs*.json that tests/unit-acs.cpp also runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, loadBuilds } from './builds.mjs';

const builds = await loadBuilds();
const shared = fixture('acs.json');
const auditFixture = fixture('acs-audit.json');
const badInput = fixture('acs-bad-input.json');

/** Checks a preflight result against a fixture case or scenario step. */
function checkResult(result, expected, label) {
  assert.equal(result.verdict, expected.verdict, label);
  assert.deepEqual(result.issues.map((i) => i.code), expected.codes, label);
  const hasError = result.issues.some((i) => i.severity === 'error');
  assert.equal(result.ok, !hasError, label);
  assert.equal(expected.verdict === 'refused', hasError, label);
  for (const found of result.issues) assert.ok(found.message.length > 30, `${label}: ${found.message}`);
  if (expected.severities) assert.deepEqual(result.issues.map((i) => i.severity), expected.severities, label);
  if (expected.paths) assert.deepEqual(result.issues.map((i) => i.path), expected.paths, label);
  if (expected.mentions) {
    const all = result.issues.map((i) => i.message).join('\n');
    for (const id of expected.mentions) assert.ok(all.includes(id), `${label}: ${id} in ${all}`);
  }
  if (expected.plan) assert.deepEqual(result.acs_systems, expected.plan, label);
}

const preflightBy = (model, c) => {
  const options = c.profile ? { profile: c.profile } : undefined;
  switch (c.operation) {
    case '/user_identities/add_acs_user': return model.preflightAddAcsUser(c.request);
    case '/user_identities/remove_acs_user': return model.preflightRemoveAcsUser(c.request);
    case '/acs/users/create': return model.preflightCreateAcsUser(c.request, options);
    case '/user_identities/create': return model.preflightCreateUserIdentity(c.request);
    default: return model.preflight(c.operation, c.request, options);
  }
};

const sortedPairs = (issues) => issues.map((i) => `${i.code} ${JSON.stringify(i.path)}`).sort();

for (const { name, api } of builds) {
  test(`${name}: the fixture snapshot loads cleanly, from an object or from JSON text`, () => {
    for (const snapshot of [shared.snapshot, JSON.stringify(shared.snapshot)]) {
      const model = api.createAcsModel(snapshot);
      try {
        assert.deepEqual(model.issues, []);
        assert.deepEqual(model.stats(), { acs_systems: 4, acs_users: 11, user_identities: 4, consistent: true });
        assert.deepEqual(model.audit().issues, []);
      } finally {
        model.dispose();
      }
    }
  });

  test(`${name}: every preflight verdict of the shared cases, by the named method and by preflight()`, () => {
    const model = api.createAcsModel(shared.snapshot);
    try {
      assert.ok(shared.cases.length >= 35);
      for (const c of shared.cases) {
        checkResult(preflightBy(model, c), c, c.name);
        checkResult(model.preflight(c.operation, c.request, c.profile ? { profile: c.profile } : undefined), c, `${c.name} (preflight)`);
      }
      assert.equal(model.stats().consistent, true);
    } finally {
      model.dispose();
    }
  });

  test(`${name}: the packed fast path and the JSON path give identical link results`, () => {
    const model = api.createAcsModel(shared.snapshot);
    try {
      for (const c of shared.cases.filter((c) => c.operation.endsWith('_acs_user'))) {
        const fast = c.operation.endsWith('add_acs_user') ? model.preflightAddAcsUser(c.request) : model.preflightRemoveAcsUser(c.request);
        assert.deepEqual(fast, model.preflight(c.operation, c.request), c.name);
        assert.equal(Object.getPrototypeOf(fast), Object.prototype);
      }
    } finally {
      model.dispose();
    }
  });

  test(`${name}: snapshot text with non-ASCII names, from the first character on, loads and reads back unchanged`, () => {
    const snapshot = structuredClone(shared.snapshot);
    const names = ['\u{1F600} Zoë', 'José Ñúñez', '東京 太郎', 'a\u00e9'.repeat(5000), ''];
    const users = snapshot.acs_users.acs_users;
    users.forEach((user, i) => { user.full_name = names[i % names.length]; });
    // The text starts with a non-ASCII member, so the writer's first pass stops at once and the second writes the rest.
    const text = `{"\u00e9":1,${JSON.stringify(snapshot).slice(1)}`;
    for (const input of [text, snapshot]) {
      const model = api.createAcsModel(input);
      try {
        assert.deepEqual(model.issues.filter((i) => i.severity === 'error'), []);
        assert.equal(model.stats().acs_users, users.length);
        for (const user of users.filter((u) => u.user_identity_id)) {
          const listed = model.listAcsUsers(user.user_identity_id).acs_users.find((u) => u.acs_user_id === user.acs_user_id);
          assert.equal(listed.full_name, user.full_name, user.acs_user_id);
        }
      } finally {
        model.dispose();
      }
    }
    assert.deepEqual(api.auditAcsSnapshot(text), api.auditAcsSnapshot(snapshot));
  });

  test(`${name}: the fast path reads a character at any position of an id exactly as the JSON path does`, () => {
    const model = api.createAcsModel(shared.snapshot);
    try {
      const identity = shared.snapshot.user_identities[0].user_identity_id;
      const acsUser = shared.snapshot.acs_users.acs_users.find((u) => u.user_identity_id === identity).acs_user_id;
      // Hex digits of both cases, their neighbours in ASCII, dashes, NUL, and non-ASCII characters (two and three
      // UTF-8 bytes, a lone surrogate) whose low seven bits are a hex digit or a dash.
      const replacements = ['0', '9', 'a', 'f', 'A', 'F', 'g', 'G', '/', ':', '@', '`', '-', ' ', '\0',
        '\u0130', '\u01e1', '\u0661', '\uff10', '\u012d', '\ud83d'];
      let compared = 0;
      for (let at = 0; at < 36; at++) {
        for (const character of replacements) {
          const id = (base) => base.slice(0, at) + character + base.slice(at + 1);
          for (const request of [{ user_identity_id: id(identity), acs_user_id: acsUser }, { user_identity_id: identity, acs_user_id: id(acsUser) }]) {
            const label = `${at} ${JSON.stringify(request)}`;
            assert.deepEqual(model.preflightAddAcsUser(request), model.preflight('/user_identities/add_acs_user', request), label);
            assert.deepEqual(model.preflightRemoveAcsUser(request), model.preflight('/user_identities/remove_acs_user', request), label);
            compared++;
          }
        }
      }
      assert.equal(compared, 36 * replacements.length * 2);
    } finally {
      model.dispose();
    }
  });

  test(`${name}: preflightAddAcsUsers / preflightRemoveAcsUsers give each request's single-call result, and the verdict methods its verdict`, () => {
    const model = api.createAcsModel(shared.snapshot);
    try {
      const identities = shared.snapshot.user_identities.map((p) => p.user_identity_id);
      const acsUsers = shared.snapshot.acs_users.acs_users.map((u) => u.acs_user_id);
      const ids = [...identities, ...acsUsers, identities[0].toUpperCase(), '00000000-0000-4000-8000-000000000000', 'z'.repeat(36)];
      const requests = [];
      for (const identity of ids) for (const acsUser of ids) requests.push({ user_identity_id: identity, acs_user_id: acsUser });
      // Requests the batch cannot take as they are go one by one, in place: bad shapes, non-ASCII, extra fields.
      const cyclic = {};
      cyclic.self = cyclic;
      const odd = [null, undefined, 5, 'x', [], cyclic, {}, { user_identity_id: identities[0] }, { user_identity_id: 5, acs_user_id: acsUsers[0] },
        { user_identity_id: 'x'.repeat(100_000), acs_user_id: acsUsers[0] }, { user_identity_id: '\u00e9'.repeat(36), acs_user_id: acsUsers[0] },
        { user_identity_id: '\ud800'.repeat(36), acs_user_id: '\udfff'.repeat(36) }, { user_identity_id: identities[0], acs_user_id: acsUsers[0], extra: 1 }];
      odd.forEach((request, k) => requests.splice(7 + 13 * k, 0, request));
      assert.ok(requests.length > 300);
      // The requests of two 36-character ASCII ids: the batch sends them to the module together (a chunk with a
      // non-ASCII id in it goes one by one).
      const clean = requests.filter((r) => r && typeof r === 'object' && !Array.isArray(r) && /^[\x00-\x7f]{36}$/.test(r.user_identity_id)
        && /^[\x00-\x7f]{36}$/.test(r.acs_user_id));
      assert.ok(clean.length > 250);
      for (const list of [requests, clean]) {
        const verdicts = new Set();
        for (const add of [true, false]) {
          const many = add ? model.preflightAddAcsUsers(list) : model.preflightRemoveAcsUsers(list);
          const onlyVerdicts = add ? model.addAcsUserVerdicts(list) : model.removeAcsUserVerdicts(list);
          assert.equal(many.length, list.length);
          assert.equal(onlyVerdicts.length, list.length);
          list.forEach((request, i) => {
            const one = add ? model.preflightAddAcsUser(request) : model.preflightRemoveAcsUser(request);
            assert.deepEqual(many[i], one, `${add ? 'add' : 'remove'} #${i}`);
            assert.equal(onlyVerdicts[i], one.verdict, `${add ? 'add' : 'remove'} verdict #${i}`);
            assert.equal(Object.getPrototypeOf(many[i]), Object.prototype);
            verdicts.add(`${add} ${one.verdict}`);
          });
        }
        assert.deepEqual([...verdicts].sort(), ['false allowed', 'false refused', 'true allowed', 'true no_op', 'true refused']);
      }
      // Edge sizes: empty, one, a non-ASCII request inside an otherwise clean chunk, more than one chunk (4,096).
      assert.deepEqual(model.preflightAddAcsUsers([]), []);
      assert.deepEqual(model.preflightAddAcsUsers([requests[0]]), [model.preflightAddAcsUser(requests[0])]);
      const mixed = [...clean.slice(0, 20), { user_identity_id: identities[1].slice(0, 35) + '\u0130', acs_user_id: acsUsers[1] }, ...clean.slice(20, 40)];
      assert.deepEqual(model.preflightAddAcsUsers(mixed), mixed.map((r) => model.preflightAddAcsUser(r)));
      assert.deepEqual(model.addAcsUserVerdicts(mixed), mixed.map((r) => model.preflightAddAcsUser(r).verdict));
      const big = Array.from({ length: 9000 }, (_, i) => clean[(i * 31) % clean.length]);
      assert.deepEqual(model.preflightRemoveAcsUsers(big), big.map((r) => model.preflightRemoveAcsUser(r)));
      assert.deepEqual(model.removeAcsUserVerdicts(big), big.map((r) => model.preflightRemoveAcsUser(r).verdict));
      assert.deepEqual(model.addAcsUserVerdicts([]), []);
      for (const notArray of [null, undefined, 'x', {}, requests[0]]) {
        assert.throws(() => model.preflightAddAcsUsers(notArray), TypeError);
        assert.throws(() => model.preflightRemoveAcsUsers(notArray), TypeError);
        assert.throws(() => model.addAcsUserVerdicts(notArray), TypeError);
        assert.throws(() => model.removeAcsUserVerdicts(notArray), TypeError);
      }
      assert.equal(model.stats().consistent, true);
    } finally {
      model.dispose();
    }
    assert.throws(() => model.preflightAddAcsUsers([]), /disposed/);
    assert.throws(() => model.addAcsUserVerdicts([]), /disposed/);
  });

  test(`${name}: the fast link path gives the JSON path's results through every change to the model`, () => {
    // Every id of the fixture, and the same ids built anew (equal strings, other objects), in both roles.
    const ids = new Set(['00000000-0000-4000-8000-000000000000']);
    for (const user of shared.snapshot.acs_users.acs_users) ids.add(user.acs_user_id);
    for (const person of shared.snapshot.user_identities) ids.add(person.user_identity_id);
    for (const scenario of shared.scenarios)
      for (const step of scenario.steps) for (const key of ['acs_user_id', 'user_identity_id']) if (step.record?.[key]) ids.add(step.record[key]);
    const all = [...ids, ...[...ids].map((id) => [...id].join(''))];
    const compareAll = (model, label) => {
      let compared = 0;
      for (const user_identity_id of all) {
        for (const acs_user_id of all) {
          const request = { user_identity_id, acs_user_id };
          assert.deepEqual(model.preflightAddAcsUser(request), model.preflight('/user_identities/add_acs_user', request), `${label} add`);
          assert.deepEqual(model.preflightRemoveAcsUser(request), model.preflight('/user_identities/remove_acs_user', request), `${label} remove`);
          compared++;
        }
      }
      return compared;
    };
    for (const scenario of shared.scenarios) {
      const model = api.createAcsModel(shared.snapshot);
      try {
        let compared = compareAll(model, `${scenario.name} / loaded`);
        scenario.steps.forEach((step, index) => {
          const label = `${scenario.name} / step ${index} ${step.step}`;
          switch (step.step) {
            case 'link': model.linkAcsUser(step.request); break;
            case 'unlink': model.unlinkAcsUser(step.request); break;
            case 'put_acs_user': model.putAcsUser(step.record); break;
            case 'put_user_identity': model.putUserIdentity(step.record); break;
            case 'put_acs_system': model.putAcsSystem(step.record); break;
            case 'delete_acs_user': model.deleteAcsUser(step.id); break;
            case 'delete_user_identity': model.deleteUserIdentity(step.id); break;
            case 'delete_acs_system': model.deleteAcsSystem(step.id); break;
            default: return;  // steps that only read
          }
          compared += compareAll(model, label);
        });
        assert.deepEqual(model.load(shared.snapshot), []);  // a refresh
        compared += compareAll(model, `${scenario.name} / reloaded`);
        assert.ok(compared > 500, `${compared} comparisons`);
      } finally {
        model.dispose();
      }
    }
  });

  test(`${name}: scenarios run step by step on a live model`, () => {
    for (const scenario of shared.scenarios) {
      const model = api.createAcsModel(shared.snapshot);
      try {
        scenario.steps.forEach((step, index) => {
          const label = `${scenario.name} / step ${index} ${step.step}`;
          switch (step.step) {
            case 'link':
            case 'unlink': {
              const result = step.step === 'link' ? model.linkAcsUser(step.request) : model.unlinkAcsUser(step.request);
              checkResult(result, step, label);
              assert.equal(result.applied, step.applied, label);
              break;
            }
            case 'preflight': checkResult(preflightBy(model, step), step, label); break;
            case 'list_acs_users':
            case 'list_acs_systems': {
              const users = step.step === 'list_acs_users';
              const result = users ? model.listAcsUsers(step.user_identity_id) : model.listAcsSystems(step.user_identity_id);
              const items = users ? result.acs_users : result.acs_systems;
              assert.deepEqual(items.map((item) => (users ? item.acs_user_id : item.acs_system_id)), step.ids, label);
              assert.deepEqual(result.issues.map((i) => i.code), step.codes ?? [], label);
              assert.equal(result.ok, (step.codes ?? []).length === 0, label);
              break;
            }
            case 'put_acs_user': assert.deepEqual(model.putAcsUser(step.record).map((i) => i.code), step.codes, label); break;
            case 'put_user_identity': assert.deepEqual(model.putUserIdentity(step.record).map((i) => i.code), step.codes, label); break;
            case 'put_acs_system': assert.deepEqual(model.putAcsSystem(step.record).map((i) => i.code), step.codes, label); break;
            case 'delete_acs_user': assert.equal(model.deleteAcsUser(step.id), step.result, label); break;
            case 'delete_user_identity': assert.equal(model.deleteUserIdentity(step.id), step.result, label); break;
            case 'delete_acs_system': assert.equal(model.deleteAcsSystem(step.id), step.result, label); break;
            case 'counts': {
              const { consistent, ...counts } = model.stats();
              assert.deepEqual(counts, { acs_systems: step.acs_systems, acs_users: step.acs_users, user_identities: step.user_identities }, label);
              break;
            }
            case 'audit': assert.deepEqual(model.audit().issues.map((i) => i.code), step.codes, label); break;
            default: assert.fail(`unknown step ${step.step}`);
          }
          assert.equal(model.stats().consistent, true, label);
        });
      } finally {
        model.dispose();
      }
    }
  });

  test(`${name}: list results carry the model's fields`, () => {
    const model = api.createAcsModel(shared.snapshot);
    try {
      const jane = shared.snapshot.user_identities[0].user_identity_id;
      const { acs_users: users } = model.listAcsUsers(jane);
      assert.deepEqual(Object.keys(users[0]).sort(),
        ['acs_system_id', 'acs_user_id', 'display_name', 'email_address', 'full_name', 'is_suspended', 'phone_number', 'user_identity_id']);
      assert.equal(users[0].user_identity_id, jane);
      const { acs_systems: systems } = model.listAcsSystems(jane);
      assert.deepEqual(systems.map((s) => s.name), ['Brivo Warehouse', 'Latch Lofts', 'Salto HQ']);
      assert.equal(systems[0].external_type, 'brivo_account');
      assert.deepEqual(model.listAcsUsers(42).issues.map((i) => i.code), ['invalid_type']);
    } finally {
      model.dispose();
    }
  });

  test(`${name}: audit of a snapshot with violations already in it`, () => {
    const { expected } = auditFixture;
    const model = api.createAcsModel(auditFixture.snapshot);
    try {
      const report = model.audit();
      assert.equal(report.ok, expected.ok);
      assert.equal(report.violations, expected.violations);
      assert.equal(report.mismatches, expected.mismatches);
      assert.deepEqual(report.counts, expected.counts);
      assert.deepEqual(report.issues.map((i) => [i.code, i.path]), expected.issues.map((i) => [i.code, i.path]));
      report.issues.forEach((found, i) => {
        for (const text of expected.issues[i].mentions) assert.ok(found.message.includes(text), `${found.message} mentions ${text}`);
      });
    } finally {
      model.dispose();
    }
    const oneCall = api.auditAcsSnapshot(JSON.stringify(auditFixture.snapshot));
    assert.equal(oneCall.ok, false);
    assert.equal(oneCall.violations, expected.violations);
    assert.deepEqual(oneCall.counts, expected.counts);
  });

  test(`${name}: bad input gives issues with paths and a consistent model`, () => {
    assert.ok(badInput.cases.length >= 15);
    for (const c of badInput.cases) {
      const model = api.createAcsModel(c.text ?? c.snapshot);
      try {
        assert.deepEqual(sortedPairs(model.issues), sortedPairs(c.issues), c.name);
        const stats = model.stats();
        assert.equal(stats.consistent, true, c.name);
        for (const key of Object.keys(c.counts)) assert.equal(stats[key], c.counts[key], `${c.name}: ${key}`);
        if (c.audit) assert.deepEqual(model.audit().issues.map((i) => i.code), c.audit, c.name);
      } finally {
        model.dispose();
      }
    }
  });

  test(`${name}: hostile input never breaks the module, and it still answers afterwards`, () => {
    const model = api.createAcsModel(shared.snapshot);
    try {
      const cyclic = {};
      cyclic.self = cyclic;
      const hostile = ['', '['.repeat(1 << 20), '{"acs_users": [\u0000]}', `{"acs_users": [{"acs_user_id": "${'a'.repeat(10 * 1024 * 1024)}"}]}`,
        '{"acs_users": [{"acs_user_id": "\ud800"}]}', cyclic, 10n, { acs_users: [{ acs_user_id: '\u0000'.repeat(36), acs_system_id: 5 }] }];
      for (const value of hostile) {
        assert.ok(model.load(value).length > 0);
        assert.equal(model.stats().consistent, true);
      }
      for (const request of [null, undefined, 5, 'x', [], cyclic, { user_identity_id: 'x'.repeat(5_000_000), acs_user_id: '\u00e9'.repeat(36) },
        { user_identity_id: '\ud800'.repeat(36), acs_user_id: '\udfff'.repeat(36) }]) {
        const result = model.preflightAddAcsUser(request);
        assert.equal(result.ok, false);
        assert.equal(result.verdict, 'refused');
        assert.ok(['allowed', 'refused'].includes(model.preflightCreateUserIdentity(request).verdict));
        assert.ok(model.putAcsUser(request).length > 0);
      }
      assert.throws(() => model.deleteAcsUser(5), TypeError);
      assert.throws(() => model.preflight(5, {}), TypeError);
      assert.throws(() => model.preflightCreateAcsUser({}, { profile: 'lenient' }), TypeError);
      const [jane, jean] = shared.snapshot.user_identities;
      const a1 = shared.snapshot.acs_users.acs_users[0].acs_user_id;
      assert.deepEqual(model.preflightAddAcsUser({ user_identity_id: jane.user_identity_id, acs_user_id: a1 }).verdict, 'no_op');
      assert.deepEqual(model.preflightAddAcsUser({ user_identity_id: jean.user_identity_id, acs_user_id: a1 }).issues.map((i) => i.code),
        ['acs_user_linked_to_other_identity', 'user_identity_has_acs_user_in_system']);
      assert.equal(api.validatePhone('+14155552671').ok, true);
    } finally {
      model.dispose();
    }
  });

  test(`${name}: dispose() frees the model; a disposed model refuses to work`, () => {
    const models = [];
    for (let i = 0; i < 50; i++) models.push(api.createAcsModel(shared.snapshot));
    for (const model of models) model.dispose();
    const model = models[0];
    assert.equal(model.disposed, true);
    assert.throws(() => model.preflightAddAcsUser({ user_identity_id: 'a', acs_user_id: 'b' }), /disposed/);
    assert.throws(() => model.audit(), /disposed/);
    model.dispose(); // a second dispose does nothing
    const fresh = api.createAcsModel();
    try {
      assert.deepEqual(fresh.issues, []);
      assert.deepEqual(fresh.stats(), { acs_systems: 0, acs_users: 0, user_identities: 0, consistent: true });
      assert.deepEqual(fresh.load(shared.snapshot), []);
      assert.equal(fresh.stats().acs_users, 11);
    } finally {
      fresh.dispose();
    }
  });

  test(`${name}: auditAcsSnapshot takes objects and text and rejects what JSON cannot express`, () => {
    assert.equal(api.auditAcsSnapshot(shared.snapshot).ok, true);
    assert.deepEqual(api.auditAcsSnapshot('{').issues.map((i) => i.code), ['invalid_json']);
    assert.equal(api.auditAcsSnapshot(10n).ok, false);
    assert.equal(api.auditAcsSnapshot(10n).issues[0].code, 'invalid_input');
  });
}
