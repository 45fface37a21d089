import pLimit, { type LimitFunction } from 'p-limit';
import { AnalyticsError, ERROR_CODES, abortError } from '../model/errors.js';
import { checkCount, checkDuration, checkFunction, checkOptionNames, checkText } from '../model/options.js';
import { checkDiffQuery, checkReportQuery, checkRowsQuery } from '../model/query.js';
import { rangeLabel } from '../model/range.js';
import type { AnalyticsReport, DateRange, DiffReport, RangePreset, ReportQuery, RowsPage, RowsQuery, TableId } from '../model/report.js';
import { normalizeTimeZone } from '../model/time-zone.js';
import type { AnalyticsDataSource, TableRows } from './data-source.js';
import { invalidResponse, readWordPressError, validateDiffReport, validateReport, validateRows } from './rest-validate.js';
import { fromWireCase } from './wire-case.js';

/** The options of `new RestDataSource(options)`. */
export interface RestDataSourceOptions {
  /** The REST root, ending in `/`. Default `wpApiSettings.root`, else `/wp-json/`. */
  root?: string;
  /** The `wp_rest` nonce sent as `X-WP-Nonce`. Default `wpApiSettings.nonce`. */
  nonce?: string;
  /** The fetch to use. Default the global `fetch`. */
  fetch?: typeof fetch;
  /** How long one request may take, in ms. Default 15 000. */
  timeoutMs?: number;
  /** How many times a network error, 5xx or 429 is retried. Default 3. */
  retries?: number;
  /** Fetches a fresh nonce after `rest_cookie_invalid_nonce`. Default: WordPress's `admin-ajax.php?action=rest-nonce`. */
  refreshNonce?: () => Promise<string>;
  /** The site's time zone (IANA name or `±HH:MM`), where known; presets are resolved in it. */
  timeZone?: string;
  /** Waits `ms` before a retry, rejecting when `signal` aborts. Injectable so tests need not wait. */
  delay?: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
  /** How many requests of this source may be open at once, all calls together (1 to 64). Default 6, as browsers allow per host. */
  maxConcurrentRequests?: number;
  /** The largest answer body read, in bytes; a larger one fails with `rest_response_too_large`. Default 4 MiB. */
  maxResponseBytes?: number;
}

/** What WordPress puts on the page for its REST API (`wp_localize_script( 'wp-api', 'wpApiSettings', … )`). */
interface WpApiSettings {
  root?: unknown;
  nonce?: unknown;
}

const NAMESPACE = 'jetonomy/v1/analytics/';
const OWNER = 'RestDataSource';
const OPTION_NAMES = ['root', 'nonce', 'fetch', 'timeoutMs', 'retries', 'refreshNonce', 'timeZone', 'delay', 'maxConcurrentRequests', 'maxResponseBytes'] as const;
/** More retries than this only make a failing site slower to say so. */
const MAX_RETRIES = 10;
const MAX_PER_PAGE = 100;
/** Requests one `rows()` call may make: 10 000 rows at 100 a page. A table larger than that is read in several calls. */
const MAX_PAGES_PER_CALL = 100;
const DEFAULT_CONCURRENT_REQUESTS = 6;
const MAX_CONCURRENT_REQUESTS = 64;
const MiB = 1024 * 1024;
/** A report or a page is tens of kilobytes; 4 MiB leaves room for years of daily rows. */
const DEFAULT_MAX_RESPONSE_BYTES = 4 * MiB;
const MAX_RESPONSE_BYTES = 1024 * MiB;
const BACKOFF_BASE_MS = 250;
const MAX_RETRY_AFTER_MS = 30_000;
const INVALID_NONCE = 'rest_cookie_invalid_nonce';

type Params = Record<string, string | number>;

interface WireAnswer {
  body: unknown;
  headers: Headers;
}

/** A failure worth another try (network error, 5xx, 429), with the error to give up with. */
class Retryable {
  constructor(
    readonly error: AnalyticsError,
    readonly retryAfterMs?: number,
  ) {}
}

/**
 * A data source speaking the plugin's REST API (DESIGN section 6) with
 * WordPress cookie auth. Every answer is checked against the contract;
 * WordPress errors and malformed bodies become `AnalyticsError`s.
 */
export class RestDataSource implements AnalyticsDataSource {
  readonly root: string;
  readonly timeZone?: string;
  private nonce: string | undefined;
  private readonly fetchFn: typeof fetch;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly refreshNonceFn: () => Promise<string>;
  private readonly delay: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
  /** One refresh at a time, shared by the requests that met the stale nonce. */
  private refreshing: Promise<string> | undefined;
  /** The request slots, shared by every call of this source. */
  private readonly slots: LimitFunction;
  private readonly maxResponseBytes: number;

  constructor(options: RestDataSourceOptions = {}) {
    const o = checkOptionNames(OWNER, options, OPTION_NAMES);
    const settings = (globalThis as { wpApiSettings?: WpApiSettings }).wpApiSettings;
    const root = checkText(OWNER, 'root', o.root, typeof settings?.root === 'string' && settings.root !== '' ? settings.root : '/wp-json/')!;
    this.root = root.endsWith('/') ? root : `${root}/`;
    this.nonce = checkText(OWNER, 'nonce', o.nonce, typeof settings?.nonce === 'string' && settings.nonce !== '' ? settings.nonce : undefined);
    const fetchOption = checkFunction<typeof fetch | undefined>(OWNER, 'fetch', o.fetch, undefined);
    if (!fetchOption && typeof globalThis.fetch !== 'function') throw new AnalyticsError(ERROR_CODES.invalidQuery, 'RestDataSource needs a fetch function');
    // Called unbound, the global fetch throws "Illegal invocation" in browsers.
    this.fetchFn = fetchOption ?? ((input, init) => globalThis.fetch(input, init));
    this.timeoutMs = checkDuration(OWNER, 'timeoutMs', o.timeoutMs, 15_000);
    this.retries = checkCount(OWNER, 'retries', o.retries, 3, MAX_RETRIES);
    this.refreshNonceFn = checkFunction(OWNER, 'refreshNonce', o.refreshNonce, () => this.fetchNonce());
    this.delay = checkFunction(OWNER, 'delay', o.delay, sleep);
    this.slots = pLimit(checkCount(OWNER, 'maxConcurrentRequests', o.maxConcurrentRequests, DEFAULT_CONCURRENT_REQUESTS, MAX_CONCURRENT_REQUESTS, 1));
    this.maxResponseBytes = checkCount(OWNER, 'maxResponseBytes', o.maxResponseBytes, DEFAULT_MAX_RESPONSE_BYTES, MAX_RESPONSE_BYTES, 1);
    if (o.timeZone !== undefined) {
      try {
        this.timeZone = normalizeTimeZone(checkText(OWNER, 'timeZone', o.timeZone, undefined)!);
      } catch (error) {
        if (error instanceof AnalyticsError) throw error;
        throw new AnalyticsError(ERROR_CODES.invalidQuery, (error as Error).message, { cause: error });
      }
    }
  }

  async report(q: ReportQuery): Promise<AnalyticsReport> {
    const { range, path, topN } = checkReportQuery(q);
    const { body } = await this.get('report', { ...rangeParams(range), path, top_n: topN }, q.signal);
    const report = validateReport(fromWireCase(body));
    if (report.range.start !== range.start || report.range.end !== range.end || report.path !== path) {
      throw invalidResponse(`asked for ${range.start}..${range.end} on the ${path} path, the report is for ${report.range.start}..${report.range.end} on the ${report.path} path`);
    }
    return report;
  }

  async rows<T extends TableId>(table: T, q: RowsQuery): Promise<RowsPage<TableRows[T]>> {
    const { range, path, offset, limit } = checkRowsQuery(table, q);
    const perPage = pageSize(offset, Math.max(1, limit));
    const firstPage = Math.floor(offset / perPage) + 1;
    const params = { ...rangeParams(range), path, per_page: perPage };
    const fetchPage = async (page: number, signal: AbortSignal | undefined): Promise<{ total: number; rows: TableRows[T][] }> => {
      const answer = await this.get(table, { ...params, page }, signal);
      const rows = validateRows(table, fromWireCase(answer.body));
      const total = checkedTotal(answer.headers, page, perPage, rows.length);
      return { total, rows };
    };

    const first = await fetchPage(firstPage, q.signal);
    const total = first.total;
    const end = Math.min(offset + limit, total);
    const lastPage = end <= offset ? firstPage : Math.floor((end - 1) / perPage) + 1;
    const pages = lastPage - firstPage + 1;
    if (pages > MAX_PAGES_PER_CALL) {
      throw new AnalyticsError(
        'rest_too_many_pages',
        `Reading rows ${offset} to ${end - 1} of ${table} needs ${pages} requests of ${perPage} rows (the server says it has ${total} rows); one call makes at most ${MAX_PAGES_PER_CALL}. Ask for fewer rows at a time, paging with offset and limit.`,
      );
    }
    const rest: number[] = [];
    for (let page = firstPage + 1; page <= lastPage; page++) rest.push(page);
    // The other pages in parallel, as many at once as the source's slots allow; the first failure cancels the rest.
    // The call's own queue keeps the pages that wait for a slot from each listening to the signal.
    const siblings = new AbortController();
    const signal = q.signal ? AbortSignal.any([q.signal, siblings.signal]) : siblings.signal;
    const lanes = pLimit(this.slots.concurrency);
    const more = await Promise.all(
      rest.map((page) =>
        lanes(() => fetchPage(page, signal)).catch((error: unknown) => {
          siblings.abort(error);
          throw error;
        }),
      ),
    ).catch((error: unknown) => {
      throw q.signal?.aborted ? abortError(q.signal) : error;
    });
    for (const [index, page] of more.entries()) {
      if (page.total !== total) throw invalidResponse(`X-WP-Total was ${total} on page ${firstPage} and ${page.total} on page ${rest[index]}`);
    }
    const all = [first, ...more].flatMap((page) => page.rows);
    const skip = offset - (firstPage - 1) * perPage;
    return { total, rows: limit === 0 ? [] : all.slice(skip, skip + limit) };
  }

  async diffReport(q: { range: DateRange | RangePreset; signal?: AbortSignal }): Promise<DiffReport> {
    const { range } = checkDiffQuery(q);
    const { body } = await this.get('diff-report', typeof range === 'string' ? { range } : rangeParams(range), q.signal);
    const report = validateDiffReport(body);
    const asked = rangeLabel(range);
    if (report.range !== asked) throw invalidResponse(`asked for the range "${asked}", the diff report is for "${report.range}"`);
    return report;
  }

  /** The URL of an endpoint with its query. */
  url(endpoint: string, params: Params): string {
    const base = `${this.root}${NAMESPACE}${endpoint}`;
    const query = new URLSearchParams(Object.entries(params).map(([key, value]) => [key, String(value)])).toString();
    // A root such as `/?rest_route=/` (plain permalinks) already has a query.
    return query === '' ? base : `${base}${base.includes('?') ? '&' : '?'}${query}`;
  }

  /** GET with retries, and one nonce refresh and replay on `rest_cookie_invalid_nonce`. */
  private async get(endpoint: string, params: Params, signal: AbortSignal | undefined): Promise<WireAnswer> {
    const url = this.url(endpoint, params);
    let refreshed = false;
    for (;;) {
      const sentNonce = this.nonce;
      try {
        return await this.getWithRetries(url, signal);
      } catch (error) {
        if (!(error instanceof AnalyticsError) || error.code !== INVALID_NONCE) throw error;
        if (refreshed) throw sessionExpired(error);
        refreshed = true;
        // Another request may have refreshed it meanwhile: then just replay.
        if (this.nonce === sentNonce) await this.refresh(signal, error);
      }
    }
  }

  private async refresh(signal: AbortSignal | undefined, cause: AnalyticsError): Promise<void> {
    this.refreshing ??= this.refreshNonceFn().finally(() => {
      this.refreshing = undefined;
    });
    let nonce: string;
    try {
      nonce = await this.refreshing;
    } catch (error) {
      if (signal?.aborted) throw abortError(signal);
      throw sessionExpired(error);
    }
    if (signal?.aborted) throw abortError(signal);
    if (typeof nonce !== 'string' || nonce === '') throw sessionExpired(cause);
    this.nonce = nonce;
  }

  private async getWithRetries(url: string, signal: AbortSignal | undefined): Promise<WireAnswer> {
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.attempt(url, signal);
      if (!(outcome instanceof Retryable)) return outcome;
      if (attempt >= this.retries) throw outcome.error;
      // Full jitter: a random wait up to base · 2^attempt, or what Retry-After asks.
      const wait = outcome.retryAfterMs ?? Math.random() * BACKOFF_BASE_MS * 2 ** attempt;
      await this.delay(wait, signal);
      if (signal?.aborted) throw abortError(signal);
    }
  }

  /** One request: the answer, a Retryable failure, or a thrown final error. */
  private async attempt(url: string, signal: AbortSignal | undefined): Promise<WireAnswer | Retryable> {
    if (signal?.aborted) throw abortError(signal);
    const exchange = await this.inTurn(signal, () => this.exchange(url, signal));
    if (exchange instanceof Retryable) return exchange;
    const { response, text } = exchange;
    const parsed = parseJson(text);
    if (response.ok) {
      if (parsed === undefined) throw invalidResponse(`the body is not JSON (${describeBody(response, text)})`);
      return { body: parsed.value, headers: response.headers };
    }
    const wpError = parsed === undefined ? undefined : readWordPressError(parsed.value);
    const error = wpError
      ? new AnalyticsError(wpError.code, wpError.message, { status: wpError.status ?? response.status })
      : new AnalyticsError('rest_http_error', `The server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`, {
          status: response.status,
        });
    if (response.status >= 500 || response.status === 429) return new Retryable(error, retryAfter(response.headers));
    throw error;
  }

  /**
   * Runs `work` in one of the source's request slots (`maxConcurrentRequests`),
   * so a table of many pages never floods the server. A caller that aborts
   * while it waits for a slot rejects at once; its turn, when it comes, sends nothing.
   */
  private inTurn<T>(signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
    const turn = this.slots(() => (signal?.aborted ? Promise.reject(abortError(signal)) : work()));
    if (!signal) return turn;
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => reject(abortError(signal));
      signal.addEventListener('abort', onAbort, { once: true });
      void turn.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  /** Sends one request and reads its body (within `maxResponseBytes`); the time-out runs from the moment it is sent. */
  private async exchange(url: string, signal: AbortSignal | undefined): Promise<{ response: Response; text: string } | Retryable> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.nonce !== undefined) headers['X-WP-Nonce'] = this.nonce;
    try {
      const response = await this.fetchFn(url, {
        method: 'GET',
        credentials: 'same-origin',
        headers,
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      return { response, text: await readBody(response, this.maxResponseBytes) };
    } catch (error) {
      if (signal?.aborted) throw abortError(signal);
      if (error instanceof AnalyticsError) throw error;
      if (timeout.aborted) {
        throw new AnalyticsError('rest_timeout', `The server did not answer within ${describeDuration(this.timeoutMs)}.`, { cause: error });
      }
      return new Retryable(new AnalyticsError('rest_network_error', 'Could not reach the server. Check the connection and try again.', { cause: error }));
    }
  }

  /** WordPress hands a fresh REST nonce to a signed-in user at `admin-ajax.php?action=rest-nonce`. */
  private async fetchNonce(): Promise<string> {
    const response = await this.fetchFn(adminAjaxUrl(this.root), {
      method: 'GET',
      credentials: 'same-origin',
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const nonce = (await readBody(response, this.maxResponseBytes)).trim();
    // WordPress answers "0" (or "-1") when the session is gone.
    if (!response.ok || !/^[A-Za-z0-9]{4,}$/.test(nonce)) throw new AnalyticsError('rest_nonce_refresh_failed', 'Could not renew the session.');
    return nonce;
  }
}

function sessionExpired(cause: unknown): AnalyticsError {
  return new AnalyticsError('session_expired', 'Your session has expired. Reload the page and sign in again.', { status: 403, cause });
}

/** `${root}../wp-admin/admin-ajax.php?action=rest-nonce`, resolved (the REST root sits beside wp-admin). */
function adminAjaxUrl(root: string): string {
  const target = '../wp-admin/admin-ajax.php?action=rest-nonce';
  if (/^[a-z][a-z\d+.-]*:/i.test(root)) return new URL(target, root).href;
  const resolved = new URL(target, new URL(root, 'http://site.invalid'));
  return `${resolved.pathname}${resolved.search}`;
}

function rangeParams(range: DateRange): Params {
  return { start: range.start, end: range.end };
}

/**
 * The page size (≤ 100) whose pages cover [offset, offset + limit) in the
 * fewest requests, and of those the fewest rows sent.
 */
function pageSize(offset: number, limit: number): number {
  let best = MAX_PER_PAGE;
  let bestPages = Infinity;
  for (let size = 1; size <= MAX_PER_PAGE; size++) {
    const pages = Math.floor((offset + limit - 1) / size) - Math.floor(offset / size) + 1;
    if (pages < bestPages || (pages === bestPages && size < best)) {
      best = size;
      bestPages = pages;
    }
  }
  return best;
}

/** X-WP-Total, checked against X-WP-TotalPages and against the rows the page holds. */
function checkedTotal(headers: Headers, page: number, perPage: number, rowCount: number): number {
  const totalText = headers.get('X-WP-Total');
  if (totalText === null || !/^\d+$/.test(totalText.trim()) || !Number.isSafeInteger(Number(totalText))) {
    throw invalidResponse(`the header X-WP-Total must be a whole number ≥ 0, got ${totalText === null ? 'none' : JSON.stringify(totalText)}`);
  }
  const total = Number(totalText);
  const pagesText = headers.get('X-WP-TotalPages');
  if (pagesText !== null) {
    const pages = Math.ceil(total / perPage);
    const pagesSent = /^\d+$/.test(pagesText.trim()) ? Number(pagesText) : NaN;
    // WordPress itself says 0 pages for 0 rows; the plugin says at least 1.
    if (!(pagesSent === pages || (total === 0 && pagesSent === 1))) {
      throw invalidResponse(`the header X-WP-TotalPages says ${JSON.stringify(pagesText)}, but X-WP-Total ${total} at ${perPage} per page makes ${pages}`);
    }
  }
  const expected = Math.min(perPage, Math.max(0, total - (page - 1) * perPage));
  if (rowCount !== expected) {
    throw invalidResponse(`page ${page} holds ${rowCount} rows, but X-WP-Total ${total} at ${perPage} per page means ${expected}`);
  }
  return total;
}

/**
 * A body as text, read as a stream and given up (the stream cancelled) once
 * it passes `limit` bytes, or at once when its Content-Length says it will.
 */
async function readBody(response: Response, limit: number): Promise<string> {
  const declared = Number(response.headers.get('Content-Length') ?? NaN);
  if (declared > limit) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(response, limit);
  }
  if (!response.body) return response.text();
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let bytes = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    bytes += value.byteLength;
    if (bytes > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(response, limit);
    }
    text += decoder.decode(value, { stream: true });
  }
}

function tooLarge(response: Response, limit: number): AnalyticsError {
  return new AnalyticsError(
    'rest_response_too_large',
    `The server's answer is larger than ${describeBytes(limit)}, the most one answer may be (maxResponseBytes); it was not read further.`,
    { status: response.status },
  );
}

/** 4194304 → "4 MiB", 65536 → "64 KiB", 1000000 → "1000000 bytes". */
function describeBytes(bytes: number): string {
  if (bytes % MiB === 0) return `${bytes / MiB} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return bytes === 1 ? '1 byte' : `${bytes} bytes`;
}

/** 50 → "50 ms", 1000 → "1 second", 1500 → "1.5 seconds": exact, never rounded. */
function describeDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const seconds = ms / 1000;
  return seconds === 1 ? '1 second' : `${seconds} seconds`;
}

function parseJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

function describeBody(response: Response, text: string): string {
  const type = response.headers.get('Content-Type');
  const start = text.trim().slice(0, 40);
  return `${type ? `${type.split(';')[0]}, ` : ''}${start === '' ? 'empty' : `starting ${JSON.stringify(start)}`}`;
}

function retryAfter(headers: Headers): number | undefined {
  const value = headers.get('Retry-After');
  if (value === null || !/^\d+$/.test(value.trim())) return undefined;
  return Math.min(Number(value) * 1000, MAX_RETRY_AFTER_MS);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortError(signal!));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

