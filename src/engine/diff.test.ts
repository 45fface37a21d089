import { expect } from '@open-wc/testing';
import { METRICS } from '../model/metrics.js';
import { registryReport } from '../model/metrics.harness.js';
import { DIFF_METRICS, diffMetrics, driftPct } from './diff.js';

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

describe('diffMetrics covers the metric registry', () => {
  it('lists the 17 keys of DESIGN section 4, in order', () => {
    expect(DIFF_METRICS.map((m) => m.key)).to.deep.equal([
      'total_posts',
      'total_replies',
      'active_members',
      'growth_rate',
      'avg_replies_per_post',
      'upvotes',
      'downvotes',
      'accepted_answers',
      'questions_asked',
      'questions_resolved',
      'accepted_answer_rate',
      'new_members',
      'flags_raised',
      'flags_open',
      'auto_mod_triggers',
      'median_response_minutes',
      'p90_response_minutes',
    ]);
  });

  it('compares every registered figure, read from its own field, under its wire name', () => {
    // Each figure gets its own value, so one read from another figure's field shows.
    const direct = registryReport((_, i) => 10 * (i + 1));
    const aggregated = registryReport((_, i) => 10 * (i + 1) + i + 1);
    const diff = diffMetrics(direct, aggregated);
    const compared = METRICS.filter((metric) => metric.drift === 'relative');
    expect(compared.length).to.be.greaterThan(0);
    expect(diff.map((m) => m.key)).to.deep.equal(compared.map((metric) => metric.wire));
    compared.forEach((metric, n) => {
      const i = METRICS.indexOf(metric);
      expect(diff[n], metric.key).to.deep.equal({ key: metric.wire, direct: 10 * (i + 1), aggregated: 11 * (i + 1), drift_pct: 10 });
    });
  });

  it('carries null through for every figure that can be null', () => {
    const nulls = registryReport((metric, i) => (metric.nullable ? null : i + 1));
    for (const m of diffMetrics(nulls, nulls)) {
      const metric = METRICS.find((candidate) => candidate.wire === m.key)!;
      expect(m.direct === null, m.key).to.equal(metric.nullable);
      expect(m.drift_pct, m.key).to.equal(0);
    }
  });
});
