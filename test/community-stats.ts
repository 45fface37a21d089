import type { AnalyticsEvent, ContentStatus, EventType } from '../src/model/events.js';

/**
 * What a delivered stream looks like, read straight from its events: the
 * community's shape (skew, rhythm, moderation) and the delivery's (late,
 * repeated, complete). Final states follow docs/semantics.md: the newest
 * `(at, id)` event decides. Holds maps of every entity, so it is for test and
 * measurement sizes, not for 10 M events.
 */
export interface CommunitySummary {
  /** Deliveries, repeats included. */
  events: number;
  byType: Record<EventType, number>;
  /** Deliveries of an id already delivered. */
  duplicates: number;
  /** First deliveries that arrive after an event that happened later. */
  outOfOrder: number;
  /** References to an entity no event in the stream creates. */
  missingReferences: number;
  /** Acceptances whose answer is not a reply to the question, or whose question is not in a Q&A space. */
  badAcceptances: number;
  members: number;
  spaces: { discussion: number; qa: number };
  content: {
    posts: number;
    replies: number;
    createdPending: number;
    /** Content created published, later trashed or spammed, then published again. */
    restored: number;
    final: Record<ContentStatus, number>;
  };
  votes: { cast: number; up: number; down: number; retracted: number };
  questions: { asked: number; accepted: number; answered: number };
  flags: { raised: number; open: number; medianResponseMinutes: number | null };
  automodTriggers: number;
  renames: number;
  /** Share of all content written by the busiest tenth of the members. */
  topTenthContentShare: number;
  /** Mean first deliveries per UTC day, Saturday and Sunday vs the other days. */
  weekendDailyMean: number;
  weekdayDailyMean: number;
}

interface ContentRow {
  kind: 'post' | 'reply';
  spaceId: string;
  authorId: string;
  parentId: string | undefined;
  createdStatus: 'published' | 'pending';
  status: ContentStatus;
  statusAt: number;
  statusId: string;
  left: boolean;
  restored: boolean;
}

const newer = (at: number, id: string, thanAt: number, thanId: string): boolean => at > thanAt || (at === thanAt && id > thanId);

export function summarizeCommunity(chunks: Iterable<readonly AnalyticsEvent[]>): CommunitySummary {
  const byType = {} as Record<EventType, number>;
  const seen = new Set<string>();
  let events = 0;
  let duplicates = 0;
  let outOfOrder = 0;
  let latest = -Infinity;

  const members = new Set<string>();
  const spaces = new Map<string, 'discussion' | 'qa'>();
  const content = new Map<string, ContentRow>();
  const flags = new Map<string, { raisedAt: number; resolvedAt: number | null }>();
  const votes = new Map<string, 1 | -1>();
  const retracted = new Set<string>();
  const accepted = new Map<string, { at: number; id: string; answerId: string | null }>();
  const references: [kind: 'member' | 'space' | 'content' | 'flag', id: string][] = [];
  const statusEvents: { contentId: string; status: ContentStatus; at: number; id: string }[] = [];
  const perDay = new Map<number, number>();
  let automodTriggers = 0;
  let renames = 0;

  for (const chunk of chunks) {
    for (const event of chunk) {
      events++;
      byType[event.type] = (byType[event.type] ?? 0) + 1;
      if (seen.has(event.id)) {
        duplicates++;
        continue;
      }
      seen.add(event.id);
      if (event.at < latest) outOfOrder++;
      else latest = event.at;
      const day = Math.floor(event.at / 86_400_000);
      perDay.set(day, (perDay.get(day) ?? 0) + 1);

      switch (event.type) {
        case 'member.joined':
          members.add(event.memberId);
          break;
        case 'member.updated':
          references.push(['member', event.memberId]);
          if (event.displayName !== undefined) renames++;
          break;
        case 'space.created':
          spaces.set(event.spaceId, event.kind);
          break;
        case 'content.created':
          references.push(['space', event.spaceId], ['member', event.authorId]);
          if (event.parentId !== undefined) references.push(['content', event.parentId]);
          content.set(event.contentId, {
            kind: event.kind,
            spaceId: event.spaceId,
            authorId: event.authorId,
            parentId: event.parentId,
            createdStatus: event.status,
            status: event.status,
            statusAt: event.at,
            statusId: event.id,
            left: false,
            restored: false,
          });
          break;
        case 'content.status_changed':
          references.push(['content', event.contentId]);
          statusEvents.push({ contentId: event.contentId, status: event.status, at: event.at, id: event.id });
          break;
        case 'vote.cast':
          references.push(['content', event.contentId], ['member', event.voterId]);
          votes.set(event.voteId, event.value);
          break;
        case 'vote.retracted':
          retracted.add(event.voteId);
          break;
        case 'answer.accepted':
        case 'answer.unaccepted': {
          references.push(['content', event.questionId]);
          if (event.type === 'answer.accepted') references.push(['content', event.answerId]);
          const current = accepted.get(event.questionId);
          if (!current || newer(event.at, event.id, current.at, current.id)) {
            accepted.set(event.questionId, { at: event.at, id: event.id, answerId: event.type === 'answer.accepted' ? event.answerId : null });
          }
          break;
        }
        case 'flag.raised': {
          references.push(['content', event.contentId], ['member', event.reporterId]);
          const flag = flags.get(event.flagId);
          if (flag) flag.raisedAt = event.at;
          else flags.set(event.flagId, { raisedAt: event.at, resolvedAt: null });
          break;
        }
        case 'flag.resolved': {
          references.push(['flag', event.flagId]);
          const flag = flags.get(event.flagId);
          if (flag) flag.resolvedAt = Math.max(flag.resolvedAt ?? -Infinity, event.at);
          else flags.set(event.flagId, { raisedAt: NaN, resolvedAt: event.at });
          break;
        }
        case 'automod.triggered':
          references.push(['content', event.contentId]);
          automodTriggers++;
          break;
      }
    }
  }

  // Statuses in time order, so "left published, came back" can be seen.
  statusEvents.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
  for (const change of statusEvents) {
    const row = content.get(change.contentId);
    if (!row) continue;
    if (row.left && change.status === 'published' && row.createdStatus === 'published') row.restored = true;
    if (change.status === 'trash' || change.status === 'spam') row.left = true;
    if (newer(change.at, change.id, row.statusAt, row.statusId)) {
      row.status = change.status;
      row.statusAt = change.at;
      row.statusId = change.id;
    }
  }

  const exists = {
    member: (id: string) => members.has(id),
    space: (id: string) => spaces.has(id),
    content: (id: string) => content.has(id),
    flag: (id: string) => flags.has(id) && !Number.isNaN(flags.get(id)?.raisedAt),
  };
  const missingReferences = references.filter(([kind, id]) => !exists[kind](id)).length;

  const final: Record<ContentStatus, number> = { published: 0, pending: 0, trash: 0, spam: 0 };
  const authored = new Map<string, number>();
  let posts = 0;
  let replies = 0;
  let createdPending = 0;
  let restored = 0;
  let asked = 0;
  const answeredQuestions = new Set<string>();
  for (const row of content.values()) {
    final[row.status]++;
    if (row.kind === 'post') posts++;
    else replies++;
    if (row.createdStatus === 'pending') createdPending++;
    if (row.restored) restored++;
    authored.set(row.authorId, (authored.get(row.authorId) ?? 0) + 1);
    if (row.kind === 'post' && spaces.get(row.spaceId) === 'qa') asked++;
    if (row.kind === 'reply' && row.parentId !== undefined && spaces.get(row.spaceId) === 'qa') answeredQuestions.add(row.parentId);
  }

  let acceptedNow = 0;
  let badAcceptances = 0;
  for (const [questionId, state] of accepted) {
    if (state.answerId === null) continue;
    acceptedNow++;
    const question = content.get(questionId);
    const answer = content.get(state.answerId);
    if (!question || !answer || answer.parentId !== questionId || spaces.get(question.spaceId) !== 'qa') badAcceptances++;
  }

  const counts = [...members].map((id) => authored.get(id) ?? 0).sort((a, b) => b - a);
  const top = counts.slice(0, Math.ceil(counts.length / 10)).reduce((sum, n) => sum + n, 0);

  const responses: number[] = [];
  let open = 0;
  for (const flag of flags.values()) {
    if (flag.resolvedAt === null) open++;
    else responses.push((flag.resolvedAt - flag.raisedAt) / 60000);
  }
  responses.sort((a, b) => a - b);
  const mid = responses.length >> 1;
  const median = responses.length === 0 ? null : responses.length % 2 ? responses[mid] : (responses[mid - 1] + responses[mid]) / 2;

  let weekend = 0;
  let weekendDays = 0;
  let weekday = 0;
  let weekdays = 0;
  for (const [day, n] of perDay) {
    const dow = (day + 4) % 7;
    if (dow === 0 || dow === 6) {
      weekend += n;
      weekendDays++;
    } else {
      weekday += n;
      weekdays++;
    }
  }

  let up = 0;
  let down = 0;
  for (const value of votes.values()) {
    if (value === 1) up++;
    else down++;
  }
  let discussion = 0;
  for (const kind of spaces.values()) if (kind === 'discussion') discussion++;

  return {
    events,
    byType,
    duplicates,
    outOfOrder,
    missingReferences,
    badAcceptances,
    members: members.size,
    spaces: { discussion, qa: spaces.size - discussion },
    content: { posts, replies, createdPending, restored, final },
    votes: { cast: votes.size, up, down, retracted: retracted.size },
    questions: { asked, accepted: acceptedNow, answered: answeredQuestions.size },
    flags: { raised: flags.size, open, medianResponseMinutes: median },
    automodTriggers,
    renames,
    topTenthContentShare: content.size === 0 ? 0 : top / content.size,
    weekendDailyMean: weekendDays === 0 ? 0 : weekend / weekendDays,
    weekdayDailyMean: weekdays === 0 ? 0 : weekday / weekdays,
  };
}
