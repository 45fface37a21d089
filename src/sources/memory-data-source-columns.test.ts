import { expect } from '@open-wc/testing';
import { Random } from '../../test/random-streams.js';
import { AnalyticsEngine } from '../engine/engine.js';
import { communityColumns, communityEvents, generateCommunity } from '../generator/community.js';
import { AnalyticsError } from '../model/errors.js';
import { emptyColumns, encodeEvents, NO_NUMBER, type EventColumns } from '../model/event-columns.js';
import { EVENT_TYPES, type IngestResult } from '../model/events.js';
import type { DateRange } from '../model/report.js';
import { INGEST_CHUNK, type IngestProgress } from '../worker/ingest.js';
import { sharedEngineWorker } from '../worker/worker-transport.js';
import { MemoryDataSource } from './memory-data-source.js';

const YEAR: DateRange = { start: '2025-11-25', end: '2026-11-24' };
const AT = Date.UTC(2026, 2, 1, 12);
const MODES = [true, false] as const;

/**
 * A community of `size` events in a seeded shuffle (so many events wait for
 * an entity that comes in a later chunk), with 60 repeats and 24 malformed
 * events that event objects and columns can both express (a trust level of
 * 9, an `at` that is NaN), as objects and as the columns of the same events.
 */
function stream(seed: number, size: number): { events: Record<string, unknown>[]; columns: EventColumns } {
  const rng = new Random(seed);
  const shuffled = rng.shuffle(generateCommunity({ seed, events: size })).map((e) => ({ ...e }) as Record<string, unknown>);
  const events = shuffled.concat(shuffled.slice(100, 160).map((e) => ({ ...e })));
  const columns = encodeEvents(events);
  let broken = 0;
  while (broken < 24) {
    const i = rng.int(0, events.length - 1);
    const event = events[i]!;
    if (event.type === 'member.joined' && event.trustLevel !== 9) {
      event.trustLevel = 9;
      columns.num[i] = 9;
      broken++;
    } else if (event.type === 'vote.cast' && !Number.isNaN(event.at)) {
      event.at = Number.NaN;
      columns.at[i] = Number.NaN;
      broken++;
    }
  }
  return { events, columns };
}

async function reports(source: MemoryDataSource): Promise<unknown[]> {
  const ranges: DateRange[] = [YEAR, { start: '2026-03-01', end: '2026-03-31' }];
  const out: unknown[] = [];
  for (const range of ranges) {
    for (const path of ['direct', 'aggregate'] as const) out.push(await source.report({ range, path }));
  }
  out.push(await source.rows('top-contributors', { range: YEAR, offset: 0, limit: 50 }));
  return out;
}

async function rejection(promise: Promise<unknown>): Promise<AnalyticsError> {
  let error: unknown;
  await promise.then(
    () => undefined,
    (e: unknown) => (error = e),
  );
  expect(error, 'rejects').to.be.instanceOf(AnalyticsError);
  return error as AnalyticsError;
}

describe('MemoryDataSource.ingestColumns', () => {
  it('gives the result and reports of ingest for the same stream, in chunks, worker and in-process alike', async () => {
    const { events, columns } = stream(11, 40_000);
    expect(columns.count).to.be.greaterThan(2 * INGEST_CHUNK);
    const results: IngestResult[] = [];
    const allReports: unknown[][] = [];
    for (const worker of MODES) {
      const viaObjects = new MemoryDataSource({ worker });
      const viaColumns = new MemoryDataSource({ worker });
      expect(viaColumns.runsIn).to.equal(worker ? 'worker' : 'in-process');
      const progress: IngestProgress[] = [];
      const a = await viaObjects.ingest(events);
      const b = await viaColumns.ingestColumns(columns, { onProgress: (p) => progress.push(p) });
      expect(b, `worker ${worker}`).to.deep.equal(a);
      // The stream is disordered, repeated and partly malformed: every count is at work.
      // Each chunk is a batch of its own: an event held by one chunk and released by a later one
      // counts in held and released, as with ingest.
      expect(b.applied + b.released).to.be.greaterThan(30_000);
      expect(b.released).to.be.greaterThan(10_000);
      expect(b.duplicates).to.be.at.least(60);
      expect(b.rejected.length).to.equal(24);
      expect(b.rejected.every((r, i) => i === 0 || r.index > b.rejected[i - 1]!.index)).to.equal(true);
      for (const r of b.rejected) expect(r.id).to.equal(events[r.index]!.id);
      expect(viaColumns.heldCount).to.equal(viaObjects.heldCount);
      expect(progress).to.deep.equal([
        { done: INGEST_CHUNK, total: columns.count },
        { done: 2 * INGEST_CHUNK, total: columns.count },
        { done: columns.count, total: columns.count },
      ]);
      const [ra, rb] = [await reports(viaObjects), await reports(viaColumns)];
      expect(rb, `worker ${worker}`).to.deep.equal(ra);
      results.push(b);
      allReports.push(rb);
      viaObjects.close();
      viaColumns.close();
    }
    expect(results[0]).to.deep.equal(results[1]);
    expect(allReports[0]).to.deep.equal(allReports[1]);
  });

  it('takes the columns of communityColumns chunk by chunk as ingest takes communityEvents', async () => {
    for (const worker of MODES) {
      const viaObjects = new MemoryDataSource({ worker });
      const viaColumns = new MemoryDataSource({ worker });
      const objects = [...communityEvents({ seed: 5, events: 30_000 }, 7_000)];
      const chunks = [...communityColumns({ seed: 5, events: 30_000 }, 7_000)];
      expect(chunks.length).to.equal(5);
      for (let i = 0; i < chunks.length; i++) {
        const a = await viaObjects.ingest(objects[i]!);
        const b = await viaColumns.ingestColumns(chunks[i]!);
        expect(b, `worker ${worker} chunk ${i}`).to.deep.equal(a);
      }
      const report = await viaColumns.report({ range: YEAR });
      expect(report.overview.totalPosts).to.be.greaterThan(0);
      expect(await reports(viaColumns)).to.deep.equal(await reports(viaObjects));
      viaObjects.close();
      viaColumns.close();
    }
  });

  it('reports each bad row at the value of its index, in row order, with the reason the engine gives', async () => {
    const good = (id: string, memberId: string): Record<string, unknown> => ({ id, type: 'member.joined', at: AT, memberId, displayName: 'Ann', trustLevel: 1 });
    const columns = encodeEvents([good('e0', 'm0'), good('e1', 'm1'), good('e2', 'm2'), good('e3', 'm3'), good('e4', 'm4'), good('e5', 'm5'), good('e6', 'm6'), good('e7', 'm7')]);
    const n = columns.strings.length;
    // Positions chosen by the caller, not in row order.
    columns.index.set([70, 60, 50, 40, 30, 20, 10, 0]);
    columns.s0[1] = n + 40; // memberId past the table
    columns.type[2] = 200; // no such type
    columns.s1[3] = n; // displayName: a function
    columns.s1[4] = n + 1; // displayName: an object
    columns.id[5] = n + 2; // id: a symbol
    columns.num[6] = 9; // trust level 9
    columns.s2[7] = -9; // avatarUrl at a negative position
    columns.strings = [...columns.strings, (() => 'x') as unknown as string, { name: 'Ann' } as unknown as string, Symbol('e5') as unknown as string];
    const expected = new AnalyticsEngine().ingestColumns(columns);
    expect(expected.applied).to.equal(1);
    expect(expected.rejected.map((r) => r.index)).to.deep.equal([60, 50, 40, 30, 20, 10, 0]);
    expect(expected.rejected[2]!.reason).to.contain('a function');
    for (const worker of MODES) {
      const source = new MemoryDataSource({ worker });
      const result = await source.ingestColumns(columns);
      expect(result, `worker ${worker}`).to.deep.equal(expected);
      // The caller's columns are untouched: not detached, not rewritten.
      expect(columns.type.length).to.equal(8);
      expect([...columns.index]).to.deep.equal([70, 60, 50, 40, 30, 20, 10, 0]);
      const report = await source.report({ range: { start: '2026-03-01', end: '2026-03-01' } });
      expect(report.overview.activeMembers, `worker ${worker}`).to.equal(0);
      const rows = await source.rows('top-contributors', { range: YEAR, offset: 0, limit: 10 });
      expect(rows.total).to.equal(0);
      // The one applied row (e0) is remembered: sending it again is a repeat.
      expect(await source.ingest([good('e0', 'm0')])).to.deep.include({ applied: 0, duplicates: 1 });
      source.close();
    }
  });

  it('rejects broken structure with an invalid_query AnalyticsError before ingesting anything, and stays usable', async () => {
    const valid = (): EventColumns =>
      encodeEvents([
        { id: 'e1', type: 'space.created', at: AT, spaceId: 's1', name: 'Help', kind: 'qa' },
        { id: 'e2', type: 'member.joined', at: AT, memberId: 'm1', displayName: 'Ann', trustLevel: 1 },
        { id: 'e3', type: 'content.created', at: AT, contentId: 'c1', kind: 'post', spaceId: 's1', authorId: 'm1', status: 'published' },
      ]);
    const longer = valid();
    longer.count = 5;
    const wrongKind = valid();
    (wrongKind as unknown as Record<string, unknown>).index = new Float32Array(3);
    const missing = valid() as unknown as Record<string, unknown>;
    delete missing.num;
    const noTable = valid() as unknown as Record<string, unknown>;
    noTable.strings = 'e1,s1';
    const fakeLength = valid();
    const at = new Float64Array(2);
    Object.defineProperty(at, 'length', { value: 3 });
    fakeLength.at = at;
    const throwing = new Proxy(valid(), {
      get(target, key) {
        if (key === 'type') throw new Error('type is gone');
        return Reflect.get(target, key);
      },
    });
    const cases: [unknown, string][] = [
      [null, 'Event columns must be an object, got null'],
      [longer, 'Event columns: "index" must be an Int32Array of at least 5 values ("count"), got an Int32Array of 3 values'],
      [{ ...valid(), count: -1 }, '"count" must be a whole number of events (0 or more), got -1'],
      [{ ...valid(), count: 1.5 }, '"count" must be a whole number of events (0 or more), got 1.5'],
      [wrongKind, '"index" must be an Int32Array of at least 3 values ("count"), got a Float32Array of 3 values'],
      [missing, '"num" must be an Int32Array of at least 3 values ("count"), got undefined'],
      [noTable, '"strings" must be an array of strings, got "e1,s1"'],
      [fakeLength, '"at" holds 2 values, fewer than "count" (3)'],
      [throwing, 'could not be read (type is gone)'],
    ];
    for (const worker of MODES) {
      const source = new MemoryDataSource({ worker });
      const restarts = sharedEngineWorker().restarts;
      for (const [columns, message] of cases) {
        const error = await rejection(source.ingestColumns(columns as EventColumns));
        expect(error.code, message).to.equal('invalid_query');
        expect(error.message).to.contain(message);
        expect(error.message.startsWith('ingestColumns(): ')).to.equal(true);
      }
      // Nothing of them was ingested, and the source answers.
      expect(await source.ingestColumns(valid())).to.deep.equal({ applied: 3, duplicates: 0, held: 0, released: 0, rejected: [] });
      const report = await source.report({ range: YEAR });
      expect(report.overview.totalPosts).to.equal(1);
      if (worker) expect(sharedEngineWorker().restarts, 'no restart').to.equal(restarts);
      source.close();
    }
  });

  it('holds events across batches and releases them, counting as ingest does', async () => {
    const post = { id: 'e3', type: 'content.created', at: AT, contentId: 'c1', kind: 'post', spaceId: 's1', authorId: 'm1', status: 'published' };
    const entities = [
      { id: 'e1', type: 'space.created', at: AT, spaceId: 's1', name: 'Help', kind: 'qa' },
      { id: 'e2', type: 'member.joined', at: AT, memberId: 'm1', displayName: 'Ann', trustLevel: 1 },
    ];
    for (const worker of MODES) {
      const source = new MemoryDataSource({ worker });
      expect(await source.ingestColumns(encodeEvents([post]))).to.deep.equal({ applied: 0, duplicates: 0, held: 1, released: 0, rejected: [] });
      expect(source.heldCount).to.equal(1);
      expect(await source.ingestColumns(encodeEvents(entities))).to.deep.equal({ applied: 2, duplicates: 0, held: 0, released: 1, rejected: [] });
      expect(source.heldCount).to.equal(0);
      expect((await source.report({ range: YEAR })).overview.totalPosts).to.equal(1);
      expect(await source.ingestColumns(emptyColumns(0))).to.deep.equal({ applied: 0, duplicates: 0, held: 0, released: 0, rejected: [] });
      source.close();
      const error = await rejection(source.ingestColumns(encodeEvents(entities)));
      expect(error.code).to.equal('source_closed');
    }
  });

  it('takes a size hint (reserve) that changes no result, and refuses a count that is not one', async () => {
    const events = generateCommunity({ seed: 8, events: 12_000 });
    for (const worker of MODES) {
      const hinted = new MemoryDataSource({ worker });
      const plain = new MemoryDataSource({ worker });
      for (const bad of [-1, 2.5, Number.NaN, 2 ** 31, '12000']) {
        const error = await rejection(hinted.reserve(bad as number));
        expect(error.code).to.equal('invalid_query');
        expect(error.message).to.match(/^reserve\(\) takes a whole number of events from 0 to 2147483647; got /);
      }
      await hinted.reserve(events.length);
      // Small batches, each below a chunk, so only the hint above tells the engine the total.
      for (let i = 0; i < events.length; i += 1000) {
        const slice = events.slice(i, i + 1000);
        expect(await hinted.ingest(slice), `worker ${worker}, batch ${i}`).to.deep.equal(await plain.ingest(slice));
      }
      expect(await reports(hinted), `worker ${worker}`).to.deep.equal(await reports(plain));
      hinted.close();
      plain.close();
    }
  });

  it('replays columns into a restarted worker after a crash', async () => {
    const { columns } = stream(3, 20_000);
    const source = new MemoryDataSource();
    const reference = new MemoryDataSource({ worker: false });
    const first = await source.ingestColumns(columns);
    expect(await reference.ingestColumns(columns)).to.deep.equal(first);
    const before = await reports(source);
    expect(before).to.deep.equal(await reports(reference));
    const restarts = sharedEngineWorker().restarts;
    await sharedEngineWorker().crash();
    // The crash lands after the call above returned; the next call sees it, restarts and replays.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const after = await reports(source);
    expect(sharedEngineWorker().restarts).to.equal(restarts + 1);
    expect(after).to.deep.equal(before);
    // The restarted engine knows every event already: the same columns again are repeats only.
    const again = await source.ingestColumns(columns);
    expect(again.applied).to.equal(0);
    expect(again.duplicates).to.equal(first.applied + first.held + first.duplicates);
    expect(again.rejected).to.deep.equal(first.rejected);
    source.close();
    reference.close();
  });

  it('keeps a row with no numeric field as NO_NUMBER and its optional strings absent', async () => {
    // member.updated with only a display name: num NO_NUMBER, avatarUrl -1.
    const columns = encodeEvents([
      { id: 'e1', type: 'member.joined', at: AT, memberId: 'm1', displayName: 'Ann', trustLevel: 2 },
      { id: 'e2', type: 'member.updated', at: AT + 1, memberId: 'm1', displayName: 'Anna' },
    ]);
    expect(columns.num[1]).to.equal(NO_NUMBER);
    for (const worker of MODES) {
      const source = new MemoryDataSource({ worker });
      await source.ingestColumns(columns);
      await source.ingest([{ id: 'e3', type: 'space.created', at: AT, spaceId: 's1', name: 'Help', kind: 'qa' }]);
      await source.ingest([{ id: 'e4', type: 'content.created', at: AT, contentId: 'c1', kind: 'post', spaceId: 's1', authorId: 'm1', status: 'published' }]);
      const rows = await source.rows('top-contributors', { range: YEAR, offset: 0, limit: 5 });
      expect(rows.rows.map((r) => [r.displayName, r.trustLevel])).to.deep.equal([['Anna', 2]]);
      source.close();
    }
  });

  it('ingests the hand-built columns of docs/event-columns.md', async () => {
    const table = new Map<string, number>();
    const ref = (value: string): number => {
      if (!table.has(value)) table.set(value, table.size);
      return table.get(value)!;
    };
    const columns = emptyColumns(3);
    const slots = [columns.s0, columns.s1, columns.s2, columns.s3, columns.s4];
    function row(i: number, type: string, at: number, id: string, strings: (string | undefined)[], num?: number): void {
      columns.index[i] = i;
      columns.type[i] = EVENT_TYPES.indexOf(type as (typeof EVENT_TYPES)[number]);
      columns.at[i] = at;
      columns.id[i] = ref(id);
      strings.forEach((value, s) => {
        if (value !== undefined) slots[s]![i] = ref(value);
      });
      if (num !== undefined) columns.num[i] = num;
    }
    const at = Date.parse('2026-03-01T12:00:00Z');
    row(0, 'member.joined', at, 'e1', ['m1', 'Ann'], 1);
    row(1, 'space.created', at, 'e2', ['s1', 'Help', 'qa']);
    row(2, 'content.created', at, 'e3', ['c1', 's1', 'm1', undefined, 'post'], 0);
    columns.strings = [...table.keys()];
    for (const worker of MODES) {
      const source = new MemoryDataSource({ timeZone: 'UTC', worker });
      expect(await source.ingestColumns(columns)).to.deep.equal({ applied: 3, duplicates: 0, held: 0, released: 0, rejected: [] });
      const rows = await source.rows('top-contributors', { range: { start: '2026-03-01', end: '2026-03-01' }, offset: 0, limit: 5 });
      expect(rows.rows.map((r) => [r.displayName, r.trustLevel, r.posts])).to.deep.equal([['Ann', 1, 1]]);
      source.close();
    }
  });
});
