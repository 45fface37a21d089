import { expect } from '@open-wc/testing';
import { deleteDB, openDB } from 'idb';
import { fixtureSource } from '../internal/test-fixtures.js';
import type { AnalyticsReport, ReportQuery } from '../model/report.js';
import { withCache, type CacheOptions, type CacheSchema, type CachedDataSource } from './cache.js';
import type { AnalyticsDataSource } from './data-source.js';
import type { MemoryDataSource } from './memory-data-source.js';

let source: MemoryDataSource;
let names: string[] = [];
let caches: CachedDataSource[] = [];
let unhandled: unknown[] = [];
const onUnhandled = (event: PromiseRejectionEvent) => unhandled.push(event.reason);

before(async () => {
  source = await fixtureSource();
});

beforeEach(() => {
  unhandled = [];
  window.addEventListener('unhandledrejection', onUnhandled);
});

afterEach(async () => {
  await Promise.all(caches.map((cache) => cache.close()));
  await Promise.all(names.map((name) => deleteDB(name)));
  caches = [];
  names = [];
  // Give a late rejection the chance to be reported before checking.
  await new Promise((resolve) => setTimeout(resolve, 20));
  window.removeEventListener('unhandledrejection', onUnhandled);
  expect(unhandled, 'no unhandled rejections').to.deep.equal([]);
});

function uniqueName(): string {
  const name = `jt-cache-test-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  names.push(name);
  return name;
}

function cached(from: AnalyticsDataSource, options: CacheOptions & { name: string }): CachedDataSource {
  const cache = withCache(from, options);
  caches.push(cache);
  return cache;
}

const JAN: ReportQuery = { range: { start: '2026-10-01', end: '2026-10-31' }, path: 'direct', topN: 10 };
const query = (start: string, end: string): ReportQuery => ({ range: { start, end }, path: 'direct', topN: 5 });

/** A source whose `report` waits until the test lets it answer; counts calls. */
function heldSource(inner: MemoryDataSource) {
  let release: () => void = () => undefined;
  let gate = new Promise<void>((resolve) => (release = resolve));
  const held = {
    calls: 0,
    hold() {
      gate = new Promise<void>((resolve) => (release = resolve));
    },
    release: () => release(),
    timeZone: inner.timeZone,
    now: () => inner.now(),
    report: async (q: ReportQuery): Promise<AnalyticsReport> => {
      held.calls += 1;
      await gate;
      return inner.report(q);
    },
    rows: ((table, q) => inner.rows(table, q)) as AnalyticsDataSource['rows'],
    diffReport: (q: Parameters<AnalyticsDataSource['diffReport']>[0]) => inner.diffReport(q),
  };
  held.release();
  return held;
}

describe('withCache', () => {
  it('passes the source through: zone, clock and every answer', async () => {
    const cache = cached(source, { name: uniqueName() });
    expect(cache.timeZone).to.equal(source.timeZone);
    expect(cache.now!()).to.equal(source.now());
    expect(await cache.report(JAN)).to.deep.equal(await source.report(JAN));
    const rowsQ = { ...JAN, offset: 2, limit: 3 };
    expect(await cache.rows('top-spaces', rowsQ)).to.deep.equal(await source.rows('top-spaces', rowsQ));
    expect(await cache.diffReport({ range: JAN.range })).to.deep.equal(await source.diffReport({ range: JAN.range }));
    expect(cache.disabled).to.equal(undefined);
  });

  it('paints a second open from the cache before the network answers', async () => {
    const name = uniqueName();
    const held = heldSource(source);
    const first = cached(held, { name });
    expect(await first.cachedReport(JAN), 'nothing stored yet').to.equal(undefined);
    const fresh = await first.report(JAN);
    await first.close();

    // The page is opened again: a new cache on the same database, the network slow.
    held.hold();
    const second = cached(held, { name });
    let answered = false;
    const pending = second.report(JAN).then((report) => {
      answered = true;
      return report;
    });
    const painted = await second.cachedReport(JAN);
    expect(answered, 'the network has not answered yet').to.equal(false);
    expect(held.calls, 'report still went to the source').to.equal(2);
    expect(painted).to.deep.equal(fresh);
    held.release();
    expect(await pending).to.deep.equal(fresh);
  });

  it('keys answers by range, path, size, table and source', async () => {
    const name = uniqueName();
    const cache = cached(source, { name });
    await cache.report(JAN);
    const rowsQ = { ...JAN, offset: 0, limit: 4 };
    const rows = await cache.rows('top-contributors', rowsQ);
    await cache.flush();
    expect(await cache.cachedReport({ ...JAN, path: 'aggregate' })).to.equal(undefined);
    expect(await cache.cachedReport({ ...JAN, topN: 3 })).to.equal(undefined);
    expect(await cache.cachedReport({ ...JAN, range: { start: '2026-10-01', end: '2026-10-30' } })).to.equal(undefined);
    expect(await cache.cachedRows('top-contributors', rowsQ)).to.deep.equal(rows);
    expect(await cache.cachedRows('top-spaces', rowsQ)).to.equal(undefined);
    expect(await cache.cachedRows('top-contributors', { ...rowsQ, offset: 4 })).to.equal(undefined);
    const other = cached(source, { name, sourceId: 'another-site' });
    expect(await other.cachedReport(JAN), 'another source id').to.equal(undefined);
    expect(await cache.cachedReport(JAN)).to.deep.equal(await source.report(JAN));
  });

  it('lets entries expire after ttlMs and deletes them', async () => {
    const name = uniqueName();
    let now = 1_000_000;
    const cache = cached(source, { name, ttlMs: 60_000, now: () => now });
    await cache.report(JAN);
    await cache.flush();
    now += 59_999;
    expect(await cache.cachedReport(JAN), 'still fresh').to.not.equal(undefined);
    now += 1;
    expect(await cache.cachedReport(JAN), 'expired').to.equal(undefined);
    await cache.flush();
    const db = await openDB<CacheSchema>(name);
    expect(await db.count('entries'), 'the expired entry was deleted').to.equal(0);
    db.close();
  });

  it('keeps at most maxEntries, dropping the oldest', async () => {
    const name = uniqueName();
    let now = 1_000;
    const cache = cached(source, { name, maxEntries: 3, now: () => now });
    const days = ['01', '02', '03', '04', '05'];
    for (const day of days) {
      now += 1000;
      await cache.report(query(`2026-10-${day}`, '2026-10-20'));
      await cache.flush();
    }
    const db = await openDB<CacheSchema>(name);
    expect(await db.count('entries')).to.equal(3);
    db.close();
    expect(await cache.cachedReport(query('2026-10-01', '2026-10-20'))).to.equal(undefined);
    expect(await cache.cachedReport(query('2026-10-02', '2026-10-20'))).to.equal(undefined);
    for (const day of days.slice(2)) expect(await cache.cachedReport(query(`2026-10-${day}`, '2026-10-20'))).to.not.equal(undefined);
  });

  it('turns itself off silently when the storage is full', async () => {
    const name = uniqueName();
    const put = Object.getOwnPropertyDescriptor(IDBObjectStore.prototype, 'put')!;
    // The browser refuses every write: the store's put throws as it does when the origin's quota is used up.
    IDBObjectStore.prototype.put = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    try {
      const cache = cached(source, { name, openDB: (dbName, version, callbacks) => openDB<CacheSchema>(dbName, version, callbacks) });
      expect(await cache.report(JAN)).to.deep.equal(await source.report(JAN));
      await cache.flush();
      expect(cache.disabled).to.contain('QuotaExceededError');
      expect(await cache.cachedReport(JAN)).to.equal(undefined);
      expect(await cache.report(query('2026-10-02', '2026-10-09'))).to.deep.equal(await source.report(query('2026-10-02', '2026-10-09')));
    } finally {
      Object.defineProperty(IDBObjectStore.prototype, 'put', put);
    }
  });

  it('turns itself off silently without IndexedDB (private mode)', async () => {
    const cache = cached(source, { name: uniqueName(), indexedDB: undefined });
    expect(cache.disabled).to.be.a('string');
    expect(await cache.cachedReport(JAN)).to.equal(undefined);
    expect(await cache.report(JAN)).to.deep.equal(await source.report(JAN));
    expect(await cache.cachedReport(JAN)).to.equal(undefined);
  });

  it('turns itself off silently when opening fails or is blocked', async () => {
    const failing = cached(source, { name: uniqueName(), openDB: () => Promise.reject(new DOMException('No.', 'UnknownError')) });
    expect(await failing.cachedReport(JAN)).to.equal(undefined);
    expect(failing.disabled).to.contain('UnknownError');
    expect(await failing.report(JAN)).to.deep.equal(await source.report(JAN));

    const blocked = cached(source, {
      name: uniqueName(),
      openDB: (_name, _version, callbacks) => {
        queueMicrotask(() => callbacks.blocked?.(1, 2, new Event('blocked') as IDBVersionChangeEvent));
        return new Promise<never>(() => undefined);
      },
    });
    expect(await blocked.cachedReport(JAN)).to.equal(undefined);
    expect(blocked.disabled).to.contain('blocked');
    expect(await blocked.report(JAN)).to.deep.equal(await source.report(JAN));
  });

  it('does not store failures', async () => {
    const failing: AnalyticsDataSource = { ...heldSource(source), report: () => Promise.reject(new Error('offline')) };
    const cache = cached(failing, { name: uniqueName() });
    let error: unknown;
    await cache.report(JAN).catch((e: unknown) => (error = e));
    expect((error as Error).message).to.equal('offline');
    await cache.flush();
    expect(await cache.cachedReport(JAN)).to.equal(undefined);
    expect(cache.disabled).to.equal(undefined);
  });
});
