import type {
  AnalyticsEvent,
  AnswerUnacceptedEvent,
  ContentCreatedEvent,
  ContentStatus,
  MemberJoinedEvent,
  MemberUpdatedEvent,
  SpaceKind,
  VoteRetractedEvent,
} from '../model/events.js';
import {
  ANSWER_ACCEPTED,
  ANSWER_UNACCEPTED,
  AUTOMOD_TRIGGERED,
  CONTENT_CREATED,
  emptyColumns,
  FLAG_RAISED,
  FLAG_RESOLVED,
  MEMBER_JOINED,
  MEMBER_UPDATED,
  SPACE_CREATED,
  STATUS_CHANGED,
  VOTE_CAST,
  VOTE_RETRACTED,
  type EventColumns,
} from '../model/event-columns.js';
import * as R from './event-records.js';
import type { EventRecords } from './event-records.js';
import { IdNames } from './ids.js';
import { AUTOMOD_RULES, FLAG_RESOLUTIONS, memberName } from './names.js';
import { Random } from './random.js';

const CONTENT_CACHE = 1 << 17;
/** Content ids remembered per chunk of columns (a chunk names far fewer contents than it has events). */
const CHUNK_CONTENT_CACHE = 1 << 15;

export const STATUS_NAMES: readonly ContentStatus[] = ['published', 'pending', 'trash', 'spam'];

/**
 * Turns records into event objects. A record always builds the same object,
 * so a repeated delivery has the same body; names are a pure function of the
 * seed, the member and the name's version, so nothing is stored for them.
 */
export class EventBuilder {
  private readonly eventIds = new IdNames('e');
  private readonly contentIds = new IdNames('c');
  private readonly voteIds = new IdNames('v');
  private readonly flagIds = new IdNames('f');
  private readonly memberIdNames = new IdNames('m');
  private readonly memberIds: string[];
  // Recently built content ids by content number (votes and replies mostly name recent content).
  private readonly recentContentIds = new Array<string>(CONTENT_CACHE).fill('');
  private readonly recentContent = new Int32Array(CONTENT_CACHE).fill(-1);
  private readonly spaceIds: string[];

  // Per chunk of columns: the table position of strings already in it, so a member, content or
  // space named by many events of the chunk is one entry. `chunk` stamps the entries of this chunk.
  private chunk = 0;
  private readonly memberStamp: Int32Array;
  private readonly memberRef: Int32Array;
  private readonly contentStamp = new Int32Array(CHUNK_CONTENT_CACHE);
  private readonly contentNumber = new Int32Array(CHUNK_CONTENT_CACHE);
  private readonly contentRef = new Int32Array(CHUNK_CONTENT_CACHE);
  private readonly spaceStamp: Int32Array;
  private readonly spaceRef: Int32Array;
  private readonly constantRefs = new Map<string, number>();

  constructor(
    private readonly seed: number,
    members: number,
    private readonly spaceNames: readonly string[],
    private readonly spaceKinds: readonly SpaceKind[],
    private readonly avatarBase: string | null = 'https://avatars.example.com/',
  ) {
    this.memberIds = new Array<string>(members).fill('');
    const spaceIdNames = new IdNames('s');
    this.spaceIds = spaceNames.map((_, i) => spaceIdNames.of(i));
    this.memberStamp = new Int32Array(members);
    this.memberRef = new Int32Array(members);
    this.spaceStamp = new Int32Array(spaceNames.length);
    this.spaceRef = new Int32Array(spaceNames.length * 2);
  }

  /**
   * The events of records `from` to `to` (exclusive) as columns, without an
   * object per event: the same events `build` makes (each column row decodes
   * to the object `build` returns), `index` their positions in the chunk.
   */
  columns(r: EventRecords, from: number, to: number): EventColumns {
    const n = to - from;
    const out = emptyColumns(n);
    const strings = out.strings;
    const stamp = ++this.chunk;
    const constants = this.constantRefs;
    constants.clear();
    const constant = (value: string): number => {
      let ref = constants.get(value);
      if (ref === undefined) {
        ref = strings.push(value) - 1;
        constants.set(value, ref);
      }
      return ref;
    };
    const member = (m: number): number => {
      if (this.memberStamp[m] === stamp) return this.memberRef[m]!;
      this.memberStamp[m] = stamp;
      return (this.memberRef[m] = strings.push(this.memberId(m)) - 1);
    };
    const content = (c: number): number => {
      const slot = c & (CHUNK_CONTENT_CACHE - 1);
      if (this.contentStamp[slot] === stamp && this.contentNumber[slot] === c) return this.contentRef[slot]!;
      this.contentStamp[slot] = stamp;
      this.contentNumber[slot] = c;
      return (this.contentRef[slot] = strings.push(this.contentId(c)) - 1);
    };
    // A space's id at 2s, its name at 2s + 1.
    const space = (s: number): number => {
      if (this.spaceStamp[s] !== stamp) {
        this.spaceStamp[s] = stamp;
        this.spaceRef[2 * s] = strings.push(this.spaceIds[s]) - 1;
        this.spaceRef[2 * s + 1] = strings.push(this.spaceNames[s]) - 1;
      }
      return 2 * s;
    };
    const { index, type, at, id, s0, s1, s2, s3, s4, num } = out;
    for (let k = 0; k < n; k++) {
      const i = from + k;
      index[k] = k;
      at[k] = r.at[i];
      id[k] = strings.push(this.eventIds.of(r.id[i])) - 1;
      const a = r.a[i];
      const b = r.b[i];
      const c = r.c[i];
      const d = r.d[i];
      switch (r.type[i]) {
        case R.MEMBER_JOINED: {
          type[k] = MEMBER_JOINED;
          s0[k] = member(a);
          s1[k] = strings.push(this.name(a, b)) - 1;
          if (c > 0 && this.avatarBase !== null) s2[k] = strings.push(`${this.avatarBase}${this.memberId(a)}/${c}.png`) - 1;
          num[k] = d;
          break;
        }
        case R.MEMBER_UPDATED: {
          type[k] = MEMBER_UPDATED;
          s0[k] = member(a);
          if (d === R.UPDATE_NAME) s1[k] = strings.push(this.name(a, b)) - 1;
          else if (d === R.UPDATE_AVATAR) s2[k] = this.avatarBase === null ? constant('') : strings.push(`${this.avatarBase}${this.memberId(a)}/${b}.png`) - 1;
          else num[k] = b;
          break;
        }
        case R.SPACE_CREATED: {
          type[k] = SPACE_CREATED;
          const ref = space(a);
          s0[k] = this.spaceRef[ref]!;
          s1[k] = this.spaceRef[ref + 1]!;
          s2[k] = constant(this.spaceKinds[a]);
          break;
        }
        case R.CONTENT_CREATED: {
          type[k] = CONTENT_CREATED;
          s0[k] = content(a);
          s1[k] = this.spaceRef[space(d & 0xffff)]!;
          s2[k] = member(b);
          if (c >= 0) s3[k] = content(c);
          s4[k] = constant(c < 0 ? 'post' : 'reply');
          num[k] = d & R.PENDING_FLAG ? 1 : 0;
          break;
        }
        case R.STATUS_CHANGED:
          type[k] = STATUS_CHANGED;
          s0[k] = content(a);
          s1[k] = constant(STATUS_NAMES[d]);
          break;
        case R.VOTE_CAST:
          type[k] = VOTE_CAST;
          s0[k] = strings.push(this.voteIds.of(a)) - 1;
          s1[k] = content(b);
          s2[k] = member(c);
          num[k] = d & 1 ? 1 : -1;
          break;
        case R.VOTE_RETRACTED:
          type[k] = VOTE_RETRACTED;
          s0[k] = strings.push(this.voteIds.of(a)) - 1;
          if (d & R.DETAILS_FLAG) {
            s1[k] = content(b);
            s2[k] = member(c);
            num[k] = d & 1 ? 1 : -1;
          }
          break;
        case R.ANSWER_ACCEPTED:
          type[k] = ANSWER_ACCEPTED;
          s0[k] = content(a);
          s1[k] = content(b);
          break;
        case R.ANSWER_UNACCEPTED:
          type[k] = ANSWER_UNACCEPTED;
          s0[k] = content(a);
          if (b >= 0) s1[k] = content(b);
          break;
        case R.FLAG_RAISED:
          type[k] = FLAG_RAISED;
          s0[k] = strings.push(this.flagIds.of(a)) - 1;
          s1[k] = content(b);
          s2[k] = member(c);
          break;
        case R.FLAG_RESOLVED:
          type[k] = FLAG_RESOLVED;
          s0[k] = strings.push(this.flagIds.of(a)) - 1;
          s1[k] = content(b);
          s3[k] = constant(FLAG_RESOLUTIONS[d]);
          break;
        default:
          type[k] = AUTOMOD_TRIGGERED;
          s0[k] = content(a);
          s1[k] = constant(AUTOMOD_RULES[d]);
      }
    }
    return out;
  }

  /** The events of records `from` to `to` (exclusive), in order. */
  build(records: EventRecords, from: number, to: number): AnalyticsEvent[] {
    const out: AnalyticsEvent[] = [];
    for (let i = from; i < to; i++) out.push(this.event(records, i));
    return out;
  }

  private event(r: EventRecords, i: number): AnalyticsEvent {
    const id = this.eventIds.of(r.id[i]);
    const at = r.at[i];
    const a = r.a[i];
    const b = r.b[i];
    const c = r.c[i];
    const d = r.d[i];
    switch (r.type[i]) {
      case R.MEMBER_JOINED: {
        const memberId = this.memberId(a);
        const event: MemberJoinedEvent = { id, type: 'member.joined', at, memberId, displayName: this.name(a, b), trustLevel: d };
        if (c > 0 && this.avatarBase !== null) event.avatarUrl = `${this.avatarBase}${memberId}/${c}.png`;
        return event;
      }
      case R.MEMBER_UPDATED: {
        const memberId = this.memberId(a);
        const event: MemberUpdatedEvent = { id, type: 'member.updated', at, memberId };
        if (d === R.UPDATE_NAME) event.displayName = this.name(a, b);
        // Without pictures an avatar change still happens (the stream stays the same), as an empty URL.
        else if (d === R.UPDATE_AVATAR) event.avatarUrl = this.avatarBase === null ? '' : `${this.avatarBase}${memberId}/${b}.png`;
        else event.trustLevel = b;
        return event;
      }
      case R.SPACE_CREATED:
        return { id, type: 'space.created', at, spaceId: this.spaceIds[a], name: this.spaceNames[a], kind: this.spaceKinds[a] };
      case R.CONTENT_CREATED: {
        const status = d & R.PENDING_FLAG ? 'pending' : 'published';
        const spaceId = this.spaceIds[d & 0xffff];
        const event: ContentCreatedEvent =
          c < 0
            ? { id, type: 'content.created', at, contentId: this.contentId(a), kind: 'post', spaceId, authorId: this.memberId(b), status }
            : {
                id,
                type: 'content.created',
                at,
                contentId: this.contentId(a),
                kind: 'reply',
                spaceId,
                authorId: this.memberId(b),
                parentId: this.contentId(c),
                status,
              };
        return event;
      }
      case R.STATUS_CHANGED:
        return { id, type: 'content.status_changed', at, contentId: this.contentId(a), status: STATUS_NAMES[d] };
      case R.VOTE_CAST:
        return { id, type: 'vote.cast', at, voteId: this.voteIds.of(a), contentId: this.contentId(b), voterId: this.memberId(c), value: d & 1 ? 1 : -1 };
      case R.VOTE_RETRACTED: {
        const event: VoteRetractedEvent = { id, type: 'vote.retracted', at, voteId: this.voteIds.of(a) };
        if (d & R.DETAILS_FLAG) {
          event.contentId = this.contentId(b);
          event.voterId = this.memberId(c);
          event.value = d & 1 ? 1 : -1;
        }
        return event;
      }
      case R.ANSWER_ACCEPTED:
        return { id, type: 'answer.accepted', at, questionId: this.contentId(a), answerId: this.contentId(b) };
      case R.ANSWER_UNACCEPTED: {
        const event: AnswerUnacceptedEvent = { id, type: 'answer.unaccepted', at, questionId: this.contentId(a) };
        if (b >= 0) event.answerId = this.contentId(b);
        return event;
      }
      case R.FLAG_RAISED:
        return { id, type: 'flag.raised', at, flagId: this.flagIds.of(a), contentId: this.contentId(b), reporterId: this.memberId(c) };
      case R.FLAG_RESOLVED:
        return { id, type: 'flag.resolved', at, flagId: this.flagIds.of(a), resolution: FLAG_RESOLUTIONS[d], contentId: this.contentId(b) };
      default:
        return { id, type: 'automod.triggered', at, ruleId: AUTOMOD_RULES[d], contentId: this.contentId(a) };
    }
  }

  private contentId(content: number): string {
    const slot = content & (CONTENT_CACHE - 1);
    if (this.recentContent[slot] === content) return this.recentContentIds[slot];
    this.recentContent[slot] = content;
    return (this.recentContentIds[slot] = this.contentIds.of(content));
  }

  private memberId(member: number): string {
    return this.memberIds[member] || (this.memberIds[member] = this.memberIdNames.of(member));
  }

  private name(member: number, version: number): string {
    const h = Math.imul(this.seed ^ 0x2545f491, 0x85ebca6b) ^ Math.imul(member + 1, 0xc2b2ae35) ^ Math.imul(version + 1, 0x27d4eb2f);
    return memberName(new Random(h));
  }
}
