/**
 * Growable typed-array columns. The store keeps one entity per row index, so
 * every table is a set of parallel columns that grow in capacity as rows
 * arrive: compact (no object per row) and fast to scan.
 */

import { PairTable } from './count-table.js';

type TypedArray = Int32Array | Float64Array | Uint8Array;

/**
 * The capacity to grow an array of `current` slots to when it needs
 * `needed`: half as much again (at least `needed`). Doubling would leave a
 * table a third empty on average (up to half); growing by half leaves a
 * fifth, for about twice the copying, which is a memcpy and cheap next to
 * the memory of ten million events.
 */
export function grownCapacity(current: number, needed: number): number {
  return Math.max(needed, current + (current >>> 1), 16);
}
type TypedArrayConstructor<T extends TypedArray> = { new (length: number): T };

/** Events a store takes before a table's share of an expected total is projected from them. */
const PROJECTION_SAMPLE = 4096;
/** A projection grows a table at most this many times over in one step: a size hint is a hint, not a promise. */
const PROJECTION_STEP = 8;
/** Room left above a projection, so that a table projected a little short does not grow again at the very end. */
const PROJECTION_MARGIN = 1.02;

/**
 * How one store's tables grow: by half (`grownCapacity`), unless the caller
 * said how many events to expect (`expect`, from `AnalyticsEngine.reserve`).
 * Then a table that must grow is sized for its share of them, projected from
 * the events so far (a content table at 100 000 rows after 400 000 of an
 * expected million events grows to about 255 000 rows), so a million events
 * cost a table two or three copies instead of twenty and leave almost no
 * slack. A projection grows a table at most eightfold in one step, so a hint
 * far above what arrives wastes memory in proportion, never without bound.
 */
export class Growth {
  private total = 0;
  private readonly eventsSoFar: () => number;

  /** `eventsSoFar`: how many events the store has taken. */
  constructor(eventsSoFar: () => number) {
    this.eventsSoFar = eventsSoFar;
  }

  /** The events expected in all (0: no hint). */
  get expected(): number {
    return this.total;
  }

  /** Expect `total` events in all (the ones taken so far included); 0 drops the hint. */
  expect(total: number): void {
    this.total = total;
  }

  /** The capacity to grow a table of `current` slots to when it needs `needed`: at least `grownCapacity`, at most eight times `current`. */
  capacity(current: number, needed: number): number {
    const grown = grownCapacity(current, needed);
    const seen = this.eventsSoFar();
    if (this.total <= seen || seen < PROJECTION_SAMPLE) return grown;
    const projected = Math.ceil((needed / seen) * this.total * PROJECTION_MARGIN);
    return Math.max(grown, Math.min(projected, current * PROJECTION_STEP));
  }
}

/** Growth with no hint: by half (for tables no store's hint is about). */
export const BY_HALF = new Growth(() => 0);

/**
 * A capacity for a new group of rows sized like the one before it (a day
 * of a community is much like the day before): its size and an eighth
 * more, at least `least`. Fewer growths mean fewer new arrays, whose churn
 * is what sets off full collections while ingesting.
 */
export function likeBefore(before: number, least: number): number {
  return Math.max(least, before + (before >>> 3));
}

export class Column<T extends TypedArray> {
  data: T;
  private readonly ctor: TypedArrayConstructor<T>;
  private readonly fill: number;

  constructor(ctor: TypedArrayConstructor<T>, fill = 0, capacity = 1024) {
    this.ctor = ctor;
    this.fill = fill;
    this.data = new ctor(capacity);
    if (fill !== 0) this.data.fill(fill);
  }

  /** Makes sure row `index` exists, growing to `capacity` (default: by half, see `grownCapacity`). */
  ensure(index: number, capacity = grownCapacity(this.data.length, index + 1)): void {
    if (index < this.data.length) return;
    const next = new this.ctor(Math.max(capacity, index + 1));
    next.set(this.data as never);
    if (this.fill !== 0) next.fill(this.fill, this.data.length);
    this.data = next;
  }
}

/** The least and greatest value a `NarrowColumn` keeps in 16 bits (as days: 1880-04-13 and 2059-09-18). */
const INT16_MIN = -0x8000;
const INT16_MAX = 0x7fff;

/**
 * A column of small whole numbers in 16 bits while every value written fits,
 * widened once to 32 bits by the first that does not: day numbers (days
 * since 1970-01-01, or -1 for none) of any community from 1880 to 2059, or
 * the space of a content while there are fewer than 32,768 spaces, take 2
 * bytes a row instead of 4, and nothing is lost beyond. Readers index
 * `data`, of either width; writers go through `set`.
 */
export class NarrowColumn {
  data: Int16Array | Int32Array;
  private readonly fill: number;

  constructor(fill = 0, capacity = 1024) {
    this.fill = fill;
    this.data = new Int16Array(capacity);
    if (fill !== 0) this.data.fill(fill);
  }

  /** Sets row `row` (which exists) to `value`, widening the column first if the value needs more than 16 bits. */
  set(row: number, value: number): void {
    if ((value < INT16_MIN || value > INT16_MAX) && this.data instanceof Int16Array) this.data = Int32Array.from(this.data);
    this.data[row] = value;
  }

  /** Makes sure row `index` exists, as `Column.ensure`. */
  ensure(index: number, capacity = grownCapacity(this.data.length, index + 1)): void {
    if (index < this.data.length) return;
    const length = Math.max(capacity, index + 1);
    const next = this.data instanceof Int16Array ? new Int16Array(length) : new Int32Array(length);
    next.set(this.data);
    if (this.fill !== 0) next.fill(this.fill, this.data.length);
    this.data = next;
  }
}

/** A `NearColumn` group with no row set yet. */
const UNSET_BASE = -0x80000000;
/** A `NearColumn` row never set: its value is -1. */
const NONE_DELTA = -0x8000;
/** A `NearColumn` row whose value is too far from its group's base: kept in `far`. */
const FAR_DELTA = -0x7fff;

/**
 * A column of event rows (-1 for none) for a table whose rows are set in
 * about the order they are created: a content's creating event, a vote's
 * cast. Per group of 16 rows, the first value set is the base (32 bits),
 * and each row keeps its distance from it in 16 bits: rows made one after
 * another point at events near each other in the stream, so 2.25 bytes a
 * row instead of 4. A value further than 32,766 from its base (a late event,
 * a redefinition) is kept exact in a map. Read with `get`, written with `set`.
 */
export class NearColumn {
  private bases = new Int32Array(64).fill(UNSET_BASE);
  private deltas = new Int16Array(1024).fill(NONE_DELTA);
  private readonly far = new Map<number, number>();

  /** The rows there is room for, as a `ColumnGroup` reads it. */
  get data(): { readonly length: number } {
    return this.deltas;
  }

  /** The value of row `row` (which exists): -1 until set. */
  get(row: number): number {
    const delta = this.deltas[row]!;
    if (delta > FAR_DELTA) return this.bases[row >>> 4]! + delta;
    return delta === NONE_DELTA ? -1 : this.far.get(row)!;
  }

  /** Sets row `row` (which exists) to `value` (0 or more). */
  set(row: number, value: number): void {
    const group = row >>> 4;
    let base = this.bases[group]!;
    if (base === UNSET_BASE) base = this.bases[group] = value;
    if (this.deltas[row] === FAR_DELTA) this.far.delete(row);
    const delta = value - base;
    if (delta > FAR_DELTA && delta <= 0x7fff) this.deltas[row] = delta;
    else {
      this.deltas[row] = FAR_DELTA;
      this.far.set(row, value);
    }
  }

  /** Rows kept apart in the map (for tests). */
  get farRows(): number {
    return this.far.size;
  }

  /** Makes sure row `index` exists, as `Column.ensure`. */
  ensure(index: number, capacity = grownCapacity(this.deltas.length, index + 1)): void {
    if (index < this.deltas.length) return;
    const length = Math.max(capacity, index + 1);
    const deltas = new Int16Array(length).fill(NONE_DELTA, this.deltas.length);
    deltas.set(this.deltas);
    this.deltas = deltas;
    const groups = (length + 15) >>> 4;
    if (groups > this.bases.length) {
      const bases = new Int32Array(groups).fill(UNSET_BASE, this.bases.length);
      bases.set(this.bases);
      this.bases = bases;
    }
  }
}

/** What a `ColumnGroup` grows: a column of either kind. */
interface GrowingColumn {
  readonly data: { readonly length: number };
  ensure(index: number, capacity?: number): void;
}

/**
 * The columns of one table, grown together: a new row costs one capacity
 * check instead of one per column (a content row has nine).
 */
export class ColumnGroup {
  private readonly columns: readonly GrowingColumn[];
  private readonly growth: Growth;
  private capacity: number;

  /** `growth`: the store's, so that the table grows to its projected share of an expected total (default: by half). */
  constructor(columns: readonly GrowingColumn[], growth: Growth = BY_HALF) {
    this.columns = columns;
    this.growth = growth;
    this.capacity = this.smallest();
  }

  /** Makes sure row `index` exists in every column. */
  ensure(index: number): void {
    if (index < this.capacity) return;
    const capacity = this.growth.capacity(this.capacity, index + 1);
    for (const column of this.columns) column.ensure(index, capacity);
    this.capacity = this.smallest();
  }

  private smallest(): number {
    let capacity = Infinity;
    for (const column of this.columns) capacity = Math.min(capacity, column.data.length);
    return capacity;
  }
}

export const int32Column = (fill = 0): Column<Int32Array> => new Column(Int32Array, fill);
export const float64Column = (fill = 0): Column<Float64Array> => new Column(Float64Array, fill);
export const uint8Column = (fill = 0): Column<Uint8Array> => new Column(Uint8Array, fill);
/** Day numbers, in a `NarrowColumn`. */
export const dayColumn = (fill = 0): NarrowColumn => new NarrowColumn(fill);
export const narrowColumn = (fill = 0): NarrowColumn => new NarrowColumn(fill);
export const nearColumn = (): NearColumn => new NearColumn();

/** Days a `DayCounts` window starts on and grows by multiples of. */
const DAY_BLOCK = 64;

/**
 * A counter per day, over a window of days that grows to cover each day
 * written (at least doubling, in blocks of 64 days): a community's few years
 * take kilobytes, where a counter for every possible day (1970 to 2200) took
 * 336 KB a metric. Days outside the window read 0.
 */
export class DayCounts {
  /** The first day of the window. */
  private first = 0;
  private counts = new Int32Array(0);

  /** Adds `delta` to `day`'s counter. */
  add(day: number, delta: number): void {
    let i = day - this.first;
    if (i < 0 || i >= this.counts.length) i = this.cover(day);
    this.counts[i]! += delta;
  }

  /** The counter of `day`. */
  get(day: number): number {
    const i = day - this.first;
    return i >= 0 && i < this.counts.length ? this.counts[i]! : 0;
  }

  /** The counters of days `from` … `to`, summed. */
  sum(from: number, to: number): number {
    const counts = this.counts;
    const end = Math.min(to - this.first, counts.length - 1);
    let total = 0;
    for (let i = Math.max(0, from - this.first); i <= end; i++) total += counts[i]!;
    return total;
  }

  /** Adds the counters of days `startDay` … `startDay + out.length − 1` to `out`, day by day. */
  addTo(out: Int32Array, startDay: number): void {
    const counts = this.counts;
    const from = Math.max(startDay, this.first);
    const to = Math.min(startDay + out.length, this.first + counts.length);
    for (let day = from; day < to; day++) out[day - startDay]! += counts[day - this.first]!;
  }

  /** Bytes of the counters. */
  get byteLength(): number {
    return this.counts.byteLength;
  }

  /** Widens the window to take `day` and returns its position. */
  private cover(day: number): number {
    const length = this.counts.length;
    const block = Math.floor(day / DAY_BLOCK) * DAY_BLOCK;
    let first = length === 0 ? block : Math.min(this.first, block);
    let end = length === 0 ? block + DAY_BLOCK : Math.max(this.first + length, block + DAY_BLOCK);
    // At least double, on the side the new day is.
    if (length > 0 && end - first < 2 * length) {
      if (day < this.first) first = end - 2 * length;
      else end = first + 2 * length;
    }
    const counts = new Int32Array(end - first);
    if (length > 0) counts.set(this.counts, this.first - first);
    this.counts = counts;
    this.first = first;
    return day - first;
  }
}

/**
 * Row numbers grouped by day: the index a SQL table would have on its date
 * column, so a range query reads only the rows of its days. Rows are
 * appended as they are created; if a row's day is ever redefined the index
 * is marked stale and rebuilt from the day column on the next read.
 *
 * A day's rows are kept as runs of consecutive row numbers, `[start, end)`
 * pairs: a stream in time order creates a day's rows one after another (80
 * to 110 rows a run in the generated communities, late events breaking the
 * rest), so the index takes some 8 bytes a run instead of 4 a row, and a
 * reader walks each run's rows in table order with no step through the
 * index per row.
 */
export class DayIndex {
  private readonly days = new Map<number, { runs: Int32Array; size: number; rows: number }>();
  private rows = 0;
  private stale = false;

  add(day: number, row: number): void {
    let bucket = this.days.get(day);
    if (!bucket) {
      const before = this.days.get(day - 1);
      this.days.set(day, (bucket = { runs: new Int32Array(likeBefore(before?.size ?? 0, 8)), size: 0, rows: 0 }));
    }
    const size = bucket.size;
    if (size > 0 && bucket.runs[size - 1] === row) bucket.runs[size - 1] = row + 1;
    else {
      if (size + 2 > bucket.runs.length) {
        const grown = new Int32Array(grownCapacity(bucket.runs.length, size + 2));
        grown.set(bucket.runs);
        bucket.runs = grown;
      }
      bucket.runs[size] = row;
      bucket.runs[size + 1] = row + 1;
      bucket.size = size + 2;
    }
    bucket.rows++;
    this.rows++;
  }

  /** Rows indexed. */
  get total(): number {
    return this.rows;
  }

  /**
   * Rows created on the days of [startDay, endDay], for a reader choosing
   * between this index and a scan of the whole table (when most rows are in
   * the range, reading them in table order is faster than through the index).
   */
  rowsIn(startDay: number, endDay: number, rebuild: () => Iterable<[number, number]>): number {
    this.refresh(rebuild);
    let rows = 0;
    if (endDay - startDay + 1 > this.days.size) {
      for (const [day, bucket] of this.days) if (day >= startDay && day <= endDay) rows += bucket.rows;
    } else {
      for (let day = startDay; day <= endDay; day++) rows += this.days.get(day)?.rows ?? 0;
    }
    return rows;
  }

  markStale(): void {
    this.stale = true;
  }

  /** Gives each day's runs back the room they did not take (after a load); the next row of a day grows it again. */
  trim(): void {
    for (const bucket of this.days.values()) if (bucket.runs.length > bucket.size) bucket.runs = bucket.runs.slice(0, bucket.size);
  }

  /** Rebuilds the index from `rebuild` (every (day, row)) when a row's day changed since it was built. */
  private refresh(rebuild: () => Iterable<[number, number]>): void {
    if (!this.stale) return;
    this.days.clear();
    this.rows = 0;
    for (const [day, row] of rebuild()) this.add(day, row);
    this.stale = false;
  }

  /**
   * Calls `visit(runs, size)` for each day of [startDay, endDay] that has
   * rows: the day's rows are those of the runs `[runs[k], runs[k + 1])` for
   * even k below `size`.
   */
  forEachDay(startDay: number, endDay: number, rebuild: () => Iterable<[number, number]>, visit: (runs: Int32Array, size: number) => void): void {
    this.refresh(rebuild);
    if (endDay - startDay + 1 > this.days.size) {
      for (const [day, bucket] of this.days) if (day >= startDay && day <= endDay) visit(bucket.runs, bucket.size);
    } else {
      for (let day = startDay; day <= endDay; day++) {
        const bucket = this.days.get(day);
        if (bucket) visit(bucket.runs, bucket.size);
      }
    }
  }
}

/**
 * Distinct (space, author) pairs of content rows since `begin()`, for
 * "distinct contributors per space" on the direct path: its own index of
 * the pairs, as a SQL table would keep one. Each content row gets its
 * pair's number the first time a count reads it (kept until a row may have
 * changed space or author), and a count marks one bit per pair that exists
 * (a few hundred KB at 10 M events) instead of one per (space, member) cell
 * (12.5 MB with 200 spaces and 500 000 members, out of cache).
 */
export class ContentPairs {
  private pairs = new PairTable();
  /** Per content row, its pair's number; -1 until a count reads the row. */
  private pairOf = new Int32Array(0);
  private marks = new Int32Array(0);
  private version = -1;

  /**
   * Starts a count over content rows 0 … rows − 1. `version` is the store's
   * count of redefinitions: when it moved, a row's space or author may have
   * changed, and every row is numbered again.
   */
  begin(rows: number, version: number): void {
    if (this.version !== version) {
      this.pairs = new PairTable();
      this.pairOf.fill(-1);
      this.version = version;
    }
    if (this.pairOf.length < rows) {
      const grown = new Int32Array(grownCapacity(this.pairOf.length, rows)).fill(-1);
      grown.set(this.pairOf);
      this.pairOf = grown;
    }
    // As many pairs as there can be by the end of the count: those known, plus one per row.
    const words = (this.pairs.size + rows + 31) >>> 5;
    if (this.marks.length < words) this.marks = new Int32Array(grownCapacity(this.marks.length, words));
    else this.marks.fill(0, 0, words);
  }

  /**
   * Marks the pair (space, author) of content row `row` as seen and returns
   * 1 the first time since `begin()`, else 0: a number, not a boolean, so
   * that a caller adds it to a count with no test (pairs come in random
   * order, so the processor could not guess).
   */
  add(row: number, space: number, author: number): number {
    let pair = this.pairOf[row]!;
    if (pair < 0) pair = this.pairOf[row] = this.pairs.intern(space, author);
    const word = pair >>> 5;
    const bit = pair & 31;
    const marks = this.marks[word]!;
    this.marks[word] = marks | (1 << bit);
    return ((marks >>> bit) & 1) ^ 1;
  }
}
