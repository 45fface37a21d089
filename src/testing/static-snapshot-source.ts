/**
 * A small custom data source over a static JSON snapshot of per-day counts,
 * written the way docs/custom-data-source.md describes: it computes the report
 * itself from its own data, validates ranges, honours abort signals and
 * rejects with `AnalyticsError`. It passes `runDataSourceContract`.
 */
import { diffMetrics } from '../engine/diff.js';
import { formatIsoDate, isIsoDate, parseIsoDate } from '../model/dates.js';
import { AnalyticsError, ERROR_CODES, abortError } from '../model/errors.js';
import { COUNTED_METRIC_KEYS, reportFigures, type CountedMetricKey } from '../model/metrics.js';
import { checkInstant } from '../model/options.js';
import { checkDiffQuery, checkReportQuery, checkRowsQuery } from '../model/query.js';
import { presetRange, previousRange, rangeLabel, todayIn } from '../model/range.js';
import type {
  AnalyticsReport,
  ContributorRow,
  DailyRow,
  DateRange,
  DiffReport,
  Path,
  RangePreset,
  ReportQuery,
  RowsPage,
  RowsQuery,
  SpaceRow,
  TableId,
} from '../model/report.js';
import { normalizeTimeZone } from '../model/time-zone.js';
import type { AnalyticsDataSource, TableRows } from '../sources/data-source.js';

/** What one member did in one space on one day (counted content only). */
export interface SnapshotActivity {
  spaceId: string;
  memberId: string;
  posts?: number;
  replies?: number;
  /** Answers by this member accepted on this day, in this (Q&A) space. */
  acceptedAnswers?: number;
  /** Of the posts (questions) created this day, how many now have an accepted answer. */
  questionsResolved?: number;
}

/**
 * The counted figures a snapshot reads from its activity and members rather
 * than from a plain count of the day: the accepted answers and questions of
 * the Q&A spaces (`SnapshotActivity`), the joins (`joinedOn`).
 */
const NOT_DAY_COUNTS = Object.freeze(['acceptedAnswers', 'questionsAsked', 'questionsResolved', 'newMembers'] as const) satisfies readonly CountedMetricKey[];

/** A counted figure a snapshot day holds as a plain count (a key of `SNAPSHOT_DAY_COUNTS`). */
export type SnapshotDayCount = Exclude<CountedMetricKey, (typeof NOT_DAY_COUNTS)[number]>;

/**
 * The figures a snapshot day holds as a plain count of that day, named as the
 * registry's figure they add up to over a range: every counted figure of the
 * registry but those read from the activity and members. The source sums them and the
 * demo's snapshot writer fills them, both from this one list; a counted figure
 * added to the registry becomes a field of `SnapshotDay` without a change here.
 */
export const SNAPSHOT_DAY_COUNTS: readonly SnapshotDayCount[] = Object.freeze(
  COUNTED_METRIC_KEYS.filter((key): key is SnapshotDayCount => !(NOT_DAY_COUNTS as readonly CountedMetricKey[]).includes(key)),
);

/**
 * One local day of a snapshot: the activity per member and space, the voters,
 * the response times, and a plain count per figure of `SNAPSHOT_DAY_COUNTS`
 * (the registry's counted figures but `NOT_DAY_COUNTS`; `flagsOpen` counts the
 * flags raised that day that are still unresolved), each left out when 0.
 */
export interface SnapshotDay extends Partial<Record<SnapshotDayCount, number>> {
  /** Local date `YYYY-MM-DD` in the snapshot's time zone. */
  date: string;
  activity?: SnapshotActivity[];
  /** Members who cast a (not retracted) vote that day. */
  voters?: string[];
  /** Minutes to resolution of each resolved flag raised that day. */
  responseMinutes?: number[];
}

export interface StaticSnapshot {
  /** The site's time zone (IANA name or `±HH:MM`); default UTC. */
  timeZone?: string;
  /** When the snapshot was taken, epoch ms: "today" for presets. */
  takenAt: number;
  /** The aggregator's start, epoch ms: on the aggregate path, days before its local date count nothing. */
  recordingSince?: number | null;
  /** False when the site has no automod data. Default true. */
  autoModeration?: boolean;
  spaces: { id: string; name: string; kind: 'discussion' | 'qa' }[];
  members: { id: string; displayName: string; avatarUrl?: string; trustLevel: number; joinedOn: string }[];
  days: SnapshotDay[];
}

/** Reads a `StaticSnapshot` (e.g. fetched JSON) and answers the data-source contract from it. */
export class StaticSnapshotSource implements AnalyticsDataSource {
  readonly timeZone: string;
  private readonly snapshot: StaticSnapshot;
  private readonly byDate = new Map<string, SnapshotDay>();
  private readonly spaces = new Map<string, StaticSnapshot['spaces'][number]>();
  private readonly members = new Map<string, StaticSnapshot['members'][number]>();
  /** First local date the aggregate path counts, or null for every day. */
  private readonly aggregateFrom: string | null;

  constructor(snapshot: StaticSnapshot) {
    if (typeof snapshot !== 'object' || snapshot === null || !Array.isArray(snapshot.days) || !Array.isArray(snapshot.spaces) || !Array.isArray(snapshot.members)) {
      throw new AnalyticsError(ERROR_CODES.invalidQuery, 'A snapshot needs "days", "spaces" and "members" arrays.');
    }
    checkInstant('StaticSnapshotSource', 'takenAt', snapshot.takenAt);
    if (snapshot.recordingSince !== undefined && snapshot.recordingSince !== null) checkInstant('StaticSnapshotSource', 'recordingSince', snapshot.recordingSince);
    try {
      this.timeZone = normalizeTimeZone(snapshot.timeZone ?? 'UTC');
    } catch (error) {
      throw new AnalyticsError(ERROR_CODES.invalidQuery, (error as Error).message, { cause: error });
    }
    this.snapshot = snapshot;
    for (const s of snapshot.spaces) this.spaces.set(s.id, s);
    for (const m of snapshot.members) this.members.set(m.id, m);
    for (const day of snapshot.days) {
      if (!isIsoDate(day.date)) throw new AnalyticsError(ERROR_CODES.invalidQuery, `Snapshot day "${String(day.date)}" is not a YYYY-MM-DD date.`);
      if (this.byDate.has(day.date)) throw new AnalyticsError(ERROR_CODES.invalidQuery, `Snapshot day ${day.date} appears twice.`);
      for (const a of day.activity ?? []) {
        if (!this.spaces.has(a.spaceId)) throw new AnalyticsError(ERROR_CODES.invalidQuery, `Snapshot day ${day.date} names unknown space "${a.spaceId}".`);
        if (!this.members.has(a.memberId)) throw new AnalyticsError(ERROR_CODES.invalidQuery, `Snapshot day ${day.date} names unknown member "${a.memberId}".`);
      }
      this.byDate.set(day.date, day);
    }
    const since = snapshot.recordingSince ?? null;
    this.aggregateFrom = since === null ? null : todayIn(this.timeZone, since);
  }

  now(): number {
    return this.snapshot.takenAt;
  }

  async report(q: ReportQuery): Promise<AnalyticsReport> {
    checkSignal(q?.signal);
    const { range, path, topN } = checkReportQuery(q);
    const current = this.compute(range, path);
    const before = this.compute(previousRange(range), path);
    const newMembers = this.snapshot.members.filter((m) => m.joinedOn >= range.start && m.joinedOn <= range.end && this.counts(m.joinedOn, path)).length;
    // Every figure from the registry: counted ones copied, the others by their declared formula.
    const { overview, engagement, moderation } = reportFigures({
      posts: current.posts,
      replies: current.replies,
      activeMembers: current.active.size,
      counts: { ...current.dayCounts, acceptedAnswers: current.acceptedAnswers, questionsAsked: current.questionsAsked, questionsResolved: current.questionsResolved, newMembers },
      previousContent: before.posts + before.replies,
      responseMinutes: current.responseMinutes.slice().sort((x, y) => x - y),
      autoModeration: this.snapshot.autoModeration !== false,
    });
    return {
      range,
      previousRange: previousRange(range),
      timeZone: this.timeZone,
      path,
      recordingSince: this.snapshot.recordingSince ?? null,
      overview,
      daily: current.daily,
      topSpaces: { total: current.spaces.length, rows: current.spaces.slice(0, topN) },
      topContributors: { total: current.contributors.length, rows: current.contributors.slice(0, topN) },
      engagement,
      moderation,
    };
  }

  async rows<T extends TableId>(table: T, q: RowsQuery): Promise<RowsPage<TableRows[T]>> {
    checkSignal(q?.signal);
    const { range, path, offset, limit } = checkRowsQuery(table, q);
    const c = this.compute(range, path);
    const all: (DailyRow | SpaceRow | ContributorRow)[] = table === 'daily' ? c.daily : table === 'top-spaces' ? c.spaces : c.contributors;
    return { total: all.length, rows: all.slice(offset, offset + limit) as TableRows[T][] };
  }

  async diffReport(q: { range: DateRange | RangePreset; signal?: AbortSignal }): Promise<DiffReport> {
    checkSignal(q?.signal);
    const { range: input } = checkDiffQuery(q);
    const range = typeof input === 'string' ? presetRange(input, this.timeZone, this.now()) : input;
    const [direct, aggregated] = await Promise.all([this.report({ range, path: 'direct' }), this.report({ range, path: 'aggregate' })]);
    return { range: rangeLabel(input), metrics: diffMetrics(direct, aggregated) };
  }

  /** Whether a day counts on a path: the aggregate path misses days before it started recording. */
  private counts(date: string, path: Path): boolean {
    return path === 'direct' || this.aggregateFrom === null || date >= this.aggregateFrom;
  }

  private compute(range: DateRange, path: Path) {
    const out = {
      daily: [] as DailyRow[],
      posts: 0,
      replies: 0,
      active: new Set<string>(),
      dayCounts: Object.fromEntries(SNAPSHOT_DAY_COUNTS.map((key) => [key, 0])) as Record<SnapshotDayCount, number>,
      acceptedAnswers: 0,
      questionsAsked: 0,
      questionsResolved: 0,
      responseMinutes: [] as number[],
      spaces: [] as SpaceRow[],
      contributors: [] as ContributorRow[],
    };
    const spaces = new Map<string, { posts: number; replies: number; authors: Set<string> }>();
    const people = new Map<string, { posts: number; replies: number; acceptedAnswers: number }>();
    const last = parseIsoDate(range.end);
    for (let n = parseIsoDate(range.start); n <= last; n++) {
      const date = formatIsoDate(n);
      const day = this.counts(date, path) ? this.byDate.get(date) : undefined;
      let posts = 0;
      let replies = 0;
      for (const a of day?.activity ?? []) {
        const p = a.posts ?? 0;
        const r = a.replies ?? 0;
        const acc = a.acceptedAnswers ?? 0;
        posts += p;
        replies += r;
        if (p + r > 0) out.active.add(a.memberId);
        if (p + r > 0) {
          const s = spaces.get(a.spaceId) ?? { posts: 0, replies: 0, authors: new Set<string>() };
          s.posts += p;
          s.replies += r;
          s.authors.add(a.memberId);
          spaces.set(a.spaceId, s);
        }
        const who = people.get(a.memberId) ?? { posts: 0, replies: 0, acceptedAnswers: 0 };
        who.posts += p;
        who.replies += r;
        const qa = this.spaces.get(a.spaceId)?.kind === 'qa';
        // Accepted answers exist in Q&A spaces only.
        if (qa) who.acceptedAnswers += acc;
        people.set(a.memberId, who);
        if (qa) {
          out.questionsAsked += p;
          out.questionsResolved += a.questionsResolved ?? 0;
          out.acceptedAnswers += acc;
        }
      }
      for (const voter of day?.voters ?? []) out.active.add(voter);
      for (const key of SNAPSHOT_DAY_COUNTS) out.dayCounts[key] += day?.[key] ?? 0;
      out.responseMinutes.push(...(day?.responseMinutes ?? []));
      out.posts += posts;
      out.replies += replies;
      out.daily.push({ date, posts, replies });
    }
    out.spaces = [...spaces]
      .map(([id, s]) => ({ id, name: this.spaces.get(id)!.name, ...s }))
      .sort((a, b) => b.posts + b.replies - (a.posts + a.replies) || cmp(a.name, b.name) || cmp(a.id, b.id))
      .map((s, i) => ({
        rank: i + 1,
        spaceId: s.id,
        name: s.name,
        posts: s.posts,
        replies: s.replies,
        contributors: s.authors.size,
        engagementRate: s.posts === 0 ? null : s.replies / s.posts,
      }));
    out.contributors = [...people]
      .map(([id, c]) => ({ member: this.members.get(id)!, ...c, total: c.posts + c.replies + c.acceptedAnswers }))
      .filter((c) => c.total > 0)
      .sort((a, b) => b.total - a.total || cmp(a.member.displayName, b.member.displayName) || cmp(a.member.id, b.member.id))
      .map((c, i) => {
        const row: ContributorRow = {
          rank: i + 1,
          memberId: c.member.id,
          displayName: c.member.displayName,
          trustLevel: c.member.trustLevel,
          posts: c.posts,
          replies: c.replies,
          acceptedAnswers: c.acceptedAnswers,
          total: c.total,
        };
        if (c.member.avatarUrl) row.avatarUrl = c.member.avatarUrl;
        return row;
      });
    return out;
  }
}

function checkSignal(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError(signal);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
