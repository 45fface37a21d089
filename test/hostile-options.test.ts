/**
 * Options checked as strictly as events: every option of every source either
 * works or is refused with a typed `invalid_query` error naming it; instants
 * are bounded to the dates a range can cover. And a page where merely reading
 * `window.indexedDB` throws still gets a working cached source.
 */
import { expect } from '@open-wc/testing';
import { AnalyticsError } from '../src/model/errors.js';
import { withCache } from '../src/sources/cache.js';
import { MemoryDataSource, type MemoryDataSourceOptions } from '../src/sources/memory-data-source.js';
import { RestDataSource, type RestDataSourceOptions } from '../src/sources/rest-data-source.js';
import { StaticSnapshotSource, type StaticSnapshot } from '../src/testing/static-snapshot-source.js';

function refusal(make: () => unknown): { code: string; message: string } | string {
  try {
    const made = make() as { close?: () => void };
    made.close?.();
    return 'accepted';
  } catch (error) {
    return error instanceof AnalyticsError ? { code: error.code, message: error.message } : `not an AnalyticsError: ${String(error)}`;
  }
}

const memory = (options: unknown) => () => new MemoryDataSource(options as MemoryDataSourceOptions);
const rest = (options: unknown) => () => new RestDataSource({ fetch: async () => new Response('{}'), ...(options as RestDataSourceOptions) });
const snapshot = (extra: Partial<StaticSnapshot>) => () => new StaticSnapshotSource({ takenAt: Date.UTC(2026, 10, 30), spaces: [], members: [], days: [], ...extra });

const REFUSED: [string, () => unknown, RegExp][] = [
  ['MemoryDataSource now: "soon"', memory({ now: 'soon' }), /^MemoryDataSource: "now" must be an instant in epoch milliseconds from 2000-01-01 to 2200-01-01 \(as event times\), got "soon"$/],
  ['MemoryDataSource now in seconds', memory({ now: 1_764_504_000 }), /got 1764504000 \(that looks like seconds; multiply by 1000\)$/],
  ['MemoryDataSource now: NaN', memory({ now: Number.NaN }), /"now" must be an instant/],
  ['MemoryDataSource aggregatorSince: 1e300', memory({ aggregatorSince: 1e300 }), /"aggregatorSince" must be an instant .* got 1e\+300$/],
  ['MemoryDataSource aggregatorSince in nanoseconds', memory({ aggregatorSince: 1.7e18 }), /"aggregatorSince" must be an instant/],
  ['MemoryDataSource aggregatorSince: "2026-01-01"', memory({ aggregatorSince: '2026-01-01' }), /"aggregatorSince" must be an instant/],
  ['MemoryDataSource worker: "no"', memory({ worker: 'no' }), /^MemoryDataSource: "worker" must be true or false, got "no"$/],
  ['MemoryDataSource autoModeration: 0', memory({ autoModeration: 0 }), /"autoModeration" must be true or false, got 0$/],
  ['MemoryDataSource workerTimeoutMs: -5', memory({ workerTimeoutMs: -5 }), /"workerTimeoutMs" must be a number of milliseconds from 1 to 2147483647, got -5$/],
  ['MemoryDataSource workerTimeoutMs: Infinity', memory({ workerTimeoutMs: Number.POSITIVE_INFINITY }), /"workerTimeoutMs"/],
  ['MemoryDataSource timeZone: 42', memory({ timeZone: 42 }), /^MemoryDataSource: "timeZone" must be a non-empty string, got 42$/],
  ['MemoryDataSource timeZone: "Mars/Base"', memory({ timeZone: 'Mars/Base' }), /Unknown time zone "Mars\/Base"/],
  ['MemoryDataSource aggregatorDropRate: 1', memory({ aggregatorDropRate: 1 }), /aggregatorDropRate/],
  ['MemoryDataSource timezone (a typo)', memory({ timezone: 'Europe/Berlin' }), /^MemoryDataSource has no option "timezone" \(did you mean "timeZone"\?\); its options are /],
  ['MemoryDataSource options: "UTC"', memory('UTC'), /^MemoryDataSource takes an options object, got "UTC"$/],
  ['RestDataSource timeoutMs: "15s"', rest({ timeoutMs: '15s' }), /^RestDataSource: "timeoutMs" must be a number of milliseconds/],
  ['RestDataSource retries: 1.5', rest({ retries: 1.5 }), /^RestDataSource: "retries" must be a whole number from 0 to 10, got 1.5$/],
  ['RestDataSource retries: 1000', rest({ retries: 1000 }), /"retries" must be a whole number from 0 to 10/],
  ['RestDataSource root: 7', rest({ root: 7 }), /^RestDataSource: "root" must be a non-empty string, got 7$/],
  ['RestDataSource nonce: {}', rest({ nonce: {} }), /"nonce" must be a non-empty string, got an object$/],
  ['RestDataSource fetch: "fetch"', rest({ fetch: 'fetch' }), /^RestDataSource: "fetch" must be a function, got "fetch"$/],
  ['RestDataSource refreshNonce: true', rest({ refreshNonce: true }), /"refreshNonce" must be a function/],
  ['RestDataSource timeZone: "+25:00"', rest({ timeZone: '+25:00' }), /\+25:00/],
  ['RestDataSource retry (a typo)', rest({ retry: 2 }), /^RestDataSource has no option "retry" \(did you mean "retries"\?\)/],
  ['withCache ttlMs: -1', () => withCache(new MemoryDataSource({ worker: false }), { ttlMs: -1 }), /^withCache: "ttlMs" must be a whole number/],
  ['withCache maxEntries: 0', () => withCache(new MemoryDataSource({ worker: false }), { maxEntries: 0 }), /"maxEntries" must be at least 1/],
  ['withCache now: 5', () => withCache(new MemoryDataSource({ worker: false }), { now: 5 as never }), /^withCache: "now" must be a function, got 5$/],
  ['withCache of no source', () => withCache(undefined as never), /^withCache\(\) needs a data source/],
  ['a snapshot taken in 1e300', snapshot({ takenAt: 1e300 }), /^StaticSnapshotSource: "takenAt" must be an instant/],
  ['a snapshot recording since NaN', snapshot({ recordingSince: Number.NaN }), /"recordingSince" must be an instant/],
];

describe('options are checked as strictly as events', () => {
  for (const [name, make, message] of REFUSED) {
    it(`refuses ${name}`, () => {
      const result = refusal(make);
      expect(result).to.have.property('code', 'invalid_query');
      expect((result as { message: string }).message).to.match(message);
    });
  }

  it('accepts every option at its limits, and null for "saw everything"', async () => {
    const first = Date.UTC(2000, 0, 1);
    for (const options of [
      { now: first, aggregatorSince: null },
      { now: Date.UTC(2199, 11, 31, 23, 59, 59, 999), aggregatorSince: first },
      { now: () => Date.UTC(2026, 10, 30), worker: false, autoModeration: false, workerTimeoutMs: 2_147_483_647, timeZone: '+05:30', aggregatorDropRate: 0.5 },
    ] as MemoryDataSourceOptions[]) {
      expect(refusal(memory(options)), JSON.stringify(options)).to.equal('accepted');
    }
    expect(refusal(rest({ retries: 0, timeoutMs: 1, timeZone: 'Europe/Berlin', root: '/x/', nonce: 'n' }))).to.equal('accepted');
  });

  it('checks what a clock answers when it is read, as a typed error', async () => {
    let answer: unknown = Date.UTC(2026, 10, 30, 12);
    const source = new MemoryDataSource({ now: () => answer as number, worker: false });
    expect(source.resolveRange('7d')).to.deep.equal({ start: '2026-11-24', end: '2026-11-30' });
    answer = 1e300;
    expect(() => source.resolveRange('7d')).to.throw(AnalyticsError, '"now()" must be an instant');
    const throwing = new MemoryDataSource({
      now: () => {
        throw new Error('clock broke');
      },
      worker: false,
    });
    expect(() => throwing.now()).to.throw(AnalyticsError, 'MemoryDataSource: "now()" threw: clock broke');
    source.close();
    throwing.close();
  });
});

describe('IndexedDB that cannot even be looked at', () => {
  it('withCache() falls back to the source alone when reading window.indexedDB throws SecurityError', async () => {
    const source = new MemoryDataSource({ now: Date.UTC(2026, 10, 30, 12) });
    await source.ingest([{ id: 'e1', type: 'space.created', at: Date.UTC(2026, 10, 2), spaceId: 's1', name: 'General', kind: 'discussion' }]);
    // As a sandboxed frame or a privacy mode does; put back at once, before anything else on the page runs.
    const own = Object.getOwnPropertyDescriptor(window, 'indexedDB');
    Object.defineProperty(window, 'indexedDB', {
      configurable: true,
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
    let cached: ReturnType<typeof withCache> | undefined;
    let thrown: unknown;
    try {
      cached = withCache(source);
    } catch (error) {
      thrown = error;
    } finally {
      if (own) Object.defineProperty(window, 'indexedDB', own);
      else delete (window as { indexedDB?: unknown }).indexedDB;
    }
    expect(thrown).to.equal(undefined);
    expect(cached!.disabled).to.equal('IndexedDB is not available (SecurityError: The operation is insecure.)');
    const range = { start: '2026-11-01', end: '2026-11-30' };
    expect(await cached!.cachedReport({ range })).to.equal(undefined);
    expect((await cached!.report({ range })).range).to.deep.equal(range);
    expect(await cached!.cachedReport({ range }), 'nothing is stored').to.equal(undefined);
    source.close();
  });
});
