import { openDB, wrap, type DBSchema, type IDBPDatabase, type OpenDBCallbacks } from 'idb';
import { AnalyticsError, ERROR_CODES } from '../model/errors.js';
import { checkCount, checkFunction, checkOptionNames, checkText } from '../model/options.js';
import type { AnalyticsReport, DateRange, DiffReport, RangePreset, ReportQuery, RowsPage, RowsQuery, TableId } from '../model/report.js';
import { describeValue } from '../model/validate.js';
import type { AnalyticsDataSource, TableRows } from './data-source.js';

/** One stored answer: its key, when it was stored (epoch ms) and the answer as the source gave it. */
export interface CacheEntry {
  key: string;
  at: number;
  value: unknown;
}

/** The cache database: one store of entries, with an index on their age for the count bound. */
export interface CacheSchema extends DBSchema {
  entries: { key: string; value: CacheEntry; indexes: { at: number } };
}

/** Opens the cache database; the signature of `idb`'s `openDB` for this schema. */
export type OpenCacheDB = (name: string, version: number, callbacks: OpenDBCallbacks<CacheSchema>) => Promise<IDBPDatabase<CacheSchema>>;

/** The options of `withCache(source, options)`. */
export interface CacheOptions {
  /** The IndexedDB database name; default `jetonomy-analytics`. */
  name?: string;
  /** How long an answer may be shown from the cache, in ms; default 10 minutes. */
  ttlMs?: number;
  /** How many answers are kept; the oldest go first. Default 200. */
  maxEntries?: number;
  /** Tells apart sources sharing one database; default the source's class name and its REST root or time zone. */
  sourceId?: string;
  /** The cache's clock (epoch ms) for ages; default `Date.now`. */
  now?: () => number;
  /** The IndexedDB factory; default the global `indexedDB`. Passing `undefined` (or running where there is none) turns the cache off. */
  indexedDB?: IDBFactory | undefined;
  /** Opens the database; default `idb`'s `openDB` (or the given factory, wrapped by `idb`). For tests. */
  openDB?: OpenCacheDB;
}

const OWNER = 'withCache';
const OPTION_NAMES = ['name', 'ttlMs', 'maxEntries', 'sourceId', 'now', 'indexedDB', 'openDB'] as const;
const STORE = 'entries';
const VERSION = 1;

/**
 * A data source that keeps its answers in IndexedDB for stale-while-revalidate:
 * a view paints `cachedReport(q)` at once, then what `report(q)` brings. Every
 * `report`, `rows` and `diffReport` call still goes to the wrapped source.
 * When IndexedDB is missing, blocked, failing or full the cache turns itself
 * off (see `disabled`) and the source answers alone; it never throws.
 */
export class CachedDataSource implements AnalyticsDataSource {
  /** The source's clock, when it has one. */
  readonly now?: () => number;
  /** Why the cache turned itself off (for diagnostics), or `undefined` while it works. */
  disabled: string | undefined;

  private readonly name: string;
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly sourceId: string;
  private readonly clock: () => number;
  private readonly factory: IDBFactory | undefined;
  private readonly open: OpenCacheDB | undefined;
  private opening: Promise<IDBPDatabase<CacheSchema> | undefined> | undefined;
  private readonly writes = new Set<Promise<void>>();

  constructor(
    readonly source: AnalyticsDataSource,
    options: CacheOptions = {},
  ) {
    if (typeof source !== 'object' || source === null || typeof source.report !== 'function' || typeof source.rows !== 'function' || typeof source.diffReport !== 'function') {
      throw new AnalyticsError(ERROR_CODES.invalidQuery, `withCache() needs a data source (report, rows, diffReport), got ${describeValue(source)}`);
    }
    const o = checkOptionNames(OWNER, options, OPTION_NAMES);
    this.name = checkText(OWNER, 'name', o.name, 'jetonomy-analytics')!;
    this.ttlMs = o.ttlMs === undefined ? 10 * 60_000 : checkCount(OWNER, 'ttlMs', o.ttlMs, 0);
    this.maxEntries = checkCount(OWNER, 'maxEntries', o.maxEntries, 200);
    if (this.maxEntries < 1) throw new AnalyticsError(ERROR_CODES.invalidQuery, `${OWNER}: "maxEntries" must be at least 1, got 0`);
    this.sourceId = checkText(OWNER, 'sourceId', o.sourceId, undefined) ?? defaultSourceId(source);
    this.clock = checkFunction<() => number>(OWNER, 'now', o.now, Date.now);
    this.open = checkFunction<OpenCacheDB | undefined>(OWNER, 'openDB', o.openDB, undefined);
    let factory: IDBFactory | undefined;
    let unavailable = 'IndexedDB is not available';
    if ('indexedDB' in o) {
      factory = o.indexedDB as IDBFactory | undefined;
    } else {
      try {
        // Sandboxed frames and some privacy modes throw (SecurityError) on merely reading the global.
        factory = (globalThis as { indexedDB?: IDBFactory }).indexedDB;
      } catch (error) {
        unavailable = `IndexedDB is not available (${error instanceof Error ? `${error.name}: ${error.message}` : describeValue(error)})`;
      }
    }
    this.factory = factory;
    if (source.now) this.now = () => source.now!();
    if (!this.open && !this.factory) this.disabled = unavailable;
  }

  /** The wrapped source's time zone. */
  get timeZone(): string | undefined {
    return this.source.timeZone;
  }

  async report(q: ReportQuery): Promise<AnalyticsReport> {
    const report = await this.source.report(q);
    this.store(this.reportKey(q), report);
    return report;
  }

  /** The source's `reports` where it has one (one round trip), else its `report` for each; each answer is cached as `report`'s is. */
  async reports(queries: readonly Omit<ReportQuery, 'signal'>[], options: { signal?: AbortSignal } = {}): Promise<AnalyticsReport[]> {
    const answers = this.source.reports
      ? await this.source.reports(queries, options)
      : await Promise.all(queries.map((q) => this.source.report({ ...q, signal: options.signal })));
    if (!Array.isArray(answers) || answers.length !== queries.length) {
      throw new Error(`The data source answered ${Array.isArray(answers) ? answers.length : 'no list'} of the ${queries.length} reports asked for.`);
    }
    queries.forEach((q, i) => this.store(this.reportKey(q), answers[i]!));
    return answers;
  }

  async rows<T extends TableId>(table: T, q: RowsQuery): Promise<RowsPage<TableRows[T]>> {
    const page = await this.source.rows(table, q);
    this.store(this.rowsKey(table, q), page);
    return page;
  }

  async diffReport(q: { range: DateRange | RangePreset; signal?: AbortSignal }): Promise<DiffReport> {
    const diff = await this.source.diffReport(q);
    this.store(this.diffKey(q.range), diff);
    return diff;
  }

  /** The stored answer of `report(q)` while it is younger than `ttlMs`, else `undefined`. Never rejects. */
  cachedReport(q: ReportQuery): Promise<AnalyticsReport | undefined> {
    return this.read<AnalyticsReport>(this.reportKey(q));
  }

  /** The stored answer of `rows(table, q)` while it is younger than `ttlMs`, else `undefined`. Never rejects. */
  cachedRows<T extends TableId>(table: T, q: RowsQuery): Promise<RowsPage<TableRows[T]> | undefined> {
    return this.read<RowsPage<TableRows[T]>>(this.rowsKey(table, q));
  }

  /** The stored answer of `diffReport(q)` while it is younger than `ttlMs`, else `undefined`. Never rejects. */
  cachedDiffReport(q: { range: DateRange | RangePreset }): Promise<DiffReport | undefined> {
    return this.read<DiffReport>(this.diffKey(q.range));
  }

  /** Resolves when every write started so far has finished (or failed quietly). */
  async flush(): Promise<void> {
    while (this.writes.size > 0) await Promise.all([...this.writes]);
  }

  /** Closes the database connection after pending writes; the next call opens it again. */
  async close(): Promise<void> {
    await this.flush();
    const db = await this.opening;
    this.opening = undefined;
    db?.close();
  }

  // ---- keys ---------------------------------------------------------------------------------

  private key(kind: string, parts: ReadonlyArray<string | number>): string {
    return JSON.stringify([this.sourceId, kind, this.source.timeZone ?? '', ...parts]);
  }

  private reportKey(q: ReportQuery): string {
    return this.key('report', [q.range.start, q.range.end, q.path ?? 'direct', q.topN ?? 10]);
  }

  private rowsKey(table: TableId, q: RowsQuery): string {
    return this.key(`rows:${table}`, [q.range.start, q.range.end, q.path ?? 'direct', q.offset, q.limit]);
  }

  private diffKey(range: DateRange | RangePreset): string {
    // A preset names different days tomorrow; the age limit keeps that short.
    return this.key('diff', [typeof range === 'string' ? range : `${range.start}..${range.end}`]);
  }

  // ---- storage ------------------------------------------------------------------------------

  private turnOff(what: string, error?: unknown): void {
    if (this.disabled) return;
    const name = error instanceof Error || error instanceof DOMException ? error.name : '';
    this.disabled = name ? `${what}: ${name}` : what;
    const opening = this.opening;
    this.opening = Promise.resolve(undefined);
    void opening?.then((db) => db?.close(), () => undefined);
  }

  /** The open database, or `undefined` once the cache is off. Never rejects. */
  private db(): Promise<IDBPDatabase<CacheSchema> | undefined> {
    if (this.disabled) return Promise.resolve(undefined);
    this.opening ??= new Promise((resolve) => {
      const callbacks: OpenDBCallbacks<CacheSchema> = {
        upgrade(db) {
          const store = db.createObjectStore(STORE, { keyPath: 'key' });
          store.createIndex('at', 'at');
        },
        // Another tab holds an older version open: do without the cache rather than wait.
        blocked: () => {
          this.turnOff('opening was blocked');
          resolve(undefined);
        },
        // Another tab wants a newer version: let it have the database.
        blocking: () => this.turnOff('another page upgraded the database'),
        terminated: () => this.turnOff('the browser closed the database'),
      };
      let opened: Promise<IDBPDatabase<CacheSchema>>;
      try {
        opened = this.open ? this.open(this.name, VERSION, callbacks) : openWith(this.factory!, this.name, callbacks);
      } catch (error) {
        this.turnOff('opening failed', error);
        resolve(undefined);
        return;
      }
      opened.then(
        (db) => {
          if (this.disabled) {
            db.close();
            resolve(undefined);
          } else resolve(db);
        },
        (error: unknown) => {
          this.turnOff('opening failed', error);
          resolve(undefined);
        },
      );
    });
    return this.opening;
  }

  private async read<T>(key: string): Promise<T | undefined> {
    try {
      const db = await this.db();
      if (!db) return undefined;
      const entry = await db.get(STORE, key);
      if (!entry) return undefined;
      if (this.clock() - entry.at >= this.ttlMs || entry.at > this.clock()) {
        this.track(this.remove(key));
        return undefined;
      }
      return entry.value as T;
    } catch (error) {
      this.turnOff('reading failed', error);
      return undefined;
    }
  }

  private async remove(key: string): Promise<void> {
    try {
      const db = await this.db();
      await db?.delete(STORE, key);
    } catch (error) {
      this.turnOff('deleting failed', error);
    }
  }

  private store(key: string, value: unknown): void {
    if (this.disabled) return;
    this.track(this.write(key, value));
  }

  private async write(key: string, value: unknown): Promise<void> {
    try {
      const db = await this.db();
      if (!db) return;
      const tx = db.transaction(STORE, 'readwrite');
      const done = tx.done;
      // Settle `done` even when a request below throws first, so it is never left unhandled.
      done.catch(() => undefined);
      try {
        await tx.store.put({ key, at: this.clock(), value });
        let over = (await tx.store.count()) - this.maxEntries;
        if (over > 0) {
          let cursor = await tx.store.index('at').openCursor();
          while (cursor && over > 0) {
            await cursor.delete();
            over -= 1;
            cursor = await cursor.continue();
          }
        }
      } catch (error) {
        try {
          tx.abort();
        } catch {
          // Already finished or aborted.
        }
        throw error;
      }
      await done;
    } catch (error) {
      this.turnOff(isQuota(error) ? 'storage is full' : 'writing failed', error);
    }
  }

  private track(work: Promise<void>): void {
    this.writes.add(work);
    void work.finally(() => this.writes.delete(work));
  }
}

/**
 * Wraps `source` in an IndexedDB cache for stale-while-revalidate (see
 * `CachedDataSource`). Everything still reaches the source; the cache only
 * adds `cachedReport`, `cachedRows` and `cachedDiffReport`.
 */
export function withCache(source: AnalyticsDataSource, options: CacheOptions = {}): CachedDataSource {
  return new CachedDataSource(source, options);
}

/** Whether a data source can answer from a cache: it has `cachedReport` (a `CachedDataSource` does). */
export function hasCachedReport(source: AnalyticsDataSource): source is AnalyticsDataSource & Required<Pick<AnalyticsDataSource, 'cachedReport'>> {
  return typeof source.cachedReport === 'function';
}

function defaultSourceId(source: AnalyticsDataSource): string {
  const root = (source as { root?: unknown }).root;
  const where = typeof root === 'string' ? root : (source.timeZone ?? '');
  return `${source.constructor?.name ?? 'Object'}:${where}`;
}

function isQuota(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'QuotaExceededError';
}

/** `idb`'s `openDB` on a given factory (the global one is what `openDB` itself uses). */
function openWith(factory: IDBFactory, name: string, callbacks: OpenDBCallbacks<CacheSchema>): Promise<IDBPDatabase<CacheSchema>> {
  if (factory === (globalThis as { indexedDB?: IDBFactory }).indexedDB) return openDB<CacheSchema>(name, VERSION, callbacks);
  const request = factory.open(name, VERSION);
  request.addEventListener('upgradeneeded', (event) => {
    const db = wrap(request.result) as unknown as IDBPDatabase<CacheSchema>;
    callbacks.upgrade?.(db, event.oldVersion, event.newVersion, wrap(request.transaction!) as never, event);
  });
  request.addEventListener('blocked', (event) => callbacks.blocked?.(event.oldVersion, event.newVersion, event));
  return (wrap(request) as unknown as Promise<IDBPDatabase<CacheSchema>>).then((db) => {
    db.addEventListener('versionchange', (event) => callbacks.blocking?.(event.oldVersion, event.newVersion, event));
    db.addEventListener('close', () => callbacks.terminated?.());
    return db;
  });
}
