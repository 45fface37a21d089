/**
 * The community feed: the chunks of the generator, made in a worker of their
 * own, exactly as `communityColumns` makes them here; never far ahead of
 * their reader; and the rest generated in the reader's thread when that
 * worker cannot start, crashes, or goes silent.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { communityColumns, type CommunityOptions } from '../generator/community.js';
import { decodeEvents, type EventColumns } from '../model/event-columns.js';
import { communityFeed, FEED_WINDOW, type CommunityFeedOptions, type GeneratorWorker } from './community-feed.js';
import type { FeedMessage, FeedRequest } from './community-feed-protocol.js';

const COMMUNITY: CommunityOptions = { seed: 11, events: 40_000 };
const CHUNK = 2_048;

/**
 * A real generator worker seen through a window: counts what it posts; can
 * drop dead (an error event) or fall silent after `after` chunks; and can
 * hold its messages back until `held` is set to false.
 */
class WatchedWorker extends EventTarget implements GeneratorWorker {
  readonly worker = new Worker(new URL('./community.worker.ts', import.meta.url), { type: 'module' });
  posted = 0;
  terminated = false;
  lastError: Event | null = null;
  private readonly queue: MessageEvent<FeedMessage>[] = [];
  private holding = false;

  constructor(private readonly failure?: { after: number; how: 'crash' | 'silence' }) {
    super();
    this.worker.addEventListener('message', (event: MessageEvent<FeedMessage>) => {
      if (this.holding) this.queue.push(event);
      else this.deliver(event);
    });
    this.worker.addEventListener('error', (event) => this.dispatchEvent(new ErrorEvent('error', { message: event.message, cancelable: true })));
  }

  /** Messages held back so far. */
  get queued(): number {
    return this.queue.length;
  }

  /** Messages wait while held, and come in order once released. */
  set held(held: boolean) {
    this.holding = held;
    if (!held) for (const event of this.queue.splice(0)) this.deliver(event);
  }

  private deliver(event: MessageEvent<FeedMessage>): void {
    {
      if (this.failure && this.posted >= this.failure.after) return;
      if (event.data.type === 'chunk') this.posted++;
      this.dispatchEvent(new MessageEvent('message', { data: event.data }));
      if (this.failure?.how === 'crash' && this.posted === this.failure.after) {
        this.worker.terminate();
        this.lastError = new ErrorEvent('error', { message: 'the generator worker crashed', cancelable: true });
        this.dispatchEvent(this.lastError);
      }
    }
  }

  postMessage(message: FeedRequest): void {
    this.worker.postMessage(message);
  }

  terminate(): void {
    this.terminated = true;
    this.worker.terminate();
  }
}

async function read(options: CommunityOptions, feed: CommunityFeedOptions): Promise<EventColumns[]> {
  const chunks: EventColumns[] = [];
  for await (const chunk of communityFeed(options, CHUNK, feed)) chunks.push(chunk);
  return chunks;
}

/** The chunks equal those generated here, chunk by chunk and event by event. */
function expectSameChunks(actual: EventColumns[], options = COMMUNITY): void {
  const expected = [...communityColumns(options, CHUNK)];
  expect(actual.map((c) => c.count)).to.deep.equal(expected.map((c) => c.count));
  actual.forEach((chunk, k) => {
    expect(Array.from(chunk.index)).to.deep.equal(Array.from(expected[k]!.index));
    expect(decodeEvents(chunk)).to.deep.equal(decodeEvents(expected[k]!));
  });
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('communityFeed', () => {
  it('gives the chunks of communityColumns, in order, from the generator worker', async () => {
    const worker = new WatchedWorker();
    const chunks = await read(COMMUNITY, { startWorker: () => worker, generateWhileStarting: false });
    expect(worker.posted, 'every chunk came from the worker').to.equal(chunks.length);
    expect(chunks.length).to.be.greaterThan(15);
    expectSameChunks(chunks);
    expect(worker.terminated, 'the worker is ended once done').to.equal(true);
  });

  it('gives the same chunks with its default worker', async () => {
    expectSameChunks(await read(COMMUNITY, {}));
  });

  it('makes the first chunks here while its worker starts, then takes the worker\'s from where it got to', async () => {
    const worker = new WatchedWorker();
    worker.held = true;
    const feed = communityFeed(COMMUNITY, CHUNK, { startWorker: () => worker });
    const chunks: EventColumns[] = [];
    for (let k = 0; k < 3; k++) chunks.push((await feed.next()).value as EventColumns);
    expect(worker.posted, 'nothing from the worker yet').to.equal(0);
    // Its window made (the chunks before the fourth are dropped): the reader takes the fourth from it, and no more chunk is made here.
    await waitUntil(() => worker.queued === FEED_WINDOW, 'the worker starts', { timeout: 10_000 });
    worker.held = false;
    for await (const chunk of feed) chunks.push(chunk);
    expect(worker.posted, 'the rest came from the worker, its first three dropped').to.equal(chunks.length);
    expectSameChunks(chunks);
  });

  it('generates the rest here when its worker crashes after making the first chunks here', async () => {
    const worker = new WatchedWorker({ after: 4, how: 'crash' });
    worker.held = true;
    const feed = communityFeed(COMMUNITY, CHUNK, { startWorker: () => worker });
    const chunks: EventColumns[] = [];
    for (let k = 0; k < 2; k++) chunks.push((await feed.next()).value as EventColumns);
    await waitUntil(() => worker.queued === FEED_WINDOW, 'the worker starts', { timeout: 10_000 });
    worker.held = false;
    for await (const chunk of feed) chunks.push(chunk);
    expect(worker.posted).to.equal(4);
    expectSameChunks(chunks);
  });

  it('runs at most its window of chunks ahead of its reader', async () => {
    const worker = new WatchedWorker();
    const feed = communityFeed(COMMUNITY, CHUNK, { startWorker: () => worker, window: 3, generateWhileStarting: false });
    await feed.next();
    await delay(300);
    // Three granted at the start, one more for the chunk taken; the generator waits for more credit.
    expect(worker.posted).to.equal(4);
    await feed.next();
    await feed.next();
    await delay(300);
    expect(worker.posted).to.equal(6);
    await feed.return();
    expect(worker.terminated, 'ending the reading ends the worker').to.equal(true);
  });

  it('generates the rest here when its worker crashes mid-way, skipping the chunks already given', async () => {
    const worker = new WatchedWorker({ after: 5, how: 'crash' });
    const chunks = await read(COMMUNITY, { startWorker: () => worker, generateWhileStarting: false });
    expect(worker.posted).to.equal(5);
    expect(worker.lastError?.defaultPrevented, 'the crash is handled, not left to reach the engine worker').to.equal(true);
    expectSameChunks(chunks);
  });

  it('generates the rest here when its worker goes silent', async () => {
    const worker = new WatchedWorker({ after: 3, how: 'silence' });
    const chunks = await read(COMMUNITY, { startWorker: () => worker, stallMs: 200, generateWhileStarting: false });
    expect(worker.posted).to.equal(3);
    expect(worker.terminated).to.equal(true);
    expectSameChunks(chunks);
  });

  it('generates here when no worker can be started, or the one started never runs', async () => {
    const small: CommunityOptions = { seed: 4, events: 6_000 };
    const blocked = (): GeneratorWorker => {
      throw new DOMException('Workers are not allowed here', 'SecurityError');
    };
    const missing = () => new Worker(new URL('./no-such.worker.js', import.meta.url), { type: 'module' });
    const broken = () => new Worker(URL.createObjectURL(new Blob(['throw new Error("broken on start")'], { type: 'text/javascript' })), { type: 'module' });
    for (const startWorker of [() => null, blocked, missing, broken]) expectSameChunks(await read(small, { startWorker }), small);
  });

  it('fails as generating here does when the options are wrong', async () => {
    const error = await read({ events: -1 }, {}).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(RangeError);
    expect((error as RangeError).message).to.equal('events must be a positive number');
  });
});
