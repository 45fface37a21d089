import { expect } from '@open-wc/testing';
import type { AnalyticsReport, DateRange } from '../src/model/report.js';
import { randomStream, zoneLandmarks } from './random-streams.js';
import {
  localDayFunction,
  median,
  nearestRank,
  previousRange,
  referenceBatchCounts,
  referenceIngestCounts,
  referenceReport,
  referenceRows,
  type ReferenceOptions,
} from './reference.js';

const at = (date: string, time = '12:00'): number => Date.parse(`${date}T${time}:00Z`);

let seq = 0;
const nextId = (): string => `r${String(++seq).padStart(4, '0')}`;

const ev = {
  member: (memberId: string, displayName: string, when = at('2026-01-01'), extra: Record<string, unknown> = {}) => ({
    id: nextId(), type: 'member.joined', at: when, memberId, displayName, trustLevel: 1, ...extra,
  }),
  space: (spaceId: string, name: string, kind: 'discussion' | 'qa' = 'discussion') => ({
    id: nextId(), type: 'space.created', at: at('2026-01-01'), spaceId, name, kind,
  }),
  post: (contentId: string, when: number, o: { space?: string; author?: string; status?: string } = {}) => ({
    id: nextId(), type: 'content.created', at: when, contentId, kind: 'post',
    spaceId: o.space ?? 's1', authorId: o.author ?? 'm1', status: o.status ?? 'published',
  }),
  reply: (contentId: string, parentId: string, when: number, o: { space?: string; author?: string; status?: string } = {}) => ({
    id: nextId(), type: 'content.created', at: when, contentId, kind: 'reply', parentId,
    spaceId: o.space ?? 's1', authorId: o.author ?? 'm1', status: o.status ?? 'published',
  }),
  status: (contentId: string, status: string, when: number, id = nextId()) => ({ id, type: 'content.status_changed', at: when, contentId, status }),
  vote: (voteId: string, contentId: string, voterId: string, value: number, when: number) => ({
    id: nextId(), type: 'vote.cast', at: when, voteId, contentId, voterId, value,
  }),
  retract: (voteId: string, when: number) => ({ id: nextId(), type: 'vote.retracted', at: when, voteId }),
  accept: (questionId: string, answerId: string, when: number) => ({ id: nextId(), type: 'answer.accepted', at: when, questionId, answerId }),
  unaccept: (questionId: string, when: number) => ({ id: nextId(), type: 'answer.unaccepted', at: when, questionId }),
  flag: (flagId: string, contentId: string, when: number, reporterId = 'm1') => ({ id: nextId(), type: 'flag.raised', at: when, flagId, contentId, reporterId }),
  resolve: (flagId: string, when: number) => ({ id: nextId(), type: 'flag.resolved', at: when, flagId, resolution: 'removed' }),
  automod: (contentId: string, when: number) => ({ id: nextId(), type: 'automod.triggered', at: when, ruleId: 'links', contentId }),
};

const UTC: ReferenceOptions = { timeZone: 'UTC' };
const march = (start: string, end: string): DateRange => ({ start: `2026-03-${start}`, end: `2026-03-${end}` });
const direct = (events: unknown[], range: DateRange, opts: ReferenceOptions = UTC, topN?: number): AnalyticsReport =>
  referenceReport(events, opts, { range, path: 'direct', topN });
const nonZeroDays = (r: AnalyticsReport): Record<string, string> =>
  Object.fromEntries(r.daily.filter((d) => d.posts || d.replies).map((d) => [d.date, `${d.posts}p ${d.replies}r`]));

describe('reference implementation', () => {
  describe('the worked example of DESIGN section 9', () => {
    const approve = ev.status('p2', 'published', at('2026-03-05', '08:00'));
    const events = [
      ev.space('s1', 'General'),
      ev.member('m1', 'Ana', at('2026-03-01', '09:00')),
      ev.post('p1', at('2026-03-02', '10:00')),
      ev.post('p2', at('2026-03-02', '11:00'), { status: 'pending' }),
      ev.reply('r1', 'p1', at('2026-03-03', '09:00')),
      approve,
      ev.status('p1', 'trash', at('2026-03-06', '08:00')),
      ev.status('p1', 'published', at('2026-03-06', '08:30')),
      ev.status('p2', 'trash', at('2026-03-06', '09:00')),
      { ...approve },
    ];

    it('gives exactly the stated numbers on both paths', () => {
      const report = direct(events, march('01', '07'));
      expect(nonZeroDays(report)).to.deep.equal({ '2026-03-02': '1p 0r', '2026-03-03': '0p 1r' });
      expect(report.daily).to.have.length(7);
      expect(report.overview).to.deep.equal({ totalPosts: 1, totalReplies: 1, activeMembers: 1, growthRate: null });
      const aggregate = referenceReport(events, UTC, { range: march('01', '07'), path: 'aggregate' });
      expect({ ...aggregate, path: 'direct' }).to.deep.equal(report);
      expect(referenceIngestCounts(events)).to.deep.equal({ duplicates: 1, held: 0, rejected: 0, effective: 9 });
    });

    it('shows each step as it happens', () => {
      const upTo = (n: number) => direct(events.slice(0, n), march('01', '07'));
      expect(nonZeroDays(upTo(5)), 'p2 pending').to.deep.equal({ '2026-03-02': '1p 0r', '2026-03-03': '0p 1r' });
      expect(nonZeroDays(upTo(6)), 'p2 approved counts on its creation day').to.deep.equal({ '2026-03-02': '2p 0r', '2026-03-03': '0p 1r' });
      expect(nonZeroDays(upTo(7)), 'p1 trashed').to.deep.equal({ '2026-03-02': '1p 0r', '2026-03-03': '0p 1r' });
      expect(nonZeroDays(upTo(8)), 'p1 restored').to.deep.equal({ '2026-03-02': '2p 0r', '2026-03-03': '0p 1r' });
    });
  });

  describe('ranges and days', () => {
    it('takes the previous period as the same number of days before start', () => {
      expect(previousRange(march('01', '07'))).to.deep.equal({ start: '2026-02-22', end: '2026-02-28' });
      expect(previousRange({ start: '2024-03-01', end: '2024-03-01' })).to.deep.equal({ start: '2024-02-29', end: '2024-02-29' });
      expect(previousRange({ start: '2026-01-01', end: '2026-12-31' })).to.deep.equal({ start: '2025-01-01', end: '2025-12-31' });
    });

    it('buckets by the local date in IANA zones and fixed offsets, around DST switches', () => {
      const berlin = localDayFunction('Europe/Berlin');
      expect(berlin(Date.parse('2026-03-28T22:59:59.999Z'))).to.equal('2026-03-28');
      expect(berlin(Date.parse('2026-03-28T23:00:00Z'))).to.equal('2026-03-29');
      expect(berlin(Date.parse('2026-03-29T21:59:59.999Z'))).to.equal('2026-03-29'); // 23:59:59 CEST
      expect(berlin(Date.parse('2026-03-29T22:00:00Z'))).to.equal('2026-03-30');
      const lordHowe = localDayFunction('Australia/Lord_Howe');
      expect(lordHowe(Date.parse('2026-04-04T12:59:59.999Z'))).to.equal('2026-04-04'); // +11
      expect(lordHowe(Date.parse('2026-04-05T13:29:59.999Z'))).to.equal('2026-04-05'); // +10:30 after the switch
      expect(lordHowe(Date.parse('2026-04-05T13:30:00Z'))).to.equal('2026-04-06');
      const plus = localDayFunction('+05:30');
      expect(plus(Date.parse('2026-03-01T18:29:59.999Z'))).to.equal('2026-03-01');
      expect(plus(Date.parse('2026-03-01T18:30:00Z'))).to.equal('2026-03-02');
      const minus = localDayFunction('-03:00');
      expect(minus(Date.parse('2026-03-02T02:59:59.999Z'))).to.equal('2026-03-01');
    });

    it('has a 23-hour day at the spring switch and a 25-hour day in autumn', () => {
      const spring = zoneLandmarks('America/New_York', Date.UTC(2026, 2, 1), 60);
      const day = (date: string) => {
        const i = spring.midnights.findIndex((m) => m.date === date);
        return (spring.midnights[i + 1].at - spring.midnights[i].at) / 3_600_000;
      };
      expect(day('2026-03-08')).to.equal(23);
      expect(spring.switches.map((s) => s.date)).to.deep.equal(['2026-03-08']);
      const autumn = zoneLandmarks('Europe/Berlin', Date.UTC(2026, 8, 10), 60);
      const i = autumn.midnights.findIndex((m) => m.date === '2026-10-25');
      expect((autumn.midnights[i + 1].at - autumn.midnights[i].at) / 3_600_000).to.equal(25);
    });
  });

  describe('metrics computed by hand', () => {
    const base = [ev.space('s1', 'General'), ev.member('m1', 'Ana'), ev.member('m2', 'Bob')];

    it('growth rate is null with an empty previous period and (A − B) / B × 100 otherwise', () => {
      const events = [
        ...base,
        ev.post('a', at('2026-03-08')),
        ev.post('b', at('2026-03-09')),
        ev.reply('c', 'a', at('2026-03-10')),
      ];
      expect(direct(events, march('08', '14')).overview.growthRate).to.equal(null);
      const withBase = [...events, ev.post('d', at('2026-03-01')), ev.post('e', at('2026-03-07'))];
      expect(direct(withBase, march('08', '14')).overview.growthRate).to.equal(50);
      expect(direct(withBase, march('01', '07')).overview.growthRate).to.equal(null);
      const shrinking = [...withBase, ev.post('f', at('2026-03-02')), ev.post('g', at('2026-03-03')), ev.post('h', at('2026-03-04'))];
      expect(direct(shrinking, march('08', '14')).overview.growthRate).to.equal(-40);
    });

    it('median and nearest-rank p90', () => {
      expect(median([])).to.equal(null);
      expect(median([7])).to.equal(7);
      expect(median([40, 10, 30, 20])).to.equal(25);
      expect(median([3, 1, 2])).to.equal(2);
      expect(nearestRank([40, 10, 30, 20], 0.9)).to.equal(40);
      expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).to.equal(9);
      expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9)).to.equal(10);
      expect(nearestRank([5], 0.9)).to.equal(5);
    });

    it('moderation: open flags, response minutes, automod on and off', () => {
      const raised = at('2026-03-03', '10:00');
      const events = [
        ...base,
        ev.post('p', at('2026-03-01')),
        ev.flag('f1', 'p', raised),
        ev.resolve('f1', raised + 10 * 60000),
        ev.flag('f2', 'p', raised),
        ev.resolve('f2', raised + 25 * 60000 + 30000),
        ev.flag('f3', 'p', raised, 'm2'),
        ev.flag('f4', 'p', at('2026-03-20')),
        ev.automod('p', at('2026-03-04')),
        ev.automod('p', at('2026-03-05')),
        ev.automod('p', at('2026-03-25')),
      ];
      const m = direct(events, march('01', '07')).moderation;
      expect(m).to.deep.equal({ flagsRaised: 3, flagsOpen: 1, autoModTriggers: 2, medianResponseMinutes: 17.75, p90ResponseMinutes: 25.5 });
      expect(direct(events, march('01', '07'), { timeZone: 'UTC', autoModeration: false }).moderation.autoModTriggers).to.equal(null);
      expect(direct(events, march('08', '14')).moderation).to.deep.equal({
        flagsRaised: 0, flagsOpen: 0, autoModTriggers: 0, medianResponseMinutes: null, p90ResponseMinutes: null,
      });
    });

    it('votes: retracted in any order, attributes from the oldest cast, counted whatever the content status', () => {
      const events = [
        ...base,
        ev.post('p', at('2026-03-01'), { status: 'pending' }),
        ev.retract('v1', at('2026-03-02')),
        ev.vote('v1', 'p', 'm2', 1, at('2026-03-03')),
        ev.vote('v2', 'p', 'm2', -1, at('2026-03-04')),
        ev.vote('v3', 'p', 'm1', 1, at('2026-03-05')),
        ev.vote('v3', 'p', 'm1', -1, at('2026-03-02')),
      ];
      const r = direct(events, march('01', '07'));
      expect([r.engagement.upvotes, r.engagement.downvotes]).to.deep.equal([0, 2]);
      expect(r.overview.activeMembers).to.equal(2);
      expect(r.overview.totalPosts).to.equal(0);
    });

    it('accepted answers: Q&A spaces only, newest decision wins, statuses do not matter', () => {
      const events = [
        ...base,
        ev.space('qa', 'Questions', 'qa'),
        ev.post('q1', at('2026-03-01'), { space: 'qa' }),
        ev.reply('a1', 'q1', at('2026-03-01'), { space: 'qa', author: 'm2' }),
        ev.reply('a2', 'q1', at('2026-03-01'), { space: 'qa', author: 'm1' }),
        ev.accept('q1', 'a1', at('2026-03-02')),
        ev.unaccept('q1', at('2026-03-03')),
        ev.accept('q1', 'a2', at('2026-03-04')),
        ev.status('a2', 'trash', at('2026-03-05')),
        ev.post('q2', at('2026-03-01'), { space: 'qa', status: 'pending' }),
        ev.reply('a3', 'q2', at('2026-03-01'), { space: 'qa', author: 'm2' }),
        ev.accept('q2', 'a3', at('2026-03-02')),
        ev.post('d1', at('2026-03-01')),
        ev.reply('d2', 'd1', at('2026-03-01'), { author: 'm2' }),
        ev.accept('d1', 'd2', at('2026-03-02')),
      ];
      const r = direct(events, march('01', '07'));
      expect(r.engagement).to.include({ acceptedAnswers: 2, questionsAsked: 1, questionsResolved: 1, acceptedAnswerRate: 1 });
      const rows = Object.fromEntries(r.topContributors.rows.map((c) => [c.memberId, [c.posts, c.replies, c.acceptedAnswers, c.total]]));
      expect(rows).to.deep.equal({ m1: [2, 0, 1, 3], m2: [0, 3, 1, 4] });
      expect(r.topContributors.rows.map((c) => c.rank)).to.deep.equal([1, 2]);
    });

    it('ties: top spaces by name then id, contributors by display name then id, in code-unit order', () => {
      const events = [
        ev.space('s2', 'b'),
        ev.space('s10', 'b'),
        ev.space('s3', 'B'),
        ev.space('s4', 'a'),
        ev.space('s5', 'zz'),
        ev.member('m1', 'Zoë'),
        ev.member('m2', 'Zoe'),
        ev.member('m10', 'Zoe', undefined, { avatarUrl: 'https://example.test/a.png' }),
        ev.member('m3', 'émile'),
        ...['s2', 's10', 's3', 's4'].map((space, i) => ev.post(`p${i}`, at('2026-03-02'), { space, author: 'm1' })),
        ev.post('p9', at('2026-03-02'), { space: 's5', author: 'm2' }),
        ev.reply('r9', 'p9', at('2026-03-02'), { space: 's5', author: 'm10' }),
        ev.reply('r8', 'p9', at('2026-03-02'), { space: 's5', author: 'm3' }),
      ];
      const spaces = referenceRows(events, UTC, { range: march('01', '07'), path: 'direct', table: 'top-spaces' });
      expect(spaces.map((s) => `${s.rank}:${s.spaceId}`)).to.deep.equal(['1:s5', '2:s3', '3:s4', '4:s10', '5:s2']);
      expect(spaces[0]).to.deep.equal({ rank: 1, spaceId: 's5', name: 'zz', posts: 1, replies: 2, contributors: 3, engagementRate: 2 });
      const contributors = referenceRows(events, UTC, { range: march('01', '07'), path: 'direct', table: 'top-contributors' });
      expect(contributors.map((c) => c.memberId)).to.deep.equal(['m1', 'm10', 'm2', 'm3']);
      expect(contributors[1]).to.deep.equal({
        rank: 2, memberId: 'm10', displayName: 'Zoe', avatarUrl: 'https://example.test/a.png', trustLevel: 1, posts: 0, replies: 1, acceptedAnswers: 0, total: 1,
      });
      expect(contributors[2]).to.not.have.property('avatarUrl');
      const removed = [...events, { id: 'z1', type: 'member.updated', at: at('2026-02-01'), memberId: 'm10', avatarUrl: '' }];
      const again = referenceRows(removed, UTC, { range: march('01', '07'), path: 'direct', table: 'top-contributors' });
      expect(again[1].memberId).to.equal('m10');
      expect(again[1], "avatarUrl '' removes the avatar").to.not.have.property('avatarUrl');
      const report = direct(events, march('01', '07'), UTC, 2);
      expect(report.topSpaces.total).to.equal(5);
      expect(report.topSpaces.rows.map((s) => s.spaceId)).to.deep.equal(['s5', 's3']);
    });

    it('newest (at, id) decides status and names; oldest defines creation; ids compare by code units', () => {
      const t = at('2026-03-02');
      const events = [
        ...base,
        ev.post('p', t),
        ev.status('p', 'trash', t + 1000, 'e9'),
        ev.status('p', 'published', t + 1000, 'e10'), // 'e10' < 'e9': trash is newest
        ev.post('q', t),
        ev.status('q', 'trash', t - 1000), // older than the creation: changes nothing
        { id: 'u1', type: 'member.updated', at: t, memberId: 'm2', displayName: 'Bobby' },
        { id: 'u2', type: 'member.updated', at: t - 5, memberId: 'm2', displayName: 'Robert', trustLevel: 4 },
        ev.post('b', t, { author: 'm2' }),
      ];
      const r = direct(events, march('01', '07'));
      expect(r.overview.totalPosts).to.equal(2);
      const bob = r.topContributors.rows.find((c) => c.memberId === 'm2');
      expect(bob).to.include({ displayName: 'Bobby', trustLevel: 4 });
    });

    it('holds what refers to missing entities, rejects malformed events, ignores repeats', () => {
      const events: unknown[] = [
        ...base,
        ev.status('ghost', 'trash', at('2026-03-02')),
        ev.reply('r', 'ghost', at('2026-03-02')),
        ev.status('r', 'trash', at('2026-03-03')),
        { id: 'x', type: 'content.deleted', at: 1 },
        { id: 'y', type: 'content.created', at: 'today', contentId: 'c', kind: 'post', spaceId: 's1', authorId: 'm1', status: 'published' },
        null,
        ev.post('p', at('2026-03-02')),
      ];
      events.push({ ...(events[events.length - 1] as object) });
      expect(referenceIngestCounts(events)).to.deep.equal({ duplicates: 1, held: 3, rejected: 3, effective: 4 });
      expect(direct(events, march('01', '07')).overview.totalReplies).to.equal(0);
    });

    it('counts each batch: applied, held, released from earlier batches, duplicates, rejected', () => {
      const space = ev.space('s1', 'General');
      const member = ev.member('m1', 'Ana');
      const post = ev.post('p', at('2026-03-02'));
      const trash = ev.status('p', 'trash', at('2026-03-03'));
      const reply = ev.reply('r', 'p', at('2026-03-03'));
      const batches = [
        [trash, post, { ...trash }],
        [member, reply, null],
        [space, { ...post }],
      ];
      expect(referenceBatchCounts(batches)).to.deep.equal([
        { applied: 0, duplicates: 1, held: 2, released: 0, rejected: 0 },
        { applied: 1, duplicates: 0, held: 1, released: 0, rejected: 1 },
        { applied: 1, duplicates: 1, held: 0, released: 3, rejected: 0 },
      ]);
    });

    it('aggregate path with "recording since": counts only what it saw happen at or after T', () => {
      const T = at('2026-03-04', '00:00');
      const events = [
        ...base,
        ev.space('qa', 'Q', 'qa'),
        ev.member('m3', 'Cy', at('2026-03-05')),
        ev.post('old', at('2026-03-02')), // published before T: not seen
        ev.post('late', at('2026-03-02'), { status: 'pending' }),
        ev.status('late', 'published', at('2026-03-05')), // approved after T: counts on 03-02
        ev.post('q', at('2026-03-03'), { space: 'qa', status: 'pending' }),
        ev.reply('a', 'q', at('2026-03-03'), { space: 'qa' }),
        ev.accept('q', 'a', at('2026-03-03')), // accepted before T: not seen
        ev.status('q', 'published', at('2026-03-06')),
        ev.vote('v1', 'old', 'm2', 1, T - 1),
        ev.vote('v2', 'old', 'm2', -1, T),
        ev.flag('f1', 'old', T + 1000),
        ev.resolve('f1', T + 61000),
      ];
      const opts = { timeZone: 'UTC', aggregatorSince: T };
      const agg = referenceReport(events, opts, { range: march('01', '07'), path: 'aggregate' });
      expect(agg.recordingSince).to.equal(T);
      expect(nonZeroDays(agg)).to.deep.equal({ '2026-03-02': '1p 0r', '2026-03-03': '1p 0r' });
      expect(agg.engagement).to.include({ upvotes: 0, downvotes: 1, acceptedAnswers: 0, questionsAsked: 1, questionsResolved: 0, newMembers: 1 });
      expect(agg.moderation).to.include({ flagsRaised: 1, flagsOpen: 0, medianResponseMinutes: 1 });
      const dir = referenceReport(events, opts, { range: march('01', '07'), path: 'direct' });
      expect(nonZeroDays(dir)).to.deep.equal({ '2026-03-02': '2p 0r', '2026-03-03': '1p 1r' });
      expect(dir.engagement).to.include({ upvotes: 1, downvotes: 1, acceptedAnswers: 1, questionsResolved: 1, newMembers: 1 });
    });
  });

  describe('random streams', () => {
    it('are the same for the same seed and vary with it', () => {
      expect(JSON.stringify(randomStream(7).events)).to.equal(JSON.stringify(randomStream(7).events));
      expect(JSON.stringify(randomStream(7).events)).to.not.equal(JSON.stringify(randomStream(8).events));
    });

    it('reach every event type, duplicates, held and malformed events across seeds', () => {
      const types = new Set<string>();
      const totals = { duplicates: 0, held: 0, rejected: 0 };
      for (let seed = 1; seed <= 200; seed++) {
        const stream = randomStream(seed);
        for (const e of stream.uniqueEvents) types.add(e.type as string);
        const counts = referenceIngestCounts(stream.events);
        totals.duplicates += counts.duplicates;
        totals.held += counts.held;
        totals.rejected += counts.rejected;
      }
      expect(types.size).to.equal(12);
      expect(totals.duplicates).to.be.greaterThan(100);
      expect(totals.held).to.be.greaterThan(50);
      expect(totals.rejected).to.be.greaterThan(50);
    });
  });
});
