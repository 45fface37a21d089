import { checkDropRate } from '../engine/aggregator-drop.js';
import type { CsvOptions } from '../engine/csv.js';
import type { EngineOptions } from '../engine/engine.js';
import type { CommunityOptions } from '../generator/community.js';
import { AnalyticsError, ERROR_CODES } from '../model/errors.js';
import { checkBoolean, checkClock, checkDuration, checkInstant, checkOptionNames, checkText } from '../model/options.js';
import { checkCsvQuery, checkDiffQuery, checkReportQuery, checkReserve, checkRowsQuery } from '../model/query.js';
import type { EventColumns } from '../model/event-columns.js';
import type { IngestResult } from '../model/events.js';
import { normalizeTimeZone } from '../model/time-zone.js';
import { parseRange, rangeLabel } from '../model/range.js';
import type { AnalyticsReport, DateRange, DiffReport, RangePreset, ReportQuery, RowsPage, RowsQuery, TableId } from '../model/report.js';
import { EngineClient } from '../worker/client.js';
import { InProcessTransport } from '../worker/in-process-transport.js';
import { ingestColumns, ingestCommunity, ingestEvents } from '../worker/ingest.js';
import type { CommunityLoad, CsvFile, EngineTransport, IngestProgress } from '../worker/protocol.js';
import { DEFAULT_WORKER_TIMEOUT_MS, WorkerTransport } from '../worker/worker-transport.js';
import type { AnalyticsDataSource, TableRows } from './data-source.js';

/** The options of `new MemoryDataSource(options)`. */
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

const OWNER = 'MemoryDataSource';
const OPTION_NAMES = ['timeZone', 'now', 'worker', 'workerTimeoutMs', 'aggregatorSince', 'autoModeration', 'aggregatorDropRate'] as const;

/** The options of `MemoryDataSource.ingest` and `ingestColumns`. */
export interface IngestOptions {
  /** Called after each chunk with how many events were handled. */
  onProgress?: (progress: IngestProgress) => void;
}

export interface CommunityLoadOptions extends IngestOptions {
  /**
   * Keep the generated events where the engine runs (one community at a
   * time, until a load of other options), so that a later load of the same
   * options, say by a source in another time zone, ingests them without
   * generating them again. Costs about 100 bytes per event. Default false.
   */
  keep?: boolean;
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
  private engine: EngineClient | null;
  private readonly clock: () => number;
  private held = 0;

  constructor(options: MemoryDataSourceOptions = {}) {
    const o = checkOptionNames(OWNER, options, OPTION_NAMES);
    try {
      this.timeZone = normalizeTimeZone(checkText(OWNER, 'timeZone', o.timeZone, 'UTC')!);
    } catch (error) {
      throw asQueryError(error);
    }
    const since = o.aggregatorSince === undefined || o.aggregatorSince === null ? null : checkInstant(OWNER, 'aggregatorSince', o.aggregatorSince);
    this.recordingSince = since;
    let aggregatorDropRate: number;
    try {
      aggregatorDropRate = checkDropRate(o.aggregatorDropRate ?? 0);
    } catch (error) {
      throw asQueryError(error);
    }
    const engineOptions: EngineOptions = {
      timeZone: this.timeZone,
      aggregatorSince: since,
      autoModeration: checkBoolean(OWNER, 'autoModeration', o.autoModeration, true),
      aggregatorDropRate,
    };
    const worker = checkBoolean(OWNER, 'worker', o.worker, true);
    const workerTimeoutMs = checkDuration(OWNER, 'workerTimeoutMs', o.workerTimeoutMs, DEFAULT_WORKER_TIMEOUT_MS);
    this.clock = checkClock(OWNER, 'now', o.now);
    const useWorker = worker && typeof Worker !== 'undefined';
    // The in-process engine is loaded only when it is used, so pages whose engine runs in the Worker carry it once (in the worker).
    const inProcess = () => new InProcessTransport(() => import('../worker/engine-host.js').then((m) => new m.EngineHost()));
    this.engine = new EngineClient(useWorker ? new WorkerTransport(workerTimeoutMs) : inProcess(), engineOptions);
  }

  /** Where the engine runs: `worker` or `in-process`. */
  get runsIn(): EngineTransport['kind'] {
    return this.live().kind;
  }

  /** Events still waiting for an entity they refer to (a status change before its content). */
  get heldCount(): number {
    return this.held;
  }

  /**
   * Says that about `events` more events are coming, over any number of
   * `ingest` or `ingestColumns` calls (an adapter that knows its total: a
   * file's row count, a REST source's total). The engine then sizes its
   * tables for them in a few steps instead of growing them by half again and
   * again: loading is faster and leaves less memory unused. A hint only: more
   * or fewer events work the same, and a smaller hint than one given before
   * changes nothing. A call of several chunks gives its own size anyway. Rejects with an `AnalyticsError` `invalid_query` unless
   * `events` is a whole number from 0 to 2^31 − 1.
   */
  async reserve(events: number): Promise<void> {
    await this.live().call('reserve', { events: checkReserve(events) });
  }

  /** Adds events (any order, repeats allowed); malformed ones are listed in `rejected`, never thrown. */
  async ingest(events: readonly unknown[], options: IngestOptions = {}): Promise<IngestResult> {
    if (!Array.isArray(events)) throw new AnalyticsError(ERROR_CODES.invalidQuery, 'ingest() takes an array of events');
    return this.counted(await ingestEvents(this.live(), events, options.onProgress));
  }

  /**
   * Adds events given as columns (`EventColumns`, see docs/event-columns.md): for
   * an adapter that already holds its events as columns, no object per event
   * is built. The same contract as `ingest`: the same result for the events
   * the columns stand for, bad rows listed in `rejected` with their reasons
   * (`index` taken from `columns.index`), large batches split into chunks
   * with `onProgress` after each. Columns whose structure is broken (see
   * `ingestColumns` of the engine) reject with an `AnalyticsError`
   * `invalid_query` before anything is ingested, and the source stays usable.
   *
   * The columns are read, not kept: the string table once at the call, the
   * arrays chunk by chunk (do not change them until the promise settles); in
   * a Worker they are sent as copies, so your buffers are never detached.
   */
  async ingestColumns(columns: EventColumns, options: IngestOptions = {}): Promise<IngestResult> {
    return this.counted(await ingestColumns(this.live(), columns, options.onProgress));
  }

  /**
   * Generates a seeded community where the engine runs and ingests it (demo and benchmark data);
   * `generated` in the answer is false when a kept one was ingested instead (see `keep`).
   */
  async ingestCommunity(community: CommunityOptions, options: CommunityLoadOptions = {}): Promise<CommunityLoad> {
    return this.counted(await ingestCommunity(this.live(), community, options.onProgress, options.keep === true));
  }

  private counted<T extends IngestResult>(result: T): T {
    this.held += result.held - result.released;
    return result;
  }

  async report(q: ReportQuery): Promise<AnalyticsReport> {
    const { range, path, topN } = checkReportQuery(q);
    return this.live().call('report', { query: { range, path, topN } }, { signal: q.signal });
  }

  /** Several reports in one round trip to the engine, in the order asked; each query is checked as `report` checks it. */
  async reports(queries: readonly Omit<ReportQuery, 'signal'>[], options: { signal?: AbortSignal } = {}): Promise<AnalyticsReport[]> {
    if (!Array.isArray(queries)) throw new AnalyticsError(ERROR_CODES.invalidQuery, 'reports() takes an array of report queries');
    const checked = queries.map((q) => {
      const { range, path, topN } = checkReportQuery(q);
      return { range, path, topN };
    });
    return this.live().call('reports', { queries: checked }, { signal: options.signal });
  }

  async rows<T extends TableId>(table: T, q: RowsQuery): Promise<RowsPage<TableRows[T]>> {
    const { range, path, offset, limit } = checkRowsQuery(table, q);
    const page = await this.live().call('rows', { table, query: { range, path, offset, limit } }, { signal: q.signal });
    return page as RowsPage<TableRows[T]>;
  }

  async diffReport(q: { range: DateRange | RangePreset; signal?: AbortSignal }): Promise<DiffReport> {
    const { range: input } = checkDiffQuery(q);
    const range = this.resolveRange(input);
    return this.live().call('diffReport', { range, label: rangeLabel(input) }, { signal: q.signal });
  }

  /** Every row of a table for the range as CSV, built where the engine runs. */
  async csv(table: TableId, q: ReportQuery, options: CsvOptions = {}): Promise<CsvFile> {
    const { range, path } = checkCsvQuery(table, q);
    return this.live().call('csv', { table, query: { range, path }, options }, { signal: q.signal });
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
    this.engine?.close();
    this.engine = null;
  }

  private live(): EngineClient {
    if (!this.engine) throw new AnalyticsError(ERROR_CODES.closed, 'This data source was closed.');
    return this.engine;
  }
}

function asQueryError(error: unknown): unknown {
  return error instanceof RangeError ? new AnalyticsError(ERROR_CODES.invalidQuery, error.message, { cause: error }) : error;
}
