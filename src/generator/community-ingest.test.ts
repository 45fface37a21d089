import { expect } from '@open-wc/testing';
import { MemoryDataSource } from '../sources/memory-data-source.js';
import { summarizeCommunity } from '../../test/community-stats.js';
import { communityEvents, generateCommunity } from './community.js';

describe('communityEvents fed to MemoryDataSource', () => {
  it('is ingested whole: nothing rejected, nothing held, both paths agree over the year', async () => {
    const source = new MemoryDataSource({ worker: false, timeZone: 'UTC' });
    let applied = 0;
    let duplicates = 0;
    for (const chunk of communityEvents({ seed: 11, events: 20_000 }, 5_000)) {
      const result = await source.ingest(chunk);
      expect(result.rejected, 'rejected events').to.deep.equal([]);
      applied += result.applied;
      duplicates += result.duplicates;
    }
    expect(source.heldCount, 'events still held').to.equal(0);
    expect(applied).to.be.above(19_000);
    expect(duplicates).to.be.above(0);

    // The default span: 2025-11-24 … 2026-11-23, UTC.
    const range = { start: '2025-11-24', end: '2026-11-23' };
    const direct = await source.report({ range, path: 'direct', topN: 20 });
    const aggregate = await source.report({ range, path: 'aggregate', topN: 20 });
    expect({ ...aggregate, path: 'direct' }).to.deep.equal(direct);
    expect(direct.overview.totalPosts).to.be.above(1_000);

    // The engine's reading agrees with the stream's own summary on what both see whole.
    const summary = summarizeCommunity([generateCommunity({ seed: 11, events: 20_000 })]);
    expect(direct.overview.totalPosts + direct.overview.totalReplies).to.equal(summary.content.final.published);
    expect(direct.engagement.newMembers).to.equal(summary.members);
    expect(direct.moderation.flagsRaised).to.equal(summary.flags.raised);
    expect(direct.moderation.flagsOpen).to.equal(summary.flags.open);
    expect(direct.moderation.autoModTriggers).to.equal(summary.automodTriggers);
  });
});
