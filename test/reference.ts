/**
 * A reference reading of DESIGN sections 3–4 and docs/semantics.md, written
 * as plainly as possible so that it is obviously right: no indexes, no
 * incremental state, no shared code with the engine. Slow is fine; it only
 * exists to be compared with the engine's two paths.
 *
 * Independence from the engine is the point:
 * - days are found with `Intl.DateTimeFormat` per timestamp (the engine has its
 *   own bucketer) and fixed `±HH:MM` offsets with plain arithmetic;
 * - ranges and previous periods use `Date.UTC` arithmetic;
 * - well-formedness is a small local check, not the engine's validator.
 */

import type { AnalyticsReport, ContributorRow, DailyRow, DateRange, Path, SpaceRow, TableId } from '../src/model/report.js';

export interface ReferenceOptions {
  timeZone: string;
  /** Default true; false means the source has no automod data. */
  autoModeration?: boolean;
  /** "Recording since" of the aggregator, epoch ms; null = it saw everything. */
  aggregatorSince?: number | null;
}

export interface ReferenceQuery {
  range: DateRange;
  path: Path;
  topN?: number;
}

export interface ReferenceIngestCounts {
  /** Repeats of an id already accepted. */
  duplicates: number;
  /** Accepted events that are still not effective after everything was ingested. */
  held: number;
  /** Malformed events. */
  rejected: number;
  /** Accepted events that are effective in the end. */
  effective: number;
}

export interface ReferenceRows {
  daily: DailyRow[];
  'top-spaces': SpaceRow[];
  'top-contributors': ContributorRow[];
}

const DEFAULT_TOP_N = 10;
const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------
// Events as the reference sees them: loose records, checked by hand.

type Fields = Record<string, unknown>;

interface AcceptedEvent {
  id: string;
  type: string;
  at: number;
  body: Fields;
}

const EVENT_FIELDS: Record<string, { required: string[] }> = {
  'member.joined': { required: ['memberId'] },
  'member.updated': { required: ['memberId'] },
  'space.created': { required: ['spaceId'] },
  'content.created': { required: ['contentId', 'spaceId', 'authorId'] },
  'content.status_changed': { required: ['contentId'] },
  'vote.cast': { required: ['voteId', 'contentId', 'voterId'] },
  'vote.retracted': { required: ['voteId'] },
  'answer.accepted': { required: ['questionId', 'answerId'] },
  'answer.unaccepted': { required: ['questionId'] },
  'flag.raised': { required: ['flagId', 'contentId', 'reporterId'] },
  'flag.resolved': { required: ['flagId'] },
  'automod.triggered': { required: ['ruleId', 'contentId'] },
};

const isText = (v: unknown): v is string => typeof v === 'string' && v !== '';
const isTrustLevel = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 4;

/** Null when the event is well formed, else why not. */
export function malformedReason(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'not an object';
  const e = raw as Fields;
  if (!isText(e.id)) return 'id';
  if (typeof e.type !== 'string' || !(e.type in EVENT_FIELDS)) return 'type';
  if (typeof e.at !== 'number' || !Number.isInteger(e.at)) return 'at';
  for (const field of EVENT_FIELDS[e.type].required) {
    if (!isText(e[field])) return field;
  }
  switch (e.type) {
    case 'member.joined':
      if (typeof e.displayName !== 'string') return 'displayName';
      if (!isTrustLevel(e.trustLevel)) return 'trustLevel';
      if (e.avatarUrl !== undefined && typeof e.avatarUrl !== 'string') return 'avatarUrl';
      break;
    case 'member.updated':
      if (e.trustLevel !== undefined && !isTrustLevel(e.trustLevel)) return 'trustLevel';
      if (e.displayName !== undefined && typeof e.displayName !== 'string') return 'displayName';
      if (e.avatarUrl !== undefined && typeof e.avatarUrl !== 'string') return 'avatarUrl';
      // An update that carries no field changes nothing; the validator refuses it.
      if (e.displayName === undefined && e.avatarUrl === undefined && e.trustLevel === undefined) return 'no field';
      break;
    case 'space.created':
      if (typeof e.name !== 'string') return 'name';
      if (e.kind !== 'discussion' && e.kind !== 'qa') return 'kind';
      break;
    case 'content.created':
      if (e.kind !== 'post' && e.kind !== 'reply') return 'kind';
      if (e.status !== 'published' && e.status !== 'pending') return 'status';
      if (e.kind === 'reply' && (!isText(e.parentId) || e.parentId === e.contentId)) return 'parentId';
      if (e.kind === 'post' && e.parentId !== undefined) return 'parentId';
      break;
    case 'content.status_changed':
      if (!['published', 'pending', 'trash', 'spam'].includes(e.status as string)) return 'status';
      break;
    case 'vote.cast':
      if (e.value !== 1 && e.value !== -1) return 'value';
      break;
  }
  return null;
}

/** `(at, id)` order: at first, then id by code units. */
function compareAtId(a: AcceptedEvent, b: AcceptedEvent): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function newest(events: AcceptedEvent[]): AcceptedEvent | undefined {
  let best: AcceptedEvent | undefined;
  for (const e of events) if (!best || compareAtId(e, best) > 0) best = e;
  return best;
}

function oldest(events: AcceptedEvent[]): AcceptedEvent | undefined {
  let best: AcceptedEvent | undefined;
  for (const e of events) if (!best || compareAtId(e, best) < 0) best = e;
  return best;
}

const text = (e: AcceptedEvent, field: string): string => e.body[field] as string;

// ---------------------------------------------------------------------------
// Final state: plain arrays of the core tables.

interface Member {
  id: string;
  displayName: string;
  avatarUrl?: string;
  trustLevel: number;
  joinedAt: number;
}

interface Space {
  id: string;
  name: string;
  kind: string;
}

interface Content {
  id: string;
  kind: string;
  spaceId: string;
  authorId: string;
  parentId?: string;
  createdAt: number;
  status: string;
  /** `at` of the event that decided the current status (the aggregate path needs it). */
  statusAt: number;
}

interface Vote {
  id: string;
  contentId: string;
  voterId: string;
  value: number;
  castAt: number;
}

interface Acceptance {
  questionId: string;
  answerId: string;
  acceptedAt: number;
}

interface Flag {
  id: string;
  contentId: string;
  reporterId: string;
  raisedAt: number;
  resolvedAt?: number;
  resolution?: string;
}

interface Trigger {
  id: string;
  ruleId: string;
  contentId: string;
  at: number;
}

/** The final state after ingesting a set of events, read by the plain rules. */
export class ReferenceModel {
  readonly timeZone: string;
  readonly autoModeration: boolean;
  readonly aggregatorSince: number | null;
  readonly counts: ReferenceIngestCounts;

  readonly members: Member[] = [];
  readonly spaces: Space[] = [];
  readonly content: Content[] = [];
  readonly votes: Vote[] = [];
  readonly accepted: Acceptance[] = [];
  readonly flags: Flag[] = [];
  readonly automod: Trigger[] = [];

  private readonly dayOf: (at: number) => string;
  private readonly rowsCache = new Map<string, ReferenceRows>();

  constructor(events: readonly unknown[], opts: ReferenceOptions) {
    this.timeZone = opts.timeZone;
    this.autoModeration = opts.autoModeration ?? true;
    this.aggregatorSince = opts.aggregatorSince ?? null;
    this.dayOf = localDayFunction(opts.timeZone);

    // 1. Well-formed events, deduplicated by id: the first accepted wins.
    const accepted: AcceptedEvent[] = [];
    const seenIds = new Set<string>();
    let duplicates = 0;
    let rejected = 0;
    for (const raw of events) {
      if (malformedReason(raw) !== null) {
        rejected++;
        continue;
      }
      const body = raw as Fields;
      const id = body.id as string;
      if (seenIds.has(id)) {
        duplicates++;
        continue;
      }
      seenIds.add(id);
      accepted.push({ id, type: body.type as string, at: body.at as number, body });
    }

    // 2. Effective events: a fixpoint over entity existence.
    const effective = effectiveEvents(accepted);
    this.counts = { duplicates, held: accepted.length - effective.length, rejected, effective: effective.length };

    // 3. Final state of every table.
    const ofType = (type: string): AcceptedEvent[] => effective.filter((e) => e.type === type);
    const groupBy = (list: AcceptedEvent[], field: string): Map<string, AcceptedEvent[]> => {
      const groups = new Map<string, AcceptedEvent[]>();
      for (const e of list) {
        const key = text(e, field);
        groups.set(key, [...(groups.get(key) ?? []), e]);
      }
      return groups;
    };

    const memberEvents = groupBy([...ofType('member.joined'), ...ofType('member.updated')], 'memberId');
    for (const [memberId, joins] of groupBy(ofType('member.joined'), 'memberId')) {
      const all = memberEvents.get(memberId)!;
      const newestWith = (field: string): AcceptedEvent | undefined => newest(all.filter((e) => e.body[field] !== undefined));
      const member: Member = {
        id: memberId,
        displayName: text(newestWith('displayName')!, 'displayName'),
        trustLevel: newestWith('trustLevel')!.body.trustLevel as number,
        joinedAt: oldest(joins)!.at,
      };
      // The newest event carrying an avatar decides; '' means none.
      const avatar = newestWith('avatarUrl');
      if (avatar && avatar.body.avatarUrl !== '') member.avatarUrl = avatar.body.avatarUrl as string;
      this.members.push(member);
    }

    for (const [spaceId, creations] of groupBy(ofType('space.created'), 'spaceId')) {
      const first = oldest(creations)!;
      this.spaces.push({ id: spaceId, name: text(first, 'name'), kind: text(first, 'kind') });
    }

    const statusEvents = groupBy([...ofType('content.created'), ...ofType('content.status_changed')], 'contentId');
    for (const [contentId, creations] of groupBy(ofType('content.created'), 'contentId')) {
      const first = oldest(creations)!;
      const decider = newest(statusEvents.get(contentId)!)!;
      const item: Content = {
        id: contentId,
        kind: text(first, 'kind'),
        spaceId: text(first, 'spaceId'),
        authorId: text(first, 'authorId'),
        createdAt: first.at,
        status: text(decider, 'status'),
        statusAt: decider.at,
      };
      if (first.body.parentId !== undefined) item.parentId = text(first, 'parentId');
      this.content.push(item);
    }

    const retractedVoteIds = new Set(ofType('vote.retracted').map((e) => text(e, 'voteId')));
    for (const [voteId, casts] of groupBy(ofType('vote.cast'), 'voteId')) {
      if (retractedVoteIds.has(voteId)) continue;
      const first = oldest(casts)!;
      this.votes.push({
        id: voteId,
        contentId: text(first, 'contentId'),
        voterId: text(first, 'voterId'),
        value: first.body.value as number,
        castAt: first.at,
      });
    }

    const acceptanceEvents = [...ofType('answer.accepted'), ...ofType('answer.unaccepted')];
    for (const [questionId, decisions] of groupBy(acceptanceEvents, 'questionId')) {
      const decider = newest(decisions)!;
      if (decider.type === 'answer.accepted') {
        this.accepted.push({ questionId, answerId: text(decider, 'answerId'), acceptedAt: decider.at });
      }
    }

    const resolutions = groupBy(ofType('flag.resolved'), 'flagId');
    for (const [flagId, raises] of groupBy(ofType('flag.raised'), 'flagId')) {
      const first = oldest(raises)!;
      const flag: Flag = { id: flagId, contentId: text(first, 'contentId'), reporterId: text(first, 'reporterId'), raisedAt: first.at };
      const resolution = newest(resolutions.get(flagId) ?? []);
      if (resolution) {
        flag.resolvedAt = resolution.at;
        if (resolution.body.resolution !== undefined) flag.resolution = resolution.body.resolution as string;
      }
      this.flags.push(flag);
    }

    for (const e of ofType('automod.triggered')) {
      this.automod.push({ id: e.id, ruleId: text(e, 'ruleId'), contentId: text(e, 'contentId'), at: e.at });
    }
  }

  /** The report of one range and path, metric by metric as DESIGN section 4 words it. */
  report(query: ReferenceQuery): AnalyticsReport {
    const topN = query.topN ?? DEFAULT_TOP_N;
    const range = query.range;
    const previous = previousRange(range);
    const rows = this.rows(range, query.path);
    const stats = this.rangeStats(range, query.path);
    const previousStats = this.rangeStats(previous, query.path);

    const a = stats.posts.length + stats.replies.length;
    const b = previousStats.posts.length + previousStats.replies.length;
    const responseMinutes = stats.resolvedFlags.map((f) => (f.resolvedAt! - f.raisedAt) / 60000);

    return {
      range: { start: range.start, end: range.end },
      previousRange: previous,
      timeZone: this.timeZone,
      path: query.path,
      recordingSince: this.aggregatorSince,
      overview: {
        totalPosts: stats.posts.length,
        totalReplies: stats.replies.length,
        activeMembers: stats.activeMembers.size,
        growthRate: b === 0 ? null : ((a - b) / b) * 100,
      },
      daily: rows.daily,
      topSpaces: { total: rows['top-spaces'].length, rows: rows['top-spaces'].slice(0, topN) },
      topContributors: { total: rows['top-contributors'].length, rows: rows['top-contributors'].slice(0, topN) },
      engagement: {
        avgRepliesPerPost: stats.posts.length === 0 ? null : stats.replies.length / stats.posts.length,
        upvotes: stats.votes.filter((v) => v.value === 1).length,
        downvotes: stats.votes.filter((v) => v.value === -1).length,
        acceptedAnswers: stats.acceptances.length,
        questionsAsked: stats.questions.length,
        questionsResolved: stats.resolvedQuestions.length,
        acceptedAnswerRate: stats.questions.length === 0 ? null : stats.resolvedQuestions.length / stats.questions.length,
        newMembers: stats.newMembers.length,
      },
      moderation: {
        flagsRaised: stats.flags.length,
        flagsOpen: stats.openFlags.length,
        autoModTriggers: this.autoModeration ? stats.triggers.length : null,
        medianResponseMinutes: median(responseMinutes),
        p90ResponseMinutes: nearestRank(responseMinutes, 0.9),
      },
    };
  }

  /** Every row of the three tables for a range, ranked, before any offset/limit. Do not modify the result (it is kept). */
  rows(range: DateRange, path: Path): ReferenceRows {
    const key = `${path} ${range.start} ${range.end}`;
    let rows = this.rowsCache.get(key);
    if (!rows) {
      rows = this.computeRows(range, path);
      this.rowsCache.set(key, rows);
    }
    return rows;
  }

  private computeRows(range: DateRange, path: Path): ReferenceRows {
    const stats = this.rangeStats(range, path);
    const counted = [...stats.posts, ...stats.replies];

    const daily = datesOf(range).map((date) => ({
      date,
      posts: stats.posts.filter((c) => this.dayOf(c.createdAt) === date).length,
      replies: stats.replies.filter((c) => this.dayOf(c.createdAt) === date).length,
    }));

    const spaceRows: SpaceRow[] = [];
    for (const space of this.spaces) {
      const inSpace = counted.filter((c) => c.spaceId === space.id);
      if (inSpace.length === 0) continue;
      const posts = inSpace.filter((c) => c.kind === 'post').length;
      const replies = inSpace.filter((c) => c.kind === 'reply').length;
      spaceRows.push({
        rank: 0,
        spaceId: space.id,
        name: space.name,
        posts,
        replies,
        contributors: new Set(inSpace.map((c) => c.authorId)).size,
        engagementRate: posts === 0 ? null : replies / posts,
      });
    }
    spaceRows.sort(
      (x, y) => y.posts + y.replies - (x.posts + x.replies) || compareText(x.name, y.name) || compareText(x.spaceId, y.spaceId),
    );
    spaceRows.forEach((row, i) => (row.rank = i + 1));

    const contributorRows: ContributorRow[] = [];
    for (const member of this.members) {
      const posts = stats.posts.filter((c) => c.authorId === member.id).length;
      const replies = stats.replies.filter((c) => c.authorId === member.id).length;
      const acceptedAnswers = stats.acceptances.filter((a) => this.contentById(a.answerId)?.authorId === member.id).length;
      const total = posts + replies + acceptedAnswers;
      if (total === 0) continue;
      const row: ContributorRow = {
        rank: 0,
        memberId: member.id,
        displayName: member.displayName,
        trustLevel: member.trustLevel,
        posts,
        replies,
        acceptedAnswers,
        total,
      };
      if (member.avatarUrl !== undefined) row.avatarUrl = member.avatarUrl;
      contributorRows.push(row);
    }
    contributorRows.sort(
      (x, y) => y.total - x.total || compareText(x.displayName, y.displayName) || compareText(x.memberId, y.memberId),
    );
    contributorRows.forEach((row, i) => (row.rank = i + 1));

    return { daily, 'top-spaces': spaceRows, 'top-contributors': contributorRows };
  }

  /** The local date a timestamp falls on in this model's zone. */
  localDay(at: number): string {
    return this.dayOf(at);
  }

  private contentById(id: string): Content | undefined {
    return this.content.find((c) => c.id === id);
  }

  private spaceKindOf(content: Content): string | undefined {
    return this.spaces.find((s) => s.id === content.spaceId)?.kind;
  }

  /**
   * The items of each metric that fall in a range. On the aggregate path with
   * a "recording since" T, an item only counts when the aggregator saw it
   * happen at or after T (semantics.md, "The aggregate path").
   */
  private rangeStats(range: DateRange, path: Path) {
    const since = path === 'aggregate' ? this.aggregatorSince : null;
    const seen = (at: number): boolean => since === null || at >= since;
    const inRange = (at: number): boolean => {
      const day = this.dayOf(at);
      return day >= range.start && day <= range.end;
    };

    const isCounted = (c: Content): boolean => c.status === 'published' && seen(c.statusAt);
    const acceptanceCounts = (a: Acceptance): boolean => seen(a.acceptedAt);
    const isQa = (c: Content | undefined): boolean => c !== undefined && this.spaceKindOf(c) === 'qa';

    const countedInRange = this.content.filter((c) => isCounted(c) && inRange(c.createdAt));
    const posts = countedInRange.filter((c) => c.kind === 'post');
    const replies = countedInRange.filter((c) => c.kind === 'reply');
    const votes = this.votes.filter((v) => seen(v.castAt) && inRange(v.castAt));

    const activeMembers = new Set<string>([...countedInRange.map((c) => c.authorId), ...votes.map((v) => v.voterId)]);

    // Accepted answers: questions in a Q&A space, whatever the statuses.
    const acceptances = this.accepted.filter(
      (a) => acceptanceCounts(a) && inRange(a.acceptedAt) && isQa(this.contentById(a.questionId)),
    );
    const questions = posts.filter((c) => isQa(c));
    const resolvedQuestions = questions.filter((q) => this.accepted.some((a) => a.questionId === q.id && acceptanceCounts(a)));

    const newMembers = this.members.filter((m) => seen(m.joinedAt) && inRange(m.joinedAt));

    const flags = this.flags.filter((f) => seen(f.raisedAt) && inRange(f.raisedAt));
    const isResolved = (f: Flag): boolean => f.resolvedAt !== undefined && seen(f.resolvedAt);
    const openFlags = flags.filter((f) => !isResolved(f));
    const resolvedFlags = flags.filter(isResolved);

    const triggers = this.automod.filter((t) => seen(t.at) && inRange(t.at));

    return { posts, replies, votes, activeMembers, acceptances, questions, resolvedQuestions, newMembers, flags, openFlags, resolvedFlags, triggers };
  }
}

/** Marks events effective until nothing changes: an event is effective once every entity it refers to exists. */
function effectiveEvents(accepted: AcceptedEvent[]): AcceptedEvent[] {
  const members = new Set<string>();
  const spaces = new Set<string>();
  const content = new Set<string>();
  const flags = new Set<string>();
  const isEffective = new Set<AcceptedEvent>();

  const refsExist = (e: AcceptedEvent): boolean => {
    const b = e.body;
    switch (e.type) {
      case 'member.joined':
      case 'space.created':
      case 'vote.retracted':
        return true;
      case 'member.updated':
        return members.has(b.memberId as string);
      case 'content.created':
        return (
          spaces.has(b.spaceId as string) &&
          members.has(b.authorId as string) &&
          (b.kind !== 'reply' || content.has(b.parentId as string))
        );
      case 'content.status_changed':
      case 'automod.triggered':
        return content.has(b.contentId as string);
      case 'vote.cast':
        return content.has(b.contentId as string) && members.has(b.voterId as string);
      case 'answer.accepted':
        return content.has(b.questionId as string) && content.has(b.answerId as string);
      case 'answer.unaccepted':
        return content.has(b.questionId as string);
      case 'flag.raised':
        return content.has(b.contentId as string) && members.has(b.reporterId as string);
      case 'flag.resolved':
        return flags.has(b.flagId as string);
      default:
        return false;
    }
  };

  let changed = true;
  while (changed) {
    changed = false;
    for (const e of accepted) {
      if (isEffective.has(e) || !refsExist(e)) continue;
      isEffective.add(e);
      changed = true;
      if (e.type === 'member.joined') members.add(text(e, 'memberId'));
      if (e.type === 'space.created') spaces.add(text(e, 'spaceId'));
      if (e.type === 'content.created') content.add(text(e, 'contentId'));
      if (e.type === 'flag.raised') flags.add(text(e, 'flagId'));
    }
  }
  return accepted.filter((e) => isEffective.has(e));
}

// ---------------------------------------------------------------------------
// Small plain helpers.

/** Code-unit order, as JavaScript's `<` compares strings. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Median; an even count gives the mean of the two middle values. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Nearest-rank percentile: the ⌈p·n⌉-th smallest value. */
export function nearestRank(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(p * sorted.length) - 1];
}

function utcDays(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

function dateOfUtcDays(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

/** The same number of days, ending the day before `start`. */
export function previousRange(range: DateRange): DateRange {
  const start = utcDays(range.start);
  const length = utcDays(range.end) - start + 1;
  return { start: dateOfUtcDays(start - length), end: dateOfUtcDays(start - 1) };
}

/** Every date of a range, in order. */
export function datesOf(range: DateRange): string[] {
  const dates: string[] = [];
  for (let d = utcDays(range.start); d <= utcDays(range.end); d++) dates.push(dateOfUtcDays(d));
  return dates;
}

const FIXED_OFFSET = /^([+-])(\d{2}):(\d{2})$/;

/** A function from epoch ms to the local date `YYYY-MM-DD` in a zone, one `Intl` call per timestamp. */
export function localDayFunction(timeZone: string): (at: number) => string {
  const fixed = FIXED_OFFSET.exec(timeZone);
  if (fixed) {
    const sign = fixed[1] === '-' ? -1 : 1;
    const offsetMs = sign * (Number(fixed[2]) * 60 + Number(fixed[3])) * 60_000;
    return (at) => new Date(at + offsetMs).toISOString().slice(0, 10);
  }
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    calendar: 'gregory',
    numberingSystem: 'latn',
  });
  const cache = new Map<number, string>();
  return (at) => {
    let day = cache.get(at);
    if (day === undefined) {
      const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
      day = `${parts.year.padStart(4, '0')}-${parts.month}-${parts.day}`;
      cache.set(at, day);
    }
    return day;
  };
}

// ---------------------------------------------------------------------------
// The entry points the brief asks for.

export function referenceReport(events: readonly unknown[], opts: ReferenceOptions, query: ReferenceQuery): AnalyticsReport {
  return new ReferenceModel(events, opts).report(query);
}

export function referenceRows<T extends TableId>(
  events: readonly unknown[],
  opts: ReferenceOptions,
  query: { range: DateRange; path: Path; table: T },
): ReferenceRows[T] {
  return new ReferenceModel(events, opts).rows(query.range, query.path)[query.table];
}

export function referenceIngestCounts(events: readonly unknown[]): ReferenceIngestCounts {
  return new ReferenceModel(events, { timeZone: 'UTC' }).counts;
}

export interface ReferenceBatchCounts {
  applied: number;
  duplicates: number;
  held: number;
  released: number;
  rejected: number;
}

/**
 * What each `ingest()` call should report, read from IngestResult's docs:
 * of a batch's new events, those effective once the batch is in are applied
 * and the others held; events of earlier batches that became effective with
 * this batch are released.
 */
export function referenceBatchCounts(batches: readonly (readonly unknown[])[]): ReferenceBatchCounts[] {
  const accepted: AcceptedEvent[] = [];
  const seenIds = new Set<string>();
  let effectiveBefore = new Set<AcceptedEvent>();
  return batches.map((batch) => {
    const counts: ReferenceBatchCounts = { applied: 0, duplicates: 0, held: 0, released: 0, rejected: 0 };
    const fromThisBatch: AcceptedEvent[] = [];
    for (const raw of batch) {
      if (malformedReason(raw) !== null) {
        counts.rejected++;
        continue;
      }
      const body = raw as Fields;
      const id = body.id as string;
      if (seenIds.has(id)) {
        counts.duplicates++;
        continue;
      }
      seenIds.add(id);
      const event = { id, type: body.type as string, at: body.at as number, body };
      accepted.push(event);
      fromThisBatch.push(event);
    }
    const effectiveNow = new Set(effectiveEvents(accepted));
    for (const e of fromThisBatch) {
      if (effectiveNow.has(e)) counts.applied++;
      else counts.held++;
    }
    for (const e of effectiveNow) if (!effectiveBefore.has(e) && !fromThisBatch.includes(e)) counts.released++;
    effectiveBefore = effectiveNow;
    return counts;
  });
}
