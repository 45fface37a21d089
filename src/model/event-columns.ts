/**
 * Events as columns: one typed array per field plus one table of strings.
 * It is how events cross the Worker boundary (the arrays are transferred,
 * not copied) and the fast way in for an adapter that can produce columns
 * (`AnalyticsEngine.ingestColumns`): no object is built per event.
 *
 * Row `i` of the columns is one event:
 *
 * | column | holds |
 * |---|---|
 * | `type[i]` | the event type's position in `EVENT_TYPES` (0 `member.joined` … 11 `automod.triggered`) |
 * | `at[i]` | `at`, epoch milliseconds |
 * | `id[i]` | `id`, as a position in `strings` |
 * | `s0[i]` … `s4[i]` | the type's string fields (table below), as positions in `strings`; -1 when absent |
 * | `num[i]` | the type's numeric field (`trustLevel` or `value`), `NO_NUMBER` when absent; for `content.created` its status, 0 `published`, 1 `pending` |
 * | `index[i]` | the event's position in the caller's batch: `IngestResult.rejected[].index` reports it |
 *
 * | type | s0 | s1 | s2 | s3 | s4 | num |
 * |---|---|---|---|---|---|---|
 * | `member.joined`, `member.updated` | memberId | displayName | avatarUrl | | | trustLevel |
 * | `space.created` | spaceId | name | kind | | | |
 * | `content.created` | contentId | spaceId | authorId | parentId | kind | status code |
 * | `content.status_changed` | contentId | status | | | | |
 * | `vote.cast`, `vote.retracted` | voteId | contentId | voterId | | | value |
 * | `answer.accepted`, `answer.unaccepted` | questionId | answerId | | | | |
 * | `flag.raised` | flagId | contentId | reporterId | | | |
 * | `flag.resolved` | flagId | contentId | reporterId | resolution | | |
 * | `automod.triggered` | contentId | ruleId | | | | |
 *
 * A string may be referred to by any number of rows and slots; slots a type
 * does not use are ignored, as unknown fields of an event object are.
 *
 * Columns may come from an untrusted producer. `ingestColumns` checks each
 * row as `validateEvent` checks the event object it stands for (same
 * decisions, same reasons, same order); what only columns can get wrong — a
 * string position outside the table, a type code that is no type, a
 * `content.created` status code other than 0 or 1 — rejects the row with its
 * own reason. Columns whose structure is broken (`count` not a whole number,
 * a column missing, not the typed array of its kind or shorter than
 * `count`, `strings` not an array) throw a `TypeError` before any row is
 * ingested.
 */
import { EVENT_TYPES, type AnalyticsEvent, type EventType } from './events.js';
import { validateEvent } from './validate.js';

/** Events in columns; see the module documentation for the layout. */
export interface EventColumns {
  /** Number of events (rows); every column holds at least this many values. */
  count: number;
  /** Each event's position in the caller's batch. */
  index: Int32Array;
  /** Type codes: positions in `EVENT_TYPES`. */
  type: Uint8Array;
  at: Float64Array;
  /** Each event's `id` as a position in `strings`. */
  id: Int32Array;
  /** String fields as positions in `strings`, -1 when absent; which field each slot holds depends on the type. */
  s0: Int32Array;
  s1: Int32Array;
  s2: Int32Array;
  s3: Int32Array;
  s4: Int32Array;
  /** The numeric field (`trustLevel` or `value`; `content.created`: status 0 published / 1 pending), `NO_NUMBER` when absent. */
  num: Int32Array;
  /** The strings the rows refer to. */
  strings: string[];
}

/** The previous name of `EventColumns`. */
export type EncodedEvents = EventColumns;

/** `num` of an event without a numeric field. */
export const NO_NUMBER = -0x80000000;

// Type codes: positions in EVENT_TYPES (checked below).
export const MEMBER_JOINED = 0;
export const MEMBER_UPDATED = 1;
export const SPACE_CREATED = 2;
export const CONTENT_CREATED = 3;
export const STATUS_CHANGED = 4;
export const VOTE_CAST = 5;
export const VOTE_RETRACTED = 6;
export const ANSWER_ACCEPTED = 7;
export const ANSWER_UNACCEPTED = 8;
export const FLAG_RAISED = 9;
export const FLAG_RESOLVED = 10;
export const AUTOMOD_TRIGGERED = 11;

/** Which field of each event type goes in which string slot, and its numeric field. */
export const FIELD_SLOTS: Readonly<Record<EventType, { readonly strings: readonly string[]; readonly num?: string }>> = {
  'member.joined': { strings: ['memberId', 'displayName', 'avatarUrl'], num: 'trustLevel' },
  'member.updated': { strings: ['memberId', 'displayName', 'avatarUrl'], num: 'trustLevel' },
  'space.created': { strings: ['spaceId', 'name', 'kind'] },
  // Its status ('published' | 'pending') rides in the numeric slot as a code.
  'content.created': { strings: ['contentId', 'spaceId', 'authorId', 'parentId', 'kind'], num: 'status' },
  'content.status_changed': { strings: ['contentId', 'status'] },
  'vote.cast': { strings: ['voteId', 'contentId', 'voterId'], num: 'value' },
  'vote.retracted': { strings: ['voteId', 'contentId', 'voterId'], num: 'value' },
  'answer.accepted': { strings: ['questionId', 'answerId'] },
  'answer.unaccepted': { strings: ['questionId', 'answerId'] },
  'flag.raised': { strings: ['flagId', 'contentId', 'reporterId'] },
  'flag.resolved': { strings: ['flagId', 'contentId', 'reporterId', 'resolution'] },
  'automod.triggered': { strings: ['contentId', 'ruleId'] },
};

/** `content.created` status codes in `num`. */
export const CONTENT_CREATED_STATUS = ['published', 'pending'] as const;

/** The string fields of each type code, in slot order. */
export const SLOT_FIELDS: readonly (readonly string[])[] = EVENT_TYPES.map((t) => FIELD_SLOTS[t].strings);
/** The numeric field of each type code, or undefined. */
export const NUM_FIELD: readonly (string | undefined)[] = EVENT_TYPES.map((t) => FIELD_SLOTS[t].num);

const TYPE_CODE = new Map<string, number>(EVENT_TYPES.map((t, i) => [t, i]));

{
  const codes: [number, EventType][] = [
    [MEMBER_JOINED, 'member.joined'],
    [MEMBER_UPDATED, 'member.updated'],
    [SPACE_CREATED, 'space.created'],
    [CONTENT_CREATED, 'content.created'],
    [STATUS_CHANGED, 'content.status_changed'],
    [VOTE_CAST, 'vote.cast'],
    [VOTE_RETRACTED, 'vote.retracted'],
    [ANSWER_ACCEPTED, 'answer.accepted'],
    [ANSWER_UNACCEPTED, 'answer.unaccepted'],
    [FLAG_RAISED, 'flag.raised'],
    [FLAG_RESOLVED, 'flag.resolved'],
    [AUTOMOD_TRIGGERED, 'automod.triggered'],
  ];
  for (const [code, type] of codes) if (EVENT_TYPES[code] !== type) throw new Error(`event type code ${code} is not ${type}`);
}

/**
 * One event's fields in the column layout, as plain values: the type code,
 * `at`, `id`, the string slots (undefined when absent) and the numeric field
 * (`NO_NUMBER` when absent). The store applies events from this shape,
 * whichever way they came in; a held event keeps one as its compact record.
 */
export class EventFields {
  type = 0;
  at = 0;
  id = '';
  s0: string | undefined = undefined;
  s1: string | undefined = undefined;
  s2: string | undefined = undefined;
  s3: string | undefined = undefined;
  s4: string | undefined = undefined;
  num = NO_NUMBER;
  /**
   * Where s0 … s3 sit in the batch's string table (columns only; -1 for an
   * event object, a held copy, or an absent field). The store remembers the
   * entity row of each position for the batch, so a member or content named
   * by many rows of one batch is hashed once.
   */
  r0 = -1;
  r1 = -1;
  r2 = -1;
  r3 = -1;
  /** Bookkeeping of a held event: its row in the event-id table and the batch it came in. */
  row = -1;
  batch = 0;

  /** A copy (to keep while the event is held), without string positions: they mean nothing once its batch is done. */
  copy(row: number, batch: number): EventFields {
    const held = new EventFields();
    held.type = this.type;
    held.at = this.at;
    held.id = this.id;
    held.s0 = this.s0;
    held.s1 = this.s1;
    held.s2 = this.s2;
    held.s3 = this.s3;
    held.s4 = this.s4;
    held.num = this.num;
    held.row = row;
    held.batch = batch;
    return held;
  }
}

/**
 * Fills `into` from a valid event (a `validateEvent` snapshot): the slots of
 * `FIELD_SLOTS`, written out per type so that each read is a plain property
 * read (this runs once per event of the object path).
 */
export function fieldsOfEvent(event: AnalyticsEvent, into: EventFields): void {
  into.r0 = into.r1 = into.r2 = into.r3 = -1;
  into.at = event.at;
  into.id = event.id;
  into.s2 = undefined;
  into.s3 = undefined;
  into.s4 = undefined;
  into.num = NO_NUMBER;
  switch (event.type) {
    case 'member.joined':
    case 'member.updated':
      into.type = event.type === 'member.joined' ? MEMBER_JOINED : MEMBER_UPDATED;
      into.s0 = event.memberId;
      into.s1 = event.displayName;
      into.s2 = event.avatarUrl;
      if (event.trustLevel !== undefined) into.num = event.trustLevel;
      return;
    case 'space.created':
      into.type = SPACE_CREATED;
      into.s0 = event.spaceId;
      into.s1 = event.name;
      into.s2 = event.kind;
      return;
    case 'content.created':
      into.type = CONTENT_CREATED;
      into.s0 = event.contentId;
      into.s1 = event.spaceId;
      into.s2 = event.authorId;
      into.s3 = event.parentId;
      into.s4 = event.kind;
      into.num = event.status === 'pending' ? 1 : 0;
      return;
    case 'content.status_changed':
      into.type = STATUS_CHANGED;
      into.s0 = event.contentId;
      into.s1 = event.status;
      return;
    case 'vote.cast':
    case 'vote.retracted':
      into.type = event.type === 'vote.cast' ? VOTE_CAST : VOTE_RETRACTED;
      into.s0 = event.voteId;
      into.s1 = event.contentId;
      into.s2 = event.voterId;
      if (event.value !== undefined) into.num = event.value;
      return;
    case 'answer.accepted':
    case 'answer.unaccepted':
      into.type = event.type === 'answer.accepted' ? ANSWER_ACCEPTED : ANSWER_UNACCEPTED;
      into.s0 = event.questionId;
      into.s1 = event.answerId;
      return;
    case 'flag.raised':
      into.type = FLAG_RAISED;
      into.s0 = event.flagId;
      into.s1 = event.contentId;
      into.s2 = event.reporterId;
      return;
    case 'flag.resolved':
      into.type = FLAG_RESOLVED;
      into.s0 = event.flagId;
      into.s1 = event.contentId;
      into.s2 = event.reporterId;
      into.s3 = event.resolution;
      return;
    case 'automod.triggered':
      into.type = AUTOMOD_TRIGGERED;
      into.s0 = event.contentId;
      into.s1 = event.ruleId;
      return;
  }
}

/** Empty columns for `count` events (string slots -1, numbers `NO_NUMBER`). */
export function emptyColumns(count: number): EventColumns {
  return {
    count,
    index: new Int32Array(count),
    type: new Uint8Array(count),
    at: new Float64Array(count),
    id: new Int32Array(count),
    s0: new Int32Array(count).fill(-1),
    s1: new Int32Array(count).fill(-1),
    s2: new Int32Array(count).fill(-1),
    s3: new Int32Array(count).fill(-1),
    s4: new Int32Array(count).fill(-1),
    num: new Int32Array(count).fill(NO_NUMBER),
    strings: [],
  };
}

type StringSlot = 's0' | 's1' | 's2' | 's3' | 's4';
const STRING_SLOTS: readonly StringSlot[] = ['s0', 's1', 's2', 's3', 's4'];

/**
 * Builds event columns from event objects, each with its position in the
 * caller's batch (default: its position in `events`); equal strings share one
 * entry of the table. Every event is checked first (`validateEvent`): the
 * columns can only hold valid events faithfully, so an invalid one throws a
 * `TypeError` naming its position and the reason (give such batches to
 * `ingest`, which rejects the bad events and applies the rest).
 */
export function encodeEvents(events: readonly unknown[], positions?: ArrayLike<number>): EventColumns {
  if (positions !== undefined && positions.length !== events.length) {
    throw new RangeError(`encodeEvents: ${positions.length} positions for ${events.length} events`);
  }
  const valid: AnalyticsEvent[] = new Array<AnalyticsEvent>(events.length);
  for (let i = 0; i < events.length; i++) {
    const check = validateEvent(events[i]);
    if (!check.ok) throw new TypeError(`encodeEvents: event ${i} is not valid: ${check.reason}`);
    valid[i] = check.event;
  }
  return encodeValidEvents(valid, positions);
}

/** A string's position in `strings`, pushing each distinct string once (the string table of a batch of columns). */
export function stringInterner(strings: unknown[]): (value: string) => number {
  const positions = new Map<string, number>();
  return (value) => {
    let r = positions.get(value);
    if (r === undefined) {
      r = strings.length;
      positions.set(value, r);
      strings.push(value);
    }
    return r;
  };
}

/**
 * Encodes events that are known to be valid (`validateEvent` accepted them:
 * pass its snapshots), each with its position in the caller's batch
 * (default: its position in `events`). Equal strings share one entry of the
 * table. Nothing is checked: an invalid event may be encoded as another one
 * (a `trustLevel` of 2.5 becomes 2); use `encodeEvents` for events not checked yet.
 */
export function encodeValidEvents(events: readonly AnalyticsEvent[], positions?: ArrayLike<number>): EventColumns {
  const count = events.length;
  const encoded = emptyColumns(count);
  if (positions === undefined) for (let i = 0; i < count; i++) encoded.index[i] = i;
  else encoded.index.set(positions);
  const ref = stringInterner(encoded.strings);
  for (let i = 0; i < count; i++) {
    const event = events[i]! as unknown as Record<string, unknown> & AnalyticsEvent;
    const type = TYPE_CODE.get(event.type)!;
    encoded.type[i] = type;
    encoded.at[i] = event.at;
    encoded.id[i] = ref(event.id);
    const names = SLOT_FIELDS[type]!;
    for (let s = 0; s < names.length; s++) {
      const value = event[names[s]!];
      if (typeof value === 'string') encoded[STRING_SLOTS[s]!][i] = ref(value);
    }
    if (type === CONTENT_CREATED) {
      encoded.num[i] = event.status === 'pending' ? 1 : 0;
    } else {
      const field = NUM_FIELD[type];
      const value = field === undefined ? undefined : event[field];
      if (typeof value === 'number') encoded.num[i] = value;
    }
  }
  return encoded;
}

/**
 * Rebuilds the event objects of well-formed columns (every type code known,
 * every string position in the table or -1). The engine does not need it:
 * `ingestColumns` reads the columns as they are.
 */
export function decodeEvents(encoded: EventColumns): AnalyticsEvent[] {
  const { strings } = encoded;
  const events: AnalyticsEvent[] = new Array(encoded.count);
  for (let i = 0; i < encoded.count; i++) {
    const type = EVENT_TYPES[encoded.type[i]!]!;
    const event: Record<string, unknown> = { id: strings[encoded.id[i]!], type, at: encoded.at[i] };
    const slots = FIELD_SLOTS[type];
    for (let s = 0; s < slots.strings.length; s++) {
      const r = encoded[STRING_SLOTS[s]!][i]!;
      if (r >= 0) event[slots.strings[s]!] = strings[r];
    }
    const num = encoded.num[i]!;
    if (type === 'content.created') event.status = CONTENT_CREATED_STATUS[num as 0 | 1];
    else if (slots.num !== undefined && num !== NO_NUMBER) event[slots.num] = num;
    events[i] = event as unknown as AnalyticsEvent;
  }
  return events;
}
