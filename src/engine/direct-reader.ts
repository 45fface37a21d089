import { ContentPairs, type DayIndex } from './columns.js';
import { contributorColumns, spaceList, type RangeStats, type SpaceStats, type StatsReader } from './range-stats.js';
import { type EventStore, QA, REPLY, STATUS, VOTE } from './store.js';

/**
 * How to read the rows of a range, as a SQL planner chooses between an index
 * and a table scan: `index`, through the day index; `scan`, the whole table
 * in row order with a day test, when the range holds more than half of its
 * rows (plain forward reads then cost less than the index's extra step per
 * row); `all`, the whole table with no day test, when every row is in the
 * range. Each way counts the same rows.
 */
function plan(index: DayIndex, startDay: number, endDay: number, tableRows: number, rebuild: () => Iterable<[number, number]>): 'index' | 'scan' | 'all' {
  const rows = index.rowsIn(startDay, endDay, rebuild);
  if (rows === index.total) return 'all';
  return rows * 2 > tableRows ? 'scan' : 'index';
}

/**
 * The direct path: answers every question by scanning the store's current
 * state, the way a SQL query over the core tables would. One pass per table,
 * typed-array columns, no per-row objects.
 */
export class DirectReader implements StatsReader {
  private readonly store: EventStore;
  // Scratch arrays reused across reports, grown on demand.
  /** Per member, 1 once seen in the range (see `seenMembers`). */
  private seen = new Uint8Array(0);
  /** Per member, its posts then its replies (2m, 2m + 1): both on one cache line, as every row adds to one of them. */
  private memberCounts = new Int32Array(0);
  private memberAccepted = new Int32Array(0);
  private spacePosts = new Int32Array(0);
  private spaceReplies = new Int32Array(0);
  /** Distinct (space, author) pairs, through the direct path's own index of them (see `ContentPairs`). */
  private readonly pairs = new ContentPairs();

  constructor(store: EventStore) {
    this.store = store;
  }

  contentTotal(startDay: number, endDay: number): number {
    const store = this.store;
    const status = store.status.data;
    let total = 0;
    store.contentByDay.forEachDay(startDay, endDay, () => store.contentDays(), (runs, size) => {
      for (let k = 0; k < size; k += 2) for (let c = runs[k]!, end = runs[k + 1]!; c < end; c++) if (status[c] === STATUS.published) total++;
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
    // Every member's sums start at zero and every row adds to its author's, with no test of
    // whether the author was seen before; the members with counts are collected at the end.
    // An author is active by its counts, so only voters are marked in `seen`: a row touches
    // two places that depend on its author (its counts and its pair bit), not four.
    const { memberCounts, memberAccepted, spacePosts, spaceReplies } = this;
    memberCounts.fill(0, 0, 2 * memberCount);
    memberAccepted.fill(0, 0, memberCount);
    const seen = this.seenMembers(memberCount);
    // Distinct authors per space: a (space, member) pair adds one the first time it is seen.
    const pairs = this.pairs;
    pairs.begin(store.contents.size, store.contentRedefinitions);
    const spaceContributors = new Int32Array(spaceCount);

    const status = store.status.data;
    const createdDay = store.createdDay.data;
    const kind = store.contentKind.data;
    const contentSpace = store.contentSpace.data;
    const author = store.contentAuthor.data;
    const spaceKind = store.spaceKind.data;
    let questionsAsked = 0;
    let questionsResolved = 0;

    // Only the rows created on the range's days, through the day index; every row of a day's runs has its day.
    store.contentByDay.forEachDay(startDay, endDay, () => store.contentDays(), (runs, size) => {
      let dayPosts = 0;
      let dayReplies = 0;
      for (let k = 0; k < size; k += 2) {
        for (let c = runs[k]!, end = runs[k + 1]!; c < end; c++) {
          if (status[c] !== STATUS.published) continue;
          const m = author[c]!;
          const s = contentSpace[c]!;
          // Branch-free counting: posts and replies come in random order.
          const reply = kind[c] === REPLY ? 1 : 0;
          dayReplies += reply;
          dayPosts += 1 - reply;
          memberCounts[2 * m + reply]! += 1;
          spaceReplies[s]! += reply;
          spacePosts[s]! += 1 - reply;
          if (reply === 0 && spaceKind[s] === QA) questionsAsked++;
          spaceContributors[s]! += pairs.add(c, s, m);
        }
      }
      if (size > 0) {
        const day = createdDay[runs[0]!]! - startDay;
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
      memberAccepted[author[answer]!]!++;
    }

    // Votes: a voter is active, and a contributor only with content or accepted answers counted above.
    const { upvotes, downvotes } = this.countVotes(startDay, endDay, seen);

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
    for (let space = 0; space < spaceCount; space++) {
      if (spacePosts[space] === 0 && spaceReplies[space] === 0) continue;
      spaces.push({ space, posts: spacePosts[space]!, replies: spaceReplies[space]!, contributors: spaceContributors[space]! });
      spacePosts[space] = 0;
      spaceReplies[space] = 0;
    }
    // The members: active when they posted, replied or voted; contributors when they have counts.
    let activeMembers = 0;
    let contributorCount = 0;
    for (let m = 0; m < memberCount; m++) {
      const written = memberCounts[2 * m]! + memberCounts[2 * m + 1]!;
      activeMembers += seen[m]! | (written > 0 ? 1 : 0);
      if (written + memberAccepted[m]! > 0) contributorCount++;
    }
    const contributors = contributorColumns(contributorCount);
    for (let m = 0, i = 0; i < contributorCount; m++) {
      const p = memberCounts[2 * m]!;
      const r = memberCounts[2 * m + 1]!;
      const a = memberAccepted[m]!;
      if (p + r + a === 0) continue;
      contributors.member[i] = m;
      contributors.posts[i] = p;
      contributors.replies[i] = r;
      contributors.accepted[i] = a;
      i++;
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
    store.contentByDay.forEachDay(startDay, endDay, () => store.contentDays(), (runs, size) => {
      let dayPosts = 0;
      let dayReplies = 0;
      for (let k = 0; k < size; k += 2) {
        for (let c = runs[k]!, end = runs[k + 1]!; c < end; c++) {
          if (status[c] !== STATUS.published) continue;
          const reply = kind[c] === REPLY ? 1 : 0;
          dayReplies += reply;
          dayPosts += 1 - reply;
        }
      }
      if (size > 0) {
        posts[createdDay[runs[0]!]! - startDay]! += dayPosts;
        replies[createdDay[runs[0]!]! - startDay]! += dayReplies;
      }
    });
    return { posts, replies };
  }

  activeMemberCount(startDay: number, endDay: number): number {
    const store = this.store;
    const memberCount = store.members.size;
    const seen = this.seenMembers(memberCount);
    const status = store.status.data;
    const author = store.contentAuthor.data;
    const state = store.voteState.data;
    const voter = store.voteVoter.data;
    const contentPlan = plan(store.contentByDay, startDay, endDay, store.contents.size, () => store.contentDays());
    if (contentPlan === 'all') {
      // Rows never created are not published: the status test leaves them out.
      for (let c = 0, n = store.contents.size; c < n; c++) if (status[c] === STATUS.published) seen[author[c]!] = 1;
    } else if (contentPlan === 'scan') {
      const createdDay = store.createdDay.data;
      for (let c = 0, n = store.contents.size; c < n; c++) {
        const day = createdDay[c]!;
        if (day >= startDay && day <= endDay && status[c] === STATUS.published) seen[author[c]!] = 1;
      }
    } else {
      store.contentByDay.forEachDay(startDay, endDay, () => store.contentDays(), (runs, size) => {
        for (let k = 0; k < size; k += 2) {
          for (let c = runs[k]!, end = runs[k + 1]!; c < end; c++) if (status[c] === STATUS.published) seen[author[c]!] = 1;
        }
      });
    }
    const votePlan = plan(store.votesByDay, startDay, endDay, store.votes.size, () => store.voteDays());
    if (votePlan === 'all') {
      // Votes never cast, or retracted, are left out by the state test.
      for (let v = 0, n = store.votes.size; v < n; v++) if (state[v] === VOTE.cast) seen[voter[v]!] = 1;
    } else if (votePlan === 'scan') {
      const castDay = store.castDay.data;
      for (let v = 0, n = store.votes.size; v < n; v++) {
        const day = castDay[v]!;
        if (day >= startDay && day <= endDay && state[v] === VOTE.cast) seen[voter[v]!] = 1;
      }
    } else {
      store.votesByDay.forEachDay(startDay, endDay, () => store.voteDays(), (runs, size) => {
        for (let k = 0; k < size; k += 2) {
          for (let v = runs[k]!, end = runs[k + 1]!; v < end; v++) if (state[v] === VOTE.cast) seen[voter[v]!] = 1;
        }
      });
    }
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
    pairs.begin(store.contents.size, store.contentRedefinitions);
    const status = store.status.data;
    const kind = store.contentKind.data;
    const contentSpace = store.contentSpace.data;
    const author = store.contentAuthor.data;
    store.contentByDay.forEachDay(startDay, endDay, () => store.contentDays(), (runs, size) => {
      for (let k = 0; k < size; k += 2) {
        for (let c = runs[k]!, end = runs[k + 1]!; c < end; c++) {
          if (status[c] !== STATUS.published) continue;
          const s = contentSpace[c]!;
          const reply = kind[c] === REPLY ? 1 : 0;
          spaceReplies[s]! += reply;
          spacePosts[s]! += 1 - reply;
          spaceContributors[s]! += pairs.add(c, s, author[c]!);
        }
      }
    });
    return spaceList(spacePosts, spaceReplies, spaceContributors);
  }

  /** Live votes cast in the range, up and down, marking each voter in `seen`. */
  private countVotes(startDay: number, endDay: number, seen: Uint8Array): { upvotes: number; downvotes: number } {
    const store = this.store;
    const state = store.voteState.data;
    const voteUp = store.voteUp.data;
    const voter = store.voteVoter.data;
    let upvotes = 0;
    let downvotes = 0;
    store.votesByDay.forEachDay(startDay, endDay, () => store.voteDays(), (runs, size) => {
      for (let k = 0; k < size; k += 2) {
        for (let v = runs[k]!, end = runs[k + 1]!; v < end; v++) {
          if (state[v] !== VOTE.cast) continue;
          const up = voteUp[v]!;
          upvotes += up;
          downvotes += 1 - up;
          seen[voter[v]!] = 1;
        }
      }
    });
    return { upvotes, downvotes };
  }

  /**
   * One byte per member, all 0, for marking the members a range has seen:
   * setting a byte per row, then summing them, needs no test of whether a
   * member was seen before (members come in random order, so the processor
   * cannot guess it), and the table is a quarter the size of 4-byte stamps.
   */
  private seenMembers(memberCount: number): Uint8Array {
    if (this.seen.length < memberCount) this.seen = new Uint8Array(Math.max(memberCount, this.seen.length * 2, 1024));
    this.seen.fill(0, 0, memberCount);
    return this.seen;
  }

  private prepare(memberCount: number, spaceCount: number): void {
    if (this.memberAccepted.length < memberCount) {
      const size = Math.max(memberCount, this.memberAccepted.length * 2, 1024);
      this.memberCounts = new Int32Array(2 * size);
      this.memberAccepted = new Int32Array(size);
    }
    if (this.spacePosts.length < spaceCount) {
      const size = Math.max(spaceCount, this.spacePosts.length * 2, 64);
      this.spacePosts = new Int32Array(size);
      this.spaceReplies = new Int32Array(size);
    }
  }
}
