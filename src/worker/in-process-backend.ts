import type { CsvOptions } from '../engine/csv.js';
import type { EngineOptions, EngineQuery } from '../engine/engine.js';
import type { CommunityOptions } from '../generator/community.js';
import { abortError } from '../model/errors.js';
import type { IngestResult } from '../model/events.js';
import type { AnalyticsReport, DateRange, DiffReport, RowsPage, TableId } from '../model/report.js';
import type { TableRows } from '../sources/data-source.js';
import { yieldToPage } from '../internal/yield-to-page.js';
import { INGEST_CHUNK, addResults, checkColumns, emptyResult, fromWire, ingestColumnChunks, type CsvFile, type EngineBackend, type IngestProgress } from './backend.js';
import { EngineHost } from './engine-host.js';

/**
 * The engine in this thread, behind the same host class the worker runs, so
 * both give identical results. Used where no Worker exists (Node) or when a
 * source asks for `worker: false`.
 */
export class InProcessBackend implements EngineBackend {
  readonly kind = 'in-process' as const;
  private readonly host = new EngineHost();
  private callId = 0;

  constructor(options: EngineOptions) {
    try {
      this.host.create(0, options);
    } catch (error) {
      throw fromWire(error);
    }
  }

  async ingest(events: readonly unknown[], onProgress?: (p: IngestProgress) => void): Promise<IngestResult> {
    const total = emptyResult();
    for (let start = 0; start < events.length; start += INGEST_CHUNK) {
      if (start > 0) await yieldToPage();
      const part = this.call(() => this.host.ingestEvents(0, events.slice(start, start + INGEST_CHUNK)));
      for (const r of part.rejected) r.index += start;
      addResults(total, part);
      onProgress?.({ done: Math.min(events.length, start + INGEST_CHUNK), total: events.length });
    }
    return total;
  }

  /** Checks the columns' structure first, then ingests them in chunks, as the worker backend does. */
  async ingestColumns(columns: unknown, onProgress?: (p: IngestProgress) => void): Promise<IngestResult> {
    const checked = checkColumns(columns);
    return ingestColumnChunks(checked, async (chunk) => this.call(() => this.host.ingest(0, chunk)), onProgress);
  }

  async ingestCommunity(options: CommunityOptions, onProgress?: (p: IngestProgress) => void): Promise<IngestResult> {
    await yieldToPage();
    try {
      return await this.host.ingestCommunity(0, options, (done) => onProgress?.({ done, total: options.events }));
    } catch (error) {
      throw fromWire(error);
    }
  }

  report(query: EngineQuery, signal?: AbortSignal): Promise<AnalyticsReport> {
    return this.run(signal, (id) => this.host.report(0, id, query));
  }

  rows<T extends TableId>(table: T, query: EngineQuery & { offset: number; limit: number }, signal?: AbortSignal): Promise<RowsPage<TableRows[T]>> {
    return this.run(signal, (id) => this.host.rows(0, id, table, query));
  }

  diffReport(range: DateRange, label: string, signal?: AbortSignal): Promise<DiffReport> {
    return this.run(signal, (id) => this.host.diffReport(0, id, range, label));
  }

  csv(table: TableId, query: EngineQuery, options?: CsvOptions, signal?: AbortSignal): Promise<CsvFile> {
    return this.run(signal, (id) => this.host.csv(0, id, table, query, options));
  }

  close(): void {
    this.host.close(0);
  }

  private call<R>(work: () => R): R {
    try {
      return work();
    } catch (error) {
      throw fromWire(error);
    }
  }

  private async run<R>(signal: AbortSignal | undefined, work: (callId: number) => Promise<R>): Promise<R> {
    if (signal?.aborted) throw abortError(signal);
    const id = ++this.callId;
    const onAbort = (): void => this.host.cancel(id);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await work(id);
    } catch (error) {
      if (signal?.aborted) throw abortError(signal);
      throw fromWire(error);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }
}
