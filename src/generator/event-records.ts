import { Random } from './random.js';
import { TimeQueue } from './time-queue.js';

/**
 * Events as numeric records in typed arrays: what the simulation writes and
 * delivery reorders. Objects are built only when a chunk is handed out
 * (`EventBuilder`), so the events of a chunk are born together and the
 * generator allocates almost nothing between chunks.
 *
 * Fields per type (entity numbers are indices in creation order):
 *
 * | type | a | b | c | d |
 * |---|---|---|---|---|
 * | member.joined | member | name version | avatar version (0: none) | trust level |
 * | member.updated | member | name version, avatar version or trust level | — | which field (UPDATE_*) |
 * | space.created | space | — | — | — |
 * | content.created | content | author | parent post (-1: a post) | space, + PENDING_FLAG when pending |
 * | content.status_changed | content | — | — | status code |
 * | vote.cast | vote | content | voter | 1 up, 0 down |
 * | vote.retracted | vote | content | voter | 1 up, 0 down, + DETAILS_FLAG when those are sent |
 * | answer.accepted | question | answer | — | — |
 * | answer.unaccepted | question | answer (-1: not sent) | — | — |
 * | flag.raised | flag | content | reporter | — |
 * | flag.resolved | flag | content | — | resolution code |
 * | automod.triggered | content | — | — | rule code |
 */
// A record's type is the event type's code in the column format.
export {
  MEMBER_JOINED,
  MEMBER_UPDATED,
  SPACE_CREATED,
  CONTENT_CREATED,
  STATUS_CHANGED,
  VOTE_CAST,
  VOTE_RETRACTED,
  ANSWER_ACCEPTED,
  ANSWER_UNACCEPTED,
  FLAG_RAISED,
  FLAG_RESOLVED,
  AUTOMOD_TRIGGERED,
} from '../model/event-columns.js';

export const UPDATE_NAME = 0;
export const UPDATE_AVATAR = 1;
export const UPDATE_TRUST = 2;
export const PENDING_FLAG = 1 << 16;
export const DETAILS_FLAG = 2;

export class EventRecords {
  type: Uint8Array;
  at: Float64Array;
  id: Int32Array;
  a: Int32Array;
  b: Int32Array;
  c: Int32Array;
  d: Int32Array;
  length = 0;

  constructor(capacity: number) {
    this.type = new Uint8Array(capacity);
    this.at = new Float64Array(capacity);
    this.id = new Int32Array(capacity);
    this.a = new Int32Array(capacity);
    this.b = new Int32Array(capacity);
    this.c = new Int32Array(capacity);
    this.d = new Int32Array(capacity);
  }

  get capacity(): number {
    return this.type.length;
  }

  /** Appends a record. */
  push(type: number, at: number, id: number, a: number, b: number, c: number, d: number): void {
    if (this.length === this.type.length) this.reserve(this.length * 2);
    this.set(this.length++, type, at, id, a, b, c, d);
  }

  set(i: number, type: number, at: number, id: number, a: number, b: number, c: number, d: number): void {
    this.type[i] = type;
    this.at[i] = at;
    this.id[i] = id;
    this.a[i] = a;
    this.b[i] = b;
    this.c[i] = c;
    this.d[i] = d;
  }

  /** Appends record `i` of `from`. */
  pushFrom(from: EventRecords, i: number): void {
    this.push(from.type[i], from.at[i], from.id[i], from.a[i], from.b[i], from.c[i], from.d[i]);
  }

  /** Drops the first `n` records. */
  shift(n: number): void {
    const rest = this.length - n;
    for (const array of [this.type, this.at, this.id, this.a, this.b, this.c, this.d]) array.copyWithin(0, n, this.length);
    this.length = rest;
  }

  reserve(capacity: number): void {
    if (capacity <= this.type.length) return;
    const grow = <T extends Uint8Array | Int32Array | Float64Array>(array: T, make: (n: number) => T): T => {
      const out = make(capacity);
      out.set(array);
      return out;
    };
    this.type = grow(this.type, (n) => new Uint8Array(n));
    this.at = grow(this.at, (n) => new Float64Array(n));
    this.id = grow(this.id, (n) => new Int32Array(n));
    this.a = grow(this.a, (n) => new Int32Array(n));
    this.b = grow(this.b, (n) => new Int32Array(n));
    this.c = grow(this.c, (n) => new Int32Array(n));
    this.d = grow(this.d, (n) => new Int32Array(n));
  }
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * At-least-once, not-quite-in-order delivery: most records go straight to
 * `out`; a share is held back and released once the stream has moved on
 * (10 minutes to 2 days later, or just after a given time), and a share is
 * delivered a second time, up to 6 hours later. The held records sit in a
 * small queue, bounded by the rate of late events times their delay.
 */
export class Delivery {
  readonly out: EventRecords;
  /** Deliveries so far, repeats included. */
  delivered = 0;
  private readonly random: Random;
  private readonly held = new TimeQueue(256);
  private readonly heldRecords = new EventRecords(256);

  constructor(
    seed: number,
    private readonly lateFraction: number,
    private readonly duplicateFraction: number,
    capacity: number,
  ) {
    this.random = new Random(seed);
    this.out = new EventRecords(capacity);
  }

  /**
   * Delivers one event; `notBefore` (0: none) is a time a late delivery must
   * follow (a vote held until after its retraction). Returns the number of
   * deliveries made (1, or 2 with a repeat).
   */
  deliver(type: number, at: number, id: number, a: number, b: number, c: number, d: number, notBefore: number): number {
    while (this.held.size > 0 && this.held.peekTime() <= at) this.releaseOne();
    const random = this.random;
    let count = 1;
    if (random.next() < this.lateFraction) {
      let release = at + random.logUniform(10 * MINUTE, 2 * DAY);
      if (notBefore > 0) release = Math.max(release, notBefore + random.logUniform(1000, HOUR));
      this.hold(release, type, at, id, a, b, c, d);
    } else {
      this.out.push(type, at, id, a, b, c, d);
    }
    if (random.next() < this.duplicateFraction) {
      this.hold(at + random.logUniform(1000, 6 * HOUR), type, at, id, a, b, c, d);
      count = 2;
    }
    this.delivered += count;
    return count;
  }

  /** Releases everything still held (the end of the stream). */
  flush(): void {
    while (this.held.size > 0) this.releaseOne();
  }

  private hold(release: number, type: number, at: number, id: number, a: number, b: number, c: number, d: number): void {
    const slot = this.held.push(release);
    if (slot >= this.heldRecords.capacity) this.heldRecords.reserve(this.held.capacity);
    this.heldRecords.set(slot, type, at, id, a, b, c, d);
  }

  private releaseOne(): void {
    this.out.pushFrom(this.heldRecords, this.held.pop());
  }
}
