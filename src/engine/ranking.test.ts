import { expect } from '@open-wc/testing';
import { generateCommunity } from '../generator/community.js';
import type { DateRange, Path } from '../model/report.js';
import { AnalyticsEngine } from './engine.js';

// Thousands of contributors, so a report ranks only the head (a partial ranking) and a deep page the whole.
const events = generateCommunity({ seed: 11, events: 30_000 });
const YEAR: DateRange = { start: '2025-11-25', end: '2026-11-23' };
const QUARTER: DateRange = { start: '2026-08-25', end: '2026-11-23' };

function engine(): AnalyticsEngine {
  const e = new AnalyticsEngine({ timeZone: 'Europe/Berlin' });
  e.ingest(events);
  return e;
}

describe('contributor ranking: the head of a partial ranking is the head of the full one', () => {
  for (const path of ['direct', 'aggregate'] as Path[]) {
    for (const range of [YEAR, QUARTER]) {
      it(`${path}, ${range.start}..${range.end}`, () => {
        // The full ranking, from an engine asked for every row first.
        const full = engine().rows('top-contributors', { range, path, offset: 0, limit: 1_000_000 });
        expect(full.total).to.be.greaterThan(300);
        expect(full.rows).to.have.length(full.total);

        // A fresh engine answers a report (ten rows) and the first pages from the partial ranking…
        const partial = engine();
        const report = partial.report({ range, path });
        expect(report.topContributors.rows).to.deep.equal(full.rows.slice(0, 10));
        for (const [offset, limit] of [[0, 10], [10, 10], [120, 8], [0, 128]] as const) {
          expect(partial.rows('top-contributors', { range, path, offset, limit }).rows, `rows ${offset}+${limit}`).to.deep.equal(full.rows.slice(offset, offset + limit));
        }
        // …and a page past it from the full one, still in the same order.
        expect(partial.rows('top-contributors', { range, path, offset: 125, limit: 10 }).rows).to.deep.equal(full.rows.slice(125, 135));
        expect(partial.rows('top-contributors', { range, path, offset: 0, limit: 1_000_000 }).rows).to.deep.equal(full.rows);
      });
    }
  }
});

describe('contributor ranking by name', () => {
  const at = (day: number, hour = 12): number => Date.UTC(2026, 2, day, hour);
  let n = 0;
  const id = (): string => `n${String(++n).padStart(3, '0')}`;
  const member = (memberId: string, displayName: string, day = 1, avatarUrl?: string): Record<string, unknown> => ({
    id: id(), type: 'member.joined', at: at(day), memberId, displayName, trustLevel: 1, ...(avatarUrl === undefined ? {} : { avatarUrl }),
  });

  it('breaks equal totals by display name in code-unit order, then id, through renames, shared names and avatars', () => {
    const names: Record<string, string> = { m1: 'Zoë', m2: 'zoe', m3: 'Émile', m4: '😀 Smile', m5: 'a\ud83d', m6: 'Émile', m7: 'Zoe' };
    const events: Record<string, unknown>[] = [
      { id: id(), type: 'space.created', at: at(1), spaceId: 's1', name: 'General', kind: 'discussion' },
      ...Object.entries(names).map(([m, name]) => member(m, name, 1, `https://img.example/${m}.png`)),
      // m2 renamed later; m7 renamed by an older event (ignored); m1's picture removed (an empty URL).
      { id: id(), type: 'member.updated', at: at(5), memberId: 'm2', displayName: 'Aaron' },
      { id: id(), type: 'member.updated', at: at(1, 6), memberId: 'm7', displayName: 'Older name' },
      { id: id(), type: 'member.updated', at: at(6), memberId: 'm1', avatarUrl: '' },
      ...Object.keys(names).map((m) => ({ id: id(), type: 'content.created', at: at(10), contentId: `p-${m}`, spaceId: 's1', authorId: m, kind: 'post', status: 'published' })),
    ];
    const final: Record<string, string> = { ...names, m2: 'Aaron' };
    const expected = Object.keys(final).sort((a, b) => (final[a]! < final[b]! ? -1 : final[a]! > final[b]! ? 1 : a < b ? -1 : 1));
    expect(expected.slice(0, 3)).to.deep.equal(['m2', 'm7', 'm1']);
    const engine = new AnalyticsEngine();
    expect(engine.ingest(events).rejected).to.deep.equal([]);
    for (const path of ['direct', 'aggregate'] as Path[]) {
      const rows = engine.rows('top-contributors', { range: { start: '2026-03-01', end: '2026-03-31' }, path, offset: 0, limit: 100 }).rows;
      expect(rows.map((r) => r.memberId), path).to.deep.equal(expected);
      expect(rows.map((r) => r.displayName), path).to.deep.equal(expected.map((m) => final[m]));
      expect(rows.find((r) => r.memberId === 'm1')!.avatarUrl, 'cleared').to.equal(undefined);
      expect(rows.find((r) => r.memberId === 'm3')!.avatarUrl).to.equal('https://img.example/m3.png');
      expect(engine.report({ range: { start: '2026-03-01', end: '2026-03-31' }, path }).topContributors.rows.map((r) => r.memberId)).to.deep.equal(expected.slice(0, 7));
    }
  });
});
