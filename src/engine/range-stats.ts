/**
 * What one path (direct or aggregate) computes for a range of local days.
 * Both paths fill this same shape; the report builder turns it into the
 * public report, so ranking and rounding rules live in one place and a
 * difference between the paths can only come from the counting itself.
 */
export interface SpaceStats {
  space: number;
  posts: number;
  replies: number;
  contributors: number;
}

export interface ContributorStats {
  member: number;
  posts: number;
  replies: number;
  accepted: number;
  /** posts + replies + accepted. */
  total: number;
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
  contributors: ContributorStats[];
  upvotes: number;
  downvotes: number;
  acceptedAnswers: number;
  questionsAsked: number;
  questionsResolved: number;
  newMembers: number;
  flagsRaised: number;
  flagsOpen: number;
  autoModTriggers: number;
  /** Response times of the resolved flags raised in the range, unsorted. */
  responseMinutes: number[];
  /** Ranked orders, filled on first use by the report builder (stats are cached per store version). */
  rankedSpaces?: SpaceStats[];
  rankedContributors?: ContributorStats[];
  /** The first contributors in rank order (a partial ranking), until a page needs the full one. */
  topContributors?: ContributorStats[];
}

/** One path's way of answering the questions the report asks. */
export interface StatsReader {
  /** Everything for [startDay, endDay]. */
  rangeStats(startDay: number, endDay: number): RangeStats;
  /** Counted posts + replies created in [startDay, endDay] (the growth-rate base). */
  contentTotal(startDay: number, endDay: number): number;
}
