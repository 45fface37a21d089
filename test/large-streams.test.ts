/**
 * The store's id tables at scale: streams of more than 50 000 events (see
 * large-streams.ts: tied timestamps whose ids differ in one code unit where
 * code-unit and code-point order disagree, astral characters and lone
 * surrogates in ids, duplicates, late and out-of-order deliveries, held
 * events) in three zones (one with DST, one with a 30-minute DST shift, one
 * fixed offset), ingested in random batches; the reports and tables of both
 * paths must equal the plain reference reading of the definitions.
 */

import { expect } from '@open-wc/testing';
import type { IngestResult } from '../src/model/events.js';
import type { DateRange, Path, TableId } from '../src/model/report.js';
import { MemoryDataSource } from '../src/sources/memory-data-source.js';
import { largeBatches, largeStream, type LargeStream } from './large-streams.js';
import { Random } from './random-streams.js';
import { ReferenceModel } from './reference.js';

const EVENTS = 50_000;
const PATHS: Path[] = ['direct', 'aggregate'];
const TABLES: TableId[] = ['daily', 'top-spaces', 'top-contributors'];

const CASES = [
  { seed: 101, timeZone: 'Europe/Berlin', recordingSince: false },
  { seed: 202, timeZone: 'Australia/Lord_Howe', recordingSince: false },
  { seed: 303, timeZone: '-03:00', recordingSince: true },
];

/** The same JSON on the wire: a key holding undefined and a missing key are alike. */
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

const dayAfter = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The whole window, the week around the first DST switch (or the middle), a single day on a midnight, ten days in the middle. */
function rangesOf(stream: LargeStream): DateRange[] {
  const around = stream.landmarks.switches[0]?.date ?? dayAfter(stream.firstDay, 30);
  const midnight = stream.landmarks.midnights[20]!.date;
  return [
    { start: stream.firstDay, end: stream.lastDay },
    { start: dayAfter(around, -3), end: dayAfter(around, 3) },
    { start: midnight, end: midnight },
    { start: dayAfter(stream.firstDay, 25), end: dayAfter(stream.firstDay, 34) },
  ];
}

async function ingestAll(source: MemoryDataSource, batches: unknown[][]): Promise<IngestResult[]> {
  const results: IngestResult[] = [];
  for (const batch of batches) results.push(await source.ingest(batch));
  return results;
}

describe('large streams: both paths equal the reference at 50 000+ events', function () {
  this.timeout(10 * 60 * 1000);

  for (const { seed, timeZone, recordingSince } of CASES) {
    describe(`${timeZone}, seed ${seed}${recordingSince ? ', recording since the middle of the window' : ''}`, () => {
      const stream = largeStream({ seed, timeZone, events: EVENTS });
      const aggregatorSince = recordingSince ? stream.middle : null;
      const rng = new Random(seed * 31 + 7);
      const batches = largeBatches(rng, stream.deliveries);
      let source: MemoryDataSource;
      let results: IngestResult[];
      let reference: ReferenceModel;

      before(async () => {
        source = new MemoryDataSource({ timeZone, now: Date.UTC(2026, 5, 1), worker: false, aggregatorSince });
        results = await ingestAll(source, batches);
        reference = new ReferenceModel(stream.deliveries, { timeZone, aggregatorSince });
      });

      after(() => source.close());

      it('is a large stream with held, duplicate and rejected events', () => {
        expect(stream.distinct).to.be.at.least(EVENTS);
        expect(reference.counts.duplicates).to.be.greaterThan(1000);
        expect(reference.counts.held).to.be.greaterThan(0);
        expect(reference.counts.rejected).to.be.greaterThan(0);
      });

      it('counts duplicates, rejected, held and applied events like the reference', () => {
        const sum = (pick: (r: IngestResult) => number) => results.reduce((total, r) => total + pick(r), 0);
        expect({
          duplicates: sum((r) => r.duplicates),
          rejected: sum((r) => r.rejected.length),
          held: source.heldCount,
          effective: sum((r) => r.applied + r.released),
        }).to.deep.equal(reference.counts);
      });

      it('reports of both paths equal the reference, range by range', async () => {
        for (const range of rangesOf(stream)) {
          for (const path of PATHS) {
            for (const topN of [10, 50]) {
              const actual = await source.report({ range, path, topN });
              expect(plain(actual), `${path} ${range.start}..${range.end} top ${topN}`).to.deep.equal(plain(reference.report({ range, path, topN })));
            }
          }
        }
      });

      it('every row of every table, on both paths, equals the reference (ties broken by id order)', async () => {
        const range = { start: stream.firstDay, end: stream.lastDay };
        for (const path of PATHS) {
          for (const table of TABLES) {
            const expected = reference.rows(range, path)[table];
            const actual = await source.rows(table, { range, path, offset: 0, limit: 1_000_000 });
            expect(plain(actual), `${table}, ${path}`).to.deep.equal(plain({ total: expected.length, rows: expected }));
          }
        }
      });

      it('the same events delivered in reverse, in other batches, give the same reports', async () => {
        const again = new MemoryDataSource({ timeZone, now: Date.UTC(2026, 5, 1), worker: false, aggregatorSince });
        try {
          await ingestAll(again, largeBatches(new Random(seed), [...stream.deliveries].reverse()));
          const range = { start: stream.firstDay, end: stream.lastDay };
          for (const path of PATHS) {
            expect(plain(await again.report({ range, path, topN: 50 })), path).to.deep.equal(plain(reference.report({ range, path, topN: 50 })));
          }
        } finally {
          again.close();
        }
      });
    });
  }
});
