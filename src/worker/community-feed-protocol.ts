/**
 * The messages between a community load (`community-feed.ts`, where the
 * engine runs) and the generator worker it starts (`community.worker.ts`).
 * The generator posts each chunk of columns as soon as it is made, its typed
 * arrays transferred, while the engine ingests the previous ones. It runs
 * ahead only as far as it has credit: the load grants a window of chunks at
 * the start and one more each time it takes a chunk, so at most that window
 * waits in the engine's thread, however large the community.
 */
import type { CommunityOptions } from '../generator/community.js';
import type { EventColumns } from '../model/event-columns.js';

/** What the load sends the generator worker. */
export type FeedRequest =
  /** Generate `options` in chunks of `chunkSize` events; `credit` chunks may be posted before the next grant. */
  | { type: 'start'; options: CommunityOptions; chunkSize: number; credit: number }
  /** The load took chunks: this many more may be posted. */
  | { type: 'credit'; chunks: number };

/** What the generator worker posts back. */
export type FeedMessage =
  /** The next chunk of the stream, in order (its typed arrays transferred). */
  | { type: 'chunk'; columns: EventColumns }
  /** Every chunk has been posted. */
  | { type: 'end' }
  /** The generator threw; the load generates the rest itself (and meets the same error, if it is the options'). */
  | { type: 'failed'; message: string };

/** The buffers of a chunk's typed arrays, to transfer rather than copy. */
export function columnBuffers(columns: EventColumns): ArrayBuffer[] {
  const { index, type, at, id, s0, s1, s2, s3, s4, num } = columns;
  const buffers: ArrayBuffer[] = [];
  for (const array of [index, type, at, id, s0, s1, s2, s3, s4, num]) {
    if (array.buffer instanceof ArrayBuffer && !buffers.includes(array.buffer)) buffers.push(array.buffer);
  }
  return buffers;
}
