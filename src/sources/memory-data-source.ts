import { AnalyticsEngine } from '../engine/engine.js';
import { AnalyticsError, ERROR_CODES, abortError } from '../model/errors.js';
import type { IngestResult } from '../model/events.js';
import { parseRange, rangeLabel } from '../model/range.js';
import type { AnalyticsReport, DateRange, DiffReport, RangePreset, ReportQuery, RowsPage, RowsQuery, TableId } from '../model/report.js';
import type { AnalyticsDataSource, TableRows } from './data-source.js';

export interface MemoryDataSourceOptions {
  /** The site's time zone: an IANA name or a fixed `±HH:MM` offset. Default `UTC`. */
  timeZone?: string;
  /** The clock that decides "today" for presets: epoch ms or a function returning it. Default `Date.now`. */
  now?: number | (() => number);
  /** Run the engine in a Web Worker where one exists. Default true (the worker arrives in a later version; today it runs in-process). */
  worker?: boolean;
  /** Epoch ms from which the aggregator records ("recording since"); null = it saw everything. */
  aggregatorSince?: number | null;
  /** False when the source has no automod data ("Advanced Moderation" off). Default true. */
  autoModeration?: boolean;
}

/**
 * A data source over raw events held in memory: feed it with `ingest()`,
 * then read reports on both paths. Every call is asynchronous so that the
 * engine can move behind a Worker without changing this API.
 */
export class MemoryDataSource implements AnalyticsDataSource {
  readonly timeZone: string;
  private engine: AnalyticsEngine | null;
  private readonly clock: () => number;

  constructor(options: MemoryDataSourceOptions = {}) {
    try {
      this.engine = new AnalyticsEngine({
        timeZone: options.timeZone ?? 'UTC',
        aggregatorSince: options.aggregatorSince ?? null,
        autoModeration: options.autoModeration ?? true,
      });
    } catch (error) {
      throw asQueryError(error);
    }
    this.timeZone = this.engine.timeZone;
    const now = options.now;
    this.clock = typeof now === 'function' ? now : typeof now === 'number' ? () => now : () => Date.now();
  }

  /** Aggregator start, epoch ms, or null when it saw everything. */
  get recordingSince(): number | null {
    return this.live().recordingSince;
  }

  /** Events waiting for an entity that has not arrived yet. */
  get heldCount(): number {
    return this.live().store.heldCount;
  }

  /** Adds events (any order, repeats allowed); malformed ones are listed in `rejected`, never thrown. */
  async ingest(events: readonly unknown[]): Promise<IngestResult> {
    if (!Array.isArray(events)) throw new AnalyticsError(ERROR_CODES.invalidQuery, 'ingest() takes an array of events');
    await tick();
    return this.live().ingest(events);
  }

  async report(q: ReportQuery): Promise<AnalyticsReport> {
    return this.run(q.signal, (engine) => engine.report(q));
  }

  async rows<T extends TableId>(table: T, q: RowsQuery): Promise<RowsPage<TableRows[T]>> {
    return this.run(q.signal, (engine) => engine.rows(table, q));
  }

  async diffReport(q: { range: DateRange | RangePreset; signal?: AbortSignal }): Promise<DiffReport> {
    return this.run(q.signal, (engine) => {
      const range = parseRange(q.range, { timeZone: this.timeZone, now: this.clock() });
      return engine.diffReport(range, rangeLabel(q.range));
    });
  }

  /** Resolves a preset or `start..end` text against this source's zone and clock. */
  resolveRange(input: DateRange | RangePreset | string): DateRange {
    try {
      return parseRange(input, { timeZone: this.timeZone, now: this.clock() });
    } catch (error) {
      throw asQueryError(error);
    }
  }

  /** Frees the engine; later calls reject with `source_closed`. */
  close(): void {
    this.engine = null;
  }

  private live(): AnalyticsEngine {
    if (!this.engine) throw new AnalyticsError(ERROR_CODES.closed, 'This data source was closed.');
    return this.engine;
  }

  private async run<R>(signal: AbortSignal | undefined, work: (engine: AnalyticsEngine) => R): Promise<R> {
    if (signal?.aborted) throw abortError(signal);
    await tick();
    if (signal?.aborted) throw abortError(signal);
    try {
      return work(this.live());
    } catch (error) {
      throw asQueryError(error);
    }
  }
}

/** Yields to the event loop, so a caller's abort can land before the work starts. */
function tick(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function asQueryError(error: unknown): unknown {
  return error instanceof RangeError ? new AnalyticsError(ERROR_CODES.invalidQuery, error.message, { cause: error }) : error;
}
