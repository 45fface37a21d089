import type { EventColumns } from '../model/event-columns.js';

/**
 * Events cross the Worker boundary as columns (`EventColumns`, see
 * src/model/event-columns.ts): typed arrays that are transferred (moved, not
 * copied) plus one table of the distinct strings of the chunk. Cloning an
 * array of event objects costs the main thread about as much as building
 * them; this costs one pass and a memcpy-free transfer, and the worker
 * ingests the columns as they are.
 */
export {
  decodeEvents,
  encodeEvents,
  encodeValidEvents,
  type EncodedEvents,
  type EventColumns,
} from '../model/event-columns.js';

/** The buffers to transfer with an encoded chunk. */
export function transferables(encoded: EventColumns): ArrayBuffer[] {
  return [encoded.index, encoded.type, encoded.at, encoded.id, encoded.s0, encoded.s1, encoded.s2, encoded.s3, encoded.s4, encoded.num].map(
    (a) => a.buffer as ArrayBuffer,
  );
}

/** A copy that stays with the sender (kept to replay a crashed worker). */
export function cloneEncoded(encoded: EventColumns): EventColumns {
  return {
    count: encoded.count,
    index: encoded.index.slice(),
    type: encoded.type.slice(),
    at: encoded.at.slice(),
    id: encoded.id.slice(),
    s0: encoded.s0.slice(),
    s1: encoded.s1.slice(),
    s2: encoded.s2.slice(),
    s3: encoded.s3.slice(),
    s4: encoded.s4.slice(),
    num: encoded.num.slice(),
    strings: encoded.strings,
  };
}
