/**
 * Event validation (DESIGN section 3): decides whether an unknown value is a
 * well-formed `AnalyticsEvent` and, when it is not, says why in words a person
 * feeding the data can act on: the field, what was expected and what came.
 *
 * Each event's fields are read exactly once, into a plain snapshot that holds
 * only the fields its type defines; the checks run on the snapshot and a
 * valid event *is* the snapshot. So a getter that answers differently on a
 * second read, a Proxy, or a caller who changes the object after `ingest`
 * returned can change nothing: the engine never looks at the caller's object
 * again. Reasons are built only on failure. Fields the schema does not know
 * are allowed and left out of the snapshot.
 */
import { EVENT_TYPES, type AnalyticsEvent, type EventType } from './events.js';

/**
 * The result of `validateEvent`: the snapshot of a valid event, or why it is
 * not one, with the event's `id` when that could be read (a non-empty string).
 */
export type EventCheck = { ok: true; event: AnalyticsEvent } | { ok: false; reason: string; id?: string };

/** Earliest accepted `at`: 2000-01-01T00:00:00Z. */
export const EARLIEST_EVENT_AT = 946_684_800_000;
/** First `at` no longer accepted: 2200-01-01T00:00:00Z. */
export const LATEST_EVENT_AT = 7_258_118_400_000;

/** Read access to the fields of an object not known to be an event yet. */
type Fields = { readonly [field: string]: unknown };

/** The fields each event type defines besides `id`, `type` and `at`: what a snapshot copies. */
const EVENT_FIELDS: Readonly<Record<EventType, readonly string[]>> = {
  'member.joined': ['memberId', 'displayName', 'avatarUrl', 'trustLevel'],
  'member.updated': ['memberId', 'displayName', 'avatarUrl', 'trustLevel'],
  'space.created': ['spaceId', 'name', 'kind'],
  'content.created': ['contentId', 'kind', 'spaceId', 'authorId', 'parentId', 'status'],
  'content.status_changed': ['contentId', 'status'],
  'vote.cast': ['voteId', 'contentId', 'voterId', 'value'],
  'vote.retracted': ['voteId', 'contentId', 'voterId', 'value'],
  'answer.accepted': ['questionId', 'answerId'],
  'answer.unaccepted': ['questionId', 'answerId'],
  'flag.raised': ['flagId', 'contentId', 'reporterId'],
  'flag.resolved': ['flagId', 'resolution', 'contentId', 'reporterId'],
  'automod.triggered': ['ruleId', 'contentId'],
};
const NO_FIELDS: readonly string[] = [];

/**
 * Checks one event. On success the result carries a plain copy of its
 * fields, typed; on failure, one reason naming the first problem found (id,
 * then type, then `at`, then the type's own fields in schema order). Never
 * throws, whatever `value` is (a revoked Proxy, throwing getters, …).
 */
export function validateEvent(value: unknown): EventCheck {
  let id: unknown;
  let reason: string | undefined;
  let snapshot: Record<string, unknown> | undefined;
  try {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'event is not an object' };
    const e = value as Fields;
    id = e.id;
    const type = e.type;
    snapshot = { id, type, at: e.at };
    const fields = typeof type === 'string' && Object.hasOwn(EVENT_FIELDS, type) ? EVENT_FIELDS[type as EventType] : NO_FIELDS;
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i]!;
      const fieldValue = e[field];
      if (fieldValue !== undefined) snapshot[field] = fieldValue;
    }
    reason = problemOf(snapshot);
  } catch (error) {
    // A throwing getter or a revoked proxy: still a reason, never a crash.
    reason = unreadableReason(error);
  }
  if (reason === undefined) return { ok: true, event: snapshot as unknown as AnalyticsEvent };
  return isEventId(id) ? { ok: false, reason, id } : { ok: false, reason };
}

/** The reason for an event whose reading threw `error`. */
export function unreadableReason(error: unknown): string {
  return `event could not be read (${readableError(error)})`;
}

/** An error's message for a reason, without trusting the error (it may be anything a getter threw). */
function readableError(error: unknown): string {
  try {
    if (error instanceof Error && typeof error.message === 'string') return error.message;
    return describeValue(error);
  } catch {
    return 'an unreadable error';
  }
}

/**
 * A short, readable rendering of a value for messages: strings quoted (long
 * ones cut), numbers as written, `NaN`, `null`, `undefined`, and the kind of
 * anything bigger (`an array`, `an object`).
 */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'string': {
      if (value.length <= MAX_SHOWN_CHARS) return JSON.stringify(value);
      let cut = MAX_SHOWN_CHARS;
      // Do not split a surrogate pair (an emoji) in half.
      const last = value.charCodeAt(cut - 1);
      if (last >= 0xd800 && last <= 0xdbff) cut--;
      return `${JSON.stringify(value.slice(0, cut)).slice(0, -1)}…" (${value.length} characters)`;
    }
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint':
      return `${value}n`;
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    default:
      if (value === null) return 'null';
      return Array.isArray(value) ? 'an array' : 'an object';
  }
}

const MAX_SHOWN_CHARS = 40;

/**
 * Is `value` a usable id (of an event or an entity): a non-empty string. The
 * one definition, shared by the checks of event objects and of event columns
 * (which run it once per distinct string of their table).
 */
export function isEventId(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

/**
 * The reason `value` is not a valid event, or undefined when it is one: the
 * checks of `validateEvent` on a snapshot, reading each field as it checks
 * it (id, type, `at`, then the type's fields in schema order). Exported for
 * the column reader, which runs it on a row it could not accept at once.
 */
export function problemOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'event is not an object';
  const e = value as Fields;

  const id = e.id;
  if (!isEventId(id)) return badId('id', id);

  const type = e.type;
  if (type === undefined) return 'missing "type" (an event type such as "content.created")';

  const atProblem = badAt(e.at);
  if (atProblem !== undefined) {
    // An unknown type is the more useful thing to hear about; looked up only on this failure path.
    return (EVENT_TYPES as readonly unknown[]).includes(type) ? atProblem : unknownType(type);
  }

  switch (type) {
    case 'member.joined': {
      if (!isEventId(e.memberId)) return badId('memberId', e.memberId);
      if (typeof e.displayName !== 'string') return badString('displayName', e.displayName);
      if (e.avatarUrl !== undefined && typeof e.avatarUrl !== 'string') return badOptionalString('avatarUrl', e.avatarUrl);
      if (!isTrustLevel(e.trustLevel)) return badTrustLevel(e.trustLevel);
      return undefined;
    }
    case 'member.updated': {
      if (!isEventId(e.memberId)) return badId('memberId', e.memberId);
      const displayName = e.displayName;
      const avatarUrl = e.avatarUrl;
      const trustLevel = e.trustLevel;
      if (displayName !== undefined && typeof displayName !== 'string') return badOptionalString('displayName', displayName);
      if (avatarUrl !== undefined && typeof avatarUrl !== 'string') return badOptionalString('avatarUrl', avatarUrl);
      if (trustLevel !== undefined && !isTrustLevel(trustLevel)) return badTrustLevel(trustLevel);
      if (displayName === undefined && avatarUrl === undefined && trustLevel === undefined) {
        return 'member.updated changes nothing (needs displayName, avatarUrl or trustLevel)';
      }
      return undefined;
    }
    case 'space.created': {
      if (!isEventId(e.spaceId)) return badId('spaceId', e.spaceId);
      if (typeof e.name !== 'string') return badString('name', e.name);
      const kind = e.kind;
      if (kind !== 'discussion' && kind !== 'qa') {
        return kind === undefined ? 'missing "kind" ("discussion" or "qa")' : `"kind" must be "discussion" or "qa", got ${describeValue(kind)}`;
      }
      return undefined;
    }
    case 'content.created': {
      const contentId = e.contentId;
      if (!isEventId(contentId)) return badId('contentId', contentId);
      const kind = e.kind;
      if (kind !== 'post' && kind !== 'reply') {
        return kind === undefined ? 'missing "kind" ("post" or "reply")' : `"kind" must be "post" or "reply", got ${describeValue(kind)}`;
      }
      if (!isEventId(e.spaceId)) return badId('spaceId', e.spaceId);
      if (!isEventId(e.authorId)) return badId('authorId', e.authorId);
      const parentId = e.parentId;
      if (kind === 'reply') {
        if (parentId === undefined) return 'a reply needs "parentId"';
        if (!isEventId(parentId)) return badId('parentId', parentId);
        // It would wait for itself forever.
        if (parentId === contentId) return `a reply cannot be its own parent ("parentId" is "contentId", ${describeValue(parentId)})`;
      } else if (parentId !== undefined) {
        return `a post must not have "parentId", got ${describeValue(parentId)}`;
      }
      const status = e.status;
      if (status !== 'published' && status !== 'pending') {
        return status === undefined
          ? 'missing "status" ("published" or "pending")'
          : `"status" of content.created must be "published" or "pending", got ${describeValue(status)}`;
      }
      return undefined;
    }
    case 'content.status_changed': {
      if (!isEventId(e.contentId)) return badId('contentId', e.contentId);
      const status = e.status;
      if (status !== 'published' && status !== 'pending' && status !== 'trash' && status !== 'spam') {
        return status === undefined
          ? 'missing "status" ("published", "pending", "trash" or "spam")'
          : `"status" must be "published", "pending", "trash" or "spam", got ${describeValue(status)}`;
      }
      return undefined;
    }
    case 'vote.cast': {
      if (!isEventId(e.voteId)) return badId('voteId', e.voteId);
      if (!isEventId(e.contentId)) return badId('contentId', e.contentId);
      if (!isEventId(e.voterId)) return badId('voterId', e.voterId);
      const voteValue = e.value;
      if (voteValue !== 1 && voteValue !== -1) {
        return voteValue === undefined ? 'missing "value" (1 or -1)' : badVoteValue(voteValue);
      }
      return undefined;
    }
    case 'vote.retracted': {
      if (!isEventId(e.voteId)) return badId('voteId', e.voteId);
      if (e.contentId !== undefined && !isEventId(e.contentId)) return badId('contentId', e.contentId);
      if (e.voterId !== undefined && !isEventId(e.voterId)) return badId('voterId', e.voterId);
      const voteValue = e.value;
      if (voteValue !== undefined && voteValue !== 1 && voteValue !== -1) return badVoteValue(voteValue);
      return undefined;
    }
    case 'answer.accepted': {
      if (!isEventId(e.questionId)) return badId('questionId', e.questionId);
      if (!isEventId(e.answerId)) return badId('answerId', e.answerId);
      return undefined;
    }
    case 'answer.unaccepted': {
      if (!isEventId(e.questionId)) return badId('questionId', e.questionId);
      if (e.answerId !== undefined && !isEventId(e.answerId)) return badId('answerId', e.answerId);
      return undefined;
    }
    case 'flag.raised': {
      if (!isEventId(e.flagId)) return badId('flagId', e.flagId);
      if (!isEventId(e.contentId)) return badId('contentId', e.contentId);
      if (!isEventId(e.reporterId)) return badId('reporterId', e.reporterId);
      return undefined;
    }
    case 'flag.resolved': {
      if (!isEventId(e.flagId)) return badId('flagId', e.flagId);
      if (e.resolution !== undefined && typeof e.resolution !== 'string') return badOptionalString('resolution', e.resolution);
      if (e.contentId !== undefined && !isEventId(e.contentId)) return badId('contentId', e.contentId);
      if (e.reporterId !== undefined && !isEventId(e.reporterId)) return badId('reporterId', e.reporterId);
      return undefined;
    }
    case 'automod.triggered': {
      if (!isEventId(e.ruleId)) return badId('ruleId', e.ruleId);
      if (!isEventId(e.contentId)) return badId('contentId', e.contentId);
      return undefined;
    }
    default:
      return unknownType(type);
  }
}

function isTrustLevel(value: unknown): boolean {
  return value === 0 || value === 1 || value === 2 || value === 3 || value === 4;
}

// The helpers below run only on failure: they are free to build strings.

function unknownType(type: unknown): string {
  return `unknown event type ${describeValue(type)}`;
}

function badId(field: string, value: unknown): string {
  return value === undefined
    ? `missing "${field}" (a non-empty string)`
    : `"${field}" must be a non-empty string, got ${describeValue(value)}${nullHint(value)}`;
}

function badString(field: string, value: unknown): string {
  return value === undefined ? `missing "${field}" (a string)` : `"${field}" must be a string, got ${describeValue(value)}`;
}

function badOptionalString(field: string, value: unknown): string {
  return `"${field}" must be a string, got ${describeValue(value)}${nullHint(value)}`;
}

function badTrustLevel(value: unknown): string {
  return value === undefined
    ? 'missing "trustLevel" (an integer from 0 to 4)'
    : `"trustLevel" must be an integer from 0 to 4, got ${describeValue(value)}`;
}

function badVoteValue(value: unknown): string {
  return `"value" must be 1 or -1, got ${describeValue(value)}`;
}

/** JSON often says `null` for "none"; the schema says "leave the field out". */
function nullHint(value: unknown): string {
  return value === null ? ' (leave the field out when there is none)' : '';
}

/** Is `at` a usable timestamp: whole epoch milliseconds from 2000-01-01 to before 2200-01-01 (UTC). */
export function isEventAt(at: unknown): at is number {
  return typeof at === 'number' && at >= EARLIEST_EVENT_AT && at < LATEST_EVENT_AT && Number.isInteger(at);
}

/** The reason `at` is not a usable timestamp, or undefined. */
function badAt(at: unknown): string | undefined {
  if (isEventAt(at)) return undefined;
  if (at === undefined) return 'missing "at" (epoch milliseconds)';
  if (typeof at !== 'number' || !Number.isFinite(at)) {
    const numeric = typeof at === 'string' && at.trim() !== '' && Number.isFinite(Number(at));
    return `"at" must be a finite epoch-milliseconds number, got ${describeValue(at)}${numeric ? ' (a string, not a number)' : ''}`;
  }
  if (!Number.isInteger(at)) return `"at" must be a whole number of epoch milliseconds, got ${describeValue(at)}`;
  const window = 'between 2000-01-01 and 2200-01-01';
  if (at * 1000 >= EARLIEST_EVENT_AT && at * 1000 < LATEST_EVENT_AT) {
    return `"at" must be epoch milliseconds ${window}, got ${at}: that looks like seconds (${utcDate(at * 1000)}); multiply by 1000`;
  }
  if (at / 1000 >= EARLIEST_EVENT_AT && at / 1000 < LATEST_EVENT_AT) {
    return `"at" must be epoch milliseconds ${window}, got ${at}: that looks like microseconds (${utcDate(at / 1000)}); divide by 1000`;
  }
  const date = utcDate(at);
  return `"at" must be epoch milliseconds ${window}, got ${at}${date === undefined ? '' : ` (${date})`}`;
}

/** `YYYY-MM-DD` (UTC) of an epoch-ms value, when Date can represent it. */
function utcDate(ms: number): string | undefined {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString().slice(0, 10);
}
