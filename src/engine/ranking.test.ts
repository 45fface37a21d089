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
