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

describe('a community load longer than the worker time-out', () => {
  it('completes: each chunk the worker reports restarts the time-out', async () => {
    // A 1 s time-out; 600 000 events take several seconds to generate and ingest.
    const source = new MemoryDataSource({ workerTimeoutMs: 1000 });
    const { sharedEngineWorker } = await import('./worker-transport.js');
    // The worker is up (a first start may take longer than the time-out itself).
    const warm = new MemoryDataSource();
    await warm.ingestCommunity({ seed: 1, events: 1000 });
    const restarts = sharedEngineWorker().restarts;
    const started = performance.now();
    let reports = 0;
    const result = await source.ingestCommunity({ seed: 6, events: 600_000 }, { onProgress: () => reports++ });
    const took = performance.now() - started;
    expect(took, 'the load outlasted the time-out').to.be.greaterThan(1000);
    expect(result.applied + result.duplicates).to.be.greaterThan(590_000);
    expect(reports).to.be.greaterThan(3);
    expect(sharedEngineWorker().restarts, 'no restart').to.equal(restarts);
    expect((await source.report({ range: YEAR, path: 'direct' })).overview.totalPosts).to.be.greaterThan(0);
    source.close();
    warm.close();
  });

  it('a call that shows signs of life outlasts the time-out; one that stops showing them times out', async () => {
    const { sharedEngineWorker } = await import('./worker-transport.js');
    const worker = sharedEngineWorker();
    const keep = new MemoryDataSource();
    await keep.ingest([]);
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    // 600 ms of work under a 200 ms time-out, alive every 100 ms.
    const lived = await worker.call(async (_api, alive) => {
      for (let i = 0; i < 6; i++) {
        await sleep(100);
        alive();
      }
      return 'done';
    }, 200);
    expect(lived).to.equal('done');
    // Signs of life for 300 ms, then silence.
    const silent = await worker
      .call(async (_api, alive) => {
        for (let i = 0; i < 3; i++) {
          await sleep(100);
          alive();
        }
        await sleep(1000);
        return 'done';
      }, 200)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(silent).to.be.instanceOf(AnalyticsError);
    expect((silent as AnalyticsError).code).to.equal('worker_timeout');
    keep.close();
  });
});

describe('closing the last worker source', () => {
  it('ends its calls in flight at once as source_closed, without restarting the worker', async () => {
    const { sharedEngineWorker } = await import('./worker-transport.js');
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
