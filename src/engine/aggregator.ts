import { COUNTED_METRIC_KEYS, type CountedMetricKey } from '../model/metrics.js';
import { contributorColumns, spaceList, type RangeStats, type SpaceStats, type StatsReader } from './range-stats.js';
import { type EventStore, QA, REPLY, STATUS, type StoreListener, VOTE } from './store.js';
import { ColumnGroup, DayCounts, dayColumn, int32Column, likeBefore, uint8Column } from './columns.js';
import { CountTable, PairTable, TableSum } from './count-table.js';

/** Day numbers a range is clamped to before its blocks are looked up: 1970-01-01 .. 2200-01-02. */
const DAY_SLOTS = 84008;

const BIT_REPLY = 1;
const BIT_QUESTION = 2;
const BIT_RESOLVED = 4;

/**
 * Rollup levels, as log2 of their block length in days: single days, 8-day
 * and 64-day blocks (aligned on day numbers). A range is covered by the
 * fewest blocks (the longest that fit, single days at the edges), so a year
 * reads about five 64-day blocks instead of 365 days, while every count
 * stays exact: a block's entry is the sum of its days' entries.
 *
 * A change is added to its day's table and to the longer blocks' tables
 * made so far. A longer block's table is made from its parts (a sum of
 * tables, `TableSum`) when the stream has moved past it, when a load ends
 * (`compact`) or when a range first reads it: during a load most changes
 * touch one table, not three.
 */
const LEVEL_SHIFTS = [0, 3, 6] as const;

/** Rollup adds per epoch: tables not added to for a whole epoch are sealed (see `CountTable.seal`). */
const SEAL_EVERY = 1 << 16;

/**
 * The tables of one level by block number, over a window of blocks that
 * grows to take each block given a table (an array for the days 1970 to
 * 2200 took 670 KB a rollup, whatever the data).
 */
class Blocks {
  private first = 0;
  private tables: (CountTable | undefined)[] = [];

  get(block: number): CountTable | undefined {
    return this.tables[block - this.first];
  }

  set(block: number, table: CountTable): void {
    const tables = this.tables;
    if (tables.length === 0) this.first = block;
    else if (block < this.first) {
      // Blocks before the first one (late events, or a stream newest first): the window starts
      // earlier, by at least as many blocks as it has, so a stream going back in time copies it
      // a logarithmic number of times.
      const first = Math.max(0, Math.min(block, this.first - tables.length));
      this.tables = [...new Array<CountTable | undefined>(this.first - first).fill(undefined), ...tables];
      this.first = first;
    }
    const i = block - this.first;
    while (this.tables.length < i) this.tables.push(undefined);
    this.tables[i] = table;
  }

  /** Every table of the level (for tests). */
  list(): CountTable[] {
    return this.tables.filter((table): table is CountTable => table !== undefined);
  }

  /** The first block of the window, and the one after its last. */
  span(): [number, number] {
    return [this.first, this.first + this.tables.length];
  }
}

/** Per level, per block: a table of counters, allocated on first use. */
interface Rollup {
  /** Counters per entry. */
  width: number;
  /** One more than the largest key there can be. */
  keyBound: () => number;
  levels: Blocks[];
  /** Per level, the blocks before this one were made as the stream moved past them (see `makePast`). */
  madeUntil: number[];
}

function rollup(width: number, keyBound: () => number): Rollup {
  return { width, keyBound, levels: LEVEL_SHIFTS.map(() => new Blocks()), madeUntil: LEVEL_SHIFTS.map(() => 0) };
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
  private readonly posts = new DayCounts();
  private readonly replies = new DayCounts();
  /**
   * Per counted figure of the registry, its count per day; a range sums them
   * all alike. A counted figure not listed here does not compile.
   */
  private readonly perDay: Readonly<Record<CountedMetricKey, DayCounts>> = {
    upvotes: new DayCounts(),
    downvotes: new DayCounts(),
    acceptedAnswers: new DayCounts(),
    questionsAsked: new DayCounts(),
    questionsResolved: new DayCounts(),
    newMembers: new DayCounts(),
    flagsRaised: new DayCounts(),
    flagsOpen: new DayCounts(),
    autoModTriggers: new DayCounts(),
  };
  // rollups: who did what, per day and per block of days
  /** (space, author) pairs of counted content, numbered. */
  private readonly pairs = new PairTable();
  /**
   * Per block: pair → counted posts, replies. The spaces' counts and distinct
   * authors, and the members' posts and replies (each pair names its author),
   * are all read from it.
   */
  private readonly contentRollup = rollup(2, () => this.pairs.size);
  /**
   * Per block: member → live votes cast (what is not content: posting
   * members are in the pairs). Accepted answers have a rollup of their own:
   * as a second counter here they were 0 in 97 % of the entries.
   */
  private readonly voteRollup = rollup(1, () => this.store.members.size);
  /** Per block: member → accepted answers. */
  private readonly acceptedRollup = rollup(1, () => this.store.members.size);
  /** Every rollup, for making their blocks. */
  private readonly rollups = [this.contentRollup, this.voteRollup, this.acceptedRollup];
  /** Scratch for making a block's table from its parts. */
  private readonly tableSum = new TableSum();
  /** The latest day a rollup was added to. */
  private newestDay = -1;
  /** Tables that may hold an index: sealed when idle for a whole epoch of adds. */
  private readonly unsealed: CountTable[] = [];
  private epoch = 0;
  private adds = 0;
  private readonly responseDays = new Map<number, Map<number, number>>();

  // what was counted, per entity
  private readonly contentDay = dayColumn(-1);
  private readonly contentBits = uint8Column();
  /** The (space, author) pair it was counted under. */
  private readonly contentPair = int32Column(-1);
  /** Per acceptance row of the store (not per content): the day and member an accepted answer was counted under. */
  private readonly acceptDay = int32Column(-1);
  private readonly acceptMember = int32Column(-1);
  private readonly voteDay = dayColumn(-1);
  private readonly voteUp = uint8Column();
  private readonly voteVoter = int32Column(-1);
  private readonly flagDay = int32Column(-1);
  private readonly flagOpen = uint8Column();
  private readonly joinDay = int32Column(-1);
  // Grown as the store's tables grow (its `growth`), so they are set in the constructor.
  private readonly contentColumns: ColumnGroup;
  private readonly acceptColumns: ColumnGroup;
  private readonly voteColumns: ColumnGroup;
  private readonly flagColumns: ColumnGroup;
  private readonly memberColumns: ColumnGroup;

  // scratch for range queries, grown on demand
  /** Per member, 1 once seen in the range; per pair, 1 once its content counted in the range. */
  private memberSeen = new Uint8Array(0);
  private pairSeen = new Uint8Array(0);
  private memberPosts = new Int32Array(0);
  private memberReplies = new Int32Array(0);
  private memberAccepted = new Int32Array(0);
  private memberVotes = new Int32Array(0);

  /** Rollup adds per epoch; tables idle for a whole epoch are sealed. */
  private readonly sealEvery: number;

  constructor(store: EventStore, since: number | null, options: { sealEvery?: number } = {}) {
    this.store = store;
    this.since = since ?? Number.NEGATIVE_INFINITY;
    this.contentColumns = new ColumnGroup([this.contentDay, this.contentBits, this.contentPair], store.growth);
    this.acceptColumns = new ColumnGroup([this.acceptDay, this.acceptMember], store.growth);
    this.voteColumns = new ColumnGroup([this.voteDay, this.voteUp, this.voteVoter], store.growth);
    this.flagColumns = new ColumnGroup([this.flagDay, this.flagOpen], store.growth);
    this.memberColumns = new ColumnGroup([this.joinDay], store.growth);
    this.sealEvery = options.sealEvery ?? SEAL_EVERY;
  }

  // ---- StoreListener: keep the counters in step with the store ----

  contentChanged(c: number): void {
    const store = this.store;
    this.contentColumns.ensure(c);
    let day = -1;
    let bits = 0;
    let pair = -1;
    if (store.status.data[c] === STATUS.published && (this.since === Number.NEGATIVE_INFINITY || store.statusAtOf(c) >= this.since)) {
      const space = store.contentSpace.data[c]!;
      day = store.createdDay.data[c]!;
      pair = this.pairs.intern(space, store.contentAuthor.data[c]!);
      if (store.contentKind.data[c] === REPLY) bits = BIT_REPLY;
      else if (store.spaceKind.data[space] === QA) {
        bits = BIT_QUESTION;
        const a = store.acceptanceOf(c);
        if (a >= 0 && this.acceptDay.data.length > a && this.acceptDay.data[a]! >= 0) bits |= BIT_RESOLVED;
      }
    }
    const oldDay = this.contentDay.data[c]!;
    const oldBits = this.contentBits.data[c]!;
    const oldPair = this.contentPair.data[c]!;
    if (oldDay === day && oldBits === bits && oldPair === pair) return;
    if (oldDay >= 0) this.countContent(oldDay, oldBits, oldPair, -1);
    if (day >= 0) this.countContent(day, bits, pair, 1);
    this.contentDay.set(c, day);
    this.contentBits.data[c] = bits;
    this.contentPair.data[c] = pair;
  }

  contentRedefined(c: number): void {
    // Its author may be credited with accepted answers, and as a question its
    // space decides whether acceptances count: refresh those that point here.
    const store = this.store;
    const question = store.acceptQuestion.data;
    const answer = store.acceptAnswer.data;
    const n = store.acceptanceCount;
    this.acceptanceChanged(c);
    for (let a = 0; a < n; a++) if (answer[a] === c && question[a] !== c) this.acceptanceChanged(question[a]!);
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
    this.contentColumns.ensure(q);
    const a = store.acceptanceOf(q);
    if (a >= 0) {
      this.acceptColumns.ensure(a);
      const answer = store.acceptAnswer.data[a]!;
      let day = -1;
      let member = -1;
      if (answer >= 0 && store.acceptAt.data[a]! >= this.since && store.spaceKind.data[store.contentSpace.data[q]!] === QA) {
        day = store.acceptDay.data[a]!;
        member = store.contentAuthor.data[answer]!;
      }
      const oldDay = this.acceptDay.data[a]!;
      const oldMember = this.acceptMember.data[a]!;
      if (oldDay !== day || oldMember !== member) {
        if (oldDay >= 0) this.countAccepted(oldDay, oldMember, -1);
        if (day >= 0) this.countAccepted(day, member, 1);
        this.acceptDay.data[a] = day;
        this.acceptMember.data[a] = member;
      }
    }
    // Whether the question is resolved is part of its own contribution.
    this.contentChanged(q);
  }

  voteChanged(v: number): void {
    const store = this.store;
    this.voteColumns.ensure(v);
    let day = -1;
    if (store.voteState.data[v] === VOTE.cast && store.castAtOf(v) >= this.since) {
      day = store.castDay.data[v]!;
    }
    const up = store.voteUp.data[v]!;
    const voter = store.voteVoter.data[v]!;
    const oldDay = this.voteDay.data[v]!;
    if (oldDay === day && (day < 0 || (this.voteUp.data[v] === up && this.voteVoter.data[v] === voter))) return;
    if (oldDay >= 0) this.countVote(oldDay, this.voteUp.data[v]!, this.voteVoter.data[v]!, -1);
    if (day >= 0) this.countVote(day, up, voter, 1);
    this.voteDay.set(v, day);
    this.voteUp.data[v] = up;
    this.voteVoter.data[v] = voter;
  }

  flagChanged(f: number): void {
    const store = this.store;
    this.flagColumns.ensure(f);
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
    const { flagsRaised, flagsOpen } = this.perDay;
    if (oldDay >= 0) {
      flagsRaised.add(oldDay, -1);
      flagsOpen.add(oldDay, -this.flagOpen.data[f]!);
      this.responseDays.get(oldDay)?.delete(f);
    }
    if (day >= 0) {
      flagsRaised.add(day, 1);
      flagsOpen.add(day, open);
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
    this.memberColumns.ensure(m);
    const day = store.memberExists.data[m] === 1 && store.joinedAt.data[m]! >= this.since ? store.joinedDay.data[m]! : -1;
    const oldDay = this.joinDay.data[m]!;
    if (oldDay === day) return;
    if (oldDay >= 0) this.perDay.newMembers.add(oldDay, -1);
    if (day >= 0) this.perDay.newMembers.add(day, 1);
    this.joinDay.data[m] = day;
  }

  automodAdded(a: number): void {
    if (this.store.automodAt.data[a]! >= this.since) this.perDay.autoModTriggers.add(this.store.automodDay.data[a]!, 1);
  }

  /** Adds to `key`'s counters in the table of `day`, and in those of the longer blocks holding it that are made. */
  private addToRollup(tables: Rollup, day: number, key: number, counter: number, delta: number): void {
    const days = tables.levels[0]!;
    let table = days.get(day);
    if (!table) {
      table = new CountTable(tables.width, likeBefore(days.get(day - 1)?.size ?? 0, 8));
      days.set(day, table);
      this.unsealed.push(table);
    } else if (table.sealed) this.unsealed.push(table);
    table.add(key, counter, delta);
    table.epoch = this.epoch;
    for (let level = 1; level < LEVEL_SHIFTS.length; level++) {
      const block = tables.levels[level]!.get(day >> LEVEL_SHIFTS[level]!);
      if (!block) continue;
      if (block.sealed) this.unsealed.push(block);
      block.add(key, counter, delta);
      block.epoch = this.epoch;
    }
    if (day > this.newestDay) this.newestDay = day;
    if (++this.adds === this.sealEvery) this.sealIdle();
  }

  /**
   * The table of `block` at `level`: made from its parts, the tables of the
   * level below, the first time it is asked for. Undefined when no day of
   * the block has a table. Once made, every add to one of its days adds to it
   * too, so it stays the sum of its days.
   */
  private blockTable(tables: Rollup, level: number, block: number): CountTable | undefined {
    const blocks = tables.levels[level]!;
    const made = blocks.get(block);
    if (made || level === 0) return made;
    const shift = LEVEL_SHIFTS[level]!;
    const [firstDay, endDay] = tables.levels[0]!.span();
    if ((block + 1) << shift <= firstDay || block << shift >= endDay) return undefined;
    const partsShift = shift - LEVEL_SHIFTS[level - 1]!;
    const parts: CountTable[] = [];
    for (let part = block << partsShift, end = (block + 1) << partsShift; part < end; part++) {
      const table = this.blockTable(tables, level - 1, part);
      if (table) parts.push(table);
    }
    if (parts.length === 0) return undefined;
    const table = this.tableSum.of(parts, tables.width, tables.keyBound());
    blocks.set(block, table);
    return table;
  }

  /** Makes the longer blocks' tables up to the one holding the newest day (excluded): the stream has moved past them. */
  private makePast(): void {
    if (this.newestDay < 0) return;
    for (const tables of this.rollups) {
      const firstDay = tables.levels[0]!.span()[0];
      for (let level = 1; level < LEVEL_SHIFTS.length; level++) {
        const shift = LEVEL_SHIFTS[level]!;
        const until = this.newestDay >> shift;
        for (let block = Math.max(tables.madeUntil[level]!, firstDay >> shift); block < until; block++) this.blockTable(tables, level, block);
        tables.madeUntil[level] = Math.max(tables.madeUntil[level]!, until);
      }
    }
  }

  /** Calls `visit` with the tables of the fewest blocks that tile [from, to] exactly, from `level` down. */
  private cover(tables: Rollup, from: number, to: number, level: number, visit: (table: CountTable) => void): void {
    if (from > to) return;
    if (level === 0) {
      const days = tables.levels[0]!;
      for (let d = from; d <= to; d++) {
        const table = days.get(d);
        if (table) visit(table);
      }
      return;
    }
    const shift = LEVEL_SHIFTS[level]!;
    const first = (from + (1 << shift) - 1) >> shift;
    const last = ((to + 1) >> shift) - 1;
    if (first > last) {
      this.cover(tables, from, to, level - 1, visit);
      return;
    }
    this.cover(tables, from, (first << shift) - 1, level - 1, visit);
    for (let b = first; b <= last; b++) {
      const table = this.blockTable(tables, level, b);
      if (table) visit(table);
    }
    this.cover(tables, (last + 1) << shift, to, level - 1, visit);
  }

  /** @internal Tables open for adds (with an index and 32-bit counters), for tests. */
  get openTables(): number {
    let open = 0;
    for (const table of this.unsealed) if (!table.sealed) open++;
    return open;
  }

  /**
   * A load is done: makes every longer block's table not made yet, and seals
   * every table (the next add to one opens it again, with one pass over it).
   */
  compact(): void {
    // Every level: a block made before the load (a 64-day one) does not make its parts on its own.
    for (const tables of this.rollups) {
      const [firstDay, endDay] = tables.levels[0]!.span();
      for (let level = 1; level < LEVEL_SHIFTS.length; level++) {
        const shift = LEVEL_SHIFTS[level]!;
        for (let block = firstDay >> shift; block << shift < endDay; block++) this.blockTable(tables, level, block);
      }
    }
    this.tableSum.release();
    this.pairs.compact();
    for (const table of this.unsealed) table.seal();
    this.unsealed.length = 0;
  }

  /** Seals the tables nobody added to during the last epoch of adds: past days, as a stream moves on. */
  private sealIdle(): void {
    this.makePast();
    const idle = this.epoch;
    this.epoch++;
    this.adds = 0;
    let kept = 0;
    for (const table of this.unsealed) {
      if (table.sealed) continue;
      if (table.epoch < idle) table.seal();
      else this.unsealed[kept++] = table;
    }
    this.unsealed.length = kept;
  }

  private countContent(day: number, bits: number, pair: number, delta: 1 | -1): void {
    const isReply = (bits & BIT_REPLY) !== 0;
    if (isReply) this.replies.add(day, delta);
    else this.posts.add(day, delta);
    if (bits & BIT_QUESTION) {
      this.perDay.questionsAsked.add(day, delta);
      if (bits & BIT_RESOLVED) this.perDay.questionsResolved.add(day, delta);
    }
    const counter = isReply ? 1 : 0;
    this.addToRollup(this.contentRollup, day, pair, counter, delta);
  }

  private countAccepted(day: number, member: number, delta: 1 | -1): void {
    this.perDay.acceptedAnswers.add(day, delta);
    this.addToRollup(this.acceptedRollup, day, member, 0, delta);
  }

  private countVote(day: number, up: number, voter: number, delta: 1 | -1): void {
    if (up === 1) this.perDay.upvotes.add(day, delta);
    else this.perDay.downvotes.add(day, delta);
    this.addToRollup(this.voteRollup, day, voter, 0, delta);
  }

  // ---- StatsReader: answer from the counters ----

  contentTotal(startDay: number, endDay: number): number {
    return this.posts.sum(startDay, endDay) + this.replies.sum(startDay, endDay);
  }

  rangeStats(startDay: number, endDay: number): RangeStats {
    const days = endDay - startDay + 1;
    const posts = new Int32Array(days);
    const replies = new Int32Array(days);
    this.posts.addTo(posts, startDay);
    this.replies.addTo(replies, startDay);
    // Filled below for every key of the list the compiler checks `perDay` against.
    const counts = {} as Record<CountedMetricKey, number>;
    for (const key of COUNTED_METRIC_KEYS) counts[key] = this.perDay[key].sum(startDay, endDay);
    const [from, to] = clampDays(startDay, endDay);

    const { spaces, activeMembers, contributors } = this.memberStats(from, to);

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
      counts,
      responseMinutes,
    };
  }

  /** Posts and replies per day of [startDay, endDay] (the daily query alone). */
  dailyCounts(startDay: number, endDay: number): { posts: Int32Array; replies: Int32Array } {
    const posts = new Int32Array(endDay - startDay + 1);
    const replies = new Int32Array(endDay - startDay + 1);
    this.posts.addTo(posts, startDay);
    this.replies.addTo(replies, startDay);
    return { posts, replies };
  }

  /**
   * Members who posted, replied or voted in [startDay, endDay] (the active
   * members query alone). Every rollup entry is non-negative, so a member is
   * active exactly when one of its entries in the range has activity: no sums.
   */
  activeMemberCount(startDay: number, endDay: number): number {
    const [from, to] = clampDays(startDay, endDay);
    const memberCount = this.store.members.size;
    const seen = this.memberMarks(memberCount);
    const pairMember = this.pairs.y;
    this.cover(this.contentRollup, from, to, LEVEL_SHIFTS.length - 1, (table) => {
      const { keys, counts, size, keyMask } = table;
      for (let e = 0, i = 0, pair = table.base; e < size; e++, i += 2) {
        pair = (pair & keyMask) + keys[e]!;
        if (counts[i] !== 0 || counts[i + 1] !== 0) seen[pairMember[pair]!] = 1;
      }
    });
    this.cover(this.voteRollup, from, to, LEVEL_SHIFTS.length - 1, (table) => {
      const { keys, counts, size, keyMask } = table;
      for (let e = 0, m = table.base; e < size; e++) {
        m = (m & keyMask) + keys[e]!;
        if (counts[e] !== 0) seen[m] = 1;
      }
    });
    let active = 0;
    for (let m = 0; m < memberCount; m++) active += seen[m]!;
    return active;
  }

  /** Per space: counted posts, replies and distinct authors in [startDay, endDay] (the spaces query alone). */
  spaceStats(startDay: number, endDay: number): SpaceStats[] {
    const [from, to] = clampDays(startDay, endDay);
    return this.mergeContent(from, to, false);
  }

  /**
   * One pass over the content rollup blocks that tile [from, to]: each
   * (space, author) pair's counts go to its space, its first sight adds one
   * to the space's distinct authors (arithmetic, no test), and with
   * `toMembers` the counts also go to the author's sums (`memberPosts`,
   * `memberReplies`, cleared by the caller).
   */
  private mergeContent(from: number, to: number, toMembers: boolean): SpaceStats[] {
    const spaceCount = this.store.spaces.size;
    const pairSeen = this.pairMarks(this.pairs.size);
    const { memberPosts, memberReplies } = this;
    const pairSpace = this.pairs.x;
    const pairMember = this.pairs.y;
    const spacePosts = new Int32Array(spaceCount);
    const spaceReplies = new Int32Array(spaceCount);
    const spaceContributors = new Int32Array(spaceCount);
    this.cover(this.contentRollup, from, to, LEVEL_SHIFTS.length - 1, (table) => {
      const { keys, counts, size, keyMask } = table;
      for (let e = 0, i = 0, pair = table.base; e < size; e++, i += 2) {
        pair = (pair & keyMask) + keys[e]!;
        const p = counts[i]!;
        const r = counts[i + 1]!;
        if (p === 0 && r === 0) continue;
        const s = pairSpace[pair]!;
        spacePosts[s]! += p;
        spaceReplies[s]! += r;
        spaceContributors[s]! += pairSeen[pair]! ^ 1;
        pairSeen[pair] = 1;
        if (toMembers) {
          const m = pairMember[pair]!;
          memberPosts[m]! += p;
          memberReplies[m]! += r;
        }
      }
    });
    return spaceList(spacePosts, spaceReplies, spaceContributors);
  }

  /**
   * The spaces' counts, the active members and every contributor's sums over
   * the blocks that tile [from, to]: one pass over the content rollup (a
   * pair's counts go to its space and to its author, `mergeContent`), one
   * over the votes' and one over the accepted answers'.
   * Every member's sums start at zero and each entry adds to them with no
   * test of whether the member was seen before (blocks list members in their
   * own orders, so the processor could not guess it); the members with
   * activity are collected at the end.
   */
  private memberStats(from: number, to: number): Pick<RangeStats, 'spaces' | 'activeMembers' | 'contributors'> {
    const memberCount = this.store.members.size;
    this.clearMemberSums(memberCount);
    const spaces = this.mergeContent(from, to, true);
    const { memberPosts, memberReplies, memberAccepted, memberVotes } = this;
    this.cover(this.voteRollup, from, to, LEVEL_SHIFTS.length - 1, (table) => {
      const { keys, counts, size, keyMask } = table;
      for (let e = 0, m = table.base; e < size; e++) {
        m = (m & keyMask) + keys[e]!;
        memberVotes[m]! += counts[e]!;
      }
    });
    this.cover(this.acceptedRollup, from, to, LEVEL_SHIFTS.length - 1, (table) => {
      const { keys, counts, size, keyMask } = table;
      for (let e = 0, m = table.base; e < size; e++) {
        m = (m & keyMask) + keys[e]!;
        memberAccepted[m]! += counts[e]!;
      }
    });
    let activeMembers = 0;
    let contributorCount = 0;
    for (let m = 0; m < memberCount; m++) {
      const pr = memberPosts[m]! + memberReplies[m]!;
      if (pr + memberVotes[m]! > 0) activeMembers++;
      if (pr + memberAccepted[m]! > 0) contributorCount++;
    }
    const contributors = contributorColumns(contributorCount);
    for (let m = 0, j = 0; j < contributorCount; m++) {
      const p = memberPosts[m]!;
      const r = memberReplies[m]!;
      const a = memberAccepted[m]!;
      if (p + r + a === 0) continue;
      contributors.member[j] = m;
      contributors.posts[j] = p;
      contributors.replies[j] = r;
      contributors.accepted[j] = a;
      j++;
    }
    return { spaces, activeMembers, contributors };
  }

  /** A mark per member, the first `memberCount` cleared. */
  private memberMarks(memberCount: number): Uint8Array {
    if (this.memberSeen.length < memberCount) this.memberSeen = new Uint8Array(Math.max(memberCount, this.memberSeen.length * 2, 1024));
    this.memberSeen.fill(0, 0, memberCount);
    return this.memberSeen;
  }

  /** A mark per (space, author) pair, the first `pairCount` cleared. */
  private pairMarks(pairCount: number): Uint8Array {
    if (this.pairSeen.length < pairCount) this.pairSeen = new Uint8Array(Math.max(pairCount, this.pairSeen.length * 2, 1024));
    this.pairSeen.fill(0, 0, pairCount);
    return this.pairSeen;
  }

  /** The members' sums (posts, replies, accepted answers, votes), the first `memberCount` set to 0. */
  private clearMemberSums(memberCount: number): void {
    if (this.memberPosts.length < memberCount) {
      const size = Math.max(memberCount, this.memberPosts.length * 2, 1024);
      this.memberPosts = new Int32Array(size);
      this.memberReplies = new Int32Array(size);
      this.memberAccepted = new Int32Array(size);
      this.memberVotes = new Int32Array(size);
      return;
    }
    this.memberPosts.fill(0, 0, memberCount);
    this.memberReplies.fill(0, 0, memberCount);
    this.memberAccepted.fill(0, 0, memberCount);
    this.memberVotes.fill(0, 0, memberCount);
  }

}

/** Clamp a day range to the counters' span; an empty span gives from > to. */
function clampDays(startDay: number, endDay: number): [number, number] {
  return [Math.max(0, startDay), Math.min(DAY_SLOTS - 1, endDay)];
}
