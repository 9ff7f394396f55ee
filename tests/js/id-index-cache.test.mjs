// node:test suite of IdIndexCache (bindings/js/src/id-index-cache.js), the ACS model's cache of id → record index.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IdIndexCache } from '../../bindings/js/src/id-index-cache.js';

const id = (n) => `ac000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

test('an empty cache finds nothing, and anything but a 36-character string is never found', () => {
  const cache = new IdIndexCache(4);
  assert.equal(cache.get(id(1)), -1);
  cache.keep(id(1), 7);
  for (const other of [undefined, null, 7, {}, [], id(1).slice(1), `${id(1)}x`, '', id(1).toUpperCase(), { toString: () => id(1) }])
    assert.equal(cache.get(other), -1, String(other));
  assert.equal(cache.get(id(1)), 7);
});

test('kept indexes are found again, by an equal string made anew too, and keeping again replaces the index', () => {
  const cache = new IdIndexCache(10);
  for (let n = 0; n < 200; n++) cache.keep(id(n), n * 3);
  for (let n = 0; n < 200; n++) assert.equal(cache.get([...id(n)].join('')), n * 3);
  cache.keep(id(5), 0xFFFFFFFE);
  assert.equal(cache.get(id(5)), 0xFFFFFFFE);
  assert.equal(cache.get(id(200)), -1);
});

test('a set holds four ids; a fifth pushes out the oldest, and keeping one again makes it the newest', () => {
  const cache = new IdIndexCache(0);  // one set
  for (let n = 1; n <= 4; n++) cache.keep(id(n), n);
  for (let n = 1; n <= 4; n++) assert.equal(cache.get(id(n)), n);
  cache.keep(id(1), 10);  // id(1) becomes the newest: id(2) is now the oldest
  cache.keep(id(5), 5);
  assert.deepEqual([1, 2, 3, 4, 5].map((n) => cache.get(id(n))), [10, -1, 3, 4, 5]);
  cache.keep(id(6), 6);
  assert.deepEqual([1, 3, 4, 5, 6].map((n) => cache.get(id(n))), [10, -1, 4, 5, 6]);
});

test('ids that differ anywhere, or only in their first characters, are told apart', () => {
  const cache = new IdIndexCache(10);
  const a = '1d000000-0000-4000-8000-000000000001';
  const b = `2${a.slice(1)}`;  // the same last 8 characters: same hash and set
  cache.keep(a, 1);
  cache.keep(b, 2);
  assert.equal(cache.get(a), 1);
  assert.equal(cache.get(b), 2);
  assert.equal(cache.get(`3${a.slice(1)}`), -1);
});

test('4,096 UUIDs in a cache of 32,768 almost all stay, and clear() forgets them all', () => {
  const cache = new IdIndexCache(13);
  const ids = Array.from({ length: 4096 }, () => crypto.randomUUID());
  ids.forEach((value, n) => cache.keep(value, n));
  const found = ids.filter((value, n) => cache.get(value) === n).length;
  assert.ok(found >= 4096 - 40, `${found} of 4096 found`);
  cache.clear();
  assert.equal(ids.filter((value) => cache.get(value) >= 0).length, 0);
  cache.keep(ids[0], 1);  // usable again after clear()
  assert.equal(cache.get(ids[0]), 1);
});
