import { formatIsoDate } from '../model/dates.js';
import { reportFigures } from '../model/metrics.js';
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
      displayName: store.displayNameOf(m),
      trustLevel: store.trustLevel.data[m]!,
      posts: posts[c]!,
      replies: replies[c]!,
      acceptedAnswers: accepted[c]!,
      total: posts[c]! + replies[c]! + accepted[c]!,
    };
    const avatarUrl = store.avatarUrlOf(m);
    if (avatarUrl !== undefined && avatarUrl !== '') row.avatarUrl = avatarUrl;
    rows.push(row);
  }
  return rows;
}

/** How many leading contributors a partial ranking keeps: a report's rows and the first pages of the table. */
const TOP_K = 128;

/**
 * The entries of `stats.contributors` in rank order, at least the first
 * `needed` of them. A report needs ten of thousands, so only the head is
 * selected (see `topContributors`); the full sort runs, once per range, only
 * when a page goes past it, and compares names through the store's cached
 * name order. Both give exactly the head of the same total order.
 */
function rankedContributors(store: EventStore, stats: RangeStats, needed: number): Int32Array {
  if (stats.rankedContributors) return stats.rankedContributors;
  const { length, member } = stats.contributors;
  if (needed > TOP_K || length <= TOP_K) {
    const order = store.memberNameOrder();
    const totals = totalsOf(stats);
    const all = new Int32Array(length);
    for (let i = 0; i < length; i++) all[i] = i;
    all.sort((a, b) => totals[b]! - totals[a]! || order[member[a]!]! - order[member[b]!]!);
    stats.rankedContributors = all;
    return all;
  }
  stats.topContributors ??= topContributors(store, stats);
  return stats.topContributors;
}

function totalsOf(stats: RangeStats): Int32Array {
  const { length, posts, replies, accepted } = stats.contributors;
  const totals = new Int32Array(length);
  for (let i = 0; i < length; i++) totals[i] = posts[i]! + replies[i]! + accepted[i]!;
  return totals;
}

/**
 * The first `TOP_K` entries in rank order, without ordering every member by
 * name (a sort of all names costs 150 ms at 250 000 members, and every new
 * member or new name would redo it): the K-th largest total T is found with a
 * small heap; the entries above T (fewer than K) and the ones at T are the
 * only candidates, and names are compared among those alone, the ones at T
 * in one pass against the current K-th.
 */
function topContributors(store: EventStore, stats: RangeStats): Int32Array {
  const { length, member } = stats.contributors;
  const totals = totalsOf(stats);
  // Min-heap of the K largest totals; its root is the K-th largest, T.
  const heap = new Int32Array(TOP_K);
  let size = 0;
  for (let i = 0; i < length; i++) {
    const t = totals[i]!;
    if (size < TOP_K) {
      let at = size++;
      while (at > 0 && heap[(at - 1) >> 1]! > t) {
        heap[at] = heap[(at - 1) >> 1]!;
        at = (at - 1) >> 1;
      }
      heap[at] = t;
    } else if (t > heap[0]!) {
      let at = 0;
      for (;;) {
        const left = 2 * at + 1;
        if (left >= TOP_K) break;
        const child = left + 1 < TOP_K && heap[left + 1]! < heap[left]! ? left + 1 : left;
        if (heap[child]! >= t) break;
        heap[at] = heap[child]!;
        at = child;
      }
      heap[at] = t;
    }
  }
  const threshold = heap[0]!;
  const ids = store.members;
  const byName = (a: number, b: number): number => store.compareNames(member[a]!, member[b]!) || ids.compareRows(member[a]!, member[b]!);
  const above: number[] = [];
  for (let i = 0; i < length; i++) if (totals[i]! > threshold) above.push(i);
  above.sort((a, b) => totals[b]! - totals[a]! || byName(a, b));
  // Of the entries at T, the first `room` by name: sorted insertion, most rejected by one comparison.
  const room = TOP_K - above.length;
  const tied: number[] = [];
  for (let i = 0; i < length; i++) {
    if (totals[i] !== threshold) continue;
    if (tied.length === room && byName(i, tied[room - 1]!) >= 0) continue;
    let lo = 0;
    let hi = tied.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (byName(tied[mid]!, i) < 0) lo = mid + 1;
      else hi = mid;
    }
    tied.splice(lo, 0, i);
    if (tied.length > room) tied.pop();
  }
  return Int32Array.from([...above, ...tied]);
}

/** One row per day of the range (zeros included); rows [offset, offset + limit). */
export function dailyRows(stats: RangeStats, offset = 0, limit = Infinity): DailyRow[] {
  const rows: DailyRow[] = [];
  for (let i = offset; i < stats.posts.length && i < offset + limit; i++) {
    rows.push({ date: formatIsoDate(stats.startDay + i), posts: stats.posts[i]!, replies: stats.replies[i]! });
  }
  return rows;
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

/**
 * The public report from one path's statistics. The figures of the overview,
 * engagement and moderation sections are made by walking the metric registry
 * (`reportFigures`): a counted figure is copied from `stats.counts`, a derived
 * one made by its declared formula, so no figure has a line of its own here.
 */
export function buildReport(store: EventStore, stats: RangeStats, ctx: ReportContext): AnalyticsReport {
  const { overview, engagement, moderation } = reportFigures({
    posts: sum(stats.posts),
    replies: sum(stats.replies),
    activeMembers: stats.activeMembers,
    counts: stats.counts,
    previousContent: ctx.previousTotal,
    responseMinutes: Float64Array.from(stats.responseMinutes).sort(),
    autoModeration: ctx.autoModeration,
  });
  return {
    range: { start: ctx.range.start, end: ctx.range.end },
    previousRange: { start: ctx.previousRange.start, end: ctx.previousRange.end },
    timeZone: ctx.timeZone,
    path: ctx.path,
    recordingSince: ctx.recordingSince,
    overview,
    daily: dailyRows(stats),
    topSpaces: { total: stats.spaces.length, rows: rankSpaces(store, stats, 0, ctx.topN) },
    topContributors: { total: stats.contributors.length, rows: rankContributors(store, stats, 0, ctx.topN) },
    engagement,
    moderation,
  };
}
