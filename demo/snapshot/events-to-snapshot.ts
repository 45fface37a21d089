/**
 * Turns a community event stream into the `StaticSnapshot` JSON that
 * `StaticSnapshotSource` reads: the playground's "Custom snapshot" source.
 *
 * The counting rules are not re-derived here. The stream is read by the
 * plain reference model of the tests (`test/reference.ts`), which applies
 * DESIGN sections 3–4 and docs/semantics.md to the letter: duplicates by id,
 * held events, newest `(at, id)` decides a status, a member's fields and a
 * question's accepted answer, oldest defines creation attributes, retracted
 * votes vanish, flags keep their newest resolution. This file only folds
 * that final state into per-day counts, bucketed on the local date in the
 * snapshot's time zone:
 *
 * - counted content (final status `published`) on its creation day, per
 *   (space, author), as posts or replies; a counted post in a Q&A space that
 *   now has an accepted answer also counts in `questionsResolved`;
 * - an accepted answer of a question in a Q&A space on its `acceptedAt` day,
 *   credited to the answer's author under the question's space;
 * - existing votes on their cast day (up, down, and the voter);
 * - flags on their raise day (open, or the minutes to resolution);
 * - automod triggers on their day; members' `joinedOn` and current names,
 *   avatars and trust levels; spaces' names and kinds.
 *
 * For the same stream and zone, `StaticSnapshotSource` over the result
 * answers `report()` and `rows()` exactly as `MemoryDataSource` does on the
 * direct path, and on the aggregate path when that source has no
 * `aggregatorSince`.
 *
 * What the format cannot express:
 * - the aggregate path of a source with a "recording since" cut: the engine
 *   decides per item whether it saw the deciding event after the cut (a post
 *   created before it but approved after it counts), while a snapshot of
 *   per-day counts can only drop whole days before the cut. The snapshot
 *   therefore has no `recordingSince`: both paths read the same counts and
 *   every drift is 0, which is the truth for a complete stream;
 * - anything below a day (hours), and the raw tables themselves (content
 *   status, votes per item, flag resolutions, automod rule ids): only the
 *   metrics of DESIGN section 4 can be read back.
 */
import { SNAPSHOT_DAY_COUNTS, type SnapshotActivity, type SnapshotDay, type SnapshotDayCount, type StaticSnapshot } from '../../src/testing/static-snapshot-source.js';
import { ReferenceModel, compareText } from '../../test/reference.js';

export interface EventsToSnapshotOptions {
  /** The site's time zone (IANA name or `±HH:MM`) that days are bucketed in. Default `UTC`. */
  timeZone?: string;
  /** When the snapshot is taken, epoch ms: "today" for presets. */
  takenAt: number;
  /** False when the site has no automod data ("Advanced Moderation" off). Default true. */
  autoModeration?: boolean;
}

/** The counts of one local day, while they are being added up. */
class DayCounts {
  readonly activity = new Map<string, SnapshotActivity>();
  /** The day's plain counts, one per figure of `SNAPSHOT_DAY_COUNTS`. */
  readonly counts = Object.fromEntries(SNAPSHOT_DAY_COUNTS.map((key) => [key, 0])) as Record<SnapshotDayCount, number>;
  readonly voters = new Set<string>();
  readonly responseMinutes: number[] = [];

  /** The activity of one member in one space on this day. */
  of(spaceId: string, memberId: string): SnapshotActivity {
    const key = `${spaceId}\u0000${memberId}`;
    let entry = this.activity.get(key);
    if (!entry) {
      entry = { spaceId, memberId };
      this.activity.set(key, entry);
    }
    return entry;
  }

  /** The JSON form: zero counts and empty lists left out, entries in a stable order. */
  toJSON(date: string): SnapshotDay {
    const day: SnapshotDay = { date };
    if (this.activity.size > 0) {
      day.activity = [...this.activity.values()].sort((a, b) => compareText(a.spaceId, b.spaceId) || compareText(a.memberId, b.memberId));
    }
    for (const key of SNAPSHOT_DAY_COUNTS) if (this.counts[key] > 0) day[key] = this.counts[key];
    if (this.voters.size > 0) day.voters = [...this.voters].sort(compareText);
    if (this.responseMinutes.length > 0) day.responseMinutes = this.responseMinutes.slice().sort((a, b) => a - b);
    return day;
  }
}

const increment = (entry: SnapshotActivity, field: 'posts' | 'replies' | 'acceptedAnswers' | 'questionsResolved'): void => {
  entry[field] = (entry[field] ?? 0) + 1;
};

/** Reads an event stream (duplicates, late and held events included) into a snapshot of per-day counts. */
export function eventsToSnapshot(events: readonly unknown[], options: EventsToSnapshotOptions): StaticSnapshot {
  const timeZone = options.timeZone ?? 'UTC';
  const autoModeration = options.autoModeration ?? true;
  const model = new ReferenceModel(events, { timeZone, autoModeration });
  const dayOf = (at: number): string => model.localDay(at);

  const days = new Map<string, DayCounts>();
  const on = (at: number): DayCounts => {
    const date = dayOf(at);
    let day = days.get(date);
    if (!day) {
      day = new DayCounts();
      days.set(date, day);
    }
    return day;
  };

  const spaceKinds = new Map(model.spaces.map((s) => [s.id, s.kind]));
  const contentById = new Map(model.content.map((c) => [c.id, c]));
  const answeredQuestions = new Set(model.accepted.map((a) => a.questionId));

  for (const item of model.content) {
    if (item.status !== 'published') continue;
    const entry = on(item.createdAt).of(item.spaceId, item.authorId);
    if (item.kind === 'post') {
      increment(entry, 'posts');
      if (spaceKinds.get(item.spaceId) === 'qa' && answeredQuestions.has(item.id)) increment(entry, 'questionsResolved');
    } else {
      increment(entry, 'replies');
    }
  }

  // Whatever the statuses of the question and the answer (semantics.md).
  for (const acceptance of model.accepted) {
    const question = contentById.get(acceptance.questionId);
    const answer = contentById.get(acceptance.answerId);
    if (!question || !answer || spaceKinds.get(question.spaceId) !== 'qa') continue;
    increment(on(acceptance.acceptedAt).of(question.spaceId, answer.authorId), 'acceptedAnswers');
  }

  for (const vote of model.votes) {
    const day = on(vote.castAt);
    if (vote.value === 1) day.counts.upvotes++;
    else day.counts.downvotes++;
    day.voters.add(vote.voterId);
  }

  for (const flag of model.flags) {
    const day = on(flag.raisedAt);
    day.counts.flagsRaised++;
    if (flag.resolvedAt === undefined) day.counts.flagsOpen++;
    else day.responseMinutes.push((flag.resolvedAt - flag.raisedAt) / 60000);
  }

  // Without automod data the days hold no triggers, so none is written.
  if (autoModeration) for (const trigger of model.automod) on(trigger.at).counts.autoModTriggers++;

  const snapshot: StaticSnapshot = {
    timeZone,
    takenAt: options.takenAt,
    recordingSince: null,
    spaces: model.spaces
      .map((s) => ({ id: s.id, name: s.name, kind: s.kind as 'discussion' | 'qa' }))
      .sort((a, b) => compareText(a.id, b.id)),
    members: model.members
      .map((m) => {
        const member: StaticSnapshot['members'][number] = { id: m.id, displayName: m.displayName, trustLevel: m.trustLevel, joinedOn: dayOf(m.joinedAt) };
        if (m.avatarUrl !== undefined) member.avatarUrl = m.avatarUrl;
        return member;
      })
      .sort((a, b) => compareText(a.id, b.id)),
    days: [...days]
      .sort(([a], [b]) => compareText(a, b))
      .map(([date, counts]) => counts.toJSON(date)),
  };
  if (!autoModeration) snapshot.autoModeration = false;
  return snapshot;
}
