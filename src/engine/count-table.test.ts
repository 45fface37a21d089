import { expect } from '@open-wc/testing';
import { generateCommunity } from '../generator/community.js';
import { formatIsoDate, parseIsoDate } from '../model/dates.js';
import { CountTable, PairTable } from './count-table.js';
import { Aggregator } from './aggregator.js';
import { DirectReader } from './direct-reader.js';
import { AnalyticsEngine } from './engine.js';
import { EventStore } from './store.js';
import type { RangeStats } from './range-stats.js';

describe('CountTable', () => {
  it('sums three counters per key through many doublings and seals, keeping zero entries', () => {
    const table = new CountTable(3);
    const expected = new Map<number, number[]>();
    let x = 12345;
    for (let i = 0; i < 50_000; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      // Keys spread over a wide range and clustered on multiples of 2^16 (a bad case for weak hashes).
      const key = i % 3 === 0 ? (x % 20_000) << 16 : x % 1_000_003;
      const counter = (x >>> 4) % 3;
      const delta = ((x >>> 8) % 5) - 2;
      table.add(key, counter, delta);
      // Sealed now and then, as the aggregator does with idle tables: the next add rebuilds the index.
      if (i % 4999 === 0) {
        table.seal();
        expect(table.sealed).to.equal(true);
        expect(table.keys.length).to.equal(table.size);
        expect(table.counts.length).to.equal(table.size * 3);
        // Every sum here stays well inside 16 bits.
        expect(table.counts).to.be.instanceOf(Int16Array);
        for (let e = 1; e < table.size; e++) expect(table.keys[e]! > table.keys[e - 1]!, 'sorted by key').to.equal(true);
      }
      const sums = expected.get(key) ?? [0, 0, 0];
      sums[counter]! += delta;
      expected.set(key, sums);
    }
    expect(table.size).to.equal(expected.size);
    const seen = new Set<number>();
    for (let entry = 0; entry < table.size; entry++) {
      const key = table.keys[entry]!;
      expect(seen.has(key), `key ${key} twice`).to.equal(false);
      seen.add(key);
      expect(Array.from(table.counts.subarray(entry * 3, entry * 3 + 3)), `key ${key}`).to.deep.equal(expected.get(key));
    }
  });

  it('keeps 32-bit counters when sealed if one does not fit in 16 bits, and 16-bit ones again once it fits', () => {
    const table = new CountTable(2);
    for (let key = 0; key < 100; key++) table.add(key * 7, key % 2, key - 50);
    table.add(21, 1, 32_767);
    table.add(35, 0, -32_768);
    table.seal();
    expect(table.counts).to.be.instanceOf(Int16Array);
    expect(Array.from(table.counts.subarray(6, 8))).to.deep.equal([0, 32_767 - 47]);
    expect(Array.from(table.counts.subarray(10, 12))).to.deep.equal([-32_768, 5 - 50]);
    // One past the 16-bit range: the sealed table keeps 32 bits.
    table.add(21, 1, 48);
    table.seal();
    expect(table.counts).to.be.instanceOf(Int32Array);
    expect(table.counts[7]).to.equal(32_768);
    // Back in range after a late retraction: the next seal narrows again, losing nothing.
    table.add(21, 1, -1);
    table.add(1000, 0, 3);
    table.seal();
    expect(table.counts).to.be.instanceOf(Int16Array);
    expect(table.size).to.equal(101);
    expect(table.keys[100]).to.equal(1000);
    expect(Array.from(table.counts.subarray(200, 202))).to.deep.equal([3, 0]);
    expect(table.counts[7]).to.equal(32_767);
    let sum = 0;
    for (const c of table.counts) sum += c;
    // The first adds sum to 4950 − 5000.
    expect(sum).to.equal(-50 + 32_767 - 32_768 + 48 - 1 + 3);
  });
});

describe('PairTable', () => {
  it('numbers each (x, y) once, in order of first sight', () => {
    const pairs = new PairTable();
    const numbers = new Map<string, number>();
    for (let i = 0; i < 40_000; i++) {
      const x = i % 211;
      const y = (i * 7919) % 5003;
      const n = pairs.intern(x, y);
      const key = `${x},${y}`;
      if (!numbers.has(key)) {
        expect(n).to.equal(numbers.size);
        numbers.set(key, n);
      } else expect(n).to.equal(numbers.get(key));
      // (y, x) is another pair.
      expect(pairs.x[n]).to.equal(x);
      expect(pairs.y[n]).to.equal(y);
    }
    expect(pairs.size).to.equal(numbers.size);
  });
});

/** A path's stats in a comparable form (contributors sorted by member). */
function plain(stats: RangeStats): unknown {
  const c = stats.contributors;
  const contributors = Array.from({ length: c.length }, (_, i) => [c.member[i], c.posts[i], c.replies[i], c.accepted[i]]).sort((a, b) => a[0]! - b[0]!);
  return {
    ...stats,
    posts: Array.from(stats.posts),
    replies: Array.from(stats.replies),
    contributors,
    spaces: stats.spaces.slice().sort((a, b) => a.space - b.space),
    responseMinutes: stats.responseMinutes.slice().sort((a, b) => a - b),
  };
}

describe('aggregator rollups: ranges cut blocks at every kind of edge', () => {
  // Many late events, which reopen sealed tables.
  const events = generateCommunity({ seed: 5, events: 40_000, days: 200, lateFraction: 0.05, duplicateFraction: 0.05 });
  for (const timeZone of ['UTC', 'America/New_York', '+05:45']) {
    it(`equals the direct path on ranges starting and ending inside, on and across 8- and 64-day blocks (${timeZone})`, () => {
      // An engine whose aggregator seals idle tables every 2 000 adds, so sealing and reopening happen all along.
      const store = new EventStore(timeZone);
      const engine = { store, direct: new DirectReader(store), aggregator: new Aggregator(store, null, { sealEvery: 2000 }) };
      store.setListener(engine.aggregator);
      for (let i = 0; i < events.length; i += 5000) store.ingest(events.slice(i, i + 5000));
      let first = Infinity;
      let last = -Infinity;
      for (let c = 0; c < engine.store.contents.size; c++) {
        first = Math.min(first, engine.store.createdDay.data[c]!);
        last = Math.max(last, engine.store.createdDay.data[c]!);
      }
      expect(last - first).to.be.greaterThan(150);
      const rollups = (engine.aggregator as unknown as { contentRollup: { levels: { list(): CountTable[] }[] } }).contentRollup.levels;
      expect(rollups[0]!.list().filter((t) => t.sealed).length, 'sealed day tables').to.be.greaterThan(100);
      expect(rollups[1]!.list().filter((t) => t.sealed).length, 'sealed 8-day tables').to.be.greaterThan(10);
      // Edges around block boundaries: multiples of 64 and 8, one before and after.
      const edges = new Set<number>([first - 3, first, last, last + 2]);
      for (let d = first; d <= last; d++) if (d % 8 === 0) for (const e of [d - 1, d, d + 1]) edges.add(e);
      const sorted = [...edges].sort((a, b) => a - b);
      let compared = 0;
      // The direct path reads a range through its day index, the whole table with a day test when the
      // range holds most of it, or with none when it holds all of it: each happens here.
      const plans = { index: 0, scan: 0, all: 0 };
      const contentDays = (): Iterable<[number, number]> => engine.store.contentDays();
      for (let i = 0; i < sorted.length; i += 3) {
        for (let j = i; j < sorted.length; j += 7) {
          const [start, end] = [sorted[i]!, sorted[j]!];
          const rows = engine.store.contentByDay.rowsIn(start, end, contentDays);
          plans[rows === engine.store.contentByDay.total ? 'all' : rows * 2 > engine.store.contents.size ? 'scan' : 'index']++;
          const direct = plain(engine.direct.rangeStats(start, end));
          const aggregate = plain(engine.aggregator.rangeStats(start, end));
          const label = `${formatIsoDate(start)}..${formatIsoDate(end)}`;
          expect(aggregate, label).to.deep.equal(direct);
          // Each core query alone gives the matching part of the whole.
          const whole = direct as { posts: number[]; replies: number[]; activeMembers: number; spaces: unknown[] };
          for (const reader of [engine.direct, engine.aggregator]) {
            const daily = reader.dailyCounts(start, end);
            expect([Array.from(daily.posts), Array.from(daily.replies)], `daily ${label}`).to.deep.equal([whole.posts, whole.replies]);
            expect(reader.activeMemberCount(start, end), `active ${label}`).to.equal(whole.activeMembers);
            expect(reader.spaceStats(start, end).sort((a, b) => a.space - b.space), `spaces ${label}`).to.deep.equal(whole.spaces);
          }
          compared++;
        }
      }
      expect(compared).to.be.greaterThan(100);
      expect(plans.index, 'ranges read through the index').to.be.greaterThan(10);
      expect(plans.scan, 'ranges read as a scan with a day test').to.be.greaterThan(10);
      expect(plans.all, 'ranges holding every row').to.be.greaterThan(0);
      // And the public report of the same stream on an engine as shipped.
      const shipped = new AnalyticsEngine({ timeZone });
      shipped.ingest(events);
      const range = { start: formatIsoDate(last - 364), end: formatIsoDate(last) };
      expect(parseIsoDate(range.end)).to.equal(last);
      expect(shipped.report({ range, path: 'aggregate' })).to.deep.equal({ ...shipped.report({ range, path: 'direct' }), path: 'aggregate' });
    });
  }
});
