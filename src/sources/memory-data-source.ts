import { checkDropRate } from '../engine/aggregator-drop.js';
import type { CsvOptions } from '../engine/csv.js';
import type { EngineOptions } from '../engine/engine.js';
import type { CommunityOptions } from '../generator/community.js';
import { AnalyticsError, ERROR_CODES } from '../model/errors.js';
import type { IngestResult } from '../model/events.js';
import { normalizeTimeZone } from '../model/time-zone.js';
import { parseRange, rangeLabel } from '../model/range.js';
import type { AnalyticsReport, DateRange, DiffReport, RangePreset, ReportQuery, RowsPage, RowsQuery, TableId } from '../model/report.js';
import type { CsvFile, EngineBackend, IngestProgress } from '../worker/backend.js';
import { InProcessBackend } from '../worker/in-process-backend.js';
import { WorkerBackend } from '../worker/worker-backend.js';
import type { AnalyticsDataSource, TableRows } from './data-source.js';

export interface MemoryDataSourceOptions {
  /** The site's time zone: an IANA name or a fixed `±HH:MM` offset. Default `UTC`. */
  timeZone?: string;
  /** The clock that decides "today" for presets: epoch ms or a function returning it. Default `Date.now`. */
  now?: number | (() => number);
  /** Run the engine in the page's shared Web Worker where `Worker` exists. Default true. */
  worker?: boolean;
  /** How long a worker call may take before the worker is restarted, in ms. Default 20 000. */
  workerTimeoutMs?: number;
  /** Epoch ms from which the aggregator records ("recording since"); null = it saw everything. */
  aggregatorSince?: number | null;
  /** False when the source has no automod data ("Advanced Moderation" off). Default true. */
  autoModeration?: boolean;
  /**
   * Share of changes the aggregator never hears, 0 ≤ rate < 1, like lost
   * webhooks, so verify mode shows drift (docs/semantics.md). Default 0.
   */
  aggregatorDropRate?: number;
}

export interface IngestOptions {
  /** Called after each chunk with how many events were handled. */
  onProgress?: (progress: IngestProgress) => void;
}

/**
 * A data source over raw events held in memory: feed it with `ingest()`,
 * then read reports on both paths. In a browser the engine runs in a shared
 * Web Worker (the page only renders); with `worker: false`, or where no
 * Worker exists (Node), it runs in-process with identical results.
 */
export class MemoryDataSource implements AnalyticsDataSource {
  readonly timeZone: string;
  /** Aggregator start, epoch ms, or null when it saw everything. */
  readonly recordingSince: number | null;
  private backend: EngineBackend | null;
  private readonly clock: () => number;
  private held = 0;

  constructor(options: MemoryDataSourceOptions = {}) {
    try {
      this.timeZone = normalizeTimeZone(options.timeZone ?? 'UTC');
    } catch (error) {
      throw asQueryError(error);
    }
    const since = options.aggregatorSince ?? null;
    if (since !== null && !Number.isFinite(since)) {
      throw new AnalyticsError(ERROR_CODES.invalidQuery, `"aggregatorSince" must be epoch milliseconds or null, got ${String(since)}`);
    }
    this.recordingSince = since;
    let aggregatorDropRate: number;
    try {
      aggregatorDropRate = checkDropRate(options.aggregatorDropRate ?? 0);
    } catch (error) {
      throw asQueryError(error);
    }
    const engineOptions: EngineOptions = {
      timeZone: this.timeZone,
      aggregatorSince: since,
      autoModeration: options.autoModeration ?? true,
      aggregatorDropRate,
    };
    const useWorker = (options.worker ?? true) && typeof Worker !== 'undefined';
    this.backend = useWorker ? new WorkerBackend(engineOptions, options.workerTimeoutMs) : new InProcessBackend(engineOptions);
    const now = options.now;
    this.clock = typeof now === 'function' ? now : typeof now === 'number' ? () => now : () => Date.now();
  }

  /** Where the engine runs: `worker` or `in-process`. */
  get runsIn(): EngineBackend['kind'] {
    return this.live().kind;
  }

  /** Events still waiting for an entity they refer to (a status change before its content). */
  get heldCount(): number {
    return this.held;
  }

  /** Adds events (any order, repeats allowed); malformed ones are listed in `rejected`, never thrown. */
  async ingest(events: readonly unknown[], options: IngestOptions = {}): Promise<IngestResult> {
    if (!Array.isArray(events)) throw new AnalyticsError(ERROR_CODES.invalidQuery, 'ingest() takes an array of events');
    return this.counted(await this.live().ingest(events, options.onProgress));
  }

  /** Generates a seeded community where the engine runs and ingests it (demo and benchmark data). */
  async ingestCommunity(community: CommunityOptions, options: IngestOptions = {}): Promise<IngestResult> {
    return this.counted(await this.live().ingestCommunity(community, options.onProgress));
  }

  private counted(result: IngestResult): IngestResult {
    this.held += result.held - result.released;
    return result;
  }

  async report(q: ReportQuery): Promise<AnalyticsReport> {
    return this.live().report(engineQuery(q), q.signal);
  }

  async rows<T extends TableId>(table: T, q: RowsQuery): Promise<RowsPage<TableRows[T]>> {
    return this.live().rows(table, { ...engineQuery(q), offset: q.offset, limit: q.limit }, q.signal);
  }

  async diffReport(q: { range: DateRange | RangePreset; signal?: AbortSignal }): Promise<DiffReport> {
    const range = this.resolveRange(q.range);
    return this.live().diffReport(range, rangeLabel(q.range), q.signal);
  }

  /** Every row of a table for the range as CSV, built where the engine runs. */
  async csv(table: TableId, q: ReportQuery, options: CsvOptions = {}): Promise<CsvFile> {
    return this.live().csv(table, engineQuery(q), options, q.signal);
  }

  /** The clock this source resolves presets with (epoch ms). */
  now(): number {
    return this.clock();
  }

  /** Resolves a preset or `start..end` text against this source's zone and clock. */
  resolveRange(input: DateRange | RangePreset | string): DateRange {
    try {
      return parseRange(input, { timeZone: this.timeZone, now: this.clock() });
    } catch (error) {
      throw asQueryError(error);
    }
  }

  /** Frees the engine (and the worker, when this was its last source); later calls reject with `source_closed`. */
  close(): void {
    this.backend?.close();
    this.backend = null;
  }

  private live(): EngineBackend {
    if (!this.backend) throw new AnalyticsError(ERROR_CODES.closed, 'This data source was closed.');
    return this.backend;
  }
}

/** The part of a query the engine needs; the signal stays on this side. */
function engineQuery(q: ReportQuery): { range: DateRange; path?: ReportQuery['path']; topN?: number } {
  if (typeof q !== 'object' || q === null || typeof q.range !== 'object' || q.range === null) {
    throw new AnalyticsError(ERROR_CODES.invalidQuery, 'A query needs a "range" such as { start: "2026-11-01", end: "2026-11-30" }');
  }
  const query: { range: DateRange; path?: ReportQuery['path']; topN?: number } = { range: { start: q.range.start, end: q.range.end } };
  if (q.path !== undefined) query.path = q.path;
  if (q.topN !== undefined) query.topN = q.topN;
  return query;
}

function asQueryError(error: unknown): unknown {
  return error instanceof RangeError ? new AnalyticsError(ERROR_CODES.invalidQuery, error.message, { cause: error }) : error;
}
