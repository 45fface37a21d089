/**
 * Integer-keyed tables in typed arrays, for the aggregator's rollups: no
 * `Map`, no object per entry. Written by hand because they are the hot path
 * of every report (a range merges hundreds of thousands of entries) and no
 * library keeps two counters per integer key in flat arrays.
 */

/** Entries a table can have for its keys and entry numbers to share one double when sorting. */
const SORT_ENTRIES = 1 << 21;

/** Fibonacci hashing of a 32-bit key to `bits` bits. */
function hash(key: number, bits: number): number {
  return Math.imul(key, 0x9e3779b1) >>> (32 - bits);
}

/**
 * Non-negative integer key → `width` counters, the entries kept dense and
 * interleaved (entry i is `cells[i·stride]` = key, then its counters, stride
 * = 1 + width) so that summing a table over a range is one forward sweep of
 * one array. Entries are never removed: counters that fall back to zero stay
 * as a zero entry, which readers skip.
 *
 * A table nobody adds to for a while can be sealed: its entries are sorted by
 * key and trimmed, and its hash index dropped (4 · stride bytes an entry
 * instead of about twice that). Sorted, a merge of many tables walks the
 * reader's per-key arrays in order instead of jumping around them. The next
 * `add` rebuilds the index, so a late event costs one pass over its table
 * and nothing is ever lost.
 */
export class CountTable {
  readonly stride: number;
  /** Entries: key, then the counters. */
  cells: Int32Array;
  size = 0;
  /** The owner's epoch of the last add (the owner decides when an idle table is sealed). */
  epoch = 0;
  /** Open addressing (linear probing): hash position → entry + 1, 0 when empty; null while sealed. */
  private index: Int32Array | null;
  private bits = 0;
  private capacity: number;

  constructor(width: number, capacity = 8) {
    this.stride = width + 1;
    this.capacity = capacity;
    this.cells = new Int32Array(capacity * this.stride);
    this.index = this.newIndex();
  }

  get sealed(): boolean {
    return this.index === null;
  }

  /** Adds `delta` to counter `counter` (0-based) of `key`, creating its entry at zero. */
  add(key: number, counter: number, delta: number): void {
    const index = this.index ?? this.unseal();
    const mask = index.length - 1;
    const stride = this.stride;
    let at = hash(key, this.bits);
    for (;;) {
      const entry = index[at]! - 1;
      if (entry < 0) break;
      if (this.cells[entry * stride] === key) {
        this.cells[entry * stride + 1 + counter]! += delta;
        return;
      }
      at = (at + 1) & mask;
    }
    const entry = this.size++;
    if (entry === this.capacity) this.resize(Math.max(8, entry * 2));
    this.cells[entry * stride] = key;
    this.cells[entry * stride + 1 + counter] = delta;
    if (this.size * 2 > index.length) this.index = this.newIndex();
    else index[at] = entry + 1;
  }

  /** Sorts the entries by key, trims the array and drops the index, until the next `add`. */
  seal(): void {
    if (this.index === null) return;
    this.index = null;
    const { size, stride, cells } = this;
    // key · 2^21 + entry, exact in a double: the native numeric sort, no comparator call per step.
    const order = new Float64Array(size);
    if (size <= SORT_ENTRIES) {
      for (let i = 0; i < size; i++) order[i] = cells[i * stride]! * SORT_ENTRIES + i;
      order.sort();
      for (let i = 0; i < size; i++) order[i] = order[i]! % SORT_ENTRIES;
    } else {
      for (let i = 0; i < size; i++) order[i] = i;
      order.sort((x, y) => cells[x * stride]! - cells[y * stride]!);
    }
    const sorted = new Int32Array(size * stride);
    for (let i = 0; i < size; i++) {
      const from = order[i]! * stride;
      for (let k = 0; k < stride; k++) sorted[i * stride + k] = cells[from + k]!;
    }
    this.cells = sorted;
    this.capacity = size;
  }

  private unseal(): Int32Array {
    this.resize(Math.max(8, this.size * 2));
    return (this.index = this.newIndex());
  }

  private resize(capacity: number): void {
    const cells = new Int32Array(capacity * this.stride);
    cells.set(this.cells.subarray(0, this.size * this.stride));
    this.cells = cells;
    this.capacity = capacity;
  }

  /** An index over the entries, sized to stay at most half full as the array fills. */
  private newIndex(): Int32Array {
    this.bits = Math.max(4, Math.ceil(Math.log2(Math.max(this.capacity, this.size) * 2)));
    const index = new Int32Array(1 << this.bits);
    const mask = index.length - 1;
    for (let entry = 0; entry < this.size; entry++) {
      let at = hash(this.cells[entry * this.stride]!, this.bits);
      while (index[at] !== 0) at = (at + 1) & mask;
      index[at] = entry + 1;
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
