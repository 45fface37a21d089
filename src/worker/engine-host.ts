import { csvFileName, tableCsv, type CsvOptions } from '../engine/csv.js';
import { AnalyticsEngine, type EngineOptions, type EngineQuery } from '../engine/engine.js';
import { communityColumns, type CommunityOptions } from '../generator/community.js';
import { AnalyticsError } from '../model/errors.js';
import type { IngestResult } from '../model/events.js';
import type { AnalyticsReport, DateRange, DiffReport, RowsPage, TableId } from '../model/report.js';
import type { TableRows } from '../sources/data-source.js';
import type { EncodedEvents } from './event-codec.js';

/** An error as it crosses the Worker boundary. */
export interface WireError {
  code: string;
  message: string;
  status?: number;
}

export function toWireError(error: unknown): WireError {
  if (error instanceof AnalyticsError) return error.toJSON();
  if (error instanceof DOMException && error.name === 'AbortError') return { code: 'aborted', message: error.message };
  if (error instanceof RangeError) return { code: 'invalid_query', message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'engine_error', message };
}

const PAGE = 5000;
/** Events generated and ingested between two yields of a community load: about 50 ms of work here. */
const COMMUNITY_CHUNK = 16_384;

/**
 * Resolves in a fresh task, after messages already queued (a cancel sent
 * right after a call). A MessageChannel, not setTimeout(0): timers are
 * clamped to 1 ms in Node and up to 4 ms in browsers.
 */
const nextTask = (() => {
  if (typeof MessageChannel === 'undefined') return () => new Promise<void>((resolve) => setTimeout(resolve, 0));
  const waiting: (() => void)[] = [];
  let channel: MessageChannel | null = null;
  // Node: the port keeps the process alive only while a task is awaited.
  const port = (): { ref?: () => void; unref?: () => void } => channel!.port1 as never;
  return () =>
    new Promise<void>((resolve) => {
      if (!channel) {
        channel = new MessageChannel();
        channel.port1.onmessage = () => {
          waiting.shift()?.();
          if (waiting.length === 0) port().unref?.();
        };
      }
      if (waiting.length === 0) port().ref?.();
      waiting.push(resolve);
      channel.port2.postMessage(null);
    });
})();

/**
 * The engines of every data source that shares one worker, keyed by the
 * source's id. It is what the worker exposes over RPC, and it is DOM-free, so
 * the same class also runs in-process where no Worker exists.
 *
 * Calls that compute yield once before starting, so that a cancel sent right
 * after them is seen first and a superseded report never runs.
 */
export class EngineHost {
  private readonly engines = new Map<number, AnalyticsEngine>();
  /** Calls received but not started; a cancel removes its call from here. */
  private readonly waiting = new Set<number>();

  create(sourceId: number, options: EngineOptions): void {
    this.guard(() => this.engines.set(sourceId, new AnalyticsEngine(options)));
  }

  close(sourceId: number): void {
    this.engines.delete(sourceId);
  }

  ingest(sourceId: number, encoded: EncodedEvents): IngestResult {
    return this.guard(() => {
      // Rejections carry the positions in the caller's batch (encoded.index).
      return this.engine(sourceId).ingestColumns(encoded);
    });
  }

  /** Ingests event objects as they are (in-process use: nothing to decode). */
  ingestEvents(sourceId: number, events: readonly unknown[]): IngestResult {
    return this.guard(() => this.engine(sourceId).ingest(events));
  }

  /**
   * Generates a seeded community right here and ingests it: no event crosses the boundary.
   * Generates and ingests it in chunks, yielding between them: other
   * calls (other sources' reports, `close`) run meanwhile, and closing this
   * source stops the generation at the next chunk with `source_closed`.
   */
  async ingestCommunity(sourceId: number, options: CommunityOptions, onProgress?: (done: number) => void): Promise<IngestResult> {
    const engine = this.guard(() => this.engine(sourceId));
    const total: IngestResult = { applied: 0, duplicates: 0, held: 0, released: 0, rejected: [] };
    let done = 0;
    try {
      // Columns straight from the generator's records: no event object is built.
      for (const chunk of communityColumns(options, COMMUNITY_CHUNK)) {
        if (this.engines.get(sourceId) !== engine) throw new AnalyticsError('source_closed', 'This data source was closed.');
        const result = engine.ingestColumns(chunk);
        total.applied += result.applied;
        total.duplicates += result.duplicates;
        total.held += result.held;
        total.released += result.released;
        for (const r of result.rejected) total.rejected.push({ ...r, index: r.index + done });
        done += chunk.count;
        onProgress?.(done);
        await nextTask();
      }
    } catch (error) {
      throw toWireError(error);
    }
    return total;
  }

  cancel(callId: number): void {
    this.waiting.delete(callId);
  }

  async report(sourceId: number, callId: number, query: EngineQuery): Promise<AnalyticsReport> {
    return this.compute(callId, () => this.engine(sourceId).report(query));
  }

  async rows<T extends TableId>(
    sourceId: number,
    callId: number,
    table: T,
    query: EngineQuery & { offset: number; limit: number },
  ): Promise<RowsPage<TableRows[T]>> {
    return this.compute(callId, () => this.engine(sourceId).rows(table, query));
  }

  async diffReport(sourceId: number, callId: number, range: DateRange, label: string): Promise<DiffReport> {
    return this.compute(callId, () => this.engine(sourceId).diffReport(range, label));
  }

  /** Every row of a table for the range as CSV bytes (UTF-8), with its file name. */
  async csv(
    sourceId: number,
    callId: number,
    table: TableId,
    query: EngineQuery,
    options: CsvOptions = {},
  ): Promise<{ bytes: Uint8Array; fileName: string; rows: number }> {
    return this.compute(callId, () => {
      const engine = this.engine(sourceId);
      const first = engine.rows(table, { ...query, offset: 0, limit: PAGE });
      const rows = first.rows.slice();
      for (let offset = PAGE; offset < first.total; offset += PAGE) rows.push(...engine.rows(table, { ...query, offset, limit: PAGE }).rows);
      return this.csvBytes(table, rows, query.range, options);
    });
  }

  /** CSV bytes for rows fetched elsewhere (a REST source pages them on the main thread). */
  csvFromRows(table: TableId, rows: TableRows[TableId][], range: DateRange, options: CsvOptions = {}): { bytes: Uint8Array; fileName: string; rows: number } {
    return this.guard(() => this.csvBytes(table, rows, range, options));
  }

  private csvBytes(table: TableId, rows: readonly TableRows[TableId][], range: DateRange, options: CsvOptions) {
    const text = tableCsv(table, rows as TableRows[typeof table][], options);
    return { bytes: new TextEncoder().encode(text), fileName: csvFileName(table, range), rows: rows.length };
  }

  private engine(sourceId: number): AnalyticsEngine {
    const engine = this.engines.get(sourceId);
    if (!engine) throw new AnalyticsError('source_closed', 'This data source was closed.');
    return engine;
  }

  private async compute<R>(callId: number, work: () => R): Promise<R> {
    this.waiting.add(callId);
    await nextTask();
    if (!this.waiting.delete(callId)) throw { code: 'aborted', message: 'The operation was aborted.' } satisfies WireError;
    return this.guard(work);
  }

  private guard<R>(work: () => R): R {
    try {
      return work();
    } catch (error) {
      throw toWireError(error);
    }
  }
}
