import type { ContributorStats, RangeStats, SpaceStats, StatsReader } from './range-stats.js';
import { type EventStore, QA, REPLY, STATUS, type StoreListener } from './store.js';
import { PairStamps, int32Column, uint8Column } from './columns.js';

/** Day numbers the dense per-day counters cover: 1970-01-01 .. 2200-01-02. */
const DAY_SLOTS = 84008;

const BIT_REPLY = 1;
const BIT_QUESTION = 2;
const BIT_RESOLVED = 4;

/** Per-day, per-member activity: the aggregate twin of "who did what that day". */
class MemberDay {
  readonly slotOf = new Map<number, number>();
  readonly member: number[] = [];
  readonly posts: number[] = [];
  readonly replies: number[] = [];
  readonly accepted: number[] = [];
  readonly votes: number[] = [];

  slot(m: number): number {
    let slot = this.slotOf.get(m);
    if (slot === undefined) {
      slot = this.member.length;
      this.slotOf.set(m, slot);
      this.member.push(m);
      this.posts.push(0);
      this.replies.push(0);
      this.accepted.push(0);
      this.votes.push(0);
    }
    return slot;
  }
}

/** Per-day, per-space counts with the authors behind them. */
class SpaceDay {
  readonly slotOf = new Map<number, number>();
  readonly space: number[] = [];
  readonly posts: number[] = [];
  readonly replies: number[] = [];
  /** Per slot: author → counted items that day. */
  readonly authors: Map<number, number>[] = [];

  slot(s: number): number {
    let slot = this.slotOf.get(s);
    if (slot === undefined) {
      slot = this.space.length;
      this.slotOf.set(s, slot);
      this.space.push(s);
      this.posts.push(0);
      this.replies.push(0);
      this.authors.push(new Map());
    }
    return slot;
  }
}

/**
 * The aggregate path: per-day counters kept up to date on every change the
 * store reports, the client-side twin of the plugin's aggregate table.
 *
 * For each entity it remembers exactly what it added (the day, the kind, the
 * author...), so an update subtracts its own record and adds the new
 * contribution: no day goes negative and the result never depends on the
 * order of events. With `since` it counts only what it saw happen at or after
 * that instant (see docs/semantics.md).
 */
export class Aggregator implements StoreListener, StatsReader {
  private readonly store: EventStore;
  readonly since: number;

  // dense per-day counters
  private readonly posts = new Int32Array(DAY_SLOTS);
  private readonly replies = new Int32Array(DAY_SLOTS);
  private readonly questionsAsked = new Int32Array(DAY_SLOTS);
  private readonly questionsResolved = new Int32Array(DAY_SLOTS);
  private readonly upvotes = new Int32Array(DAY_SLOTS);
  private readonly downvotes = new Int32Array(DAY_SLOTS);
  private readonly acceptedAnswers = new Int32Array(DAY_SLOTS);
  private readonly newMembers = new Int32Array(DAY_SLOTS);
  private readonly flagsRaised = new Int32Array(DAY_SLOTS);
  private readonly flagsOpen = new Int32Array(DAY_SLOTS);
  private readonly automod = new Int32Array(DAY_SLOTS);
  // sparse per-day detail
  private readonly memberDays = new Map<number, MemberDay>();
  private readonly spaceDays = new Map<number, SpaceDay>();
  private readonly responseDays = new Map<number, Map<number, number>>();

  // what was counted, per entity
  private readonly contentDay = int32Column(-1);
  private readonly contentBits = uint8Column();
  private readonly contentSpace = int32Column(-1);
  private readonly contentAuthor = int32Column(-1);
  private readonly acceptDay = int32Column(-1);
  private readonly acceptMember = int32Column(-1);
  private readonly voteDay = int32Column(-1);
  private readonly voteUp = uint8Column();
  private readonly voteVoter = int32Column(-1);
  private readonly flagDay = int32Column(-1);
  private readonly flagOpen = uint8Column();
  private readonly joinDay = int32Column(-1);

  // scratch for range queries
  private readonly pairs = new PairStamps();
  private memberPosts = new Int32Array(0);
  private memberReplies = new Int32Array(0);
  private memberAccepted = new Int32Array(0);
  private memberVotes = new Int32Array(0);

  constructor(store: EventStore, since: number | null) {
    this.store = store;
    this.since = since ?? Number.NEGATIVE_INFINITY;
  }

  // ---- StoreListener: keep the counters in step with the store ----

  contentChanged(c: number): void {
    const store = this.store;
    this.contentDay.ensure(c);
    this.contentBits.ensure(c);
    this.contentSpace.ensure(c);
    this.contentAuthor.ensure(c);
    let day = -1;
    let bits = 0;
    const space = store.contentSpace.data[c]!;
    const author = store.contentAuthor.data[c]!;
    if (store.status.data[c] === STATUS.published && store.statusAt.data[c]! >= this.since) {
      day = store.createdDay.data[c]!;
      if (store.contentKind.data[c] === REPLY) bits = BIT_REPLY;
      else if (store.spaceKind.data[space] === QA) {
        bits = BIT_QUESTION;
        if (this.acceptDay.data.length > c && this.acceptDay.data[c]! >= 0) bits |= BIT_RESOLVED;
      }
    }
    const oldDay = this.contentDay.data[c]!;
    const oldBits = this.contentBits.data[c]!;
    const oldSpace = this.contentSpace.data[c]!;
    const oldAuthor = this.contentAuthor.data[c]!;
    if (oldDay === day && oldBits === bits && (day < 0 || (oldSpace === space && oldAuthor === author))) return;
    if (oldDay >= 0) this.countContent(oldDay, oldBits, oldSpace, oldAuthor, -1);
    if (day >= 0) this.countContent(day, bits, space, author, 1);
    this.contentDay.data[c] = day;
    this.contentBits.data[c] = bits;
    this.contentSpace.data[c] = space;
    this.contentAuthor.data[c] = author;
  }

  contentRedefined(c: number): void {
    // Its author may be credited with accepted answers, and as a question its
    // space decides whether acceptances count: refresh those that point here.
    const acceptedAnswer = this.store.acceptedAnswer.data;
    const n = this.store.contents.size;
    for (let q = 0; q < n; q++) if (q === c || acceptedAnswer[q] === c) this.acceptanceChanged(q);
  }

  spaceRedefined(s: number): void {
    const contentSpace = this.store.contentSpace.data;
    const n = this.store.contents.size;
    for (let c = 0; c < n; c++) {
      if (contentSpace[c] !== s) continue;
      this.acceptanceChanged(c);
      this.contentChanged(c);
    }
  }

  acceptanceChanged(q: number): void {
    const store = this.store;
    this.acceptDay.ensure(q);
    this.acceptMember.ensure(q);
    const answer = store.acceptedAnswer.data[q]!;
    let day = -1;
    let member = -1;
    if (answer >= 0 && store.acceptedAt.data[q]! >= this.since && store.spaceKind.data[store.contentSpace.data[q]!] === QA) {
      day = store.acceptedDay.data[q]!;
      member = store.contentAuthor.data[answer]!;
    }
    const oldDay = this.acceptDay.data[q]!;
    const oldMember = this.acceptMember.data[q]!;
    if (oldDay !== day || oldMember !== member) {
      if (oldDay >= 0) this.countAccepted(oldDay, oldMember, -1);
      if (day >= 0) this.countAccepted(day, member, 1);
      this.acceptDay.data[q] = day;
      this.acceptMember.data[q] = member;
    }
    // Whether the question is resolved is part of its own contribution.
    this.contentChanged(q);
  }

  voteChanged(v: number): void {
    const store = this.store;
    this.voteDay.ensure(v);
    this.voteUp.ensure(v);
    this.voteVoter.ensure(v);
    let day = -1;
    if (store.voteCast.data[v] === 1 && store.voteRetracted.data[v] === 0 && store.castAt.data[v]! >= this.since) {
      day = store.castDay.data[v]!;
    }
    const up = store.voteUp.data[v]!;
    const voter = store.voteVoter.data[v]!;
    const oldDay = this.voteDay.data[v]!;
    if (oldDay === day && (day < 0 || (this.voteUp.data[v] === up && this.voteVoter.data[v] === voter))) return;
    if (oldDay >= 0) this.countVote(oldDay, this.voteUp.data[v]!, this.voteVoter.data[v]!, -1);
    if (day >= 0) this.countVote(day, up, voter, 1);
    this.voteDay.data[v] = day;
    this.voteUp.data[v] = up;
    this.voteVoter.data[v] = voter;
  }

  flagChanged(f: number): void {
    const store = this.store;
    this.flagDay.ensure(f);
    this.flagOpen.ensure(f);
    let day = -1;
    let open = 0;
    let minutes = Number.NaN;
    if (store.flagExists.data[f] === 1 && store.raisedAt.data[f]! >= this.since) {
      day = store.raisedDay.data[f]!;
      const resolved = store.resolvedAt.data[f]!;
      if (!Number.isNaN(resolved) && resolved >= this.since) minutes = (resolved - store.raisedAt.data[f]!) / 60000;
      else open = 1;
    }
    const oldDay = this.flagDay.data[f]!;
    if (oldDay >= 0) {
      this.flagsRaised[oldDay]!--;
      this.flagsOpen[oldDay]! -= this.flagOpen.data[f]!;
      this.responseDays.get(oldDay)?.delete(f);
    }
    if (day >= 0) {
      this.flagsRaised[day]!++;
      this.flagsOpen[day]! += open;
      if (!open) {
        let responses = this.responseDays.get(day);
        if (!responses) this.responseDays.set(day, (responses = new Map()));
        responses.set(f, minutes);
      }
    }
    this.flagDay.data[f] = day;
    this.flagOpen.data[f] = open;
  }

  memberChanged(m: number): void {
    const store = this.store;
    this.joinDay.ensure(m);
    const day = store.memberExists.data[m] === 1 && store.joinedAt.data[m]! >= this.since ? store.joinedDay.data[m]! : -1;
    const oldDay = this.joinDay.data[m]!;
    if (oldDay === day) return;
    if (oldDay >= 0) this.newMembers[oldDay]!--;
    if (day >= 0) this.newMembers[day]!++;
    this.joinDay.data[m] = day;
  }

  automodAdded(a: number): void {
    if (this.store.automodAt.data[a]! >= this.since) this.automod[this.store.automodDay.data[a]!]!++;
  }

  private countContent(day: number, bits: number, space: number, author: number, delta: 1 | -1): void {
    const isReply = (bits & BIT_REPLY) !== 0;
    if (isReply) this.replies[day]! += delta;
    else this.posts[day]! += delta;
    if (bits & BIT_QUESTION) {
      this.questionsAsked[day]! += delta;
      if (bits & BIT_RESOLVED) this.questionsResolved[day]! += delta;
    }
    const members = this.memberDay(day);
    const ms = members.slot(author);
    if (isReply) members.replies[ms]! += delta;
    else members.posts[ms]! += delta;
    const spaces = this.spaceDay(day);
    const ss = spaces.slot(space);
    if (isReply) spaces.replies[ss]! += delta;
    else spaces.posts[ss]! += delta;
    const authors = spaces.authors[ss]!;
    const count = (authors.get(author) ?? 0) + delta;
    if (count === 0) authors.delete(author);
    else authors.set(author, count);
  }

  private countAccepted(day: number, member: number, delta: 1 | -1): void {
    this.acceptedAnswers[day]! += delta;
    const members = this.memberDay(day);
    members.accepted[members.slot(member)]! += delta;
  }

  private countVote(day: number, up: number, voter: number, delta: 1 | -1): void {
    if (up === 1) this.upvotes[day]! += delta;
    else this.downvotes[day]! += delta;
    const members = this.memberDay(day);
    members.votes[members.slot(voter)]! += delta;
  }

  private memberDay(day: number): MemberDay {
    let members = this.memberDays.get(day);
    if (!members) this.memberDays.set(day, (members = new MemberDay()));
    return members;
  }

  private spaceDay(day: number): SpaceDay {
    let spaces = this.spaceDays.get(day);
    if (!spaces) this.spaceDays.set(day, (spaces = new SpaceDay()));
    return spaces;
  }

  // ---- StatsReader: answer from the counters ----

  contentTotal(startDay: number, endDay: number): number {
    const [from, to] = clampDays(startDay, endDay);
    let total = 0;
    for (let d = from; d <= to; d++) total += this.posts[d]! + this.replies[d]!;
    return total;
  }

  rangeStats(startDay: number, endDay: number): RangeStats {
    const days = endDay - startDay + 1;
    const posts = new Int32Array(days);
    const replies = new Int32Array(days);
    const [from, to] = clampDays(startDay, endDay);
    let upvotes = 0;
    let downvotes = 0;
    let acceptedAnswers = 0;
    let questionsAsked = 0;
    let questionsResolved = 0;
    let newMembers = 0;
    let flagsRaised = 0;
    let flagsOpen = 0;
    let autoModTriggers = 0;
    for (let d = from; d <= to; d++) {
      posts[d - startDay] = this.posts[d]!;
      replies[d - startDay] = this.replies[d]!;
      upvotes += this.upvotes[d]!;
      downvotes += this.downvotes[d]!;
      acceptedAnswers += this.acceptedAnswers[d]!;
      questionsAsked += this.questionsAsked[d]!;
      questionsResolved += this.questionsResolved[d]!;
      newMembers += this.newMembers[d]!;
      flagsRaised += this.flagsRaised[d]!;
      flagsOpen += this.flagsOpen[d]!;
      autoModTriggers += this.automod[d]!;
    }

    // Members: sum each member's per-day activity over the range.
    this.prepare(this.store.members.size);
    const { memberPosts, memberReplies, memberAccepted, memberVotes } = this;
    const touched: number[] = [];
    for (let d = from; d <= to; d++) {
      const day = this.memberDays.get(d);
      if (!day) continue;
      const n = day.member.length;
      for (let i = 0; i < n; i++) {
        const m = day.member[i]!;
        if (memberPosts[m] === 0 && memberReplies[m] === 0 && memberAccepted[m] === 0 && memberVotes[m] === 0) touched.push(m);
        memberPosts[m]! += day.posts[i]!;
        memberReplies[m]! += day.replies[i]!;
        memberAccepted[m]! += day.accepted[i]!;
        memberVotes[m]! += day.votes[i]!;
      }
    }
    let activeMembers = 0;
    const contributors: ContributorStats[] = [];
    for (const m of touched) {
      const p = memberPosts[m]!;
      const r = memberReplies[m]!;
      const a = memberAccepted[m]!;
      if (p + r + memberVotes[m]! > 0) activeMembers++;
      if (p + r + a > 0) contributors.push({ member: m, posts: p, replies: r, accepted: a, total: p + r + a });
      memberPosts[m] = 0;
      memberReplies[m] = 0;
      memberAccepted[m] = 0;
      memberVotes[m] = 0;
    }

    // Spaces: sum counts and count each (space, author) pair once over the range.
    const spaceCount = this.store.spaces.size;
    const spacePosts = new Int32Array(spaceCount);
    const spaceReplies = new Int32Array(spaceCount);
    const spaceContributors = new Int32Array(spaceCount);
    const touchedSpaces: number[] = [];
    const pairs = this.pairs;
    pairs.begin(spaceCount, this.store.members.size);
    for (let d = from; d <= to; d++) {
      const day = this.spaceDays.get(d);
      if (!day) continue;
      const n = day.space.length;
      for (let i = 0; i < n; i++) {
        const p = day.posts[i]!;
        const r = day.replies[i]!;
        if (p === 0 && r === 0) continue;
        const s = day.space[i]!;
        if (spacePosts[s] === 0 && spaceReplies[s] === 0) touchedSpaces.push(s);
        spacePosts[s]! += p;
        spaceReplies[s]! += r;
        for (const author of day.authors[i]!.keys()) if (pairs.first(s, author)) spaceContributors[s]!++;
      }
    }
    const spaces: SpaceStats[] = [];
    for (const space of touchedSpaces) {
      spaces.push({ space, posts: spacePosts[space]!, replies: spaceReplies[space]!, contributors: spaceContributors[space]! });
    }

    const responseMinutes: number[] = [];
    for (let d = from; d <= to; d++) {
      const responses = this.responseDays.get(d);
      if (responses) for (const minutes of responses.values()) responseMinutes.push(minutes);
    }

    return {
      startDay,
      endDay,
      posts,
      replies,
      activeMembers,
      spaces,
      contributors,
      upvotes,
      downvotes,
      acceptedAnswers,
      questionsAsked,
      questionsResolved,
      newMembers,
      flagsRaised,
      flagsOpen,
      autoModTriggers,
      responseMinutes,
    };
  }

  private prepare(memberCount: number): void {
    if (this.memberPosts.length >= memberCount) return;
    const size = Math.max(memberCount, this.memberPosts.length * 2, 1024);
    this.memberPosts = new Int32Array(size);
    this.memberReplies = new Int32Array(size);
    this.memberAccepted = new Int32Array(size);
    this.memberVotes = new Int32Array(size);
  }
}

/** Clamp a day range to the counters' span; an empty span gives from > to. */
function clampDays(startDay: number, endDay: number): [number, number] {
  return [Math.max(0, startDay), Math.min(DAY_SLOTS - 1, endDay)];
}
