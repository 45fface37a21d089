/// <reference lib="webworker" />
/**
 * The generator worker: started by a community load (`community-feed.ts`),
 * from the engine's worker, so generating the next chunks takes a core of its
 * own while the engine ingests the previous ones. It generates exactly the
 * chunks the load would generate itself (`communityColumns`), and posts each
 * as soon as it is made while it has credit (see `community-feed-protocol.ts`).
 * Plain globals, not `self`: the benchmark runs this script in a Node thread
 * that provides only `addEventListener` and `postMessage`.
 */
import { communityColumns } from '../generator/community.js';
import type { EventColumns } from '../model/event-columns.js';
import { columnBuffers, type FeedMessage, type FeedRequest } from './community-feed-protocol.js';

let chunks: Iterator<EventColumns, void> | null = null;
let credit = 0;

const post = (message: FeedMessage, transfer: Transferable[] = []): void => postMessage(message, transfer);

/** Posts chunks while there is credit; runs to the end of the grant in one task, as the load ingests meanwhile. */
function pump(): void {
  try {
    while (chunks !== null && credit > 0) {
      const next = chunks.next();
      if (next.done) {
        chunks = null;
        post({ type: 'end' });
        return;
      }
      credit--;
      post({ type: 'chunk', columns: next.value }, columnBuffers(next.value));
    }
  } catch (error) {
    chunks = null;
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}

addEventListener('message', (event: MessageEvent<FeedRequest>) => {
  const request = event.data;
  if (request.type === 'start') {
    chunks = communityColumns(request.options, request.chunkSize);
    credit += request.credit;
  } else {
    credit += request.chunks;
  }
  pump();
});
