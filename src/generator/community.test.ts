import { expect } from '@open-wc/testing';
import type { AnalyticsEvent } from '../model/events.js';
import { validateEvent } from '../model/validate.js';
import { communityEvents, DEFAULT_COMMUNITY_END, generateCommunity, type CommunityOptions } from './community.js';
import { summarizeCommunity, type CommunitySummary } from '../../test/community-stats.js';

const DAY = 86_400_000;

// One mid-sized stream read by most checks, generated once.
const OPTIONS: CommunityOptions = { seed: 42, events: 20_000 };
let stream: AnalyticsEvent[];
let summary: CommunitySummary;

before(() => {
  stream = generateCommunity(OPTIONS);
  summary = summarizeCommunity([stream]);
});

describe('communityEvents: determinism and size', () => {
  it('gives the same stream for the same seed and another for another seed', () => {
    const again = generateCommunity(OPTIONS);
    expect(again.length).to.equal(stream.length);
    expect(JSON.stringify(again)).to.equal(JSON.stringify(stream));
    const other = generateCommunity({ ...OPTIONS, seed: 43 });
    expect(JSON.stringify(other)).not.to.equal(JSON.stringify(stream));
  });

  it('emits the requested number of events within 1 %', () => {
    for (const events of [1_000, 5_000, 20_000, 100_000]) {
      for (const seed of [1, 2, 3]) {
        const count = generateCommunity({ seed, events }).length;
        expect(Math.abs(count - events) / events, `${events} events, seed ${seed}: got ${count}`).to.be.at.most(0.01);
      }
    }
    const short = generateCommunity({ seed: 5, events: 10_000, days: 30, members: 400, spaces: 5 }).length;
    expect(Math.abs(short - 10_000) / 10_000).to.be.at.most(0.01);
  });

  it('yields chunks of the requested size whose concatenation is the whole stream', () => {
    const chunks = [...communityEvents(OPTIONS, 4096)];
    expect(chunks.slice(0, -1).every((chunk) => chunk.length === 4096)).to.equal(true);
    expect(chunks[chunks.length - 1].length).to.be.within(1, 4096);
    expect(JSON.stringify(chunks.flat())).to.equal(JSON.stringify(stream));
  });

  it('keeps every event within the span, ending at `end`', () => {
    const start = DEFAULT_COMMUNITY_END - 365 * DAY;
    expect(stream.every((e) => e.at >= start && e.at <= DEFAULT_COMMUNITY_END && Number.isInteger(e.at))).to.equal(true);
    const end = Date.UTC(2025, 5, 30, 12);
    const month = generateCommunity({ seed: 3, events: 3_000, days: 30, end });
    expect(month.every((e) => e.at >= end - 30 * DAY && e.at <= end)).to.equal(true);
  });

  it('refuses options it cannot honour', () => {
    expect(() => generateCommunity({ events: 0 })).to.throw(RangeError);
    expect(() => generateCommunity({ events: 100, days: 0 })).to.throw(RangeError);
    expect(() => generateCommunity({ events: 100, lateFraction: 2 })).to.throw(RangeError);
    expect(() => [...communityEvents({ events: 100 }, 0)]).to.throw(RangeError);
  });
});

describe('communityEvents: what a consumer receives', () => {
  it('emits only valid events', () => {
    const invalid = stream.map((event) => ({ event, check: validateEvent(event) })).filter(({ check }) => !check.ok);
    expect(invalid.slice(0, 3), 'invalid events').to.deep.equal([]);
  });

  it('repeats ids only as duplicate deliveries with the same body', () => {
    const first = new Map<string, AnalyticsEvent>();
    for (const event of stream) {
      const earlier = first.get(event.id);
      if (earlier) expect(event, `repeat of ${event.id}`).to.deep.equal(earlier);
      else first.set(event.id, event);
    }
    expect(stream.length - first.size).to.equal(summary.duplicates);
  });

  it('delivers about the requested shares late and twice', () => {
    const share = (n: number) => n / summary.events;
    expect(share(summary.duplicates), 'duplicates').to.be.within(0.006, 0.014);
    expect(share(summary.outOfOrder), 'out of order').to.be.within(0.006, 0.014);

    const busy = summarizeCommunity(communityEvents({ seed: 7, events: 20_000, lateFraction: 0.05, duplicateFraction: 0.03 }));
    expect(busy.duplicates / busy.events, 'duplicates').to.be.within(0.02, 0.04);
    expect(busy.outOfOrder / busy.events, 'out of order').to.be.within(0.035, 0.065);
  });

  it('is in time order without late or repeated deliveries, and the same community either way', () => {
    const clean = generateCommunity({ ...OPTIONS, lateFraction: 0, duplicateFraction: 0 });
    expect(clean.every((e, i) => i === 0 || clean[i - 1].at <= e.at)).to.equal(true);
    expect(new Set(clean.map((e) => e.id)).size).to.equal(clean.length);
    // Delivery draws its own random numbers: the events are those of the noisy stream.
    const ids = new Set(stream.map((e) => e.id));
    const shared = clean.filter((e) => ids.has(e.id)).length;
    expect(shared / clean.length).to.be.above(0.95);
  });

  it('is complete: everything referenced is created in the stream, earlier in time', () => {
    expect(summary.missingReferences).to.equal(0);
    expect(summary.badAcceptances).to.equal(0);
    const createdAt = new Map<string, number>();
    const create = (key: string, at: number) => createdAt.set(key, Math.min(at, createdAt.get(key) ?? Infinity));
    for (const e of stream) {
      if (e.type === 'member.joined') create(`m:${e.memberId}`, e.at);
      else if (e.type === 'space.created') create(`s:${e.spaceId}`, e.at);
      else if (e.type === 'content.created') create(`c:${e.contentId}`, e.at);
      else if (e.type === 'flag.raised') create(`f:${e.flagId}`, e.at);
    }
    const late: string[] = [];
    const refer = (key: string, e: AnalyticsEvent) => {
      const at = createdAt.get(key);
      if (at === undefined || at > e.at) late.push(`${e.type} ${e.id} → ${key}`);
    };
    const posts = new Map<string, string>();
    for (const e of stream) {
      if (e.type === 'content.created') {
        refer(`s:${e.spaceId}`, e);
        refer(`m:${e.authorId}`, e);
        if (e.kind === 'post') posts.set(e.contentId, e.spaceId);
        if (e.parentId !== undefined) refer(`c:${e.parentId}`, e);
      } else if (e.type === 'vote.cast') {
        refer(`c:${e.contentId}`, e);
        refer(`m:${e.voterId}`, e);
      } else if (e.type === 'content.status_changed' || e.type === 'automod.triggered') refer(`c:${e.contentId}`, e);
      else if (e.type === 'member.updated') refer(`m:${e.memberId}`, e);
      else if (e.type === 'flag.raised') {
        refer(`c:${e.contentId}`, e);
        refer(`m:${e.reporterId}`, e);
      } else if (e.type === 'flag.resolved') refer(`f:${e.flagId}`, e);
      else if (e.type === 'answer.accepted') {
        refer(`c:${e.questionId}`, e);
        refer(`c:${e.answerId}`, e);
      }
    }
    expect(late.slice(0, 5)).to.deep.equal([]);
    // Replies answer posts of their own space.
    for (const e of stream) {
      if (e.type === 'content.created' && e.kind === 'reply') expect(posts.get(e.parentId ?? '')).to.equal(e.spaceId);
    }
  });
});

describe('communityEvents: a realistic community', () => {
  it('has a few very active members: the top tenth writes more than half', () => {
    expect(summary.topTenthContentShare).to.be.above(0.5);
  });

  it('has busy and quiet spaces, discussions and Q&A, with readable names', () => {
    const spaces = new Map<string, { at: number; name: string }>();
    for (const e of stream) if (e.type === 'space.created') spaces.set(e.id, { at: e.at, name: e.name });
    const names = [...spaces.values()].sort((a, b) => a.at - b.at).map((s) => s.name);
    expect(names.slice(0, 3)).to.deep.equal(['General', 'Help & Q&A', 'Announcements']);
    expect(new Set(names).size).to.equal(names.length);
    expect(summary.spaces.discussion).to.be.above(0);
    expect(summary.spaces.qa).to.be.above(0);
    const perSpace = new Map<string, number>();
    for (const e of stream) if (e.type === 'content.created') perSpace.set(e.spaceId, (perSpace.get(e.spaceId) ?? 0) + 1);
    const counts = [...perSpace.values()].sort((a, b) => b - a);
    expect(counts[0]).to.be.above(5 * counts[counts.length - 1]);
  });

  it('is quieter on weekends and grows over the year', () => {
    expect(summary.weekendDailyMean).to.be.below(0.8 * summary.weekdayDailyMean);
    const start = DEFAULT_COMMUNITY_END - 365 * DAY;
    const firstQuarter = stream.filter((e) => e.at < start + 91 * DAY).length;
    const lastQuarter = stream.filter((e) => e.at >= DEFAULT_COMMUNITY_END - 91 * DAY).length;
    expect(lastQuarter).to.be.above(1.5 * firstQuarter);
  });

  it('is busier in the afternoon than at night (UTC)', () => {
    const byHour = new Array<number>(24).fill(0);
    for (const e of stream) byHour[new Date(e.at).getUTCHours()]++;
    expect(byHour[15]).to.be.above(3 * byHour[3]);
  });

  it('lets members join over time, with trust levels skewed low', () => {
    const joins = [...new Map(stream.filter((e) => e.type === 'member.joined').map((e) => [e.id, e])).values()];
    expect(summary.members).to.equal(Math.round(20_000 / 40));
    const start = DEFAULT_COMMUNITY_END - 365 * DAY;
    expect(joins.filter((e) => e.at >= start + 180 * DAY).length).to.be.above(joins.length / 3);
    const levels = [0, 0, 0, 0, 0];
    for (const e of joins) if (e.type === 'member.joined') levels[e.trustLevel]++;
    expect(levels[0]).to.be.above(levels[2]);
    expect(levels[2]).to.be.above(levels[4]);
    expect(summary.renames).to.be.above(0);
  });

  it('moderates: pending content approved later, some trashed and restored, spam removed', () => {
    const c = summary.content;
    const total = c.posts + c.replies;
    expect(c.createdPending / total, 'created pending').to.be.within(0.03, 0.08);
    expect(c.final.pending / total, 'still pending').to.be.within(0.0005, 0.01);
    expect(c.final.trash / total, 'trashed').to.be.within(0.01, 0.05);
    expect(c.final.spam / total, 'spam').to.be.within(0.003, 0.03);
    expect(c.restored).to.be.above(0);
    expect(c.replies).to.be.above(c.posts);
  });

  it('votes mostly up, retracts about 3 %', () => {
    const v = summary.votes;
    expect(v.down / v.cast).to.be.within(0.05, 0.2);
    expect(v.retracted / v.cast).to.be.within(0.02, 0.045);
  });

  it('accepts an answer on about 40 % of questions, and changes its mind sometimes', () => {
    const q = summary.questions;
    expect(q.accepted / q.asked).to.be.within(0.3, 0.5);
    expect(summary.byType['answer.unaccepted']).to.be.above(0);
  });

  it('flags about 1 % of content, resolves most within hours, leaves some open', () => {
    const f = summary.flags;
    const total = summary.content.posts + summary.content.replies;
    expect(f.raised / total).to.be.within(0.005, 0.02);
    expect(f.open).to.be.above(0);
    expect(f.open / f.raised).to.be.below(0.25);
    expect(f.medianResponseMinutes).to.be.within(30, 300);
  });

  it('emits automod triggers only when automatic moderation is on', () => {
    expect(summary.automodTriggers).to.be.above(0);
    const off = generateCommunity({ ...OPTIONS, autoModeration: false });
    expect(off.some((e) => e.type === 'automod.triggered')).to.equal(false);
  });
});

describe('communityEvents: avatar pictures', () => {
  const pictures = (events: AnalyticsEvent[]) =>
    events.filter((e) => (e.type === 'member.joined' || e.type === 'member.updated') && e.avatarUrl !== undefined).map((e) => (e as { avatarUrl: string }).avatarUrl);

  it('puts pictures under the given prefix, or none with null, and changes nothing else', () => {
    const own = generateCommunity({ ...OPTIONS, avatarBase: 'https://cdn.example.org/faces/' });
    const none = generateCommunity({ ...OPTIONS, avatarBase: null });
    const withDefault = pictures(stream);
    expect(withDefault.length).to.be.greaterThan(20);
    expect(withDefault.every((url) => url.startsWith('https://avatars.example.com/'))).to.equal(true);
    expect(pictures(own)).to.deep.equal(withDefault.map((url) => url.replace('https://avatars.example.com/', 'https://cdn.example.org/faces/')));
    // Joins carry no picture; a changed picture becomes an empty URL, so every event is still there and valid.
    expect(pictures(none).every((url) => url === '')).to.equal(true);
    expect(none.filter((e) => e.type === 'member.joined' && e.avatarUrl !== undefined)).to.have.length(0);
    expect(none.map((e) => e.id)).to.deep.equal(stream.map((e) => e.id));
    expect(none.every((e) => validateEvent(e).ok)).to.equal(true);
  });

  it('rejects a prefix that is not an absolute http(s) URL ending in "/"', () => {
    for (const avatarBase of ['avatars/', 'https://x.example', 'javascript:alert(1)/', 42 as unknown as string]) {
      expect(() => generateCommunity({ events: 100, avatarBase }), String(avatarBase)).to.throw(RangeError, /avatarBase/);
    }
  });
});
