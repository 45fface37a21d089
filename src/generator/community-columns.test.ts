import { expect } from '@open-wc/testing';
import { AnalyticsEngine } from '../engine/engine.js';
import { decodeEvents, type EventColumns } from '../model/event-columns.js';
import { communityColumns, communityEvents, type CommunityOptions } from './community.js';

const CASES: [CommunityOptions, number][] = [
  [{ seed: 3, events: 30_000 }, 4_096],
  [{ seed: 8, events: 12_000, avatarBase: null, autoModeration: false, lateFraction: 0.2, duplicateFraction: 0.2 }, 1_000],
  [{ seed: 21, events: 5_000, days: 30, members: 50, spaces: 3 }, 777],
];

describe('communityColumns', () => {
  for (const [options, chunk] of CASES) {
    it(`is the stream of communityEvents, as columns (seed ${options.seed}, chunks of ${chunk})`, () => {
      const objects = [...communityEvents(options, chunk)];
      const columns = [...communityColumns(options, chunk)];
      expect(columns.map((c) => c.count)).to.deep.equal(objects.map((c) => c.length));
      columns.forEach((c, k) => {
        expect(Array.from(c.index)).to.deep.equal(objects[k]!.map((_, i) => i));
        expect(decodeEvents(c)).to.deep.equal(objects[k]);
      });
    });
  }

  it('keeps one table entry per chunk for a member or content named by many events', () => {
    const [first] = communityColumns({ seed: 5, events: 40_000 }, 8_192) as Generator<EventColumns>;
    const strings = first!.strings;
    // Member and content ids (m…, c…) are each in the table once.
    const entityIds = strings.filter((s) => /^[mc][0-9a-z]+$/.test(s));
    expect(entityIds.length).to.be.greaterThan(1_000);
    expect(new Set(entityIds).size).to.equal(entityIds.length);
    // Fewer entries than string fields: most events name an entity already in the table.
    let fields = first!.count;
    for (const slot of [first!.s0, first!.s1, first!.s2, first!.s3, first!.s4]) for (let i = 0; i < first!.count; i++) if (slot[i]! >= 0) fields++;
    expect(strings.length).to.be.lessThan(fields * 0.75);
  });

  it('ingests into the same engine state as the objects', () => {
    const options = { seed: 13, events: 25_000 };
    const objects = new AnalyticsEngine({ timeZone: 'America/New_York' });
    const columnar = new AnalyticsEngine({ timeZone: 'America/New_York' });
    let applied = 0;
    const chunks = communityColumns(options, 6_000);
    for (const chunk of communityEvents(options, 6_000)) {
      const expected = objects.ingest(chunk);
      expect(columnar.ingestColumns(chunks.next().value as EventColumns)).to.deep.equal(expected);
      applied += expected.applied + expected.released;
    }
    expect(applied).to.be.greaterThan(24_000);
    const range = { start: '2025-11-24', end: '2026-11-23' };
    for (const path of ['direct', 'aggregate'] as const) {
      expect(columnar.report({ range, path, topN: 20 })).to.deep.equal(objects.report({ range, path, topN: 20 }));
    }
  });
});
