import {
  ANSWER_ACCEPTED,
  ANSWER_UNACCEPTED,
  AUTOMOD_TRIGGERED,
  CONTENT_CREATED,
  EventFields,
  FLAG_RAISED,
  FLAG_RESOLVED,
  MEMBER_JOINED,
  MEMBER_UPDATED,
  NO_NUMBER,
  SPACE_CREATED,
  STATUS_CHANGED,
  VOTE_CAST,
  VOTE_RETRACTED,
  type EventColumns,
} from '../model/event-columns.js';
import { ColumnReader, ObjectReader, type EventReader } from '../model/event-reader.js';
import type { IngestResult, RejectedEvent } from '../model/events.js';
import { DAY_MS } from '../model/dates.js';
import { dayBucketer, type DayBucketer } from '../model/time-zone.js';
import { ColumnGroup, DayIndex, Growth, dayColumn, float64Column, narrowColumn, nearColumn, grownCapacity, int32Column, uint8Column } from './columns.js';
import { IdTable } from './id-table.js';

/** Content status codes in the `status` column; 0 means "no such content yet". */
export const STATUS = { none: 0, published: 1, pending: 2, trash: 3, spam: 4 } as const;
const STATUS_CODE: Record<string, number> = STATUS;

/** A status time kept apart, in `statusAtFar`: the least 32-bit value, no offset of a day. */
const FAR = -0x80000000;

/**
 * Bits of a vote's `voteState`: cast, retracted (in either order: a
 * retraction may arrive before its cast). A vote counts when its state is
 * exactly `VOTE.cast`, one byte to test per vote.
 */
export const VOTE = { cast: 1, retracted: 2 } as const;

/** Kind codes: content 0 post / 1 reply; spaces 0 discussion / 1 qa. */
export const REPLY = 1;
export const QA = 1;

/**
 * What the store tells about every change of an entity's state. The
 * aggregator implements it: it keeps per-day counters up to date from these
 * calls alone and never scans the store.
 */
export interface StoreListener {
  contentChanged(content: number): void;
  /** A content's creation attributes (kind, space, author, day) were redefined by an older creating event. */
  contentRedefined(content: number): void;
  voteChanged(vote: number): void;
  acceptanceChanged(question: number): void;
  flagChanged(flag: number): void;
  memberChanged(member: number): void;
  /** A space's kind was redefined by an older creating event. */
  spaceRedefined(space: number): void;
  automodAdded(trigger: number): void;
}

const enum Entity {
  Member = 0,
  Space = 1,
  Content = 2,
  Flag = 3,
}

/**
 * The core tables of DESIGN section 3 as typed-array columns, their ids
 * numbered by `IdTable`s (no string kept per id; names and avatar URLs stay
 * strings), and the rules that apply events to them: idempotent by event id, the
 * newest `(at, id)` decides mutable fields, the oldest creating event defines
 * an entity, events that refer to unknown entities are held until those
 * arrive, malformed events are rejected with a reason.
 *
 * Events come in as objects (`ingest`) or as columns (`ingestColumns`); an
 * `EventReader` checks each one and copies its fields into one `EventFields`
 * record (the slots of the column layout), and the rules below read only
 * that record, so both ways in share them. A held event keeps a copy of its
 * record.
 *
 * The store never aggregates: it records state and reports each change to its
 * listener.
 */
export class EventStore {
  readonly timeZone: string;
  readonly bucketer: DayBucketer;
  private listener: StoreListener | null = null;

  /** Bumped on every change, so readers can cache by it. */
  version = 0;
  /** Bumped when an older creating event redefines a content (its space or author may change): indexes over them start again. */
  contentRedefinitions = 0;
  /** Bumped when a member appears or is renamed: the name order below depends on it. */
  private namesVersion = 0;
  private nameOrderVersion = -1;
  private nameOrderCache = new Int32Array(0);

  /** How the tables grow: by half, or to their projected share of the events a caller said to expect (`reserve`). */
  readonly growth: Growth = new Growth((): number => this.events.size);
  /**
   * Event ids accepted so far (applied or held): the idempotency check. Each
   * entity keeps the row here of the event that decided a field (the
   * `…Event` columns, -1 for none), for the `(at, id)` tie-break.
   */
  private readonly events: IdTable = new IdTable({ growth: this.growth });
  /** Held events (compact copies, with their event row and batch) by the entity they wait for. */
  private readonly waiting: Map<number, EventFields[]>[] = [new Map(), new Map(), new Map(), new Map()];
  /** The event being ingested: every event is read into this one record. */
  private readonly current = new EventFields();
  private heldTotal = 0;
  private batch = 0;
  /**
   * For the batch being ingested: the entity row (+ 1; 0 unknown) of each
   * position of its string table, per entity kind (`Entity` × 4 + position).
   * A row never changes once an id has one, so a position named by many
   * rows costs one hash look-up per batch; "not found" is never kept, since
   * the id may arrive later in the batch.
   */
  private refRows = new Int32Array(0);
  /** Events offered to ingest so far (every row of every batch, duplicates and rejected ones too). */
  private offered = 0;
  /** `offered` at which the load a hint announced is done; -1 when no hint is pending. */
  private loadEnd = -1;

  // members
  readonly members = new IdTable({ growth: this.growth });
  readonly memberExists = uint8Column();
  readonly joinedAt = float64Column();
  readonly joinedDay = int32Column();
  private readonly joinEvent = int32Column(-1);
  /**
   * Members' display names and avatar URLs, each distinct text once (in an
   * `IdTable`, as bytes): a member keeps the row of its name and of its
   * avatar (-1: none), not a string each, and names compare by row without
   * being decoded. See `displayNameOf`, `avatarUrlOf`, `compareNames`.
   */
  private texts = new IdTable({ growth: this.growth });
  /** The row in `texts` of each member's display name; -1 until it has one (its id stands in). */
  private readonly nameText = int32Column(-1);
  private readonly nameAt = float64Column();
  private readonly nameEvent = int32Column(-1);
  /** The row in `texts` of each member's avatar URL after its origin; -1 for none. */
  private readonly avatarText = int32Column(-1);
  /**
   * Each member's avatar URL origin (scheme, host and the first "/"), as a
   * number in `avatarOrigins`: a community's pictures come from one or two
   * hosts, so the origin is kept once instead of in every URL (28 bytes a
   * member in the generated communities, 35 for Gravatar).
   */
  private readonly avatarOrigin = uint8Column();
  /** Origins by number; 0 is none (the URL is kept whole). At most 256. */
  private readonly avatarOrigins: string[] = [''];
  private readonly originNumbers = new Map<string, number>([['', 0]]);
  private readonly avatarAt = float64Column();
  private readonly avatarEvent = int32Column(-1);
  readonly trustLevel = uint8Column();
  private readonly trustAt = float64Column();
  private readonly trustEvent = int32Column(-1);
  private readonly memberColumns = new ColumnGroup([
    this.memberExists,
    this.nameText,
    this.avatarText,
    this.avatarOrigin,
    this.joinedAt,
    this.joinedDay,
    this.nameAt,
    this.avatarAt,
    this.trustLevel,
    this.trustAt,
    this.joinEvent,
    this.nameEvent,
    this.avatarEvent,
    this.trustEvent,
  ], this.growth);

  // spaces
  readonly spaces = new IdTable({ growth: this.growth });
  readonly spaceExists = uint8Column();
  readonly spaceKind = uint8Column();
  readonly spaceName: string[] = [];
  private readonly spaceAt = float64Column();
  private readonly spaceEvent = int32Column(-1);
  private readonly spaceColumns = new ColumnGroup([this.spaceExists, this.spaceKind, this.spaceAt, this.spaceEvent], this.growth);

  // content
  readonly contents = new IdTable({ growth: this.growth });
  readonly contentKind = uint8Column();
  readonly contentSpace = narrowColumn(-1);
  readonly contentAuthor = int32Column(-1);
  /** `createdAt` less `createdDay` · DAY_MS (from −1 to +2 days, whatever the zone's offset): 4 bytes instead of 8; see `createdAtOf`. */
  private readonly createdAtInDay = int32Column();
  readonly createdDay = dayColumn();
  private readonly createEvent = nearColumn();
  readonly status = uint8Column();
  /** Content rows by creation day. */
  readonly contentByDay = new DayIndex();
  /**
   * When the status was set, less `createdDay` · DAY_MS: 4 bytes instead of
   * 8, as `createdAtInDay`, since a content's status is nearly always set
   * within weeks of its creation. One set more than 24 days away from it
   * is kept exact in `statusAtFar` (this column then holds `FAR`). See
   * `statusAtOf`.
   */
  private readonly statusAtOffset = int32Column();
  private readonly statusAtFar = new Map<number, number>();
  private readonly statusEvent = nearColumn();

  // Acceptance decisions: a row per question that ever had one, not per content (a few in a hundred
  // contents are questions with an answer accepted), so these columns cost nothing for the rest.
  /** Question content row → its acceptance row. */
  private readonly acceptanceRows = new Map<number, number>();
  /** Number of acceptance rows (rows 0 … acceptanceCount − 1). */
  acceptanceCount = 0;
  /** Per acceptance row: the question's content row. */
  readonly acceptQuestion = int32Column(-1);
  /** The accepted answer's content row; -1 when the latest decision is an unaccept. */
  readonly acceptAnswer = int32Column(-1);
  /** When the latest decision (by `(at, id)`) happened, epoch ms. */
  readonly acceptAt = float64Column();
  /** Its local day. */
  readonly acceptDay = int32Column();
  private readonly acceptEvent = int32Column(-1);
  private readonly acceptColumns = new ColumnGroup([this.acceptQuestion, this.acceptAnswer, this.acceptAt, this.acceptDay, this.acceptEvent], this.growth);
  private readonly contentColumns = new ColumnGroup([
    this.contentKind,
    this.contentSpace,
    this.contentAuthor,
    this.createdAtInDay,
    this.createdDay,
    this.status,
    this.statusAtOffset,
    this.createEvent,
    this.statusEvent,
  ], this.growth);

  // votes
  readonly votes = new IdTable({ growth: this.growth });
  /** `VOTE` bits: cast, retracted; 0 for a vote only named so far. */
  readonly voteState = uint8Column();
  // Which content a vote or flag is on, no figure reads (a vote or flag waits for its content, as a
  // reply waits for its parent), so it is not kept: 4 bytes a vote.
  readonly voteVoter = int32Column(-1);
  readonly voteUp = uint8Column();
  /** `castAt` less `castDay` · DAY_MS, as `createdAtInDay`; see `castAtOf`. */
  private readonly castAtInDay = int32Column();
  readonly castDay = dayColumn();
  /** Vote rows by cast day. */
  readonly votesByDay = new DayIndex();
  private readonly castEvent = nearColumn();
  private readonly voteColumns = new ColumnGroup([
    this.voteState,
    this.voteVoter,
    this.voteUp,
    this.castAtInDay,
    this.castDay,
    this.castEvent,
  ], this.growth);

  // flags
  readonly flags = new IdTable({ growth: this.growth });
  readonly flagExists = uint8Column();
  readonly flagReporter = int32Column(-1);
  readonly raisedAt = float64Column();
  readonly raisedDay = int32Column();
  private readonly raiseEvent = int32Column(-1);
  readonly resolvedAt = float64Column(Number.NaN);
  private readonly resolveEvent = int32Column(-1);
  readonly resolution: (string | undefined)[] = [];
  private readonly flagColumns = new ColumnGroup([
    this.flagExists,
    this.flagReporter,
    this.raisedAt,
    this.raisedDay,
    this.resolvedAt,
    this.raiseEvent,
    this.resolveEvent,
  ], this.growth);

  // automod triggers, one row per event
  automodCount = 0;
  readonly automodContent = int32Column(-1);
  readonly automodAt = float64Column();
  readonly automodDay = int32Column();
  private readonly automodColumns = new ColumnGroup([this.automodContent, this.automodAt, this.automodDay], this.growth);

  constructor(timeZone: string) {
    this.bucketer = dayBucketer(timeZone);
    this.timeZone = this.bucketer.timeZone;
  }

  setListener(listener: StoreListener): void {
    this.listener = listener;
  }

  /**
   * Each member's position in (displayName, id) order, code-unit wise: the
   * contributor tie-break as one integer, so ranking compares numbers, not
   * strings. Rebuilt only when members join or are renamed.
   */
  memberNameOrder(): Int32Array {
    if (this.nameOrderVersion !== this.namesVersion) {
      const n = this.members.size;
      const members = this.members;
      const rows = Array.from({ length: n }, (_, m) => m);
      rows.sort((a, b) => this.compareNames(a, b) || members.compareRows(a, b));
      const order = new Int32Array(n);
      for (let i = 0; i < n; i++) order[rows[i]!] = i;
      this.nameOrderCache = order;
      this.nameOrderVersion = this.namesVersion;
    }
    return this.nameOrderCache;
  }

  /** The display name of member `m` (its id until it has one). */
  displayNameOf(m: number): string {
    const text = this.nameText.data[m]!;
    return text >= 0 ? this.texts.idOf(text) : this.members.idOf(m);
  }

  /** The avatar URL of member `m`, or undefined. */
  avatarUrlOf(m: number): string | undefined {
    const text = this.avatarText.data[m]!;
    return text >= 0 ? this.avatarOrigins[this.avatarOrigin.data[m]!]! + this.texts.idOf(text) : undefined;
  }

  /** The display names of members `a` and `b` in code-unit order (JavaScript's `<`): negative, 0 or positive. */
  compareNames(a: number, b: number): number {
    const ta = this.nameText.data[a]!;
    const tb = this.nameText.data[b]!;
    if (ta >= 0 && tb >= 0) return ta === tb ? 0 : this.texts.compareRows(ta, tb);
    const na = this.displayNameOf(a);
    const nb = this.displayNameOf(b);
    return na < nb ? -1 : na > nb ? 1 : 0;
  }

  /** (day, row) of every existing content, for rebuilding its day index. */
  *contentDays(): Iterable<[number, number]> {
    for (let c = 0; c < this.contents.size; c++) if (this.status.data[c] !== STATUS.none) yield [this.createdDay.data[c]!, c];
  }

  /** (day, row) of every cast vote, for rebuilding its day index. */
  *voteDays(): Iterable<[number, number]> {
    for (let v = 0; v < this.votes.size; v++) if ((this.voteState.data[v]! & VOTE.cast) !== 0) yield [this.castDay.data[v]!, v];
  }

  /**
   * Expect about `events` more events: each table then grows to its share of
   * them, projected from the events so far, in two or three steps instead of
   * a step every half again (see `Growth`). A hint only: more or fewer
   * events work the same. A smaller hint than one given before changes
   * nothing (a batch's own size may follow a total announced for all).
   */
  reserve(events: number): void {
    this.growth.expect(Math.max(this.growth.expected, this.events.size + events));
    this.loadEnd = Math.max(this.loadEnd, this.offered + events);
  }

  /**
   * Whether the events of the last hint (`reserve`) have all been offered
   * to ingest by now, answered true once per hint: the load it announced is
   * done (see `AnalyticsEngine.compact`).
   */
  takeLoadDone(): boolean {
    if (this.loadEnd < 0 || this.offered < this.loadEnd) return false;
    this.loadEnd = -1;
    return true;
  }

  /** Drops what only ingest needs between batches (the per-batch row memo; room left in the day indexes and the id tables); the next batch makes it again. */
  compact(): void {
    // A hint whose events did not all come (rejected on the way, or an approximate count) ends here.
    this.loadEnd = -1;
    this.refRows = new Int32Array(0);
    this.contentByDay.trim();
    this.votesByDay.trim();
    // Superseded names and avatar URLs stay in `texts` until here; they go once they could be half of it.
    if (this.texts.size > 2 * this.members.size + 64) this.rebuildTexts();
    for (const table of [this.events, this.members, this.texts, this.spaces, this.contents, this.votes, this.flags]) table.compact();
  }

  /** @internal Texts (names, avatar URLs) kept, superseded ones included until `compact`; for tests. */
  get textCount(): number {
    return this.texts.size;
  }

  /** `texts` again with only the names and avatar URLs members have now. */
  private rebuildTexts(): void {
    const old = this.texts;
    const texts = new IdTable();
    const nameText = this.nameText.data;
    const avatarText = this.avatarText.data;
    for (let m = 0; m < this.members.size; m++) {
      if (nameText[m]! >= 0) nameText[m] = texts.intern(old.idOf(nameText[m]!));
      if (avatarText[m]! >= 0) avatarText[m] = texts.intern(old.idOf(avatarText[m]!));
    }
    this.texts = texts;
  }

  /** Events waiting for an entity that has not arrived. */
  get heldCount(): number {
    return this.heldTotal;
  }

  /** Ingests a batch of event objects; never throws on bad input. */
  ingest(events: readonly unknown[]): IngestResult {
    return this.ingestFrom(new ObjectReader(events));
  }

  /**
   * Ingests a batch of event columns, straight from the typed arrays: no
   * object per event. The same rules, checks and result as `ingest` of the
   * events the columns stand for, with `rejected[].index` taken from
   * `columns.index`. Rows never throw (a bad string position, type code or
   * `at` is a rejection with its reason); columns whose structure is broken
   * (see `ColumnReader`) throw a `TypeError` before anything is ingested.
   */
  ingestColumns(columns: EventColumns): IngestResult {
    return this.ingestFrom(new ColumnReader(columns));
  }

  /** The one ingest loop, over either kind of batch. */
  private ingestFrom(reader: EventReader): IngestResult {
    const batch = ++this.batch;
    const refSlots = reader.strings * 4;
    if (this.refRows.length < refSlots) this.refRows = new Int32Array(grownCapacity(this.refRows.length, refSlots));
    else this.refRows.fill(0, 0, refSlots);
    const rejected: RejectedEvent[] = [];
    let applied = 0;
    let duplicates = 0;
    let held = 0;
    let released = 0;
    const queue: EventFields[] = [];
    const event = this.current;
    for (let i = 0; i < reader.count; i++) {
      // Each event is read once, by the reader, into `event`; from here on only that is used.
      const reason = reader.read(i, event);
      if (reason !== undefined) {
        const index = reader.index(i);
        rejected.push(event.id === '' ? { index, reason } : { index, id: event.id, reason });
        continue;
      }
      if (this.events.find(event.id) >= 0) {
        duplicates++;
        continue;
      }
      // Seen once applied or held. The event is applied under the row its id will take, and
      // its id is added after; also if applying throws (a bug), since columns may hold the row.
      const eventRow = this.events.size;
      let wasApplied: boolean;
      try {
        wasApplied = this.apply(event, eventRow, batch, queue);
      } finally {
        this.events.add(event.id);
      }
      if (wasApplied) applied++;
      else held++;
      // Entities created by this event release what waited for them.
      while (queue.length > 0) {
        const waiting = queue.pop()!;
        this.heldTotal--;
        if (this.apply(waiting, waiting.row, waiting.batch, queue)) {
          if (waiting.batch === batch) {
            held--;
            applied++;
          } else {
            released++;
          }
        }
      }
    }
    this.offered += reader.count;
    return { applied, duplicates, held, released, rejected };
  }

  /** Keeps a copy of `event` until the entity it waits for exists. */
  private hold(kind: Entity, entity: number, event: EventFields, eventRow: number, batch: number): false {
    const waiting = this.waiting[kind]!;
    const list = waiting.get(entity);
    const held = event.row === eventRow ? event : event.copy(eventRow, batch);
    if (list) list.push(held);
    else waiting.set(entity, [held]);
    this.heldTotal++;
    return false;
  }

  private release(kind: Entity, row: number, queue: EventFields[]): void {
    const waiting = this.waiting[kind]!;
    const list = waiting.get(row);
    if (!list) return;
    waiting.delete(row);
    for (let i = list.length - 1; i >= 0; i--) queue.push(list[i]!);
  }

  /**
   * Applies one valid, new event; false when it was held instead. The
   * fields sit in the slots of the column layout (`FIELD_SLOTS`).
   */
  private apply(event: EventFields, eventRow: number, batch: number, queue: EventFields[]): boolean {
    switch (event.type) {
      case MEMBER_JOINED:
        return this.applyMemberJoined(event, eventRow, queue);
      case MEMBER_UPDATED: {
        const memberId = event.s0!;
        const m = this.rowOf(Entity.Member, this.members, memberId, event.r0);
        if (m < 0 || this.memberExists.data[m] === 0) return this.hold(Entity.Member, this.internMember(memberId, event.r0), event, eventRow, batch);
        this.applyMemberFields(m, event, eventRow);
        this.version++;
        return true;
      }
      case SPACE_CREATED:
        return this.applySpaceCreated(event, eventRow, queue);
      case CONTENT_CREATED:
        return this.applyContentCreated(event, eventRow, batch, queue);
      case STATUS_CHANGED: {
        const contentId = event.s0!;
        const c = this.existingContent(contentId, event.r0);
        if (c < 0) return this.hold(Entity.Content, this.internContent(contentId, event.r0), event, eventRow, batch);
        if (this.isNewer(event.at, event.id, this.statusAtOf(c), this.statusEvent.get(c))) {
          this.status.data[c] = STATUS_CODE[event.s1!]!;
          this.setStatusAt(c, event.at);
          this.statusEvent.set(c, eventRow);
          this.version++;
          this.listener?.contentChanged(c);
        }
        return true;
      }
      case VOTE_CAST: {
        const contentId = event.s1!;
        const voterId = event.s2!;
        const c = this.existingContent(contentId, event.r1);
        if (c < 0) return this.hold(Entity.Content, this.internContent(contentId, event.r1), event, eventRow, batch);
        const voter = this.existingMember(voterId, event.r2);
        if (voter < 0) return this.hold(Entity.Member, this.internMember(voterId, event.r2), event, eventRow, batch);
        const v = this.internVote(event.s0!);
        const firstCast = (this.voteState.data[v]! & VOTE.cast) === 0;
        if (firstCast || this.isOlder(event.at, event.id, this.castAtOf(v), this.castEvent.get(v))) {
          const day = this.bucketer.dayOf(event.at);
          if (firstCast) this.votesByDay.add(day, v);
          else if (day !== this.castDay.data[v]) this.votesByDay.markStale();
          this.voteState.data[v]! |= VOTE.cast;
          this.voteVoter.data[v] = voter;
          this.voteUp.data[v] = event.num === 1 ? 1 : 0;
          this.castAtInDay.data[v] = event.at - day * DAY_MS;
          this.castDay.set(v, day);
          this.castEvent.set(v, eventRow);
          this.version++;
          this.listener?.voteChanged(v);
        }
        return true;
      }
      case VOTE_RETRACTED: {
        const v = this.internVote(event.s0!);
        if ((this.voteState.data[v]! & VOTE.retracted) === 0) {
          this.voteState.data[v]! |= VOTE.retracted;
          this.version++;
          this.listener?.voteChanged(v);
        }
        return true;
      }
      case ANSWER_ACCEPTED:
      case ANSWER_UNACCEPTED: {
        const questionId = event.s0!;
        const q = this.existingContent(questionId, event.r0);
        if (q < 0) return this.hold(Entity.Content, this.internContent(questionId, event.r0), event, eventRow, batch);
        let answer = -1;
        if (event.type === ANSWER_ACCEPTED) {
          const answerId = event.s1!;
          answer = this.existingContent(answerId, event.r1);
          if (answer < 0) return this.hold(Entity.Content, this.internContent(answerId, event.r1), event, eventRow, batch);
        }
        let a = this.acceptanceRows.get(q);
        if (a === undefined) {
          a = this.acceptanceCount++;
          this.acceptColumns.ensure(a);
          this.acceptQuestion.data[a] = q;
          this.acceptanceRows.set(q, a);
        }
        if (this.isNewer(event.at, event.id, this.acceptAt.data[a]!, this.acceptEvent.data[a]!)) {
          this.acceptEvent.data[a] = eventRow;
          this.acceptAnswer.data[a] = answer;
          this.acceptAt.data[a] = event.at;
          this.acceptDay.data[a] = this.bucketer.dayOf(event.at);
          this.version++;
          this.listener?.acceptanceChanged(q);
        }
        return true;
      }
      case FLAG_RAISED: {
        const contentId = event.s1!;
        const reporterId = event.s2!;
        const c = this.existingContent(contentId, event.r1);
        if (c < 0) return this.hold(Entity.Content, this.internContent(contentId, event.r1), event, eventRow, batch);
        const reporter = this.existingMember(reporterId, event.r2);
        if (reporter < 0) return this.hold(Entity.Member, this.internMember(reporterId, event.r2), event, eventRow, batch);
        const f = this.internFlag(event.s0!, event.r0);
        const isNew = this.flagExists.data[f] === 0;
        if (isNew || this.isOlder(event.at, event.id, this.raisedAt.data[f]!, this.raiseEvent.data[f]!)) {
          this.flagExists.data[f] = 1;
          this.flagReporter.data[f] = reporter;
          this.raisedAt.data[f] = event.at;
          this.raisedDay.data[f] = this.bucketer.dayOf(event.at);
          this.raiseEvent.data[f] = eventRow;
          this.version++;
          this.listener?.flagChanged(f);
        }
        if (isNew) this.release(Entity.Flag, f, queue);
        return true;
      }
      case FLAG_RESOLVED: {
        const flagId = event.s0!;
        const f = this.rowOf(Entity.Flag, this.flags, flagId, event.r0);
        if (f < 0 || this.flagExists.data[f] === 0) return this.hold(Entity.Flag, this.internFlag(flagId, event.r0), event, eventRow, batch);
        if (this.isNewer(event.at, event.id, this.resolvedAt.data[f]!, this.resolveEvent.data[f]!)) {
          this.resolvedAt.data[f] = event.at;
          this.resolveEvent.data[f] = eventRow;
          this.resolution[f] = event.s3;
          this.version++;
          this.listener?.flagChanged(f);
        }
        return true;
      }
      case AUTOMOD_TRIGGERED: {
        const contentId = event.s0!;
        const c = this.existingContent(contentId, event.r0);
        if (c < 0) return this.hold(Entity.Content, this.internContent(contentId, event.r0), event, eventRow, batch);
        const a = this.automodCount++;
        this.automodColumns.ensure(a);
        this.automodContent.data[a] = c;
        this.automodAt.data[a] = event.at;
        this.automodDay.data[a] = this.bucketer.dayOf(event.at);
        this.version++;
        this.listener?.automodAdded(a);
        return true;
      }
      default:
        throw new Error(`EventStore: no event type ${event.type}`);
    }
  }

  /** member.joined: s0 memberId, s1 displayName, s2 avatarUrl, num trustLevel. */
  private applyMemberJoined(event: EventFields, eventRow: number, queue: EventFields[]): true {
    const m = this.internMember(event.s0!, event.r0);
    const isNew = this.memberExists.data[m] === 0;
    if (isNew || this.isOlder(event.at, event.id, this.joinedAt.data[m]!, this.joinEvent.data[m]!)) {
      this.joinedAt.data[m] = event.at;
      this.joinedDay.data[m] = this.bucketer.dayOf(event.at);
      this.joinEvent.data[m] = eventRow;
    }
    if (isNew) this.namesVersion++;
    this.memberExists.data[m] = 1;
    this.applyMemberFields(m, event, eventRow);
    this.version++;
    this.listener?.memberChanged(m);
    if (isNew) this.release(Entity.Member, m, queue);
    return true;
  }

  /** The fields a member.joined / member.updated carries (s1 displayName, s2 avatarUrl, num trustLevel), each where newest. */
  private applyMemberFields(m: number, event: EventFields, eventRow: number): void {
    const { at, id } = event;
    const displayName = event.s1;
    const avatarUrl = event.s2;
    const trustLevel = event.num;
    if (displayName !== undefined && this.isNewer(at, id, this.nameAt.data[m]!, this.nameEvent.data[m]!)) {
      const text = this.texts.intern(displayName);
      if (this.nameText.data[m] !== text) this.namesVersion++;
      this.nameText.data[m] = text;
      this.nameAt.data[m] = at;
      this.nameEvent.data[m] = eventRow;
    }
    if (avatarUrl !== undefined && this.isNewer(at, id, this.avatarAt.data[m]!, this.avatarEvent.data[m]!)) {
      const origin = this.originOf(avatarUrl);
      this.avatarOrigin.data[m] = origin;
      this.avatarText.data[m] = this.texts.intern(origin === 0 ? avatarUrl : avatarUrl.slice(this.avatarOrigins[origin]!.length));
      this.avatarAt.data[m] = at;
      this.avatarEvent.data[m] = eventRow;
    }
    if (trustLevel !== NO_NUMBER && this.isNewer(at, id, this.trustAt.data[m]!, this.trustEvent.data[m]!)) {
      this.trustLevel.data[m] = trustLevel;
      this.trustAt.data[m] = at;
      this.trustEvent.data[m] = eventRow;
    }
  }

  /** The number of `url`'s origin (up to and with the first "/" after "://"), numbering it if new; 0 for none, or past 255 origins. */
  private originOf(url: string): number {
    const scheme = url.indexOf('://');
    if (scheme <= 0 || scheme > 16) return 0;
    const slash = url.indexOf('/', scheme + 3);
    const origin = slash < 0 ? url : url.slice(0, slash + 1);
    let n = this.originNumbers.get(origin);
    if (n === undefined) {
      if (this.avatarOrigins.length > 255) return 0;
      n = this.avatarOrigins.push(origin) - 1;
      this.originNumbers.set(origin, n);
    }
    return n;
  }

  /** space.created: s0 spaceId, s1 name, s2 kind. */
  private applySpaceCreated(event: EventFields, eventRow: number, queue: EventFields[]): true {
    const s = this.internSpace(event.s0!, event.r0);
    const isNew = this.spaceExists.data[s] === 0;
    if (isNew || this.isOlder(event.at, event.id, this.spaceAt.data[s]!, this.spaceEvent.data[s]!)) {
      const kind = event.s2 === 'qa' ? QA : 0;
      const kindChanged = !isNew && this.spaceKind.data[s] !== kind;
      this.spaceExists.data[s] = 1;
      this.spaceKind.data[s] = kind;
      this.spaceName[s] = event.s1!;
      this.spaceAt.data[s] = event.at;
      this.spaceEvent.data[s] = eventRow;
      this.version++;
      if (kindChanged) this.listener?.spaceRedefined(s);
    }
    if (isNew) this.release(Entity.Space, s, queue);
    return true;
  }

  /** content.created: s0 contentId, s1 spaceId, s2 authorId, s3 parentId, s4 kind, num status (0 published, 1 pending). */
  private applyContentCreated(event: EventFields, eventRow: number, batch: number, queue: EventFields[]): boolean {
    const spaceId = event.s1!;
    const authorId = event.s2!;
    const parentId = event.s3;
    const s = this.rowOf(Entity.Space, this.spaces, spaceId, event.r1);
    if (s < 0 || this.spaceExists.data[s] === 0) return this.hold(Entity.Space, this.internSpace(spaceId, event.r1), event, eventRow, batch);
    const author = this.existingMember(authorId, event.r2);
    if (author < 0) return this.hold(Entity.Member, this.internMember(authorId, event.r2), event, eventRow, batch);
    // A reply waits for its parent; which content that is, no figure reads, so it is not kept.
    if (parentId !== undefined && this.existingContent(parentId, event.r3) < 0) {
      return this.hold(Entity.Content, this.internContent(parentId, event.r3), event, eventRow, batch);
    }
    const c = this.internContent(event.s0!, event.r0);
    const isNew = this.status.data[c] === STATUS.none;
    let changed = false;
    let redefined = false;
    if (isNew || this.isOlder(event.at, event.id, this.createdAtOf(c), this.createEvent.get(c))) {
      redefined = !isNew;
      // The status time is kept from the creation day: read before the day moves, written back after.
      const statusAt = redefined && this.statusEvent.get(c) >= 0 ? this.statusAtOf(c) : Number.NaN;
      if (redefined) this.contentRedefinitions++;
      const day = this.bucketer.dayOf(event.at);
      if (isNew) this.contentByDay.add(day, c);
      else if (day !== this.createdDay.data[c]) this.contentByDay.markStale();
      this.contentKind.data[c] = event.s4 === 'reply' ? REPLY : 0;
      this.contentSpace.set(c, s);
      this.contentAuthor.data[c] = author;
      this.createdAtInDay.data[c] = event.at - day * DAY_MS;
      this.createdDay.set(c, day);
      this.createEvent.set(c, eventRow);
      if (!Number.isNaN(statusAt)) this.setStatusAt(c, statusAt);
      changed = true;
    }
    // The creating event is also a status event: the newest of all decides.
    if (this.isNewer(event.at, event.id, this.statusAtOf(c), this.statusEvent.get(c))) {
      this.status.data[c] = event.num === 1 ? STATUS.pending : STATUS.published;
      this.setStatusAt(c, event.at);
      this.statusEvent.set(c, eventRow);
      changed = true;
    }
    if (changed) {
      this.version++;
      if (redefined) this.listener?.contentRedefined(c);
      this.listener?.contentChanged(c);
    }
    if (isNew) this.release(Entity.Content, c, queue);
    return true;
  }

  /**
   * When content `c` was created (epoch ms), exact: a day number and the
   * milliseconds from its nominal start (day · DAY_MS, which a zone's offset
   * moves by hours) together are an instant of the valid range.
   */
  createdAtOf(c: number): number {
    return this.createdDay.data[c]! * DAY_MS + this.createdAtInDay.data[c]!;
  }

  /** When content `c`'s status was set (epoch ms), exact; meaningless while it has none. */
  statusAtOf(c: number): number {
    const offset = this.statusAtOffset.data[c]!;
    return offset === FAR ? this.statusAtFar.get(c)! : this.createdDay.data[c]! * DAY_MS + offset;
  }

  /** Sets when content `c`'s status was set (its creation day is set). */
  private setStatusAt(c: number, at: number): void {
    const offsets = this.statusAtOffset.data;
    if (offsets[c] === FAR) this.statusAtFar.delete(c);
    const offset = at - this.createdDay.data[c]! * DAY_MS;
    if (offset > FAR && offset <= 0x7fffffff) offsets[c] = offset;
    else {
      offsets[c] = FAR;
      this.statusAtFar.set(c, at);
    }
  }

  /** When vote `v` was cast (epoch ms), exact, as `createdAtOf`. */
  castAtOf(v: number): number {
    return this.castDay.data[v]! * DAY_MS + this.castAtInDay.data[v]!;
  }

  /** The acceptance row of question content row `q`, or -1 when no accept or unaccept of it was applied. */
  acceptanceOf(q: number): number {
    return this.acceptanceRows.get(q) ?? -1;
  }

  /** Is (at, id) newer than the current (curAt, curEvent)? No current (-1) means yes. Ids compare by code units, as `>` does. */
  private isNewer(at: number, id: string, curAt: number, curEvent: number): boolean {
    return curEvent < 0 || at > curAt || (at === curAt && this.events.compare(id, curEvent) > 0);
  }

  /** Is (at, id) older than the current (curAt, curEvent)? No current (-1) means yes. */
  private isOlder(at: number, id: string, curAt: number, curEvent: number): boolean {
    return curEvent < 0 || at < curAt || (at === curAt && this.events.compare(id, curEvent) < 0);
  }

  /** The row of `id` in `table`, or -1; `ref` is its string position in the batch (-1 none), remembered per `kind`. */
  private rowOf(kind: Entity, table: IdTable, id: string, ref: number): number {
    if (ref >= 0) {
      const known = this.refRows[ref * 4 + kind]!;
      if (known !== 0) return known - 1;
    }
    const row = table.find(id);
    if (row >= 0 && ref >= 0) this.refRows[ref * 4 + kind] = row + 1;
    return row;
  }

  /** The row of `id` in `table`, adding it when new; `isNew` tells which. */
  private internRow(kind: Entity, table: IdTable, id: string, ref: number): number {
    const row = this.rowOf(kind, table, id, ref);
    if (row >= 0) return row;
    const added = table.add(id);
    if (ref >= 0) this.refRows[ref * 4 + kind] = added + 1;
    return added;
  }

  /** The row of an existing member, or -1. */
  private existingMember(id: string, ref: number): number {
    const m = this.rowOf(Entity.Member, this.members, id, ref);
    return m >= 0 && this.memberExists.data[m] === 1 ? m : -1;
  }

  /** The row of an existing content, or -1. */
  private existingContent(id: string, ref: number): number {
    const c = this.rowOf(Entity.Content, this.contents, id, ref);
    return c >= 0 && this.status.data[c] !== STATUS.none ? c : -1;
  }

  private internMember(id: string, ref: number): number {
    const rows = this.members.size;
    const m = this.internRow(Entity.Member, this.members, id, ref);
    if (m === rows) {
      this.memberColumns.ensure(m);
    }
    return m;
  }

  private internSpace(id: string, ref: number): number {
    const rows = this.spaces.size;
    const s = this.internRow(Entity.Space, this.spaces, id, ref);
    if (s === rows) {
      this.spaceColumns.ensure(s);
      this.spaceName.push(id);
    }
    return s;
  }

  private internContent(id: string, ref: number): number {
    const rows = this.contents.size;
    const c = this.internRow(Entity.Content, this.contents, id, ref);
    if (c === rows) {
      this.contentColumns.ensure(c);
    }
    return c;
  }

  private internVote(id: string): number {
    const rows = this.votes.size;
    const v = this.votes.intern(id);
    if (v === rows) {
      this.voteColumns.ensure(v);
    }
    return v;
  }

  private internFlag(id: string, ref: number): number {
    const rows = this.flags.size;
    const f = this.internRow(Entity.Flag, this.flags, id, ref);
    if (f === rows) {
      this.flagColumns.ensure(f);
      this.resolution.push(undefined);
    }
    return f;
  }
}
