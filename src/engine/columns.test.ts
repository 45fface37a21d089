import { expect } from '@open-wc/testing';
import { PairBits } from './columns.js';

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
