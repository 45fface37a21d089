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
 * - Slots: one `Int32Array` entry per slot (4 bytes), linear probing, any
 *   slot count S (not rounded to a power of two: told how many ids to
 *   expect, the table takes S = 4/3 of them, not up to twice that), at
 *   most 3/4 full. A look-up starts at slot ⌊h · S / 2^32⌋ (the hash's high
 *   bits). A slot holds `row + 1` in its low k bits (0 marks an empty slot;
 *   k is just enough for the rows the slots can take) and the hash's low
 *   32 − k bits above them, a tag that lets most probes reject without
 *   reading the arena. Growing (at least doubling, or to a projected size)
 *   hashes the stored ids again, from the arena (one pass over its bytes),
 *   since a slot no longer holds the whole hash.
 * - Arena: each id is stored as one byte per code unit when all its units
 *   are below 256 (every ASCII id), else as two bytes per unit (little
 *   endian), so any JS string survives, lone surrogates included.
 *   Its bytes run from its start to the next row's, `wide[row]` says which
 *   form (allocated with the first two-byte id: most tables never have one).
 *   Starts go in groups of 16 rows: the group's first start in 32 bits, then
 *   each row's distance from it in 8 bits (1.25 bytes a row instead of 4)
 *   while every group spans less than 256 bytes, as groups of short ids
 *   do; a table with a longer group switches to distances in 16 bits (2.25
 *   bytes a row), and one whose ids are so long that a group spans 64 KiB
 *   to a 32-bit start per row.
 * - A hash match is always confirmed against the stored code units, so two
 *   ids are never taken for one, whatever the hash does.
 * - Order: `compare` and `compareRows` order ids by UTF-16 code units, as
 *   JavaScript's `<` orders strings (the `(at, id)` tie-break of the design).
 */

import { FNV_OFFSET, FNV_PRIME, finishHash, hashId } from '../model/hash.js';
import { BY_HALF, type Growth } from './columns.js';

export interface IdTableOptions {
  /** Slots to start with (at least 2; default 64). */
  initialSlots?: number;
  /** The hash of an id; tests pass a poor one to force collisions. */
  hash?: (id: string) => number;
  /** The store's growth policy, so that the table grows to its projected share of an expected total (default: by half, slots doubling). */
  growth?: Growth;
}

/** Read-only view of the ids by row; every read decodes (for tools and tests, not hot paths). */
export interface IdList {
  readonly length: number;
  readonly [row: number]: string | undefined;
}

/** Most slots: positions and `row + 1` fit in 30 bits. */
const MAX_SLOTS = 1 << 30;
/** 2^-32: a 32-bit hash times this is in [0, 1). */
const TO_UNIT = 1 / 4294967296;

/** Largest arena: offsets are Int32. */
const MAX_ARENA_BYTES = 0x7fffffff;
/** Code units per `String.fromCharCode` call when decoding, well under engines' argument limits. */
const DECODE_CHUNK = 4096;

export class IdTable {
  private readonly hash: (id: string) => number;
  /** Whether `hash` is `hashId`, which `storedHash` recomputes from the arena without decoding. */
  private readonly defaultHash: boolean;
  private readonly growth: Growth;
  /** Per slot: `row + 1` in the low `bits` bits, the hash's low bits above (see the module's comment); 0 when empty. */
  private slots!: Int32Array;
  /** Bits of a slot that hold `row + 1`. */
  private bits!: number;
  /** The row part of a slot: 2^bits − 1. */
  private mask!: number;
  /** The tag part of a hash: its low 32 − bits bits. */
  private tagMask!: number;
  /** Slot count / 2^32: a hash (as unsigned) times this is its first slot. */
  private scale!: number;
  /** Rows allowed before the slots grow (3/4 of them). */
  private limit!: number;
  private count = 0;

  private bytes = new Uint8Array(256);
  private used = 0;
  /** Per group of 16 rows, where its first row's bytes start. */
  private bases = new Int32Array(5);
  /**
   * Per row (and row `size`, the end), its start less its group's base: in
   * 8 bits while every group of 16 ids spans less than 256 bytes (ids of up
   * to 15 characters on average, as counters and short keys are), then in
   * 16 bits.
   */
  private offsets: Uint8Array | Uint16Array = new Uint8Array(65);
  /** The largest offset `offsets` holds. */
  private offsetLimit = 0xff;
  /** Per row (and row `size`), its start, once some group spans 64 KiB; then `bases` and `offsets` are unused. */
  private starts32: Int32Array | null = null;
  /** Rows + 1 that the starts have room for. */
  private startsLength = 65;
  /** Per row, 1 for a two-byte id; empty until the first one (`anyWide`). */
  private wide = new Uint8Array(0);
  private anyWide = false;

  // Where the last find() missed, so that add() of the same id right after needs no second probe.
  private missId: string | null = null;
  private missHash = 0;
  private missSlot = 0;

  /** The ids by row, decoded on each read. */
  readonly ids: IdList;

  constructor(options: IdTableOptions = {}) {
    this.hash = options.hash ?? hashId;
    this.defaultHash = this.hash === hashId;
    this.growth = options.growth ?? BY_HALF;
    this.setSlots(Math.min(MAX_SLOTS, Math.max(2, Math.ceil(options.initialSlots ?? 64))));
    this.ids = idList(this);
  }

  /** Number of ids (rows 0 … size − 1). */
  get size(): number {
    return this.count;
  }

  /** Bytes of the typed arrays behind the table (allocated capacity). */
  get byteLength(): number {
    return this.slots.byteLength + this.bytes.byteLength + this.startBytes + this.wide.byteLength;
  }

  /** Bytes of the ids' starts alone (for tests). */
  get startBytes(): number {
    return this.starts32 !== null ? this.starts32.byteLength : this.bases.byteLength + this.offsets.byteLength;
  }

  /** Bytes of the hash slots alone (4 a slot). */
  get slotBytes(): number {
    return this.slots.byteLength;
  }

  /** The row of `id`, or -1. */
  find(id: string): number {
    const h = this.hash(id) | 0;
    const slots = this.slots;
    const mask = this.mask;
    const bits = this.bits;
    const tag = h & this.tagMask;
    const last = slots.length - 1;
    let p = this.firstSlot(h);
    for (;;) {
      const stored = slots[p]!;
      if (stored === 0) break;
      if (stored >>> bits === tag && this.equals((stored & mask) - 1, id)) return (stored & mask) - 1;
      p = p === last ? 0 : p + 1;
    }
    this.missId = id;
    this.missHash = h;
    this.missSlot = p;
    return -1;
  }

  /** Adds `id`, which must not be in the table yet, and returns its row. */
  add(id: string): number {
    if (this.missId !== id && this.find(id) >= 0) throw new Error(`IdTable.add: ${JSON.stringify(id)} is already row ${this.find(id)}`);
    const h = this.missHash;
    let p = this.missSlot;
    this.missId = null;
    const row = this.count;
    this.write(row, id);
    this.count++;
    if (this.count > this.limit) {
      // Re-places every row, this one included.
      this.grow();
      return row;
    }
    this.slots[p] = this.slotOf(h, row);
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
    const start = this.startOf(row);
    const end = this.startOf(row + 1);
    const bytes = this.bytes;
    if (this.wideOf(row) === 0) {
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
    const start = this.startOf(row);
    const bytes = this.bytes;
    const n = id.length;
    if (this.wideOf(row) === 0) {
      if (this.startOf(row + 1) - start !== n) return false;
      for (let k = 0; k < n; k++) if (bytes[start + k] !== id.charCodeAt(k)) return false;
      return true;
    }
    if (this.startOf(row + 1) - start !== 2 * n) return false;
    for (let k = 0, a = start; k < n; k++, a += 2) if ((bytes[a]! | (bytes[a + 1]! << 8)) !== id.charCodeAt(k)) return false;
    return true;
  }

  /** `id` against the id of `row` in code-unit order (JavaScript's `<`): negative, 0 or positive. */
  compare(id: string, row: number): number {
    this.checkRow(row);
    const start = this.startOf(row);
    const isWide = this.wideOf(row);
    const length = (this.startOf(row + 1) - start) >>> isWide;
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
    const startA = this.startOf(a);
    const startB = this.startOf(b);
    const wideA = this.wideOf(a);
    const wideB = this.wideOf(b);
    const lengthA = (this.startOf(a + 1) - startA) >>> wideA;
    const lengthB = (this.startOf(b + 1) - startB) >>> wideB;
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

  /** A slot's content for `row` under hash `h`: the hash's low bits (the tag), then `row + 1`. */
  private slotOf(h: number, row: number): number {
    return ((h & this.tagMask) << this.bits) | (row + 1);
  }

  /** The slot a look-up of hash `h` starts at: ⌊h · S / 2^32⌋ for h as unsigned, in [0, S). */
  private firstSlot(h: number): number {
    // Exact enough: the product's rounding error is far below the distance from S of any h · S / 2^32.
    return ((h >>> 0) * this.scale) | 0;
  }

  /** Empty slots, `size` of them, with the fields that follow from their number. */
  private setSlots(size: number): void {
    this.slots = new Int32Array(size);
    this.scale = size * TO_UNIT;
    this.limit = Math.floor((size * 3) / 4);
    // `row + 1` must fit for every row the slots may hold (up to limit + 1 while growing).
    let bits = 1;
    while ((1 << bits) - 1 < this.limit + 1) bits++;
    this.bits = bits;
    this.mask = (1 << bits) - 1;
    this.tagMask = bits >= 31 ? 0 : 0xffffffff >>> bits;
  }

  /** Doubles the slots (or more, to 4/3 of a projected size) and re-places every row, hashing its id again from the arena. */
  private grow(): void {
    // The rows to make room for: a projection grows them at most eightfold from the rows the slots
    // hold now (3/4 of them), so the slots too grow at most eightfold in one step.
    const rows = this.growth.capacity(this.limit, this.count + 1);
    // Rows must stay at most 3/4 of the slots.
    const size = Math.min(MAX_SLOTS, Math.max(2 * this.slots.length, Math.ceil((rows * 4) / 3)));
    if (size === this.slots.length) throw new RangeError(`IdTable: more than ${(MAX_SLOTS * 3) / 4} ids`);
    this.setSlots(size);
    const slots = this.slots;
    const last = size - 1;
    for (let row = 0; row < this.count; row++) {
      const h = this.storedHash(row);
      let p = this.firstSlot(h);
      while (slots[p] !== 0) p = p === last ? 0 : p + 1;
      slots[p] = this.slotOf(h, row);
    }
  }

  /** The hash of the id of `row`, as `hash` gives it for the id as a string. */
  private storedHash(row: number): number {
    if (!this.defaultHash) return this.hash(this.idOf(row)) | 0;
    // hashId's steps over the stored code units instead of a decoded string (a test compares the two).
    const start = this.startOf(row);
    const end = this.startOf(row + 1);
    const bytes = this.bytes;
    let h = FNV_OFFSET;
    if (this.wideOf(row) === 0) {
      for (let a = start; a < end; a++) h = Math.imul(h ^ bytes[a]!, FNV_PRIME);
    } else {
      for (let a = start; a < end; a += 2) h = Math.imul(h ^ (bytes[a]! | (bytes[a + 1]! << 8)), FNV_PRIME);
    }
    return finishHash(h) | 0;
  }

  /** Where the bytes of `row` start in the arena (row `size`: where the next id's will). */
  private startOf(row: number): number {
    const starts32 = this.starts32;
    return starts32 !== null ? starts32[row]! : this.bases[row >>> 4]! + this.offsets[row]!;
  }

  /** Sets the start of `row`; rows are set in order, each group's first row first. */
  private setStart(row: number, start: number): void {
    if (this.starts32 === null) {
      if ((row & 15) === 0) this.bases[row >>> 4] = start;
      const offset = start - this.bases[row >>> 4]!;
      if (offset <= this.offsetLimit) {
        this.offsets[row] = offset;
        return;
      }
      if (offset <= 0xffff) {
        // A group of longer ids: 16-bit offsets from now on.
        this.offsets = Uint16Array.from(this.offsets);
        this.offsetLimit = 0xffff;
        this.offsets[row] = offset;
        return;
      }
      // A group of ids of 64 KiB or more: a 32-bit start per row from now on.
      const starts32 = new Int32Array(this.startsLength);
      for (let r = 0; r < row; r++) starts32[r] = this.startOf(r);
      this.starts32 = starts32;
      this.bases = new Int32Array(0);
      this.offsets = new Uint8Array(0);
    }
    this.starts32![row] = start;
  }

  /**
   * Gives back the room the arena and the starts did not take (a load is
   * done: a hint's projection leaves some, and growing by half up to a
   * third); the next id grows them again. The slots stay: their count is
   * what keeps look-ups short.
   */
  compact(): void {
    if (this.bytes.length > this.used) this.bytes = this.bytes.slice(0, Math.max(this.used, 1));
    const length = this.count + 1;
    if (this.startsLength > length) {
      if (this.starts32 !== null) this.starts32 = this.starts32.slice(0, length);
      else {
        this.offsets = this.offsets.slice(0, length);
        this.bases = this.bases.slice(0, (length >>> 4) + 1);
      }
      this.startsLength = length;
      if (this.anyWide) this.wide = this.wide.slice(0, length - 1);
    }
  }

  /** Room in the starts for rows 0 … `length` − 1. */
  private growStarts(length: number): void {
    if (this.starts32 !== null) {
      const starts32 = new Int32Array(length);
      starts32.set(this.starts32);
      this.starts32 = starts32;
    } else {
      const offsets = this.offsetLimit === 0xff ? new Uint8Array(length) : new Uint16Array(length);
      offsets.set(this.offsets);
      this.offsets = offsets;
      const bases = new Int32Array((length >>> 4) + 1);
      bases.set(this.bases);
      this.bases = bases;
    }
    this.startsLength = length;
  }

  /** 1 when the id of `row` is stored two bytes a unit, else 0. */
  private wideOf(row: number): number {
    return this.anyWide ? this.wide[row]! : 0;
  }

  /** Appends the code units of `id` to the arena as `row`. */
  private write(row: number, id: string): void {
    if (row + 1 >= this.startsLength) {
      this.growStarts(this.growth.capacity(this.startsLength - 1, row + 1) + 1);
      if (this.anyWide) {
        const wide = new Uint8Array(this.startsLength - 1);
        wide.set(this.wide);
        this.wide = wide;
      }
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
      if (this.anyWide) this.wide[row] = 0;
      this.used = start + n;
    } else {
      if (!this.anyWide) {
        this.wide = new Uint8Array(this.startsLength - 1);
        this.anyWide = true;
      }
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
    this.setStart(row + 1, this.used);
  }

  /** Makes the arena at least `needed` bytes long, growing by half or as `growth` projects. */
  private reserve(needed: number): void {
    if (needed <= this.bytes.length) return;
    if (needed > MAX_ARENA_BYTES) throw new RangeError(`IdTable: ids would need more than ${MAX_ARENA_BYTES} bytes`);
    const bytes = new Uint8Array(Math.min(this.growth.capacity(this.bytes.length, needed), MAX_ARENA_BYTES));
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
