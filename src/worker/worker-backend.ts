import { proxy, releaseProxy, transfer, wrap, type Remote } from 'comlink';
import type { CsvOptions } from '../engine/csv.js';
import type { EngineOptions, EngineQuery } from '../engine/engine.js';
import type { CommunityOptions } from '../generator/community.js';
import { AnalyticsError, abortError } from '../model/errors.js';
import type { IngestResult, RejectedEvent } from '../model/events.js';
import type { AnalyticsReport, DateRange, DiffReport, RowsPage, TableId } from '../model/report.js';
import type { TableRows } from '../sources/data-source.js';
import {
  addResults,
  checkColumns,
  emptyResult,
  encodeBatch,
  ingestColumnChunks,
  fromWire,
  type CsvFile,
  type EngineBackend,
  type IngestProgress,
} from './backend.js';
import type { EngineHost } from './engine-host.js';
import { cloneEncoded, transferables, type EncodedEvents } from './event-codec.js';

type WorkerApi = EngineHost & { crash(): void };

/** Anything that keeps state in the worker and can rebuild it in a fresh one. */
export interface WorkerUser {
  replay(api: Remote<WorkerApi>): Promise<void>;
}

/** What a source sent, in order, so a restarted worker can be brought back to the same state. */
type LogEntry = { kind: 'events'; chunk: EncodedEvents } | { kind: 'community'; options: CommunityOptions };

/** Default time a call may take before the worker is presumed dead. */
export const DEFAULT_WORKER_TIMEOUT_MS = 20000;

class WorkerGone extends Error {}

/** The worker was ended on purpose: its last source closed. */
class WorkerEnded extends WorkerGone {}

/**
 * The one worker of the page, shared by every worker-backed source: created
 * on first use, terminated when the last source closes, restarted (and every
 * source's state replayed) after a crash or a call that never answers.
 */
class SharedEngineWorker {
  private worker: Worker | null = null;
  private remote: Remote<WorkerApi> | null = null;
  private readonly users = new Set<WorkerUser>();
  /** Rejects the calls in flight when the worker dies. */
  private died: ((error: WorkerGone) => void)[] = [];
  private restarting: Promise<void> | null = null;
  restarts = 0;

  attach(user: WorkerUser): void {
    this.users.add(user);
  }

  /** The last source to go ends the worker; its calls still in flight (a load, a report) end with it, as closed. */
  detach(user: WorkerUser): void {
    this.users.delete(user);
    if (this.users.size > 0) return;
    const inFlight = this.died;
    this.died = [];
    this.stop();
    for (const reject of inFlight) reject(new WorkerEnded('worker ended'));
  }

  /** Test hook: makes the worker throw an uncaught error. */
  async crash(): Promise<void> {
    await this.api().crash();
  }

  /** Test hook: ends the worker as a browser would kill it, without any notice. */
  kill(): void {
    this.worker?.terminate();
  }

  api(): Remote<WorkerApi> {
    if (!this.remote) this.start();
    return this.remote!;
  }

  /**
   * Runs one call; if the worker dies or does not answer within `timeoutMs`,
   * restarts it, replays every source, and either retries once (after a crash)
   * or rejects with a clear error (after a timeout). Never hangs. A long call
   * calls `alive()` whenever the worker shows progress: the time-out then
   * counts from the last sign of life, not from the start.
   */
  async call<R>(work: (api: Remote<WorkerApi>, alive: () => void) => Promise<R>, timeoutMs: number, retry = true): Promise<R> {
    if (this.restarting) await this.restarting;
    const api = this.api();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onDied: ((error: WorkerGone) => void) | undefined;
    let alive = (): void => undefined;
    const watchdog = new Promise<never>((_, reject) => {
      onDied = reject;
      this.died.push(onDied);
      alive = () => {
        clearTimeout(timer);
        timer = setTimeout(() => reject(new AnalyticsError('worker_timeout', `The analytics worker did not answer within ${timeoutMs} ms; it was restarted.`)), timeoutMs);
      };
      alive();
    });
    try {
      return await Promise.race([work(api, alive), watchdog]);
    } catch (error) {
      if (error instanceof WorkerEnded) throw new AnalyticsError('source_closed', 'This data source was closed.');
      if (error instanceof WorkerGone) {
        await this.restart();
        if (retry) return this.call(work, timeoutMs, false);
        throw new AnalyticsError('worker_crashed', 'The analytics worker stopped twice in a row; please reload the page.');
      }
      if (error instanceof AnalyticsError && error.code === 'worker_timeout') {
        await this.restart();
      }
      throw error;
    } finally {
      clearTimeout(timer);
      this.died = this.died.filter((d) => d !== onDied);
    }
  }

  private start(): void {
    const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'jetonomy-analytics' });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.fail(worker);
    });
    worker.addEventListener('messageerror', () => this.fail(worker));
    this.worker = worker;
    this.remote = wrap<WorkerApi>(worker);
  }

  /**
   * An uncaught error leaves the engine's state in doubt, so the worker is
   * replaced: calls in flight restart it and retry; with none, it restarts now.
   */
  private fail(worker: Worker): void {
    if (worker !== this.worker) return;
    const died = this.died;
    this.died = [];
    if (died.length === 0) void this.restart().catch(() => undefined);
    for (const reject of died) reject(new WorkerGone('worker died'));
  }

  private stop(): void {
    this.remote?.[releaseProxy]();
    this.worker?.terminate();
    this.worker = null;
    this.remote = null;
  }

  private restart(): Promise<void> {
    this.restarting ??= (async () => {
      this.restarts++;
      this.stop();
      this.start();
      for (const user of this.users) await user.replay(this.remote!);
    })().finally(() => {
      this.restarting = null;
    });
    return this.restarting;
  }
}

let shared: SharedEngineWorker | null = null;
let nextSourceId = 1;

/** The page's shared engine worker (exposed for tests and the playground). */
export function sharedEngineWorker(): SharedEngineWorker {
  return (shared ??= new SharedEngineWorker());
}

/** A source's engine in the shared worker. */
export class WorkerBackend implements EngineBackend, WorkerUser {
  readonly kind = 'worker' as const;
  private readonly id = nextSourceId++;
  private readonly options: EngineOptions;
  private readonly timeoutMs: number;
  private readonly log: LogEntry[] = [];
  private callId = 0;
  private readonly ready: Promise<void>;
  private closed = false;

  constructor(options: EngineOptions, timeoutMs = DEFAULT_WORKER_TIMEOUT_MS) {
    this.options = options;
    this.timeoutMs = timeoutMs;
    const worker = sharedEngineWorker();
    worker.attach(this);
    this.ready = worker.call((api) => api.create(this.id, options), timeoutMs).catch((error: unknown) => {
      throw fromWire(error);
    });
    // A bad option surfaces on the first call; keep it from being reported as unhandled meanwhile.
    this.ready.catch(() => undefined);
  }

  /** Recreates this source's engine in a fresh worker from what it was sent. */
  async replay(api: Remote<WorkerApi>): Promise<void> {
    await api.create(this.id, this.options);
    for (const entry of this.log) {
      if (entry.kind === 'events') {
        const copy = cloneEncoded(entry.chunk);
        await api.ingest(this.id, transfer(copy, transferables(copy)));
      } else {
        await api.ingestCommunity(this.id, entry.options);
      }
    }
  }

  async ingest(events: readonly unknown[], onProgress?: (p: IngestProgress) => void): Promise<IngestResult> {
    await this.ready;
    const total = emptyResult();
    const rejected: RejectedEvent[] = [];
    for await (const chunk of encodeBatch(events, rejected)) {
      this.log.push({ kind: 'events', chunk: cloneEncoded(chunk) });
      const done = chunk.count > 0 ? chunk.index[chunk.count - 1]! + 1 : 0;
      const part = await this.call((api) => api.ingest(this.id, transfer(chunk, transferables(chunk))));
      addResults(total, part);
      if (done > 0) onProgress?.({ done, total: events.length });
    }
    total.rejected = rejected.concat(total.rejected).sort((a, b) => a.index - b.index);
    onProgress?.({ done: events.length, total: events.length });
    return total;
  }

  /**
   * Checks the columns' structure here (broken structure never reaches the
   * worker), then sends them in chunks: each a copy with its own string
   * table, transferred, so the caller's buffers stay usable. Each chunk is
   * logged, as `ingest`'s are, to replay a crashed worker.
   */
  async ingestColumns(columns: unknown, onProgress?: (p: IngestProgress) => void): Promise<IngestResult> {
    await this.ready;
    const checked = checkColumns(columns);
    return ingestColumnChunks(
      checked,
      (chunk) => {
        this.log.push({ kind: 'events', chunk: cloneEncoded(chunk) });
        return this.call((api) => api.ingest(this.id, transfer(chunk, transferables(chunk))));
      },
      onProgress,
    );
  }

  async ingestCommunity(options: CommunityOptions, onProgress?: (p: IngestProgress) => void): Promise<IngestResult> {
    await this.ready;
    this.log.push({ kind: 'community', options });
    // Generating millions of events takes a while: the worker reports each chunk, and each report
    // restarts the time-out, so only a worker that stops making progress is taken for hung.
    return this.call((api, alive) => {
      const progress = proxy((done: number) => {
        alive();
        onProgress?.({ done, total: options.events });
      });
      return api.ingestCommunity(this.id, options, progress);
    });
  }

  report(query: EngineQuery, signal?: AbortSignal): Promise<AnalyticsReport> {
    return this.compute(signal, (api, id) => api.report(this.id, id, query));
  }

  rows<T extends TableId>(table: T, query: EngineQuery & { offset: number; limit: number }, signal?: AbortSignal): Promise<RowsPage<TableRows[T]>> {
    return this.compute(signal, (api, id) => api.rows(this.id, id, table, query) as Promise<RowsPage<TableRows[T]>>);
  }

  diffReport(range: DateRange, label: string, signal?: AbortSignal): Promise<DiffReport> {
    return this.compute(signal, (api, id) => api.diffReport(this.id, id, range, label));
  }

  csv(table: TableId, query: EngineQuery, options?: CsvOptions, signal?: AbortSignal): Promise<CsvFile> {
    return this.compute(signal, (api, id) => api.csv(this.id, id, table, query, options));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    const worker = sharedEngineWorker();
    void worker.api().close(this.id);
    worker.detach(this);
  }

  private async call<R>(work: (api: Remote<WorkerApi>, alive: () => void) => Promise<R>, timeoutMs = this.timeoutMs): Promise<R> {
    if (this.closed) throw new AnalyticsError('source_closed', 'This data source was closed.');
    try {
      return await sharedEngineWorker().call(work, timeoutMs);
    } catch (error) {
      throw fromWire(error);
    }
  }

  private async compute<R>(signal: AbortSignal | undefined, work: (api: Remote<WorkerApi>, callId: number) => Promise<R>): Promise<R> {
    if (signal?.aborted) throw abortError(signal);
    const id = ++this.callId;
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => {
        void sharedEngineWorker().api().cancel(id);
        reject(abortError(signal!));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    aborted.catch(() => undefined);
    try {
      await Promise.race([this.ready, aborted]);
      return await Promise.race([this.call((api) => work(api, id)), aborted]);
    } finally {
      if (onAbort) signal?.removeEventListener('abort', onAbort);
    }
  }
}
