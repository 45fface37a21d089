import type { EventColumns } from '../model/event-columns.js';
import type { IngestResult } from '../model/events.js';
import { parseIsoDate } from '../model/dates.js';
import { checkReportQuery, checkReserve, checkRowsQuery } from '../model/query.js';
import { previousRange } from '../model/range.js';
import type { AnalyticsReport, DateRange, DiffReport, Path, RowsPage, TableId } from '../model/report.js';
import type { TableRows } from '../model/table-rows.js';
import { Aggregator } from './aggregator.js';
import { AggregatorDrop, checkDropRate } from './aggregator-drop.js';
import { diffMetrics } from './diff.js';
import { DirectReader } from './direct-reader.js';
import type { RangeStats, StatsReader } from './range-stats.js';
import { buildReport, dailyRows, rankContributors, rankSpaces } from './report-builder.js';
import { EventStore } from './store.js';

/** The options of `new AnalyticsEngine(options)`. */
export interface EngineOptions {
  /** IANA name or fixed `±HH:MM` offset; default `UTC`. */
  timeZone?: string;
  /** Epoch ms from which the aggregator records; null/undefined = it saw everything. */
  aggregatorSince?: number | null;
  /** False when the source has no automod data ("Advanced Moderation" off). */
  autoModeration?: boolean;
  /**
   * Share of the store's changes the aggregator never hears, 0 ≤ rate < 1
   * (default 0), like lost webhooks: a demo of drift in verify mode. Which
   * changes are lost is seeded, so a stream always loses the same ones.
   */
  aggregatorDropRate?: number;
}

/** What a report is computed for. */
export interface EngineQuery {
  /** The local days counted, first and last included. */
  range: DateRange;
  /** Which way it is counted: `direct` (a scan of the store, the default) or `aggregate` (the aggregator's rollups). */
  path?: Path;
  /** Rows of each ranked table the report carries: a whole number up to 100, default 10. */
  topN?: number;
}

/** A page of a table: `offset`/`limit` applied after ranking. */
export interface EngineRowsQuery extends EngineQuery {
  offset: number;
  limit: number;
}

/**
 * The whole computation: one store, the direct reader that scans it and the
 * aggregator that follows it. Synchronous and DOM-free; data sources put an
 * async (and Worker) boundary around it.
 */
export class AnalyticsEngine {
  /** @internal The store's columns and id tables: for the engine's own tests and benchmarks, not part of the API. */
  readonly store: EventStore;
  /** @internal The aggregate path's reader (see `store`). */
  readonly aggregator: Aggregator;
  /** @internal The direct path's reader (see `store`). */
  readonly direct: DirectReader;
  /** Aggregator start (epoch ms) as given in the options, or null. */
  readonly recordingSince: number | null;
  /** Whether reports count automod triggers (else `autoModTriggers` is null). */
  readonly autoModeration: boolean;
  /** Share of changes the aggregator is made to miss (0 normally; a drill for the verify view). */
  readonly aggregatorDropRate: number;
  // The last range's statistics per path, so paging a table does not recount.
  private readonly cache = new Map<string, RangeStats>();
  private cacheVersion = -1;

  constructor(options: EngineOptions = {}) {
    this.store = new EventStore(options.timeZone ?? 'UTC');
    this.recordingSince = options.aggregatorSince ?? null;
    this.autoModeration = options.autoModeration ?? true;
    this.aggregatorDropRate = checkDropRate(options.aggregatorDropRate ?? 0);
    this.aggregator = new Aggregator(this.store, this.recordingSince);
    this.store.setListener(
      this.aggregatorDropRate > 0 ? new AggregatorDrop(this.aggregator, this.store, this.aggregatorDropRate) : this.aggregator,
    );
    this.direct = new DirectReader(this.store);
  }

  get timeZone(): string {
    return this.store.timeZone;
  }

  ingest(events: readonly unknown[]): IngestResult {
    const result = this.store.ingest(events);
    if (this.store.takeLoadDone()) this.compact();
    return result;
  }

  /**
   * Ingests events given as columns (`EventColumns`), without an object per
   * event: same checks and result as `ingest` of the events they stand for,
   * `rejected[].index` from `columns.index`. Throws a `TypeError` when the
   * columns' structure is broken (see `EventStore.ingestColumns`).
   */
  ingestColumns(columns: EventColumns): IngestResult {
    const result = this.store.ingestColumns(columns);
    if (this.store.takeLoadDone()) this.compact();
    return result;
  }

  /**
   * Says that about `events` more events are coming (a loader that knows its
   * total: a generated community, a file, a REST source's count). The tables
   * then grow to their projected share of them in two or three steps instead
   * of a step every half again: ingest is faster and leaves less slack. A
   * hint only: more or fewer events work the same, a smaller hint than one
   * given before changes nothing, and a hint far above what arrives costs
   * at most eight times a table's memory. Once that many events have been
   * ingested (counting duplicates and rejected ones), the load is taken as
   * done and the engine compacts itself (`compact`). Throws an
   * `AnalyticsError` `invalid_query` unless `events` is a whole number from
   * 0 to 2^31 − 1.
   */
  reserve(events: number): void {
    this.store.reserve(checkReserve(events));
  }

  /**
   * Packs the engine after a load: the aggregator's open tables are sorted,
   * trimmed and narrowed as past days' tables already are, and per-batch
   * scratch is dropped (about 10 B an event at 1 M events). Reports do not
   * change. Ingesting more afterwards works as before; a late event opens
   * its tables again at the cost of one pass over each. Called on its own
   * when a load announced by `reserve` is in; call it after a load made
   * without a hint.
   */
  compact(): void {
    this.store.compact();
    this.aggregator.compact();
  }

  report(query: EngineQuery): AnalyticsReport {
    const { range, path, topN } = checkReportQuery(query);
    const reader = this.reader(path);
    const stats = this.stats(path, range);
    const previous = previousRange(range);
    const previousTotal = reader.contentTotal(parseIsoDate(previous.start), parseIsoDate(previous.end));
    return buildReport(this.store, stats, {
      range,
      previousRange: previous,
      timeZone: this.timeZone,
      path,
      recordingSince: this.recordingSince,
      topN,
      autoModeration: this.autoModeration,
      previousTotal,
    });
  }

  rows<T extends TableId>(table: T, query: EngineRowsQuery): RowsPage<TableRows[T]> {
    const { range, path, offset, limit } = checkRowsQuery(table, query);
    const stats = this.stats(path, range);
    switch (table) {
      case 'daily':
        return { total: stats.posts.length, rows: dailyRows(stats, offset, limit) as TableRows[T][] };
      case 'top-spaces':
        return { total: stats.spaces.length, rows: rankSpaces(this.store, stats, offset, limit) as TableRows[T][] };
      case 'top-contributors':
        return { total: stats.contributors.length, rows: rankContributors(this.store, stats, offset, limit) as TableRows[T][] };
      default:
        throw new RangeError(`Unknown table "${String(table)}": use "daily", "top-spaces" or "top-contributors"`);
    }
  }

  diffReport(range: DateRange, label: string): DiffReport {
    const direct = this.report({ range, path: 'direct' });
    const aggregated = this.report({ range, path: 'aggregate' });
    return { range: label, metrics: diffMetrics(direct, aggregated) };
  }

  private reader(path: Path): StatsReader {
    if (path === 'direct') return this.direct;
    if (path === 'aggregate') return this.aggregator;
    throw new RangeError(`Unknown path "${String(path)}": use "direct" or "aggregate"`);
  }

  private stats(path: Path, range: DateRange): RangeStats {
    const reader = this.reader(path);
    if (this.cacheVersion !== this.store.version) {
      this.cache.clear();
      this.cacheVersion = this.store.version;
    }
    const key = `${path}|${range.start}|${range.end}`;
    let stats = this.cache.get(key);
    if (!stats) {
      stats = reader.rangeStats(parseIsoDate(range.start), parseIsoDate(range.end));
      if (this.cache.size >= 4) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(key, stats);
    }
    return stats;
  }
}
