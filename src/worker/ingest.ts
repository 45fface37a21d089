/**
 * How a data source feeds its engine: batches of events (objects or columns)
 * split into chunks, each one call of the engine protocol, with the page
 * given a turn between chunks and progress after each.
 */
import { ColumnReader } from '../model/event-reader.js';
import { AnalyticsError, ERROR_CODES } from '../model/errors.js';
import { EventFields, SLOT_FIELDS, emptyColumns, stringInterner, type EventColumns } from '../model/event-columns.js';
import { EVENT_TYPES, type AnalyticsEvent, type IngestResult, type RejectedEvent } from '../model/events.js';
import type { CommunityOptions } from '../generator/community.js';
import { yieldToPage } from '../model/yield-to-page.js';
import { MAX_RESERVE } from '../model/query.js';
import { describeValue, validateEvent } from '../model/validate.js';
import type { EngineClient } from './client.js';
import { encodeValidEvents, type EncodedEvents } from './event-codec.js';
import type { CommunityLoad, IngestProgress } from './protocol.js';

export type { IngestProgress } from './protocol.js';

/** Events are encoded and sent in chunks of this size, yielding to the page in between. */
export const INGEST_CHUNK = 16384;

/**
 * Ingests event objects. In-process they go to the engine as they are; to a
 * worker they are checked here and sent as columns (transferred, not
 * cloned), so an event that cannot be read costs only itself.
 */
export async function ingestEvents(
  client: EngineClient,
  events: readonly unknown[],
  onProgress?: (progress: IngestProgress) => void,
): Promise<IngestResult> {
  const total = emptyResult();
  await reserveFor(client, events.length);
  if (client.kind === 'in-process') {
    for (let start = 0; start < events.length; start += INGEST_CHUNK) {
      if (start > 0) await yieldToPage();
      const part = await client.call('ingestEvents', { events: events.slice(start, start + INGEST_CHUNK) });
      for (const r of part.rejected) r.index += start;
      addResults(total, part);
      onProgress?.({ done: Math.min(events.length, start + INGEST_CHUNK), total: events.length });
    }
    await compactAfter(client, events.length);
    return total;
  }
  const rejected: RejectedEvent[] = [];
  for await (const chunk of encodeBatch(events, rejected)) {
    const done = chunk.count > 0 ? chunk.index[chunk.count - 1]! + 1 : 0;
    addResults(total, await client.call('ingestColumns', { columns: chunk }, { transfer: true }));
    if (done > 0) onProgress?.({ done, total: events.length });
  }
  total.rejected = rejected.concat(total.rejected).sort((a, b) => a.index - b.index);
  // Events rejected here never reach the engine, so its count may stay short of the hint: the load is done.
  await compactAfter(client, events.length);
  onProgress?.({ done: events.length, total: events.length });
  return total;
}

/**
 * Ingests event columns from any producer: their structure is checked here
 * first (broken structure never reaches the engine), then they go in chunks,
 * each a copy, so the caller's buffers stay usable (see `ingestColumnChunks`).
 */
export async function ingestColumns(client: EngineClient, columns: unknown, onProgress?: (progress: IngestProgress) => void): Promise<IngestResult> {
  const checked = checkColumns(columns);
  await reserveFor(client, checked.count);
  const result = await ingestColumnChunks(checked, (chunk) => client.call('ingestColumns', { columns: chunk }, { transfer: true }), onProgress);
  await compactAfter(client, checked.count);
  return result;
}

/** A batch of several chunks tells the engine its size first, so its tables grow to it in a few steps (`reserve`). */
async function reserveFor(client: EngineClient, events: number): Promise<void> {
  if (events > INGEST_CHUNK) await client.call('reserve', { events: Math.min(events, MAX_RESERVE) });
}

/** And, once it is in, that the load is done (`compact`): whatever the engine counted of it. */
async function compactAfter(client: EngineClient, events: number): Promise<void> {
  if (events > INGEST_CHUNK) await client.call('compact', {});
}

/** Generates a seeded community where the engine runs and ingests it (or ingests a kept one: see `keep`). */
export function ingestCommunity(
  client: EngineClient,
  community: CommunityOptions,
  onProgress?: (progress: IngestProgress) => void,
  keep = false,
): Promise<CommunityLoad> {
  // Always asked for: each report is also the worker's sign of life, which restarts its time-out.
  return client.call('ingestCommunity', { community, keep }, { onProgress: (done) => onProgress?.({ done, total: community.events }) });
}

/**
 * Validates a batch on the caller's side and encodes the valid events into
 * column chunks. Rejections keep their batch index.
 */
export async function* encodeBatch(
  events: readonly unknown[],
  rejected: RejectedEvent[],
  chunkSize = INGEST_CHUNK,
): AsyncGenerator<EncodedEvents> {
  for (let start = 0; start < events.length; start += chunkSize) {
    const valid: AnalyticsEvent[] = [];
    const positions: number[] = [];
    const end = Math.min(events.length, start + chunkSize);
    for (let index = start; index < end; index++) {
      // Read once, by validateEvent; only the snapshot is encoded.
      const check = validateEvent(events[index]);
      if (check.ok) {
        valid.push(check.event);
        positions.push(index);
      } else {
        rejected.push(check.id === undefined ? { index, reason: check.reason } : { index, id: check.id, reason: check.reason });
      }
    }
    yield encodeValidEvents(valid, positions);
    if (end < events.length) await yieldToPage();
  }
}

export function addResults(total: IngestResult, part: IngestResult): void {
  total.applied += part.applied;
  total.duplicates += part.duplicates;
  total.held += part.held;
  total.released += part.released;
  total.rejected.push(...part.rejected);
}

export const emptyResult = (): IngestResult => ({ applied: 0, duplicates: 0, held: 0, released: 0, rejected: [] });

/** Columns whose structure was checked, read once: the caller's typed arrays and a copy of its string table. */
export interface CheckedColumns {
  count: number;
  columns: EventColumns;
  /** The string table as read, once (entries may be anything). */
  table: unknown[];
}

const COLUMN_NAMES = ['index', 'type', 'at', 'id', 's0', 's1', 's2', 's3', 's4', 'num'] as const;

/** The intrinsic length of a typed array (an own `length` property cannot fake it). */
const typedLength = (() => {
  const get = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype) as object, 'length')!.get!;
  return (view: ArrayBufferView): number => get.call(view) as number;
})();

function invalidColumns(message: string, cause?: unknown): AnalyticsError {
  return new AnalyticsError(ERROR_CODES.invalidQuery, `ingestColumns(): ${message}`, cause === undefined ? {} : { cause });
}

/**
 * Checks the structure of event columns from any producer before anything is
 * ingested, as the engine's `ingestColumns` does (same messages), and reads
 * each property once. Broken structure is an `AnalyticsError` `invalid_query`
 * whose message names the field; bad rows are not checked here (the engine
 * rejects them with their reasons).
 */
export function checkColumns(input: unknown): CheckedColumns {
  const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));
  if (typeof input !== 'object' || input === null) throw invalidColumns(`Event columns must be an object, got ${describeValue(input)}`);
  let read: Record<string, unknown>;
  try {
    const source = input as Record<string, unknown>;
    read = { count: source.count };
    for (const name of COLUMN_NAMES) read[name] = source[name];
    read.strings = source.strings;
  } catch (error) {
    throw invalidColumns(`the event columns could not be read (${message(error)})`, error);
  }
  try {
    // Count and columns first, as the engine checks them (the table is read below, once).
    new ColumnReader({ ...read, strings: [] } as unknown as EventColumns);
  } catch (error) {
    throw invalidColumns(message(error), error);
  }
  const count = read.count as number;
  for (const name of COLUMN_NAMES) {
    const length = typedLength(read[name] as ArrayBufferView);
    if (length < count) throw invalidColumns(`Event columns: "${name}" holds ${length} values, fewer than "count" (${count})`);
  }
  const strings = read.strings;
  if (!Array.isArray(strings)) {
    throw invalidColumns(`Event columns: "strings" must be an array of strings, got ${describeValue(strings)}`);
  }
  let table: unknown[];
  try {
    table = Array.prototype.slice.call(strings) as unknown[];
  } catch (error) {
    throw invalidColumns(`Event columns: "strings" could not be read (${message(error)})`, error);
  }
  return { count, columns: { ...read, strings: table } as unknown as EventColumns, table };
}

/** Is a table entry a value that crosses a Worker boundary unchanged (and is read without side effects)? */
const plainEntry = (value: unknown): boolean => {
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' || type === 'undefined' || type === 'bigint' || value === null;
};

const STRING_SLOTS = ['s0', 's1', 's2', 's3', 's4'] as const;

/**
 * Ingests checked columns in chunks of `chunkSize` rows through `send`,
 * yielding to the page in between, and returns the result of the whole batch
 * with `rejected[].index` from the columns' `index`, in row order.
 *
 * Each chunk is a copy (the caller's arrays are never sent or detached) with
 * its own string table, holding only the strings its rows use (so a large
 * batch does not send its whole table with every chunk); its `index` holds
 * each row's position in the batch. A row the copy cannot carry as it is (an
 * unknown type code, a string position outside the table, an entry that is
 * not a plain value) is checked here by the engine's own row check: rejected
 * with its reason, or (if valid after all) sent as the values it stands for.
 */
export async function ingestColumnChunks(
  checked: CheckedColumns,
  send: (chunk: EventColumns) => Promise<IngestResult>,
  onProgress?: (p: IngestProgress) => void,
  chunkSize = INGEST_CHUNK,
): Promise<IngestResult> {
  const { count, columns, table } = checked;
  // Checks single rows exactly as the engine does, for the rows that cannot be sent as they are.
  let reader: ColumnReader | undefined;
  const n = table.length;
  const total = emptyResult();
  const rejected: { row: number; rejection: RejectedEvent }[] = [];
  // Per table entry: 0 not looked at, 1 plain, 2 not; and its position in the current chunk's table (-1 none).
  const kind = new Uint8Array(n);
  const local = new Int32Array(n).fill(-1);
  const fields = new EventFields();
  const isPlain = (ref: number): boolean => {
    if (ref < 0 || ref >= n) return false;
    let k = kind[ref]!;
    if (k === 0) k = kind[ref] = plainEntry(table[ref]) ? 1 : 2;
    return k === 1;
  };
  for (let start = 0; start < count; start += chunkSize) {
    const end = Math.min(count, start + chunkSize);
    const chunk = emptyColumns(end - start);
    const strings: unknown[] = [];
    const used: number[] = [];
    const batchIndex = new Int32Array(end - start);
    const ref = (original: number): number => {
      let r = local[original]!;
      if (r < 0) {
        r = local[original] = strings.length;
        strings.push(table[original]);
        used.push(original);
      }
      return r;
    };
    const intern = stringInterner(strings);
    const text = (value: string | undefined): number => (value === undefined ? -1 : intern(value));
    let k = 0;
    for (let row = start; row < end; row++) {
      const type = columns.type[row]!;
      const idRef = columns.id[row]!;
      const slots = type < EVENT_TYPES.length ? SLOT_FIELDS[type]!.length : 0;
      let sendable = slots > 0 && isPlain(idRef);
      for (let s = 0; sendable && s < slots; s++) {
        const r = columns[STRING_SLOTS[s]!][row]!;
        if (r !== -1 && !isPlain(r)) sendable = false;
      }
      batchIndex[row - start] = columns.index[row]!;
      chunk.index[k] = row;
      if (sendable) {
        chunk.type[k] = type;
        chunk.at[k] = columns.at[row]!;
        chunk.id[k] = ref(idRef);
        for (let s = 0; s < slots; s++) {
          const r = columns[STRING_SLOTS[s]!][row]!;
          chunk[STRING_SLOTS[s]!][k] = r === -1 ? -1 : ref(r);
        }
        chunk.num[k] = columns.num[row]!;
        k++;
        continue;
      }
      reader ??= new ColumnReader(columns);
      const reason = reader.read(row, fields);
      if (reason !== undefined) {
        const index = batchIndex[row - start]!;
        rejected.push({ row, rejection: fields.id === '' ? { index, reason } : { index, id: fields.id, reason } });
        continue;
      }
      // Valid after all: send the values the row stands for.
      chunk.type[k] = fields.type;
      chunk.at[k] = fields.at;
      chunk.id[k] = text(fields.id);
      chunk.s0[k] = text(fields.s0);
      chunk.s1[k] = text(fields.s1);
      chunk.s2[k] = text(fields.s2);
      chunk.s3[k] = text(fields.s3);
      chunk.s4[k] = text(fields.s4);
      chunk.num[k] = fields.num;
      k++;
    }
    for (const original of used) local[original] = -1;
    chunk.count = k;
    chunk.strings = strings as string[];
    if (k > 0) {
      const part = await send(chunk);
      addResults(total, { ...part, rejected: [] });
      for (const r of part.rejected) rejected.push({ row: r.index, rejection: { ...r, index: batchIndex[r.index - start]! } });
    }
    onProgress?.({ done: end, total: count });
    if (end < count) await yieldToPage();
  }
  total.rejected = rejected.sort((a, b) => a.row - b.row).map((r) => r.rejection);
  return total;
}
