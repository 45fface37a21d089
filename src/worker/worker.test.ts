import { expect } from '@open-wc/testing';
import Papa from 'papaparse';
import { Random, randomRange, randomStream } from '../../test/random-streams.js';
import { FORMULA_PREFIX } from '../engine/csv.js';
import { generateCommunity } from '../generator/community.js';
import { AnalyticsError } from '../model/errors.js';
import type { DateRange } from '../model/report.js';
import { exportCsv } from '../sources/export-csv.js';
import { MemoryDataSource } from '../sources/memory-data-source.js';
import { sharedEngineWorker } from './worker-transport.js';

const YEAR: DateRange = { start: '2025-11-25', end: '2026-11-24' };
const community = generateCommunity({ seed: 7, events: 20000 });

async function pair(events: unknown[], timeZone = 'UTC'): Promise<[MemoryDataSource, MemoryDataSource]> {
  const inWorker = new MemoryDataSource({ timeZone });
  const inProcess = new MemoryDataSource({ timeZone, worker: false });
  const [a, b] = await Promise.all([inWorker.ingest(events), inProcess.ingest(events)]);
  expect(a).to.deep.equal(b);
  return [inWorker, inProcess];
}

describe('engine worker', () => {
  it('runs a MemoryDataSource in the worker by default and in-process on request', async () => {
    const [inWorker, inProcess] = await pair([]);
    expect(inWorker.runsIn).to.equal('worker');
    expect(inProcess.runsIn).to.equal('in-process');
    inWorker.close();
    inProcess.close();
  });

  it('gives results identical to in-process on random streams, both paths', async () => {
    for (let seed = 1; seed <= 40; seed++) {
      const stream = randomStream(seed);
      const [inWorker, inProcess] = await pair(stream.events, stream.timeZone);
      const rng = new Random(seed * 31);
      for (let i = 0; i < 3; i++) {
        const range = randomRange(rng, stream);
        for (const path of ['direct', 'aggregate'] as const) {
          const [a, b] = await Promise.all([inWorker.report({ range, path }), inProcess.report({ range, path })]);
          expect(a, `seed ${seed} ${range.start}..${range.end} ${path}`).to.deep.equal(b);
        }
        const [ra, rb] = await Promise.all([
          inWorker.rows('top-contributors', { range, offset: 1, limit: 3 }),
          inProcess.rows('top-contributors', { range, offset: 1, limit: 3 }),
        ]);
        expect(ra).to.deep.equal(rb);
      }
      inWorker.close();
      inProcess.close();
    }
  });

  it('ingests a generated community in the worker without sending events', async () => {
    const source = new MemoryDataSource();
    const progress: number[] = [];
    const result = await source.ingestCommunity({ seed: 7, events: 20000 }, { onProgress: (p) => progress.push(p.done) });
    const direct = new MemoryDataSource({ worker: false });
    await direct.ingest(community);
    expect(result.rejected).to.deep.equal([]);
    expect(await source.report({ range: YEAR })).to.deep.equal(await direct.report({ range: YEAR }));
    expect(progress.length).to.be.greaterThan(0);
    source.close();
    direct.close();
  });

  it('rejects an aborted report with an AbortError and still answers the next one', async () => {
    const source = new MemoryDataSource();
    await source.ingest(community);
    const controller = new AbortController();
    const first = source.report({ range: YEAR, signal: controller.signal });
    controller.abort();
    let error: unknown;
    await first.catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(DOMException);
    expect((error as DOMException).name).to.equal('AbortError');
    const already = new AbortController();
    already.abort();
    await source.report({ range: YEAR, signal: already.signal }).catch((e: unknown) => (error = e));
    expect((error as DOMException).name).to.equal('AbortError');
    const report = await source.report({ range: YEAR });
    expect(report.overview.totalPosts).to.be.greaterThan(0);
    source.close();
  });

  it('turns engine errors into AnalyticsErrors with a code', async () => {
    const source = new MemoryDataSource();
    let error: unknown;
    await source.report({ range: { start: '2026-02-30', end: '2026-03-01' } }).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(AnalyticsError);
    expect((error as AnalyticsError).code).to.equal('invalid_query');
    expect((error as AnalyticsError).message).to.contain('2026-02-30');
    source.close();
  });

  it('recovers from a crashed worker: restarts, replays, answers', async () => {
    const source = new MemoryDataSource();
    await source.ingest(community);
    const before = await source.report({ range: YEAR, path: 'aggregate' });
    const restarts = sharedEngineWorker().restarts;
    await sharedEngineWorker().crash();
    // The crash lands after the call above returned; the next call sees it, restarts and replays.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const after = await source.report({ range: YEAR, path: 'aggregate' });
    expect(after).to.deep.equal(before);
    expect(sharedEngineWorker().restarts).to.equal(restarts + 1);
    source.close();
  });

  it('recovers from a killed worker that never answers: a clear timeout error, then the answer', async () => {
    const source = new MemoryDataSource({ workerTimeoutMs: 1500 });
    await source.ingest(community);
    const before = await source.report({ range: YEAR });
    sharedEngineWorker().kill();
    let error: unknown;
    await source.report({ range: YEAR }).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(AnalyticsError);
    expect((error as AnalyticsError).code).to.equal('worker_timeout');
    expect(await source.report({ range: YEAR })).to.deep.equal(before);
    source.close();
  });

  it('loses nothing of a chunk to one unreadable event, and keeps held events as they were given', async () => {
    const at = Date.parse('2026-03-02T12:00:00Z');
    const { proxy: revoked, revoke } = Proxy.revocable({}, {});
    revoke();
    const throwingId = {
      get id(): string {
        throw new Error('id getter');
      },
    };
    const post = (id: string, contentId: string): Record<string, unknown> => ({ id, type: 'content.created', at, contentId, kind: 'post', spaceId: 's1', authorId: 'm1', status: 'published' });
    const early = post('e0', 'p0');
    for (const worker of [true, false]) {
      const source = new MemoryDataSource({ timeZone: 'UTC', worker });
      // Held: the space and the member come in the next batch.
      const first = await source.ingest([{ ...early }]);
      expect(first, `worker ${worker}`).to.deep.include({ applied: 0, held: 1 });
      const result = await source.ingest([
        { id: 'e1', type: 'space.created', at, spaceId: 's1', name: 'General', kind: 'discussion' },
        { id: 'e2', type: 'member.joined', at, memberId: 'm1', displayName: 'Ada', trustLevel: 1 },
        post('e3', 'p1'),
        revoked,
        throwingId,
        post('e4', 'p2'),
      ]);
      expect(result, `worker ${worker}`).to.deep.include({ applied: 4, released: 1, duplicates: 0 });
      expect(result.rejected.map((r) => r.index)).to.deep.equal([3, 4]);
      const report = await source.report({ range: { start: '2026-03-01', end: '2026-03-07' } });
      expect(report.overview.totalPosts, `worker ${worker}`).to.equal(3);
      source.close();
    }
  });

  it('ends the worker with its last source and starts a fresh one on the next', async () => {
    const a = new MemoryDataSource();
    await a.ingest(community.slice(0, 100));
    a.close();
    const b = new MemoryDataSource();
    await b.ingest(community.slice(0, 100));
    expect((await b.report({ range: YEAR })).timeZone).to.equal('UTC');
    b.close();
  });
});

describe('exportCsv', () => {
  it('exports every row of the range from the worker, parsing back to the table', async () => {
    const source = new MemoryDataSource();
    await source.ingest(community);
    const all = await source.rows('top-contributors', { range: YEAR, offset: 0, limit: 1e9 });
    const file = await exportCsv(source, 'top-contributors', { range: YEAR });
    expect(file.fileName).to.equal('top-contributors_2025-11-25_2026-11-24.csv');
    expect(file.rows).to.equal(all.total);
    const bytes = new Uint8Array(await file.blob.arrayBuffer());
    expect([...bytes.slice(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes); // the decoder drops the BOM
    expect(text.split('\r\n')[0]).to.equal('Rank,Member,Trust level,Posts,Replies,Accepted answers,Total');
    const parsed = Papa.parse<string[]>(text, { newline: '\r\n' }).data;
    expect(parsed.length - 1).to.equal(all.total);
    const neutralise = (name: string): string => (FORMULA_PREFIX.test(name) ? `'${name}` : name);
    parsed.slice(1).forEach((cells, i) => {
      const row = all.rows[i]!;
      expect(cells).to.deep.equal([row.rank, neutralise(row.displayName), row.trustLevel, row.posts, row.replies, row.acceptedAnswers, row.total].map(String));
    });
    source.close();
  });

  it('pages through rows() for a source that cannot build CSV itself, and reports progress', async () => {
    const memory = new MemoryDataSource({ worker: false });
    await memory.ingest(community);
    const plain = { report: memory.report.bind(memory), rows: memory.rows.bind(memory), diffReport: memory.diffReport.bind(memory) };
    const progress: number[] = [];
    const viaRows = await exportCsv(plain, 'daily', { range: YEAR }, { pageSize: 100, bom: false, onProgress: (p) => progress.push(p.rows) });
    const direct = await exportCsv(memory, 'daily', { range: YEAR }, { bom: false });
    expect(await viaRows.blob.text()).to.equal(await direct.blob.text());
    expect(viaRows.rows).to.equal(365);
    expect(progress).to.deep.equal([100, 200, 300, 365]);
    memory.close();
  });
});
