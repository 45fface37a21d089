import { METRICS, readMetric } from '../model/metrics.js';
import type { AnalyticsReport, DiffMetric } from '../model/report.js';

/**
 * Drift of the aggregate path against the direct one, in percent of the
 * direct value, rounded to 2 decimals: 0 when both agree on 0 (or on
 * "no value"), null when the direct value is 0 (or missing) and the
 * aggregated one is not.
 */
export function driftPct(direct: number | null, aggregated: number | null): number | null {
  if (direct === null || aggregated === null) return direct === aggregated ? 0 : null;
  if (direct === 0) return aggregated === 0 ? 0 : null;
  // Hundredths of a percent in one division, so integer counts land exactly on
  // halves (-26 / 8000 → -32.5) and round half away from zero; `+ 0` turns -0 into 0.
  const hundredths = ((aggregated - direct) * 10000) / direct;
  return (Math.sign(hundredths) * Math.round(Math.abs(hundredths))) / 100 + 0;
}

/**
 * The metric keys of DESIGN section 4, in the order the diff report lists
 * them: every figure of the registry compared `relative`ly, keyed by its
 * wire name (a figure added to `METRICS` is diffed without a change here).
 */
export const DIFF_METRICS: readonly { key: string; read: (r: AnalyticsReport) => number | null }[] = Object.freeze(
  METRICS.filter((metric) => metric.drift === 'relative').map((metric) => Object.freeze({ key: metric.wire, read: (r: AnalyticsReport) => readMetric(r, metric) })),
);

/** Every metric of both reports side by side with its drift. */
export function diffMetrics(direct: AnalyticsReport, aggregated: AnalyticsReport): DiffMetric[] {
  return DIFF_METRICS.map(({ key, read }) => {
    const d = read(direct);
    const a = read(aggregated);
    return { key, direct: d, aggregated: a, drift_pct: driftPct(d, a) };
  });
}
