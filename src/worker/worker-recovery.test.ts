/**
 * The shared worker recovers from failures that strike while it is already
 * recovering or busy for another source: a worker that dies during the
 * replay after a crash, and one source's time-out while another source's
 * long call is in flight. Nothing may hang, and every source ends with its
 * own numbers.
 */
import { expect } from '@open-wc/testing';
import { AnalyticsError } from '../model/errors.js';
import type { DateRange } from '../model/report.js';
import { MemoryDataSource } from '../sources/memory-data-source.js';
import { sharedEngineWorker } from './worker-transport.js';

const YEAR: DateRange = { start: '2025-11-25', end: '2026-11-24' };
const COMMUNITY = { seed: 3, events: 40_000, end: Date.parse('2026-11-24T12:00:00Z') };
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Settles with what `promise` gave, or with 'pending' if it has not settled within `ms`. */
async function within<T>(promise: Promise<T>, ms: number): Promise<{ value?: T; error?: unknown } | 'pending'> {
  return Promise.race([promise.then((value) => ({ value }), (error: unknown) => ({ error })), delay(ms).then(() => 'pending' as const)]);
}

describe('engine worker recovery', () => {
  it('a worker that dies during the replay after a crash ends the waiting call with an error, and the next call recovers', async () => {
    const source = new MemoryDataSource({ workerTimeoutMs: 3000 });
    await source.ingestCommunity(COMMUNITY);
    const before = await source.report({ range: YEAR, path: 'aggregate' });
    const restarts = sharedEngineWorker().restarts;
    await sharedEngineWorker().crash();
    // The crash restarts the worker at once (a fresh one, then the replay of the community load): kill that one.
    while (sharedEngineWorker().restarts === restarts) await delay(1);
    sharedEngineWorker().kill();
    const waiting = await within(source.report({ range: YEAR, path: 'aggregate' }), 10_000);
    expect(waiting, 'the call waiting for the restart settles').to.not.equal('pending');
    const { error } = waiting as { error?: unknown };
    expect(error).to.be.instanceOf(AnalyticsError);
    expect((error as AnalyticsError).code).to.equal('worker_crashed');
    expect((error as AnalyticsError).message).to.contain('could not be restarted');
    // The next call starts a fresh worker, replays, and answers as before.
    expect(await source.report({ range: YEAR, path: 'aggregate' })).to.deep.equal(before);
    source.close();
  });

  it("one source's time-out does not cost another source's call in flight its answer", async () => {
    const patient = new MemoryDataSource({ workerTimeoutMs: 20_000 });
    const reference = new MemoryDataSource({ worker: false });
    const expected = await reference.ingestCommunity(COMMUNITY);
    const started = performance.now();
    const load = patient.ingestCommunity(COMMUNITY);
    await delay(50);
    // A source that allows 1 ms: its first call times out and the shared worker is replaced under the load.
    const hasty = new MemoryDataSource({ workerTimeoutMs: 1 });
    const hastyError = await hasty.report({ range: YEAR }).catch((e: unknown) => e);
    // Its engine's creation may slip in between two chunks of the load and be answered within 1 ms; then
    // its report times out, and replaying that creation on the fresh worker (which takes more than 1 ms
    // to start) fails too: a crash that could not be recovered. Either way the hasty source gets an error.
    expect(['worker_timeout', 'worker_crashed']).to.include((hastyError as AnalyticsError).code);
    // The load is tried again on the new worker at once, instead of waiting out its own 20 s.
    const outcome = await within(load, 15_000);
    expect(outcome, 'the load settles').to.not.equal('pending');
    expect((outcome as { error?: unknown }).error).to.equal(undefined);
    expect((outcome as { value: unknown }).value).to.deep.include({ applied: expected.applied, duplicates: expected.duplicates });
    expect(performance.now() - started).to.be.below(15_000);
    expect(await patient.report({ range: YEAR })).to.deep.equal(await reference.report({ range: YEAR }));
    hasty.close();
    patient.close();
    reference.close();
  });
});
