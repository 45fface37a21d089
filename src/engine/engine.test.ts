import { expect } from '@open-wc/testing';
import type { AnalyticsEvent } from '../model/events.js';
import type { AnalyticsReport, DateRange } from '../model/report.js';
import { communityColumns, generateCommunity } from '../generator/community.js';
import { formatIsoDate } from '../model/dates.js';
import { AnalyticsError } from '../model/errors.js';
import { AnalyticsEngine, type EngineOptions } from './engine.js';

const utc = (date: string, time = '12:00'): number => Date.parse(`${date}T${time}:00Z`);

let seq = 0;
const nextId = (): string => `e${String(++seq).padStart(5, '0')}`;

/** Small builders so each case reads like the story it tells. */
const ev = {
  space: (spaceId: string, name: string, kind: 'discussion' | 'qa' = 'discussion', at = utc('2026-01-01')): AnalyticsEvent => ({
    id: nextId(), type: 'space.created', at, spaceId, name, kind,
  }),
  member: (memberId: string, displayName: string, at = utc('2026-01-01'), trustLevel = 1): AnalyticsEvent => ({
    id: nextId(), type: 'member.joined', at, memberId, displayName, trustLevel,
  }),
  post: (contentId: string, at: number, opts: { space?: string; author?: string; status?: 'published' | 'pending' } = {}): AnalyticsEvent => ({
    id: nextId(), type: 'content.created', at, contentId, kind: 'post',
    spaceId: opts.space ?? 's1', authorId: opts.author ?? 'm1', status: opts.status ?? 'published',
  }),
  reply: (contentId: string, parentId: string, at: number, opts: { space?: string; author?: string; status?: 'published' | 'pending' } = {}): AnalyticsEvent => ({
    id: nextId(), type: 'content.created', at, contentId, kind: 'reply', parentId,
    spaceId: opts.space ?? 's1', authorId: opts.author ?? 'm1', status: opts.status ?? 'published',
  }),
  status: (contentId: string, status: 'published' | 'pending' | 'trash' | 'spam', at: number, id = nextId()): AnalyticsEvent => ({
    id, type: 'content.status_changed', at, contentId, status,
  }),
  vote: (voteId: string, contentId: string, voterId: string, value: 1 | -1, at: number): AnalyticsEvent => ({
    id: nextId(), type: 'vote.cast', at, voteId, contentId, voterId, value,
  }),
  retract: (voteId: string, at: number): AnalyticsEvent => ({ id: nextId(), type: 'vote.retracted', at, voteId }),
  accept: (questionId: string, answerId: string, at: number): AnalyticsEvent => ({
    id: nextId(), type: 'answer.accepted', at, questionId, answerId,
  }),
  unaccept: (questionId: string, at: number): AnalyticsEvent => ({ id: nextId(), type: 'answer.unaccepted', at, questionId }),
  flag: (flagId: string, contentId: string, at: number, reporterId = 'm1'): AnalyticsEvent => ({
    id: nextId(), type: 'flag.raised', at, flagId, contentId, reporterId,
  }),
  resolve: (flagId: string, at: number): AnalyticsEvent => ({ id: nextId(), type: 'flag.resolved', at, flagId, resolution: 'removed' }),
  automod: (contentId: string, at: number): AnalyticsEvent => ({ id: nextId(), type: 'automod.triggered', at, ruleId: 'links', contentId }),
};

function engineWith(events: unknown[], options: EngineOptions = {}): AnalyticsEngine {
  const engine = new AnalyticsEngine(options);
  const result = engine.ingest(events);
  expect(result.rejected, 'no event rejected').to.deep.equal([]);
  return engine;
}

/** Both paths, asserting they agree (but for the path name) and returning the direct one. */
function bothPaths(engine: AnalyticsEngine, range: DateRange, topN?: number): AnalyticsReport {
  const direct = engine.report({ range, path: 'direct', topN });
  const aggregate = engine.report({ range, path: 'aggregate', topN });
  expect({ ...aggregate, path: 'direct' }, 'aggregate path equals direct path').to.deep.equal(direct);
  return direct;
}

const dayCounts = (r: AnalyticsReport): Record<string, string> =>
  Object.fromEntries(r.daily.filter((d) => d.posts || d.replies).map((d) => [d.date, `${d.posts}/${d.replies}`]));

describe('AnalyticsEngine: more spaces than 16 bits hold', () => {
  it('counts content in the 32,769th space and after on both paths (the space column widens)', () => {
    const at = utc('2026-05-01');
    const events: AnalyticsEvent[] = [ev.member('m1', 'Ada', at)];
    for (let s = 0; s < 33_000; s++) events.push({ id: `sp${s}`, type: 'space.created', at, spaceId: `s${s}`, name: `Space ${s}`, kind: 'discussion' });
    const engine = engineWith(events);
    engine.ingest([ev.post('early', at, { space: 's7' })]);
    expect(engine.store.contentSpace.data).to.be.instanceOf(Int16Array);
    engine.ingest([ev.post('p1', at, { space: 's32767' }), ev.post('p2', at, { space: 's32768' }), ev.post('p3', at, { space: 's32999' }), ev.reply('r3', 'p3', at, { space: 's32999' })]);
    expect(engine.store.contentSpace.data).to.be.instanceOf(Int32Array);
    const report = bothPaths(engine, { start: '2026-05-01', end: '2026-05-01' });
    expect(report.overview.totalPosts).to.equal(4);
    expect(report.topSpaces.rows.map((row) => [row.name, row.posts, row.replies])).to.deep.equal([
      ['Space 32999', 1, 1],
      ['Space 32767', 1, 0],
      ['Space 32768', 1, 0],
      ['Space 7', 1, 0],
    ]);
  });
});

describe('AnalyticsEngine: day numbers past 16 bits', () => {
  it('answers the same on both paths for a community whose days run across 2059-09-18, the last day its day columns hold in 16 bits', () => {
    // 120 days ending 2059-11-30: the store's and the aggregator's day columns widen mid-stream.
    const events = generateCommunity({ seed: 4, events: 6000, days: 120, end: Date.UTC(2059, 10, 30) });
    for (const timeZone of ['UTC', 'Pacific/Kiritimati']) {
      const engine = new AnalyticsEngine({ timeZone });
      // The first thousand events end in August 2059.
      engine.ingest(events.slice(0, 1000));
      expect(engine.store.createdDay.data, 'before the widening').to.be.instanceOf(Int16Array);
      engine.ingest(events.slice(1000));
      expect(engine.store.createdDay.data).to.be.instanceOf(Int32Array);
      expect(engine.store.castDay.data).to.be.instanceOf(Int32Array);
      for (const range of [
        { start: '2059-08-01', end: '2059-11-30' },
        { start: '2059-09-10', end: '2059-09-25' },
        { start: '2059-09-18', end: '2059-09-18' },
        { start: '2059-09-19', end: '2059-10-19' },
      ]) {
        const direct = engine.report({ range, path: 'direct' });
        expect(direct.daily.reduce((n, row) => n + row.posts + row.replies, 0), `${timeZone} ${range.start}`).to.be.greaterThan(0);
        expect(engine.report({ range, path: 'aggregate' }), `${timeZone} ${range.start}`).to.deep.equal({ ...direct, path: 'aggregate' });
      }
    }
  });
});

describe('AnalyticsEngine', () => {
  const base = [ev.space('s1', 'General'), ev.member('m1', 'Ada', utc('2026-03-01', '09:00'))];
  const march = { start: '2026-03-01', end: '2026-03-07' };

  it('computes the worked example of the design on both paths', () => {
    const approve = ev.status('p2', 'published', utc('2026-03-05', '08:00'));
    const events = [
      ...base,
      ev.post('p1', utc('2026-03-02', '10:00')),
      ev.post('p2', utc('2026-03-02', '11:00'), { status: 'pending' }),
      ev.reply('r1', 'p1', utc('2026-03-03', '09:00')),
      approve,
      ev.status('p1', 'trash', utc('2026-03-06', '08:00')),
      ev.status('p1', 'published', utc('2026-03-06', '08:30')),
      ev.status('p2', 'trash', utc('2026-03-06', '09:00')),
    ];
    const engine = new AnalyticsEngine({ timeZone: 'UTC' });
    engine.ingest(events);
    const again = engine.ingest([approve]);
    expect(again.duplicates).to.equal(1);
    const r = bothPaths(engine, march);
    expect(dayCounts(r)).to.deep.equal({ '2026-03-02': '1/0', '2026-03-03': '0/1' });
    expect(r.daily).to.have.length(7);
    expect(r.overview).to.deep.include({ totalPosts: 1, totalReplies: 1, activeMembers: 1 });
    expect(r.engagement.newMembers).to.equal(1);
    expect(r.previousRange).to.deep.equal({ start: '2026-02-22', end: '2026-02-28' });
  });

  describe('counting rules', () => {
    const cases: { name: string; events: () => AnalyticsEvent[]; posts: number; day?: string }[] = [
      { name: 'published on creation counts on its creation day', events: () => [ev.post('p', utc('2026-03-02'))], posts: 1, day: '2026-03-02' },
      { name: 'pending does not count', events: () => [ev.post('p', utc('2026-03-02'), { status: 'pending' })], posts: 0 },
      {
        name: 'pending then approved counts on the creation day, not the approval day',
        events: () => [ev.post('p', utc('2026-03-02'), { status: 'pending' }), ev.status('p', 'published', utc('2026-03-05'))],
        posts: 1,
        day: '2026-03-02',
      },
      {
        name: 'trashing published content removes it',
        events: () => [ev.post('p', utc('2026-03-02')), ev.status('p', 'trash', utc('2026-03-04'))],
        posts: 0,
      },
      {
        name: 'restoring adds it back',
        events: () => [ev.post('p', utc('2026-03-02')), ev.status('p', 'trash', utc('2026-03-04')), ev.status('p', 'published', utc('2026-03-05'))],
        posts: 1,
        day: '2026-03-02',
      },
      {
        name: 'trashing pending content changes nothing',
        events: () => [ev.post('p', utc('2026-03-02'), { status: 'pending' }), ev.status('p', 'trash', utc('2026-03-03'))],
        posts: 0,
      },
      {
        name: 'spam removes it',
        events: () => [ev.post('p', utc('2026-03-02')), ev.status('p', 'spam', utc('2026-03-03'))],
        posts: 0,
      },
      {
        name: 'an older status event arriving after a newer one changes nothing',
        events: () => [ev.post('p', utc('2026-03-02')), ev.status('p', 'trash', utc('2026-03-04')), ev.status('p', 'published', utc('2026-03-03'))],
        posts: 0,
      },
      {
        name: 'equal timestamps: the greater event id wins',
        events: () => [
          ev.post('p', utc('2026-03-02')),
          ev.status('p', 'published', utc('2026-03-04'), 'zz-late'),
          ev.status('p', 'trash', utc('2026-03-04'), 'aa-early'),
        ],
        posts: 1,
      },
      {
        name: 'a status change delivered before its content is held, then applied',
        events: () => {
          const created = ev.post('p', utc('2026-03-02'), { status: 'pending' });
          return [ev.status('p', 'published', utc('2026-03-05')), created];
        },
        posts: 1,
        day: '2026-03-02',
      },
      {
        name: 'repeated trash and restore never goes negative',
        events: () => [
          ev.post('p', utc('2026-03-02')),
          ev.status('p', 'trash', utc('2026-03-03', '01:00')),
          ev.status('p', 'trash', utc('2026-03-03', '02:00')),
          ev.status('p', 'spam', utc('2026-03-03', '03:00')),
          ev.status('p', 'trash', utc('2026-03-03', '04:00')),
        ],
        posts: 0,
      },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const events = [...base, ...c.events()];
        for (const order of [events, events.slice().reverse()]) {
          const r = bothPaths(engineWith(order), march);
          expect(r.overview.totalPosts).to.equal(c.posts);
          for (const d of r.daily) expect(d.posts).to.be.at.least(0);
          if (c.day) expect(r.daily.find((d) => d.date === c.day)!.posts).to.equal(1);
        }
      });
    }
  });

  describe('growth rate', () => {
    it('compares with the previous period of the same length', () => {
      const events = [
        ...base,
        ev.post('a', utc('2026-02-25')),
        ev.post('b', utc('2026-02-26')),
        ev.post('c', utc('2026-03-02')),
        ev.reply('d', 'c', utc('2026-03-03')),
        ev.reply('e', 'c', utc('2026-03-04')),
      ];
      const r = bothPaths(engineWith(events), march);
      expect(r.overview.growthRate).to.equal(50);
    });
    it('is null when the previous period is empty', () => {
      const r = bothPaths(engineWith([...base, ev.post('c', utc('2026-03-02'))]), march);
      expect(r.overview.growthRate).to.equal(null);
    });
    it('is -100 when the range is empty and the previous one is not', () => {
      const r = bothPaths(engineWith([...base, ev.post('a', utc('2026-02-25'))]), march);
      expect(r.overview.growthRate).to.equal(-100);
    });
  });

  describe('tie-breaks', () => {
    it('keeps the oldest cast of a vote and creation of a content to the millisecond, across local midnights, in far zones', () => {
      // The store keeps these instants as a local day and the milliseconds from its nominal start:
      // in +14:00 and -11:00 that offset is most of a day either way, and must come back exact.
      for (const timeZone of ['Pacific/Kiritimati', '-11:00', 'Europe/Berlin']) {
        const engine = new AnalyticsEngine({ timeZone });
        const late = utc('2026-03-10', '10:00');
        // Local midnight of 2026-03-10 in the zone, and the millisecond before it.
        const midnight = engine.store.bucketer.startOfDay(engine.store.bucketer.dayOf(late));
        const events = [
          ev.space('s1', 'General'),
          ev.member('m1', 'Ada'),
          ev.member('m2', 'Bo'),
          ev.post('p1', late),
          // The same content created again, a millisecond before the local midnight: the older creation wins.
          { ...ev.post('p1', midnight - 1), id: 'e-older-create' },
          ev.vote('v1', 'p1', 'm2', 1, midnight),
          // An older cast of the same vote, a millisecond before midnight, then one at the same instant
          // with a smaller id (the id decides), and a newer one (ignored).
          { ...ev.vote('v1', 'p1', 'm2', -1, midnight - 1), id: 'z-older-cast' },
          { ...ev.vote('v1', 'p1', 'm2', 1, midnight - 1), id: 'a-older-cast' },
          { ...ev.vote('v1', 'p1', 'm2', -1, midnight + 5), id: 'newer-cast' },
        ];
        expect(engine.ingest(events).rejected, timeZone).to.deep.equal([]);
        const v = engine.store.votes.find('v1');
        const c = engine.store.contents.find('p1');
        expect(engine.store.castAtOf(v), timeZone).to.equal(midnight - 1);
        expect(engine.store.createdAtOf(c), timeZone).to.equal(midnight - 1);
        const before = formatIsoDate(engine.store.bucketer.dayOf(midnight - 1));
        const day = bothPaths(engine, { start: before, end: before });
        expect(day.overview.totalPosts, timeZone).to.equal(1);
        // The cast with the smaller id of the two at midnight - 1: an upvote.
        expect([day.engagement.upvotes, day.engagement.downvotes], timeZone).to.deep.equal([1, 0]);
      }
    });
    it('ranks spaces by posts + replies, then name, then id', () => {
      const events = [
        ev.space('s1', 'General'),
        ev.space('s2', 'Announcements'),
        ev.space('s3', 'Announcements'),
        ev.space('s4', 'Zoo'),
        ev.member('m1', 'Ada', utc('2026-03-01', '09:00')),
        ev.post('p1', utc('2026-03-02'), { space: 's1' }),
        ev.post('p2', utc('2026-03-02'), { space: 's3' }),
        ev.post('p3', utc('2026-03-02'), { space: 's2' }),
        ev.post('p4', utc('2026-03-02'), { space: 's4' }),
        ev.reply('r4', 'p4', utc('2026-03-03'), { space: 's4' }),
      ];
      const r = bothPaths(engineWith(events), march);
      expect(r.topSpaces.rows.map((s) => [s.rank, s.spaceId])).to.deep.equal([
        [1, 's4'],
        [2, 's2'],
        [3, 's3'],
        [4, 's1'],
      ]);
      expect(r.topSpaces.rows[0]).to.deep.include({ posts: 1, replies: 1, contributors: 1, engagementRate: 1 });
    });
    it('ranks contributors by total, then display name, then id, and counts accepted answers', () => {
      const events = [
        ev.space('q', 'Help', 'qa'),
        ev.member('m1', 'Bob'),
        ev.member('m2', 'Ann'),
        ev.member('m3', 'Ann'),
        ev.member('m4', 'Cy'),
        ev.post('q1', utc('2026-03-02'), { space: 'q', author: 'm4' }),
        ev.reply('a1', 'q1', utc('2026-03-02'), { space: 'q', author: 'm1' }),
        ev.reply('a2', 'q1', utc('2026-03-02'), { space: 'q', author: 'm3' }),
        ev.reply('a3', 'q1', utc('2026-03-02'), { space: 'q', author: 'm2' }),
        ev.accept('q1', 'a1', utc('2026-03-03')),
      ];
      const r = bothPaths(engineWith(events), march);
      expect(r.topContributors.rows.map((c) => [c.rank, c.memberId, c.total])).to.deep.equal([
        [1, 'm1', 2],
        [2, 'm2', 1],
        [3, 'm3', 1],
        [4, 'm4', 1],
      ]);
      expect(r.topContributors.rows[0]).to.deep.include({ replies: 1, acceptedAnswers: 1, displayName: 'Bob', trustLevel: 1 });
      expect(r.engagement).to.deep.include({ acceptedAnswers: 1, questionsAsked: 1, questionsResolved: 1, acceptedAnswerRate: 1 });
    });
    it('keeps acceptance decisions in rows of their own, one per decided question, and counts them on both paths', () => {
      // 2,100 contents, of which 3 questions get a decision: the acceptance columns hold 3 rows, not 2,100.
      const events: AnalyticsEvent[] = [ev.space('q', 'Help', 'qa'), ev.member('m1', 'Bob'), ev.member('m2', 'Ann')];
      for (let i = 0; i < 700; i++) {
        events.push(ev.post(`q${i}`, utc('2026-03-02'), { space: 'q', author: 'm1' }));
        events.push(ev.reply(`a${i}`, `q${i}`, utc('2026-03-02'), { space: 'q', author: 'm2' }));
        events.push(ev.reply(`b${i}`, `q${i}`, utc('2026-03-02'), { space: 'q', author: 'm1' }));
      }
      events.push(
        ev.accept('q1', 'a1', utc('2026-03-03')),
        // A later accept of another answer wins over the first (by time), whatever the order they arrive in.
        ev.accept('q2', 'b2', utc('2026-03-05')),
        ev.accept('q2', 'a2', utc('2026-03-04')),
        // Accepted, then unaccepted: not resolved, no accepted answer.
        ev.accept('q3', 'a3', utc('2026-03-03')),
        ev.unaccept('q3', utc('2026-03-06')),
      );
      const engine = engineWith(events);
      expect(engine.store.acceptanceCount).to.equal(3);
      expect(engine.store.acceptAnswer.data.length).to.be.below(2100);
      expect(engine.store.acceptanceOf(engine.store.contents.find('q0'))).to.equal(-1);
      const q2 = engine.store.acceptanceOf(engine.store.contents.find('q2'));
      expect(engine.store.acceptAnswer.data[q2]).to.equal(engine.store.contents.find('b2'));
      const r = bothPaths(engine, march);
      expect(r.engagement).to.deep.include({ acceptedAnswers: 2, questionsAsked: 700, questionsResolved: 2 });
      const byMember = Object.fromEntries(r.topContributors.rows.map((c) => [c.memberId, c.acceptedAnswers]));
      expect(byMember).to.deep.equal({ m1: 1, m2: 1 });
      // An accepted answer counts on the day of the decision that stands: q2's is Mar 5, after this range.
      expect(bothPaths(engine, { start: '2026-03-01', end: '2026-03-04' }).engagement).to.deep.include({ acceptedAnswers: 1, questionsResolved: 2 });
    });
    it('applies topN to the report and ranks over the whole range in rows()', () => {
      const events = [...base];
      for (let i = 0; i < 15; i++) {
        events.push(ev.member(`x${i}`, `Member ${String(i).padStart(2, '0')}`));
        events.push(ev.post(`p${i}`, utc('2026-03-02'), { author: `x${i}` }));
      }
      const engine = engineWith(events);
      const r = bothPaths(engine, march, 5);
      expect(r.topContributors.total).to.equal(15);
      expect(r.topContributors.rows.map((c) => c.memberId)).to.deep.equal(['x0', 'x1', 'x2', 'x3', 'x4']);
      const page = engine.rows('top-contributors', { range: march, offset: 10, limit: 10 });
      expect(page.total).to.equal(15);
      expect(page.rows.map((c) => c.rank)).to.deep.equal([11, 12, 13, 14, 15]);
    });
  });

  describe('votes, flags and automod', () => {
    it('counts votes by value, drops retracted ones in any order, and counts voters as active', () => {
      const events = [
        ...base,
        ev.member('m2', 'Bea'),
        ev.post('p', utc('2026-02-20')),
        ev.vote('v1', 'p', 'm2', 1, utc('2026-03-02')),
        ev.vote('v2', 'p', 'm2', -1, utc('2026-03-02')),
        ev.vote('v3', 'p', 'm1', 1, utc('2026-03-03')),
        ev.retract('v3', utc('2026-03-04')),
      ];
      for (const order of [events, events.slice().reverse()]) {
        const r = bothPaths(engineWith(order), march);
        expect(r.engagement).to.deep.include({ upvotes: 1, downvotes: 1 });
        expect(r.overview.activeMembers).to.equal(1);
      }
    });
    it('computes open flags, median and nearest-rank p90 response times', () => {
      const events = [...base, ev.post('p', utc('2026-03-01'))];
      const minutes = [10, 20, 30, 40];
      minutes.forEach((m, i) => {
        events.push(ev.flag(`f${i}`, 'p', utc('2026-03-02')));
        events.push(ev.resolve(`f${i}`, utc('2026-03-02') + m * 60000));
      });
      events.push(ev.flag('open', 'p', utc('2026-03-03')));
      const r = bothPaths(engineWith([...events, ev.automod('p', utc('2026-03-04'))]), march);
      expect(r.moderation).to.deep.equal({
        flagsRaised: 5,
        flagsOpen: 1,
        autoModTriggers: 1,
        medianResponseMinutes: 25,
        p90ResponseMinutes: 40,
      });
    });
    it('reports auto-moderation as null when the source has none', () => {
      const r = bothPaths(engineWith([...base], { autoModeration: false }), march);
      expect(r.moderation.autoModTriggers).to.equal(null);
    });
  });

  describe('ingest', () => {
    it('rejects malformed events with their index and applies the rest', () => {
      const engine = new AnalyticsEngine();
      const result = engine.ingest([...base, { id: 'bad', type: 'post.liked', at: utc('2026-03-02') }, null, ev.post('p', utc('2026-03-02'))]);
      expect(result.applied).to.equal(3);
      expect(result.rejected.map((r) => [r.index, r.id])).to.deep.equal([
        [2, 'bad'],
        [3, undefined],
      ]);
      for (const r of result.rejected) expect(r.reason).to.be.a('string').and.not.equal('');
      expect(engine.report({ range: march }).overview.totalPosts).to.equal(1);
    });
    it('counts held events and releases them when their entity arrives in a later batch', () => {
      const engine = new AnalyticsEngine();
      const first = engine.ingest([ev.post('p', utc('2026-03-02')), ev.vote('v', 'p', 'm1', 1, utc('2026-03-03'))]);
      expect(first).to.deep.include({ applied: 0, held: 2 });
      expect(engine.report({ range: march }).overview.totalPosts).to.equal(0);
      const second = engine.ingest(base);
      expect(second).to.deep.include({ applied: 2, held: 0, released: 2 });
      expect(engine.store.heldCount).to.equal(0);
      const r = bothPaths(engine, march);
      expect(r.overview.totalPosts).to.equal(1);
      expect(r.engagement.upvotes).to.equal(1);
    });
    it('loses nothing of a batch to one event that cannot be read', () => {
      const { proxy: revoked, revoke } = Proxy.revocable({}, {});
      revoke();
      const throwingId = {
        get id(): string {
          throw new Error('id getter');
        },
      };
      const throwingTrap = new Proxy(ev.post('px', utc('2026-03-02')), {
        get() {
          throw new Error('get trap');
        },
      });
      const engine = new AnalyticsEngine();
      const result = engine.ingest([...base, ev.post('p1', utc('2026-03-02')), revoked, throwingId, throwingTrap, ev.post('p2', utc('2026-03-03'))]);
      expect(result).to.deep.include({ applied: 4, duplicates: 0, held: 0 });
      expect(result.rejected.map((r) => r.index)).to.deep.equal([3, 4, 5]);
      for (const r of result.rejected) expect(r.reason).to.match(/^event could not be read \(/);
      expect(bothPaths(engine, march).overview.totalPosts).to.equal(2);
    });

    it('keeps what it was given: changing an event after ingest changes nothing, held or not', () => {
      const engine = new AnalyticsEngine();
      const reply = ev.reply('r1', 'p1', utc('2026-03-03')) as unknown as Record<string, unknown>;
      const post = ev.post('p1', utc('2026-03-02')) as unknown as Record<string, unknown>;
      // The reply waits for its post, which waits for the space and the member.
      expect(engine.ingest([reply, post])).to.deep.include({ applied: 0, held: 2 });
      reply.kind = 'post';
      reply.parentId = null;
      post.at = 'yesterday';
      post.authorId = 42;
      const later = engine.ingest(base);
      expect(later).to.deep.include({ applied: 2, released: 2, rejected: [] });
      const r = bothPaths(engine, march);
      expect([r.overview.totalPosts, r.overview.totalReplies]).to.deep.equal([1, 1]);
    });

    it('applies a clean resend of a rejected event, and a getter that changes its answer is read once', () => {
      const engine = new AnalyticsEngine();
      engine.ingest(base);
      const good = ev.post('p1', utc('2026-03-02'));
      const broken = { ...good, status: 'published?' };
      expect(engine.ingest([broken]).rejected.map((r) => r.id)).to.deep.equal([good.id]);
      expect(engine.ingest([good])).to.deep.include({ applied: 1, duplicates: 0 });
      let reads = 0;
      const fickle = {
        ...ev.post('p2', utc('2026-03-03')),
        get spaceId(): string {
          reads++;
          return reads === 1 ? 's1' : '';
        },
      };
      expect(engine.ingest([fickle])).to.deep.include({ applied: 1, rejected: [] });
      expect(reads).to.equal(1);
      expect(bothPaths(engine, march).topSpaces.rows.map((s) => [s.spaceId, s.posts])).to.deep.equal([['s1', 2]]);
    });
  });

  describe('time zones', () => {
    it('buckets on the local date of the source zone, across a DST switch', () => {
      // 2026-03-29 is 23 hours long in Berlin: 22:30 UTC on the 28th is 23:30 local (28th),
      // 22:30 UTC on the 29th is 00:30 local on the 30th.
      const events = [...base, ev.post('a', Date.UTC(2026, 2, 28, 22, 30)), ev.post('b', Date.UTC(2026, 2, 29, 22, 30))];
      const r = bothPaths(engineWith(events, { timeZone: 'Europe/Berlin' }), { start: '2026-03-28', end: '2026-03-30' });
      expect(dayCounts(r)).to.deep.equal({ '2026-03-28': '1/0', '2026-03-30': '1/0' });
      expect(r.timeZone).to.equal('Europe/Berlin');
      const kolkata = bothPaths(engineWith(events, { timeZone: '+05:30' }), { start: '2026-03-28', end: '2026-03-30' });
      expect(dayCounts(kolkata)).to.deep.equal({ '2026-03-29': '1/0', '2026-03-30': '1/0' });
    });
  });

  describe('a content redefined by an older creating event', () => {
    it('moves to the older event\u2019s space and author on both paths, also after reports were read', () => {
      const engine = engineWith([
        ...base,
        ev.space('s2', 'Ideas'),
        ev.member('m2', 'Bo', utc('2026-03-01', '09:00')),
        ev.post('c1', utc('2026-03-04'), { space: 's1', author: 'm1' }),
        ev.post('c2', utc('2026-03-05'), { space: 's2', author: 'm2' }),
      ]);
      const spaces = (r: AnalyticsReport) => r.topSpaces.rows.map((row) => [row.spaceId, row.posts, row.contributors]);
      const members = (r: AnalyticsReport) => r.topContributors.rows.map((row) => [row.memberId, row.posts]);
      const before = bothPaths(engine, march);
      expect(spaces(before)).to.deep.equal([['s1', 1, 1], ['s2', 1, 1]]);
      expect(members(before)).to.deep.equal([['m1', 1], ['m2', 1]]);
      // An older creating event of c1 says it was m2's, in s2: the oldest defines.
      expect(engine.ingest([ev.post('c1', utc('2026-03-03'), { space: 's2', author: 'm2' })]).applied).to.equal(1);
      const after = bothPaths(engine, march);
      expect(spaces(after)).to.deep.equal([['s2', 2, 1]]);
      expect(members(after)).to.deep.equal([['m2', 2]]);
      expect(after.overview.activeMembers).to.equal(1);
      expect(dayCounts(after)).to.deep.equal({ '2026-03-03': '1/0', '2026-03-05': '1/0' });
    });
  });

  describe('status times far from the creation day', () => {
    // The store keeps a status time as 32-bit milliseconds from the creation day (24.8 days either way),
    // and one further away exact on the side; a creation moved to another day re-bases it.
    const year = { start: '2026-01-01', end: '2026-12-31' };
    const posts = (engine: AnalyticsEngine): number => bothPaths(engine, year).overview.totalPosts;
    for (const order of ['in order', 'reversed'] as const) {
      it(`decides by the newest status set months or minutes from creation, and ties by event id (${order})`, () => {
        const tie = utc('2026-09-01', '10:00');
        const cases: { events: AnalyticsEvent[]; posts: number; label: string }[] = [
          { label: 'trashed 6 months later', events: [ev.post('p', utc('2026-03-02')), ev.status('p', 'trash', utc('2026-09-01'))], posts: 0 },
          {
            label: 'trashed 6 months later, restored a minute after',
            events: [ev.post('p', utc('2026-03-02')), ev.status('p', 'trash', utc('2026-09-01', '10:00')), ev.status('p', 'published', utc('2026-09-01', '10:01'))],
            posts: 1,
          },
          {
            label: 'restored a minute before the far trashing',
            events: [ev.post('p', utc('2026-03-02')), ev.status('p', 'published', utc('2026-09-01', '09:59')), ev.status('p', 'trash', utc('2026-09-01', '10:00'))],
            posts: 0,
          },
          {
            label: 'a tie 6 months later: the greater event id wins',
            events: [ev.post('p', utc('2026-03-02')), ev.status('p', 'published', tie, 'z-later'), ev.status('p', 'trash', tie, 'a-earlier')],
            posts: 1,
          },
          {
            label: 'set a year before creation, then near it',
            events: [ev.post('p', utc('2026-12-20'), { status: 'pending' }), ev.status('p', 'published', utc('2025-12-01')), ev.status('p', 'trash', utc('2026-12-19'))],
            posts: 0,
          },
        ];
        for (const { events, posts: expected, label } of cases) {
          const stream = [...base, ...(order === 'in order' ? events : events.slice().reverse())];
          expect(posts(engineWith(stream)), label).to.equal(expected);
        }
      });
    }

    it('breaks a tie by event id against a status event 40,000 events after the creation (its row kept apart)', () => {
      // At a tie the greater event id wins, whichever came first.
      for (const [first, second, posts] of [
        [['z1', 'published'], ['a1', 'trash'], 2],
        [['a2', 'trash'], ['z2', 'published'], 2],
        [['z3', 'trash'], ['a3', 'published'], 1],
        [['a4', 'published'], ['z4', 'trash'], 1],
      ] as const) {
        const engine = engineWith([...base, ev.post('p', utc('2026-03-02')), ev.post('q', utc('2026-03-02'))]);
        // 40,000 events between: the status events' rows are more than 32,766 past the creating event's.
        const filler: AnalyticsEvent[] = [];
        for (let i = 0; i < 40_000; i++) filler.push({ id: `fill${i}`, type: 'member.joined', at: utc('2026-03-01'), memberId: `f${i}`, displayName: 'F', trustLevel: 0 });
        engine.ingest(filler);
        const at = utc('2026-03-03');
        engine.ingest([ev.status('p', first[1], at, first[0])]);
        engine.ingest([ev.status('p', second[1], at, second[0])]);
        expect(bothPaths(engine, { start: '2026-03-01', end: '2026-03-07' }).overview.totalPosts, `${first} then ${second}`).to.equal(posts);
      }
    });

    it('keeps the status time exact when an older creating event moves the creation day, near or far', () => {
      // Created 2026-03-20 and published again at 12:30; then an older creating event of the same content
      // moves its creation day back one day, or 77 days (past the 24.8 days of an offset). The status time
      // stays 12:30 on 03-20, and a trash after it wins while one before it loses.
      for (const [older, trashAt, expected] of [
        [utc('2026-03-19'), utc('2026-03-21'), 0],
        [utc('2026-01-02'), utc('2026-03-21'), 0],
        [utc('2026-01-02'), utc('2026-03-19'), 1],
      ] as const) {
        const created = ev.post('p', utc('2026-03-20'));
        const engine = engineWith([...base, created, ev.status('p', 'published', utc('2026-03-20', '12:30'))]);
        expect(engine.ingest([{ ...ev.post('p', older), id: 'e-older' }]).applied).to.equal(1);
        expect(engine.store.statusAtOf(engine.store.contents.find('p')), 'status time after the move').to.equal(utc('2026-03-20', '12:30'));
        engine.ingest([ev.status('p', 'trash', trashAt)]);
        expect(posts(engine), `created ${new Date(older).toISOString()}, trash at ${new Date(trashAt).toISOString()}`).to.equal(expected);
      }
    });
  });

  describe('recording since', () => {
    it('leaves out what happened before the aggregator was attached, so the drift shows', () => {
      const since = utc('2026-03-04', '00:00');
      const events = [...base, ev.post('a', utc('2026-03-02')), ev.post('b', utc('2026-03-05')), ev.member('m9', 'Late', utc('2026-03-05'))];
      const engine = engineWith(events, { aggregatorSince: since });
      const direct = engine.report({ range: march, path: 'direct' });
      const aggregate = engine.report({ range: march, path: 'aggregate' });
      expect(direct.overview.totalPosts).to.equal(2);
      expect(aggregate.overview.totalPosts).to.equal(1);
      expect(aggregate.engagement.newMembers).to.equal(1);
      expect(aggregate.recordingSince).to.equal(since);
      const diff = engine.diffReport(march, '2026-03-01..2026-03-07');
      expect(diff.metrics.find((m) => m.key === 'total_posts')).to.deep.equal({ key: 'total_posts', direct: 2, aggregated: 1, drift_pct: -50 });
    });
  });
});

describe('AnalyticsEngine.reserve', () => {
  const year = { start: '2025-11-24', end: '2026-11-23' };

  function load(reserve: number | null): AnalyticsEngine {
    const engine = new AnalyticsEngine({ timeZone: 'Europe/Berlin' });
    if (reserve !== null) engine.reserve(reserve);
    for (const chunk of communityColumns({ seed: 5, events: 60_000 }, 8192)) engine.ingestColumns(chunk);
    return engine;
  }

  it('changes no figure on either path, whether the hint is right, short or far too high', () => {
    const plain = load(null);
    const expected = { direct: plain.report({ range: year, path: 'direct' }), aggregate: plain.report({ range: year, path: 'aggregate' }) };
    expect(expected.direct.overview.totalPosts).to.be.above(1000);
    for (const hint of [60_000, 10_000, 5_000_000]) {
      const engine = load(hint);
      expect(engine.report({ range: year, path: 'direct' }), `hint ${hint}, direct`).to.deep.equal(expected.direct);
      expect(engine.report({ range: year, path: 'aggregate' }), `hint ${hint}, aggregate`).to.deep.equal(expected.aggregate);
    }
  });

  it('leaves less room unused in the tables when the hint is right', () => {
    const slack = (engine: AnalyticsEngine): number => engine.store.voteState.data.length / engine.store.votes.size;
    const hinted = slack(load(60_000));
    expect(hinted).to.be.at.least(1);
    expect(hinted).to.be.below(1.1);
    expect(hinted).to.be.below(slack(load(null)));
  });

  it('refuses a count that is not a whole number from 0 to 2^31 − 1, with a clear error', () => {
    const engine = new AnalyticsEngine();
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31, '10' as unknown as number]) {
      expect(() => engine.reserve(bad), String(bad))
        .to.throw(AnalyticsError, /^reserve\(\) takes a whole number of events from 0 to 2147483647; got /)
        .with.property('code', 'invalid_query');
    }
    engine.reserve(0);
    engine.reserve(2 ** 31 - 1);
    expect(engine.ingest([ev.space('s1', 'One')]).applied).to.equal(1);
  });
});

describe('AnalyticsEngine.compact', () => {
  const year = { start: '2025-11-24', end: '2026-11-23' };
  const month = { start: '2026-02-15', end: '2026-03-16' };
  const chunks = [...communityColumns({ seed: 7, events: 40_000 }, 8192)];
  // Late events after the load: a space, a member and content on past days, voted on, so that
  // tables sealed by the compaction take adds again.
  const late = (): AnalyticsEvent[] => [
    ev.space('late-space', 'Late'),
    ev.member('late-member', 'Late Member'),
    ev.post('late-post', utc('2026-03-01'), { space: 'late-space', author: 'late-member' }),
    ev.reply('late-reply', 'late-post', utc('2026-03-02'), { space: 'late-space', author: 'late-member' }),
    ev.vote('late-vote', 'late-post', 'late-member', 1, utc('2026-03-03')),
  ];

  function reports(engine: AnalyticsEngine): AnalyticsReport[] {
    return [year, month].flatMap((range) => [engine.report({ range, path: 'direct' }), engine.report({ range, path: 'aggregate' })]);
  }

  it('packs the open tables once the events a hint announced are in, and no sooner', () => {
    const engine = new AnalyticsEngine({ timeZone: 'Europe/Berlin' });
    const total = chunks.reduce((n, chunk) => n + chunk.count, 0);
    expect(chunks.length).to.be.above(3);
    engine.reserve(total);
    chunks.forEach((chunk, i) => {
      engine.ingestColumns(chunk);
      if (i < chunks.length - 1) expect(engine.aggregator.openTables, `after chunk ${i + 1}`).to.be.above(0);
    });
    expect(engine.aggregator.openTables).to.equal(0);
    // Once per hint: later batches leave the tables they open, open.
    engine.ingest(late());
    expect(engine.aggregator.openTables).to.be.above(0);
  });

  it('ends a hint whose events did not all come, so the next hint ends its own load', () => {
    const engine = new AnalyticsEngine({ timeZone: 'Europe/Berlin' });
    // Told of more than come (a count that was only approximate): no compaction on its own…
    engine.reserve(chunks.reduce((n, chunk) => n + chunk.count, 0) + 1000);
    for (const chunk of chunks) engine.ingestColumns(chunk);
    expect(engine.aggregator.openTables).to.be.above(0);
    // …so the loader says the load is done, and a later load's hint is its own.
    engine.compact();
    engine.reserve(5);
    engine.ingest(late());
    expect(engine.aggregator.openTables).to.equal(0);
  });

  it('counts a stream delivered newest first as one delivered in order', () => {
    const events = generateCommunity({ seed: 9, events: 20_000 });
    const forward = new AnalyticsEngine({ timeZone: 'Europe/Berlin' });
    const backward = new AnalyticsEngine({ timeZone: 'Europe/Berlin' });
    forward.ingest(events);
    const reversed = events.slice().reverse();
    // In chunks, each one's days before the last one's: the counters and block lists grow back in time.
    for (let i = 0; i < reversed.length; i += 1000) backward.ingest(reversed.slice(i, i + 1000));
    backward.compact();
    expect(reports(backward)).to.deep.equal(reports(forward));
    expect(forward.report({ range: year, path: 'aggregate' }).overview.totalPosts).to.be.above(300);
  });

  it('lets go of names and avatar URLs nobody has any more', () => {
    const engine = new AnalyticsEngine();
    const events: AnalyticsEvent[] = [ev.space('s1', 'General'), ev.member('m1', 'Ada'), ev.member('m2', 'Bo')];
    for (let i = 0; i < 300; i++) {
      events.push({ id: nextId(), type: 'member.updated', at: utc('2026-02-01') + i, memberId: 'm1', displayName: `Ada ${i}`, avatarUrl: `https://img.example/m1/${i}.png` });
    }
    events.push(ev.post('p1', utc('2026-02-02'), { author: 'm1' }), ev.post('p2', utc('2026-02-02'), { author: 'm2' }));
    expect(engine.ingest(events).rejected).to.deep.equal([]);
    const range = { start: '2026-02-01', end: '2026-02-28' };
    const before = engine.report({ range, path: 'direct' });
    const rows = (): unknown => engine.rows('top-contributors', { range, path: 'aggregate', offset: 0, limit: 10 }).rows;
    const expected = rows();
    expect(engine.store.textCount).to.equal(602);
    engine.compact();
    // Ada's last name and picture, and Bo's name.
    expect(engine.store.textCount).to.equal(3);
    expect(rows()).to.deep.equal(expected);
    expect((expected as { displayName: string; avatarUrl?: string }[])[0]).to.deep.include({ displayName: 'Ada 299', avatarUrl: 'https://img.example/m1/299.png' });
    expect(engine.report({ range, path: 'direct' })).to.deep.equal(before);
    // Renamed after: the name order follows.
    engine.ingest([{ id: nextId(), type: 'member.updated', at: utc('2026-02-03'), memberId: 'm2', displayName: 'Aaron' }]);
    expect((rows() as { displayName: string }[]).map((r) => r.displayName)).to.deep.equal(['Aaron', 'Ada 299']);
  });

  it('gives every avatar URL back whole, its origin kept once (up to 255 origins, the rest whole)', () => {
    const engine = new AnalyticsEngine();
    const urls = [
      'https://secure.gravatar.com/avatar/0a1b?s=96&d=mm',
      'https://secure.gravatar.com/avatar/ffee?s=96&d=mm',
      'https://img.example',
      'https://img.example/',
      'HTTP://Img.Example:8080/x/y.png',
      'data:image/png;base64,iVBORw0KGgo=',
      '/wp-content/uploads/me.png',
      '',
      'https://ünïcode.example/ä.png',
    ];
    // 300 hosts more than the 256 origins kept: the last ones stay whole.
    for (let h = 0; h < 300; h++) urls.push(`https://host${h}.example/p/${h}.png`);
    const events: AnalyticsEvent[] = [ev.space('s1', 'General')];
    urls.forEach((avatarUrl, i) => {
      events.push({ id: nextId(), type: 'member.joined', at: utc('2026-02-01'), memberId: `m${i}`, displayName: `M ${i}`, trustLevel: 1, avatarUrl });
    });
    expect(engine.ingest(events).rejected).to.deep.equal([]);
    const store = engine.store;
    const read = (): (string | undefined)[] => urls.map((_, i) => store.avatarUrlOf(store.members.find(`m${i}`)));
    expect(read()).to.deep.equal(urls);
    engine.compact();
    expect(read(), 'after compaction').to.deep.equal(urls);
    // A new picture on another host, and one cleared.
    engine.ingest([
      { id: nextId(), type: 'member.updated', at: utc('2026-02-02'), memberId: 'm0', avatarUrl: 'https://other.example/a.png' },
      { id: nextId(), type: 'member.updated', at: utc('2026-02-02'), memberId: 'm1', avatarUrl: '' },
    ]);
    expect(read().slice(0, 3)).to.deep.equal(['https://other.example/a.png', '', 'https://img.example']);
  });

  it('changes no figure on either path, and events after it count as before', () => {
    const plain = new AnalyticsEngine({ timeZone: 'Europe/Berlin' });
    const packed = new AnalyticsEngine({ timeZone: 'Europe/Berlin' });
    chunks.forEach((chunk, i) => {
      plain.ingestColumns(chunk);
      packed.ingestColumns(chunk);
      // Also in the middle of a load: the tables it sealed take the rest of it.
      if (i === 2) packed.compact();
    });
    expect(packed.aggregator.openTables).to.be.above(0);
    packed.compact();
    expect(packed.aggregator.openTables).to.equal(0);
    const expected = reports(plain);
    expect(expected[0]!.overview.totalPosts).to.be.above(500);
    expect(reports(packed)).to.deep.equal(expected);
    expect(plain.ingest(late()).applied).to.equal(5);
    expect(packed.ingest(late()).applied).to.equal(5);
    const after = reports(plain);
    expect(after[3]!.overview.totalPosts, 'the late post counts in its month').to.equal(expected[3]!.overview.totalPosts + 1);
    expect(reports(packed)).to.deep.equal(after);
    expect(packed.diffReport(month, 'month').metrics.every((m) => m.direct === m.aggregated)).to.equal(true);
  });
});
