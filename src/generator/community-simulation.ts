import type { SpaceKind } from '../model/events.js';
import * as R from './event-records.js';
import type { Delivery } from './event-records.js';
import { AUTOMOD_RULES, spaceNames } from './names.js';
import { EventBudget } from './budget.js';
import { Random, cumulativeOf, permutation, searchCumulative } from './random.js';
import { TimeQueue } from './time-queue.js';

/** Options with every default filled in (see `CommunityOptions`). */
export interface CommunitySettings {
  seed: number;
  events: number;
  days: number;
  end: number;
  start: number;
  members: number;
  spaces: number;
  lateFraction: number;
  duplicateFraction: number;
  autoModeration: boolean;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// What an activity is: share of new posts and replies; the rest are votes.
const POST_SHARE = 0.12;
const REPLY_SHARE = 0.33;
// Content lifecycle.
const SPAM_SHARE = 0.012;
const PENDING_SHARE = 0.045;
const TRASH_SHARE = 0.025;
const RESTORE_SHARE = 0.25;
const FLAG_SHARE = 0.009;
const FLAG_OPEN_SHARE = 0.1;
const AUTOMOD_FALSE_POSITIVE = 0.004;
// Q&A: questions whose asker will accept an answer, and the chance each answer is the one.
const WANTS_ACCEPT = 0.62;
const ANSWER_ACCEPTED = 0.7;
const UNACCEPT_SHARE = 0.07;
const REACCEPT_SHARE = 0.6;
// Votes.
const UPVOTE_SHARE = 0.89;
const RETRACT_SHARE = 0.03;
// Members.
const RENAME_SHARE = 0.05;
const AVATAR_CHANGE_SHARE = 0.04;
const AVATAR_SHARE = 0.65;
const FOUNDER_SHARE = 0.08;

/** Activity by UTC hour of day: quiet nights, busy afternoons. */
const HOURLY_WEIGHTS = [
  0.35, 0.25, 0.2, 0.18, 0.2, 0.3, 0.5, 0.75, 0.95, 1.05, 1.1, 1.15, 1.2, 1.25, 1.3, 1.35, 1.35, 1.3, 1.2, 1.1, 1.0, 0.85, 0.65, 0.5,
];
const HOURLY = cumulativeOf(HOURLY_WEIGHTS);
/** Activity by UTC weekday, Sunday first: weekends are quieter. */
const WEEKLY = [0.6, 1.0, 1.08, 1.08, 1.05, 0.92, 0.62];
/** Activity at the end of the span relative to its start. */
const YEARLY_GROWTH = 2.2;

const PUBLISHED = 0;
const PENDING = 1;
const TRASH = 2;
const SPAM = 3;

// Question states, per post in a Q&A space.
const NOT_A_QUESTION = 0;
const AWAITS_ACCEPTANCE = 1;
const WONT_ACCEPT = 2;
const ACCEPTANCE_SCHEDULED = 3;

// Primary actions of a day, sorted by `offset * 4 + code`: at equal times spaces and members come first.
const CREATE_SPACE = 0;
const JOIN = 1;
const ACTIVITY = 2;

// Causes of follow-ups, for the budget.
const NO_CAUSE = 0;
const ACTIVITY_CAUSE = 1;
const JOIN_CAUSE = 2;

const RING = 4096;
const RING_MASK = RING - 1;

const nextPowerOfTwo = (n: number): number => 2 ** Math.ceil(Math.log2(Math.max(1, n)));
const clamp = (x: number, min: number, max: number): number => (x < min ? min : x > max ? max : x);

/**
 * The community, simulated: walks the span day by day, merging the day's
 * primary actions (joins, new spaces, posts, replies, votes) with follow-ups
 * that earlier actions scheduled (approvals, trash and restore, acceptances,
 * flags, retractions, member updates), and hands each event to `delivery` as
 * a record. Members and spaces are typed arrays indexed by creation; recent
 * content lives in a circular window of typed arrays, since replies and votes
 * go to recent content, as people's do.
 */
export class CommunitySimulation {
  done = false;
  readonly spaceNames: readonly string[];
  readonly spaceKinds: readonly SpaceKind[];

  private readonly o: CommunitySettings;
  private readonly random: Random;

  // Days.
  private readonly dayWeight: Float64Array;
  private readonly joinsOn: Int32Array;
  private readonly spacesOn: Int32Array;
  /** Joins and new spaces per day, the founding ones included. */
  private readonly plannedJoins: Int32Array;
  private readonly plannedSpaces: Int32Array;
  private readonly founders: number;
  private readonly initialSpaces: number;
  private day = -1;
  private dayStart = 0;
  private keys = new Uint32Array(1024);
  private keyCount = 0;
  private cursor = 0;

  // Members, indexed by join order.
  private readonly authorWeights: Float64Array;
  private readonly voterWeights: Float64Array;
  private readonly trust: Uint8Array;
  private joined = 0;

  // Spaces, indexed by creation order.
  private readonly spaceWeights: Float64Array;
  private readonly spaceIsQa: Uint8Array;
  private spacesCreated = 0;

  // Recent content: a circular window indexed by content number & windowMask.
  private readonly windowMask: number;
  private readonly cSpace: Uint16Array;
  private readonly cAuthor: Int32Array;
  private readonly cStatus: Uint8Array;
  private readonly cQuestion: Uint8Array;
  private readonly cLastAnswer: Int32Array;
  private contentCount = 0;
  private readonly recentSpan: number;
  private readonly posts: Int32Array;
  private readonly postMask: number;
  private postCount = 0;
  private readonly repliedPosts = new Int32Array(RING);
  private replyCount = 0;
  private readonly votedContent = new Int32Array(RING);
  private voteCount = 0;
  private flagCount = 0;

  // Follow-ups: records due later, in a queue ordered by time.
  private readonly queue = new TimeQueue(4096);
  private readonly due = new R.EventRecords(4096);

  // Budget: keeps the total near `events` whatever the random draws.
  private readonly budget: EventBudget;
  private eventNumber = 0;
  /** What the follow-ups being scheduled follow, and when it happened. */
  private cause = NO_CAUSE;
  private causeAt = 0;

  constructor(
    settings: CommunitySettings,
    private readonly delivery: Delivery,
  ) {
    const o = (this.o = settings);
    const random = (this.random = new Random(o.seed));

    this.dayWeight = new Float64Array(o.days);
    for (let d = 0; d < o.days; d++) {
      const weekday = (Math.floor((o.start + d * DAY + DAY / 2) / DAY) + 4) % 7;
      const growth = Math.exp((Math.log(YEARLY_GROWTH) * (d + 0.5)) / o.days);
      this.dayWeight[d] = growth * WEEKLY[weekday] * Math.exp(0.1 * random.normal());
    }

    // Members: Zipf activity over a random rank, founders a little busier; trust follows rank.
    const m = o.members;
    this.founders = Math.min(m, Math.max(2, Math.round(m * FOUNDER_SHARE)));
    const rank = permutation(random, m);
    const authorWeights = new Float64Array(m);
    const voterWeights = new Float64Array(m);
    this.trust = new Uint8Array(m);
    for (let i = 0; i < m; i++) {
      const r = i === 0 ? 0 : rank[i];
      const w = (i < this.founders ? 2 : 1) / (r + 1);
      authorWeights[i] = w;
      voterWeights[i] = w ** 0.6;
      const q = r / m;
      let level = q < 0.01 ? 4 : q < 0.04 ? 3 : q < 0.15 ? 2 : q < 0.45 ? 1 : 0;
      const noise = random.next();
      if (noise < 0.08 && level > 0) level--;
      else if (noise > 0.95 && level < 4) level++;
      this.trust[i] = i === 0 ? 4 : level;
    }
    this.authorWeights = cumulativeOf(authorWeights);
    this.voterWeights = cumulativeOf(voterWeights);

    // Spaces: the familiar ones first; General and Help & Q&A busiest, Announcements quiet.
    const s = o.spaces;
    const names = spaceNames(random, s);
    this.spaceNames = names.names;
    this.spaceKinds = names.kinds;
    this.spaceIsQa = new Uint8Array(s);
    const spaceRank = permutation(random, Math.max(0, s - 2));
    const spaceWeights = new Float64Array(s);
    for (let i = 0; i < s; i++) {
      this.spaceIsQa[i] = names.kinds[i] === 'qa' ? 1 : 0;
      const r = i < 2 ? i : spaceRank[i - 2] + 2;
      spaceWeights[i] = (names.names[i] === 'Announcements' ? 0.15 : 1) / (r + 1) ** 0.9;
    }
    this.spaceWeights = cumulativeOf(spaceWeights);
    this.initialSpaces = Math.min(s, Math.max(1, Math.ceil(s * 0.6)));

    // Joins follow the activity curve; later spaces open on random days.
    this.joinsOn = new Int32Array(o.days);
    const firstJoinDay = o.days > 1 ? 1 : 0;
    let joinWeight = 0;
    for (let d = firstJoinDay; d < o.days; d++) joinWeight += this.dayWeight[d];
    let allocated = 0;
    let cumulative = 0;
    for (let d = firstJoinDay; d < o.days; d++) {
      cumulative += this.dayWeight[d];
      const upTo = Math.round(((m - this.founders) * cumulative) / joinWeight);
      this.joinsOn[d] = upTo - allocated;
      allocated = upTo;
    }
    this.spacesOn = new Int32Array(o.days);
    for (let i = this.initialSpaces; i < s; i++) this.spacesOn[firstJoinDay + random.int(o.days - firstJoinDay)]++;
    this.plannedJoins = this.joinsOn.slice();
    this.plannedJoins[0] += this.founders;
    this.plannedSpaces = this.spacesOn.slice();
    this.plannedSpaces[0] += this.initialSpaces;
    this.budget = new EventBudget(o.events, o.duplicateFraction, HOURLY_WEIGHTS);

    // Recent-content window: about two months of content, at most 2^20 entries.
    const contentPerDay = (o.events * (POST_SHARE + REPLY_SHARE)) / o.days;
    const windowSize = nextPowerOfTwo(clamp(contentPerDay * 60, 4096, 1 << 20));
    this.windowMask = windowSize - 1;
    this.cSpace = new Uint16Array(windowSize);
    this.cAuthor = new Int32Array(windowSize);
    this.cStatus = new Uint8Array(windowSize);
    this.cQuestion = new Uint8Array(windowSize);
    this.cLastAnswer = new Int32Array(windowSize);
    this.recentSpan = Math.round(clamp(contentPerDay * 10, 64, windowSize / 4));
    const postRing = nextPowerOfTwo(clamp(((o.events * POST_SHARE) / o.days) * 10, 64, windowSize / 8));
    this.posts = new Int32Array(postRing);
    this.postMask = postRing - 1;
  }

  /** Advances until at least `limit` records wait in the delivery's output, or the stream ends. */
  run(limit: number): void {
    const out = this.delivery.out;
    while (out.length < limit && !this.done) this.step();
  }

  private step(): void {
    const due = this.queue.peekTime();
    if (this.cursor < this.keyCount) {
      const key = this.keys[this.cursor];
      const at = this.dayStart + (key >>> 2);
      if (due < at) this.runFollowUp();
      else {
        this.cursor++;
        this.runPrimary(key & 3, at);
      }
    } else if (this.day + 1 < this.o.days) {
      if (this.day >= 0 && due < this.dayStart + DAY) this.runFollowUp();
      else this.startDay(this.day + 1);
    } else if (this.queue.size > 0) {
      this.runFollowUp();
    } else {
      this.delivery.flush();
      this.done = true;
    }
  }

  /** Lays out the primary actions of day `d`, as many as keep the stream on course for `events`. */
  private startDay(d: number): void {
    const o = this.o;
    const random = this.random;
    this.day = d;
    this.dayStart = o.start + d * DAY;

    const committed = this.delivery.delivered + this.queue.size;
    const activities = random.round(this.budget.activitiesFor(d, committed, this.dayWeight, this.plannedJoins, this.plannedSpaces));

    let total = this.joinsOn[d] + this.spacesOn[d] + activities;
    if (d === 0) total += this.founders + this.initialSpaces;
    if (this.keys.length < total) this.keys = new Uint32Array(nextPowerOfTwo(total));
    const keys = this.keys;
    let k = 0;
    let first = 0;
    if (d === 0) {
      // The founding hour: the first member, the first spaces, then the other founders.
      keys[k++] = JOIN;
      for (let i = 0; i < this.initialSpaces; i++) keys[k++] = (i + 1) * SECOND * 4 + CREATE_SPACE;
      for (let i = 1; i < this.founders; i++) keys[k++] = (5 * MINUTE + Math.floor((i * 55 * MINUTE) / this.founders)) * 4 + JOIN;
      first = HOUR + 5 * MINUTE;
    }
    for (let i = 0; i < this.spacesOn[d]; i++) keys[k++] = this.offset(first) * 4 + CREATE_SPACE;
    for (let i = 0; i < this.joinsOn[d]; i++) keys[k++] = this.offset(first) * 4 + JOIN;
    for (let i = 0; i < activities; i++) keys[k++] = this.offset(first) * 4 + ACTIVITY;
    keys.subarray(0, k).sort();
    this.keyCount = k;
    this.cursor = 0;
  }

  /** Milliseconds into the day, following the daily rhythm, not before `first`. */
  private offset(first: number): number {
    const random = this.random;
    for (;;) {
      const hour = searchCumulative(HOURLY, 24, random.next() * HOURLY[23]);
      const offset = hour * HOUR + random.int(HOUR);
      if (offset >= first) return offset;
    }
  }

  private runPrimary(code: number, at: number): void {
    if (code === ACTIVITY) {
      this.budget.activities++;
      this.cause = ACTIVITY_CAUSE;
      this.causeAt = at;
      const r = this.random.next();
      if (r < POST_SHARE || this.postCount === 0) this.createPost(at);
      else if (r < POST_SHARE + REPLY_SHARE) this.createReply(at);
      else this.castVote(at);
    } else if (code === JOIN) {
      if (this.joined < this.o.members) {
        this.budget.joins++;
        this.cause = JOIN_CAUSE;
        this.causeAt = at;
        this.joinMember(at);
      }
    } else if (this.spacesCreated < this.o.spaces) {
      this.emit(R.SPACE_CREATED, at, this.spacesCreated++, 0, 0, 0, 0);
    }
    this.cause = NO_CAUSE;
  }

  /** Hands an event to delivery now; returns the deliveries made (1, or 2 with a repeat). */
  private emit(type: number, at: number, a: number, b: number, c: number, d: number, notBefore: number): number {
    return this.delivery.deliver(type, at, this.eventNumber++, a, b, c, d, notBefore);
  }

  /** Queues an event due at `at`; false (and nothing queued) when that is past the end. */
  private schedule(at: number, type: number, a: number, b: number, c: number, d: number): boolean {
    const time = Math.floor(at);
    if (this.cause === ACTIVITY_CAUSE) this.budget.activityFollowUp(time - this.causeAt);
    else if (this.cause === JOIN_CAUSE) this.budget.joinFollowUp(time - this.causeAt);
    if (time > this.o.end) return false;
    const slot = this.queue.push(time);
    if (slot >= this.due.capacity) this.due.reserve(this.queue.capacity);
    this.due.set(slot, type, time, 0, a, b, c, d);
    return true;
  }

  private runFollowUp(): void {
    const slot = this.queue.pop();
    const due = this.due;
    const type = due.type[slot];
    const a = due.a[slot];
    let b = due.b[slot];
    if (type === R.STATUS_CHANGED) {
      if (this.inWindow(a)) this.cStatus[a & this.windowMask] = due.d[slot];
    } else if (type === R.ANSWER_ACCEPTED && b < 0) {
      // A change of mind goes to the question's latest answer.
      const latest = this.inWindow(a) ? this.cLastAnswer[a & this.windowMask] : -1;
      b = latest >= 0 ? latest : due.c[slot];
    }
    this.emit(type, due.at[slot], a, b, due.c[slot], due.d[slot], 0);
  }

  // ---- members

  private joinMember(at: number): void {
    const random = this.random;
    const i = this.joined++;
    let trustLevel = this.trust[i];
    if (i >= this.founders && trustLevel > 0 && random.next() < 0.6) {
      // Earned later: promoted after some weeks of activity.
      trustLevel--;
      this.schedule(at + random.logUniform(3 * DAY, 120 * DAY), R.MEMBER_UPDATED, i, this.trust[i], 0, R.UPDATE_TRUST);
    }
    if (random.next() < RENAME_SHARE) this.schedule(at + random.logUniform(DAY, 200 * DAY), R.MEMBER_UPDATED, i, 1, 0, R.UPDATE_NAME);
    if (random.next() < AVATAR_CHANGE_SHARE) this.schedule(at + random.logUniform(HOUR, 100 * DAY), R.MEMBER_UPDATED, i, 2, 0, R.UPDATE_AVATAR);
    const avatar = random.next() < AVATAR_SHARE ? 1 : 0;
    this.emit(R.MEMBER_JOINED, at, i, 0, avatar, trustLevel, 0);
  }

  private author(): number {
    return searchCumulative(this.authorWeights, this.joined, this.random.next() * this.authorWeights[this.joined - 1]);
  }

  private voter(): number {
    return searchCumulative(this.voterWeights, this.joined, this.random.next() * this.voterWeights[this.joined - 1]);
  }

  /** Spam comes from fresh accounts. */
  private newcomer(): number {
    return this.joined - 1 - this.random.int(Math.min(this.joined, 200));
  }

  private space(): number {
    return searchCumulative(this.spaceWeights, this.spacesCreated, this.random.next() * this.spaceWeights[this.spacesCreated - 1]);
  }

  // ---- content

  private inWindow(content: number): boolean {
    return this.contentCount - content <= this.windowMask;
  }

  private newContent(space: number, author: number, question: number): number {
    const c = this.contentCount++;
    const slot = c & this.windowMask;
    this.cSpace[slot] = space;
    this.cAuthor[slot] = author;
    this.cQuestion[slot] = question;
    this.cLastAnswer[slot] = -1;
    return c;
  }

  private createPost(at: number): void {
    const random = this.random;
    const spam = random.next() < SPAM_SHARE;
    const author = spam ? this.newcomer() : this.author();
    const space = this.space();
    const question =
      this.spaceIsQa[space] === 1 && !spam ? (random.next() < WANTS_ACCEPT ? AWAITS_ACCEPTANCE : WONT_ACCEPT) : NOT_A_QUESTION;
    const c = this.newContent(space, author, question);
    this.posts[this.postCount++ & this.postMask] = c;
    this.lifecycle(at, c, space, author, -1, spam);
  }

  private createReply(at: number): void {
    const random = this.random;
    const parent = this.parentPost();
    const parentSlot = parent & this.windowMask;
    const space = this.cSpace[parentSlot];
    const spam = random.next() < SPAM_SHARE;
    let author = spam ? this.newcomer() : this.author();
    if (!spam && author === this.cAuthor[parentSlot]) author = this.author();
    const c = this.newContent(space, author, NOT_A_QUESTION);
    this.repliedPosts[this.replyCount++ & RING_MASK] = parent;
    if (!spam && this.spaceIsQa[space] === 1 && author !== this.cAuthor[parentSlot]) {
      // An answer: maybe the one the asker accepts.
      this.cLastAnswer[parentSlot] = c;
      if (this.cQuestion[parentSlot] === AWAITS_ACCEPTANCE && random.next() < ANSWER_ACCEPTED) {
        this.cQuestion[parentSlot] = ACCEPTANCE_SCHEDULED;
        this.scheduleAcceptance(at, parent, c);
      }
    }
    this.lifecycle(at, c, space, author, parent, spam);
  }

  /** A recent post, favouring the newest and those already drawing replies (so reply counts are skewed). */
  private parentPost(): number {
    const random = this.random;
    let post = -1;
    for (let attempt = 0; attempt < 3; attempt++) {
      if (this.replyCount > 0 && random.next() < 0.45) {
        post = this.repliedPosts[random.int(Math.min(this.replyCount, RING))];
      } else {
        const span = Math.min(this.postCount, this.posts.length);
        const u = random.next();
        post = this.posts[(this.postCount - 1 - Math.floor(span * u * u)) & this.postMask];
      }
      if (this.inWindow(post) && this.cStatus[post & this.windowMask] === PUBLISHED) return post;
    }
    return this.inWindow(post) ? post : this.posts[(this.postCount - 1) & this.postMask];
  }

  /**
   * Emits a new content and schedules what will happen to it: moderation of
   * pending content, spam removal, trash and restore, flags, automod.
   */
  private lifecycle(at: number, c: number, space: number, author: number, parent: number, spam: boolean): void {
    const random = this.random;
    const automod = this.o.autoModeration;
    let status = PUBLISHED;
    if (spam) {
      if (random.next() < 0.55) {
        status = PENDING;
        if (automod) this.schedule(at + random.logUniform(SECOND, 30 * SECOND), R.AUTOMOD_TRIGGERED, c, 0, 0, random.int(2));
        this.schedule(at + random.logUniform(2 * MINUTE, 12 * HOUR), R.STATUS_CHANGED, c, 0, 0, random.next() < 0.9 ? SPAM : TRASH);
      } else {
        if (automod && random.next() < 0.5) this.schedule(at + random.logUniform(SECOND, 10 * MINUTE), R.AUTOMOD_TRIGGERED, c, 0, 0, random.int(3));
        if (random.next() < 0.35) this.raiseFlag(at, c, author, 2);
        else if (random.next() < 0.95) this.schedule(at + random.logUniform(5 * MINUTE, 2 * DAY), R.STATUS_CHANGED, c, 0, 0, SPAM);
      }
    } else {
      if (random.next() < PENDING_SHARE) {
        status = PENDING;
        if (automod && random.next() < 0.4) {
          this.schedule(at + random.logUniform(SECOND, 30 * SECOND), R.AUTOMOD_TRIGGERED, c, 0, 0, random.int(AUTOMOD_RULES.length));
        }
        const outcome = random.next();
        if (outcome < 0.87) this.schedule(at + random.logUniform(5 * MINUTE, 4 * DAY), R.STATUS_CHANGED, c, 0, 0, PUBLISHED);
        else if (outcome < 0.94) this.schedule(at + random.logUniform(30 * MINUTE, 5 * DAY), R.STATUS_CHANGED, c, 0, 0, TRASH);
        // else: forgotten in the moderation queue.
      } else {
        if (random.next() < TRASH_SHARE) {
          const trashed = at + random.logUniform(10 * MINUTE, 30 * DAY);
          this.schedule(trashed, R.STATUS_CHANGED, c, 0, 0, TRASH);
          if (random.next() < RESTORE_SHARE) {
            this.schedule(trashed + random.logUniform(HOUR, 14 * DAY), R.STATUS_CHANGED, c, 0, 0, PUBLISHED);
          }
        }
        if (automod && random.next() < AUTOMOD_FALSE_POSITIVE) {
          this.schedule(at + random.logUniform(SECOND, 30 * SECOND), R.AUTOMOD_TRIGGERED, c, 0, 0, 2 + random.int(AUTOMOD_RULES.length - 2));
        }
      }
      if (random.next() < FLAG_SHARE) this.raiseFlag(at, c, author, -1);
    }
    this.cStatus[c & this.windowMask] = status;
    this.emit(R.CONTENT_CREATED, at, c, author, parent, space | (status === PENDING ? R.PENDING_FLAG : 0), 0);
  }

  /** A member flags content; a moderator resolves it (median about two hours) or it stays open. */
  private raiseFlag(at: number, c: number, author: number, resolution: number): void {
    const random = this.random;
    const f = this.flagCount++;
    let reporter = this.voter();
    if (reporter === author) reporter = this.voter();
    const raised = at + random.logUniform(2 * MINUTE, 5 * DAY);
    this.schedule(raised, R.FLAG_RAISED, f, c, reporter, 0);
    if (random.next() < FLAG_OPEN_SHARE) return;
    const r = random.next();
    const outcome = resolution >= 0 ? resolution : r < 0.6 ? 0 : r < 0.93 ? 1 : 2;
    const resolved = raised + random.logNormal(2 * HOUR, 1.7, MINUTE, 20 * DAY);
    this.schedule(resolved, R.FLAG_RESOLVED, f, c, 0, outcome);
    if (outcome > 0) this.schedule(resolved + SECOND, R.STATUS_CHANGED, c, 0, 0, outcome === 1 ? TRASH : SPAM);
  }

  /** The asker accepts; now and then changes their mind, and sometimes accepts again. */
  private scheduleAcceptance(at: number, question: number, answer: number): void {
    const random = this.random;
    const accepted = at + random.logUniform(10 * MINUTE, 3 * DAY);
    this.schedule(accepted, R.ANSWER_ACCEPTED, question, answer, answer, 0);
    if (random.next() >= UNACCEPT_SHARE) return;
    const unaccepted = accepted + random.logUniform(HOUR, 20 * DAY);
    this.schedule(unaccepted, R.ANSWER_UNACCEPTED, question, random.next() < 0.7 ? answer : -1, 0, 0);
    if (random.next() < REACCEPT_SHARE) {
      this.schedule(unaccepted + random.logUniform(10 * MINUTE, 10 * DAY), R.ANSWER_ACCEPTED, question, -1, answer, 0);
    }
  }

  // ---- votes

  private castVote(at: number): void {
    const random = this.random;
    const target = this.voteTarget();
    let voter = this.voter();
    if (voter === this.cAuthor[target & this.windowMask]) voter = this.voter();
    const up = random.next() < UPVOTE_SHARE ? 1 : 0;
    const v = this.voteCount++;
    this.votedContent[v & RING_MASK] = target;
    let retractedAt = 0;
    if (random.next() < RETRACT_SHARE) {
      const when = at + random.logUniform(30 * SECOND, 7 * DAY);
      const details = random.next() < 0.5 ? R.DETAILS_FLAG : 0;
      if (this.schedule(when, R.VOTE_RETRACTED, v, target, voter, up | details)) retractedAt = Math.floor(when);
    }
    this.emit(R.VOTE_CAST, at, v, target, voter, up, retractedAt);
  }

  /** Recent published content, newest most likely, popular content more likely still. */
  private voteTarget(): number {
    const random = this.random;
    let target = this.contentCount - 1;
    for (let attempt = 0; attempt < 3; attempt++) {
      if (this.voteCount > 0 && random.next() < 0.35) {
        target = this.votedContent[random.int(Math.min(this.voteCount, RING))];
        if (!this.inWindow(target)) continue;
      } else {
        const u = random.next();
        target = this.contentCount - 1 - Math.floor(Math.min(this.contentCount, this.recentSpan) * u * u * u);
      }
      if (this.cStatus[target & this.windowMask] === PUBLISHED) return target;
    }
    return this.inWindow(target) ? target : this.contentCount - 1;
  }
}
