import { expect } from '@open-wc/testing';
import { AnalyticsError } from '../model/errors.js';
import type { DateRange } from '../model/report.js';
import { MemoryDataSource } from '../sources/memory-data-source.js';

const YEAR: DateRange = { start: '2025-11-25', end: '2026-11-24' };

/** Waits until `onProgress` has reported at least `events`. */
function progressPast(events: number): { onProgress: (p: { done: number }) => void; reached: Promise<number> } {
  let resolve: (done: number) => void = () => undefined;
  const reached = new Promise<number>((r) => (resolve = r));
  return { onProgress: ({ done }) => done >= events && resolve(done), reached };
}

for (const worker of [true, false]) {
  describe(`a community load ${worker ? 'in the worker' : 'in-process'}`, () => {
    it('stops at the next chunk when its source is closed, with source_closed', async () => {
      const source = new MemoryDataSource({ worker });
      const progress = progressPast(40_000);
      const loading = source.ingestCommunity({ seed: 3, events: 2_000_000 }, { onProgress: progress.onProgress });
      const seen = await progress.reached;
      source.close();
      const error = await loading.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).to.be.instanceOf(AnalyticsError);
      expect((error as AnalyticsError).code).to.equal('source_closed');
      // It stopped early: far from the two million events asked for.
      expect(seen).to.be.lessThan(500_000);
    });

    it('lets other sources answer while it runs', async () => {
      const small = new MemoryDataSource({ worker });
      await small.ingestCommunity({ seed: 5, events: 5_000 });
      const expected = await small.report({ range: YEAR, path: 'direct' });
      const big = new MemoryDataSource({ worker });
      let done = 0;
      const loading = big.ingestCommunity({ seed: 3, events: 600_000 }, { onProgress: (p) => (done = p.done) });
      const during = await small.report({ range: YEAR, path: 'direct' });
      const doneWhenAnswered = done;
      const result = await loading;
      expect(during).to.deep.equal(expected);
      // The answer came before the load ended.
      expect(doneWhenAnswered).to.be.lessThan(result.applied + result.duplicates);
      small.close();
      big.close();
    });
  });
}

describe('closing the last worker source', () => {
  it('ends its calls in flight at once as source_closed, without restarting the worker', async () => {
    const { sharedEngineWorker } = await import('./worker-backend.js');
    const restarts = sharedEngineWorker().restarts;
    const source = new MemoryDataSource();
    const loading = source.ingestCommunity({ seed: 4, events: 3_000_000 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const closedAt = performance.now();
    source.close();
    const error = await loading.then(
      () => undefined,
      (e: unknown) => e,
    );
    const waited = performance.now() - closedAt;
    expect((error as AnalyticsError).code).to.equal('source_closed');
    // Well before the 30 s watchdog of a 3 M load: the rejection comes with the close.
    expect(waited).to.be.lessThan(1000);
    expect(sharedEngineWorker().restarts).to.equal(restarts);
  });
});
