import { formatIsoDate } from '../model/dates.js';
import type { AnalyticsReport, ContributorRow, DailyRow, DateRange, Path, SpaceRow } from '../model/report.js';
import type { RangeStats } from './range-stats.js';
import type { EventStore } from './store.js';

/** Code-unit order, the tie-break the design asks for (not locale-dependent, so stable everywhere). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Top spaces over the whole range: posts + replies desc, then name asc, then id asc; rows [offset, offset + limit). */
export function rankSpaces(store: EventStore, stats: RangeStats, offset = 0, limit = Infinity): SpaceRow[] {
  const names = store.spaceName;
  const ids = store.spaces;
  stats.rankedSpaces ??= stats.spaces
    .slice()
    .sort(
      (a, b) =>
        b.posts + b.replies - (a.posts + a.replies) ||
        compareText(names[a.space]!, names[b.space]!) ||
        ids.compareRows(a.space, b.space),
    );
  const ranked = stats.rankedSpaces;
  const rows: SpaceRow[] = [];
  for (let i = offset; i < ranked.length && i < offset + limit; i++) {
    const s = ranked[i]!;
    rows.push({
      rank: i + 1,
      spaceId: ids.idOf(s.space),
      name: names[s.space]!,
      posts: s.posts,
      replies: s.replies,
      contributors: s.contributors,
      engagementRate: s.posts === 0 ? null : s.replies / s.posts,
    });
  }
  return rows;
}

/** Top contributors over the whole range: total desc, then display name asc, then id asc; rows [offset, offset + limit). */
export function rankContributors(store: EventStore, stats: RangeStats, offset = 0, limit = Infinity): ContributorRow[] {
  const names = store.displayName;
  const ids = store.members;
  const ranked = rankedContributors(store, stats, offset + limit);
  const { member, posts, replies, accepted } = stats.contributors;
  // Only the requested rows become objects: a report needs the first few of thousands.
  const rows: ContributorRow[] = [];
  for (let i = offset; i < ranked.length && i < offset + limit; i++) {
    const c = ranked[i]!;
    const m = member[c]!;
    const row: ContributorRow = {
      rank: i + 1,
      memberId: ids.idOf(m),
      displayName: names[m]!,
      trustLevel: store.trustLevel.data[m]!,
      posts: posts[c]!,
      replies: replies[c]!,
      acceptedAnswers: accepted[c]!,
      total: posts[c]! + replies[c]! + accepted[c]!,
    };
    const avatarUrl = store.avatarUrl[m];
    if (avatarUrl !== undefined && avatarUrl !== '') row.avatarUrl = avatarUrl;
    rows.push(row);
  }
  return rows;
}

/** How many leading contributors a partial ranking keeps: a report's rows and the first pages of the table. */
const TOP_K = 128;

/**
 * The entries of `stats.contributors` in rank order, at least the first
 * `needed` of them. A report needs ten of thousands, so up to `TOP_K` are
 * selected in one pass (O(n) against the current K-th, sorted insertion for
 * the few that beat it); the full sort runs, once per range, only when a page
 * goes past them. Each entry's rank key is one number (total, then its
 * member's place in name order, which breaks every tie), so the selection is
 * exactly the head of the full sort.
 */
function rankedContributors(store: EventStore, stats: RangeStats, needed: number): Int32Array {
  if (stats.rankedContributors) return stats.rankedContributors;
  const order = store.memberNameOrder();
  const { length, member, posts, replies, accepted } = stats.contributors;
  // key = total · 2^26 + (2^26 − 1 − name place): larger key ranks first; exact below 2^53.
  const NAMES = 0x4000000;
  const keyOf = (i: number): number => (posts[i]! + replies[i]! + accepted[i]!) * NAMES + (NAMES - 1 - order[member[i]!]!);
  if (needed > TOP_K || length <= TOP_K || order.length > NAMES) {
    const totals = new Int32Array(length);
    for (let i = 0; i < length; i++) totals[i] = posts[i]! + replies[i]! + accepted[i]!;
    const all = new Int32Array(length);
    for (let i = 0; i < length; i++) all[i] = i;
    all.sort((a, b) => totals[b]! - totals[a]! || order[member[a]!]! - order[member[b]!]!);
    stats.rankedContributors = all;
    return all;
  }
  if (stats.topContributors) return stats.topContributors;
  const top = new Int32Array(TOP_K);
  const topKeys = new Float64Array(TOP_K);
  let size = 0;
  for (let i = 0; i < length; i++) {
    const key = keyOf(i);
    if (size === TOP_K && key <= topKeys[TOP_K - 1]!) continue;
    // Insert by descending key.
    let at = size === TOP_K ? TOP_K - 1 : size++;
    while (at > 0 && topKeys[at - 1]! < key) {
      topKeys[at] = topKeys[at - 1]!;
      top[at] = top[at - 1]!;
      at--;
    }
    topKeys[at] = key;
    top[at] = i;
  }
  stats.topContributors = top.subarray(0, size);
  return stats.topContributors;
}

/** One row per day of the range (zeros included); rows [offset, offset + limit). */
export function dailyRows(stats: RangeStats, offset = 0, limit = Infinity): DailyRow[] {
  const rows: DailyRow[] = [];
  for (let i = offset; i < stats.posts.length && i < offset + limit; i++) {
    rows.push({ date: formatIsoDate(stats.startDay + i), posts: stats.posts[i]!, replies: stats.replies[i]! });
  }
  return rows;
}

/** Median (mean of the two middle values for an even count) and nearest-rank p90. */
export function responseTimes(minutes: readonly number[]): { median: number | null; p90: number | null } {
  const n = minutes.length;
  if (n === 0) return { median: null, p90: null };
  const sorted = Float64Array.from(minutes).sort();
  const median = n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  const p90 = sorted[Math.ceil(0.9 * n) - 1]!;
  return { median, p90 };
}

export interface ReportContext {
  range: DateRange;
  previousRange: DateRange;
  timeZone: string;
  path: Path;
  recordingSince: number | null;
  topN: number;
  autoModeration: boolean;
  /** Counted posts + replies of the previous period, on the same path. */
  previousTotal: number;
}

function sum(values: Int32Array): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i]!;
  return total;
}

/** The public report from one path's statistics. */
export function buildReport(store: EventStore, stats: RangeStats, ctx: ReportContext): AnalyticsReport {
  const totalPosts = sum(stats.posts);
  const totalReplies = sum(stats.replies);
  const current = totalPosts + totalReplies;
  const spaces = rankSpaces(store, stats, 0, ctx.topN);
  const contributors = rankContributors(store, stats, 0, ctx.topN);
  const { median, p90 } = responseTimes(stats.responseMinutes);
  return {
    range: { start: ctx.range.start, end: ctx.range.end },
    previousRange: { start: ctx.previousRange.start, end: ctx.previousRange.end },
    timeZone: ctx.timeZone,
    path: ctx.path,
    recordingSince: ctx.recordingSince,
    overview: {
      totalPosts,
      totalReplies,
      activeMembers: stats.activeMembers,
      growthRate: ctx.previousTotal === 0 ? null : ((current - ctx.previousTotal) / ctx.previousTotal) * 100,
    },
    daily: dailyRows(stats),
    topSpaces: { total: stats.spaces.length, rows: spaces },
    topContributors: { total: stats.contributors.length, rows: contributors },
    engagement: {
      avgRepliesPerPost: totalPosts === 0 ? null : totalReplies / totalPosts,
      upvotes: stats.upvotes,
      downvotes: stats.downvotes,
      acceptedAnswers: stats.acceptedAnswers,
      questionsAsked: stats.questionsAsked,
      questionsResolved: stats.questionsResolved,
      acceptedAnswerRate: stats.questionsAsked === 0 ? null : stats.questionsResolved / stats.questionsAsked,
      newMembers: stats.newMembers,
    },
    moderation: {
      flagsRaised: stats.flagsRaised,
      flagsOpen: stats.flagsOpen,
      autoModTriggers: ctx.autoModeration ? stats.autoModTriggers : null,
      medianResponseMinutes: median,
      p90ResponseMinutes: p90,
    },
  };
}
