/**
 * Integer-keyed tables in typed arrays, for the aggregator's rollups: no
 * `Map`, no object per entry. Written by hand because they are the hot path
 * of every report (a range merges hundreds of thousands of entries) and no
 * library keeps two counters per integer key in flat arrays.
 */

/** Fibonacci hashing of a 32-bit key to `bits` bits. */
function hash(key: number, bits: number): number {
  return Math.imul(key, 0x9e3779b1) >>> (32 - bits);
}

/**
 * Non-negative integer key → two counters, with the entries kept dense (slot
 * 0..size-1 in insertion order) so that summing a table over a range reads
 * three flat arrays. Entries are never removed: a count that falls back to
 * zero stays as a zero entry, which readers skip.
 *
 * A table nobody adds to for a while can be sealed: its arrays are trimmed to
 * its entries and its hash index dropped (12 bytes an entry instead of about
 * 28). The next `add` rebuilds the index, so a late event costs one pass over
 * its table and nothing is ever lost.
 */
export class CountTable {
  /** Slot → key. */
  keys: Int32Array;
  /** Slot → first and second counter. */
  a: Int32Array;
  b: Int32Array;
  size = 0;
  /** The owner's epoch of the last add (the owner decides when an idle table is sealed). */
  epoch = 0;
  /** Open addressing (linear probing): hash position → slot + 1, 0 when empty; null while sealed. */
  private index: Int32Array | null;
  private bits = 0;

  constructor(capacity = 8) {
    this.keys = new Int32Array(capacity);
    this.a = new Int32Array(capacity);
    this.b = new Int32Array(capacity);
    this.index = this.newIndex();
  }

  get sealed(): boolean {
    return this.index === null;
  }

  /** Adds `da` and `db` to the counters of `key`, creating its entry at zero. */
  add(key: number, da: number, db: number): void {
    const index = this.index ?? this.unseal();
    const mask = index.length - 1;
    let at = hash(key, this.bits);
    for (;;) {
      const slot = index[at]! - 1;
      if (slot < 0) break;
      if (this.keys[slot] === key) {
        this.a[slot]! += da;
        this.b[slot]! += db;
        return;
      }
      at = (at + 1) & mask;
    }
    const slot = this.size++;
    if (slot === this.keys.length) this.grow(Math.max(8, slot * 2));
    this.keys[slot] = key;
    this.a[slot] = da;
    this.b[slot] = db;
    if (this.size * 2 > index.length) this.index = this.newIndex();
    else index[at] = slot + 1;
  }

  /** Trims the arrays to the entries and drops the index, until the next `add`. */
  seal(): void {
    if (this.index === null) return;
    this.index = null;
    if (this.keys.length !== this.size) this.grow(this.size);
  }

  /** Bytes of the typed arrays. */
  get byteLength(): number {
    return this.keys.byteLength + this.a.byteLength + this.b.byteLength + (this.index?.byteLength ?? 0);
  }

  private unseal(): Int32Array {
    this.grow(Math.max(8, this.size * 2));
    return (this.index = this.newIndex());
  }

  private grow(capacity: number): void {
    for (const name of ['keys', 'a', 'b'] as const) {
      const next = new Int32Array(capacity);
      next.set(this[name].subarray(0, Math.min(this.size, capacity)));
      this[name] = next;
    }
  }

  /** An index over the entries, sized to stay at most half full as the arrays fill. */
  private newIndex(): Int32Array {
    this.bits = Math.max(4, Math.ceil(Math.log2(Math.max(this.keys.length, this.size) * 2)));
    const index = new Int32Array(1 << this.bits);
    const mask = index.length - 1;
    for (let slot = 0; slot < this.size; slot++) {
      let at = hash(this.keys[slot]!, this.bits);
      while (index[at] !== 0) at = (at + 1) & mask;
      index[at] = slot + 1;
    }
    return index;
  }
}

/**
 * Distinct (x, y) pairs of non-negative integers numbered 0, 1, 2… in order of
 * first sight, e.g. (space, author): one number per pair lets a range count
 * each pair once with a stamp array instead of a set.
 */
export class PairTable {
  /** Pair → x and y. */
  x = new Int32Array(1024);
  y = new Int32Array(1024);
  size = 0;
  private index = new Int32Array(2048);
  private bits = 11;

  /** The number of (x, y), numbering it if it is new. */
  intern(x: number, y: number): number {
    const index = this.index;
    const mask = index.length - 1;
    let at = hash(Math.imul(x, 0x85ebca6b) ^ y, this.bits);
    for (;;) {
      const pair = index[at]! - 1;
      if (pair < 0) break;
      if (this.x[pair] === x && this.y[pair] === y) return pair;
      at = (at + 1) & mask;
    }
    const pair = this.size++;
    if (pair === this.x.length) {
      const xs = new Int32Array(pair * 2);
      xs.set(this.x);
      this.x = xs;
      const ys = new Int32Array(pair * 2);
      ys.set(this.y);
      this.y = ys;
    }
    this.x[pair] = x;
    this.y[pair] = y;
    if (this.size * 2 > index.length) this.rehash();
    else index[at] = pair + 1;
    return pair;
  }

  /** Bytes of the typed arrays. */
  get byteLength(): number {
    return this.x.byteLength + this.y.byteLength + this.index.byteLength;
  }

  private rehash(): void {
    this.bits++;
    const index = new Int32Array(1 << this.bits);
    const mask = index.length - 1;
    for (let pair = 0; pair < this.size; pair++) {
      let at = hash(Math.imul(this.x[pair]!, 0x85ebca6b) ^ this.y[pair]!, this.bits);
      while (index[at] !== 0) at = (at + 1) & mask;
      index[at] = pair + 1;
    }
    this.index = index;
  }
}
