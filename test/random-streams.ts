/**
 * Seeded generator of small adversarial event streams for the dual-path
 * tests: equal timestamps (so the id tie-break decides), events delivered
 * before the entities they refer to, retractions and resolutions before what
 * they undo, orphans that never resolve, duplicate deliveries, a few
 * malformed events, and timestamps clustered around local midnights and DST
 * switches of the chosen zone. Same seed, same stream.
 */

import type { DateRange } from '../src/model/report.js';

/** mulberry32: a tiny, good-enough seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Helpers over one PRNG so the generator reads like the story it tells. */
export class Random {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }
}

export const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', '+05:30', '-03:00'] as const;

// Both windows cover the DST switches of Berlin, New York and Lord Howe (a 30-minute shift).
const WINDOWS = [
  { start: Date.UTC(2026, 2, 1), days: 60 },
  { start: Date.UTC(2026, 8, 10), days: 60 },
];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const MEMBER_IDS = ['m1', 'm2', 'm3', 'm10', 'm11', 'm20', 'M5', 'm_ä', 'm-ß'];
const DISPLAY_NAMES = ['Ana', 'Ana', 'ana', 'Zoë', 'Zoe', 'Émile', 'émile', 'Bob', '李雷', 'Ωmega', '😀 Smile', 'Zoë'];
const SPACE_IDS = ['s1', 's2', 's10', 'S3', 's-é'];
const SPACE_NAMES = ['General', 'General', 'general', 'Q&A', 'Général', 'Ünicode', '問答', 'Help'];
const STATUSES = ['published', 'published', 'trash', 'spam', 'pending'] as const;

/** Local midnights and DST switches of a zone inside a window: what timestamps cluster around. */
export interface ZoneLandmarks {
  /** Epoch ms of each local midnight in the window, with its local date. */
  midnights: { at: number; date: string }[];
  /** Epoch ms of each offset change in the window, with the local date it happens on. */
  switches: { at: number; date: string }[];
}

const landmarkCache = new Map<string, ZoneLandmarks>();

/** Local wall clock of an instant: date and offset in minutes. */
function localClock(timeZone: string, at: number): { date: string; offsetMinutes: number } {
  const fixed = /^([+-])(\d{2}):(\d{2})$/.exec(timeZone);
  if (fixed) {
    const offsetMinutes = (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3]));
    return { date: new Date(at + offsetMinutes * MINUTE).toISOString().slice(0, 10), offsetMinutes };
  }
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formats.set(timeZone, format);
  }
  const p = Object.fromEntries(format.formatToParts(at).map((part) => [part.type, part.value]));
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute));
  return { date: `${p.year}-${p.month}-${p.day}`, offsetMinutes: Math.round((wall - (at - (at % MINUTE))) / MINUTE) };
}
const formats = new Map<string, Intl.DateTimeFormat>();

/** Scans a window in 15-minute steps; every offset and midnight of these zones falls on such a step. */
export function zoneLandmarks(timeZone: string, windowStart: number, days: number): ZoneLandmarks {
  const key = `${timeZone}|${windowStart}|${days}`;
  const cached = landmarkCache.get(key);
  if (cached) return cached;
  const midnights: ZoneLandmarks['midnights'] = [];
  const switches: ZoneLandmarks['switches'] = [];
  const step = 15 * MINUTE;
  let previous = localClock(timeZone, windowStart - 2 * DAY);
  for (let at = windowStart - 2 * DAY + step; at <= windowStart + (days + 2) * DAY; at += step) {
    const now = localClock(timeZone, at);
    if (now.date !== previous.date) midnights.push({ at, date: now.date });
    if (now.offsetMinutes !== previous.offsetMinutes) switches.push({ at, date: now.date });
    previous = now;
  }
  const landmarks = { midnights, switches };
  landmarkCache.set(key, landmarks);
  return landmarks;
}

export interface StreamOptions {
  /** Force a zone instead of picking one. */
  timeZone?: string;
  /** Share of events delivered twice; default 0.1. */
  duplicateRate?: number;
  /** Add a few malformed events; default true. */
  malformed?: boolean;
}

export interface RandomStream {
  seed: number;
  timeZone: string;
  /** What to ingest: shuffled, with duplicates and malformed events. */
  events: unknown[];
  /** Each distinct well-formed event once, in generation order (before ids were shuffled in). */
  uniqueEvents: Record<string, unknown>[];
  /** Malformed events mixed into `events`. */
  malformedEvents: unknown[];
  /** First and last local dates of the window the timestamps were drawn from. */
  firstDay: string;
  lastDay: string;
  landmarks: ZoneLandmarks;
  /** Every `at` used, for picking interesting "recording since" values. */
  times: number[];
}

type Draft = Record<string, unknown> & { type: string; at: number };

/** A small adversarial stream; the same seed always gives the same stream. */
export function randomStream(seed: number, opts: StreamOptions = {}): RandomStream {
  const rng = new Random(seed);
  const timeZone = opts.timeZone ?? rng.pick(ZONES);
  const window = rng.pick(WINDOWS);
  const landmarks = zoneLandmarks(timeZone, window.start, window.days);
  const windowEnd = window.start + window.days * DAY;
  const used: number[] = [];

  const remember = (at: number): number => {
    used.push(at);
    return at;
  };
  const near = (landmark: number): number =>
    landmark +
    rng.pick([0, 0, -1, 1, -MINUTE, rng.int(-3 * HOUR, 3 * HOUR), rng.int(-26 * HOUR, 26 * HOUR), rng.int(-90, 90) * MINUTE]);
  /** A timestamp anywhere, clustered around midnights and DST switches, sometimes repeating an earlier one. */
  const anyTime = (): number => {
    const roll = rng.next();
    if (roll < 0.3) {
      const at = rng.int(window.start, windowEnd);
      return remember(rng.chance(0.3) ? at - (at % MINUTE) : at);
    }
    if (roll < 0.6) return remember(near(rng.pick(landmarks.midnights).at));
    if (roll < 0.8 && landmarks.switches.length > 0) return remember(near(rng.pick(landmarks.switches).at));
    if (used.length > 0) return remember(rng.pick(used));
    return remember(rng.int(window.start, windowEnd));
  };
  /** Usually after `t` (what really happens), sometimes at the same instant, sometimes anywhere. */
  const after = (t: number): number => {
    const roll = rng.next();
    if (roll < 0.15) return remember(t);
    if (roll < 0.75) return remember(t + rng.pick([1, MINUTE, rng.int(1, 180) * MINUTE, rng.int(1, 3 * DAY), rng.int(1, 20 * DAY)]));
    if (roll < 0.9) {
      const next = landmarks.midnights.find((m) => m.at > t);
      return remember(next ? near(next.at) : t + HOUR);
    }
    return anyTime();
  };

  const drafts: Draft[] = [];
  const add = (draft: Draft): Draft => {
    drafts.push(draft);
    return draft;
  };

  // Members, with renames and trust changes (some at equal instants).
  const memberIds = rng.shuffle(MEMBER_IDS).slice(0, rng.int(2, 6));
  for (const memberId of memberIds) {
    const joined: Draft = { type: 'member.joined', at: anyTime(), memberId, displayName: rng.pick(DISPLAY_NAMES), trustLevel: rng.int(0, 4) };
    if (rng.chance(0.5)) joined.avatarUrl = `https://example.test/${memberId}.png`;
    add(joined);
    if (rng.chance(0.05)) add({ ...joined, at: anyTime(), displayName: rng.pick(DISPLAY_NAMES) });
    const updates = rng.chance(0.4) ? rng.int(1, 3) : 0;
    let last = joined.at;
    for (let i = 0; i < updates; i++) {
      const update: Draft = { type: 'member.updated', at: rng.chance(0.2) ? last : after(last), memberId };
      if (rng.chance(0.7)) update.displayName = rng.pick(DISPLAY_NAMES);
      if (rng.chance(0.4)) update.trustLevel = rng.int(0, 4);
      if (rng.chance(0.3) || (update.displayName === undefined && update.trustLevel === undefined)) {
        update.avatarUrl = rng.chance(0.3) ? '' : `https://example.test/${memberId}-${i}.png`;
      }
      last = update.at;
      add(update);
    }
  }

  // Spaces of both kinds, names with ties.
  const spaces = rng.shuffle(SPACE_IDS)
    .slice(0, rng.int(1, 4))
    .map((spaceId) => add({ type: 'space.created', at: anyTime(), spaceId, name: rng.pick(SPACE_NAMES), kind: rng.pick(['discussion', 'qa']) }));
  for (const space of spaces) {
    if (rng.chance(0.05)) add({ ...space, at: anyTime(), name: rng.pick(SPACE_NAMES), kind: rng.pick(['discussion', 'qa']) });
  }

  // Posts and replies, published or pending.
  const posts: Draft[] = [];
  const content: Draft[] = [];
  const contentCount = rng.int(3, 24);
  for (let i = 1; i <= contentCount; i++) {
    const contentId = rng.pick(['c', 'C', 'c0']) + i;
    const status = rng.chance(0.8) ? 'published' : 'pending';
    const authorId = rng.pick(memberIds);
    let created: Draft;
    if (posts.length > 0 && rng.chance(0.5)) {
      const parent = rng.pick(posts);
      created = { type: 'content.created', at: after(parent.at), contentId, kind: 'reply', spaceId: parent.spaceId, authorId, parentId: parent.contentId, status };
    } else {
      created = { type: 'content.created', at: anyTime(), contentId, kind: 'post', spaceId: (rng.pick(spaces).spaceId as string), authorId, status };
      posts.push(created);
    }
    content.push(add(created));
    // Rarely a second creating event under another id: the oldest defines, the newest status wins.
    if (rng.chance(0.08)) add({ ...created, at: rng.chance(0.5) ? after(created.at) : anyTime(), status: rng.chance(0.5) ? 'published' : 'pending' });
  }

  // Status changes: approve, trash, restore, spam, trash of pending; some at equal instants.
  for (const item of content) {
    if (!rng.chance(0.55)) continue;
    let last = item.at;
    for (let n = rng.int(1, 3); n > 0; n--) {
      const at = rng.chance(0.25) ? last : after(last);
      add({ type: 'content.status_changed', at, contentId: item.contentId, status: rng.pick(STATUSES) });
      if (rng.chance(0.2)) add({ type: 'content.status_changed', at, contentId: item.contentId, status: rng.pick(STATUSES) });
      last = at;
    }
  }

  // Votes, some retracted (the retraction may carry an earlier `at`), a few cast twice under one vote id.
  const voteCount = rng.int(0, 10);
  for (let i = 1; i <= voteCount; i++) {
    const target = rng.pick(content);
    const cast: Draft = { type: 'vote.cast', at: after(target.at), voteId: `v${i}`, contentId: target.contentId, voterId: rng.pick(memberIds), value: rng.chance(0.7) ? 1 : -1 };
    add(cast);
    if (rng.chance(0.1)) add({ ...cast, at: after(cast.at - rng.int(0, 2) * HOUR), value: -(cast.value as number) });
    if (rng.chance(0.25)) {
      const retraction: Draft = { type: 'vote.retracted', at: rng.chance(0.8) ? after(cast.at) : anyTime(), voteId: cast.voteId };
      if (rng.chance(0.5)) Object.assign(retraction, { contentId: cast.contentId, voterId: cast.voterId, value: cast.value });
      add(retraction);
    }
  }

  // Accepted answers: accept, unaccept, re-accept another answer, ties at equal instants.
  for (const question of posts) {
    const answers = content.filter((c) => c.parentId === question.contentId);
    if (answers.length === 0 || !rng.chance(0.7)) continue;
    let last = rng.pick(answers).at;
    for (let n = rng.int(1, 3); n > 0; n--) {
      const at = rng.chance(0.2) ? last : after(last);
      if (rng.chance(0.7)) {
        // Now and then an answer that is not a reply to this question (even a post): its author is credited all the same.
        const answer = rng.chance(0.9) ? rng.pick(answers) : rng.pick(content);
        add({ type: 'answer.accepted', at, questionId: question.contentId, answerId: answer.contentId });
      } else {
        const unaccept: Draft = { type: 'answer.unaccepted', at, questionId: question.contentId };
        if (rng.chance(0.5)) unaccept.answerId = rng.pick(answers).contentId;
        add(unaccept);
      }
      last = at;
    }
  }

  // Flags, resolved or open; resolutions land later in time but may be delivered first.
  // Sometimes many, so that nearest-rank p90 and even-count medians see ten and more values.
  const flagCount = rng.chance(0.15) ? rng.int(8, 16) : rng.int(0, 5);
  for (let i = 1; i <= flagCount; i++) {
    const target = rng.pick(content);
    const raised: Draft = { type: 'flag.raised', at: after(target.at), flagId: `f${i}`, contentId: target.contentId, reporterId: rng.pick(memberIds) };
    add(raised);
    if (rng.chance(0.05)) add({ ...raised, at: after(raised.at - rng.int(0, 3) * HOUR), reporterId: rng.pick(memberIds) });
    const resolutions = rng.chance(0.6) ? (rng.chance(0.2) ? 2 : 1) : 0;
    for (let n = 0; n < resolutions; n++) {
      // Now and then a resolution stamped before the raise (clock skew between servers): minutes go negative,
      // and with "recording since" the resolution may fall before T while the raise does not.
      const delay = rng.chance(0.05)
        ? -rng.int(0, 2 * DAY)
        : rng.pick([rng.int(1, 600) * MINUTE, rng.int(1, 3 * DAY), rng.int(1, 90) * MINUTE + rng.int(0, 59_999)]);
      const resolved: Draft = { type: 'flag.resolved', at: remember(raised.at + delay), flagId: raised.flagId };
      if (rng.chance(0.8)) resolved.resolution = rng.pick(['removed', 'dismissed', 'edited']);
      add(resolved);
    }
  }

  // Automod triggers.
  for (let n = rng.int(0, 4); n > 0; n--) {
    const target = rng.pick(content);
    add({ type: 'automod.triggered', at: after(target.at), ruleId: rng.pick(['links', 'spam-words']), contentId: target.contentId });
  }

  // Orphans: references to entities that never arrive, held forever.
  for (let n = rng.int(0, 3); n > 0; n--) {
    const someContent = rng.pick(content).contentId;
    const someMember = rng.pick(memberIds);
    add(
      rng.pick<Draft>([
        { type: 'content.status_changed', at: anyTime(), contentId: 'c-ghost', status: 'trash' },
        { type: 'vote.cast', at: anyTime(), voteId: 'v-ghost', contentId: someContent, voterId: 'm-ghost', value: 1 },
        { type: 'flag.raised', at: anyTime(), flagId: 'f-ghost', contentId: 'c-ghost', reporterId: someMember },
        { type: 'flag.resolved', at: anyTime(), flagId: 'f-never', resolution: 'removed' },
        { type: 'member.updated', at: anyTime(), memberId: 'm-ghost', displayName: 'Ghost' },
        { type: 'content.created', at: anyTime(), contentId: 'c-orphan', kind: 'reply', spaceId: spaces[0].spaceId, authorId: someMember, parentId: 'c-ghost', status: 'published' },
        { type: 'content.created', at: anyTime(), contentId: 'c-homeless', kind: 'post', spaceId: 's-ghost', authorId: someMember, status: 'published' },
        { type: 'answer.accepted', at: anyTime(), questionId: someContent, answerId: 'c-ghost' },
        { type: 'automod.triggered', at: anyTime(), ruleId: 'links', contentId: 'c-ghost' },
      ]),
    );
  }

  // Event ids: shuffled so that creation order says nothing about id order ('e10' < 'e9').
  const idNumbers = rng.shuffle(drafts.map((_, i) => i + 1));
  const uniqueEvents = drafts.map((draft, i) => ({ id: `e${idNumbers[i]}`, ...draft }));

  // Malformed events; some reuse the id of a valid event (a rejected id is not remembered).
  const malformedEvents: unknown[] = [];
  if (opts.malformed ?? true) {
    for (let n = rng.chance(0.5) ? rng.int(1, 3) : 0; n > 0; n--) {
      const victim = rng.pick(uniqueEvents);
      malformedEvents.push(
        rng.pick<unknown>([
          { ...victim, type: 'content.deleted' },
          { ...victim, at: 'yesterday' },
          { ...victim, at: Number.NaN },
          { ...victim, id: undefined },
          withoutField(victim, requiredFieldOf(victim.type)),
          { id: `bad${n}`, type: 'content.created', at: victim.at, contentId: 'c-bad', kind: 'article', spaceId: 's1', authorId: 'm1', status: 'published' },
          { id: `bad${n}`, type: 'vote.cast', at: victim.at, voteId: 'v-bad', contentId: 'c1', voterId: 'm1', value: 2 },
          null,
          42,
        ]),
      );
    }
  }

  // Duplicate deliveries (same id, same body), then one shuffled delivery order.
  const duplicateRate = opts.duplicateRate ?? 0.1;
  const deliveries: unknown[] = [...uniqueEvents.map((e) => ({ ...e })), ...malformedEvents];
  for (const e of uniqueEvents) if (rng.chance(duplicateRate)) deliveries.push({ ...e });

  const dayOfWindowStart = localClock(timeZone, window.start).date;
  const dayOfWindowEnd = localClock(timeZone, windowEnd).date;
  return {
    seed,
    timeZone,
    events: rng.shuffle(deliveries),
    uniqueEvents,
    malformedEvents,
    firstDay: dayOfWindowStart,
    lastDay: dayOfWindowEnd,
    landmarks,
    times: used,
  };
}

function requiredFieldOf(type: string): string {
  const fields: Record<string, string> = {
    'member.joined': 'displayName',
    'member.updated': 'memberId',
    'space.created': 'kind',
    'content.created': 'authorId',
    'content.status_changed': 'status',
    'vote.cast': 'voterId',
    'vote.retracted': 'voteId',
    'answer.accepted': 'answerId',
    'answer.unaccepted': 'questionId',
    'flag.raised': 'reporterId',
    'flag.resolved': 'flagId',
    'automod.triggered': 'contentId',
  };
  return fields[type];
}

function withoutField(event: Record<string, unknown>, field: string): Record<string, unknown> {
  const copy = { ...event };
  delete copy[field];
  return copy;
}

/** The same distinct events delivered in another order with other duplicates. */
export function redeliver(stream: RandomStream, seed: number): unknown[] {
  const rng = new Random(seed);
  const deliveries: unknown[] = [...stream.uniqueEvents.map((e) => ({ ...e })), ...stream.malformedEvents];
  for (const e of stream.uniqueEvents) if (rng.chance(0.15)) deliveries.push({ ...e });
  return rng.shuffle(deliveries);
}

/** Splits a delivery into random batches; some batches also repeat events of earlier batches. */
export function randomChunks(rng: Random, events: readonly unknown[]): unknown[][] {
  const chunks: unknown[][] = [];
  let i = 0;
  while (i < events.length) {
    const size = rng.pick([1, 2, 5, rng.int(1, 40), events.length]);
    const chunk = events.slice(i, i + size);
    i += size;
    if (i > size && rng.chance(0.3)) {
      for (let n = rng.int(1, 3); n > 0; n--) chunk.splice(rng.int(0, chunk.length), 0, events[rng.int(0, i - size - 1)]);
    }
    chunks.push(chunk);
  }
  return chunks;
}

const dayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY;
const dateOf = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);

/** A range worth checking: a single day, one spanning a DST switch, one around some activity, a long one, or one with no data at all. */
export function randomRange(rng: Random, stream: RandomStream): DateRange {
  const first = dayNumber(stream.firstDay);
  const last = dayNumber(stream.lastDay);
  const switchDay = () => dayNumber(rng.pick(stream.landmarks.switches).date);
  const creations = stream.uniqueEvents.filter((e) => e.type === 'content.created').map((e) => e.at as number);
  const activeDay = () => dayNumber(localClock(stream.timeZone, rng.pick(creations.length > 0 && rng.chance(0.7) ? creations : stream.times)).date);
  const hasSwitch = stream.landmarks.switches.length > 0;
  const roll = rng.next();
  if (roll < 0.15) {
    const day = rng.pick([activeDay, activeDay, hasSwitch ? switchDay : activeDay, () => rng.int(first, last)])();
    return { start: dateOf(day), end: dateOf(day) };
  }
  if (roll < 0.35 && hasSwitch) {
    const day = switchDay();
    return { start: dateOf(day - rng.int(0, 5)), end: dateOf(day + rng.int(0, 5)) };
  }
  if (roll < 0.45) {
    // Entirely before or after the data (all days empty), or straddling its edge.
    const start = rng.chance(0.5) ? first - rng.int(1, 40) : last + rng.int(-3, 10);
    return { start: dateOf(start), end: dateOf(start + rng.int(0, 20)) };
  }
  if (roll < 0.8) {
    const day = activeDay();
    return { start: dateOf(day - rng.int(0, 10)), end: dateOf(day + rng.int(0, 10)) };
  }
  const start = rng.int(first - 5, last);
  return { start: dateOf(start), end: dateOf(start + rng.pick([0, 1, 6, rng.int(0, 45), rng.int(20, 70)])) };
}

/** A "recording since" worth checking: an event's exact instant or its neighbours, a midnight, before everything. */
export function randomSince(rng: Random, stream: RandomStream): number {
  const roll = rng.next();
  if (roll < 0.5 && stream.times.length > 0) return rng.pick(stream.times) + rng.pick([0, 0, 1, -1]);
  if (roll < 0.7) return rng.pick(stream.landmarks.midnights).at;
  if (roll < 0.8) return Date.parse(`${stream.firstDay}T00:00:00Z`) - 3 * DAY;
  return rng.int(Date.parse(`${stream.firstDay}T00:00:00Z`), Date.parse(`${stream.lastDay}T00:00:00Z`));
}
