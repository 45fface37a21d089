/**
 * Event columns from an untrusted producer: whatever a row holds (string
 * positions outside the table, type codes that are no type, NaN or infinite
 * `at`, bad numeric codes, table entries that are not strings) is a rejection
 * with a reason and the rest of the batch is applied; columns whose structure
 * is broken (count larger than a column, a column of the wrong kind, no
 * string table) throw a TypeError before anything is ingested.
 */
import { expect } from '@open-wc/testing';
import { emptyColumns, encodeEvents, EventFields, fieldsOfEvent, NO_NUMBER, type EventColumns } from '../model/event-columns.js';
import { ColumnReader } from '../model/event-reader.js';
import { validateEvent } from '../model/validate.js';
import type { AnalyticsEvent } from '../model/events.js';
import { AnalyticsEngine } from './engine.js';

const AT = Date.UTC(2026, 2, 1, 12);
const DAY = { start: '2026-03-01', end: '2026-03-01' };

/**
 * Columns of rows given slot by slot: strings are given as values and put in
 * the table; numbers are taken as raw positions (to point anywhere).
 */
type RowSpec = { type: number; at?: number; id: string | number; s?: (string | number | null)[]; num?: number };
function rows(specs: RowSpec[], strings: unknown[] = []): EventColumns {
  const columns = emptyColumns(specs.length);
  const table = strings.slice();
  const ref = (value: string | number): number => {
    if (typeof value === 'number') return value;
    let r = table.indexOf(value);
    if (r < 0) r = table.push(value) - 1;
    return r;
  };
  specs.forEach((spec, i) => {
    columns.index[i] = 100 + i;
    columns.type[i] = spec.type;
    columns.at[i] = spec.at ?? AT;
    columns.id[i] = ref(spec.id);
    (spec.s ?? []).forEach((value, s) => {
      if (value !== null) columns[(['s0', 's1', 's2', 's3', 's4'] as const)[s]!][i] = ref(value);
    });
    columns.num[i] = spec.num ?? NO_NUMBER;
  });
  columns.strings = table as string[];
  return columns;
}

// Type codes (positions in EVENT_TYPES).
const JOINED = 0;
const UPDATED = 1;
const SPACE = 2;
const CREATED = 3;
const VOTE = 5;

const member = (id: string, memberId: string): RowSpec => ({ type: JOINED, id, s: [memberId, 'Ann', null], num: 2 });

describe('ingestColumns with hostile columns', () => {
  it('rejects each broken row with its reason, applies the others, and reports positions from index', () => {
    const columns = rows([
        member('e1', 'm1'),
        { type: JOINED, id: 'e2', s: ['m2', 57, null], num: 2 }, // displayName points past the table
        { type: JOINED, id: 'e3', s: ['m3', 'Bo', -7], num: 2 }, // a negative position other than -1
        { type: 12, id: 'e4' }, // no such type
        { type: 255, id: 'e5', at: Number.NaN },
        { type: JOINED, id: 'e6', at: Number.NaN, s: ['m6', 'Cy'], num: 1 },
        { type: JOINED, id: 'e7', at: Infinity, s: ['m7', 'Di'], num: 1 },
        { type: JOINED, id: 'e8', at: -Infinity, s: ['m8', 'Ed'], num: 1 },
        { type: JOINED, id: 'e9', s: ['m9', 'Flo'], num: 9 }, // trust level 9
        { type: CREATED, id: 'e10', s: ['c1', 's1', 'm1', null, 'post'], num: 7 }, // status code 7
        { type: VOTE, id: 'e11', s: ['v1', 'c1', 'm1'], num: NO_NUMBER },
        { type: JOINED, id: 99, s: ['m10', 'Gus'], num: 1 }, // id points past the table
        { type: JOINED, id: -1, s: ['m11', 'Hal'], num: 1 }, // no id
        member('e1', 'm1'), // a duplicate
        { type: UPDATED, id: 'e12', s: ['m1'] }, // changes nothing
        member('e13', 'm13'),
      ]);
    const n = columns.strings.length;
    expect(n).to.be.lessThan(57);
    const outside = `of the event columns, but their table has ${n} strings (0 to ${n - 1}; -1 for none)`;
    const engine = new AnalyticsEngine();
    const result = engine.ingestColumns(columns);
    expect(result.applied).to.equal(2);
    expect(result.duplicates).to.equal(1);
    expect(result.held).to.equal(0);
    expect(result.rejected).to.deep.equal([
      { index: 101, id: 'e2', reason: `"displayName" refers to string 57 ${outside}` },
      { index: 102, id: 'e3', reason: `"avatarUrl" refers to string -7 ${outside}` },
      { index: 103, id: 'e4', reason: 'unknown event type code 12 (codes 0 to 11 stand for the types of EVENT_TYPES)' },
      { index: 104, id: 'e5', reason: 'unknown event type code 255 (codes 0 to 11 stand for the types of EVENT_TYPES)' },
      { index: 105, id: 'e6', reason: '"at" must be a finite epoch-milliseconds number, got NaN' },
      { index: 106, id: 'e7', reason: '"at" must be a finite epoch-milliseconds number, got Infinity' },
      { index: 107, id: 'e8', reason: '"at" must be a finite epoch-milliseconds number, got -Infinity' },
      { index: 108, id: 'e9', reason: '"trustLevel" must be an integer from 0 to 4, got 9' },
      { index: 109, id: 'e10', reason: '"status" code 7 of content.created must be 0 (published) or 1 (pending)' },
      { index: 110, id: 'e11', reason: 'missing "value" (1 or -1)' },
      { index: 111, reason: `"id" refers to string 99 ${outside}` },
      { index: 112, reason: 'missing "id" (a non-empty string)' },
      { index: 114, id: 'e12', reason: 'member.updated changes nothing (needs displayName, avatarUrl or trustLevel)' },
    ]);
    expect(engine.report({ range: DAY, path: 'direct' }).engagement.newMembers).to.equal(2);
  });

  it('checks in the order of validateEvent: id, then type, then at, then the fields in schema order', () => {
    const engine = new AnalyticsEngine();
    const result = engine.ingestColumns(
      rows([
        { type: 200, id: 50, at: Number.NaN }, // everything broken: the id speaks first
        { type: 200, id: 'e2', at: Number.NaN }, // then the type
        { type: SPACE, id: 'e3', at: 1_700_000_000, s: [60, 61, 62] }, // then at (seconds)
        { type: SPACE, id: 'e4', s: ['s1', 61, 'wiki'] }, // then the first field in schema order: name before kind
        { type: SPACE, id: 'e5', s: ['s1', 'Help', 'wiki'] },
      ]),
    );
    expect(result.rejected.map((r) => r.reason)).to.deep.equal([
      '"id" refers to string 50 of the event columns, but their table has 7 strings (0 to 6; -1 for none)',
      'unknown event type code 200 (codes 0 to 11 stand for the types of EVENT_TYPES)',
      '"at" must be epoch milliseconds between 2000-01-01 and 2200-01-01, got 1700000000: that looks like seconds (2023-11-14); multiply by 1000',
      '"name" refers to string 61 of the event columns, but their table has 7 strings (0 to 6; -1 for none)',
      '"kind" must be "discussion" or "qa", got "wiki"',
    ]);
  });

  it('reads table entries that are not strings as the values they are, like fields of an event object', () => {
    const strings: unknown[] = ['e1', 5, null, '', { name: 'x' }, 'Ann', 'e2', 'e3', 'e4', 'm1'];
    const engine = new AnalyticsEngine();
    const result = engine.ingestColumns(
      rows(
        [
          { type: JOINED, id: 0, s: [1, 5], num: 1 },
          { type: JOINED, id: 6, s: [2, 5], num: 1 },
          { type: JOINED, id: 7, s: [3, 5], num: 1 },
          { type: JOINED, id: 8, s: [9, 4], num: 1 },
          { type: JOINED, id: 3, s: [9, 5], num: 1 },
          { type: JOINED, id: 1, s: [9, 5], num: 1 },
        ],
        strings,
      ),
    );
    expect(result.rejected).to.deep.equal([
      { index: 100, id: 'e1', reason: '"memberId" must be a non-empty string, got 5' },
      { index: 101, id: 'e2', reason: '"memberId" must be a non-empty string, got null (leave the field out when there is none)' },
      { index: 102, id: 'e3', reason: '"memberId" must be a non-empty string, got ""' },
      { index: 103, id: 'e4', reason: '"displayName" must be a string, got an object' },
      { index: 104, reason: '"id" must be a non-empty string, got ""' },
      { index: 105, reason: '"id" must be a non-empty string, got 5' },
    ]);
    expect(result.applied).to.equal(0);
  });

  it('ignores slots a type does not use, as unknown fields of an object', () => {
    const engine = new AnalyticsEngine();
    const result = engine.ingestColumns(rows([{ type: JOINED, id: 'e1', s: ['m1', 'Ann', null, 500, -9], num: 3 }]));
    expect(result).to.deep.equal({ applied: 1, duplicates: 0, held: 0, released: 0, rejected: [] });
  });

  it('reads only count rows of longer columns', () => {
    const columns = rows([member('e1', 'm1'), { type: 99, id: 'bad' }]);
    columns.count = 1;
    const engine = new AnalyticsEngine();
    expect(engine.ingestColumns(columns)).to.deep.equal({ applied: 1, duplicates: 0, held: 0, released: 0, rejected: [] });
  });

  describe('broken structure throws a TypeError and ingests nothing', () => {
    const cases: [string, (c: EventColumns) => void, string][] = [
      ['count larger than the columns', (c) => (c.count = 3), '"index" must be an Int32Array of at least 3 values ("count"), got an Int32Array of 2 values'],
      ['a shorter column', (c) => (c.at = new Float64Array(1)), '"at" must be a Float64Array of at least 2 values ("count"), got a Float64Array of 1 values'],
      ['a column of the wrong kind', (c) => (c.id = new Float64Array(2) as never), '"id" must be an Int32Array of at least 2 values ("count"), got a Float64Array of 2 values'],
      ['a plain array for a column', (c) => (c.type = [0, 0] as never), '"type" must be a Uint8Array of at least 2 values ("count"), got an array'],
      ['a missing column', (c) => delete (c as Partial<EventColumns>).s4, '"s4" must be an Int32Array of at least 2 values ("count"), got undefined'],
      ['a negative count', (c) => (c.count = -1), '"count" must be a whole number of events (0 or more), got -1'],
      ['a fractional count', (c) => (c.count = 1.5), '"count" must be a whole number of events (0 or more), got 1.5'],
      ['a NaN count', (c) => (c.count = Number.NaN), '"count" must be a whole number of events (0 or more), got NaN'],
      ['no string table', (c) => (c.strings = 'e1,m1' as never), '"strings" must be an array of strings, got "e1,m1"'],
    ];
    for (const [name, breakIt, message] of cases) {
      it(name, () => {
        const columns = rows([member('e1', 'm1'), member('e2', 'm2')]);
        breakIt(columns);
        const engine = new AnalyticsEngine();
        expect(() => engine.ingestColumns(columns)).to.throw(TypeError, `Event columns: ${message}`);
        expect(engine.store.version).to.equal(0);
        // Nothing was seen: the same events ingest normally afterwards.
        expect(engine.ingestColumns(rows([member('e1', 'm1'), member('e2', 'm2')])).applied).to.equal(2);
      });
    }

    it('a string table that throws when read', () => {
      const columns = rows([member('e1', 'm1')]);
      Object.defineProperty(columns.strings, 1, {
        get() {
          throw new Error('gone');
        },
      });
      const engine = new AnalyticsEngine();
      expect(() => engine.ingestColumns(columns)).to.throw(TypeError, 'Event columns: "strings" could not be read (gone)');
      expect(engine.store.version).to.equal(0);
    });
  });
});

describe('one field record for both paths', () => {
  it('an event object and its column row fill the same record, for every type and optional field', () => {
    const events: AnalyticsEvent[] = [
      { id: 'e1', type: 'member.joined', at: AT, memberId: 'm1', displayName: 'Ann', trustLevel: 2, avatarUrl: 'https://a/1.png' },
      { id: 'e2', type: 'member.updated', at: AT, memberId: 'm1', trustLevel: 0 },
      { id: 'e3', type: 'member.updated', at: AT, memberId: 'm1', avatarUrl: '' },
      { id: 'e4', type: 'space.created', at: AT, spaceId: 's1', name: 'Help', kind: 'qa' },
      { id: 'e5', type: 'content.created', at: AT, contentId: 'c1', kind: 'post', spaceId: 's1', authorId: 'm1', status: 'pending' },
      { id: 'e6', type: 'content.created', at: AT, contentId: 'c2', kind: 'reply', spaceId: 's1', authorId: 'm1', parentId: 'c1', status: 'published' },
      { id: 'e7', type: 'content.status_changed', at: AT, contentId: 'c1', status: 'spam' },
      { id: 'e8', type: 'vote.cast', at: AT, voteId: 'v1', contentId: 'c1', voterId: 'm1', value: -1 },
      { id: 'e9', type: 'vote.retracted', at: AT, voteId: 'v1' },
      { id: 'e10', type: 'vote.retracted', at: AT, voteId: 'v1', contentId: 'c1', voterId: 'm1', value: 1 },
      { id: 'e11', type: 'answer.accepted', at: AT, questionId: 'c1', answerId: 'c2' },
      { id: 'e12', type: 'answer.unaccepted', at: AT, questionId: 'c1' },
      { id: 'e13', type: 'flag.raised', at: AT, flagId: 'f1', contentId: 'c1', reporterId: 'm1' },
      { id: 'e14', type: 'flag.resolved', at: AT, flagId: 'f1', resolution: 'removed', contentId: 'c1', reporterId: 'm1' },
      { id: 'e15', type: 'automod.triggered', at: AT, ruleId: 'links', contentId: 'c2' },
    ];
    const columns = encodeEvents(events);
    const reader = new ColumnReader(columns);
    const fromObjects = new EventFields();
    const fromColumns = new EventFields();
    // The string positions r0 … r3 exist only for columns: each names the string its slot holds.
    const withoutRefs = ({ r0, r1, r2, r3, ...fields }: EventFields) => fields;
    events.forEach((event, i) => {
      const check = validateEvent(event);
      expect(check.ok).to.equal(true);
      if (check.ok) fieldsOfEvent(check.event, fromObjects);
      expect(reader.read(i, fromColumns)).to.equal(undefined);
      expect(withoutRefs(fromColumns), event.id).to.deep.equal(withoutRefs(fromObjects));
      expect([fromObjects.r0, fromObjects.r1, fromObjects.r2, fromObjects.r3], event.id).to.deep.equal([-1, -1, -1, -1]);
      const refs = [fromColumns.r0, fromColumns.r1, fromColumns.r2, fromColumns.r3];
      expect(refs.map((ref) => (ref === -1 ? undefined : columns.strings[ref])), event.id).to.deep.equal([fromColumns.s0, fromColumns.s1, fromColumns.s2, fromColumns.s3]);
    });
    // Spot checks of the layout itself.
    fieldsOfEvent(events[13]!, fromObjects);
    expect([fromObjects.type, fromObjects.s0, fromObjects.s1, fromObjects.s2, fromObjects.s3]).to.deep.equal([10, 'f1', 'c1', 'm1', 'removed']);
    fieldsOfEvent(events[1]!, fromObjects);
    expect([fromObjects.s1, fromObjects.s2, fromObjects.num]).to.deep.equal([undefined, undefined, 0]);
  });
});

describe('encodeEvents', () => {
  it('builds columns that ingest like the events, with the positions given', () => {
    const events = [
      { id: 'e1', type: 'member.joined', at: AT, memberId: 'm1', displayName: 'Ann', trustLevel: 2, avatarUrl: '' },
      { id: 'e2', type: 'space.created', at: AT, spaceId: 's1', name: 'Help', kind: 'qa' },
      { id: 'e3', type: 'content.created', at: AT, contentId: 'c1', kind: 'post', spaceId: 's1', authorId: 'm1', status: 'pending' },
      { id: 'e4', type: 'content.status_changed', at: AT + 1, contentId: 'c1', status: 'published' },
    ];
    const columns = encodeEvents(events, [7, 8, 9, 10]);
    expect(Array.from(columns.index)).to.deep.equal([7, 8, 9, 10]);
    expect(Array.from(columns.num)).to.deep.equal([2, NO_NUMBER, 1, NO_NUMBER]);
    // Equal strings share one entry: 'm1' and 's1' are stored once.
    expect(columns.strings.filter((s) => s === 'm1' || s === 's1')).to.deep.equal(['m1', 's1']);
    const objects = new AnalyticsEngine();
    const columnar = new AnalyticsEngine();
    expect(columnar.ingestColumns(columns)).to.deep.equal(objects.ingest(events));
    expect(columnar.report({ range: DAY, path: 'aggregate' })).to.deep.equal(objects.report({ range: DAY, path: 'aggregate' }));
    expect(columnar.report({ range: DAY, path: 'direct' }).overview.totalPosts).to.equal(1);
  });

  it('throws on an invalid event, naming its position and the reason', () => {
    const events = [
      { id: 'e1', type: 'member.joined', at: AT, memberId: 'm1', displayName: 'Ann', trustLevel: 2 },
      { id: 'e2', type: 'member.joined', at: AT, memberId: 'm2', displayName: 'Bo', trustLevel: 2.5 },
    ];
    expect(() => encodeEvents(events)).to.throw(TypeError, 'encodeEvents: event 1 is not valid: "trustLevel" must be an integer from 0 to 4, got 2.5');
    expect(() => encodeEvents(events.slice(0, 1), [1, 2])).to.throw(RangeError, 'encodeEvents: 2 positions for 1 events');
  });
});
