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

/** Sealed counters: the narrowest of 8, 16 and 32 bits that holds every one. */
type SealedCounts = Int8Array | Int16Array | Int32Array;

/** Counters for `length` values between `least` and `most`, in the narrowest array that holds them. */
function narrowest(length: number, least: number, most: number): SealedCounts {
  if (least >= -0x80 && most <= 0x7f) return new Int8Array(length);
  if (least >= -0x8000 && most <= 0x7fff) return new Int16Array(length);
  return new Int32Array(length);
}

/**
 * Non-negative integer key → `width` counters, the entries kept dense: entry
 * i is `keys[i]` and its counters `counts[i·width …]`, so that summing a
 * table over a range is one forward sweep of two arrays. Entries are never
 * removed: counters that fall back to zero stay as a zero entry, which
 * readers skip.
 *
 * A table nobody adds to for a while can be sealed: its entries are sorted by
 * key and trimmed, its hash index dropped, and its counters kept in 8 or 16
 * bits when every one fits (a day's table nearly always fits 8 bits, a
 * longer block's 16: a member's votes in one block of days), so an entry
 * costs width or 2 · width bytes for its counters instead of 4 · width.
 * Its keys, sorted, are kept as the gaps between them (the first key is
 * `base`), in 16 bits when every gap fits (in the generated communities
 * the largest is about 5,000): 2 bytes an entry instead of 4. So a sealed
 * day's entry of two counters takes 4 bytes where an open one takes about
 * 24 (with its index and its room to grow). Sorted, a merge of many tables
 * walks the reader's per-key arrays in order instead of jumping around
 * them. The next `add` rebuilds the keys, the index and 32-bit counters,
 * so a late event costs one pass over its table and nothing is ever lost.
 *
 * Readers walk the keys of either form with one loop: `key = (key &
 * keyMask) + keys[e]`, starting from `base` (an open table's mask is 0 and
 * its keys whole, a sealed one's mask is -1 and its keys gaps).
 */
export class CountTable {
  readonly width: number;
  /** Open: each entry's key. Sealed: the gap from the entry before (0 for the first, whose key is `base`). */
  keys: Int32Array | Uint16Array;
  /** Sealed: the first entry's key; open: 0. */
  base = 0;
  /** Sealed: -1, the keys are gaps to add up; open: 0, the keys are whole. */
  keyMask = 0;
  /** Each entry's counters, `width` a entry; while sealed 8- or 16-bit when they fit, else 32-bit. */
  counts: SealedCounts;
  size = 0;
  /** The owner's epoch of the last add (the owner decides when an idle table is sealed). */
  epoch = 0;
  /** Open addressing (linear probing): hash position → entry + 1, 0 when empty; null while sealed. */
  private index: Int32Array | null;
  private bits = 0;
  private capacity: number;

  constructor(width: number, capacity = 8) {
    this.width = width;
    this.capacity = capacity;
    this.keys = new Int32Array(capacity);
    this.counts = new Int32Array(capacity * width);
    this.index = this.newIndex();
  }

  get sealed(): boolean {
    return this.index === null;
  }

  /** A sealed table of the entries `keys` (ascending, distinct) and their counters, `width` an entry. */
  static sealedOf(width: number, keys: Int32Array, counts: SealedCounts): CountTable {
    const table = new CountTable(width, 0);
    table.setSortedKeys(keys);
    table.counts = counts;
    table.size = keys.length;
    table.capacity = keys.length;
    table.index = null;
    return table;
  }

  /** Adds `delta` to counter `counter` (0-based) of `key`, creating its entry at zero. */
  add(key: number, counter: number, delta: number): void {
    const index = this.index ?? this.unseal();
    const mask = index.length - 1;
    // Unsealed, the counters are 32-bit.
    const counts = this.counts as Int32Array;
    let at = hash(key, this.bits);
    for (;;) {
      const entry = index[at]! - 1;
      if (entry < 0) break;
      if (this.keys[entry] === key) {
        counts[entry * this.width + counter]! += delta;
        return;
      }
      at = (at + 1) & mask;
    }
    const entry = this.size++;
    if (entry === this.capacity) this.resize(Math.max(8, entry * 2));
    this.keys[entry] = key;
    this.counts[entry * this.width + counter] = delta;
    if (this.size * 2 > index.length) this.index = this.newIndex();
    else index[at] = entry + 1;
  }

  /** Sorts the entries by key (kept as gaps), trims the arrays, narrows the counters to 8 or 16 bits when they fit and drops the index, until the next `add`. */
  seal(): void {
    if (this.index === null) return;
    this.index = null;
    const { size, width, counts } = this;
    // Open, the keys are whole.
    const keys = this.keys as Int32Array;
    // key · 2^21 + entry, exact in a double: the native numeric sort, no comparator call per step.
    const order = new Float64Array(size);
    if (size <= SORT_ENTRIES) {
      for (let i = 0; i < size; i++) order[i] = keys[i]! * SORT_ENTRIES + i;
      order.sort();
      for (let i = 0; i < size; i++) order[i] = order[i]! % SORT_ENTRIES;
    } else {
      for (let i = 0; i < size; i++) order[i] = i;
      order.sort((x, y) => keys[x]! - keys[y]!);
    }
    let least = 0;
    let most = 0;
    for (let i = 0, n = size * width; i < n; i++) {
      const c = counts[i]!;
      if (c < least) least = c;
      if (c > most) most = c;
    }
    const sortedKeys = new Int32Array(size);
    const sortedCounts = narrowest(size * width, least, most);
    for (let i = 0; i < size; i++) {
      const from = order[i]!;
      sortedKeys[i] = keys[from]!;
      for (let k = 0; k < width; k++) sortedCounts[i * width + k] = counts[from * width + k]!;
    }
    this.setSortedKeys(sortedKeys);
    this.counts = sortedCounts;
    this.capacity = size;
  }

  /** Every entry's key, whole, in entry order (a copy; for tests and checks, not for hot loops). */
  keyList(): Int32Array {
    const list = new Int32Array(this.size);
    for (let e = 0, key = this.base; e < this.size; e++) list[e] = key = (key & this.keyMask) + this.keys[e]!;
    return list;
  }

  /** Keeps ascending `sorted` as `base` and the gaps, in 16 bits when every gap fits. */
  private setSortedKeys(sorted: Int32Array): void {
    const size = sorted.length;
    let wide = false;
    for (let e = 1; e < size; e++) if (sorted[e]! - sorted[e - 1]! > 0xffff) wide = true;
    const gaps = wide ? new Int32Array(size) : new Uint16Array(size);
    for (let e = 1; e < size; e++) gaps[e] = sorted[e]! - sorted[e - 1]!;
    this.keys = gaps;
    this.base = size > 0 ? sorted[0]! : 0;
    this.keyMask = -1;
  }

  private unseal(): Int32Array {
    // Late adds to a past block are few: a quarter more room, not double.
    this.resize(Math.max(8, this.size + (this.size >>> 2)));
    return (this.index = this.newIndex());
  }

  /** Room for `capacity` entries, with whole keys and 32-bit counters. */
  private resize(capacity: number): void {
    const keys = new Int32Array(capacity);
    if (this.keyMask === 0) keys.set(this.keys.subarray(0, this.size));
    else keys.set(this.keyList());
    this.base = 0;
    this.keyMask = 0;
    const counts = new Int32Array(capacity * this.width);
    counts.set(this.counts.subarray(0, this.size * this.width));
    this.keys = keys;
    this.counts = counts;
    this.capacity = capacity;
  }

  /** An index over the entries, sized to stay at most half full as the array fills. */
  private newIndex(): Int32Array {
    this.bits = Math.max(4, Math.ceil(Math.log2(Math.max(this.capacity, this.size) * 2)));
    const index = new Int32Array(1 << this.bits);
    const mask = index.length - 1;
    for (let entry = 0; entry < this.size; entry++) {
      let at = hash(this.keys[entry]!, this.bits);
      while (index[at] !== 0) at = (at + 1) & mask;
      index[at] = entry + 1;
    }
    return index;
  }
}

/**
 * Sums of count tables, for a rollup block made from the tables of its
 * parts: each part's entries are added into per-key counters (keys are
 * small dense numbers, so a flat array indexed by key, no hashing), and the
 * keys seen are sorted once. The result is sealed (sorted, trimmed, 8- or 16-bit
 * counters when they fit) and leaves out entries whose counters sum to zero.
 * The scratch arrays are kept between sums and cleared as they are read.
 */
export class TableSum {
  private sums = new Int32Array(0);
  private seen = new Uint8Array(0);
  private keys = new Int32Array(0);

  /** The sum of `parts` (tables of `width` counters, every key below `keyBound`) as one sealed table. */
  of(parts: readonly CountTable[], width: number, keyBound: number): CountTable {
    if (this.seen.length < keyBound) {
      const size = Math.max(keyBound, this.seen.length * 2, 1024);
      this.sums = new Int32Array(size * width);
      this.seen = new Uint8Array(size);
      // One more than the keys: each entry writes its key at the end of the list before knowing it is new.
      this.keys = new Int32Array(size + 1);
    } else if (this.sums.length < this.seen.length * width) this.sums = new Int32Array(this.seen.length * width);
    const { sums, seen, keys } = this;
    let distinct = 0;
    for (const part of parts) {
      const { keys: partKeys, counts, size, keyMask } = part;
      for (let e = 0, key = part.base; e < size; e++) {
        key = (key & keyMask) + partKeys[e]!;
        keys[distinct] = key;
        distinct += seen[key]! ^ 1;
        seen[key] = 1;
        for (let k = 0, at = key * width, from = e * width; k < width; k++) sums[at + k]! += counts[from + k]!;
      }
    }
    const order = keys.subarray(0, distinct).sort();
    let kept = 0;
    let least = 0;
    let most = 0;
    for (let i = 0; i < distinct; i++) {
      const at = order[i]! * width;
      let any = false;
      for (let k = 0; k < width; k++) {
        const c = sums[at + k]!;
        if (c !== 0) any = true;
        if (c < least) least = c;
        if (c > most) most = c;
      }
      if (any) kept++;
    }
    const tableKeys = new Int32Array(kept);
    const tableCounts = narrowest(kept * width, least, most);
    for (let i = 0, j = 0; i < distinct; i++) {
      const key = order[i]!;
      const at = key * width;
      seen[key] = 0;
      let any = false;
      for (let k = 0; k < width; k++) if (sums[at + k] !== 0) any = true;
      if (any) {
        tableKeys[j] = key;
        for (let k = 0; k < width; k++) tableCounts[j * width + k] = sums[at + k]!;
        j++;
      }
      for (let k = 0; k < width; k++) sums[at + k] = 0;
    }
    return CountTable.sealedOf(width, tableKeys, tableCounts);
  }

  /** Lets the scratch arrays go (a load is done; the next sum allocates them again). */
  release(): void {
    this.sums = new Int32Array(0);
    this.seen = new Uint8Array(0);
    this.keys = new Int32Array(0);
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
  /** Open addressing: hash position → pair + 1, 0 when empty; null after `compact` until the next `intern`. */
  private index: Int32Array | null = new Int32Array(2048);
  private bits = 11;

  /** The number of (x, y), numbering it if it is new. */
  intern(x: number, y: number): number {
    const index = this.index ?? this.reindex();
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

  /**
   * Trims the pairs' arrays and drops the index (a load is done): half the
   * memory or less. The next `intern` builds the index again, one pass over
   * the pairs.
   */
  compact(): void {
    this.x = this.x.slice(0, Math.max(this.size, 1));
    this.y = this.y.slice(0, Math.max(this.size, 1));
    this.index = null;
  }

  /** An index over the pairs, at most half full. */
  private reindex(): Int32Array {
    this.bits = Math.max(11, Math.ceil(Math.log2(this.size * 2 + 2)));
    this.rehash(false);
    return this.index!;
  }

  private rehash(grow = true): void {
    if (grow) this.bits++;
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
