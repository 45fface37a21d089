import { expect } from '@open-wc/testing';
import { previousRange } from '../model/range.js';
import type { AnalyticsReport, DateRange, ReportQuery } from '../model/report.js';
import type { AnalyticsDataSource } from '../sources/data-source.js';
import { loadReports } from './load-reports.js';

const RANGE: DateRange = { start: '2026-10-01', end: '2026-10-31' };
const PREVIOUS = previousRange(RANGE);

/** A report answering `query`: its range and path say which query it answers; it names the usual previous period. */
const answer = (query: Omit<ReportQuery, 'signal'>): AnalyticsReport =>
  ({ range: query.range, previousRange: previousRange(query.range), path: query.path ?? 'direct' }) as AnalyticsReport;

/** A source that answers several reports at once, recording each batch and each single call. */
function batchingSource(shortBy = 0) {
  const batches: Omit<ReportQuery, 'signal'>[][] = [];
  const singles: ReportQuery[] = [];
  const signals: (AbortSignal | undefined)[] = [];
  const source = {
    report: async (query: ReportQuery) => (singles.push(query), answer(query)),
    reports: async (queries: readonly Omit<ReportQuery, 'signal'>[], options?: { signal?: AbortSignal }) => {
      batches.push([...queries]);
      signals.push(options?.signal);
      return queries.slice(0, queries.length - shortBy).map(answer);
    },
  } as unknown as AnalyticsDataSource;
  return { source, batches, singles, signals };
}

describe('loadReports', () => {
  const signal = new AbortController().signal;

  it('asks a source that answers several at once in one request: the range, the previous period, the aggregate path', async () => {
    const { source, batches, singles, signals } = batchingSource();
    const loaded = await loadReports(source, { range: RANGE, verify: true, compare: true, topN: 25 }, signal);
    expect(batches).to.deep.equal([
      [
        { range: RANGE, path: 'direct', topN: 25 },
        { range: PREVIOUS, path: 'direct', topN: 0 },
        { range: RANGE, path: 'aggregate', topN: 25 },
      ],
    ]);
    expect(signals).to.deep.equal([signal]);
    expect(singles).to.deep.equal([]);
    expect([loaded.direct.path, loaded.previous?.range, loaded.aggregate?.path]).to.deep.equal(['direct', PREVIOUS, 'aggregate']);
  });

  it('asks only for what is wanted, with the source’s own table rows when topN is unset', async () => {
    const { source, batches } = batchingSource();
    const loaded = await loadReports(source, { range: RANGE, verify: false, compare: false }, signal);
    expect(batches).to.deep.equal([[{ range: RANGE, path: 'direct' }]]);
    expect(loaded.previous).to.equal(undefined);
    expect(loaded.aggregate).to.equal(undefined);

    const verifying = await loadReports(source, { range: RANGE, verify: true, compare: false }, signal);
    expect(batches[1]).to.deep.equal([
      { range: RANGE, path: 'direct' },
      { range: RANGE, path: 'aggregate' },
    ]);
    expect([verifying.previous, verifying.aggregate?.path]).to.deep.equal([undefined, 'aggregate']);
  });

  it('asks a source without reports() once per report, each with the signal', async () => {
    const queries: ReportQuery[] = [];
    const source = { report: async (query: ReportQuery) => (queries.push(query), answer(query)) } as unknown as AnalyticsDataSource;
    const loaded = await loadReports(source, { range: RANGE, verify: true, compare: true, topN: 10 }, signal);
    expect(queries).to.deep.equal([
      { range: RANGE, path: 'direct', topN: 10, signal },
      { range: PREVIOUS, path: 'direct', topN: 0, signal },
      { range: RANGE, path: 'aggregate', topN: 10, signal },
    ]);
    expect([loaded.direct.path, loaded.previous?.range, loaded.aggregate?.path]).to.deep.equal(['direct', PREVIOUS, 'aggregate']);
  });

  it('fails, saying so, when the source answers fewer reports than asked for', async () => {
    const { source } = batchingSource(1);
    let failure: unknown;
    await loadReports(source, { range: RANGE, verify: true, compare: true }, signal).catch((error: unknown) => (failure = error));
    expect((failure as Error).message).to.equal('The data source answered 2 of the 3 reports asked for.');
  });
});
