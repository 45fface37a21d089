import type {
  AnalyticsEvent,
  AnswerAcceptedEvent,
  AnswerUnacceptedEvent,
  AutomodTriggeredEvent,
  ContentCreatedEvent,
  ContentStatus,
  ContentStatusChangedEvent,
  FlagRaisedEvent,
  FlagResolvedEvent,
  MemberJoinedEvent,
  MemberUpdatedEvent,
  SpaceCreatedEvent,
  VoteCastEvent,
  VoteRetractedEvent,
  VoteValue,
} from '../model/events.js';
import { AUTOMOD_RULES, FLAG_RESOLUTIONS, memberName, spaceNames } from './names.js';
import { Random, cumulativeOf, permutation, searchCumulative } from './random.js';
import { TimeQueue } from './time-queue.js';

/**
 * A seeded, realistic community event stream: the data of the benchmark, the
 * demo and the randomized tests. The same options give the same stream.
 */
export interface CommunityOptions {
  /** Seed of the pseudo-random source. Default 1. */
  seed?: number;
  /** Approximate total number of events to emit, duplicates included (±1 %). */
  events: number;
  /** Days covered, ending at `end`. Default 365. */
  days?: number;
  /** Epoch ms of the last instant of the stream. Default `DEFAULT_COMMUNITY_END` (2026-11-24 00:00 UTC). */
  end?: number;
  /** Members who join over the span. Default `events / 40` (at least 2). */
  members?: number;
  /** Spaces, a mix of `discussion` and `qa`. Default grows with `events`, 12–60. */
  spaces?: number;
  /** Share of events delivered late, after events that happened after them. Default 0.01. */
  lateFraction?: number;
  /** Share of events delivered twice (same id, same body). Default 0.01. */
  duplicateFraction?: number;
  /** Emit `automod.triggered` events ("Advanced Moderation" on). Default true. */
  autoModeration?: boolean;
}

/** The default `end`: 2026-11-24 00:00 UTC. */
export const DEFAULT_COMMUNITY_END = Date.UTC(2026, 10, 24);

/**
 * The stream in delivery order, in chunks of `chunkSize` events (the last may
 * be shorter). The generator's state is typed arrays of entity attributes, so
 * memory stays flat however many events are drawn.
 */
export function* communityEvents(options: CommunityOptions, chunkSize = 65536): Generator<AnalyticsEvent[], void, undefined> {
  if (!(chunkSize >= 1)) throw new RangeError('chunkSize must be at least 1');
  const community = new CommunitySimulation(options);
  while (!community.done) {
    community.run(chunkSize);
    while (community.out.length >= chunkSize) {
      const chunk = community.out;
      community.out = chunk.splice(chunkSize);
      yield chunk;
    }
  }
  if (community.out.length > 0) yield community.out;
}

/** The whole stream as one array (for small sizes: tests, the demo). */
export function generateCommunity(options: CommunityOptions): AnalyticsEvent[] {
  const all: AnalyticsEvent[] = [];
  for (const chunk of communityEvents(options)) {
    for (let i = 0; i < chunk.length; i++) all.push(chunk[i]);
  }
  return all;
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
const HOURLY = cumulativeOf([
  0.35, 0.25, 0.2, 0.18, 0.2, 0.3, 0.5, 0.75, 0.95, 1.05, 1.1, 1.15, 1.2, 1.25, 1.3, 1.35, 1.35, 1.3, 1.2, 1.1, 1.0, 0.85, 0.65, 0.5,
]);
/** Activity by UTC weekday, Sunday first: weekends are quieter. */
const WEEKLY = [0.6, 1.0, 1.08, 1.08, 1.05, 0.92, 0.62];
/** Activity at the end of the span relative to its start. */
const YEARLY_GROWTH = 2.2;

const PUBLISHED = 0;
const PENDING = 1;
const TRASH = 2;
const SPAM = 3;
const STATUS_NAMES: readonly ContentStatus[] = ['published', 'pending', 'trash', 'spam'];

// Question states, per post in a Q&A space.
const NOT_A_QUESTION = 0;
const AWAITS_ACCEPTANCE = 1;
const WONT_ACCEPT = 2;
const ACCEPTANCE_SCHEDULED = 3;

// Follow-ups: events decided when their cause happened and due later.
const STATUS = 0;
const RETRACT = 1;
const ACCEPT = 2;
const UNACCEPT = 3;
const FLAG_RAISE = 4;
const FLAG_RESOLVE = 5;
const AUTOMOD = 6;
const RENAME = 7;
const AVATAR = 8;
const TRUST = 9;

// Primary actions of a day, sorted by `offset * 4 + code`: at equal times spaces and members come first.
const CREATE_SPACE = 0;
const JOIN = 1;
const ACTIVITY = 2;

const RING = 4096;
const RING_MASK = RING - 1;

interface ResolvedOptions {
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

function resolveOptions(options: CommunityOptions): ResolvedOptions {
  const events = Math.round(options.events);
  if (!Number.isFinite(events) || events < 1) throw new RangeError('events must be a positive number');
  const days = Math.round(options.days ?? 365);
  if (!Number.isFinite(days) || days < 1) throw new RangeError('days must be at least 1');
  const end = options.end ?? DEFAULT_COMMUNITY_END;
  if (!Number.isFinite(end)) throw new RangeError('end must be epoch milliseconds');
  const members = Math.max(2, Math.round(options.members ?? events / 40));
  const derivedSpaces = Math.min(60, Math.max(12, Math.round(4 * Math.log(events) - 16)));
  const spaces = Math.min(65535, Math.max(1, Math.round(options.spaces ?? Math.min(derivedSpaces, Math.max(1, Math.floor(events / 20))))));
  const fraction = (value: number | undefined, fallback: number, name: string): number => {
    const f = value ?? fallback;
    if (!(f >= 0 && f <= 0.5)) throw new RangeError(`${name} must be between 0 and 0.5`);
    return f;
  };
  return {
    seed: options.seed ?? 1,
    events,
    days,
    end,
    start: end - days * DAY,
    members,
    spaces,
    lateFraction: fraction(options.lateFraction, 0.01, 'lateFraction'),
    duplicateFraction: fraction(options.duplicateFraction, 0.01, 'duplicateFraction'),
    autoModeration: options.autoModeration ?? true,
  };
}

const nextPowerOfTwo = (n: number): number => 2 ** Math.ceil(Math.log2(Math.max(1, n)));
const clamp = (x: number, min: number, max: number): number => (x < min ? min : x > max ? max : x);

/**
 * The simulation: walks the span day by day, merging the day's primary
 * actions (joins, new spaces, posts, replies, votes) with follow-ups that
 * earlier actions scheduled (approvals, trash and restore, acceptances, flags,
 * retractions, renames). Recent content lives in a circular window of typed
 * arrays; replies and votes only pick recent content, as people do.
 */
class CommunitySimulation {
  out: AnalyticsEvent[] = [];
  done = false;

  private readonly o: ResolvedOptions;
  /** The community itself: who does what, when. */
  private readonly random: Random;
  /** Delivery only (late, repeated): changing those fractions leaves the community alone. */
  private readonly delivery: Random;

  // Days.
  private readonly dayWeight: Float64Array;
  private readonly weightFrom: Float64Array;
  private readonly joinsOn: Int32Array;
  private readonly spacesOn: Int32Array;
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
  private readonly memberIds: string[] = [];
  private joined = 0;

  // Spaces, indexed by creation order.
  private readonly spaceWeights: Float64Array;
  private readonly spaceIsQa: Uint8Array;
  private readonly spaceIds: string[] = [];
  private readonly spaceNameList: string[];
  private spacesCreated = 0;

  // Recent content, a circular window indexed by content number & windowMask.
  private readonly windowMask: number;
  private readonly cId: string[];
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

  // Follow-ups and late deliveries.
  private readonly queue = new TimeQueue(4096);
  private fKind = new Uint8Array(4096);
  private fA: Int32Array = new Int32Array(4096);
  private fB: Int32Array = new Int32Array(4096);
  private fC: Int32Array = new Int32Array(4096);
  private fD: Int32Array = new Int32Array(4096);
  private readonly late = new TimeQueue(256);
  private readonly lateEvents: (AnalyticsEvent | undefined)[] = [];

  // Budget: keeps the total near `events` whatever the random draws.
  private readonly eventIds = new IdSequence('e');
  private readonly voteIds = new IdSequence('v');
  private readonly contentIds = new IdSequence('c');
  private produced = 0;
  private fixedProduced = 0;
  private fixedProducedByJoins = 0;
  private activities = 0;

  constructor(options: CommunityOptions) {
    const o = (this.o = resolveOptions(options));
    this.random = new Random(o.seed);
    this.delivery = new Random(o.seed ^ 0x5bd1e995);
    const random = this.random;

    this.dayWeight = new Float64Array(o.days);
    this.weightFrom = new Float64Array(o.days + 1);
    for (let d = 0; d < o.days; d++) {
      const weekday = (Math.floor((o.start + d * DAY + DAY / 2) / DAY) + 4) % 7;
      const growth = Math.exp((Math.log(YEARLY_GROWTH) * (d + 0.5)) / o.days);
      this.dayWeight[d] = growth * WEEKLY[weekday] * Math.exp(0.1 * random.normal());
    }
    for (let d = o.days - 1; d >= 0; d--) this.weightFrom[d] = this.weightFrom[d + 1] + this.dayWeight[d];

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
    this.spaceNameList = names.names;
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
    const joinWeight = this.weightFrom[firstJoinDay];
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

    // Recent-content window: about two months of content, at most 2^20 entries.
    const contentPerDay = (o.events * (POST_SHARE + REPLY_SHARE)) / o.days;
    const windowSize = nextPowerOfTwo(clamp(contentPerDay * 60, 4096, 1 << 20));
    this.windowMask = windowSize - 1;
    this.cId = new Array<string>(windowSize).fill('');
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

  /** Advances until at least `limit` events wait in `out`, or the stream ends. */
  run(limit: number): void {
    while (this.out.length < limit && !this.done) this.step();
  }

  private step(): void {
    const due = this.queue.peekTime();
    if (this.cursor < this.keyCount) {
      const key = this.keys[this.cursor];
      const at = this.dayStart + (key >>> 2);
      if (due < at) this.runFollowUp(due);
      else {
        this.cursor++;
        this.runPrimary(key & 3, at);
      }
    } else if (this.day + 1 < this.o.days) {
      if (this.day >= 0 && due < this.dayStart + DAY) this.runFollowUp(due);
      else this.startDay(this.day + 1);
    } else if (this.queue.size > 0) {
      this.runFollowUp(due);
    } else {
      while (this.late.size > 0) this.release();
      this.done = true;
    }
  }

  /** Lays out the primary actions of day `d`, sized so the stream lands on `events`. */
  private startDay(d: number): void {
    const o = this.o;
    const random = this.random;
    this.day = d;
    this.dayStart = o.start + d * DAY;
    const joins = this.joinsOn[d] + (d === 0 ? this.founders : 0);
    const spaces = this.spacesOn[d] + (d === 0 ? this.initialSpaces : 0);

    // Events per activity (its follow-ups and repeats included), learned as the stream goes.
    const committed = this.produced + this.queue.size;
    const activityEvents = committed - this.fixedProduced;
    const perActivity = (activityEvents + 1.12 * 300) / (this.activities + 300);
    const perJoin = this.joined > 50 ? this.fixedProducedByJoins / this.joined : 1.3 + o.duplicateFraction;
    let joinsLeft = d === 0 ? this.founders : 0;
    for (let i = d; i < o.days; i++) joinsLeft += this.joinsOn[i];
    const spacesLeft = o.spaces - this.spacesCreated;
    const fixedLeft = joinsLeft * perJoin + spacesLeft * (1 + o.duplicateFraction);
    const budget = Math.max(0, o.events - committed - fixedLeft);
    const activities = random.round(((budget / perActivity) * this.dayWeight[d]) / this.weightFrom[d]);

    const total = joins + spaces + activities;
    if (this.keys.length < total) this.keys = new Uint32Array(nextPowerOfTwo(total));
    const keys = this.keys;
    let k = 0;
    let first = 0;
    if (d === 0) {
      // The founding hour: the first member, the first spaces, then the other founders.
      keys[k++] = JOIN;
      for (let i = 0; i < this.initialSpaces; i++) keys[k++] = ((i + 1) * SECOND) * 4 + CREATE_SPACE;
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
      this.activities++;
      const r = this.random.next();
      if (r < POST_SHARE || this.postCount === 0) this.createPost(at);
      else if (r < POST_SHARE + REPLY_SHARE) this.createReply(at);
      else this.castVote(at);
    } else if (code === JOIN) {
      if (this.joined < this.o.members) this.joinMember(at);
    } else if (this.spacesCreated < this.o.spaces) {
      this.createSpace(at);
    }
  }

  // ---- members and spaces

  private joinMember(at: number): void {
    const random = this.random;
    const i = this.joined++;
    const memberId = idOf('m', i);
    this.memberIds.push(memberId);
    const before = this.queue.size;
    let trustLevel = this.trust[i];
    if (i >= this.founders && trustLevel > 0 && random.next() < 0.6) {
      // Earned later: promoted after some weeks of activity.
      trustLevel--;
      this.schedule(at + random.logUniform(3 * DAY, 120 * DAY), TRUST, i, this.trust[i], 0, 0);
    }
    if (random.next() < RENAME_SHARE) this.schedule(at + random.logUniform(DAY, 200 * DAY), RENAME, i, 0, 0, 0);
    if (random.next() < AVATAR_CHANGE_SHARE) this.schedule(at + random.logUniform(HOUR, 100 * DAY), AVATAR, i, 2, 0, 0);
    const event: MemberJoinedEvent = { id: this.nextId(), type: 'member.joined', at, memberId, displayName: memberName(random), trustLevel };
    if (random.next() < AVATAR_SHARE) event.avatarUrl = avatarUrl(memberId, 1);
    const produced = this.queue.size - before + this.deliver(event, 0);
    this.fixedProduced += produced;
    this.fixedProducedByJoins += produced;
  }

  private createSpace(at: number): void {
    const i = this.spacesCreated++;
    const spaceId = idOf('s', i);
    this.spaceIds.push(spaceId);
    const event: SpaceCreatedEvent = {
      id: this.nextId(),
      type: 'space.created',
      at,
      spaceId,
      name: this.spaceNameList[i],
      kind: this.spaceIsQa[i] === 1 ? 'qa' : 'discussion',
    };
    this.fixedProduced += this.deliver(event, 0);
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

  private createPost(at: number): void {
    const random = this.random;
    const spam = random.next() < SPAM_SHARE;
    const author = spam ? this.newcomer() : this.author();
    const space = this.space();
    const c = this.contentCount++;
    const slot = c & this.windowMask;
    this.cId[slot] = this.contentIds.next();
    this.cSpace[slot] = space;
    this.cAuthor[slot] = author;
    this.cQuestion[slot] =
      this.spaceIsQa[space] === 1 && !spam ? (random.next() < WANTS_ACCEPT ? AWAITS_ACCEPTANCE : WONT_ACCEPT) : NOT_A_QUESTION;
    this.cLastAnswer[slot] = -1;
    this.posts[this.postCount++ & this.postMask] = c;
    const event: ContentCreatedEvent = {
      id: this.nextId(),
      type: 'content.created',
      at,
      contentId: this.contentId(c),
      kind: 'post',
      spaceId: this.spaceIds[space],
      authorId: this.memberIds[author],
      status: 'published',
    };
    this.lifecycle(event, c, author, spam);
  }

  private createReply(at: number): void {
    const random = this.random;
    const parent = this.parentPost();
    const parentSlot = parent & this.windowMask;
    const space = this.cSpace[parentSlot];
    const spam = random.next() < SPAM_SHARE;
    let author = spam ? this.newcomer() : this.author();
    if (!spam && author === this.cAuthor[parentSlot]) author = this.author();
    const c = this.contentCount++;
    const slot = c & this.windowMask;
    this.cId[slot] = this.contentIds.next();
    this.cSpace[slot] = space;
    this.cAuthor[slot] = author;
    this.cQuestion[slot] = NOT_A_QUESTION;
    this.cLastAnswer[slot] = -1;
    this.repliedPosts[this.replyCount++ & RING_MASK] = parent;
    const event: ContentCreatedEvent = {
      id: this.nextId(),
      type: 'content.created',
      at,
      contentId: this.contentId(c),
      kind: 'reply',
      spaceId: this.spaceIds[space],
      authorId: this.memberIds[author],
      parentId: this.contentId(parent),
      status: 'published',
    };
    if (!spam && this.spaceIsQa[space] === 1 && author !== this.cAuthor[parentSlot]) {
      // An answer: maybe the one the asker accepts.
      this.cLastAnswer[parentSlot] = c;
      if (this.cQuestion[parentSlot] === AWAITS_ACCEPTANCE && random.next() < ANSWER_ACCEPTED) {
        this.cQuestion[parentSlot] = ACCEPTANCE_SCHEDULED;
        this.scheduleAcceptance(at, parent, c);
      }
    }
    this.lifecycle(event, c, author, spam);
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
  private lifecycle(event: ContentCreatedEvent, c: number, author: number, spam: boolean): void {
    const random = this.random;
    const at = event.at;
    const automod = this.o.autoModeration;
    let status = PUBLISHED;
    if (spam) {
      if (random.next() < 0.55) {
        status = PENDING;
        if (automod) this.schedule(at + random.logUniform(SECOND, 30 * SECOND), AUTOMOD, c, random.int(2), 0, 0);
        this.schedule(at + random.logUniform(2 * MINUTE, 12 * HOUR), STATUS, c, random.next() < 0.9 ? SPAM : TRASH, 0, 0);
      } else {
        if (automod && random.next() < 0.5) this.schedule(at + random.logUniform(SECOND, 10 * MINUTE), AUTOMOD, c, random.int(3), 0, 0);
        if (random.next() < 0.35) this.raiseFlag(at, c, author, 2);
        else if (random.next() < 0.95) this.schedule(at + random.logUniform(5 * MINUTE, 2 * DAY), STATUS, c, SPAM, 0, 0);
      }
    } else {
      if (random.next() < PENDING_SHARE) {
        status = PENDING;
        if (automod && random.next() < 0.4) {
          this.schedule(at + random.logUniform(SECOND, 30 * SECOND), AUTOMOD, c, random.int(AUTOMOD_RULES.length), 0, 0);
        }
        const outcome = random.next();
        if (outcome < 0.87) this.schedule(at + random.logUniform(5 * MINUTE, 4 * DAY), STATUS, c, PUBLISHED, 0, 0);
        else if (outcome < 0.94) this.schedule(at + random.logUniform(30 * MINUTE, 5 * DAY), STATUS, c, TRASH, 0, 0);
        // else: forgotten in the moderation queue.
      } else {
        if (random.next() < TRASH_SHARE) {
          const trashed = at + random.logUniform(10 * MINUTE, 30 * DAY);
          if (this.schedule(trashed, STATUS, c, TRASH, 0, 0) && random.next() < RESTORE_SHARE) {
            this.schedule(trashed + random.logUniform(HOUR, 14 * DAY), STATUS, c, PUBLISHED, 0, 0);
          }
        }
        if (automod && random.next() < AUTOMOD_FALSE_POSITIVE) {
          this.schedule(at + random.logUniform(SECOND, 30 * SECOND), AUTOMOD, c, 2 + random.int(AUTOMOD_RULES.length - 2), 0, 0);
        }
      }
      if (random.next() < FLAG_SHARE) this.raiseFlag(at, c, author, -1);
    }
    this.cStatus[c & this.windowMask] = status;
    if (status === PENDING) event.status = 'pending';
    this.deliver(event, 0);
  }

  /** A member flags content; a moderator resolves it (median about two hours) or it stays open. */
  private raiseFlag(at: number, c: number, author: number, resolution: number): void {
    const random = this.random;
    const f = this.flagCount++;
    let reporter = this.voter();
    if (reporter === author) reporter = this.voter();
    const raised = at + random.logUniform(2 * MINUTE, 5 * DAY);
    if (!this.schedule(raised, FLAG_RAISE, f, c, reporter, 0)) return;
    if (random.next() < FLAG_OPEN_SHARE) return;
    const r = random.next();
    const outcome = resolution >= 0 ? resolution : r < 0.6 ? 0 : r < 0.93 ? 1 : 2;
    const resolved = raised + random.logNormal(2 * HOUR, 1.7, MINUTE, 20 * DAY);
    if (!this.schedule(resolved, FLAG_RESOLVE, f, c, reporter, outcome)) return;
    if (outcome > 0) this.schedule(resolved + SECOND, STATUS, c, outcome === 1 ? TRASH : SPAM, 0, 0);
  }

  /** The asker accepts; now and then changes their mind, and sometimes accepts again (the latest answer). */
  private scheduleAcceptance(at: number, question: number, answer: number): void {
    const random = this.random;
    const accepted = at + random.logUniform(10 * MINUTE, 3 * DAY);
    if (!this.schedule(accepted, ACCEPT, question, answer, answer, 0)) return;
    if (random.next() >= UNACCEPT_SHARE) return;
    const unaccepted = accepted + random.logUniform(HOUR, 20 * DAY);
    if (!this.schedule(unaccepted, UNACCEPT, question, answer, 0, 0)) return;
    if (random.next() < REACCEPT_SHARE) this.schedule(unaccepted + random.logUniform(10 * MINUTE, 10 * DAY), ACCEPT, question, -1, answer, 0);
  }

  // ---- votes

  private castVote(at: number): void {
    const random = this.random;
    const target = this.voteTarget();
    const targetSlot = target & this.windowMask;
    let voter = this.voter();
    if (voter === this.cAuthor[targetSlot]) voter = this.voter();
    const value: VoteValue = random.next() < UPVOTE_SHARE ? 1 : -1;
    const v = this.voteCount++;
    const voteId = this.voteIds.next();
    this.votedContent[v & RING_MASK] = target;
    let retractedAt = 0;
    if (random.next() < RETRACT_SHARE) {
      const when = at + random.logUniform(30 * SECOND, 7 * DAY);
      if (this.schedule(when, RETRACT, v, target, voter, value)) retractedAt = when;
    }
    const event: VoteCastEvent = {
      id: this.nextId(),
      type: 'vote.cast',
      at,
      voteId,
      contentId: this.contentId(target),
      voterId: this.memberIds[voter],
      value,
    };
    this.deliver(event, retractedAt);
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

  // ---- follow-ups

  /** Queues an event due at `at`; false (and nothing queued) when that is past the end. */
  private schedule(at: number, kind: number, a: number, b: number, c: number, d: number): boolean {
    const time = Math.floor(at);
    if (time > this.o.end) return false;
    const slot = this.queue.push(time);
    if (slot >= this.fKind.length) this.growFollowUps(this.queue.capacity);
    this.fKind[slot] = kind;
    this.fA[slot] = a;
    this.fB[slot] = b;
    this.fC[slot] = c;
    this.fD[slot] = d;
    return true;
  }

  private growFollowUps(capacity: number): void {
    const kind = new Uint8Array(capacity);
    kind.set(this.fKind);
    this.fKind = kind;
    const grow = (array: Int32Array): Int32Array => {
      const out = new Int32Array(capacity);
      out.set(array);
      return out;
    };
    this.fA = grow(this.fA);
    this.fB = grow(this.fB);
    this.fC = grow(this.fC);
    this.fD = grow(this.fD);
  }

  private runFollowUp(at: number): void {
    const slot = this.queue.pop();
    const kind = this.fKind[slot];
    const a = this.fA[slot];
    const b = this.fB[slot];
    const c = this.fC[slot];
    const d = this.fD[slot];
    const random = this.random;
    const id = this.nextId();
    switch (kind) {
      case STATUS: {
        if (this.inWindow(a)) this.cStatus[a & this.windowMask] = b;
        const event: ContentStatusChangedEvent = { id, type: 'content.status_changed', at, contentId: this.contentId(a), status: STATUS_NAMES[b] };
        this.deliver(event, 0);
        return;
      }
      case RETRACT: {
        const event: VoteRetractedEvent = { id, type: 'vote.retracted', at, voteId: idOf('v', a) };
        if (random.next() < 0.5) {
          event.contentId = this.contentId(b);
          event.voterId = this.memberIds[c];
          event.value = d === 1 ? 1 : -1;
        }
        this.deliver(event, 0);
        return;
      }
      case ACCEPT: {
        // A re-acceptance goes to the question's latest answer.
        const answer = b >= 0 ? b : this.inWindow(a) && this.cLastAnswer[a & this.windowMask] >= 0 ? this.cLastAnswer[a & this.windowMask] : c;
        const event: AnswerAcceptedEvent = { id, type: 'answer.accepted', at, questionId: this.contentId(a), answerId: this.contentId(answer) };
        this.deliver(event, 0);
        return;
      }
      case UNACCEPT: {
        const event: AnswerUnacceptedEvent = { id, type: 'answer.unaccepted', at, questionId: this.contentId(a) };
        if (random.next() < 0.7) event.answerId = this.contentId(b);
        this.deliver(event, 0);
        return;
      }
      case FLAG_RAISE: {
        const event: FlagRaisedEvent = { id, type: 'flag.raised', at, flagId: idOf('f', a), contentId: this.contentId(b), reporterId: this.memberIds[c] };
        this.deliver(event, 0);
        return;
      }
      case FLAG_RESOLVE: {
        const event: FlagResolvedEvent = { id, type: 'flag.resolved', at, flagId: idOf('f', a), resolution: FLAG_RESOLUTIONS[d], contentId: this.contentId(b) };
        this.deliver(event, 0);
        return;
      }
      case AUTOMOD: {
        const event: AutomodTriggeredEvent = { id, type: 'automod.triggered', at, ruleId: AUTOMOD_RULES[b], contentId: this.contentId(a) };
        this.deliver(event, 0);
        return;
      }
      default: {
        const memberId = this.memberIds[a];
        const event: MemberUpdatedEvent = { id, type: 'member.updated', at, memberId };
        if (kind === RENAME) event.displayName = memberName(random);
        else if (kind === AVATAR) event.avatarUrl = avatarUrl(memberId, b);
        else if (kind === TRUST) event.trustLevel = b;
        // Counted when it was queued; only a repeat adds to the budget.
        const repeats = this.deliver(event, 0) - 1;
        this.fixedProduced += repeats;
        this.fixedProducedByJoins += repeats;
      }
    }
  }

  // ---- delivery

  /**
   * Hands an event to the stream: on time, or late (held back and released
   * once the stream has moved on; a retracted vote may be held until after its
   * retraction), and now and then once more (a repeated delivery).
   * Returns how many deliveries it made (1 or 2).
   */
  private deliver(event: AnalyticsEvent, notBefore: number): number {
    const at = event.at;
    while (this.late.size > 0 && this.late.peekTime() <= at) this.release();
    const delivery = this.delivery;
    let count = 1;
    if (delivery.next() < this.o.lateFraction) {
      const release = at + delivery.logUniform(10 * MINUTE, 2 * DAY);
      this.hold(event, notBefore > 0 ? Math.max(release, notBefore + delivery.logUniform(SECOND, HOUR)) : release);
    } else {
      this.out.push(event);
    }
    if (delivery.next() < this.o.duplicateFraction) {
      this.hold({ ...event }, at + delivery.logUniform(SECOND, 6 * HOUR));
      count = 2;
    }
    this.produced += count;
    return count;
  }

  private hold(event: AnalyticsEvent, release: number): void {
    this.lateEvents[this.late.push(release)] = event;
  }

  private release(): void {
    const slot = this.late.pop();
    const event = this.lateEvents[slot];
    this.lateEvents[slot] = undefined;
    if (event) this.out.push(event);
  }

  private nextId(): string {
    return this.eventIds.next();
  }

  private contentId(c: number): string {
    return this.inWindow(c) ? this.cId[c & this.windowMask] : idOf('c', c);
  }
}

/** `prefix` and `n` in base 36, at least two digits: short, unique, and what `IdSequence` yields. */
function idOf(prefix: string, n: number): string {
  return n < 36 ? `${prefix}0${n.toString(36)}` : prefix + n.toString(36);
}

const TWO_DIGITS: readonly string[] = Array.from({ length: 1296 }, (_, n) => (n < 36 ? `0${n.toString(36)}` : n.toString(36)));

/** Ids `idOf(prefix, 0)`, `idOf(prefix, 1)`, …, built with one string allocation each (ids are the hot path). */
class IdSequence {
  count = 0;
  private head = '';

  constructor(private readonly prefix: string) {}

  next(): string {
    const n = this.count++;
    const low = n % 1296;
    if (low === 0) this.head = n === 0 ? this.prefix : this.prefix + (n / 1296).toString(36);
    return this.head + TWO_DIGITS[low];
  }
}

function avatarUrl(memberId: string, version: number): string {
  return `https://avatars.example.com/${memberId}/${version}.png`;
}
