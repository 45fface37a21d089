/**
 * The shapes a data source returns (DESIGN section 5). Numbers are unrounded;
 * rounding is the view's job.
 *
 * Every figure of `Overview`, `Engagement` and `Moderation` and every field of
 * a table row is also declared in the metric registry (`metrics.ts`), which
 * the diff report, the REST checks, the contract suite and the docs read: a
 * field added here and not there fails to compile.
 */

/** Local calendar dates `YYYY-MM-DD`, inclusive, in the data source's time zone. */
export interface DateRange {
  start: string;
  end: string;
}

/** Which path computes the numbers: `direct` reads the core tables, `aggregate` the event-driven aggregate. */
export type Path = 'direct' | 'aggregate';
/** A table a data source serves rows of. */
export type TableId = 'daily' | 'top-spaces' | 'top-contributors';
/** A named range (DESIGN section 8): the last 7, 30 or 90 days, this month, last month. */
export type RangePreset = '7d' | '30d' | '90d' | 'this_month' | 'last_month';

/** What a report is asked for: the range, the path and how many table rows it carries. */
export interface ReportQuery {
  range: DateRange;
  /** Which path computes the numbers; default `direct`. */
  path?: Path;
  /** How many rows of each ranked table the report carries; default 10. */
  topN?: number;
  signal?: AbortSignal;
}

/** A page of a table's rows: `offset` and `limit` apply after ranking over the whole range. */
export interface RowsQuery extends ReportQuery {
  offset: number;
  limit: number;
}

/** One day of the range: counted posts and replies created that day. */
export interface DailyRow {
  date: string;
  posts: number;
  replies: number;
}

/** One space of the Top Spaces ranking. */
export interface SpaceRow {
  rank: number;
  spaceId: string;
  name: string;
  posts: number;
  replies: number;
  contributors: number;
  engagementRate: number | null;
}

/** One member of the Top Contributors ranking. */
export interface ContributorRow {
  rank: number;
  memberId: string;
  displayName: string;
  avatarUrl?: string;
  trustLevel: number;
  posts: number;
  replies: number;
  acceptedAnswers: number;
  total: number;
}

/** Some rows of a ranked table, and how many rows it has over the whole range. */
export interface RowsPage<Row> {
  total: number;
  rows: Row[];
}

/** The headline figures: posts, replies, active members and growth rate (in percent). */
export interface Overview {
  totalPosts: number;
  totalReplies: number;
  activeMembers: number;
  growthRate: number | null;
}

/** The engagement figures: replies per post, votes, accepted answers, questions, new members. */
export interface Engagement {
  avgRepliesPerPost: number | null;
  upvotes: number;
  downvotes: number;
  acceptedAnswers: number;
  questionsAsked: number;
  questionsResolved: number;
  acceptedAnswerRate: number | null;
  newMembers: number;
}

/** The moderation figures: flags, automod triggers and response times (in minutes). */
export interface Moderation {
  flagsRaised: number;
  flagsOpen: number;
  autoModTriggers: number | null;
  medianResponseMinutes: number | null;
  p90ResponseMinutes: number | null;
}

/** Everything one screen shows for a range, computed on one path. */
export interface AnalyticsReport {
  range: DateRange;
  previousRange: DateRange;
  timeZone: string;
  path: Path;
  /** Aggregator start, epoch ms, where known. */
  recordingSince: number | null;
  overview: Overview;
  daily: DailyRow[];
  topSpaces: RowsPage<SpaceRow>;
  topContributors: RowsPage<ContributorRow>;
  engagement: Engagement;
  moderation: Moderation;
}

/** One metric computed on both paths. Keys are the snake_case names of DESIGN section 4. */
export interface DiffMetric {
  key: string;
  direct: number | null;
  aggregated: number | null;
  drift_pct: number | null;
}

/** Every compared figure on both paths with its drift, for one range. */
export interface DiffReport {
  /** The preset name (`30d`) or `start..end`. */
  range: string;
  metrics: DiffMetric[];
}
