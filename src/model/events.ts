/**
 * The event schema (DESIGN section 3): what the aggregator consumes and how the
 * in-memory adapter is fed. Every event has a unique `id` (a repeat is a
 * duplicate delivery), a `type` and `at` (epoch milliseconds).
 */

/** A post (a topic or a question) or a reply (an answer, in a Q&A space). */
export type ContentKind = 'post' | 'reply';
/** A content item's status; only `published` content is counted. */
export type ContentStatus = 'published' | 'pending' | 'trash' | 'spam';
/** A discussion space, or a Q&A space (where answers can be accepted). */
export type SpaceKind = 'discussion' | 'qa';
/** An up-vote (`1`) or a down-vote (`-1`). */
export type VoteValue = 1 | -1;

interface EventBase {
  /** Unique per event; a repeat of an id is a duplicate delivery. */
  id: string;
  /** When it happened, epoch milliseconds. */
  at: number;
}

/** A member joined the community. */
export interface MemberJoinedEvent extends EventBase {
  type: 'member.joined';
  memberId: string;
  displayName: string;
  avatarUrl?: string;
  /** 0–4. */
  trustLevel: number;
}

/** A member's name, avatar or trust level changed; only the given fields change. */
export interface MemberUpdatedEvent extends EventBase {
  type: 'member.updated';
  memberId: string;
  displayName?: string;
  avatarUrl?: string;
  trustLevel?: number;
}

/** A space was created. */
export interface SpaceCreatedEvent extends EventBase {
  type: 'space.created';
  spaceId: string;
  name: string;
  kind: SpaceKind;
}

/** A post or a reply was created, published or pending. */
export interface ContentCreatedEvent extends EventBase {
  type: 'content.created';
  contentId: string;
  kind: ContentKind;
  spaceId: string;
  authorId: string;
  /** A reply's post; required for replies, absent for posts. */
  parentId?: string;
  /** Content is created either published or pending (held for moderation). */
  status: 'published' | 'pending';
}

/** A content item's status changed: approved, trashed, restored or marked as spam. */
export interface ContentStatusChangedEvent extends EventBase {
  type: 'content.status_changed';
  contentId: string;
  status: ContentStatus;
}

/** A vote was cast on a content item. */
export interface VoteCastEvent extends EventBase {
  type: 'vote.cast';
  voteId: string;
  contentId: string;
  voterId: string;
  value: VoteValue;
}

/** A vote was retracted; only `voteId` is needed. */
export interface VoteRetractedEvent extends EventBase {
  type: 'vote.retracted';
  voteId: string;
  contentId?: string;
  voterId?: string;
  value?: VoteValue;
}

/** An answer was accepted for a question (Q&A spaces). */
export interface AnswerAcceptedEvent extends EventBase {
  type: 'answer.accepted';
  questionId: string;
  answerId: string;
}

/** A question's accepted answer was withdrawn. */
export interface AnswerUnacceptedEvent extends EventBase {
  type: 'answer.unaccepted';
  questionId: string;
  answerId?: string;
}

/** A member flagged a content item for moderation. */
export interface FlagRaisedEvent extends EventBase {
  type: 'flag.raised';
  flagId: string;
  contentId: string;
  reporterId: string;
}

/** A flag was resolved by a moderator. */
export interface FlagResolvedEvent extends EventBase {
  type: 'flag.resolved';
  flagId: string;
  resolution?: string;
  contentId?: string;
  reporterId?: string;
}

/** An automatic moderation rule fired on a content item. */
export interface AutomodTriggeredEvent extends EventBase {
  type: 'automod.triggered';
  ruleId: string;
  contentId: string;
}

/** Any event the engine ingests, told apart by `type`. */
export type AnalyticsEvent =
  | MemberJoinedEvent
  | MemberUpdatedEvent
  | SpaceCreatedEvent
  | ContentCreatedEvent
  | ContentStatusChangedEvent
  | VoteCastEvent
  | VoteRetractedEvent
  | AnswerAcceptedEvent
  | AnswerUnacceptedEvent
  | FlagRaisedEvent
  | FlagResolvedEvent
  | AutomodTriggeredEvent;

/** The `type` of an event, such as `content.created`. */
export type EventType = AnalyticsEvent['type'];

/** Every event type, in the order of DESIGN section 3. */
export const EVENT_TYPES = [
  'member.joined',
  'member.updated',
  'space.created',
  'content.created',
  'content.status_changed',
  'vote.cast',
  'vote.retracted',
  'answer.accepted',
  'answer.unaccepted',
  'flag.raised',
  'flag.resolved',
  'automod.triggered',
] as const satisfies readonly EventType[];

// Fails to compile when EVENT_TYPES misses a type of the union.
type MissingEventType = Exclude<EventType, (typeof EVENT_TYPES)[number]>;
const allEventTypesListed: MissingEventType extends never ? true : never = true;
void allEventTypesListed;

/** Why an event was refused; `index` is its position in the ingested batch. */
export interface RejectedEvent {
  index: number;
  id?: string;
  reason: string;
}

/** What one `ingest()` call did with its batch. */
export interface IngestResult {
  /** Events of this batch applied now (including ones released within the batch). */
  applied: number;
  /** Repeats of an event id already seen; they change nothing. */
  duplicates: number;
  /** Events waiting for an entity they refer to (e.g. a status change before its content). */
  held: number;
  /** Events held by earlier batches that this batch's entities released and applied. */
  released: number;
  /** Malformed events, each with the reason; the rest of the batch was applied. */
  rejected: RejectedEvent[];
}
