import { expect } from '@open-wc/testing';
import { ColumnGroup, ContentPairs, NarrowColumn, NearColumn, DayCounts, DayIndex, Growth, grownCapacity, int32Column } from './columns.js';

describe('ContentPairs', () => {
  let version = 0;
  /**
   * Adds random pairs, some many times; returns per row the sum of what add() answered and the
   * distinct columns a Set saw, which must be equal.
   */
  function addRandom(pairs: ContentPairs, rows: number, cols: number, adds: number): { answered: number[]; distinct: number[] } {
    // Every add is a content row of its own, whose pair is (row, col): new rows, so a new version.
    pairs.begin(adds, ++version);
    const distinct = Array.from({ length: rows }, () => new Set<number>());
    const answered = new Array<number>(rows).fill(0);
    let seed = 7;
    for (let i = 0; i < adds; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      const row = seed % rows;
      // Columns crowd in a few words and reach the last one, so whole and partial words occur.
      const col = i % 3 === 0 ? cols - 1 - (seed % 40) : (seed >>> 8) % cols;
      const added = pairs.add(i, row, col);
      expect(added === 0 || added === 1).to.equal(true);
      answered[row]! += added;
      distinct[row]!.add(col);
    }
    return { answered, distinct: distinct.map((set) => set.size) };
  }

  it('answers 1 for each pair\u2019s first add only, in its bit table', () => {
    const pairs = new ContentPairs();
    const { answered, distinct } = addRandom(pairs, 5, 1000, 20_000);
    expect(distinct.some((n) => n > 900), 'some rows nearly full').to.equal(true);
    expect(answered).to.deep.equal(distinct);
    // A new begin() forgets every mark, also where the rows are fewer and their pairs other ones.
    const again = addRandom(pairs, 3, 70, 500);
    expect(again.answered).to.deep.equal(again.distinct);
    pairs.begin(4, ++version);
    expect([pairs.add(0, 2, 69), pairs.add(1, 2, 69), pairs.add(2, 2, 68), pairs.add(3, 1, 69)]).to.deep.equal([1, 0, 1, 1]);
  });

  it('answers the same however many (space, member) cells there could be: it marks pairs that exist', () => {
    const pairs = new ContentPairs();
    // 40 000 × 40 000 is 1.6 billion cells; 5000 rows name at most 5000 pairs.
    const { answered, distinct } = addRandom(pairs, 40_000, 40_000, 5000);
    expect(answered).to.deep.equal(distinct);
    pairs.begin(2, ++version);
    expect([pairs.add(0, 1, 2), pairs.add(1, 1, 2)]).to.deep.equal([1, 0]);
  });

  it('keeps a row\u2019s pair until the version moves, then numbers every row again', () => {
    const pairs = new ContentPairs();
    pairs.begin(2, 0);
    expect([pairs.add(0, 1, 1), pairs.add(1, 2, 2)]).to.deep.equal([1, 1]);
    // Same version: row 0 keeps its first pair (1, 1), whatever it is asked with, so it meets row 1's mark
    // only when asked with row 1's own number.
    pairs.begin(2, 0);
    expect([pairs.add(1, 2, 2), pairs.add(0, 2, 2)]).to.deep.equal([1, 1]);
    // A redefinition: row 0 is now (2, 2) and is numbered again, as row 1's pair.
    pairs.begin(2, 1);
    expect([pairs.add(1, 2, 2), pairs.add(0, 2, 2)]).to.deep.equal([1, 0]);
  });
});

describe('DayCounts', () => {
  it('counts per day over a window that grows both ways, and reads 0 outside it', () => {
    const counts = new DayCounts();
    const expected = new Map<number, number>();
    let x = 7;
    // Days of about three years around 20,500 (2026), then late ones a decade before, then one far after.
    const days = [
      ...Array.from({ length: 3000 }, () => 20_000 + ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) % 1100)),
      16_000,
      15_990,
      30_000,
    ];
    days.forEach((day, i) => {
      const delta = (i % 4) + 1;
      counts.add(day, delta);
      expected.set(day, (expected.get(day) ?? 0) + delta);
    });
    const total = (from: number, to: number): number => [...expected].filter(([d]) => d >= from && d <= to).reduce((n, [, c]) => n + c, 0);
    for (const day of [0, 15_989, 15_990, 16_000, 20_000, 20_550, 21_099, 21_100, 30_000, 30_001, 84_000]) {
      expect(counts.get(day), `day ${day}`).to.equal(expected.get(day) ?? 0);
    }
    for (const [from, to] of [[20_000, 21_099], [20_300, 20_329], [-5, 100_000], [15_995, 20_010], [29_000, 31_000], [21_200, 21_100]] as const) {
      expect(counts.sum(from, to), `${from}..${to}`).to.equal(total(from, to));
    }
    const month = new Int32Array(30);
    counts.addTo(month, 20_500);
    expect([...month]).to.deep.equal(Array.from({ length: 30 }, (_, i) => expected.get(20_500 + i) ?? 0));
    // Days 15,970 … 15,994: zeros but for 15,990, the first day of the data.
    const edges = new Int32Array(25);
    counts.addTo(edges, 15_970);
    expect(edges[20]).to.equal(expected.get(15_990));
    expect(edges.reduce((n, c) => n + Math.abs(c), 0)).to.equal(Math.abs(expected.get(15_990)!));
    // A window of days 15,936 … 30,016 or so: tens of kilobytes, not a counter for each day since 1970.
    expect(counts.byteLength).to.be.at.most(4 * 2 * (30_016 - 15_936));
  });
});

describe('DayIndex', () => {
  /** The rows of a visit's runs, in order. */
  const rowsOf = (runs: Int32Array, size: number): number[] => {
    const rows: number[] = [];
    for (let k = 0; k < size; k += 2) for (let row = runs[k]!; row < runs[k + 1]!; row++) rows.push(row);
    return rows;
  };

  it('counts the rows of a range, rebuilding first when a row changed its day', () => {
    const index = new DayIndex();
    const days = [5, 5, 6, 9, 9, 9, 12];
    days.forEach((day, row) => index.add(day, row));
    const rebuild = (): [number, number][] => days.map((day, row) => [day, row]);
    expect(index.total).to.equal(7);
    expect([[5, 5], [6, 9], [0, 100], [10, 11], [4, 12]].map(([a, b]) => index.rowsIn(a!, b!, rebuild))).to.deep.equal([2, 4, 7, 0, 7]);
    // A row moves from day 12 to day 5: marked stale, the index is rebuilt on the next count or visit.
    days[6] = 5;
    index.markStale();
    expect([index.rowsIn(5, 5, rebuild), index.rowsIn(12, 12, rebuild), index.total]).to.deep.equal([3, 0, 7]);
    const visited: number[] = [];
    index.forEachDay(5, 5, rebuild, (runs, size) => visited.push(...rowsOf(runs, size)));
    expect(visited).to.deep.equal([0, 1, 6]);
    // Stale again: a visit rebuilds as well.
    days[0] = 9;
    index.markStale();
    const seen: number[] = [];
    index.forEachDay(9, 9, rebuild, (runs, size) => seen.push(...rowsOf(runs, size)));
    expect(seen.sort((a, b) => a - b)).to.deep.equal([0, 3, 4, 5]);
  });

  it("keeps a day's consecutive rows as one run, and rows of other days or late rows as runs of their own", () => {
    const index = new DayIndex();
    const rebuild = (): [number, number][] => [];
    // Days in time order with a late row for day 1 (row 7) and day 1 going on after day 2 began.
    const days = [1, 1, 1, 2, 2, 1, 2, 1, 3, 3];
    days.forEach((day, row) => index.add(day, row));
    const visits: [number, number[]][] = [];
    index.forEachDay(0, 5, rebuild, (runs, size) => visits.push([size / 2, rowsOf(runs, size)]));
    expect(visits).to.deep.equal([
      [3, [0, 1, 2, 5, 7]],
      [2, [3, 4, 6]],
      [1, [8, 9]],
    ]);
    // 10 000 rows of one day in order: one run, 8 bytes.
    const long = new DayIndex();
    for (let row = 0; row < 10_000; row++) long.add(7, row);
    long.trim();
    long.forEachDay(7, 7, rebuild, (runs, size) => visits.push([size / 2, [runs.byteLength]]));
    expect(visits[3]).to.deep.equal([1, [8]]);
    expect(long.rowsIn(0, 10, rebuild)).to.equal(10_000);
  });

  it('gives back the room its days did not take, and takes rows after that as before', () => {
    const index = new DayIndex();
    const rebuild = (): [number, number][] => [];
    // Days 3 and 4 taking turns: a run per row.
    for (let row = 0; row < 100; row++) index.add(row % 10 < 7 ? 3 : 4, row);
    const visit = (): number[][] => {
      const out: number[][] = [];
      index.forEachDay(0, 10, rebuild, (runs, size) => out.push([runs.length, ...rowsOf(runs, size)]));
      return out;
    };
    const before = visit();
    expect(before[0]![0]).to.be.above(20);
    index.trim();
    const after = visit();
    expect(after.map((day) => day[0])).to.deep.equal([20, 20]);
    expect(after.map((day) => day.slice(1))).to.deep.equal(before.map((day) => day.slice(1)));
    index.add(3, 100);
    expect(index.rowsIn(3, 3, rebuild)).to.equal(71);
    expect(visit()[0]!.slice(1)).to.deep.equal([...before[0]!.slice(1), 100]);
  });
});

describe('NarrowColumn', () => {
  it('keeps days in 16 bits until one does not fit, then in 32, losing nothing and keeping its fill as it grows', () => {
    const column = new NarrowColumn(-1, 4);
    const group = new ColumnGroup([column, int32Column()]);
    const written = new Map<number, number>();
    const put = (row: number, day: number): void => {
      group.ensure(row);
      column.set(row, day);
      written.set(row, day);
    };
    // 2026, and the last and first days 16 bits hold (2059-09-18, 1880-04-13).
    put(0, 20_500);
    put(5, 32_767);
    put(9, -32_768);
    expect(column.data).to.be.instanceOf(Int16Array);
    expect(column.data[3], 'rows never written keep the fill').to.equal(-1);
    // 2059-09-19: the column widens once.
    put(12, 32_768);
    expect(column.data).to.be.instanceOf(Int32Array);
    put(40, 84_000);
    put(2000, 11_000);
    expect(column.data).to.be.instanceOf(Int32Array);
    for (const [row, day] of written) expect(column.data[row], `row ${row}`).to.equal(day);
    expect([column.data[1], column.data[39], column.data[1999]]).to.deep.equal([-1, -1, -1]);
  });
});

describe('NearColumn', () => {
  it("gives back every value set, near its group's first or far from it, and -1 for rows never set", () => {
    const column = new NearColumn();
    const group = new ColumnGroup([column]);
    const expected = new Map<number, number>();
    const put = (row: number, value: number): void => {
      group.ensure(row);
      column.set(row, value);
      expected.set(row, value);
    };
    // Rows made in order, each pointing a few events further: all near.
    for (let row = 0; row < 5000; row++) put(row, 3 * row + 7);
    expect(column.farRows).to.equal(0);
    // A late event far before, and one far after, the group's base; then set near again.
    put(16, 0);
    put(17, 3 * 17 + 7 + 40_000);
    put(18, 3 * 16 + 7 - 32_767);
    expect(column.farRows).to.equal(2);
    put(17, 3 * 17 + 8);
    expect(column.farRows, 'a far row set near again leaves the map').to.equal(1);
    // Rows set out of order in a new group: the first set is the base.
    put(6000, 2_000_000_000);
    put(5999, 1_999_999_000);
    put(6001, 2_000_032_767);
    put(6002, 1_999_967_233);
    for (const [row, value] of expected) expect(column.get(row), `row ${row}`).to.equal(value);
    expect([column.get(5001), column.get(6003), column.get(5990)]).to.deep.equal([-1, -1, -1]);
    expect(column.farRows).to.equal(2);
  });
});

describe('Growth', () => {
  function growthAt(seen: number, expected = 0): Growth {
    const growth = new Growth(() => seen);
    if (expected > 0) growth.expect(expected);
    return growth;
  }

  it('grows by half without a hint, before enough events to project from, and past the expected total', () => {
    for (const growth of [growthAt(100_000), growthAt(1000, 1_000_000), growthAt(200_000, 150_000)]) {
      expect(growth.capacity(30_000, 30_001)).to.equal(grownCapacity(30_000, 30_001));
      expect(growth.capacity(30_000, 30_001)).to.equal(45_000);
    }
  });

  it('grows to the table’s projected share of the expected events, with a little room', () => {
    // 100 001 rows after 400 000 of 1 000 000 events: about 250 003 rows, 2 % more.
    expect(growthAt(400_000, 1_000_000).capacity(100_000, 100_001)).to.equal(Math.ceil((100_001 / 400_000) * 1_000_000 * 1.02));
    // Never less than by half, when the projection is smaller.
    expect(growthAt(900_000, 1_000_000).capacity(300_000, 300_001)).to.equal(450_000);
  });

  it('grows at most eightfold in one step, however large the hint', () => {
    expect(growthAt(10_000, 2_000_000_000).capacity(5000, 5001)).to.equal(40_000);
  });

  it('drops the hint when told to expect 0', () => {
    const growth = growthAt(100_000, 1_000_000);
    growth.expect(0);
    expect(growth.capacity(30_000, 30_001)).to.equal(45_000);
  });

  it('sizes every column of a group to the projection at once, keeping rows and fill', () => {
    let seen = 0;
    const growth = new Growth(() => seen);
    growth.expect(100_000);
    const a = int32Column(-1);
    const b = int32Column();
    const group = new ColumnGroup([a, b], growth);
    seen = 5000;
    for (let row = 0; row < 1025; row++) {
      group.ensure(row);
      a.data[row] = row;
      b.data[row] = 2 * row;
    }
    // 1025 rows after 5000 events: a quarter of the 100 000 expected, one step up (at most 8 × 1024).
    expect(a.data.length).to.equal(Math.min(Math.ceil((1025 / 5000) * 100_000 * 1.02), 8192));
    expect(b.data.length).to.equal(a.data.length);
    expect(a.data[1024]).to.equal(1024);
    expect(b.data[1000]).to.equal(2000);
    expect(a.data[1025]).to.equal(-1);
  });
});
