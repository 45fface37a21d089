import { csvFileName, tableCsv, type CsvOptions } from '../engine/csv.js';
import { AnalyticsEngine, type EngineQuery } from '../engine/engine.js';
import type { CommunityOptions } from '../generator/community.js';
import { AnalyticsError } from '../model/errors.js';
import { MAX_RESERVE } from '../model/query.js';
import type { EventColumns } from '../model/event-columns.js';
import type { DateRange, TableId } from '../model/report.js';
import type { TableRows } from '../model/table-rows.js';
import { communityFeed } from './community-feed.js';
import {
  ENGINE_OPERATIONS,
  isEngineOperation,
  toWireError,
  type CommunityLoad,
  type CsvFile,
  type EngineOperation,
  type EngineProgress,
  type EngineRequest,
  type EngineResponse,
  type WireError,
} from './protocol.js';

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

/** How the host answers one operation for one source. */
type Handler<K extends EngineOperation> = (
  sourceId: number,
  request: EngineRequest<K>,
  onProgress?: (progress: EngineProgress<K>) => void,
) => EngineResponse<K> | Promise<EngineResponse<K>>;

const ABORTED: WireError = { code: 'aborted', message: 'The operation was aborted.' };

/**
 * The community a load asked to keep (`ingestCommunity` with `keep`): its
 * generated chunks, in order, for a later load of the same options (another
 * source, say one in another time zone) to ingest without generating them
 * again. One per realm (the worker, or the page in-process), belonging to no
 * source: a load of other options frees it, and so does the close of the
 * realm's last engine (or the end of the worker).
 */
let keptCommunity: { key: string; chunks: EventColumns[] } | null = null;
/** Engines open in this realm, over every host (in-process, each source has a host of its own). */
let liveEngines = 0;

/** The options that decide a community's events, in a fixed order. */
function communityKey(options: CommunityOptions): string {
  const { seed, events, days, end, members, spaces, lateFraction, duplicateFraction, autoModeration, avatarBase } = options;
  return JSON.stringify([seed, events, days, end, members, spaces, lateFraction, duplicateFraction, autoModeration, avatarBase]);
}

/**
 * The engines of every data source that shares one worker, keyed by the
 * source's id, answering the engine protocol (`protocol.ts`). It is what the
 * worker exposes over RPC, and it is DOM-free, so the same class also runs
 * in-process where no Worker exists.
 *
 * Calls that read yield once before starting, so that a cancel sent right
 * after them is seen first and a superseded report never runs.
 */
export class EngineHost {
  private readonly engines = new Map<number, AnalyticsEngine>();
  /** Calls received but not started; a cancel removes its call from here. */
  private readonly waiting = new Set<number>();

  /** One handler per operation of the protocol: the compiler asks for a new one. */
  private readonly handlers: { readonly [K in EngineOperation]: Handler<K> } = {
    create: (sourceId, options) => {
      if (!this.engines.has(sourceId)) liveEngines++;
      this.engines.set(sourceId, new AnalyticsEngine(options));
    },
    ingestEvents: (sourceId, { events }) => this.engine(sourceId).ingest(events),
    // Rejections carry the positions in the caller's batch (columns.index).
    ingestColumns: (sourceId, { columns }) => this.engine(sourceId).ingestColumns(columns),
    reserve: (sourceId, { events }) => this.engine(sourceId).reserve(events),
    compact: (sourceId) => this.engine(sourceId).compact(),
    ingestCommunity: (sourceId, { community, keep }, onProgress) => this.loadCommunity(sourceId, community, keep === true, onProgress),
    report: (sourceId, { query }) => this.engine(sourceId).report(query),
    reports: (sourceId, { queries }) => {
      const engine = this.engine(sourceId);
      return queries.map((query) => engine.report(query));
    },
    rows: (sourceId, { table, query }) => this.engine(sourceId).rows(table, query),
    diffReport: (sourceId, { range, label }) => this.engine(sourceId).diffReport(range, label),
    csv: (sourceId, { table, query, options }) => this.allRowsCsv(this.engine(sourceId), table, query, options),
    csvFromRows: (_sourceId, { table, rows, range, options }) => csvBytes(table, rows, range, options),
  };

  /**
   * Answers one operation of source `sourceId`. Errors are thrown as
   * `WireError`s; a read cancelled before it started rejects as `aborted`.
   */
  async call<K extends EngineOperation>(
    sourceId: number,
    callId: number,
    op: K,
    request: EngineRequest<K>,
    onProgress?: (progress: EngineProgress<K>) => void,
  ): Promise<EngineResponse<K>> {
    if (!isEngineOperation(op)) throw { code: 'engine_error', message: `Unknown engine operation "${String(op)}"` } satisfies WireError;
    if (ENGINE_OPERATIONS[op] === 'reads') {
      this.waiting.add(callId);
      await nextTask();
      if (!this.waiting.delete(callId)) throw ABORTED;
    }
    const handler = this.handlers[op] as Handler<K>;
    try {
      return await handler(sourceId, request, onProgress);
    } catch (error) {
      throw toWireError(error);
    }
  }

  /** The caller gave up on read `callId`: if it has not started, it never will. */
  cancel(callId: number): void {
    this.waiting.delete(callId);
  }

  /** Frees source `sourceId`'s engine; a community load of it stops at its next chunk with `source_closed`. */
  close(sourceId: number): void {
    if (this.engines.delete(sourceId)) liveEngines--;
    // The kept community belongs to no source, but nothing can ask for it once no engine is left in the realm.
    if (liveEngines === 0) keptCommunity = null;
  }

  /**
   * Generates a seeded community where the engine runs and ingests it: no event crosses the boundary.
   * A generator worker of its own makes the chunks while this thread ingests
   * the previous ones (`communityFeed`; generated here where no such worker
   * can run). Ingests chunk by chunk, yielding before each: other calls
   * (other sources' reports, `close`) run meanwhile, and closing this source
   * stops the load (and the generator) at the next chunk with
   * `source_closed`. The chunks of a kept community of the same options are
   * ingested instead of generating; with `keep`, the chunks of this one are
   * kept once it is complete.
   */
  private async loadCommunity(
    sourceId: number,
    options: CommunityOptions,
    keep: boolean,
    onProgress?: (done: number) => void,
  ): Promise<CommunityLoad> {
    const engine = this.engine(sourceId);
    const key = communityKey(options);
    // Taken now, before any await: a source closed meanwhile cannot take it away.
    const kept = keptCommunity?.key === key ? keptCommunity.chunks : null;
    if (!keep || kept === null) keptCommunity = null;
    const total: CommunityLoad = { applied: 0, duplicates: 0, held: 0, released: 0, rejected: [], generated: kept === null };
    const keeping: EventColumns[] | null = keep && kept === null ? [] : null;
    let done = 0;
    // Columns straight from the generator's records: no event object is built. Leaving the loop ends the generator.
    const chunks: Iterable<EventColumns> | AsyncIterable<EventColumns> = kept ?? communityFeed(options, COMMUNITY_CHUNK);
    for await (const chunk of chunks) {
      // In-process this is the page's thread: let it paint before each chunk.
      await nextTask();
      if (this.engines.get(sourceId) !== engine) throw new AnalyticsError('source_closed', 'This data source was closed.');
      // Its size is known once the generator took the options: the tables grow to it in a few steps.
      if (done === 0) engine.reserve(Math.min(Math.round(options.events), MAX_RESERVE));
      const result = engine.ingestColumns(chunk);
      keeping?.push(chunk);
      total.applied += result.applied;
      total.duplicates += result.duplicates;
      total.held += result.held;
      total.released += result.released;
      for (const r of result.rejected) total.rejected.push({ ...r, index: r.index + done });
      done += chunk.count;
      onProgress?.(done);
    }
    // The generator's count is approximate, so the hint may not end the load on its own: it is done.
    engine.compact();
    if (keeping !== null) keptCommunity = { key, chunks: keeping };
    return total;
  }

  /** Every row of a table for the range as CSV bytes (UTF-8), with its file name. */
  private allRowsCsv(engine: AnalyticsEngine, table: TableId, query: EngineQuery, options: CsvOptions = {}): CsvFile {
    const first = engine.rows(table, { ...query, offset: 0, limit: PAGE });
    const rows = first.rows.slice();
    for (let offset = PAGE; offset < first.total; offset += PAGE) rows.push(...engine.rows(table, { ...query, offset, limit: PAGE }).rows);
    return csvBytes(table, rows, query.range, options);
  }

  private engine(sourceId: number): AnalyticsEngine {
    const engine = this.engines.get(sourceId);
    if (!engine) throw new AnalyticsError('source_closed', 'This data source was closed.');
    return engine;
  }
}

function csvBytes(table: TableId, rows: readonly TableRows[TableId][], range: DateRange, options: CsvOptions = {}): CsvFile {
  const text = tableCsv(table, rows as TableRows[typeof table][], options);
  return { bytes: new TextEncoder().encode(text), fileName: csvFileName(table, range), rows: rows.length };
}
