import type { AnalyticsEvent, ContentStatus } from '../src/data.js';
import { IdNames } from '../src/generator/ids.js';

/** Members and spaces every generated community has (the smallest has 250 members and 12 spaces). */
const MEMBERS = 200;
const SPACES = 12;

/** A moderation action: its event, the post it acts on, and `commit()` to record it as done. */
export interface Moderation {
  event: AnalyticsEvent;
  contentId: string;
  commit(): void;
}

interface LivePost {
  contentId: string;
  spaceId: string;
}

/**
 * New activity for the playground's live mode: posts, replies, votes and flags
 * "arriving now", and the moderation actions behind the Approve, Trash and
 * Restore buttons. It writes events only; the caller ingests them, so the
 * counting rules of the engine decide what each one changes.
 */
export class LiveSimulator {
  private readonly members = new IdNames('m');
  private readonly spaces = new IdNames('s');
  private next = 0;
  private readonly pending: LivePost[] = [];
  private readonly published: LivePost[] = [];
  private readonly trashed: LivePost[] = [];

  /** `prefix` keeps ids apart from the generated community's and from an earlier simulator's. */
  constructor(
    private readonly prefix: string,
    private readonly random: () => number = Math.random,
  ) {}

  get pendingCount(): number {
    return this.pending.length;
  }

  get publishedCount(): number {
    return this.published.length;
  }

  get trashedCount(): number {
    return this.trashed.length;
  }

  /** Three posts held for moderation and two published, so the buttons have something to act on from the start. */
  seed(at: number): AnalyticsEvent[] {
    return [this.post(at, 'pending'), this.post(at, 'pending'), this.post(at, 'pending'), this.post(at, 'published'), this.post(at, 'published')];
  }

  /** One second of activity: one or two posts (one in five held), replies, votes and now and then a flag. */
  tick(at: number): AnalyticsEvent[] {
    const events: AnalyticsEvent[] = [];
    const posts = 1 + this.int(2);
    for (let i = 0; i < posts; i += 1) events.push(this.post(at, this.random() < 0.2 ? 'pending' : 'published'));
    const replies = this.int(4);
    for (let i = 0; i < replies && this.published.length > 0; i += 1) {
      const parent = this.published[this.int(this.published.length)]!;
      events.push({
        id: this.id('e'),
        type: 'content.created',
        at,
        contentId: this.id('c'),
        kind: 'reply',
        spaceId: parent.spaceId,
        authorId: this.member(),
        parentId: parent.contentId,
        status: 'published',
      });
    }
    const votes = this.int(5);
    for (let i = 0; i < votes && this.published.length > 0; i += 1) {
      const target = this.published[this.int(this.published.length)]!;
      events.push({ id: this.id('e'), type: 'vote.cast', at, voteId: this.id('v'), contentId: target.contentId, voterId: this.member(), value: this.random() < 0.85 ? 1 : -1 });
    }
    if (this.random() < 0.15 && this.published.length > 0) {
      const target = this.published[this.int(this.published.length)]!;
      events.push({ id: this.id('e'), type: 'flag.raised', at, flagId: this.id('f'), contentId: target.contentId, reporterId: this.member() });
    }
    return events;
  }

  /** Publishes the oldest held post; null when none is held. */
  approve(at: number): Moderation | null {
    return this.move(this.pending, this.published, 'published', at, 'first');
  }

  /** Trashes the newest published post; null when there is none. */
  trash(at: number): Moderation | null {
    return this.move(this.published, this.trashed, 'trash', at, 'last');
  }

  /** Restores the post trashed last; null when none is trashed. */
  restore(at: number): Moderation | null {
    return this.move(this.trashed, this.published, 'published', at, 'last');
  }

  /** The status change for a post; the post changes lists only on `commit()`, once the event is ingested. */
  private move(from: LivePost[], to: LivePost[], status: ContentStatus, at: number, which: 'first' | 'last'): Moderation | null {
    const post = which === 'first' ? from[0] : from[from.length - 1];
    if (post === undefined) return null;
    return {
      event: { id: this.id('e'), type: 'content.status_changed', at, contentId: post.contentId, status },
      contentId: post.contentId,
      commit: () => {
        const index = from.indexOf(post);
        if (index === -1) return;
        from.splice(index, 1);
        to.push(post);
      },
    };
  }

  private post(at: number, status: 'published' | 'pending'): AnalyticsEvent {
    const post = { contentId: this.id('c'), spaceId: this.spaces.of(this.int(SPACES)) };
    (status === 'pending' ? this.pending : this.published).push(post);
    return { id: this.id('e'), type: 'content.created', at, contentId: post.contentId, kind: 'post', spaceId: post.spaceId, authorId: this.member(), status };
  }

  private member(): string {
    return this.members.of(this.int(MEMBERS));
  }

  private id(kind: string): string {
    this.next += 1;
    return `${this.prefix}-${kind}${this.next}`;
  }

  private int(below: number): number {
    return Math.floor(this.random() * below);
  }
}
