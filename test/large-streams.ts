/**
 * Seeded generator of large event streams (tens of thousands of events) for
 * the scale test of the store's id tables: many entities, so the hash tables
 * of event and entity ids grow through many doublings, and ids chosen so that
 * every rule that compares ids sees hard cases:
 *
 * - groups of events on one entity at the very same `at` whose ids share a
 *   prefix and differ in one code unit only, drawn from units where UTF-16
 *   code-unit order (JavaScript's `<`, the rule) and code-point order
 *   disagree: an astral character (high surrogate D83D or D834) sorts before
 *   U+E000…U+FFFF by code units, after them by code points;
 * - entity ids with astral characters, lone surrogates, Latin-1 and
 *   characters just above it, and display names with ties, so the ranking's
 *   last tie-break (id order) decides;
 * - duplicates, events delivered days or weeks late, children before their
 *   parents (held, then released), timestamps on local midnights and DST
 *   switches, a few malformed events and references that never resolve.
 */

import { Random, zoneLandmarks, type ZoneLandmarks } from './random-streams.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** 2026-03-01 for 60 days: the spring DST switches of Berlin, New York and Lord Howe. */
const WINDOW_START = Date.UTC(2026, 2, 1);
const WINDOW_DAYS = 60;

/** Last units of tied ids. Code-unit order: 'a' < ÿ < Ā < 𝄞 < lone D83D < 😀 < U+E000 < U+FFFD < U+FFFF. */
const TIE_UNITS = ['😀', '\uffff', '\ue000', 'a', '\u00ff', '\u0100', '\ud83d', '𝄞', '\ufffd'];
/** Heads of entity ids, so that id order is decided by units where code units and code points disagree. */
const ID_HEADS = ['', '😀', '\uffff', '\ue000', 'é', '\u0100', '𝄞', '\ud83d'];
const DISPLAY_NAMES = ['Ana', 'ana', 'Zoë', 'Bob', '李雷', '😀 Smile'];
const SPACE_NAMES = ['General', 'general', 'Q&A', '問答'];
const STATUSES = ['published', 'published', 'trash', 'spam', 'pending'] as const;

export interface LargeStreamOptions {
  seed: number;
  timeZone: string;
  /** Distinct events to generate, about (duplicates and malformed events come on top). */
  events: number;
}

export interface LargeStream {
  timeZone: string;
  /** Deliveries in order: mostly by time, some late, with duplicates and malformed events. */
  deliveries: unknown[];
  /** Distinct well-formed events. */
  distinct: number;
  firstDay: string;
  lastDay: string;
  landmarks: ZoneLandmarks;
  /** An instant in the middle of the window, for "recording since". */
  middle: number;
}

type Draft = Record<string, unknown> & { type: string; at: number };

export function largeStream({ seed, timeZone, events: target }: LargeStreamOptions): LargeStream {
  const rng = new Random(seed);
  const landmarks = zoneLandmarks(timeZone, WINDOW_START, WINDOW_DAYS);
  const windowEnd = WINDOW_START + WINDOW_DAYS * DAY;
  const used: number[] = [];

  const remember = (at: number): number => {
    const clamped = Math.min(windowEnd, Math.max(WINDOW_START, at));
    used.push(clamped);
    return clamped;
  };
  const near = (landmark: number): number => landmark + rng.pick([0, 0, -1, 1, -MINUTE, MINUTE, rng.int(-2 * HOUR, 2 * HOUR)]);
  const anyTime = (): number => {
    const roll = rng.next();
    if (roll < 0.45) return remember(rng.int(WINDOW_START, windowEnd));
    if (roll < 0.7) return remember(near(rng.pick(landmarks.midnights).at));
    if (roll < 0.85 && landmarks.switches.length > 0) return remember(near(rng.pick(landmarks.switches).at));
    return used.length > 0 ? rng.pick(used) : remember(rng.int(WINDOW_START, windowEnd));
  };
  const after = (t: number): number => (rng.chance(0.15) ? t : remember(t + rng.pick([1, MINUTE, rng.int(1, 600) * MINUTE, rng.int(1, 5 * DAY)])));

  // Ids: unique by a serial number; tied groups share everything but the last unit.
  let serial = 0;
  const eventId = (): string => `e${(serial++).toString(36)}${rng.chance(0.3) ? `~${rng.pick(TIE_UNITS)}` : ''}`;
  const tiedIds = (count: number): string[] => {
    const prefix = `t${(serial++).toString(36)}-`;
    return rng.shuffle(TIE_UNITS).slice(0, count).map((unit) => prefix + unit);
  };

  const drafts: { id: string; body: Draft }[] = [];
  const add = (body: Draft, id = eventId()): Draft => {
    drafts.push({ id, body });
    return body;
  };
  /** Two or three events on one thing at one instant, ids differing in one code unit. */
  const addTied = (bodies: Draft[]): void => {
    const ids = tiedIds(bodies.length);
    bodies.forEach((body, i) => add(body, ids[i]));
  };

  // Sizes, as shares of the target.
  const memberCount = Math.max(20, Math.round(target / 400));
  const spaceCount = 12;
  const contentCount = Math.round(target * 0.27);
  const voteCount = Math.round(target * 0.36);
  const flagCount = Math.round(target * 0.017);

  const memberIds: string[] = [];
  for (let i = 0; i < memberCount; i++) {
    const memberId = `m${rng.pick(ID_HEADS)}${i}`;
    memberIds.push(memberId);
    const joined: Draft = { type: 'member.joined', at: anyTime(), memberId, displayName: rng.pick(DISPLAY_NAMES), trustLevel: rng.int(0, 4) };
    if (rng.chance(0.5)) joined.avatarUrl = `https://example.test/${i}.png`;
    if (rng.chance(0.05)) addTied([joined, { ...joined, displayName: rng.pick(DISPLAY_NAMES), trustLevel: rng.int(0, 4) }]);
    else add(joined);
    for (let n = rng.int(0, 12); n > 0; n--) {
      const update = (): Draft => {
        const u: Draft = { type: 'member.updated', at: 0, memberId, displayName: rng.pick(DISPLAY_NAMES) };
        if (rng.chance(0.4)) u.trustLevel = rng.int(0, 4);
        if (rng.chance(0.3)) u.avatarUrl = rng.chance(0.3) ? '' : `https://example.test/${i}-${n}.png`;
        return u;
      };
      const at = after(joined.at);
      if (rng.chance(0.4)) addTied(Array.from({ length: rng.int(2, 3) }, () => ({ ...update(), at })));
      else add({ ...update(), at });
    }
  }

  const spaces: Draft[] = [];
  for (let i = 0; i < spaceCount; i++) {
    const space: Draft = { type: 'space.created', at: anyTime(), spaceId: `s${rng.pick(ID_HEADS)}${i}`, name: rng.pick(SPACE_NAMES), kind: i % 3 === 0 ? 'discussion' : 'qa' };
    spaces.push(space);
    // Now and then a second creation at the same instant: the oldest (at, id), so the smaller id, defines name and kind.
    if (rng.chance(0.25)) addTied([space, { ...space, name: rng.pick(SPACE_NAMES), kind: rng.pick(['discussion', 'qa']) }]);
    else add(space);
  }

  const posts: Draft[] = [];
  const content: Draft[] = [];
  const repliesOf = new Map<string, Draft[]>();
  for (let i = 0; i < contentCount; i++) {
    const contentId = `c${i.toString(36)}${rng.chance(0.1) ? `~${rng.pick(TIE_UNITS)}` : ''}`;
    const status = rng.chance(0.85) ? 'published' : 'pending';
    const authorId = rng.pick(memberIds);
    let created: Draft;
    if (posts.length > 0 && rng.chance(0.6)) {
      const parent = rng.pick(posts);
      created = { type: 'content.created', at: after(parent.at), contentId, kind: 'reply', spaceId: parent.spaceId, authorId, parentId: parent.contentId, status };
      repliesOf.get(parent.contentId as string)!.push(created);
    } else {
      created = { type: 'content.created', at: anyTime(), contentId, kind: 'post', spaceId: rng.pick(spaces).spaceId, authorId, status };
      posts.push(created);
      repliesOf.set(contentId, []);
    }
    content.push(created);
    // A second creating event at the same instant with another author and status: the smaller id defines the author.
    if (rng.chance(0.03)) addTied([created, { ...created, authorId: rng.pick(memberIds), status: rng.chance(0.5) ? 'published' : 'pending' }]);
    else add(created);
    // Status changes, often two or three at one instant: the greatest id wins.
    if (rng.chance(0.35)) {
      let last = created.at;
      for (let n = rng.int(1, 3); n > 0; n--) {
        const at = after(last);
        const change = (): Draft => ({ type: 'content.status_changed', at, contentId, status: rng.pick(STATUSES) });
        if (rng.chance(0.5)) addTied(Array.from({ length: rng.int(2, 3) }, change));
        else add(change());
        last = at;
      }
    }
  }

  for (let i = 0; i < voteCount; i++) {
    const target = rng.pick(content);
    const cast: Draft = {
      type: 'vote.cast',
      at: after(target.at),
      voteId: `v${rng.pick(ID_HEADS)}${i.toString(36)}`,
      contentId: target.contentId,
      voterId: rng.pick(memberIds),
      value: rng.chance(0.75) ? 1 : -1,
    };
    // A vote cast twice at one instant: the smaller id's value and voter stand.
    if (rng.chance(0.04)) addTied([cast, { ...cast, value: -(cast.value as number), voterId: rng.pick(memberIds) }]);
    else add(cast);
    if (rng.chance(0.15)) add({ type: 'vote.retracted', at: after(cast.at), voteId: cast.voteId });
  }

  // Acceptances: few (the reference reads them slowly), many tied.
  const questions = posts.filter((p) => repliesOf.get(p.contentId as string)!.length > 0);
  for (let n = Math.min(questions.length, Math.round(target / 1000)); n > 0; n--) {
    const question = rng.pick(questions);
    const answers = repliesOf.get(question.contentId as string)!;
    const at = after(rng.pick(answers).at);
    const decision = (): Draft =>
      rng.chance(0.75)
        ? { type: 'answer.accepted', at, questionId: question.contentId, answerId: rng.pick(answers).contentId }
        : { type: 'answer.unaccepted', at, questionId: question.contentId };
    if (rng.chance(0.5)) addTied(Array.from({ length: rng.int(2, 3) }, decision));
    else add(decision());
  }

  for (let i = 0; i < flagCount; i++) {
    const target = rng.pick(content);
    const raised: Draft = { type: 'flag.raised', at: after(target.at), flagId: `f${rng.pick(ID_HEADS)}${i}`, contentId: target.contentId, reporterId: rng.pick(memberIds) };
    if (rng.chance(0.04)) addTied([raised, { ...raised, reporterId: rng.pick(memberIds) }]);
    else add(raised);
    if (rng.chance(0.65)) {
      const at = remember(raised.at + rng.pick([rng.int(1, 600) * MINUTE, rng.int(1, 3 * DAY), -rng.int(0, HOUR)]));
      const resolution = (): Draft => ({ type: 'flag.resolved', at, flagId: raised.flagId, resolution: rng.pick(['removed', 'dismissed', 'edited']) });
      if (rng.chance(0.25)) addTied([resolution(), resolution()]);
      else add(resolution());
    }
  }

  for (let n = Math.round(target * 0.007); n > 0; n--) {
    const target = rng.pick(content);
    add({ type: 'automod.triggered', at: after(target.at), ruleId: rng.pick(['links', 'spam-words']), contentId: target.contentId });
  }

  // References that never resolve: held for good.
  for (let n = 0; n < 40; n++) {
    add(
      rng.pick<Draft>([
        { type: 'content.status_changed', at: anyTime(), contentId: `ghost😀${n}`, status: 'trash' },
        { type: 'vote.cast', at: anyTime(), voteId: `vghost${n}`, contentId: rng.pick(content).contentId, voterId: `m\ud83d-ghost${n}`, value: 1 },
        { type: 'flag.resolved', at: anyTime(), flagId: `f-never${n}`, resolution: 'removed' },
        { type: 'member.updated', at: anyTime(), memberId: `m-ghost${n}`, displayName: 'Ghost' },
      ]),
    );
  }

  // Delivery: mostly in time order, some days or weeks late (children before parents,
  // older status events after newer ones), then duplicates and malformed events.
  const keyed = drafts.map(({ id, body }) => {
    const roll = rng.next();
    const delay = roll < 0.8 ? 0 : roll < 0.95 ? rng.int(-3 * DAY, 3 * DAY) : rng.int(7 * DAY, 30 * DAY);
    return { key: body.at + delay, event: { id, ...body } };
  });
  keyed.sort((a, b) => a.key - b.key);
  const deliveries: unknown[] = keyed.map((k) => k.event);
  const distinct = deliveries.length;
  for (let n = Math.round(distinct * 0.05); n > 0; n--) {
    const i = rng.int(0, deliveries.length - 1);
    const copy = { ...(deliveries[i] as Record<string, unknown>) };
    deliveries.splice(rng.int(i, deliveries.length), 0, copy);
  }
  for (let n = 0; n < 20; n++) {
    const victim = deliveries[rng.int(0, deliveries.length - 1)] as Record<string, unknown>;
    const bad = rng.pick<unknown>([{ ...victim, type: 'content.deleted' }, { ...victim, at: 'yesterday' }, { ...victim, id: '' }, null]);
    deliveries.splice(rng.int(0, deliveries.length), 0, bad);
  }

  const dateOf = (at: number): string => landmarks.midnights.filter((m) => m.at <= at).at(-1)?.date ?? new Date(at).toISOString().slice(0, 10);
  return {
    timeZone,
    deliveries,
    distinct,
    firstDay: dateOf(WINDOW_START),
    lastDay: dateOf(windowEnd),
    landmarks,
    middle: WINDOW_START + Math.floor(WINDOW_DAYS / 2) * DAY + 12 * HOUR + 1,
  };
}

/** Splits deliveries into batches of random sizes, from single events to thousands. */
export function largeBatches(rng: Random, deliveries: readonly unknown[]): unknown[][] {
  const batches: unknown[][] = [];
  for (let i = 0; i < deliveries.length; ) {
    const size = rng.pick([1, 7, rng.int(1, 500), rng.int(500, 6000)]);
    batches.push(deliveries.slice(i, i + size));
    i += size;
  }
  return batches;
}
