import type { EventColumns } from '../model/event-columns.js';
import type { AnalyticsEvent } from '../model/events.js';
import { CommunitySimulation, type CommunitySettings } from './community-simulation.js';
import { EventBuilder } from './event-builder.js';
import { Delivery, type EventRecords } from './event-records.js';

/**
 * A seeded, realistic community event stream: the data of the benchmark, the
 * demo and the randomized tests. The same options give the same stream.
 */
export interface CommunityOptions {
  /** Seed of the pseudo-random source. Default 1. */
  seed?: number;
  /** Approximate total number of events to emit, repeats included (±1 %). */
  events: number;
  /** Days covered, ending at `end`. Default 365. */
  days?: number;
  /** Epoch ms of the last instant of the stream. Default `DEFAULT_COMMUNITY_END` (2026-11-24 00:00 UTC). */
  end?: number;
  /** Members who join over the span. Default `events / 40` (at least 2). */
  members?: number;
  /** Spaces, a mix of `discussion` and `qa`. Default grows with `events`, 12–60. */
  spaces?: number;
  /** Share of events delivered late, after events that happened after them. Default 0.01. */
  lateFraction?: number;
  /** Share of events delivered twice (same id, same body). Default 0.01. */
  duplicateFraction?: number;
  /** Emit `automod.triggered` events ("Advanced Moderation" on). Default true. */
  autoModeration?: boolean;
  /**
   * Where member pictures live: an absolute `http(s)` URL prefix ending in `/`
   * (`<prefix><memberId>/<version>.png`), or null for members without pictures
   * (the dashboard shows initials; a changed picture becomes an empty URL). Default `https://avatars.example.com/`, a
   * reserved name that never resolves. The choice changes no other event.
   */
  avatarBase?: string | null;
}

/** The default `end`: 2026-11-24 00:00 UTC, so the default span is the UTC dates 2025-11-24 … 2026-11-23. */
export const DEFAULT_COMMUNITY_END = Date.UTC(2026, 10, 24);

const DAY = 86_400_000;

/**
 * The stream in delivery order, in chunks of `chunkSize` events (the last may
 * be shorter). The generator keeps typed arrays of entity attributes and of
 * pending events, and builds the objects of a chunk only when it yields it, so
 * memory stays flat however many events are drawn. The chunk size does not
 * change the stream; smaller chunks (8192) generate about a fifth faster, as
 * fewer objects are alive at once.
 */
export function* communityEvents(options: CommunityOptions, chunkSize = 65536): Generator<AnalyticsEvent[], void, undefined> {
  yield* communityChunks(options, chunkSize, (builder, records, size) => builder.build(records, 0, size));
}

/**
 * The same stream as `communityEvents`, in chunks of event columns
 * (`EventColumns`, `index` the position in the chunk) built straight from
 * the generator's records: no object per event, and strings such as a
 * member's or a content's id are one table entry per chunk however many of
 * its events name them. What the engine's own loads ingest
 * (`ingestColumns`).
 */
export function* communityColumns(options: CommunityOptions, chunkSize = 65536): Generator<EventColumns, void, undefined> {
  yield* communityChunks(options, chunkSize, (builder, records, size) => builder.columns(records, 0, size));
}

function* communityChunks<T>(
  options: CommunityOptions,
  chunkSize: number,
  make: (builder: EventBuilder, records: EventRecords, size: number) => T,
): Generator<T, void, undefined> {
  if (!(chunkSize >= 1)) throw new RangeError('chunkSize must be at least 1');
  const settings = communitySettings(options);
  const size = Math.floor(chunkSize);
  const delivery = new Delivery(settings.seed ^ 0x5bd1e995, settings.lateFraction, settings.duplicateFraction, Math.min(size, 1 << 20) + 64);
  const simulation = new CommunitySimulation(settings, delivery);
  const builder = new EventBuilder(settings.seed, settings.members, simulation.spaceNames, simulation.spaceKinds, avatarBase(options.avatarBase));
  const out = delivery.out;
  while (!simulation.done) {
    simulation.run(size);
    while (out.length >= size) {
      const chunk = make(builder, out, size);
      out.shift(size);
      yield chunk;
    }
  }
  if (out.length > 0) {
    const chunk = make(builder, out, out.length);
    out.shift(out.length);
    yield chunk;
  }
}

/** The whole stream as one array (for small sizes: tests, the demo). */
export function generateCommunity(options: CommunityOptions): AnalyticsEvent[] {
  const all: AnalyticsEvent[] = [];
  for (const chunk of communityEvents(options)) {
    for (let i = 0; i < chunk.length; i++) all.push(chunk[i]);
  }
  return all;
}

/** The options with their defaults filled in, checked. */
export function communitySettings(options: CommunityOptions): CommunitySettings {
  const events = Math.round(options.events);
  if (!Number.isFinite(events) || events < 1) throw new RangeError('events must be a positive number');
  if (events > 2 ** 31 - 1) throw new RangeError('events must be below 2^31');
  const days = Math.round(options.days ?? 365);
  if (!Number.isFinite(days) || days < 1) throw new RangeError('days must be at least 1');
  const end = options.end ?? DEFAULT_COMMUNITY_END;
  if (!Number.isFinite(end)) throw new RangeError('end must be epoch milliseconds');
  const members = Math.max(2, Math.round(options.members ?? events / 40));
  const derivedSpaces = Math.min(60, Math.max(12, Math.round(4 * Math.log(events) - 16)));
  const spaces = Math.min(65535, Math.max(1, Math.round(options.spaces ?? Math.min(derivedSpaces, Math.max(1, Math.floor(events / 20))))));
  const fraction = (value: number | undefined, name: string): number => {
    const f = value ?? 0.01;
    if (!(f >= 0 && f <= 0.5)) throw new RangeError(`${name} must be between 0 and 0.5`);
    return f;
  };
  return {
    seed: (options.seed ?? 1) | 0,
    events,
    days,
    end,
    start: end - days * DAY,
    members,
    spaces,
    lateFraction: fraction(options.lateFraction, 'lateFraction'),
    duplicateFraction: fraction(options.duplicateFraction, 'duplicateFraction'),
    autoModeration: options.autoModeration ?? true,
  };
}

function avatarBase(base: string | null | undefined): string | null {
  if (base === undefined) return 'https://avatars.example.com/';
  if (base === null) return null;
  if (typeof base !== 'string' || !/^https?:\/\/[^/]/.test(base) || !base.endsWith('/')) {
    throw new RangeError(`avatarBase must be an absolute http(s) URL ending in "/", or null; got ${JSON.stringify(base)}`);
  }
  return base;
}
