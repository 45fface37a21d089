/**
 * Reports and rows built from the metric registry, for the tests that prove
 * each consumer covers every registered figure and field: a figure added to
 * the registry shows up here without a change, so a consumer that misses it
 * fails its test.
 */
import { METRICS, METRIC_SECTIONS, fieldsOf, type FieldFormat, type Metric, type RowField } from './metrics.js';
import type { AnalyticsReport, TableId } from './report.js';
import type { TableRows } from './table-rows.js';

/** A valid value of a format: distinct per `seed` (a whole number ≥ 1), so a figure read from the wrong field shows. */
export function sampleValue(format: FieldFormat, seed: number): number | string {
  switch (format) {
    case 'count':
    case 'rank':
      return seed;
    case 'level':
      return seed % 5;
    case 'ratio':
    case 'duration':
      return seed + 0.25;
    case 'share':
      return 1 / (seed + 1);
    case 'percent':
      return -seed - 0.5;
    case 'id':
      return `id-${seed}`;
    case 'text':
      return `Name ${seed}`;
    case 'url':
      return `https://example.com/avatar/${seed}.png`;
    case 'date':
      return '2026-03-02';
  }
}

/** The report's sections with every registered figure set by `value` (default: a distinct valid value each). */
export function registrySections(value: (metric: Metric, index: number) => number | null = (metric, index) => sampleValue(metric.format, index + 1) as number) {
  const sections = Object.fromEntries(METRIC_SECTIONS.map((section) => [section, {} as Record<string, number | null>]));
  METRICS.forEach((metric, index) => {
    sections[metric.section]![metric.key] = value(metric, index);
  });
  return sections as unknown as Pick<AnalyticsReport, 'overview' | 'engagement' | 'moderation'>;
}

/** A row of `table` with every registered field set (default: a distinct valid value each). */
export function registryRow<T extends TableId>(table: T, value: (field: RowField<T>, index: number) => unknown = (field, index) => sampleValue(field.format, index + 1)): TableRows[T] {
  const row: Record<string, unknown> = {};
  fieldsOf(table).forEach((field, index) => {
    row[field.key] = value(field, index);
  });
  return row as unknown as TableRows[T];
}

/** A whole report over one day: its figures and one row of each table from the registry. */
export function registryReport(value?: (metric: Metric, index: number) => number | null): AnalyticsReport {
  return {
    range: { start: '2026-03-02', end: '2026-03-02' },
    previousRange: { start: '2026-03-01', end: '2026-03-01' },
    timeZone: 'UTC',
    path: 'direct',
    recordingSince: null,
    ...registrySections(value),
    daily: [registryRow('daily')],
    topSpaces: { total: 1, rows: [registryRow('top-spaces')] },
    topContributors: { total: 1, rows: [registryRow('top-contributors')] },
  };
}

/** Where each table's rows sit in a report. */
export const REPORT_TABLES: { readonly [T in TableId]: (report: AnalyticsReport) => TableRows[T][] } = {
  daily: (report) => report.daily,
  'top-spaces': (report) => report.topSpaces.rows,
  'top-contributors': (report) => report.topContributors.rows,
};
