import { proxy, releaseProxy, transfer, wrap, type Remote } from 'comlink';
import { AnalyticsError } from '../model/errors.js';
import type { EngineHost } from './engine-host.js';
import {
  ENGINE_OPERATIONS,
  type EngineOperation,
  type EngineProgress,
  type EngineRequest,
  type EngineResponse,
  type EngineTransport,
  type SendOptions,
} from './protocol.js';

type WorkerApi = EngineHost & { crash(): void };

/** Runs one step in the worker under a watchdog: it rejects when the worker dies, or after `timeoutMs` without a sign of life (`alive()`). */
export type Guard = <R>(work: (api: Remote<WorkerApi>, alive: () => void) => Promise<R>, timeoutMs: number) => Promise<R>;

/** Anything that keeps state in the worker and can rebuild it in a fresh one. */
export interface WorkerUser {
  /** Rebuilds this user's state in the fresh worker, each step through `guard`. */
  replay(guard: Guard): Promise<void>;
}

/** Default time a call may take before the worker is presumed dead. */
export const DEFAULT_WORKER_TIMEOUT_MS = 20000;

class WorkerGone extends Error {}

/** The worker was ended on purpose: its last source closed. */
class WorkerEnded extends WorkerGone {}

/** The worker was replaced (another call's time-out) while this call waited on it: nothing went wrong with this call. */
class WorkerReplaced extends WorkerGone {}

/** How many times one call may be sent again because the worker was replaced under it. */
const MAX_REPLACED = 3;

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
  /** A replay failed: the worker holds no state for some source, so the next call restarts it (and replays) first. */
  private broken = false;
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
   * restarts it, replays every source, and either retries once (after a crash,
   * or when another call's time-out replaced the worker under it) or rejects
   * with a clear error (after its own time-out). Never hangs. A long call
   * calls `alive()` whenever the worker shows progress: the time-out then
   * counts from the last sign of life, not from the start.
   */
  async call<R>(work: (api: Remote<WorkerApi>, alive: () => void) => Promise<R>, timeoutMs: number, retry = true, replaced = 0): Promise<R> {
    if (this.restarting) await this.restarting;
    if (this.broken) await this.restart();
    try {
      return await this.guard(work, timeoutMs);
    } catch (error) {
      if (error instanceof WorkerEnded) throw new AnalyticsError('source_closed', 'This data source was closed.');
      if (error instanceof WorkerReplaced && replaced < MAX_REPLACED) {
        await this.restart();
        return this.call(work, timeoutMs, retry, replaced + 1);
      }
      if (error instanceof WorkerGone) {
        await this.restart();
        if (retry) return this.call(work, timeoutMs, false, replaced);
        throw new AnalyticsError('worker_crashed', 'The analytics worker stopped twice in a row; please reload the page.');
      }
      if (error instanceof AnalyticsError && error.code === 'worker_timeout') {
        await this.restart();
      }
      throw error;
    }
  }

  /** One step under a watchdog (see `Guard`), with no restart or retry of its own. */
  readonly guard: Guard = async (work, timeoutMs) => {
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
    } finally {
      clearTimeout(timer);
      this.died = this.died.filter((d) => d !== onDied);
    }
  };

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

  /**
   * Replaces the worker and replays every source into the new one. Calls
   * still waiting on the old worker will never be answered there: they end
   * as if it died, so each retries once on the new one instead of sitting out
   * its own time-out. A replay step runs under the same watchdog as a call;
   * if the new worker dies or stops answering too, the restart fails with
   * `worker_crashed` (the calls waiting for it get that error) and the next
   * call tries again from a fresh worker.
   */
  private restart(): Promise<void> {
    this.restarting ??= (async () => {
      this.restarts++;
      const orphans = this.died;
      this.died = [];
      this.stop();
      this.start();
      for (const reject of orphans) reject(new WorkerReplaced('worker replaced'));
      try {
        for (const user of this.users) await user.replay(this.guard);
        this.broken = false;
      } catch (error) {
        this.broken = true;
        this.stop();
        if (error instanceof WorkerEnded) throw error;
        throw new AnalyticsError('worker_crashed', `The analytics worker could not be restarted (${error instanceof Error ? error.message : String(error)}); try again, or reload the page.`);
      }
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

/**
 * The engine protocol to a source's engine in the page's shared worker. Each
 * call that changes the engine is kept, in order, so a restarted worker is
 * brought back to the same state; a call whose buffers were moved to the
 * worker keeps a copy of them for that.
 */
export class WorkerTransport implements EngineTransport, WorkerUser {
  readonly kind = 'worker' as const;
  private readonly id = nextSourceId++;
  /** What changed this source's engine, in order, to replay into a fresh worker. */
  private readonly log: { op: EngineOperation; request: unknown }[] = [];
  private closed = false;

  constructor(private readonly timeoutMs = DEFAULT_WORKER_TIMEOUT_MS) {
    sharedEngineWorker().attach(this);
  }

  /** Recreates this source's engine in a fresh worker from what it was sent, each call under the watchdog (progress counts as life). */
  async replay(guard: Guard): Promise<void> {
    for (const { op, request } of this.log) {
      // A replayed community load reports progress: each report is a sign of life.
      await guard((api, alive) => {
        const onProgress = op === 'ingestCommunity' ? proxy(() => alive()) : undefined;
        return api.call(this.id, 0, op, request as never, onProgress as never) as Promise<unknown>;
      }, this.timeoutMs);
    }
  }

  async send<K extends EngineOperation>(op: K, request: EngineRequest<K>, options: SendOptions<K>): Promise<EngineResponse<K>> {
    if (this.closed) throw new AnalyticsError('source_closed', 'This data source was closed.');
    const { callId, onProgress } = options;
    // Moved buffers are gone from this thread: a retry after a crash, and a replay, send this copy.
    const kept = options.transfer ? copyArrays(request) : request;
    let moved = !options.transfer;
    const response = await sharedEngineWorker().call<unknown>((api, alive) => {
      // Each progress report is a sign of life: the time-out counts from the last one.
      const progress =
        onProgress &&
        proxy((value: EngineProgress<K>) => {
          alive();
          onProgress(value);
        });
      let message = kept;
      if (!moved) {
        moved = true;
        message = transfer(request, buffersOf(request));
      }
      return api.call(this.id, callId, op, message as never, progress as never);
    }, this.timeoutMs);
    // Kept as sent: a plain request (options, events) is copied, so a caller changing its object later cannot change a replay.
    if (ENGINE_OPERATIONS[op] === 'changes') this.log.push({ op, request: options.transfer ? kept : structuredClone(request) });
    return response as EngineResponse<K>;
  }

  cancel(callId: number): void {
    if (!this.closed) void sharedEngineWorker().api().cancel(callId);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    const worker = sharedEngineWorker();
    void worker.api().close(this.id);
    worker.detach(this);
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/** The buffers of the typed arrays a request holds (in its plain objects), each once. */
function buffersOf(value: unknown, into: ArrayBuffer[] = []): ArrayBuffer[] {
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer && !into.includes(value.buffer)) into.push(value.buffer);
  } else if (isPlainObject(value)) {
    for (const item of Object.values(value)) buffersOf(item, into);
  }
  return into;
}

/** A request with copies of its typed arrays; everything else (a table of strings, options) is shared. */
function copyArrays<T>(value: T): T {
  if (ArrayBuffer.isView(value) && 'slice' in value) return (value as unknown as { slice(): T }).slice();
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, copyArrays(item)])) as T;
  return value;
}
