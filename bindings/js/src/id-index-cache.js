// IdIndexCache: a fixed-size cache from 36-character id strings to the model's record indexes, so that a link
// preflight whose ids were seen before skips encoding them into the module, parsing and looking them up.
// Four entries per set, the set found from a hash of the id's last 8 characters. A set's hashes and indexes share
// one 32-byte block, and an entry's string is compared only when its hash matches, so a miss reads one block (a
// look-up of an id never seen is mostly memory waits). Its arrays are made on the first keep(), and nothing is
// allocated after that.

const ways = 4;

/** A cache of `ways << bits` id → index entries: `1 << bits` sets of 4, where a new entry pushes out the oldest. */
export class IdIndexCache {
  #bits;
  #ids = null;
  #entries = null;  // [hash, index] of each entry, as int32

  constructor(bits) {
    this.#bits = bits;
  }

  /** A 32-bit hash of the 36-character string `id` (of its last 8 characters, where UUIDs differ). */
  static #hash(id) {
    const low = id.charCodeAt(35) | id.charCodeAt(34) << 8 | id.charCodeAt(33) << 16 | id.charCodeAt(32) << 24;
    const high = id.charCodeAt(31) | id.charCodeAt(30) << 8 | id.charCodeAt(29) << 16 | id.charCodeAt(28) << 24;
    const h = Math.imul(Math.imul(low, 0x9E3779B1) ^ high, 0x85EBCA6B);
    return h ^ (h >>> 16);
  }

  /** The first entry of the set of a hash (by its low bits). */
  #setOf(hash) {
    return (hash & ((1 << this.#bits) - 1)) * ways;
  }

  /** The index kept for `id` (any value), or -1. */
  get(id) {
    if (this.#ids === null || typeof id !== 'string' || id.length !== 36) return -1;
    const hash = IdIndexCache.#hash(id);
    const set = this.#setOf(hash);
    for (let entry = set; entry < set + ways; entry++) {
      if (this.#entries[2 * entry] === hash && this.#ids[entry] === id) {
        // Equal text, maybe another string object: keep the caller's, so the next compare is one of references
        // instead of a read of a string last used long ago (a cache miss).
        this.#ids[entry] = id;
        return this.#entries[2 * entry + 1] >>> 0;
      }
    }
    return -1;
  }

  /** Keeps `index` (a uint32) for the 36-character string `id`; a new id pushes out the oldest entry of its set. */
  keep(id, index) {
    if (this.#ids === null) {
      this.#ids = new Array(ways << this.#bits).fill('');
      this.#entries = new Int32Array((2 * ways) << this.#bits);
    }
    const hash = IdIndexCache.#hash(id);
    const set = this.#setOf(hash);
    const entries = this.#entries;
    let entry = set;
    while (entry < set + ways - 1 && !(entries[2 * entry] === hash && this.#ids[entry] === id)) entry++;
    for (; entry > set; entry--) {  // entries before it move one down; it (or the oldest) is overwritten
      this.#ids[entry] = this.#ids[entry - 1];
      entries[2 * entry] = entries[2 * entry - 2];
      entries[2 * entry + 1] = entries[2 * entry - 1];
    }
    this.#ids[set] = id;
    entries[2 * set] = hash;
    entries[2 * set + 1] = index;
  }

  /** Forgets every entry (and frees the arrays). */
  clear() {
    this.#ids = this.#entries = null;
  }
}
