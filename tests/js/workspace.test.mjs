// node:test suite of createWorkspace through the public JS API, on both builds, with the shared fixture
// tests/fixtures/workspace.json (also read by tests/unit-workspace.cpp).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, loadBuilds } from './builds.mjs';

const builds = await loadBuilds();
const data = fixture('workspace.json');
const codes = (issues) => issues.map((found) => found.code);

for (const { name, api } of builds) {
  const workspace = () => {
    const ws = api.createWorkspace(data.workspace);
    assert.deepEqual(ws.issues, []);
    assert.equal(ws.size, 4);
    return ws;
  };

  for (const [kind, method] of [['create', 'checkCreate'], ['update', 'checkUpdate']]) {
    test(`${name}: ${method} on every shared ${kind} case`, () => {
      const ws = workspace();
      try {
        for (const c of data[kind]) {
          const result = ws[method](c.request, c.profile ? { profile: c.profile } : undefined);
          assert.deepEqual(codes(result.issues), c.codes, c.name);
          if (c.severities) assert.deepEqual(result.issues.map((i) => i.severity), c.severities, c.name);
          if (c.holders) {
            assert.deepEqual(result.conflicts.map((found) => found.user_identity_id), c.holders, c.name);
            result.conflicts.forEach((found, i) => assert.ok(result.issues[i].message.includes(found.user_identity_id), c.name));
          }
          assert.equal(result.ok, !result.issues.some((i) => i.severity === 'error'), c.name);
        }
      } finally {
        ws.dispose();
      }
    });
  }

  test(`${name}: validateBatch on every shared batch, with progress`, async () => {
    const ws = workspace();
    try {
      for (const c of data.batches) {
        const progress = [];
        const input = c.csv ?? c.rows_json;
        const result = await ws.validateBatch(input, { onProgress: (p) => progress.push(p) });
        assert.equal(result.usable, c.usable, c.name);
        assert.deepEqual(codes(result.issues), c.input_codes, c.name);
        if (c.input_severities) assert.deepEqual(result.issues.map((i) => i.severity), c.input_severities, c.name);
        const rows = Object.fromEntries(result.rows.map((row) => [String(row.row), codes(row.issues)]));
        assert.deepEqual(rows, c.rows, c.name);
        for (const row of result.rows) {
          for (const found of row.issues) assert.equal(found.path[0], row.row - 1, c.name);
          if (c.lines?.[row.row]) assert.equal(row.line, c.lines[row.row], c.name);
        }
        assert.deepEqual(result.summary, c.summary, c.name);
        assert.equal(result.ok, c.usable && c.summary.errors === 0 && !result.issues.some((i) => i.severity === 'error'), c.name);
        if (c.usable) {
          assert.ok(progress.length >= 1, c.name);
          assert.deepEqual(progress.at(-1), { done: c.summary.rows, total: c.summary.rows, read: c.summary.rows }, c.name);
        }
        // The same rows as JSON text give the same findings.
        if (c.rows_json) {
          const fromText = await ws.validateBatch(JSON.stringify(c.rows_json));
          assert.deepEqual(fromText.rows, result.rows, c.name);
        }
      }
    } finally {
      ws.dispose();
    }
  });

  test(`${name}: every shared snapshot load`, () => {
    for (const c of data.loads) {
      for (const input of [c.text ?? JSON.stringify(c.document), ...(c.document !== undefined ? [c.document] : [])]) {
        const ws = api.createWorkspace(input);
        try {
          assert.deepEqual(codes(ws.issues), c.codes, c.name);
          assert.equal(ws.size, c.size, c.name);
          assert.equal(ws.ok, !ws.issues.some((i) => i.severity === 'error'), c.name);
          if (c.unusable) assert.equal(ws.ok, false, c.name);
          if (c.paths) assert.deepEqual(ws.issues.map((i) => i.path), c.paths, c.name);
          if (c.find) assert.deepEqual(ws.find(c.find.field, c.find.value), c.find.ids, c.name);
        } finally {
          ws.dispose();
        }
      }
    }
  });

  test(`${name}: audit of the shared snapshot`, () => {
    const ws = api.createWorkspace(data.audit.snapshot);
    try {
      const report = ws.audit();
      assert.deepEqual(report.duplicates.map(({ field, match, user_identity_ids }) => ({ field, match, user_identity_ids })), data.audit.duplicates);
      assert.equal(report.ok, false);
      assert.equal(report.issues.length, report.duplicates.length);
      assert.equal(ws.audit({ profile: 'strict' }).duplicates[2].severity, 'error');
    } finally {
      ws.dispose();
    }
    const clean = workspace();
    assert.deepEqual(clean.audit(), { ok: true, duplicates: [], issues: [] });
    clean.dispose();
  });

  test(`${name}: add, update (null frees a value), remove keep lookups current`, () => {
    const ws = workspace();
    const alice = 'aaaaaaaa-0000-4000-8000-000000000001';
    assert.equal(ws.checkCreate({ phone_number: '+14155550101' }).ok, false);
    assert.deepEqual(ws.update({ user_identity_id: alice, phone_number: null }), { ok: true, issues: [] });
    assert.equal(ws.checkCreate({ phone_number: '+14155550101' }).ok, true);
    assert.deepEqual(ws.find('user_identity_key', 'alice'), [alice]);
    const erin = { user_identity_id: 'aaaaaaaa-0000-4000-8000-000000000005', user_identity_key: 'erin', email_address: 'erin@example.com' };
    assert.deepEqual(ws.add(erin), { ok: true, issues: [] });
    assert.deepEqual(codes(ws.add(erin).issues), ['user_identity_id_exists']);
    assert.equal(ws.size, 5);
    assert.deepEqual(ws.checkCreate({ email_address: 'ERIN@example.com' }).conflicts,
      [{ field: 'email_address', match: 'case_variant', severity: 'warning', user_identity_id: erin.user_identity_id }]);
    assert.deepEqual(ws.remove(erin.user_identity_id), { ok: true, issues: [] });
    assert.deepEqual(codes(ws.remove(erin.user_identity_id).issues), ['unknown_user_identity_id']);
    assert.equal(ws.checkCreate({ user_identity_key: 'erin' }).ok, true);
    // Refused changes and wrong argument types: issues, and the index is unchanged.
    assert.deepEqual(codes(ws.update({ user_identity_id: alice, email_address: 5 }).issues), ['invalid_type']);
    assert.deepEqual(codes(ws.update([]).issues), ['invalid_type']);
    assert.deepEqual(codes(ws.add('x').issues), ['invalid_type']);
    assert.deepEqual(codes(ws.remove(42).issues), ['invalid_type']);
    assert.deepEqual(codes(ws.checkCreate(null).issues), ['invalid_type']);
    assert.deepEqual(ws.find('email_address', 'alice@example.com'), [alice]);
    assert.throws(() => ws.find('full_name', 'x'), TypeError);
    assert.equal(ws.size, 4);
    ws.dispose();
  });

  test(`${name}: dispose frees the index; later calls throw; a batch in flight rejects`, async () => {
    const ws = workspace();
    ws.dispose();
    ws.dispose(); // twice is harmless
    assert.throws(() => ws.size, /disposed/);
    assert.throws(() => ws.checkCreate({}), /disposed/);
    await assert.rejects(ws.validateBatch([]), /disposed/);
    const busy = workspace();
    const rows = Array.from({ length: 200_000 }, (_, i) => ({ user_identity_key: `k${i}` }));
    const pending = busy.validateBatch(rows, { sliceMs: 1, onProgress: ({ done }) => { if (done > 0) busy.dispose(); } });
    await assert.rejects(pending, /disposed/);
    const after = workspace(); // the module still answers
    assert.equal(after.checkCreate({ user_identity_key: 'alice' }).ok, false);
    after.dispose();
  });

  test(`${name}: large batches are chunked: many progress calls, the event loop keeps running`, async () => {
    const ws = workspace();
    const rows = Array.from({ length: 120_000 }, (_, i) => ({ user_identity_key: `new-${i % 100_000}`, email_address: `n${i}@example.com` }));
    const csv = ['user_identity_key,email_address', ...rows.map((r) => `${r.user_identity_key},${r.email_address}`)].join('\r\n');
    for (const input of [rows, csv]) {
      const progress = [];
      let ticks = 0;
      const timer = setInterval(() => ticks++, 1);
      const result = await ws.validateBatch(input, { sliceMs: 5, onProgress: (p) => progress.push(p) });
      clearInterval(timer);
      assert.equal(result.summary.rows, 120_000);
      assert.equal(result.summary.rows_with_errors, 20_000); // keys repeat after row 100,000
      assert.equal(result.rows[0].row, 100_001);
      assert.equal(result.rows[0].conflicts[0].row, 1);
      assert.ok(progress.length > 3, `progress calls: ${progress.length}`);
      assert.ok(progress.every((p, i) => i === 0 || (p.done >= progress[i - 1].done && p.read >= progress[i - 1].read)));
      assert.ok(progress.every((p) => p.read >= p.done && p.total === 120_000));
      // Rows and CSV text alike: a first pass reads every row (done stays 0), then the rows are checked.
      assert.deepEqual(progress[0], { done: 0, total: 120_000, read: 0 });
      assert.ok(progress.some((p) => p.read > 0 && p.read < 120_000 && p.done === 0), 'progress of the first pass');
      assert.ok(progress.some((p) => p.read === 120_000 && p.done > 0 && p.done < 120_000), 'progress of the checks');
      assert.deepEqual(progress.at(-1), { done: 120_000, total: 120_000, read: 120_000 });
      assert.ok(ticks > 0, 'timers ran while the batch was validated');
    }
    ws.dispose();
  });

  test(`${name}: row objects, CSV text and JSON text give the same conflicts, rows read in groups or one by one`, async () => {
    // Rows repeat earlier rows' values in the same 16-row group and across groups, in other letter case, and next
    // to rows that are not objects (which hold no values); every holder is the first earlier row with the value.
    const rows = [];
    for (let i = 0; i < 300; i++) {
      if (i % 19 === 4) { rows.push(i % 2 ? null : 7); continue; }
      const row = { user_identity_key: `k-${i}`, email_address: `e${i}@example.org`, phone_number: `+1415555${String(1000 + i)}` };
      if (i % 7 === 3) row.user_identity_key = `k-${i - 3}`;
      if (i % 11 === 5) row.email_address = `E${Math.floor(i / 2)}@EXAMPLE.org`;
      if (i % 13 === 6) row.phone_number = `+1415555${String(1000 + i - 17)}`;
      if (i % 17 === 8) row.user_identity_key = 'alice'; // held in the workspace
      rows.push(row);
    }
    const expected = new Map();
    const held = [new Map(), new Map(), new Map(), new Map()]; // key, email exact, email folded, phone
    rows.forEach((row, i) => {
      if (row === null || typeof row !== 'object') return;
      const found = [];
      const claim = (map, value) => { const holder = map.get(value); if (holder === undefined) map.set(value, i + 1); return holder; };
      if (row.user_identity_key === 'alice') found.push('duplicate_user_identity_key:workspace'); // then the earlier rows too
      const key = claim(held[0], row.user_identity_key);
      if (key) found.push(`duplicate_user_identity_key:${key}`);
      const exact = claim(held[1], row.email_address), folded = claim(held[2], row.email_address.toLowerCase());
      if (exact) found.push(`duplicate_email_address:${exact}`);
      else if (folded) found.push(`email_address_case_variant:${folded}`);
      const phone = claim(held[3], row.phone_number);
      if (phone) found.push(`duplicate_phone_number:${phone}`);
      if (found.length) expected.set(i + 1, found);
    });
    assert.ok(expected.size > 60);
    const conflictsOf = (result) => new Map(result.rows.filter((r) => r.conflicts.length).map((r) => [r.row, r.conflicts.map((c) => `${c.field === 'email_address' && c.match === 'case_variant' ? 'email_address_case_variant' : `duplicate_${c.field}`}:${c.row ?? 'workspace'}`)]));
    const ws = workspace();
    try {
      const fromRows = await ws.validateBatch(rows);
      assert.deepEqual(conflictsOf(fromRows), expected);
      assert.equal(fromRows.summary.rows, 300);
      // The same rows one at a time (sliceMs tiny keeps steps small) and as JSON text: identical results.
      const oneByOne = await ws.validateBatch(rows, { sliceMs: 1e-9 });
      assert.deepEqual(oneByOne, fromRows);
      assert.deepEqual(await ws.validateBatch(JSON.stringify(rows)), fromRows);
      const objects = rows.filter((row) => row !== null && typeof row === 'object');
      const csv = ['user_identity_key,email_address,phone_number', ...objects.map((r) => `${r.user_identity_key},${r.email_address},${r.phone_number}`)].join('\n');
      const fromCsv = await ws.validateBatch(csv);
      const fromObjects = await ws.validateBatch(objects);
      assert.equal(fromCsv.summary.rows, objects.length);
      assert.ok(conflictsOf(fromCsv).size > 60);
      assert.deepEqual(conflictsOf(fromObjects), conflictsOf(fromCsv));
      assert.deepEqual(fromObjects.summary, fromCsv.summary);
    } finally {
      ws.dispose();
    }
  });

  test(`${name}: validateBatch of row objects reports each row's field issues exactly as validateCreate does`, async () => {
    // Rows cross into wasm in the request encoding (request-encoding.js), as validateCreate's requests do;
    // against an empty workspace and with distinct values, a row's issues are validateCreate's, under the row's path.
    const rows = [null, 5, 'text', [], true, undefined, 10n,
      { user_identity_key: 'k1', extra: { nested: [1, { deep: true }] }, acs_system_ids: ['not-a-uuid', 5, null] },
      { email_address: 'Ana <ana@example.com>', phone_number: ' +1 415 555 2671 ', full_name: 'María\u0000 ' },
      { user_identity_key: '', email: 'x@y.co', phone_number: 14155552671, full_name: null, user_identity_id: 'id' },
      { user_identity_key: 'k2', email_address: '\ud800@example.com', phone_number: '+447911123456', ['ключ']: 1, fn: () => 1, sym: Symbol('s') },
      { full_name: 'x'.repeat(100_000), user_identity_key: '\u{1F600}'.repeat(40) }];
    const empty = api.createWorkspace([]);
    try {
      const result = await empty.validateBatch(rows);
      assert.equal(result.summary.rows, rows.length);
      const byRow = new Map(result.rows.map((row) => [row.row, row.issues]));
      rows.forEach((row, i) => {
        // validateCreate reads a string as JSON text; a string row is a JSON string.
        const request = row === undefined ? null : typeof row === 'string' ? JSON.stringify(row) : row;
        const expected = api.validateCreate(request).issues.map((found) => ({ ...found, path: [i, ...found.path] }));
        assert.deepEqual(byRow.get(i + 1) ?? [], expected, `row ${i + 1}`);
      });
    } finally {
      empty.dispose();
    }
  });

  test(`${name}: bad input never breaks the module`, async () => {
    const ws = workspace();
    const huge = 'k'.repeat(100 * 1024 * 1024);
    const big = await ws.validateBatch(`user_identity_key,email_address\n${huge},big@example.com\nalice,x@example.com\n`);
    assert.equal(big.summary.rows, 2);
    assert.deepEqual(big.rows.map((r) => r.row), [2]);
    const broken = await ws.validateBatch('user_identity_key\n"open\nalice\n');
    assert.deepEqual(broken.rows.map((r) => codes(r.issues)), [['csv_unterminated_quote'], ['duplicate_user_identity_key']]);
    const notJson = await ws.validateBatch('[{"user_identity_key": ');
    assert.equal(notJson.usable, false);
    assert.deepEqual(codes(notJson.issues), ['invalid_json']);
    assert.equal((await ws.validateBatch(42)).usable, false);
    assert.equal((await ws.validateBatch({ rows: [] })).issues[0].code, 'invalid_type');
    const cyclic = {};
    cyclic.self = cyclic;
    assert.equal((await ws.validateBatch([cyclic])).issues[0].code, 'invalid_input');
    assert.deepEqual(codes((await ws.validateBatch([{ user_identity_key: 10n }])).rows[0].issues), ['invalid_type', 'no_identifier']);
    const nul = await ws.validateBatch([{ user_identity_key: 'a\u0000b', email_address: '\ud800@x.io' }]);
    assert.ok(nul.rows[0].issues.length >= 1);
    await assert.rejects(ws.validateBatch([], { onProgress: 5 }), TypeError);
    await assert.rejects(ws.validateBatch([], { format: 'xml' }), TypeError);
    await assert.rejects(ws.validateBatch([], { profile: 'lenient' }), TypeError);
    for (const input of [undefined, null, 5, 'not json', '{"user_identities": 5}', [1, 'x'], { user_identities: [{ user_identity_key: 'no id' }] }]) {
      const other = api.createWorkspace(input);
      assert.ok(other.issues.length >= 1, JSON.stringify(input));
      assert.equal(other.size, 0);
      other.dispose();
    }
    const cyclicWorkspace = api.createWorkspace(cyclic);
    assert.deepEqual(codes(cyclicWorkspace.issues), ['invalid_input']);
    cyclicWorkspace.dispose();
    // Still consistent and answering.
    assert.equal(ws.size, 4);
    assert.deepEqual(ws.find('user_identity_key', 'alice'), ['aaaaaaaa-0000-4000-8000-000000000001']);
    assert.deepEqual(api.validatePhone('+14155552671').ok, true);
    ws.dispose();
  });

  test(`${name}: results are plain objects`, async () => {
    const ws = workspace();
    const result = await ws.validateBatch([{ user_identity_key: 'alice' }]);
    for (const value of [result, result.rows[0], result.rows[0].conflicts[0], ws.checkCreate({}), ws.audit()])
      assert.equal(Object.getPrototypeOf(value), Object.prototype);
    assert.deepEqual(JSON.parse(JSON.stringify(result)), result);
    ws.dispose();
  });
}
