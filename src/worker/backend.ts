import type { CsvOptions } from '../engine/csv.js';
import type { EngineQuery } from '../engine/engine.js';
import type { CommunityOptions } from '../generator/community.js';
import { AnalyticsError } from '../model/errors.js';
import type { AnalyticsEvent, IngestResult, RejectedEvent } from '../model/events.js';
import type { AnalyticsReport, DateRange, DiffReport, RowsPage, TableId } from '../model/report.js';
import { yieldToPage } from '../internal/yield-to-page.js';
import { validateEvent } from '../model/validate.js';
import type { TableRows } from '../sources/data-source.js';
import type { WireError } from './engine-host.js';
import { encodeValidEvents, type EncodedEvents } from './event-codec.js';

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
      // Read once, by validateEvent; only the snapshot is encoded.
      const check = validateEvent(events[index]);
      if (check.ok) {
        valid.push(check.event);
        positions.push(index);
      } else {
        rejected.push(check.id === undefined ? { index, reason: check.reason } : { index, id: check.id, reason: check.reason });
      }
    }
    yield encodeValidEvents(valid, positions);
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
