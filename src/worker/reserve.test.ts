import { expect } from '@open-wc/testing';
import type { AnalyticsEngine } from '../engine/engine.js';
import { communityColumns, generateCommunity } from '../generator/community.js';
import { EngineClient } from './client.js';
import { EngineHost } from './engine-host.js';
import { InProcessTransport } from './in-process-transport.js';
import type { EngineTransport } from './protocol.js';
import { INGEST_CHUNK, ingestColumns, ingestCommunity, ingestEvents } from './ingest.js';

/**
 * A client over an in-process host, what its one engine expects (the size hint its tables grow to;
 * 0 for none) and how many of its aggregator's tables are open (0 once a load compacted it).
 */
function hostedEngine(asWorker = false): { client: EngineClient; expected: () => number; openTables: () => number } {
  const host = new EngineHost();
  const transport = new InProcessTransport(host);
  // Taken for a worker's transport, the loaders check and encode events on the caller's side first.
  const client = new EngineClient(asWorker ? (Object.create(transport, { kind: { value: 'worker' } }) as EngineTransport) : transport, { timeZone: 'UTC' });
  const engine = (): AnalyticsEngine => [...(host as unknown as { engines: Map<number, AnalyticsEngine> }).engines.values()][0]!;
  return { client, expected: () => engine().store.growth.expected, openTables: () => engine().aggregator.openTables };
}

describe('size hints from the loaders', () => {
  it('ingest of event objects tells the engine the batch size when it spans several chunks', async () => {
    const events = generateCommunity({ seed: 4, events: INGEST_CHUNK + 500 });
    const big = hostedEngine();
    await ingestEvents(big.client, events);
    expect(big.expected()).to.equal(events.length);
    // Every announced event is in: the engine compacted itself.
    expect(big.openTables()).to.equal(0);
    const small = hostedEngine();
    await ingestEvents(small.client, events.slice(0, INGEST_CHUNK));
    expect(small.expected()).to.equal(0);
    // No hint, no compaction: the tables of the last days stay open for the next batch.
    expect(small.openTables()).to.be.above(0);
  });

  it('a batch that loses events on the caller\u2019s side still ends with the engine compacted', async () => {
    const events: unknown[] = generateCommunity({ seed: 4, events: INGEST_CHUNK + 500 });
    events.splice(100, 0, { id: 'not an event' });
    const hosted = hostedEngine(true);
    const result = await ingestEvents(hosted.client, events);
    // Rejected before it was sent: the engine sees one event fewer than it was told about.
    expect(result.rejected.map((r) => r.index)).to.deep.equal([100]);
    expect(hosted.expected()).to.equal(events.length);
    expect(hosted.openTables()).to.equal(0);
  });

  it('ingest of columns tells the engine the row count when it spans several chunks', async () => {
    const [columns] = [...communityColumns({ seed: 4, events: 3 * INGEST_CHUNK }, 3 * INGEST_CHUNK)];
    const big = hostedEngine();
    await ingestColumns(big.client, columns);
    expect(big.expected()).to.equal(columns!.count);
    expect(big.openTables()).to.equal(0);
  });

  it('a generated community tells the engine its size once the generator took the options, and a smaller hint after it (0) changes nothing', async () => {
    const { client, expected, openTables } = hostedEngine();
    const load = await ingestCommunity(client, { seed: 7, events: 40_000 });
    expect(load.applied).to.be.greaterThan(35_000);
    expect(expected()).to.equal(40_000);
    // The generator's count is approximate (here under 40 000, so the hint alone never ends the
    // load): the load compacts the engine when it ends.
    expect(load.applied + load.duplicates + load.held + load.rejected.length).to.equal(39_998);
    expect(openTables()).to.equal(0);
    await client.call('reserve', { events: 0 });
    expect(expected()).to.equal(40_000);
  });
});
