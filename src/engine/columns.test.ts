import { expect } from '@open-wc/testing';
import { DayIndex, PairBits } from './columns.js';

describe('PairBits', () => {
  /** Marks random pairs, some many times, and returns each row's distinct columns as counted by a Set. */
  function markRandom(pairs: PairBits, rows: number, cols: number, marks: number): number[] {
    const distinct = Array.from({ length: rows }, () => new Set<number>());
    let seed = 7;
    for (let i = 0; i < marks; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      const row = seed % rows;
      // Columns crowd in a few words, and reach the last one, so popcounts see full and partial words.
      const col = i % 3 === 0 ? cols - 1 - (seed % 40) : (seed >>> 8) % cols;
      pairs.mark(row, col);
      distinct[row]!.add(col);
    }
    return distinct.map((set) => set.size);
  }

  it('counts each row\u2019s distinct marked pairs, in its bit table', () => {
    const pairs = new PairBits();
    pairs.begin(5, 1000);
    const expected = markRandom(pairs, 5, 1000, 20_000);
    expect(expected.some((n) => n > 900), 'some rows nearly full').to.equal(true);
    expect(Array.from({ length: 5 }, (_, row) => pairs.rowCount(row))).to.deep.equal(expected);
    // A new begin() forgets every mark, also where the table is reused at another width.
    pairs.begin(3, 70);
    expect([0, 1, 2].map((row) => pairs.rowCount(row))).to.deep.equal([0, 0, 0]);
    const again = markRandom(pairs, 3, 70, 500);
    expect([0, 1, 2].map((row) => pairs.rowCount(row))).to.deep.equal(again);
  });

  it('counts the same with a Set when the table would be too large', () => {
    const pairs = new PairBits();
    pairs.begin(40_000, 40_000); // 1.6 billion cells: past the bit table's limit
    const expected = markRandom(pairs, 40_000, 40_000, 5000);
    const rows = [...expected.keys()].filter((row) => expected[row]! > 0).slice(0, 50);
    expect(rows.length).to.be.greaterThan(10);
    expect(rows.map((row) => pairs.rowCount(row))).to.deep.equal(rows.map((row) => expected[row]));
    pairs.begin(40_000, 40_000);
    expect(pairs.rowCount(rows[0]!)).to.equal(0);
  });
});

describe('DayIndex', () => {
  it('counts the rows of a range, also after a rebuild', () => {
    const index = new DayIndex();
    const days = [5, 5, 6, 9, 9, 9, 12];
    days.forEach((day, row) => index.add(day, row));
    expect(index.total).to.equal(7);
    expect([index.rowsIn(5, 5), index.rowsIn(6, 9), index.rowsIn(0, 100), index.rowsIn(10, 11), index.rowsIn(4, 12)]).to.deep.equal([2, 4, 7, 0, 7]);
    // A row moves from day 12 to day 5: marked stale, the index is rebuilt on the next read.
    days[6] = 5;
    index.markStale();
    const visited: number[] = [];
    index.forEachDay(5, 5, () => days.map((day, row) => [day, row] as [number, number]), (rows, size) => visited.push(...rows.subarray(0, size)));
    expect(visited).to.deep.equal([0, 1, 6]);
    expect([index.total, index.rowsIn(5, 5), index.rowsIn(12, 12)]).to.deep.equal([7, 3, 0]);
  });
});
