/**
 * What one path (direct or aggregate) computes for a range of local days.
 * Both paths fill this same shape; the report builder turns it into the
 * public report, so ranking and rounding rules live in one place and a
 * difference between the paths can only come from the counting itself.
 */
import type { CountedMetricKey } from '../model/metrics.js';

/** One space's counted content in a range. */
export interface SpaceStats {
  space: number;
  posts: number;
  replies: number;
  contributors: number;
}

/**
 * The members with posts + replies + accepted > 0 in a range, in columns (no
 * object per member: a year of a large community has hundreds of thousands).
 * Entry i is member `member[i]`; the order is unspecified.
 */
export interface ContributorColumns {
  length: number;
  member: Int32Array;
  posts: Int32Array;
  replies: Int32Array;
  accepted: Int32Array;
}

/** The spaces with counted content, from per-space counters indexed by space row. */
export function spaceList(posts: Int32Array, replies: Int32Array, contributors: Int32Array): SpaceStats[] {
  const spaces: SpaceStats[] = [];
  for (let space = 0; space < posts.length; space++) {
    if (posts[space] === 0 && replies[space] === 0) continue;
    spaces.push({ space, posts: posts[space]!, replies: replies[space]!, contributors: contributors[space]! });
  }
  return spaces;
}

/** Columns for `length` contributors, filled by the caller. */
export function contributorColumns(length: number): ContributorColumns {
  return { length, member: new Int32Array(length), posts: new Int32Array(length), replies: new Int32Array(length), accepted: new Int32Array(length) };
}

export interface RangeStats {
  /** First and last day number, inclusive. */
  startDay: number;
  endDay: number;
  /** Counted posts and replies per day, index 0 = startDay. */
  posts: Int32Array;
  replies: Int32Array;
  activeMembers: number;
  /** Spaces with counted content in the range, unsorted. */
  spaces: SpaceStats[];
  /** Members with posts + replies + accepted > 0, unsorted. */
  contributors: ContributorColumns;
  /**
   * Every counted figure of the registry (`counted: true`), by its key: each
   * path counts each on its own, and the report builder copies them into the
   * report without a line per figure. A counted figure added to the registry
   * and not counted here does not compile.
   */
  counts: Record<CountedMetricKey, number>;
  /** Response times of the resolved flags raised in the range, unsorted. */
  responseMinutes: number[];
  /** Ranked orders, filled on first use by the report builder (stats are cached per store version). */
  rankedSpaces?: SpaceStats[];
  /** Entries of `contributors` in rank order. */
  rankedContributors?: Int32Array;
  /** The first entries in rank order (a partial ranking), until a page needs the full one. */
  topContributors?: Int32Array;
}

/** One path's way of answering the questions the report asks. */
export interface StatsReader {
  /** Everything for [startDay, endDay]. */
  rangeStats(startDay: number, endDay: number): RangeStats;
  /** Counted posts + replies created in [startDay, endDay] (the growth-rate base). */
  contentTotal(startDay: number, endDay: number): number;
  /*
   * The three core queries one at a time, each answering only its own
   * question (the benchmark compares them with other engines query by query;
   * their answers equal the matching parts of `rangeStats`).
   */
  /** Counted posts and replies per day, index 0 = startDay. */
  dailyCounts(startDay: number, endDay: number): { posts: Int32Array; replies: Int32Array };
  /** Members who authored counted content or cast a live vote in the range. */
  activeMemberCount(startDay: number, endDay: number): number;
  /** Spaces with counted content in the range, unsorted. */
  spaceStats(startDay: number, endDay: number): SpaceStats[];
}
