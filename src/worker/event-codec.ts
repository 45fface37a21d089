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
