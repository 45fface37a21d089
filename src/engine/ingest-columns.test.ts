/**
 * The columnar ingest path against the object path: the same adversarial
 * streams (duplicates, late and held events released by later batches,
 * malformed events of every kind, several time zones), fed once as event
 * objects and once as event columns, must give identical `IngestResult`s and
 * identical reports on both report paths.
 */
import { expect } from '@open-wc/testing';
import { randomChunks, randomRange, randomStream, Random, ZONES } from '../../test/random-streams.js';
import { EVENT_TYPES, type IngestResult } from '../model/events.js';
import { emptyColumns, FIELD_SLOTS, NO_NUMBER, type EventColumns } from '../model/event-columns.js';
import type { DateRange } from '../model/report.js';
import { AnalyticsEngine } from './engine.js';

type Slot = 's0' | 's1' | 's2' | 's3' | 's4';
const SLOTS: Slot[] = ['s0', 's1', 's2', 's3', 's4'];

/**
 * Columns standing for `events` exactly, whatever the events hold (the table
 * takes any value, as an untrusted producer's would), with `index[i] =
 * offset + i`; undefined when an event cannot be written as a row (not an
 * object, an unknown type, a non-number `at`, a numeric field that is not a
 * 32-bit integer, a `content.created` status other than published/pending).
 */
function columnsOf(events: readonly unknown[], offset = 0): EventColumns | undefined {
  const columns = emptyColumns(events.length);
  const table = new Map<unknown, number>();
  const ref = (value: unknown): number => {
    if (value === undefined) return -1;
    let r = table.get(value);
    if (r === undefined) {
      r = columns.strings.length;
      table.set(value, r);
      (columns.strings as unknown[]).push(value);
    }
    return r;
  };
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    if (typeof event !== 'object' || event === null || Array.isArray(event)) return undefined;
    const e = event as Record<string, unknown>;
    const code = (EVENT_TYPES as readonly unknown[]).indexOf(e.type);
    if (code < 0 || typeof e.at !== 'number') return undefined;
    columns.index[i] = offset + i;
    columns.type[i] = code;
    columns.at[i] = e.at;
    columns.id[i] = ref(e.id);
    const slots = FIELD_SLOTS[EVENT_TYPES[code]!];
    slots.strings.forEach((field, s) => (columns[SLOTS[s]!][i] = ref(e[field])));
    if (e.type === 'content.created') {
      if (e.status === undefined) columns.num[i] = NO_NUMBER;
      else if (e.status === 'published' || e.status === 'pending') columns.num[i] = e.status === 'pending' ? 1 : 0;
      else return undefined;
    } else if (slots.num !== undefined) {
      const value = e[slots.num];
      if (value === undefined) columns.num[i] = NO_NUMBER;
      else if (typeof value === 'number' && (value | 0) === value && value !== NO_NUMBER) columns.num[i] = value;
      else return undefined;
    }
  }
  return columns;
}

const representable = (event: unknown): boolean => columnsOf([event]) !== undefined;

/** Malformed copies of a valid event, one broken field each, of every kind a row can carry. */
function corrupt(rng: Random, event: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...event };
  const type = event.type as (typeof EVENT_TYPES)[number];
  const slots = FIELD_SLOTS[type];
  const at = event.at as number;
  const fields = ['id', 'at', ...slots.strings, ...(slots.num === undefined ? [] : [slots.num])];
  const field = rng.pick(fields);
  switch (field) {
    case 'at':
      copy.at = rng.pick([Number.NaN, Infinity, -Infinity, Math.floor(at / 1000), at * 1000, at + 0.5, 0, -at, 7_258_118_400_000]);
      break;
    case 'trustLevel':
      copy.trustLevel = rng.pick([5, -1, 100, undefined]);
      break;
    case 'value':
      copy.value = rng.pick([0, 2, -2, undefined]);
      break;
    case 'status':
      copy.status = type === 'content.created' ? undefined : rng.pick(['deleted', 'Published', '', 5, null, undefined]);
      break;
    case 'kind':
      copy.kind = rng.pick(['article', 'question', '', null, 1, undefined]);
      break;
    case 'parentId':
      // A reply without its parent or with itself as parent, a post with one.
      if (event.kind === 'reply') copy.parentId = rng.pick([undefined, event.contentId, '', null]);
      else copy.parentId = 'c1';
      break;
    default:
      copy[field] = rng.pick(['', null, 5, true, {}, [], undefined]);
  }
  if (type === 'member.updated' && rng.chance(0.2)) {
    // Changes nothing.
    delete copy.displayName;
    delete copy.avatarUrl;
    delete copy.trustLevel;
  }
  return copy;
}

/** What both engines must agree on: the results and every report. */
function bothWays(timeZone: string, batches: unknown[][], ranges: DateRange[]): void {
  const objects = new AnalyticsEngine({ timeZone });
  const columnar = new AnalyticsEngine({ timeZone });
  let offset = 0;
  for (const batch of batches) {
    const expected: IngestResult = objects.ingest(batch);
    const columns = columnsOf(batch, offset)!;
    const actual = columnar.ingestColumns(columns);
    // Positions come from `columns.index`.
    expected.rejected = expected.rejected.map((r) => ({ ...r, index: r.index + offset }));
    expect(actual).to.deep.equal(expected);
    offset += batch.length;
  }
  expect(columnar.store.heldCount).to.equal(objects.store.heldCount);
  for (const range of ranges) {
    for (const path of ['direct', 'aggregate'] as const) {
      expect(columnar.report({ range, path })).to.deep.equal(objects.report({ range, path }));
    }
  }
}

describe('ingestColumns gives what ingest gives', () => {
  for (let seed = 1; seed <= 40; seed++) {
    const timeZone = ZONES[seed % ZONES.length]!;
    it(`random stream ${seed} (${timeZone}): the same results, held events and reports`, () => {
      const stream = randomStream(seed, { timeZone });
      const rng = new Random(seed * 7919);
      // Every distinct event once more, malformed, among the deliveries.
      const deliveries = stream.events.filter(representable);
      for (const event of stream.uniqueEvents) if (rng.chance(0.15)) deliveries.splice(rng.int(0, deliveries.length), 0, corrupt(rng, event));
      const batches = randomChunks(rng, deliveries);
      const ranges = [{ start: stream.firstDay, end: stream.lastDay }, randomRange(rng, stream), randomRange(rng, stream)];
      bothWays(stream.timeZone, batches, ranges);
    });
  }

  it('rejects what the object path rejects, with the same reasons, for every kind of broken field', () => {
    const stream = randomStream(4242, { timeZone: 'Europe/Berlin', malformed: false, duplicateRate: 0 });
    const rng = new Random(99);
    const broken: unknown[] = [];
    for (let n = 0; n < 2000; n++) broken.push(corrupt(rng, rng.pick(stream.uniqueEvents)));
    const objects = new AnalyticsEngine({ timeZone: 'Europe/Berlin' });
    const columnar = new AnalyticsEngine({ timeZone: 'Europe/Berlin' });
    const expected = objects.ingest(broken);
    expect(columnar.ingestColumns(columnsOf(broken)!)).to.deep.equal(expected);
    // Most of them are rejected (a corrupted optional field can still be valid), with many different reasons.
    expect(expected.rejected.length).to.be.greaterThan(1500);
    expect(new Set(expected.rejected.map((r) => r.reason.replace(/got .*/, ''))).size).to.be.greaterThan(40);
  });

  it('keeps entities apart when one string position names a member, a space, a content and a flag, and before they exist', () => {
    // The store remembers the entity row of each string position for the batch, per kind of entity:
    // 'x' is all four kinds here, and is named by rows before each of them exists.
    const at = Date.UTC(2026, 2, 1, 12);
    const batch: unknown[] = [
      // Other entities first, so that 'x' has a different row in each table.
      { id: 'a1', type: 'member.joined', at, memberId: 'm0', displayName: 'M0', trustLevel: 1 },
      { id: 'a2', type: 'member.joined', at, memberId: 'm1', displayName: 'M1', trustLevel: 1 },
      { id: 'a3', type: 'space.created', at, spaceId: 's0', name: 'S0', kind: 'discussion' },
      { id: 'a4', type: 'content.created', at, contentId: 'c0', kind: 'post', spaceId: 's0', authorId: 'm0', status: 'published' },
      { id: 'a5', type: 'content.created', at, contentId: 'c1', kind: 'post', spaceId: 's0', authorId: 'm1', status: 'published' },
      { id: 'a6', type: 'flag.raised', at, flagId: 'f0', contentId: 'c0', reporterId: 'm1' },
      { id: 'e1', type: 'content.created', at, contentId: 'x', kind: 'post', spaceId: 'x', authorId: 'x', status: 'published' },
      { id: 'e2', type: 'vote.cast', at, voteId: 'x', contentId: 'x', voterId: 'x', value: 1 },
      { id: 'e3', type: 'flag.resolved', at: at + 2, flagId: 'x', contentId: 'x', reporterId: 'x', resolution: 'kept' },
      { id: 'e4', type: 'member.joined', at, memberId: 'x', displayName: 'X', trustLevel: 1 },
      { id: 'e5', type: 'space.created', at, spaceId: 'x', name: 'x', kind: 'qa' },
      { id: 'e6', type: 'flag.raised', at: at + 1, flagId: 'x', contentId: 'x', reporterId: 'x' },
      { id: 'e7', type: 'content.created', at, contentId: 'y', kind: 'reply', spaceId: 'x', authorId: 'x', parentId: 'x', status: 'published' },
      { id: 'e8', type: 'member.updated', at: at + 3, memberId: 'x', displayName: 'Y' },
      { id: 'e1', type: 'member.joined', at, memberId: 'x', displayName: 'X', trustLevel: 1 },
    ];
    const columns = columnsOf(batch)!;
    // The same string at a second position of the table, named by the last rows.
    const again = columns.strings.push('x') - 1;
    columns.s0[13] = again;
    columns.s2[12] = again;
    const objects = new AnalyticsEngine();
    const columnar = new AnalyticsEngine();
    const expected = objects.ingest(batch);
    expect(expected).to.deep.include({ applied: 14, duplicates: 1, held: 0 });
    expect(columnar.ingestColumns(columns)).to.deep.equal(expected);
    for (const store of [objects.store, columnar.store]) {
      expect([store.members.size, store.spaces.size, store.contents.size, store.votes.size, store.flags.size]).to.deep.equal([3, 2, 4, 1, 2]);
      expect(store.contentAuthor.data[store.contents.find('y')]).to.equal(store.members.find('x'));
      expect(store.contentSpace.data[store.contents.find('y')]).to.equal(store.spaces.find('x'));
      expect(store.displayNameOf(store.members.find('x'))).to.equal('Y');
    }
    const range = { start: '2026-03-01', end: '2026-03-01' };
    for (const path of ['direct', 'aggregate'] as const) expect(columnar.report({ range, path })).to.deep.equal(objects.report({ range, path }));
    const { moderation } = columnar.report({ range, path: 'direct' });
    expect([moderation.flagsRaised, moderation.flagsOpen]).to.deep.equal([2, 1]);
  });

  it('holds an event across batches and releases it when its entity arrives in a later batch', () => {
    const at = Date.UTC(2026, 2, 1, 12);
    const batches: unknown[][] = [
      [{ id: 'v', type: 'vote.cast', at, voteId: 'v1', contentId: 'c1', voterId: 'm2', value: 1 }],
      [{ id: 'j1', type: 'member.joined', at, memberId: 'm1', displayName: 'Ann', trustLevel: 1 }],
      [
        { id: 's', type: 'space.created', at, spaceId: 's1', name: 'Q&A', kind: 'qa' },
        { id: 'p', type: 'content.created', at, contentId: 'c1', kind: 'post', spaceId: 's1', authorId: 'm1', status: 'published' },
      ],
      [{ id: 'j2', type: 'member.joined', at, memberId: 'm2', displayName: 'Bo', trustLevel: 2, avatarUrl: '' }],
    ];
    const objects = new AnalyticsEngine();
    const columnar = new AnalyticsEngine();
    const results: IngestResult[] = [];
    batches.forEach((batch) => {
      const expected = objects.ingest(batch);
      expect(columnar.ingestColumns(columnsOf(batch)!)).to.deep.equal(expected);
      results.push(expected);
    });
    expect(results.map((r) => [r.applied, r.held, r.released])).to.deep.equal([
      [0, 1, 0],
      [1, 0, 0],
      [2, 0, 0],
      [1, 0, 1],
    ]);
    const range = { start: '2026-03-01', end: '2026-03-01' };
    expect(columnar.report({ range, path: 'aggregate' }).engagement.upvotes).to.equal(1);
    expect(columnar.report({ range, path: 'direct' })).to.deep.equal(objects.report({ range, path: 'direct' }));
  });
});
