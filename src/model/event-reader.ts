/**
 * The two ways events come in, behind one interface the store reads: event
 * objects (each checked by `validateEvent`) and event columns (checked row by
 * row, without building an object). Both fill the same `EventFields` and
 * decide, and word, exactly alike: a row of columns is accepted or rejected,
 * with the same reason, as the event object it stands for would be.
 */
import { CONTENT_CREATED, CONTENT_CREATED_STATUS, EventFields, MEMBER_UPDATED, NO_NUMBER, NUM_FIELD, SLOT_FIELDS, fieldsOfEvent, type EventColumns } from './event-columns.js';
import { EVENT_TYPES } from './events.js';
import { describeValue, isEventAt, isEventId, problemOf, unreadableReason, validateEvent } from './validate.js';

/** A batch the store ingests, one event at a time. */
export interface EventReader {
  readonly count: number;
  /** Entries of the batch's string table (the range of `EventFields.r0` … `r3`); 0 without one. */
  readonly strings: number;
  /** The position reported for event `i` (`RejectedEvent.index`). */
  index(i: number): number;
  /**
   * Fills `into` with event `i` and returns undefined when it is valid; else
   * returns why not, with `into.id` set to its id when that could be read
   * (a non-empty string), or to ''.
   */
  read(i: number, into: EventFields): string | undefined;
}

/** Event objects: read once each, by `validateEvent`. */
export class ObjectReader implements EventReader {
  readonly count: number;
  readonly strings = 0;
  constructor(private readonly events: readonly unknown[]) {
    this.count = events.length;
  }

  index(i: number): number {
    return i;
  }

  read(i: number, into: EventFields): string | undefined {
    const check = validateEvent(this.events[i]);
    if (!check.ok) {
      into.id = check.id ?? '';
      return check.reason;
    }
    fieldsOfEvent(check.event, into);
    return undefined;
  }
}

// What a string of the table is, as bits: computed once per entry of the table.
const STRING = 1;
const ID = 2; // a usable id: isEventId
const SPACE_KIND = 4;
const CONTENT_KIND = 8;
const STATUS = 16;
/** The bits that need the string's characters: looked at only for a slot that needs one of them. */
const WORD = SPACE_KIND | CONTENT_KIND | STATUS;
/** Set once an entry's WORD bits are known. */
const WORD_KNOWN = 32;
/** Set once an entry is classified (so 0 means "not looked at yet"). */
const CLASSIFIED = 64;
/** A slot that may be absent (-1). */
const OPTIONAL = 128;

/**
 * What each string slot of each type must hold, as the bits its string must
 * have (plus OPTIONAL); 0 for a slot the type does not use. Only the quick
 * acceptance reads it: a row that misses it is judged by `problemOf`, which
 * has the last word (and the words).
 */
const SLOT_NEEDS = new Uint8Array(EVENT_TYPES.length * 5);
// What the numeric field must be.
const NUM_IGNORED = 0;
const NUM_TRUST = 1;
const NUM_OPTIONAL_TRUST = 2;
const NUM_VOTE = 3;
const NUM_OPTIONAL_VOTE = 4;
const NUM_CREATED_STATUS = 5;
const NUM_NEEDS = new Uint8Array(EVENT_TYPES.length);
{
  const needs: Record<(typeof EVENT_TYPES)[number], [number[], number]> = {
    'member.joined': [[ID, STRING, STRING | OPTIONAL], NUM_TRUST],
    'member.updated': [[ID, STRING | OPTIONAL, STRING | OPTIONAL], NUM_OPTIONAL_TRUST],
    'space.created': [[ID, STRING, SPACE_KIND], NUM_IGNORED],
    'content.created': [[ID, ID, ID, ID | OPTIONAL, CONTENT_KIND], NUM_CREATED_STATUS],
    'content.status_changed': [[ID, STATUS], NUM_IGNORED],
    'vote.cast': [[ID, ID, ID], NUM_VOTE],
    'vote.retracted': [[ID, ID | OPTIONAL, ID | OPTIONAL], NUM_OPTIONAL_VOTE],
    'answer.accepted': [[ID, ID], NUM_IGNORED],
    'answer.unaccepted': [[ID, ID | OPTIONAL], NUM_IGNORED],
    'flag.raised': [[ID, ID, ID], NUM_IGNORED],
    'flag.resolved': [[ID, ID | OPTIONAL, ID | OPTIONAL, STRING | OPTIONAL], NUM_IGNORED],
    'automod.triggered': [[ID, ID], NUM_IGNORED],
  };
  EVENT_TYPES.forEach((type, code) => {
    const [slots, num] = needs[type];
    if (slots.length !== SLOT_FIELDS[code]!.length) throw new Error(`slot needs of ${type} do not match its fields`);
    slots.forEach((need, s) => (SLOT_NEEDS[code * 5 + s] = need));
    NUM_NEEDS[code] = num;
  });
}

/** Thrown by a field of a row's snapshot whose encoding is broken; its message is the reason. */
class BrokenField extends Error {}

/** The internal type name of a typed array (not spoofable), or undefined. */
const typedArrayName = (() => {
  const get = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype) as object, Symbol.toStringTag)!.get!;
  return (value: unknown): string | undefined => (ArrayBuffer.isView(value) ? (get.call(value) as string | undefined) : undefined);
})();

const COLUMN_KINDS = [
  ['index', 'Int32Array'],
  ['type', 'Uint8Array'],
  ['at', 'Float64Array'],
  ['id', 'Int32Array'],
  ['s0', 'Int32Array'],
  ['s1', 'Int32Array'],
  ['s2', 'Int32Array'],
  ['s3', 'Int32Array'],
  ['s4', 'Int32Array'],
  ['num', 'Int32Array'],
] as const;

/**
 * Event columns, checked once for their structure and read row by row.
 *
 * Structure (throws a `TypeError`, before any row is read, when broken):
 * `count` a whole number ≥ 0; every column the typed array of its kind with
 * at least `count` values (longer is fine: the rest is not read); `strings`
 * an array. Rows (never throw): whatever a row holds — a string position
 * outside the table, a type code that is no type, a `content.created` status
 * code other than 0 or 1, an `at` that is NaN, ±Infinity or out of range, a
 * table entry that is not a string — the row is rejected with a reason.
 *
 * The table is read once, into a private copy; each entry is classified
 * once, on its first use (a usable id? a space kind? a status?), so a row's
 * checks are a few integer tests: the cost of checking an id string is paid
 * per distinct string, not per use.
 */
export class ColumnReader implements EventReader {
  readonly count: number;
  readonly strings: number;
  private readonly indexes: Int32Array;
  private readonly type: Uint8Array;
  private readonly at: Float64Array;
  private readonly id: Int32Array;
  private readonly s0: Int32Array;
  private readonly s1: Int32Array;
  private readonly s2: Int32Array;
  private readonly s3: Int32Array;
  private readonly s4: Int32Array;
  private readonly num: Int32Array;
  /** The table as read (entries may be anything an untrusted producer put there). */
  private readonly table: unknown[];
  /** Bits (STRING, ID, …) of each entry of the table, 0 until its first use. */
  private readonly kinds: Uint8Array;

  constructor(columns: EventColumns) {
    if (typeof columns !== 'object' || columns === null) throw new TypeError(`Event columns must be an object, got ${describeValue(columns)}`);
    const count: unknown = columns.count;
    if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) {
      throw new TypeError(`Event columns: "count" must be a whole number of events (0 or more), got ${describeValue(count)}`);
    }
    this.count = count;
    const arrays: Record<string, unknown> = {};
    for (const [name, kind] of COLUMN_KINDS) {
      const column: unknown = columns[name];
      const actual = typedArrayName(column);
      const length = actual === undefined ? 0 : (column as Uint8Array).length;
      if (actual !== kind || length < count) {
        const got = actual === undefined ? describeValue(column) : `${article(actual)} ${actual} of ${length} values`;
        throw new TypeError(`Event columns: "${name}" must be ${article(kind)} ${kind} of at least ${count} values ("count"), got ${got}`);
      }
      arrays[name] = column;
    }
    this.indexes = arrays.index as Int32Array;
    this.type = arrays.type as Uint8Array;
    this.at = arrays.at as Float64Array;
    this.id = arrays.id as Int32Array;
    this.s0 = arrays.s0 as Int32Array;
    this.s1 = arrays.s1 as Int32Array;
    this.s2 = arrays.s2 as Int32Array;
    this.s3 = arrays.s3 as Int32Array;
    this.s4 = arrays.s4 as Int32Array;
    this.num = arrays.num as Int32Array;

    const strings: unknown = columns.strings;
    if (!Array.isArray(strings)) throw new TypeError(`Event columns: "strings" must be an array of strings, got ${describeValue(strings)}`);
    let table: unknown[];
    try {
      // One read of each entry (a copy of the pointers, for a plain array); all later reads use the copy.
      table = Array.prototype.slice.call(strings) as unknown[];
    } catch (error) {
      throw new TypeError(`Event columns: "strings" could not be read (${error instanceof Error ? error.message : describeValue(error)})`);
    }
    this.table = table;
    this.strings = table.length;
    this.kinds = new Uint8Array(table.length);
  }

  /**
   * The bits of table entry `ref` (in range), classified on its first use:
   * so each string is looked at once, right before the store hashes it.
   */
  private kindOf(ref: number): number {
    const bits = this.kinds[ref]!;
    return bits !== 0 ? bits : (this.kinds[ref] = classify(this.table[ref]));
  }

  index(i: number): number {
    return this.indexes[i]!;
  }

  read(i: number, into: EventFields): string | undefined {
    const type = this.type[i]!;
    const at = this.at[i]!;
    const idRef = this.id[i]!;
    const r0 = this.s0[i]!;
    const r1 = this.s1[i]!;
    const r2 = this.s2[i]!;
    const r3 = this.s3[i]!;
    const r4 = this.s4[i]!;
    const num = this.num[i]!;
    const n = this.kinds.length;
    // The quick acceptance: every test passes for a valid row; any miss goes to the full check below.
    if (
      type < EVENT_TYPES.length &&
      idRef >= 0 &&
      idRef < n &&
      (this.kindOf(idRef) & ID) !== 0 &&
      isEventAt(at) &&
      this.slotOk(SLOT_NEEDS[type * 5]!, r0, n) &&
      this.slotOk(SLOT_NEEDS[type * 5 + 1]!, r1, n) &&
      this.slotOk(SLOT_NEEDS[type * 5 + 2]!, r2, n) &&
      this.slotOk(SLOT_NEEDS[type * 5 + 3]!, r3, n) &&
      this.slotOk(SLOT_NEEDS[type * 5 + 4]!, r4, n) &&
      numOk(NUM_NEEDS[type]!, num) &&
      this.crossFieldsOk(type, r0, r1, r2, r3, r4, num)
    ) {
      this.fill(into, type, at, idRef, r0, r1, r2, r3, r4, num);
      return undefined;
    }
    const reason = this.problem(type, at, idRef, r0, r1, r2, r3, r4, num);
    if (reason !== undefined) {
      into.id = idRef >= 0 && idRef < n && (this.kindOf(idRef) & ID) !== 0 ? (this.table[idRef] as string) : '';
      return reason;
    }
    this.fill(into, type, at, idRef, r0, r1, r2, r3, r4, num);
    return undefined;
  }

  /** Does a slot's string position satisfy its need? */
  private slotOk(need: number, ref: number, n: number): boolean {
    if (need === 0) return true;
    if (ref === -1) return (need & OPTIONAL) !== 0;
    const bits = need & ~OPTIONAL;
    if (!(ref >= 0 && ref < n)) return false;
    let kind = this.kindOf(ref);
    // Only the few strings in a kind or status slot are compared with the schema's words.
    if ((bits & WORD) !== 0 && (kind & WORD_KNOWN) === 0) {
      kind |= WORD_KNOWN | wordOf(this.table[ref] as string);
      this.kinds[ref] = kind;
    }
    return (kind & bits) === bits;
  }

  /** The rules that tie two fields together (the quick acceptance only needs to be sure). */
  private crossFieldsOk(type: number, r0: number, r1: number, r2: number, r3: number, r4: number, num: number): boolean {
    if (type === MEMBER_UPDATED) return r1 !== -1 || r2 !== -1 || num !== NO_NUMBER;
    if (type === CONTENT_CREATED) {
      const kind = this.table[r4];
      if (kind === 'post') return r3 === -1;
      return r3 !== -1 && this.table[r3] !== this.table[r0];
    }
    return true;
  }

  private fill(into: EventFields, type: number, at: number, idRef: number, r0: number, r1: number, r2: number, r3: number, r4: number, num: number): void {
    const table = this.table as (string | undefined)[];
    const used = SLOT_FIELDS[type]!.length;
    into.type = type;
    into.at = at;
    into.id = table[idRef]!;
    into.s0 = r0 === -1 ? undefined : table[r0];
    into.s1 = r1 === -1 ? undefined : table[r1];
    into.s2 = r2 === -1 || used < 3 ? undefined : table[r2];
    into.s3 = r3 === -1 || used < 4 ? undefined : table[r3];
    into.s4 = r4 === -1 || used < 5 ? undefined : table[r4];
    into.r0 = r0;
    into.r1 = r1;
    into.r2 = used < 3 ? -1 : r2;
    into.r3 = used < 4 ? -1 : r3;
    into.num = NUM_NEEDS[type] === NUM_IGNORED ? NO_NUMBER : num;
  }

  /**
   * Why a row (its values, as read once) is not a valid event, or undefined
   * when it is one after all: the row as an event snapshot, checked by `problemOf`, so every reason and
   * the order of the checks are those of `validateEvent`. A field whose
   * encoding is broken (a string position outside the table, an unknown type
   * code, a bad status code) throws its own reason when the check reads it.
   */
  private problem(type: number, at: number, idRef: number, r0: number, r1: number, r2: number, r3: number, r4: number, num: number): string | undefined {
    const snapshot: Record<string, unknown> = {};
    const table = this.table;
    const n = table.length;
    const put = (field: string, ref: number): void => {
      if (ref === -1) return;
      if (ref >= 0 && ref < n) {
        if (table[ref] !== undefined) snapshot[field] = table[ref];
        return;
      }
      broken(snapshot, field, `"${field}" refers to string ${ref} of the event columns, but their table has ${n} strings (0 to ${n - 1}; -1 for none)`);
    };
    put('id', idRef);
    if (type < EVENT_TYPES.length) snapshot.type = EVENT_TYPES[type];
    else broken(snapshot, 'type', `unknown event type code ${type} (codes 0 to ${EVENT_TYPES.length - 1} stand for the types of EVENT_TYPES)`);
    snapshot.at = at;
    if (type < EVENT_TYPES.length) {
      const fields = SLOT_FIELDS[type]!;
      const refs = [r0, r1, r2, r3, r4];
      for (let s = 0; s < fields.length; s++) put(fields[s]!, refs[s]!);
      if (type === CONTENT_CREATED) {
        if (num === 0 || num === 1) snapshot.status = CONTENT_CREATED_STATUS[num];
        else if (num !== NO_NUMBER) {
          broken(snapshot, 'status', `"status" code ${num} of content.created must be 0 (published) or 1 (pending)`);
        }
      } else {
        const field = NUM_FIELD[type];
        if (field !== undefined && num !== NO_NUMBER) snapshot[field] = num;
      }
    }
    try {
      return problemOf(snapshot);
    } catch (error) {
      return error instanceof BrokenField ? error.message : unreadableReason(error);
    }
  }
}

const article = (word: string): string => (word.startsWith('Int') ? 'an' : 'a');

/** The bits of a table entry that its type and length tell (CLASSIFIED at least). */
function classify(value: unknown): number {
  if (typeof value !== 'string') return CLASSIFIED | WORD_KNOWN;
  return isEventId(value) ? CLASSIFIED | STRING | ID : CLASSIFIED | STRING;
}

/** The WORD bits of a string: which schema word it is, if any. */
function wordOf(value: string): number {
  if (value === 'discussion' || value === 'qa') return SPACE_KIND;
  if (value === 'post' || value === 'reply') return CONTENT_KIND;
  if (value === 'published' || value === 'pending' || value === 'trash' || value === 'spam') return STATUS;
  return 0;
}

function numOk(need: number, num: number): boolean {
  switch (need) {
    case NUM_TRUST:
      return num >= 0 && num <= 4;
    case NUM_OPTIONAL_TRUST:
      return num === NO_NUMBER || (num >= 0 && num <= 4);
    case NUM_VOTE:
      return num === 1 || num === -1;
    case NUM_OPTIONAL_VOTE:
      return num === NO_NUMBER || num === 1 || num === -1;
    case NUM_CREATED_STATUS:
      return num === 0 || num === 1;
    default:
      return true;
  }
}

/** Makes `field` of a snapshot throw `reason` when the check reads it. */
function broken(snapshot: Record<string, unknown>, field: string, reason: string): void {
  Object.defineProperty(snapshot, field, {
    enumerable: true,
    get() {
      throw new BrokenField(reason);
    },
  });
}
