import type { AnalyticsEvent, EventType } from '../model/events.js';
import { EVENT_TYPES } from '../model/events.js';

/**
 * Events in columns, for crossing the Worker boundary: typed arrays that are
 * transferred (moved, not copied) plus one table of the distinct strings of
 * the chunk. Cloning an array of event objects costs the main thread about
 * as much as building them; this costs one pass and a memcpy-free transfer.
 */
export interface EncodedEvents {
  count: number;
  /** Each event's position in the caller's batch. */
  index: Int32Array;
  type: Uint8Array;
  at: Float64Array;
  id: Int32Array;
  /** String slots, -1 when the field is absent; see FIELD_SLOTS. */
  s0: Int32Array;
  s1: Int32Array;
  s2: Int32Array;
  s3: Int32Array;
  s4: Int32Array;
  /** The numeric field (trustLevel or value), NO_NUMBER when absent. */
  num: Int32Array;
  strings: string[];
}

const NO_NUMBER = -0x80000000;
type StringSlot = 's0' | 's1' | 's2' | 's3' | 's4';
const STRING_SLOTS: readonly StringSlot[] = ['s0', 's1', 's2', 's3', 's4'];

/** Which field of each event type goes in which string slot, and its numeric field. */
const FIELD_SLOTS: Record<EventType, { strings: readonly string[]; num?: string }> = {
  'member.joined': { strings: ['memberId', 'displayName', 'avatarUrl'], num: 'trustLevel' },
  'member.updated': { strings: ['memberId', 'displayName', 'avatarUrl'], num: 'trustLevel' },
  'space.created': { strings: ['spaceId', 'name', 'kind'] },
  // Its status ('published' | 'pending') rides in the numeric slot as a code.
  'content.created': { strings: ['contentId', 'spaceId', 'authorId', 'parentId', 'kind'] },
  'content.status_changed': { strings: ['contentId', 'status'] },
  'vote.cast': { strings: ['voteId', 'contentId', 'voterId'], num: 'value' },
  'vote.retracted': { strings: ['voteId', 'contentId', 'voterId'], num: 'value' },
  'answer.accepted': { strings: ['questionId', 'answerId'] },
  'answer.unaccepted': { strings: ['questionId', 'answerId'] },
  'flag.raised': { strings: ['flagId', 'contentId', 'reporterId'] },
  'flag.resolved': { strings: ['flagId', 'contentId', 'reporterId', 'resolution'] },
  'automod.triggered': { strings: ['contentId', 'ruleId'] },
};
const CONTENT_STATUS = ['published', 'pending'] as const;
const TYPE_CODE = new Map<string, number>(EVENT_TYPES.map((t, i) => [t, i]));

/** Encodes valid events (the caller validates) with their batch positions. */
export function encodeEvents(events: readonly AnalyticsEvent[], positions: readonly number[]): EncodedEvents {
  const count = events.length;
  const encoded: EncodedEvents = {
    count,
    index: Int32Array.from(positions),
    type: new Uint8Array(count),
    at: new Float64Array(count),
    id: new Int32Array(count),
    s0: new Int32Array(count).fill(-1),
    s1: new Int32Array(count).fill(-1),
    s2: new Int32Array(count).fill(-1),
    s3: new Int32Array(count).fill(-1),
    s4: new Int32Array(count).fill(-1),
    num: new Int32Array(count).fill(NO_NUMBER),
    strings: [],
  };
  const table = new Map<string, number>();
  const ref = (value: string): number => {
    let r = table.get(value);
    if (r === undefined) {
      r = encoded.strings.length;
      table.set(value, r);
      encoded.strings.push(value);
    }
    return r;
  };
  for (let i = 0; i < count; i++) {
    const event = events[i]! as unknown as Record<string, unknown> & AnalyticsEvent;
    encoded.type[i] = TYPE_CODE.get(event.type)!;
    encoded.at[i] = event.at;
    encoded.id[i] = ref(event.id);
    const slots = FIELD_SLOTS[event.type];
    for (let s = 0; s < slots.strings.length; s++) {
      const value = event[slots.strings[s]!];
      if (typeof value === 'string') encoded[STRING_SLOTS[s]!][i] = ref(value);
    }
    if (event.type === 'content.created') {
      encoded.num[i] = event.status === 'pending' ? 1 : 0;
    } else if (slots.num !== undefined) {
      const value = event[slots.num];
      if (typeof value === 'number') encoded.num[i] = value;
    }
  }
  return encoded;
}

/** Rebuilds the event objects, in the worker. */
export function decodeEvents(encoded: EncodedEvents): AnalyticsEvent[] {
  const { strings } = encoded;
  const events: AnalyticsEvent[] = new Array(encoded.count);
  for (let i = 0; i < encoded.count; i++) {
    const type = EVENT_TYPES[encoded.type[i]!]!;
    const event: Record<string, unknown> = { id: strings[encoded.id[i]!], type, at: encoded.at[i] };
    const slots = FIELD_SLOTS[type];
    for (let s = 0; s < slots.strings.length; s++) {
      const r = encoded[STRING_SLOTS[s]!][i]!;
      if (r >= 0) event[slots.strings[s]!] = strings[r];
    }
    const num = encoded.num[i]!;
    if (type === 'content.created') event.status = CONTENT_STATUS[num];
    else if (slots.num !== undefined && num !== NO_NUMBER) event[slots.num] = num;
    events[i] = event as unknown as AnalyticsEvent;
  }
  return events;
}

/** The buffers to transfer with an encoded chunk. */
export function transferables(encoded: EncodedEvents): ArrayBuffer[] {
  return [encoded.index, encoded.type, encoded.at, encoded.id, encoded.s0, encoded.s1, encoded.s2, encoded.s3, encoded.s4, encoded.num].map(
    (a) => a.buffer as ArrayBuffer,
  );
}

/** A copy that stays with the sender (kept to replay a crashed worker). */
export function cloneEncoded(encoded: EncodedEvents): EncodedEvents {
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
