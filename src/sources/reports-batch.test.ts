/**
 * `reports`: several reports in one request. MemoryDataSource answers them in
 * one round trip to its engine, exactly as `report` answers each; withCache
 * passes the batch on (or asks `report` per query for a source without one)
 * and caches every answer.
 */
import { expect } from '@open-wc/testing';
import { deleteDB } from 'idb';
import { analyticsError, fixtureSource } from '../internal/test-fixtures.js';
import type { AnalyticsReport, ReportQuery } from '../model/report.js';
import { generateCommunity } from '../generator/community.js';
import { withCache } from './cache.js';
import type { AnalyticsDataSource } from './data-source.js';
import { MemoryDataSource } from './memory-data-source.js';

const QUERIES: Omit<ReportQuery, 'signal'>[] = [
  { range: { start: '2026-10-26', end: '2026-11-24' }, path: 'direct', topN: 5 },
  { range: { start: '2026-09-26', end: '2026-10-25' }, path: 'direct', topN: 0 },
  { range: { start: '2026-10-26', end: '2026-11-24' }, path: 'aggregate', topN: 5 },
];

describe('reports: several reports in one request', () => {
  for (const worker of [true, false]) {
    it(`MemoryDataSource answers each as report does, in the order asked (${worker ? 'worker' : 'in-process'})`, async () => {
      const source = await fixtureSource({ worker });
      const batch = await source.reports(QUERIES);
      expect(batch.map((r) => [r.range.start, r.path, r.topContributors.rows.length])).to.deep.equal([
        ['2026-10-26', 'direct', 5],
        ['2026-09-26', 'direct', 0],
        ['2026-10-26', 'aggregate', 5],
      ]);
      for (let i = 0; i < QUERIES.length; i++) expect(batch[i], `query ${i}`).to.deep.equal(await source.report(QUERIES[i]!));
      source.close();
    });
  }

  it('refuses a batch with a bad query as report refuses that query, and an abort rejects it', async () => {
    const source = await fixtureSource({ worker: false });
    const bad = { range: { start: '2026-11-24', end: '2026-10-01' }, path: 'direct' as const };
    const alone = await analyticsError(source.report(bad));
    const inBatch = await analyticsError(source.reports([QUERIES[0]!, bad]));
    expect([inBatch.code, inBatch.message]).to.deep.equal([alone.code, alone.message]);
    expect((await analyticsError(source.reports('nope' as never))).code).to.equal('invalid_query');
    const controller = new AbortController();
    const aborted = source.reports(QUERIES, { signal: controller.signal }).catch((e: unknown) => e);
    controller.abort();
    expect(((await aborted) as DOMException).name).to.equal('AbortError');
    source.close();
  });

  it('withCache passes the batch on and caches each answer; for a source without reports it asks report per query', async () => {
    const source = new MemoryDataSource({ worker: false, timeZone: 'UTC', now: Date.UTC(2026, 10, 24, 12) });
    await source.ingest(generateCommunity({ seed: 4, events: 3000, days: 120, end: Date.UTC(2026, 10, 24, 12) }));
    const asked: string[] = [];
    const plain: AnalyticsDataSource = {
      timeZone: source.timeZone,
      report: (q) => {
        asked.push(`report ${q.range instanceof Object ? q.range.start : q.range} ${q.path}`);
        return source.report(q);
      },
      rows: ((table, q) => source.rows(table, q)) as AnalyticsDataSource['rows'],
      diffReport: (q) => source.diffReport(q),
    };
    const names = [`jt-batch-${Math.random().toString(36).slice(2)}`, `jt-batch-${Math.random().toString(36).slice(2)}`];
    const batched = withCache(source, { name: names[0]! });
    const perQuery = withCache(plain, { name: names[1]! });
    try {
      const expected: AnalyticsReport[] = [];
      for (const q of QUERIES) expected.push(await source.report(q));
      expect(await batched.reports(QUERIES)).to.deep.equal(expected);
      expect(await perQuery.reports(QUERIES)).to.deep.equal(expected);
      expect(asked).to.deep.equal(['report 2026-10-26 direct', 'report 2026-09-26 direct', 'report 2026-10-26 aggregate']);
      for (const cache of [batched, perQuery]) {
        // Every answer is in the cache, as report's are (written in the background: wait for it).
        let copies: (AnalyticsReport | undefined)[] = [];
        for (let tries = 0; tries < 50; tries++) {
          copies = await Promise.all(QUERIES.map((q) => cache.cachedReport(q)));
          if (copies.every((c) => c !== undefined)) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        expect(copies).to.deep.equal(expected);
      }
    } finally {
      await Promise.all([batched.close(), perQuery.close()]);
      await Promise.all(names.map((name) => deleteDB(name)));
      source.close();
    }
  });
});
