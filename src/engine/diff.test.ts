import { expect } from '@open-wc/testing';
import { driftPct } from './diff.js';

describe('driftPct', () => {
  const cases: [number | null, number | null, number | null][] = [
    [312, 311, -0.32], // the product docs' example
    [1284, 1284, 0],
    [0, 0, 0],
    [0, 5, null],
    [200, 201, 0.5],
    [3, 2, -33.33],
    [3, 4, 33.33],
    [8000, 7974, -0.33], // -0.325 rounds away from zero
    [8000, 8026, 0.33],
    [null, null, 0],
    [null, 4, null],
    [4, null, null],
  ];
  for (const [direct, aggregated, expected] of cases) {
    it(`direct ${direct}, aggregated ${aggregated} → ${expected}`, () => {
      const drift = driftPct(direct, aggregated);
      expect(drift).to.equal(expected);
      if (drift !== null) expect(Object.is(drift, -0)).to.equal(false);
    });
  }
});
