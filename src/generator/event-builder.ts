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
import * as R from './event-records.js';
import type { EventRecords } from './event-records.js';
import { IdNames } from './ids.js';
import { AUTOMOD_RULES, FLAG_RESOLUTIONS, memberName } from './names.js';
import { Random } from './random.js';

const CONTENT_CACHE = 1 << 17;

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
