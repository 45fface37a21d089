/**
 * Ids (of events, members, spaces, contents, votes, flags) numbered as dense
 * rows, with no JavaScript string kept per id: the id's code units live once
 * in a byte arena, and an open-addressing hash table over a typed array maps
 * a string's hash to its row.
 *
 * Written by hand on purpose: a `Map<string, number>` or `Set<string>` keeps
 * every id string alive (tens of bytes each, plus an entry per id) and was a
 * third of ingest time; no library offers a string-keyed table whose keys sit
 * in typed arrays and whose look-up with a JS string neither allocates nor
 * keeps the string.
 *
 * - Slots: an `Int32Array` of pairs `[hash, row + 1]` (0 marks an empty slot),
 *   linear probing, a power-of-two slot count that doubles past 3/4 full.
 *   The hash sits in the slot, so most probes reject without reading the
 *   arena, and growing re-places rows without hashing ids again.
 * - Arena: each id is stored as one byte per code unit when all its units
 *   are below 256 (every ASCII id), else as two bytes per unit (little
 *   endian), so any JS string survives, lone surrogates included.
 *   `starts[row]..starts[row + 1]` are its bytes, `wide[row]` says which form.
 * - A hash match is always confirmed against the stored code units, so two
 *   ids are never taken for one, whatever the hash does.
 * - Order: `compare` and `compareRows` order ids by UTF-16 code units, as
 *   JavaScript's `<` orders strings (the `(at, id)` tie-break of the design).
 */

import { hashId } from '../model/hash.js';

export interface IdTableOptions {
  /** Slots to start with, rounded up to a power of two (at least 2; default 64). */
  initialSlots?: number;
  /** The hash of an id; tests pass a poor one to force collisions. */
  hash?: (id: string) => number;
}

/** Read-only view of the ids by row; every read decodes (for tools and tests, not hot paths). */
export interface IdList {
  readonly length: number;
  readonly [row: number]: string | undefined;
}

/** Largest arena: offsets are Int32. */
const MAX_ARENA_BYTES = 0x7fffffff;
/** Code units per `String.fromCharCode` call when decoding, well under engines' argument limits. */
const DECODE_CHUNK = 4096;

export class IdTable {
  private readonly hash: (id: string) => number;
  /** Pairs [hash, row + 1]; the pair of slot i starts at 2i. */
  private slots: Int32Array;
  /** Mask of a pair index (2 × slot count − 2), for wrapping while probing. */
  private pairMask: number;
  /** Rows allowed before the slots double (3/4 of them). */
  private limit: number;
  private count = 0;

  private bytes = new Uint8Array(256);
  private used = 0;
  private starts = new Int32Array(65);
  private wide = new Uint8Array(64);

  // Where the last find() missed, so that add() of the same id right after needs no second probe.
  private missId: string | null = null;
  private missHash = 0;
  private missPair = 0;

  /** The ids by row, decoded on each read. */
  readonly ids: IdList;

  constructor(options: IdTableOptions = {}) {
    this.hash = options.hash ?? hashId;
    let slots = 2;
    while (slots < (options.initialSlots ?? 64)) slots *= 2;
    this.slots = new Int32Array(slots * 2);
    this.pairMask = slots * 2 - 2;
    this.limit = (slots * 3) >>> 2;
    this.ids = idList(this);
  }

  /** Number of ids (rows 0 … size − 1). */
  get size(): number {
    return this.count;
  }

  /** Bytes of the typed arrays behind the table (allocated capacity). */
  get byteLength(): number {
    return this.slots.byteLength + this.bytes.byteLength + this.starts.byteLength + this.wide.byteLength;
  }

  /** The row of `id`, or -1. */
  find(id: string): number {
    const h = this.hash(id) | 0;
    const slots = this.slots;
    const mask = this.pairMask;
    let p = (h << 1) & mask;
    for (;;) {
      const stored = slots[p + 1]!;
      if (stored === 0) break;
      if (slots[p] === h && this.equals(stored - 1, id)) return stored - 1;
      p = (p + 2) & mask;
    }
    this.missId = id;
    this.missHash = h;
    this.missPair = p;
    return -1;
  }

  /** Adds `id`, which must not be in the table yet, and returns its row. */
  add(id: string): number {
    if (this.missId !== id && this.find(id) >= 0) throw new Error(`IdTable.add: ${JSON.stringify(id)} is already row ${this.find(id)}`);
    const h = this.missHash;
    let p = this.missPair;
    this.missId = null;
    if (this.count >= this.limit) {
      this.grow();
      p = this.emptyPair(h);
    }
    const row = this.count++;
    this.write(row, id);
    this.slots[p] = h;
    this.slots[p + 1] = row + 1;
    return row;
  }

  /** The row of `id`, adding it when new. */
  intern(id: string): number {
    const row = this.find(id);
    return row >= 0 ? row : this.add(id);
  }

  /** The id of `row` as a string. */
  idOf(row: number): string {
    this.checkRow(row);
    const start = this.starts[row]!;
    const end = this.starts[row + 1]!;
    const bytes = this.bytes;
    if (this.wide[row] === 0) {
      if (end - start <= DECODE_CHUNK) return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
      let text = '';
      for (let a = start; a < end; a += DECODE_CHUNK) {
        text += String.fromCharCode.apply(null, bytes.subarray(a, Math.min(end, a + DECODE_CHUNK)) as unknown as number[]);
      }
      return text;
    }
    const units = new Uint16Array(Math.min((end - start) >>> 1, DECODE_CHUNK));
    let text = '';
    for (let a = start; a < end; ) {
      let n = 0;
      for (; n < units.length && a < end; n++, a += 2) units[n] = bytes[a]! | (bytes[a + 1]! << 8);
      text += String.fromCharCode.apply(null, (n === units.length ? units : units.subarray(0, n)) as unknown as number[]);
    }
    return text;
  }

  /** Is the id of `row` exactly `id`? */
  equals(row: number, id: string): boolean {
    const start = this.starts[row]!;
    const bytes = this.bytes;
    const n = id.length;
    if (this.wide[row] === 0) {
      if (this.starts[row + 1]! - start !== n) return false;
      for (let k = 0; k < n; k++) if (bytes[start + k] !== id.charCodeAt(k)) return false;
      return true;
    }
    if (this.starts[row + 1]! - start !== 2 * n) return false;
    for (let k = 0, a = start; k < n; k++, a += 2) if ((bytes[a]! | (bytes[a + 1]! << 8)) !== id.charCodeAt(k)) return false;
    return true;
  }

  /** `id` against the id of `row` in code-unit order (JavaScript's `<`): negative, 0 or positive. */
  compare(id: string, row: number): number {
    this.checkRow(row);
    const start = this.starts[row]!;
    const isWide = this.wide[row]!;
    const length = (this.starts[row + 1]! - start) >>> isWide;
    const n = id.length;
    const common = n < length ? n : length;
    const bytes = this.bytes;
    if (isWide === 0) {
      for (let k = 0; k < common; k++) {
        const d = id.charCodeAt(k) - bytes[start + k]!;
        if (d !== 0) return d;
      }
    } else {
      for (let k = 0, a = start; k < common; k++, a += 2) {
        const d = id.charCodeAt(k) - (bytes[a]! | (bytes[a + 1]! << 8));
        if (d !== 0) return d;
      }
    }
    return n - length;
  }

  /** The ids of rows `a` and `b` in code-unit order: negative, 0 or positive. */
  compareRows(a: number, b: number): number {
    this.checkRow(a);
    this.checkRow(b);
    const startA = this.starts[a]!;
    const startB = this.starts[b]!;
    const wideA = this.wide[a]!;
    const wideB = this.wide[b]!;
    const lengthA = (this.starts[a + 1]! - startA) >>> wideA;
    const lengthB = (this.starts[b + 1]! - startB) >>> wideB;
    const common = lengthA < lengthB ? lengthA : lengthB;
    for (let k = 0; k < common; k++) {
      const d = this.unit(startA, wideA, k) - this.unit(startB, wideB, k);
      if (d !== 0) return d;
    }
    return lengthA - lengthB;
  }

  private unit(start: number, isWide: number, k: number): number {
    if (isWide === 0) return this.bytes[start + k]!;
    const a = start + 2 * k;
    return this.bytes[a]! | (this.bytes[a + 1]! << 8);
  }

  private checkRow(row: number): void {
    if (!(row >= 0 && row < this.count)) throw new RangeError(`IdTable: no row ${row} (size ${this.count})`);
  }

  /** The first empty pair on the probe path of hash `h`. */
  private emptyPair(h: number): number {
    const mask = this.pairMask;
    let p = (h << 1) & mask;
    while (this.slots[p + 1] !== 0) p = (p + 2) & mask;
    return p;
  }

  /** Doubles the slots and re-places every row by its stored hash. */
  private grow(): void {
    const old = this.slots;
    const slots = old.length; // twice the old slot count: the new slot count
    this.slots = new Int32Array(slots * 2);
    this.pairMask = slots * 2 - 2;
    this.limit = (slots * 3) >>> 2;
    for (let p = 0; p < old.length; p += 2) {
      const stored = old[p + 1]!;
      if (stored === 0) continue;
      const q = this.emptyPair(old[p]!);
      this.slots[q] = old[p]!;
      this.slots[q + 1] = stored;
    }
  }

  /** Appends the code units of `id` to the arena as `row`. */
  private write(row: number, id: string): void {
    if (row >= this.wide.length) {
      const wide = new Uint8Array(this.wide.length * 2);
      wide.set(this.wide);
      this.wide = wide;
      const starts = new Int32Array(wide.length + 1);
      starts.set(this.starts);
      this.starts = starts;
    }
    const n = id.length;
    const start = this.used;
    this.reserve(start + n);
    let bytes = this.bytes;
    let k = 0;
    for (; k < n; k++) {
      const c = id.charCodeAt(k);
      if (c > 0xff) break;
      bytes[start + k] = c;
    }
    if (k === n) {
      this.wide[row] = 0;
      this.used = start + n;
    } else {
      this.reserve(start + 2 * n);
      bytes = this.bytes;
      for (let j = 0, a = start; j < n; j++, a += 2) {
        const c = id.charCodeAt(j);
        bytes[a] = c & 0xff;
        bytes[a + 1] = c >>> 8;
      }
      this.wide[row] = 1;
      this.used = start + 2 * n;
    }
    this.starts[row + 1] = this.used;
  }

  /** Makes the arena at least `needed` bytes long, growing by doubling. */
  private reserve(needed: number): void {
    if (needed <= this.bytes.length) return;
    if (needed > MAX_ARENA_BYTES) throw new RangeError(`IdTable: ids would need more than ${MAX_ARENA_BYTES} bytes`);
    let capacity = this.bytes.length * 2;
    while (capacity < needed) capacity *= 2;
    const bytes = new Uint8Array(Math.min(capacity, MAX_ARENA_BYTES));
    bytes.set(this.bytes.subarray(0, this.used));
    this.bytes = bytes;
  }
}

/** A read-only, array-like view of a table's ids: `ids[row]` and `ids.length`. */
function idList(table: IdTable): IdList {
  return new Proxy({} as IdList, {
    get(_target, key) {
      if (key === 'length') return table.size;
      if (typeof key !== 'string') return undefined;
      const row = Number(key);
      return Number.isInteger(row) && row >= 0 && row < table.size && String(row) === key ? table.idOf(row) : undefined;
    },
    has(_target, key) {
      if (key === 'length') return true;
      const row = Number(key);
      return typeof key === 'string' && Number.isInteger(row) && row >= 0 && row < table.size && String(row) === key;
    },
    set() {
      return false;
    },
  });
}
