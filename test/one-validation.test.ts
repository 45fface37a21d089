/**
 * One validation for all operations: every source (memory in the worker and
 * in-process, the engine itself, the cache in front of a source, REST over
 * the mock server, the static snapshot) refuses the same bad input of every
 * operation with the same `invalid_query` error and the same message, before
 * any work or request.
 */
import { expect } from '@open-wc/testing';
import { getResponse } from 'msw';
import { AnalyticsEngine } from '../src/engine/engine.js';
import { createAnalyticsHandlers } from '../src/mocks/handlers.js';
import { AnalyticsError } from '../src/model/errors.js';
import { withCache } from '../src/sources/cache.js';
import type { AnalyticsDataSource } from '../src/sources/data-source.js';
import { MemoryDataSource } from '../src/sources/memory-data-source.js';
import { RestDataSource } from '../src/sources/rest-data-source.js';
import { StaticSnapshotSource } from '../src/testing/static-snapshot-source.js';

const GOOD = { start: '2026-11-01', end: '2026-11-30' };
type Call = (source: AnalyticsDataSource) => Promise<unknown>;
const q = (value: unknown) => value as never;

/** Bad input of every operation; each must be refused. */
const CASES: [string, Call][] = [
  ['report of a year-0000 range', (s) => s.report({ range: { start: '0000-01-01', end: '0000-01-31' } })],
  ['rows of a year-0000 range', (s) => s.rows('daily', { range: { start: '0000-01-01', end: '0000-01-31' }, offset: 0, limit: 10 })],
  ['diff report of a year-0000 range', (s) => s.diffReport({ range: { start: '0000-01-01', end: '0000-01-31' } })],
  ['rows of a range before 1970', (s) => s.rows('top-spaces', { range: { start: '1969-12-01', end: '1970-01-31' }, offset: 0, limit: 10 })],
  ['report without a query', (s) => s.report(q(undefined))],
  ['rows with a query that is a string', (s) => s.rows('daily', q('30d'))],
  ['report without a range', (s) => s.report(q({}))],
  ['report of a preset (presets are for diff reports and elements)', (s) => s.report(q({ range: '30d' }))],
  ['rows of an impossible date', (s) => s.rows('daily', { range: { start: '2026-02-30', end: '2026-03-01' }, offset: 0, limit: 10 })],
  ['rows of a reversed range', (s) => s.rows('daily', { range: { start: '2026-11-30', end: '2026-11-01' }, offset: 0, limit: 10 })],
  ['rows of six years', (s) => s.rows('daily', { range: { start: '2020-01-01', end: '2025-12-31' }, offset: 0, limit: 10 })],
  ['rows of an unknown table', (s) => s.rows(q('top-posts'), { range: GOOD, offset: 0, limit: 10 })],
  ['an unknown table before a bad range', (s) => s.rows(q('top-posts'), q({ range: { start: 'x' }, offset: 0, limit: 10 }))],
  ['report on an unknown path', (s) => s.report(q({ range: GOOD, path: 'fast' }))],
  ['rows on an unknown path', (s) => s.rows('daily', q({ range: GOOD, path: 'fast', offset: 0, limit: 10 }))],
  ['report with topN 101', (s) => s.report({ range: GOOD, topN: 101 })],
  ['report with topN -1', (s) => s.report({ range: GOOD, topN: -1 })],
  ['report with topN 2.5', (s) => s.report({ range: GOOD, topN: 2.5 })],
  ['report with topN "5"', (s) => s.report(q({ range: GOOD, topN: '5' }))],
  ['rows without an offset', (s) => s.rows('daily', q({ range: GOOD, limit: 10 }))],
  ['rows with a negative offset', (s) => s.rows('daily', { range: GOOD, offset: -1, limit: 10 })],
  ['rows with limit NaN', (s) => s.rows('daily', { range: GOOD, offset: 0, limit: Number.NaN })],
  ['rows with limit 1.5', (s) => s.rows('daily', { range: GOOD, offset: 0, limit: 1.5 })],
  ['diff report of an unknown preset', (s) => s.diffReport(q({ range: 'yesterday' }))],
  ['diff report of a reversed range text', (s) => s.diffReport(q({ range: '2026-11-30..2026-11-01' }))],
  ['diff report without a query', (s) => s.diffReport(q(null))],
];

/** The engine behind the same interface, its synchronous errors as rejections. */
function engineSource(): AnalyticsDataSource {
  const engine = new AnalyticsEngine();
  return {
    timeZone: 'UTC',
    report: async (query) => engine.report(query),
    rows: async (table, query) => engine.rows(table, query),
    diffReport: async () => {
      throw new Error('the engine takes a checked range for diff reports');
    },
  } as AnalyticsDataSource;
}

async function refusal(call: Call, source: AnalyticsDataSource): Promise<{ code: string; message: string } | string> {
  try {
    await call(source);
    return 'answered';
  } catch (error) {
    if (!(error instanceof AnalyticsError)) return `not an AnalyticsError: ${String(error)}`;
    return { code: error.code, message: error.message };
  }
}

describe('one validation for all operations', () => {
  const requests: string[] = [];
  const memory = new MemoryDataSource({ timeZone: 'UTC', now: Date.UTC(2026, 10, 30, 12) });
  const inProcess = new MemoryDataSource({ timeZone: 'UTC', worker: false, now: Date.UTC(2026, 10, 30, 12) });
  const handlers = createAnalyticsHandlers({ source: inProcess, root: '/wp-json/', nonce: 'n0nce' });
  const rest = new RestDataSource({
    root: '/wp-json/',
    nonce: 'n0nce',
    fetch: async (input, init) => {
      requests.push(String(input));
      const answer = await getResponse(handlers, new Request(new URL(String(input), location.origin), init));
      return answer ?? new Response('not handled', { status: 599 });
    },
  });
  const snapshot = new StaticSnapshotSource({ takenAt: Date.UTC(2026, 10, 30, 12), spaces: [], members: [], days: [] });
  const sources: [string, AnalyticsDataSource][] = [
    ['memory (worker)', memory],
    ['memory (in-process)', inProcess],
    ['cache over memory', withCache(inProcess, { name: 'one-validation' })],
    ['REST', rest],
    ['static snapshot', snapshot],
  ];
  after(() => {
    memory.close();
    inProcess.close();
  });

  for (const [name, call] of CASES) {
    it(`refuses ${name} the same way everywhere`, async () => {
      requests.length = 0;
      const expected = await refusal(call, inProcess);
      expect(expected, 'memory refuses it with invalid_query').to.have.property('code', 'invalid_query');
      for (const [sourceName, source] of sources) expect(await refusal(call, source), sourceName).to.deep.equal(expected);
      if (!name.startsWith('diff report')) expect(await refusal(call, engineSource()), 'the engine').to.deep.equal(expected);
      expect(requests, 'no request was sent').to.deep.equal([]);
    });
  }

  it('answers the good versions of the same calls on every source', async () => {
    for (const [sourceName, source] of sources) {
      const report = await source.report({ range: GOOD, topN: 100 });
      expect(report.range, sourceName).to.deep.equal(GOOD);
      const page = await source.rows('daily', { range: GOOD, offset: 0, limit: 0 });
      expect(page.total, sourceName).to.equal(30);
      const diff = await source.diffReport({ range: '2026-11-01..2026-11-30' as never });
      expect(diff.range, sourceName).to.equal('2026-11-01..2026-11-30');
    }
  });
});
