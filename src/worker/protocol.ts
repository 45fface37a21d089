/**
 * The engine protocol: every operation a data source asks of its engine, its
 * request, its answer and (for a long one) what it reports on the way,
 * declared once. The engine host answers it (`engine-host.ts`, the same class
 * in the Worker and in-process); a transport carries it (`worker-transport.ts`,
 * `in-process-transport.ts`); `EngineClient` (`client.ts`) is a data source's
 * end of it. Adding an operation means a line in `EngineOperations`, one in
 * `ENGINE_OPERATIONS` and a handler in the host; the compiler asks for the
 * last two.
 */
import type { CsvOptions } from '../engine/csv.js';
import type { EngineOptions, EngineQuery, EngineRowsQuery } from '../engine/engine.js';
import type { CommunityOptions } from '../generator/community.js';
import { AnalyticsError } from '../model/errors.js';
import type { EventColumns } from '../model/event-columns.js';
import type { IngestResult } from '../model/events.js';
import type { AnalyticsReport, DateRange, DiffReport, RowsPage, TableId } from '../model/report.js';
import type { TableRows } from '../model/table-rows.js';

/** Bytes of a CSV export and the file name to save it under. */
export interface CsvFile {
  /** The CSV text, UTF-8 encoded. */
  bytes: Uint8Array;
  /** The file name to offer, from the table and the range (`top-spaces_2026-10-26_2026-11-24.csv`). */
  fileName: string;
  /** Data rows in the file (the header line not counted). */
  rows: number;
}

/** What a community load answers: the ingest result, and whether the generator ran for it. */
export interface CommunityLoad extends IngestResult {
  /** False when the events came from a community kept where the engine runs (`keep`), not from the generator. */
  generated: boolean;
}

/** How far an ingest call has got, after each chunk of events. */
export interface IngestProgress {
  /** Events handled so far, of `total`. */
  done: number;
  /** Events in the whole call. */
  total: number;
}

/** The operations, each with its `request`, its `response` and, where it reports any, its `progress`. */
export interface EngineOperations {
  /** Starts the source's engine; every other operation of the source comes after it. */
  create: { request: EngineOptions; response: void };
  /** Event objects as they are (in-process, where nothing needs encoding); `rejected[].index` is the position in `events`. */
  ingestEvents: { request: { events: readonly unknown[] }; response: IngestResult };
  /**
   * About `events` more events are coming: the engine sizes its tables for them (`AnalyticsEngine.reserve`).
   * A hint, sent before a batch of several chunks; `events` is a whole number from 0 to 2^31 − 1.
   */
  reserve: { request: { events: number }; response: void };
  /** A load is done: the engine packs what only loading needed (`AnalyticsEngine.compact`); sent after a batch of several chunks. */
  compact: { request: Record<string, never>; response: void };
  /** Events as columns (checked by the caller); `rejected[].index` comes from `columns.index`. */
  ingestColumns: { request: { columns: EventColumns }; response: IngestResult };
  /**
   * A seeded community generated where the engine runs, so no event crosses; progress is the events handled so far.
   * With `keep`, its generated events stay there (one community at a time), and a later load of the same
   * options, by any source (say, one in another time zone), ingests them without generating them again.
   */
  ingestCommunity: { request: { community: CommunityOptions; keep?: boolean }; response: CommunityLoad; progress: number };
  /** Everything one screen shows, for one range and path. */
  report: { request: { query: EngineQuery }; response: AnalyticsReport };
  /** Several reports in one round trip (a dashboard's range, its previous period, the aggregate path), in the order asked. */
  reports: { request: { queries: EngineQuery[] }; response: AnalyticsReport[] };
  /** One page of a table ranked over the whole range. */
  rows: { request: { table: TableId; query: EngineRowsQuery }; response: RowsPage<TableRows[TableId]> };
  /** Every metric on both paths with the drift; `label` names the range as it was asked for. */
  diffReport: { request: { range: DateRange; label: string }; response: DiffReport };
  /** Every row of a table for the range as CSV bytes (UTF-8). */
  csv: { request: { table: TableId; query: EngineQuery; options?: CsvOptions }; response: CsvFile };
  /** CSV bytes for rows fetched elsewhere (a REST source pages them on the main thread); needs no engine. */
  csvFromRows: { request: { table: TableId; rows: TableRows[TableId][]; range: DateRange; options?: CsvOptions }; response: CsvFile };
}

/** The name of an operation of the protocol. */
export type EngineOperation = keyof EngineOperations;
/** What operation `K` is asked with. */
export type EngineRequest<K extends EngineOperation> = EngineOperations[K]['request'];
/** What operation `K` answers. */
export type EngineResponse<K extends EngineOperation> = EngineOperations[K]['response'];
/** What operation `K` reports while it runs (`never` for one that reports nothing). */
export type EngineProgress<K extends EngineOperation> = EngineOperations[K] extends { progress: infer P } ? P : never;

/**
 * How each operation runs; also the list of operations at run time.
 *
 * - `changes`: changes the engine's state. It starts as it arrives; one
 *   that yields while it works (a community load, between chunks) can have
 *   another change of the same source run in between, so changes are kept
 *   for replay in the order they finished. Ingest does not depend on order,
 *   so the state is the same either way. Aborting a change rejects the
 *   caller's promise, but the change itself still completes (and is kept).
 * - `reads`: only reads. It waits one task before it starts, so that a cancel
 *   sent right after it is seen first and a superseded call never runs.
 */
export const ENGINE_OPERATIONS: { readonly [K in EngineOperation]: 'changes' | 'reads' } = {
  create: 'changes',
  ingestEvents: 'changes',
  ingestColumns: 'changes',
  reserve: 'changes',
  compact: 'changes',
  ingestCommunity: 'changes',
  report: 'reads',
  reports: 'reads',
  rows: 'reads',
  diffReport: 'reads',
  csv: 'reads',
  csvFromRows: 'reads',
};

/** Is `op` an operation of the protocol (and not, say, `toString`)? */
export function isEngineOperation(op: unknown): op is EngineOperation {
  return typeof op === 'string' && Object.prototype.hasOwnProperty.call(ENGINE_OPERATIONS, op);
}

/** What a transport is told with each call besides the request. */
export interface SendOptions<K extends EngineOperation> {
  /** Names the call for `cancel`; unique on the page. */
  callId: number;
  /** Called with each progress report of an operation that makes them. */
  onProgress?: (progress: EngineProgress<K>) => void;
  /** The request's typed arrays may be moved to the engine, not copied: the caller does not use them again. */
  transfer?: boolean;
}

/**
 * Carries the protocol to a source's engine and back: in the page's shared
 * Worker or in this thread. Errors come back as thrown `WireError`s (or the
 * transport's own `AnalyticsError`s); aborting is the client's job, the
 * transport only passes a cancel on.
 */
export interface EngineTransport {
  /** Where the engine runs. */
  readonly kind: 'worker' | 'in-process';
  send<K extends EngineOperation>(op: K, request: EngineRequest<K>, options: SendOptions<K>): Promise<EngineResponse<K>>;
  /** The caller gave up on call `callId`: if it has not started, it never will (it rejects as aborted). */
  cancel(callId: number): void;
  /** Frees the source's engine; later calls reject with `source_closed`. */
  close(): void;
}

/** An error as it crosses the Worker boundary. */
export interface WireError {
  code: string;
  message: string;
  status?: number;
}

/** The host's side: any error thrown while answering, as a `WireError`. */
export function toWireError(error: unknown): WireError {
  if (error instanceof AnalyticsError) return error.toJSON();
  if (error instanceof DOMException && error.name === 'AbortError') return { code: 'aborted', message: error.message };
  if (error instanceof RangeError) return { code: 'invalid_query', message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'engine_error', message };
}

/** The caller's side: an error that crossed the boundary, back as an AnalyticsError (or an AbortError). */
export function fromWire(error: unknown): unknown {
  if (error instanceof AnalyticsError || (error instanceof DOMException && error.name === 'AbortError')) return error;
  if (typeof error === 'object' && error !== null && 'code' in error && 'message' in error) {
    const wire = error as WireError;
    if (wire.code === 'aborted') return new DOMException(wire.message, 'AbortError');
    return new AnalyticsError(wire.code, wire.message, wire.status === undefined ? {} : { status: wire.status });
  }
  return error instanceof Error ? new AnalyticsError('engine_error', error.message, { cause: error }) : error;
}
