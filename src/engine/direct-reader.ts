import { PairBits } from './columns.js';
import { contributorColumns, spaceList, type RangeStats, type SpaceStats, type StatsReader } from './range-stats.js';
import { type EventStore, QA, REPLY, STATUS } from './store.js';

/**
 * The direct path: answers every question by scanning the store's current
 * state, the way a SQL query over the core tables would. One pass per table,
 * typed-array columns, no per-row objects.
 */
export class DirectReader implements StatsReader {
  private readonly store: EventStore;
  // Scratch arrays reused across reports, grown on demand.
  private memberStamp = new Int32Array(0);
  private stamp = 0;
  /** Per member, 1 once seen by `activeMemberCount`. */
  private seen = new Uint8Array(0);
  private memberPosts = new Int32Array(0);
  private memberReplies = new Int32Array(0);
  private memberAccepted = new Int32Array(0);
  private spacePosts = new Int32Array(0);
  private spaceReplies = new Int32Array(0);
  private readonly pairs = new PairBits();

  constructor(store: EventStore) {
    this.store = store;
  }

  contentTotal(startDay: number, endDay: number): number {
    const store = this.store;
    const status = store.status.data;
    let total = 0;
    store.contentByDay.forEachDay(startDay, endDay, () => store.contentDays(), (rows, size) => {
      for (let i = 0; i < size; i++) if (status[rows[i]!] === STATUS.published) total++;
    });
    return total;
  }

  rangeStats(startDay: number, endDay: number): RangeStats {
    const store = this.store;
    const days = endDay - startDay + 1;
    const posts = new Int32Array(days);
    const replies = new Int32Array(days);
    const memberCount = store.members.size;
    const spaceCount = store.spaces.size;
    this.prepare(memberCount, spaceCount);
    // A member's stamp: `touchStamp` once counted as a contributor, `activeStamp` once also active.
    const activeStamp = this.nextStamp();
    const touchStamp = activeStamp - 1;
    const { memberStamp, memberPosts, memberReplies, memberAccepted, spacePosts, spaceReplies } = this;
    const touchedMembers: number[] = [];
    // Distinct authors per space: a (space, member) pair counts when first seen.
    this.pairs.begin(spaceCount, memberCount);
    const pairs = this.pairs;
    const spaceContributors = new Int32Array(spaceCount);
    const touchedSpaces: number[] = [];

    const status = store.status.data;
    const createdDay = store.createdDay.data;
    const kind = store.contentKind.data;
    const contentSpace = store.contentSpace.data;
    const author = store.contentAuthor.data;
    const spaceKind = store.spaceKind.data;
    let activeMembers = 0;
    let questionsAsked = 0;
    let questionsResolved = 0;

    // Only the rows created on the range's days, through the day index; every row of a bucket has its day.
    store.contentByDay.forEachDay(startDay, endDay, () => store.contentDays(), (rows, size) => {
      let dayPosts = 0;
      let dayReplies = 0;
      for (let i = 0; i < size; i++) {
        const c = rows[i]!;
        if (status[c] !== STATUS.published) continue;
        const m = author[c]!;
        const s = contentSpace[c]!;
        const seen = memberStamp[m];
        if (seen !== activeStamp) {
          if (seen !== touchStamp) {
            touchedMembers.push(m);
            memberPosts[m] = 0;
            memberReplies[m] = 0;
            memberAccepted[m] = 0;
          }
          memberStamp[m] = activeStamp;
          activeMembers++;
        }
        // Branch-free counting: posts and replies come in random order.
        const reply = kind[c] === REPLY ? 1 : 0;
        dayReplies += reply;
        dayPosts += 1 - reply;
        memberReplies[m]! += reply;
        memberPosts[m]! += 1 - reply;
        spaceReplies[s]! += reply;
        spacePosts[s]! += 1 - reply;
        if (reply === 0 && spaceKind[s] === QA) questionsAsked++;
        if (pairs.first(s, m)) {
          if (spaceContributors[s] === 0) touchedSpaces.push(s);
          spaceContributors[s]!++;
        }
      }
      if (size > 0) {
        const day = createdDay[rows[0]!]! - startDay;
        posts[day]! += dayPosts;
        replies[day]! += dayReplies;
      }
    });

    // The acceptance decisions, like a table of accepted answers: the questions of the range that
    // are resolved, and the answers accepted in the range (credited to their authors).
    let acceptedAnswers = 0;
    const acceptQuestion = store.acceptQuestion.data;
    const acceptAnswer = store.acceptAnswer.data;
    const acceptDay = store.acceptDay.data;
    for (let a = 0; a < store.acceptanceCount; a++) {
      const answer = acceptAnswer[a]!;
      if (answer < 0) continue;
      const q = acceptQuestion[a]!;
      if (spaceKind[contentSpace[q]!] !== QA) continue;
      const created = createdDay[q]!;
      if (created >= startDay && created <= endDay && status[q] === STATUS.published && kind[q] !== REPLY) questionsResolved++;
      const day = acceptDay[a]!;
      if (day < startDay || day > endDay) continue;
      acceptedAnswers++;
      const m = author[answer]!;
      const seen = memberStamp[m];
      if (seen !== activeStamp && seen !== touchStamp) {
        touchedMembers.push(m);
        memberPosts[m] = 0;
        memberReplies[m] = 0;
        memberAccepted[m] = 0;
        memberStamp[m] = touchStamp;
      }
      memberAccepted[m]!++;
    }

    // Votes last: a voter becomes active, and is a contributor only if counted above.
    const votes = this.countVotes(startDay, endDay, activeStamp);
    const { upvotes, downvotes } = votes;
    activeMembers += votes.newlyActive;

    let newMembers = 0;
    const memberExists = store.memberExists.data;
    const joinedDay = store.joinedDay.data;
    for (let m = 0; m < memberCount; m++) {
      const day = joinedDay[m]!;
      if (memberExists[m] === 1 && day >= startDay && day <= endDay) newMembers++;
    }

    let flagsRaised = 0;
    let flagsOpen = 0;
    const responseMinutes: number[] = [];
    const flagCount = store.flags.size;
    const flagExists = store.flagExists.data;
    const raisedDay = store.raisedDay.data;
    const raisedAt = store.raisedAt.data;
    const resolvedAt = store.resolvedAt.data;
    for (let f = 0; f < flagCount; f++) {
      const day = raisedDay[f]!;
      if (flagExists[f] === 0 || day < startDay || day > endDay) continue;
      flagsRaised++;
      const resolved = resolvedAt[f]!;
      if (Number.isNaN(resolved)) flagsOpen++;
      else responseMinutes.push((resolved - raisedAt[f]!) / 60000);
    }

    let autoModTriggers = 0;
    const automodDay = store.automodDay.data;
    for (let a = 0; a < store.automodCount; a++) {
      const day = automodDay[a]!;
      if (day >= startDay && day <= endDay) autoModTriggers++;
    }

    const spaces: SpaceStats[] = [];
    for (const space of touchedSpaces) {
      spaces.push({ space, posts: spacePosts[space]!, replies: spaceReplies[space]!, contributors: spaceContributors[space]! });
      spacePosts[space] = 0;
      spaceReplies[space] = 0;
    }
    const contributors = contributorColumns(touchedMembers.length);
    for (let i = 0; i < touchedMembers.length; i++) {
      const member = touchedMembers[i]!;
      contributors.member[i] = member;
      contributors.posts[i] = memberPosts[member]!;
      contributors.replies[i] = memberReplies[member]!;
      contributors.accepted[i] = memberAccepted[member]!;
    }

    return {
      startDay,
      endDay,
      posts,
      replies,
      activeMembers,
      spaces,
      contributors,
      // Every counted figure of the registry: one missing here does not compile.
      counts: { upvotes, downvotes, acceptedAnswers, questionsAsked, questionsResolved, newMembers, flagsRaised, flagsOpen, autoModTriggers },
      responseMinutes,
    };
  }

  dailyCounts(startDay: number, endDay: number): { posts: Int32Array; replies: Int32Array } {
    const store = this.store;
    const posts = new Int32Array(endDay - startDay + 1);
    const replies = new Int32Array(endDay - startDay + 1);
    const status = store.status.data;
    const kind = store.contentKind.data;
    const createdDay = store.createdDay.data;
    store.contentByDay.forEachDay(startDay, endDay, () => store.contentDays(), (rows, size) => {
      let dayPosts = 0;
      let dayReplies = 0;
      for (let i = 0; i < size; i++) {
        const c = rows[i]!;
        if (status[c] !== STATUS.published) continue;
        const reply = kind[c] === REPLY ? 1 : 0;
        dayReplies += reply;
        dayPosts += 1 - reply;
      }
      if (size > 0) {
        posts[createdDay[rows[0]!]! - startDay]! += dayPosts;
        replies[createdDay[rows[0]!]! - startDay]! += dayReplies;
      }
    });
    return { posts, replies };
  }

  activeMemberCount(startDay: number, endDay: number): number {
    const store = this.store;
    const memberCount = store.members.size;
    // One byte a member, set for every member seen, then summed: no branch on whether a member
    // was seen before (members come in random order, so the processor could not guess it), and a
    // table a quarter the size of the stamps, which stays in the fastest cache.
    if (this.seen.length < memberCount) this.seen = new Uint8Array(Math.max(memberCount, this.seen.length * 2, 1024));
    const seen = this.seen;
    seen.fill(0, 0, memberCount);
    const status = store.status.data;
    const author = store.contentAuthor.data;
    const cast = store.voteCast.data;
    const retracted = store.voteRetracted.data;
    const voter = store.voteVoter.data;
    store.contentByDay.forEachDay(startDay, endDay, () => store.contentDays(), (rows, size) => {
      for (let i = 0; i < size; i++) {
        const c = rows[i]!;
        if (status[c] === STATUS.published) seen[author[c]!] = 1;
      }
    });
    store.votesByDay.forEachDay(startDay, endDay, () => store.voteDays(), (rows, size) => {
      for (let i = 0; i < size; i++) {
        const v = rows[i]!;
        if (cast[v] === 1 && retracted[v] === 0) seen[voter[v]!] = 1;
      }
    });
    let active = 0;
    for (let m = 0; m < memberCount; m++) active += seen[m]!;
    return active;
  }

  spaceStats(startDay: number, endDay: number): SpaceStats[] {
    const store = this.store;
    const spaceCount = store.spaces.size;
    const spacePosts = new Int32Array(spaceCount);
    const spaceReplies = new Int32Array(spaceCount);
    const spaceContributors = new Int32Array(spaceCount);
    const pairs = this.pairs;
    pairs.begin(spaceCount, store.members.size);
    const status = store.status.data;
    const kind = store.contentKind.data;
    const contentSpace = store.contentSpace.data;
    const author = store.contentAuthor.data;
    store.contentByDay.forEachDay(startDay, endDay, () => store.contentDays(), (rows, size) => {
      for (let i = 0; i < size; i++) {
        const c = rows[i]!;
        if (status[c] !== STATUS.published) continue;
        const s = contentSpace[c]!;
        const reply = kind[c] === REPLY ? 1 : 0;
        spaceReplies[s]! += reply;
        spacePosts[s]! += 1 - reply;
        if (pairs.first(s, author[c]!)) spaceContributors[s]!++;
      }
    });
    return spaceList(spacePosts, spaceReplies, spaceContributors);
  }

  /** Live votes cast in the range, up and down, stamping each voter with `stamp`: newlyActive counts the voters stamped here first. */
  private countVotes(startDay: number, endDay: number, stamp: number): { upvotes: number; downvotes: number; newlyActive: number } {
    const store = this.store;
    const memberStamp = this.memberStamp;
    const cast = store.voteCast.data;
    const retracted = store.voteRetracted.data;
    const voteUp = store.voteUp.data;
    const voter = store.voteVoter.data;
    let upvotes = 0;
    let downvotes = 0;
    let newlyActive = 0;
    store.votesByDay.forEachDay(startDay, endDay, () => store.voteDays(), (rows, size) => {
      for (let i = 0; i < size; i++) {
        const v = rows[i]!;
        if (cast[v] === 0 || retracted[v] === 1) continue;
        const up = voteUp[v]!;
        upvotes += up;
        downvotes += 1 - up;
        const m = voter[v]!;
        if (memberStamp[m] !== stamp) {
          memberStamp[m] = stamp;
          newlyActive++;
        }
      }
    });
    return { upvotes, downvotes, newlyActive };
  }

  private prepare(memberCount: number, spaceCount: number): void {
    if (this.memberStamp.length < memberCount) {
      const size = Math.max(memberCount, this.memberStamp.length * 2, 1024);
      const stamp = new Int32Array(size);
      stamp.set(this.memberStamp);
      this.memberStamp = stamp;
      this.memberPosts = new Int32Array(size);
      this.memberReplies = new Int32Array(size);
      this.memberAccepted = new Int32Array(size);
    }
    if (this.spacePosts.length < spaceCount) {
      const size = Math.max(spaceCount, this.spacePosts.length * 2, 64);
      this.spacePosts = new Int32Array(size);
      this.spaceReplies = new Int32Array(size);
    }
  }

  /** The next active stamp; the touch stamp is the one below it, and neither is 0. */
  private nextStamp(): number {
    if (this.stamp >= 0x7ffffffd) {
      this.memberStamp.fill(0);
      this.stamp = 1;
    }
    return (this.stamp += 2);
  }
}
