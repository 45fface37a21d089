import { expect } from '@open-wc/testing';
import { EngineHost } from './engine-host.js';
import { InProcessTransport } from './in-process-transport.js';

describe('InProcessTransport with a host loaded lazily', () => {
  it('loads the host on the first call, not before, and tries a failed load again on the next call', async () => {
    let loads = 0;
    const transport = new InProcessTransport(async () => {
      loads++;
      if (loads === 1) throw new TypeError('Failed to fetch dynamically imported module');
      return new EngineHost();
    });
    expect(loads, 'nothing loaded before a call').to.equal(0);
    const failed = await transport.send('create', { timeZone: 'UTC' }, { callId: 1 }).catch((e: unknown) => e);
    expect((failed as Error).message).to.equal('Failed to fetch dynamically imported module');
    await transport.send('create', { timeZone: 'UTC' }, { callId: 2 });
    const report = await transport.send('report', { query: { range: { start: '2026-03-01', end: '2026-03-07' } } }, { callId: 3 });
    expect(report.overview.totalPosts).to.equal(0);
    expect(loads).to.equal(2);
    transport.close();
  });
});

describe('a kept community in-process', () => {
  it('is freed with the last engine of the page, and kept while another engine is open', async () => {
    const community = { seed: 5, events: 3_000, days: 30 };
    const load = async (keep: boolean) => {
      const transport = new InProcessTransport(new EngineHost());
      await transport.send('create', { timeZone: 'UTC' }, { callId: 10 });
      const result = await transport.send('ingestCommunity', { community, keep }, { callId: 11 });
      return { transport, generated: result.generated };
    };
    // Kept by one source, then that source (the only engine) closes: nothing can ask for it, so it is freed.
    const first = await load(true);
    expect(first.generated).to.equal(true);
    first.transport.close();
    const second = await load(true);
    expect(second.generated, 'generated again after the last engine closed').to.equal(true);
    // With that source still open, a third takes the kept events.
    const third = await load(false);
    expect(third.generated).to.equal(false);
    second.transport.close();
    third.transport.close();
  });
});
