import type { CommunityOptions } from '../generator/community.js';
import type { EventColumns } from '../model/event-columns.js';
import type { FeedMessage, FeedRequest } from './community-feed-protocol.js';

/** Chunks the generator worker may make ahead of the load: about 3 MB at 16 384 events a chunk. */
export const FEED_WINDOW = 4;

/** The part of a `Worker` a community feed uses (a test may hand it a wrapper of a real one). */
export interface GeneratorWorker {
  /** Sends the worker a request. */
  postMessage(message: FeedRequest): void;
  /** Listens for the worker's messages (`FeedMessage`s) and for its failure. */
  addEventListener(type: 'message' | 'error' | 'messageerror', listener: (event: Event) => void): void;
  /** Ends the worker at once. */
  terminate(): void;
}

/** How a community feed gets its chunks; every field has a default. */
export interface CommunityFeedOptions {
  /**
   * Starts the generator worker; returns null (or throws) where none can be
   * started. Default: the module worker `community.worker.ts` where `Worker`
   * exists and there is more than one core, null elsewhere.
   */
  startWorker?: () => GeneratorWorker | null;
  /** Chunks the worker may make ahead of the load. Default `FEED_WINDOW`. */
  window?: number;
  /** Generate here until the worker has caught up, rather than wait for it to start. Default true. */
  generateWhileStarting?: boolean;
  /** Milliseconds to wait for the worker's first message (it loads its script first) before generating here. Default 10 000. */
  startMs?: number;
  /** Milliseconds to wait for each later chunk before generating here. Default 5 000 (a chunk takes some 20 ms). */
  stallMs?: number;
}

/**
 * The chunks of `communityColumns(options, chunkSize)`, the same chunks in the
 * same order, made in a generator worker of their own while the caller
 * ingests the previous ones. The worker runs at most `window` chunks ahead:
 * each chunk the caller takes grants it one more. Until the worker has
 * caught up (it starts a thread and loads its script first), the first
 * chunks are made here, as this thread would only wait; the worker's copies
 * of them are dropped. Where no worker can be started, or the one started
 * fails (an error, a script that does not load, a chunk that does not come
 * in time), the rest is generated here: the generator is deterministic, so
 * it skips the chunks already handed out and goes on from there. Ending the
 * iteration early (`return`, a `break` or a throw in a `for await`) ends the
 * worker.
 */
export async function* communityFeed(
  options: CommunityOptions,
  chunkSize: number,
  feed: CommunityFeedOptions = {},
): AsyncGenerator<EventColumns, void, undefined> {
  let given = 0;
  /** This thread's generator, and how many chunks it made: it goes on only while it made every chunk given. */
  let here: { chunks: Iterator<EventColumns, void>; made: number } | null = null;
  const worker = GeneratorConnection.open(options, chunkSize, feed);
  if (worker !== null) {
    let meanwhile = feed.generateWhileStarting !== false;
    try {
      for (;;) {
        if (meanwhile && here === null) {
          // A generator that cannot load here (a chunk gone after a deploy) leaves the worker to it.
          here = await generatorHere(options, chunkSize).catch(() => null);
          meanwhile = here !== null;
        }
        // The worker's messages come in as tasks: let those already sent in before looking.
        if (meanwhile && given > 0) await afterQueuedTasks();
        if (meanwhile && here !== null && here.made === given && !worker.has(given)) {
          const next = here.chunks.next();
          if (next.done) return;
          here.made++;
          given++;
          yield next.value;
          continue;
        }
        meanwhile = false;
        const next = await worker.next(given);
        if (next === 'end') return;
        if (next === 'failed') break;
        given++;
        // From here on the worker's: this thread's generator could only go on by making every chunk again.
        here = null;
        yield next;
      }
    } finally {
      worker.close();
    }
  }
  // No worker, or it failed after `given` chunks: this thread's generator goes on from there.
  if (here === null || here.made !== given) here = await generatorHere(options, chunkSize);
  for (let skip = given - here.made; ; skip--) {
    const next = here.chunks.next();
    if (next.done) return;
    if (skip <= 0) yield next.value;
  }
}

/**
 * Resolves after the tasks already queued in this thread, the generator
 * worker's messages among them. Node drains a MessageChannel's messages (the
 * engine host's yields) before other ports', so there it takes
 * `setImmediate`, which waits for the other ports too.
 */
function afterQueuedTasks(): Promise<void> {
  const { setImmediate } = globalThis as { setImmediate?: (callback: () => void) => unknown };
  return new Promise((resolve) => (setImmediate ? setImmediate(resolve) : setTimeout(resolve, 0)));
}

/** A generator of this thread, from the first chunk. */
async function generatorHere(options: CommunityOptions, chunkSize: number): Promise<{ chunks: Iterator<EventColumns, void>; made: number }> {
  // The generator is sample data for demos and tests: loaded only when a community is generated here, so
  // the engine's worker and bundles that never ask carry none of it.
  const { communityColumns } = await import('../generator/community.js');
  return { chunks: communityColumns(options, chunkSize), made: 0 };
}

/**
 * The default generator worker: a module worker beside this module, wherever
 * the package is served from. None on a single core, where it could only
 * take turns with the engine.
 */
function startGeneratorWorker(): GeneratorWorker | null {
  if (typeof Worker !== 'function') return null;
  if (typeof navigator !== 'undefined' && navigator.hardwareConcurrency < 2) return null;
  return new Worker(new URL('./community.worker.ts', import.meta.url), { type: 'module', name: 'jetonomy-analytics-generator' });
}

/** One generator worker's chunks as they arrive, with the credit and the failure checks of the feed. */
class GeneratorConnection {
  /** Chunks received and not yet taken: at most the window. */
  private readonly ready: EventColumns[] = [];
  /** The position in the stream of `ready[0]`. */
  private first = 0;
  private state: 'running' | 'end' | 'failed' = 'running';
  /** Whether the worker has posted anything yet (it is up). */
  private heard = false;
  private wake: (() => void) | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** The started worker, or null where none could be started (no `Worker`, a policy that forbids it). */
  static open(options: CommunityOptions, chunkSize: number, feed: CommunityFeedOptions): GeneratorConnection | null {
    let worker: GeneratorWorker | null;
    try {
      worker = (feed.startWorker ?? startGeneratorWorker)();
    } catch {
      return null;
    }
    if (worker === null) return null;
    const connection = new GeneratorConnection(worker, feed.startMs ?? 10_000, feed.stallMs ?? 5_000);
    try {
      worker.postMessage({ type: 'start', options, chunkSize, credit: Math.max(1, feed.window ?? FEED_WINDOW) });
    } catch {
      // Options that cannot be cloned: generating here meets them as the load always did.
      connection.close();
      return null;
    }
    return connection;
  }

  private constructor(
    private readonly worker: GeneratorWorker,
    private readonly startMs: number,
    private readonly stallMs: number,
  ) {
    worker.addEventListener('message', (event) => this.receive((event as MessageEvent<FeedMessage>).data));
    // Handled here: an error left alone would count as an uncaught error of this thread (the engine's worker).
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.fail();
    });
    worker.addEventListener('messageerror', () => this.fail());
  }

  /** Whether the chunk at `position` is here, or the worker ended or failed; drops the chunks before it, as `next` does. */
  has(position: number): boolean {
    while (this.ready.length > 0 && this.first < position) this.take();
    return this.ready.length > 0 || this.state !== 'running';
  }

  /**
   * The chunk at `position` of the stream (those before it, made elsewhere,
   * are dropped; each chunk taken or dropped grants the worker one more),
   * `end` after the last one, or `failed` once the worker is of no more use.
   */
  async next(position: number): Promise<EventColumns | 'end' | 'failed'> {
    for (;;) {
      while (this.ready.length > 0) {
        const chunk = this.take();
        if (this.first > position) return chunk;
      }
      if (this.state !== 'running') return this.state;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        this.timer = setTimeout(() => this.fail(), this.heard ? this.stallMs : this.startMs);
      });
    }
  }

  /** Ends the worker; chunks not taken are dropped. */
  close(): void {
    if (this.state === 'running') this.state = 'failed';
    this.ready.length = 0;
    this.notify();
    this.worker.terminate();
  }

  /** The first chunk received; the worker may make one more. */
  private take(): EventColumns {
    this.first++;
    if (this.state === 'running') this.worker.postMessage({ type: 'credit', chunks: 1 });
    return this.ready.shift()!;
  }

  private receive(message: FeedMessage): void {
    if (this.state !== 'running') return;
    this.heard = true;
    if (message.type === 'chunk') this.ready.push(message.columns);
    else this.state = message.type === 'end' ? 'end' : 'failed';
    this.notify();
  }

  private fail(): void {
    if (this.state !== 'running') return;
    this.state = 'failed';
    this.notify();
  }

  private notify(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}
