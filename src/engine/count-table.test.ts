import { expect } from '@open-wc/testing';
import { generateCommunity } from '../generator/community.js';
import { formatIsoDate, parseIsoDate } from '../model/dates.js';
import { CountTable, PairTable, TableSum } from './count-table.js';
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
        // Sorted keys kept as gaps: 16 bits while every gap fits (keys here reach 20,000 · 2^16).
        expect(table.keys).to.be.instanceOf(table.keyList().some((key, e, all) => e > 0 && key - all[e - 1]! > 0xffff) ? Int32Array : Uint16Array);
        expect(table.counts.length).to.equal(table.size * 3);
        // Every sum here stays inside 8 bits (keys spread wide, deltas of at most 2).
        expect(table.counts).to.be.instanceOf(Int8Array);
        const keys = table.keyList();
        for (let e = 1; e < table.size; e++) expect(keys[e]! > keys[e - 1]!, 'sorted by key').to.equal(true);
      }
      const sums = expected.get(key) ?? [0, 0, 0];
      sums[counter]! += delta;
      expected.set(key, sums);
    }
    expect(table.size).to.equal(expected.size);
    const seen = new Set<number>();
    const keys = table.keyList();
    for (let entry = 0; entry < table.size; entry++) {
      const key = keys[entry]!;
      expect(seen.has(key), `key ${key} twice`).to.equal(false);
      seen.add(key);
      expect(Array.from(table.counts.subarray(entry * 3, entry * 3 + 3)), `key ${key}`).to.deep.equal(expected.get(key));
    }
  });

  it('seals counters in 8 bits when they fit, in 16 or 32 bits when one does not, and narrows again once they fit', () => {
    const small = new CountTable(2);
    for (let key = 0; key < 50; key++) small.add(key, key % 2, key % 7 === 0 ? -128 : 127);
    small.seal();
    expect(small.counts).to.be.instanceOf(Int8Array);
    expect([small.counts[0], small.counts[3], small.counts[15]]).to.deep.equal([-128, 127, -128]);
    small.add(3, 1, 1);
    small.seal();
    expect(small.counts).to.be.instanceOf(Int16Array);
    expect(small.counts[7]).to.equal(128);
    small.add(3, 1, -1);
    small.add(0, 0, -1);
    small.seal();
    expect(small.counts, '-129 takes 16 bits').to.be.instanceOf(Int16Array);
    small.add(0, 0, 1);
    small.seal();
    expect(small.counts).to.be.instanceOf(Int8Array);
    expect([small.counts[0], small.counts[7]]).to.deep.equal([-128, 127]);

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
    expect(table.keyList()[100]).to.equal(1000);
    expect(Array.from(table.counts.subarray(200, 202))).to.deep.equal([3, 0]);
    expect(table.counts[7]).to.equal(32_767);
    let sum = 0;
    for (const c of table.counts) sum += c;
    // The first adds sum to 4950 − 5000.
    expect(sum).to.equal(-50 + 32_767 - 32_768 + 48 - 1 + 3);
  });
});

describe('TableSum', () => {
  /** Key → counters of a table, as a plain map (zero entries left out). */
  const entries = (table: CountTable): Map<number, number[]> => {
    const out = new Map<number, number[]>();
    const keys = table.keyList();
    for (let e = 0; e < table.size; e++) {
      const counts = Array.from(table.counts.subarray(e * table.width, (e + 1) * table.width));
      if (counts.some((c) => c !== 0)) out.set(keys[e]!, counts);
    }
    return out;
  };

  it('sums sealed and open tables into one sealed table, sorted, leaving out the entries that sum to zero', () => {
    const sum = new TableSum();
    let x = 99;
    const parts: CountTable[] = [];
    const expected = new Map<number, number[]>();
    for (let t = 0; t < 9; t++) {
      const table = new CountTable(2);
      for (let i = 0; i < 3000; i++) {
        x = (Math.imul(x, 1103515245) + 12345) >>> 0;
        const key = x % 7000;
        const counter = (x >>> 5) & 1;
        const delta = ((x >>> 9) % 3) - 1;
        table.add(key, counter, delta);
        const sums = expected.get(key) ?? [0, 0];
        sums[counter]! += delta;
        expected.set(key, sums);
      }
      // Some parts sealed (sorted, 16-bit), some open (hash order, 32-bit), as a block's days are.
      if (t % 2 === 0) table.seal();
      parts.push(table);
    }
    for (const [key, sums] of expected) if (sums[0] === 0 && sums[1] === 0) expected.delete(key);
    const table = sum.of(parts, 2, 7000);
    expect(table.sealed).to.equal(true);
    expect(table.counts).to.be.instanceOf(Int8Array);
    expect(table.size, 'no entry that sums to zero').to.equal(expected.size);
    const keys = table.keyList();
    for (let e = 1; e < table.size; e++) expect(keys[e]! > keys[e - 1]!, 'sorted by key').to.equal(true);
    expect(entries(table)).to.deep.equal(expected);
    // The scratch is cleared as it is read: the next sum starts from zero.
    const again = sum.of(parts.slice(0, 1), 2, 7000);
    expect(entries(again)).to.deep.equal(entries(parts[0]!));
    // A table made this way takes adds like any sealed one.
    again.add(6999, 1, 5);
    again.add(again.keyList()[0]!, 0, 1);
    expect(entries(again).get(6999)?.[1]).to.equal((entries(parts[0]!).get(6999)?.[1] ?? 0) + 5);
  });

  it('keeps each sum in the narrowest of 8, 16 and 32 bits, and grows its scratch for larger keys', () => {
    const sum = new TableSum();
    const a = new CountTable(2);
    const b = new CountTable(2);
    a.add(5, 1, 30_000);
    b.add(5, 1, 30_000);
    b.add(2, 0, -7);
    expect(Array.from(sum.of([a, b], 2, 6).counts)).to.deep.equal([-7, 0, 0, 60_000]);
    expect(sum.of([a, b], 2, 6).counts).to.be.instanceOf(Int32Array);
    expect(sum.of([a], 2, 6).counts).to.be.instanceOf(Int16Array);
    const c = new CountTable(2);
    c.add(1, 0, 100);
    c.add(4, 1, -100);
    expect(sum.of([c], 2, 6).counts).to.be.instanceOf(Int8Array);
    const wide = new CountTable(2);
    wide.add(250_000, 0, 1);
    wide.add(3, 1, 2);
    const table = sum.of([wide, a], 2, 250_001);
    expect(Array.from(table.keyList())).to.deep.equal([3, 5, 250_000]);
    // A gap past 16 bits: 32-bit gaps.
    expect([table.base, ...table.keys, table.keys instanceof Int32Array]).to.deep.equal([3, 0, 2, 249_995, true]);
    expect(Array.from(table.counts)).to.deep.equal([0, 2, 0, 30_000, 1, 0]);
    sum.release();
    const small = sum.of([b], 2, 6);
    expect(Array.from(small.keyList()), 'after release').to.deep.equal([2, 5]);
    expect([small.base, ...small.keys, small.keys instanceof Uint16Array]).to.deep.equal([2, 0, 3, true]);
  });
});

describe('PairTable', () => {
  it('numbers each (x, y) once, in order of first sight', () => {
    const pairs = new PairTable();
    const numbers = new Map<string, number>();
    for (let i = 0; i < 40_000; i++) {
      const x = i % 211;
      const y = (i * 7919) % 5003;
      // Compacted now and then, as after a load: trimmed, the index dropped and built again by the next intern.
      if (i % 9_999 === 5) {
        pairs.compact();
        expect(pairs.x.length).to.equal(Math.max(pairs.size, 1));
      }
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

describe('aggregator rollups: longer blocks made from their days', () => {
  type Levels = { levels: { list(): CountTable[] }[] };
  const levelsOf = (aggregator: Aggregator): Levels[] => {
    return (aggregator as unknown as { rollups: Levels[] }).rollups;
  };
  const tablesAt = (aggregator: Aggregator, level: number): number => levelsOf(aggregator).reduce((n, r) => n + r.levels[level]!.list().length, 0);

  it('adds a load to the day tables only, makes a longer block when a range reads it, and keeps it the sum of its days through late events', () => {
    const events = generateCommunity({ seed: 8, events: 20_000, days: 150, lateFraction: 0.03, duplicateFraction: 0.02 });
    // Every tenth event held back and given last: late events on every day, into blocks already made.
    const held = events.filter((_, i) => i % 10 === 3);
    const first = events.filter((_, i) => i % 10 !== 3);
    const store = new EventStore('Europe/Berlin');
    // No idle sealing during the load (nor the making of the blocks it has moved past that goes with it).
    const aggregator = new Aggregator(store, null, { sealEvery: 1 << 30 });
    const direct = new DirectReader(store);
    store.setListener(aggregator);
    store.ingest(first);
    expect(tablesAt(aggregator, 0), 'day tables').to.be.greaterThan(100);
    expect(tablesAt(aggregator, 1), '8-day tables during the load').to.equal(0);
    expect(tablesAt(aggregator, 2), '64-day tables during the load').to.equal(0);
    let lastDay = -Infinity;
    for (let c = 0; c < store.contents.size; c++) lastDay = Math.max(lastDay, store.createdDay.data[c]!);
    // 128 days hold a whole 64-day block wherever they start.
    const ranges: [number, number][] = [[lastDay - 127, lastDay]];
    let x = 7;
    for (let i = 0; i < 30; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      // The last 100 days and a few after: blocks of the first weeks are left for compaction to make.
      const start = lastDay - 100 + (x % 95);
      ranges.push([start, Math.min(lastDay + 3, start + ((x >>> 8) % 90))]);
    }
    const compare = (when: string): void => {
      for (const [start, end] of ranges) {
        const label = `${when}: ${formatIsoDate(start)}..${formatIsoDate(end)}`;
        expect(plain(aggregator.rangeStats(start, end)), label).to.deep.equal(plain(direct.rangeStats(start, end)));
        expect(aggregator.activeMemberCount(start, end), label).to.equal(direct.activeMemberCount(start, end));
      }
    };
    compare('made by the ranges');
    const made = tablesAt(aggregator, 1);
    expect(made, '8-day tables made by the ranges').to.be.greaterThan(10);
    expect(tablesAt(aggregator, 2), '64-day tables made by the ranges').to.be.greaterThan(0);
    store.ingest(held);
    compare('after the late events');
    // Compaction makes the blocks no range read, sealed, and changes no figure.
    aggregator.compact();
    expect(tablesAt(aggregator, 1)).to.be.greaterThan(made);
    expect(aggregator.openTables).to.equal(0);
    for (const rollup of levelsOf(aggregator)) for (const level of rollup.levels) for (const table of level.list()) expect(table.sealed).to.equal(true);
    compare('after compact');
  });

  it('makes the blocks a stream has moved past as it goes, and those of a stream given newest first when read', () => {
    const events = generateCommunity({ seed: 9, events: 12_000, days: 120 });
    for (const order of ['oldest first', 'newest first'] as const) {
      const store = new EventStore('UTC');
      const aggregator = new Aggregator(store, null, { sealEvery: 500 });
      const direct = new DirectReader(store);
      store.setListener(aggregator);
      const stream = order === 'oldest first' ? events : events.slice().reverse();
      for (let i = 0; i < stream.length; i += 1000) store.ingest(stream.slice(i, i + 1000));
      if (order === 'oldest first') expect(tablesAt(aggregator, 1), '8-day tables made during the stream').to.be.greaterThan(8);
      let lastDay = -Infinity;
      for (let c = 0; c < store.contents.size; c++) lastDay = Math.max(lastDay, store.createdDay.data[c]!);
      for (const days of [7, 30, 90, 365]) {
        const [start, end] = [lastDay - days + 1, lastDay];
        expect(plain(aggregator.rangeStats(start, end)), `${order}, ${days} days`).to.deep.equal(plain(direct.rangeStats(start, end)));
      }
    }
  });
});
