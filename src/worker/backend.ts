import type { CsvOptions } from '../engine/csv.js';
import type { EngineOptions, EngineQuery } from '../engine/engine.js';
import type { CommunityOptions } from '../generator/community.js';
import { AnalyticsError, abortError } from '../model/errors.js';
import type { AnalyticsEvent, IngestResult, RejectedEvent } from '../model/events.js';
import type { AnalyticsReport, DateRange, DiffReport, RowsPage, TableId } from '../model/report.js';
import { validateEvent } from '../model/validate.js';
import type { TableRows } from '../sources/data-source.js';
import { EngineHost, type WireError } from './engine-host.js';
import { encodeEvents, type EncodedEvents } from './event-codec.js';

/** Bytes of a CSV export and the file name to save it under. */
export interface CsvFile {
  bytes: Uint8Array;
  fileName: string;
  rows: number;
}

export interface IngestProgress {
  /** Events handled so far, of `total`. */
  done: number;
  total: number;
}

/** Where a MemoryDataSource's engine runs: in-process or in the shared worker. */
export interface EngineBackend {
  readonly kind: 'worker' | 'in-process';
  ingest(events: readonly unknown[], onProgress?: (p: IngestProgress) => void): Promise<IngestResult>;
  ingestCommunity(options: CommunityOptions, onProgress?: (p: IngestProgress) => void): Promise<IngestResult>;
  report(query: EngineQuery, signal?: AbortSignal): Promise<AnalyticsReport>;
  rows<T extends TableId>(table: T, query: EngineQuery & { offset: number; limit: number }, signal?: AbortSignal): Promise<RowsPage<TableRows[T]>>;
  diffReport(range: DateRange, label: string, signal?: AbortSignal): Promise<DiffReport>;
  csv(table: TableId, query: EngineQuery, options?: CsvOptions, signal?: AbortSignal): Promise<CsvFile>;
  close(): void;
}

/** Events are encoded and sent in chunks of this size, yielding to the page in between. */
export const INGEST_CHUNK = 16384;

/** Turns an error that crossed the boundary back into an AnalyticsError (or AbortError). */
export function fromWire(error: unknown): unknown {
  if (error instanceof AnalyticsError || (error instanceof DOMException && error.name === 'AbortError')) return error;
  if (typeof error === 'object' && error !== null && 'code' in error && 'message' in error) {
    const wire = error as WireError;
    if (wire.code === 'aborted') return new DOMException(wire.message, 'AbortError');
    return new AnalyticsError(wire.code, wire.message, wire.status === undefined ? {} : { status: wire.status });
  }
  return error instanceof Error ? new AnalyticsError('engine_error', error.message, { cause: error }) : error;
}

/** Lets the page paint and handle input between chunks. */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Validates a batch on the caller's side and encodes the valid events into
 * column chunks. Rejections keep their batch index.
 */
export async function* encodeBatch(
  events: readonly unknown[],
  rejected: RejectedEvent[],
  chunkSize = INGEST_CHUNK,
): AsyncGenerator<EncodedEvents> {
  for (let start = 0; start < events.length; start += chunkSize) {
    const valid: AnalyticsEvent[] = [];
    const positions: number[] = [];
    const end = Math.min(events.length, start + chunkSize);
    for (let index = start; index < end; index++) {
      const raw = events[index];
      const check = validateEvent(raw);
      if (check.ok) {
        valid.push(check.event);
        positions.push(index);
      } else {
        const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
        rejected.push(typeof id === 'string' && id !== '' ? { index, id, reason: check.reason } : { index, reason: check.reason });
      }
    }
    yield encodeEvents(valid, positions);
    if (end < events.length) await yieldToPage();
  }
}

export function addResults(total: IngestResult, part: IngestResult): void {
  total.applied += part.applied;
  total.duplicates += part.duplicates;
  total.held += part.held;
  total.released += part.released;
  total.rejected.push(...part.rejected);
}

export const emptyResult = (): IngestResult => ({ applied: 0, duplicates: 0, held: 0, released: 0, rejected: [] });

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

  async ingestCommunity(options: CommunityOptions, onProgress?: (p: IngestProgress) => void): Promise<IngestResult> {
    await yieldToPage();
    return this.call(() => this.host.ingestCommunity(0, options, (done) => onProgress?.({ done, total: options.events })));
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
