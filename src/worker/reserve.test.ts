import { expect } from '@open-wc/testing';
import type { AnalyticsEngine } from '../engine/engine.js';
import { communityColumns, generateCommunity } from '../generator/community.js';
import { EngineClient } from './client.js';
import { EngineHost } from './engine-host.js';
import { InProcessTransport } from './in-process-transport.js';
import { INGEST_CHUNK, ingestColumns, ingestCommunity, ingestEvents } from './ingest.js';

/** A client over an in-process host, and what its one engine expects (the size hint its tables grow to; 0 for none). */
function hostedEngine(): { client: EngineClient; expected: () => number } {
  const host = new EngineHost();
  const client = new EngineClient(new InProcessTransport(host), { timeZone: 'UTC' });
  const engine = (): AnalyticsEngine => [...(host as unknown as { engines: Map<number, AnalyticsEngine> }).engines.values()][0]!;
  return { client, expected: () => engine().store.growth.expected };
}

describe('size hints from the loaders', () => {
  it('ingest of event objects tells the engine the batch size when it spans several chunks', async () => {
    const events = generateCommunity({ seed: 4, events: INGEST_CHUNK + 500 });
    const big = hostedEngine();
    await ingestEvents(big.client, events);
    expect(big.expected()).to.equal(events.length);
    const small = hostedEngine();
    await ingestEvents(small.client, events.slice(0, INGEST_CHUNK));
    expect(small.expected()).to.equal(0);
  });

  it('ingest of columns tells the engine the row count when it spans several chunks', async () => {
    const [columns] = [...communityColumns({ seed: 4, events: 3 * INGEST_CHUNK }, 3 * INGEST_CHUNK)];
    const big = hostedEngine();
    await ingestColumns(big.client, columns);
    expect(big.expected()).to.equal(columns!.count);
  });

  it('a generated community tells the engine its size once the generator took the options, and a smaller hint after it (0) changes nothing', async () => {
    const { client, expected } = hostedEngine();
    const load = await ingestCommunity(client, { seed: 4, events: 30_000 });
    expect(load.applied).to.be.greaterThan(25_000);
    expect(expected()).to.equal(30_000);
    await client.call('reserve', { events: 0 });
    expect(expected()).to.equal(30_000);
  });
});
