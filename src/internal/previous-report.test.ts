import { expect } from '@open-wc/testing';
import type { AnalyticsReport, ReportQuery } from '../model/report.js';
import type { AnalyticsDataSource } from '../sources/data-source.js';
import { namedPreviousReport, previousQuery } from './previous-report.js';

/** A report of `range` naming `previous` as its previous period: only the fields the helper reads matter. */
const reportOf = (range: AnalyticsReport['range'], previous: AnalyticsReport['previousRange']): AnalyticsReport =>
  ({ range, previousRange: previous }) as AnalyticsReport;

/** A source that answers every report() with a report of the asked range and records the queries. */
function recordingSource(): { source: AnalyticsDataSource; queries: ReportQuery[] } {
  const queries: ReportQuery[] = [];
  const source = {
    report: async (query: ReportQuery) => (queries.push(query), reportOf(query.range, query.range)),
  } as unknown as AnalyticsDataSource;
  return { source, queries };
}

describe('the previous period a report names', () => {
  const signal = new AbortController().signal;

  it('asks for the direct path and no table rows', () => {
    expect(previousQuery({ start: '2026-10-01', end: '2026-10-31' })).to.deep.equal({ range: { start: '2026-10-01', end: '2026-10-31' }, path: 'direct', topN: 0 });
  });

  it('keeps the report loaded alongside when it covers the period the report names', async () => {
    const { source, queries } = recordingSource();
    const asked = reportOf({ start: '2026-10-02', end: '2026-10-31' }, { start: '2026-09-02', end: '2026-10-01' });
    const report = reportOf({ start: '2026-11-01', end: '2026-11-30' }, { start: '2026-10-02', end: '2026-10-31' });
    expect(await namedPreviousReport(source, report, asked, signal)).to.equal(asked);
    expect(queries).to.deep.equal([]);
  });

  it('asks again for the period the report names when the source counts it otherwise', async () => {
    const { source, queries } = recordingSource();
    const asked = reportOf({ start: '2026-10-02', end: '2026-10-31' }, { start: '2026-09-02', end: '2026-10-01' });
    // A source whose previous period is the calendar month before.
    const report = reportOf({ start: '2026-11-01', end: '2026-11-30' }, { start: '2026-10-01', end: '2026-10-31' });
    const previous = await namedPreviousReport(source, report, asked, signal);
    expect(previous.range).to.deep.equal({ start: '2026-10-01', end: '2026-10-31' });
    expect(queries).to.deep.equal([{ range: { start: '2026-10-01', end: '2026-10-31' }, path: 'direct', topN: 0, signal }]);
  });
});
