import { expect } from '@open-wc/testing';
import { analyticsError, fixtureSource, rejection } from '../internal/test-fixtures.js';
import { AnalyticsError } from '../model/errors.js';
import type { DateRange, Path, TableId } from '../model/report.js';
import type { MemoryDataSource } from './memory-data-source.js';
import { RestDataSource, type RestDataSourceOptions } from './rest-data-source.js';
import { toWire } from './wire-case.js';

const ROOT = '/wp-json/';
const BASE = `${ROOT}jetonomy/v1/analytics/`;
const NONCE = 'n0nce12345';
const TABLES: TableId[] = ['daily', 'top-spaces', 'top-contributors'];
const PATHS: Path[] = ['direct', 'aggregate'];
const RANGES: DateRange[] = [
  { start: '2026-11-01', end: '2026-11-24' },
  { start: '2026-08-01', end: '2026-11-24' },
  { start: '2026-10-15', end: '2026-10-15' },
  { start: '2025-01-01', end: '2025-01-31' },
];

interface Call {
  url: string;
  init: RequestInit;
}

type Step = (url: URL, init: RequestInit) => Response | Promise<Response>;

const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json; charset=UTF-8', ...headers } });

const wpError = (code: string, message: string, status: number): Response => json({ code, message, data: { status } }, status);

/** Waits until the request's signal aborts, then rejects as fetch does. */
const hang: Step = (_url, init) =>
  new Promise((_resolve, reject) => {
    const signal = init.signal!;
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });

/**
 * A fake WordPress: serves the REST contract from a MemoryDataSource,
 * checks the nonce, and lets a test script the first answers.
 */
function fakeWordPress(source: MemoryDataSource, options: { nonce?: string; steps?: Step[] } = {}) {
  const calls: Call[] = [];
  const steps = [...(options.steps ?? [])];
  let nonce = options.nonce ?? NONCE;
  const serve = async (url: URL, init: RequestInit): Promise<Response> => {
    if (url.pathname.endsWith('/wp-admin/admin-ajax.php') && url.searchParams.get('action') === 'rest-nonce') {
      return new Response(nonce, { headers: { 'Content-Type': 'text/plain' } });
    }
    if (new Headers(init.headers).get('X-WP-Nonce') !== nonce) return wpError('rest_cookie_invalid_nonce', 'Cookie check failed', 403);
    if (!url.pathname.startsWith(BASE)) return wpError('rest_no_route', 'No route was found matching the URL and request method.', 404);
    const endpoint = url.pathname.slice(BASE.length);
    const q = url.searchParams;
    const range = { start: q.get('start') ?? '', end: q.get('end') ?? '' };
    const path = (q.get('path') ?? 'direct') as Path;
    if (endpoint === 'report') return json(toWire(await source.report({ range, path, topN: Number(q.get('top_n') ?? 10) })));
    if (endpoint === 'diff-report') {
      const preset = q.get('range');
      return json(await source.diffReport({ range: preset ? (preset as '30d') : range }));
    }
    if ((TABLES as string[]).includes(endpoint)) {
      const page = Number(q.get('page') ?? 1);
      const perPage = Number(q.get('per_page') ?? 10);
      if (!(perPage >= 1 && perPage <= 100)) return wpError('rest_invalid_param', 'Invalid parameter(s): per_page', 400);
      if (!(page >= 1)) return wpError('rest_invalid_param', 'Invalid parameter(s): page', 400);
      const answer = await source.rows(endpoint as TableId, { range, path, offset: (page - 1) * perPage, limit: perPage });
      return json(toWire(answer.rows), 200, {
        'X-WP-Total': String(answer.total),
        'X-WP-TotalPages': String(Math.max(1, Math.ceil(answer.total / perPage))),
      });
    }
    return wpError('rest_no_route', 'No route was found matching the URL and request method.', 404);
  };
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = String(input);
    calls.push({ url, init });
    if (init.signal?.aborted) throw init.signal.reason;
    const parsed = new URL(url, 'http://site.invalid');
    const step = steps.shift();
    return step ? step(parsed, init) : serve(parsed, init);
  };
  return {
    fetch: fetch as typeof globalThis.fetch,
    calls,
    /** Makes the server's nonce change, as when the old one expires. */
    rotateNonce(next: string) {
      nonce = next;
    },
  };
}

/**
 * A server whose daily table claims `total` rows: it answers each page after
 * `latencyMs`, and counts the requests and how many were open at once.
 */
function countingServer(total: number, latencyMs = 5) {
  const stats = { requests: 0, inFlight: 0, maxInFlight: 0 };
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    stats.requests++;
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    try {
      await new Promise((resolve) => setTimeout(resolve, latencyMs));
      if (init.signal?.aborted) throw init.signal.reason;
      const q = new URL(String(input), 'http://site.invalid').searchParams;
      const page = Number(q.get('page'));
      const perPage = Number(q.get('per_page'));
      const count = Math.max(0, Math.min(perPage, total - (page - 1) * perPage));
      const rows = Array.from({ length: count }, (_, i) => ({ date: '2026-11-01', posts: (page - 1) * perPage + i, replies: 0 }));
      return json(rows, 200, { 'X-WP-Total': String(total), 'X-WP-TotalPages': String(Math.max(1, Math.ceil(total / perPage))) });
    } finally {
      stats.inFlight--;
    }
  };
  return { fetch: fetch as typeof globalThis.fetch, stats };
}

/** A 200 answer whose body is `bytes` long, made on demand in 64 KiB chunks; `pulled` counts the bytes the reader took. */
function bigBody(bytes: number, headers: Record<string, string> = {}) {
  const chunk = new TextEncoder().encode(' '.repeat(64 * 1024));
  const counter = { pulled: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const size = Math.min(chunk.byteLength, bytes - counter.pulled);
        if (size <= 0) return controller.close();
        counter.pulled += size;
        controller.enqueue(chunk.slice(0, size));
      },
      cancel() {
        counter.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { response: new Response(body, { status: 200, headers: { 'Content-Type': 'application/json', ...headers } }), counter };
}

describe('RestDataSource', () => {
  let memory: MemoryDataSource;
  const delays: number[] = [];
  const delay = async (ms: number): Promise<void> => {
    delays.push(ms);
  };

  before(async () => {
    memory = await fixtureSource();
  });
  after(() => memory.close());
  beforeEach(() => {
    delays.length = 0;
  });

  function rest(server: ReturnType<typeof fakeWordPress>, options: RestDataSourceOptions = {}): RestDataSource {
    return new RestDataSource({ root: ROOT, nonce: NONCE, fetch: server.fetch, delay, ...options });
  }

  describe('answers exactly as the memory source', () => {
    it('report, on both paths and several ranges', async () => {
      const server = fakeWordPress(memory);
      const source = rest(server);
      for (const range of RANGES) {
        for (const path of PATHS) {
          expect(await source.report({ range, path }), `${range.start}..${range.end} ${path}`).to.deep.equal(await memory.report({ range, path }));
        }
      }
      expect(await source.report({ range: RANGES[0]!, topN: 3 })).to.deep.equal(await memory.report({ range: RANGES[0]!, topN: 3 }));
    });

    it('sends the nonce, cookies and the query as the contract says', async () => {
      const server = fakeWordPress(memory);
      await rest(server).report({ range: RANGES[0]!, path: 'aggregate', topN: 5 });
      const [call] = server.calls;
      expect(call!.url).to.equal(`${BASE}report?start=2026-11-01&end=2026-11-24&path=aggregate&top_n=5`);
      expect(call!.init.credentials).to.equal('same-origin');
      const headers = new Headers(call!.init.headers);
      expect(headers.get('X-WP-Nonce')).to.equal(NONCE);
      expect(headers.get('Accept')).to.equal('application/json');
    });

    it('rows: all rows of every table, through every page', async () => {
      const server = fakeWordPress(memory);
      const source = rest(server);
      for (const range of RANGES.slice(0, 2)) {
        for (const path of PATHS) {
          for (const table of TABLES) {
            const { total } = await memory.rows(table, { range, path, offset: 0, limit: 0 });
            const expected = await memory.rows(table, { range, path, offset: 0, limit: total + 5 });
            server.calls.length = 0;
            const actual = await source.rows(table, { range, path, offset: 0, limit: total + 5 });
            expect(actual, `${table} ${path}`).to.deep.equal(expected);
            for (const call of server.calls) expect(Number(new URL(call.url, 'http://site.invalid').searchParams.get('per_page'))).to.be.within(1, 100);
            expect(server.calls.length).to.equal(Math.max(1, Math.ceil((total + 5) / 100)));
          }
        }
      }
    });

    it('rows: odd offsets and limits across page boundaries', async () => {
      const server = fakeWordPress(memory);
      const source = rest(server);
      const range = RANGES[1]!;
      for (const table of TABLES) {
        const { total } = await memory.rows(table, { range, offset: 0, limit: 0 });
        const windows: [number, number][] = [
          [0, 1],
          [95, 10],
          [37, 150],
          [99, 2],
          [101, 99],
          [Math.max(0, total - 1), 5],
          [total + 3, 4],
          [3, 0],
        ];
        for (const [offset, limit] of windows) {
          for (const path of PATHS) {
            const expected = await memory.rows(table, { range, path, offset, limit });
            expect(await source.rows(table, { range, path, offset, limit }), `${table} ${path} ${offset}+${limit}`).to.deep.equal(expected);
          }
        }
      }
    });

    it('diffReport, for presets and dates', async () => {
      const source = rest(fakeWordPress(memory));
      for (const range of ['7d', '30d', '90d', 'this_month', 'last_month'] as const) {
        expect(await source.diffReport({ range }), range).to.deep.equal(await memory.diffReport({ range }));
      }
      for (const range of RANGES) expect(await source.diffReport({ range })).to.deep.equal(await memory.diffReport({ range }));
    });

    it('asks diff-report with ?range= for a preset and ?start&end for dates', async () => {
      const server = fakeWordPress(memory);
      const source = rest(server);
      await source.diffReport({ range: '30d' });
      await source.diffReport({ range: RANGES[0]! });
      expect(server.calls.map((call) => call.url)).to.deep.equal([`${BASE}diff-report?range=30d`, `${BASE}diff-report?start=2026-11-01&end=2026-11-24`]);
    });
  });

  describe('WordPress errors', () => {
    it('400 keeps code and message and is not retried', async () => {
      const server = fakeWordPress(memory, { steps: [() => wpError('rest_invalid_param', 'Invalid parameter(s): start', 400)] });
      const error = await analyticsError(rest(server).report({ range: RANGES[0]! }));
      expect(error.toJSON()).to.deep.equal({ code: 'rest_invalid_param', message: 'Invalid parameter(s): start', status: 400 });
      expect(server.calls.length).to.equal(1);
      expect(delays).to.deep.equal([]);
    });

    it('401 and 404 are not retried', async () => {
      for (const [code, status] of [
        ['rest_not_logged_in', 401],
        ['rest_no_route', 404],
      ] as const) {
        const server = fakeWordPress(memory, { steps: [() => wpError(code, `the ${code} message`, status)] });
        const error = await analyticsError(rest(server).rows('daily', { range: RANGES[0]!, offset: 0, limit: 10 }));
        expect(error.toJSON()).to.deep.equal({ code, message: `the ${code} message`, status });
        expect(server.calls.length).to.equal(1);
      }
    });

    it('a 4xx without a WordPress body keeps its status', async () => {
      const server = fakeWordPress(memory, { steps: [() => new Response('<h1>Forbidden</h1>', { status: 403, statusText: 'Forbidden' })] });
      const error = await analyticsError(rest(server).report({ range: RANGES[0]! }));
      expect(error.code).to.equal('rest_http_error');
      expect(error.status).to.equal(403);
    });

    it('an invalid nonce is refreshed once and the request replayed', async () => {
      const server = fakeWordPress(memory);
      server.rotateNonce('fresh67890');
      let refreshes = 0;
      const source = rest(server, {
        refreshNonce: async () => {
          refreshes++;
          return 'fresh67890';
        },
      });
      expect(await source.report({ range: RANGES[0]! })).to.deep.equal(await memory.report({ range: RANGES[0]! }));
      expect(refreshes).to.equal(1);
      expect(server.calls.map((call) => new Headers(call.init.headers).get('X-WP-Nonce'))).to.deep.equal([NONCE, 'fresh67890']);
      // The fresh nonce is kept for later requests.
      await source.report({ range: RANGES[1]! });
      expect(refreshes).to.equal(1);
    });

    it('by default the nonce comes from admin-ajax.php?action=rest-nonce beside the REST root', async () => {
      const server = fakeWordPress(memory);
      server.rotateNonce('fresh67890');
      await rest(server).report({ range: RANGES[0]! });
      expect(server.calls.map((call) => call.url)).to.deep.equal([
        `${BASE}report?start=2026-11-01&end=2026-11-24&path=direct&top_n=10`,
        '/wp-admin/admin-ajax.php?action=rest-nonce',
        `${BASE}report?start=2026-11-01&end=2026-11-24&path=direct&top_n=10`,
      ]);
    });

    it('an invalid nonce twice means the session expired', async () => {
      const server = fakeWordPress(memory);
      server.rotateNonce('other12345');
      let refreshes = 0;
      const source = rest(server, {
        refreshNonce: async () => {
          refreshes++;
          return 'still-wrong';
        },
      });
      const error = await analyticsError(source.report({ range: RANGES[0]! }));
      expect(error.toJSON()).to.deep.equal({ code: 'session_expired', message: 'Your session has expired. Reload the page and sign in again.', status: 403 });
      expect(refreshes).to.equal(1);
      expect(server.calls.length).to.equal(2);
    });

    it('a failing nonce refresh also means the session expired', async () => {
      const server = fakeWordPress(memory);
      server.rotateNonce('other12345');
      const source = rest(server, { refreshNonce: () => Promise.reject(new Error('logged out')) });
      expect((await analyticsError(source.report({ range: RANGES[0]! }))).code).to.equal('session_expired');
    });
  });

  describe('retries', () => {
    it('500 then success: retried after a jittered delay', async () => {
      const server = fakeWordPress(memory, { steps: [() => wpError('internal_server_error', 'Boom', 500)] });
      expect(await rest(server).report({ range: RANGES[0]! })).to.deep.equal(await memory.report({ range: RANGES[0]! }));
      expect(server.calls.length).to.equal(2);
      expect(delays.length).to.equal(1);
      expect(delays[0]).to.be.within(0, 250);
    });

    it('500 four times: gives up after 3 retries with the server error', async () => {
      const fail: Step = () => wpError('internal_server_error', 'Boom', 500);
      const server = fakeWordPress(memory, { steps: [fail, fail, fail, fail, fail] });
      const error = await analyticsError(rest(server).report({ range: RANGES[0]! }));
      expect(error.toJSON()).to.deep.equal({ code: 'internal_server_error', message: 'Boom', status: 500 });
      expect(server.calls.length).to.equal(4);
      expect(delays.length).to.equal(3);
      delays.forEach((ms, attempt) => expect(ms).to.be.within(0, 250 * 2 ** attempt));
    });

    it('honours the retries option', async () => {
      const fail: Step = () => new Response('Bad gateway', { status: 502 });
      const server = fakeWordPress(memory, { steps: [fail, fail] });
      const error = await analyticsError(rest(server, { retries: 1 }).report({ range: RANGES[0]! }));
      expect(error.code).to.equal('rest_http_error');
      expect(error.status).to.equal(502);
      expect(server.calls.length).to.equal(2);
    });

    it('429 is retried, waiting as Retry-After asks', async () => {
      const server = fakeWordPress(memory, { steps: [() => json({ code: 'too_many_requests', message: 'Slow down', data: { status: 429 } }, 429, { 'Retry-After': '2' })] });
      expect(await rest(server).diffReport({ range: '7d' })).to.deep.equal(await memory.diffReport({ range: '7d' }));
      expect(delays).to.deep.equal([2000]);
    });

    it('a network error is retried', async () => {
      const offline: Step = () => Promise.reject(new TypeError('Failed to fetch'));
      const server = fakeWordPress(memory, { steps: [offline, offline] });
      expect(await rest(server).rows('top-spaces', { range: RANGES[0]!, offset: 0, limit: 5 })).to.deep.equal(
        await memory.rows('top-spaces', { range: RANGES[0]!, offset: 0, limit: 5 }),
      );
      expect(server.calls.length).to.equal(3);
    });

    it('a network error every time ends in rest_network_error', async () => {
      const offline: Step = () => Promise.reject(new TypeError('Failed to fetch'));
      const server = fakeWordPress(memory, { steps: [offline, offline, offline, offline] });
      const error = await analyticsError(rest(server).report({ range: RANGES[0]! }));
      expect(error.code).to.equal('rest_network_error');
      expect(error.cause).to.be.instanceOf(TypeError);
    });
  });

  describe('time-outs and aborts', () => {
    it('a request that takes too long times out', async () => {
      const server = fakeWordPress(memory, { steps: [hang] });
      const error = await analyticsError(rest(server, { timeoutMs: 50 }).report({ range: RANGES[0]! }));
      expect(error.toJSON()).to.deep.equal({ code: 'rest_timeout', message: 'The server did not answer within 50 ms.' });
      expect(server.calls.length).to.equal(1);
    });

    it('an abort mid-flight rejects with the AbortError and is not retried', async () => {
      const server = fakeWordPress(memory, { steps: [hang] });
      const controller = new AbortController();
      const pending = rest(server).report({ range: RANGES[0]!, signal: controller.signal });
      await new Promise((resolve) => setTimeout(resolve, 10));
      controller.abort();
      const error = (await rejection(pending)) as DOMException;
      expect(error.name).to.equal('AbortError');
      expect(server.calls.length).to.equal(1);
      expect(delays).to.deep.equal([]);
    });

    it('an abort during the retry wait stops the retries', async () => {
      const controller = new AbortController();
      const server = fakeWordPress(memory, { steps: [() => wpError('internal_server_error', 'Boom', 500)] });
      const source = rest(server, {
        delay: async () => {
          controller.abort();
        },
      });
      const error = (await rejection(source.report({ range: RANGES[0]!, signal: controller.signal }))) as DOMException;
      expect(error.name).to.equal('AbortError');
      expect(server.calls.length).to.equal(1);
    });

    it('an already aborted signal sends nothing', async () => {
      const server = fakeWordPress(memory);
      const error = (await rejection(rest(server).diffReport({ range: '30d', signal: AbortSignal.abort() }))) as DOMException;
      expect(error.name).to.equal('AbortError');
      expect(server.calls.length).to.equal(0);
    });
  });

  describe('bounded network use', () => {
    const DAY: DateRange = { start: '2026-11-01', end: '2026-11-24' };
    const MiB = 1024 * 1024;

    it('a table claiming 100 000 rows is refused after its first page, not fanned out', async () => {
      const server = countingServer(100_000);
      const source = new RestDataSource({ root: ROOT, fetch: server.fetch, delay });
      const error = await analyticsError(source.rows('daily', { range: DAY, offset: 0, limit: 100_000 }));
      expect(error.code).to.equal('rest_too_many_pages');
      expect(error.message).to.equal(
        'Reading rows 0 to 99999 of daily needs 1000 requests of 100 rows (the server says it has 100000 rows); one call makes at most 100. Ask for fewer rows at a time, paging with offset and limit.',
      );
      expect(server.stats.requests).to.equal(1);
    });

    it('the pages of one call: at most 6 requests in flight, each page asked once', async () => {
      const server = countingServer(3000);
      const source = new RestDataSource({ root: ROOT, fetch: server.fetch, delay });
      const page = await source.rows('daily', { range: DAY, offset: 0, limit: 3000 });
      expect(page.total).to.equal(3000);
      expect(page.rows.map((row) => row.posts)).to.deep.equal(Array.from({ length: 3000 }, (_, i) => i));
      expect(server.stats.requests).to.equal(30);
      expect(server.stats.maxInFlight).to.equal(6);
    });

    it('maxConcurrentRequests caps the requests of all calls of the source together', async () => {
      const server = countingServer(1000);
      const source = new RestDataSource({ root: ROOT, fetch: server.fetch, delay, maxConcurrentRequests: 2 });
      const pages = await Promise.all([
        source.rows('daily', { range: DAY, offset: 0, limit: 1000 }),
        source.rows('daily', { range: DAY, offset: 500, limit: 500 }),
        source.rows('daily', { range: DAY, offset: 10, limit: 5 }),
      ]);
      expect(pages.map((page) => page.rows.length)).to.deep.equal([1000, 500, 5]);
      expect(server.stats.requests).to.equal(10 + 5 + 1);
      expect(server.stats.maxInFlight).to.equal(2);
    });

    it('a call aborted while it waits for a free slot rejects at once and sends nothing', async () => {
      const server = fakeWordPress(memory, { steps: [hang] });
      const source = rest(server, { maxConcurrentRequests: 1 });
      const first = new AbortController();
      const blocking = source.report({ range: RANGES[0]!, signal: first.signal });
      const second = new AbortController();
      const waiting = source.report({ range: RANGES[1]!, signal: second.signal });
      await new Promise((resolve) => setTimeout(resolve, 10));
      second.abort();
      expect(((await rejection(waiting)) as DOMException).name).to.equal('AbortError');
      expect(server.calls.length).to.equal(1);
      first.abort();
      expect(((await rejection(blocking)) as DOMException).name).to.equal('AbortError');
    });

    it('the time-out counts from when a request is sent, not while it waits for a slot', async () => {
      const server = countingServer(300, 120);
      const source = new RestDataSource({ root: ROOT, fetch: server.fetch, delay, maxConcurrentRequests: 1, timeoutMs: 300 });
      const started = performance.now();
      expect((await source.rows('daily', { range: DAY, offset: 0, limit: 300 })).rows.length).to.equal(300);
      expect(performance.now() - started).to.be.greaterThan(300);
      expect(server.stats.maxInFlight).to.equal(1);
    });

    it('a 50 MB body is refused once 4 MiB were read, and not retried', async () => {
      let big: ReturnType<typeof bigBody> | undefined;
      const server = fakeWordPress(memory, {
        steps: [
          () => {
            big = bigBody(50_000_000);
            return big.response;
          },
        ],
      });
      const error = await analyticsError(rest(server).report({ range: RANGES[0]! }));
      expect(error.toJSON()).to.deep.equal({
        code: 'rest_response_too_large',
        message: "The server's answer is larger than 4 MiB, the most one answer may be (maxResponseBytes); it was not read further.",
        status: 200,
      });
      expect(big!.counter.pulled).to.be.greaterThan(4 * MiB);
      expect(big!.counter.pulled).to.be.at.most(4 * MiB + 64 * 1024);
      expect(big!.counter.cancelled).to.equal(true);
      expect(server.calls.length).to.equal(1);
    });

    it('a body whose Content-Length is over the limit is refused before it is read', async () => {
      let big: ReturnType<typeof bigBody> | undefined;
      const server = fakeWordPress(memory, {
        steps: [
          () => {
            big = bigBody(50_000_000, { 'Content-Length': '50000000' });
            return big.response;
          },
        ],
      });
      const error = await analyticsError(rest(server, { maxResponseBytes: 1_000_000 }).report({ range: RANGES[0]! }));
      expect(error.code).to.equal('rest_response_too_large');
      expect(error.message).to.contain('larger than 1000000 bytes');
      expect(big!.counter.pulled).to.equal(0);
    });

    it('maxResponseBytes sets the limit; answers under it read as before', async () => {
      const report = await memory.report({ range: RANGES[0]! });
      const size = new TextEncoder().encode(JSON.stringify(toWire(report))).byteLength;
      expect(await rest(fakeWordPress(memory), { maxResponseBytes: size }).report({ range: RANGES[0]! })).to.deep.equal(report);
      const error = await analyticsError(rest(fakeWordPress(memory), { maxResponseBytes: size - 1 }).report({ range: RANGES[0]! }));
      expect(error.code).to.equal('rest_response_too_large');
    });

    it('refuses bad limits, naming the option', () => {
      for (const [name, value] of [
        ['maxConcurrentRequests', 0],
        ['maxConcurrentRequests', 1.5],
        ['maxConcurrentRequests', 65],
        ['maxConcurrentRequests', '4'],
        ['maxResponseBytes', 0],
        ['maxResponseBytes', -1],
        ['maxResponseBytes', Infinity],
        ['maxResponseBytes', '4MB'],
      ] as const) {
        let error: unknown;
        try {
          new RestDataSource({ fetch: fakeWordPress(memory).fetch, [name]: value } as RestDataSourceOptions);
        } catch (thrown) {
          error = thrown;
        }
        expect(error, `${name}: ${String(value)}`).to.be.instanceOf(AnalyticsError);
        expect((error as AnalyticsError).code).to.equal('invalid_query');
        expect((error as AnalyticsError).message).to.match(new RegExp(`^RestDataSource: "${name}" must be a whole number from 1 to \\d+, got `));
      }
    });

    it('the time-out message says the time-out as set', async () => {
      const server = fakeWordPress(memory, { steps: [hang] });
      const error = await analyticsError(rest(server, { timeoutMs: 1500 }).report({ range: RANGES[0]! }));
      expect(error.message).to.equal('The server did not answer within 1.5 seconds.');
    });
  });

  describe('malformed answers', () => {
    async function invalid(body: Step, call: (source: RestDataSource) => Promise<unknown>): Promise<string> {
      const error = await analyticsError(call(rest(fakeWordPress(memory, { steps: [body] }))));
      expect(error.code).to.equal('rest_invalid_response');
      return error.message;
    }
    const report = (source: RestDataSource) => source.report({ range: RANGES[0]! });
    const wireReport = async () => toWire(await memory.report({ range: RANGES[0]! })) as Record<string, Record<string, unknown>>;

    it('HTML instead of JSON', async () => {
      const message = await invalid(() => new Response('<!DOCTYPE html><html><body>Critical error</body></html>', { headers: { 'Content-Type': 'text/html' } }), report);
      expect(message).to.contain('not JSON').and.contain('text/html');
    });

    it('a body missing a field names it', async () => {
      const body = await wireReport();
      delete body['overview']!['active_members'];
      expect(await invalid(() => json(body), report)).to.contain('"overview.active_members" is missing');
    });

    it('a negative count names it', async () => {
      const body = await wireReport();
      body['engagement']!['upvotes'] = -3;
      expect(await invalid(() => json(body), report)).to.contain('"engagement.upvotes" must be an integer ≥ 0, got -3');
    });

    it('a recording_since outside 2000-2200 (seconds, nanoseconds, 1e300) is refused with the unit it looks like', async () => {
      const expectations: [unknown, string][] = [
        [1.7e18, 'got 1700000000000000000 (that looks like nanoseconds; divide by 1000000)'],
        [1.7e15, 'got 1700000000000000 (that looks like microseconds; divide by 1000)'],
        [1.7e9, 'got 1700000000 (that looks like seconds; multiply by 1000)'],
        [1e300, 'got 1e+300'],
        [-1, 'got -1'],
        ['2026-11-01', 'got "2026-11-01"'],
      ];
      for (const [since, got] of expectations) {
        const body = await wireReport();
        (body as Record<string, unknown>)['recording_since'] = since;
        expect(await invalid(() => json(body), report)).to.equal(
          `The server's answer does not match the analytics API: "recording_since" must be an instant in epoch milliseconds from 2000-01-01 to 2200-01-01, ${got}.`,
        );
      }
      const body = await wireReport();
      delete (body as Record<string, unknown>)['recording_since'];
      expect(await invalid(() => json(body), report)).to.contain('"recording_since" is missing');
      for (const since of [null, Date.UTC(2026, 9, 1)]) {
        const fine = await wireReport();
        (fine as Record<string, unknown>)['recording_since'] = since;
        expect((await rest(fakeWordPress(memory, { steps: [() => json(fine)] })).report({ range: RANGES[0]! })).recordingSince).to.equal(since);
      }
    });

    it('a wrong type, a bad date or a fractional count deep in a table names it', async () => {
      const body = await wireReport();
      (body['top_spaces']!['rows'] as Record<string, unknown>[])[1]!['engagement_rate'] = '12%';
      expect(await invalid(() => json(body), report)).to.contain('"top_spaces.rows[1].engagement_rate"');
      const rows = toWire((await memory.rows('daily', { range: RANGES[0]!, offset: 0, limit: 3 })).rows) as Record<string, unknown>[];
      rows[2]!['date'] = '2026-13-01';
      const headers = { 'X-WP-Total': '3', 'X-WP-TotalPages': '1' };
      expect(await invalid(() => json(rows, 200, headers), (s) => s.rows('daily', { range: RANGES[0]!, offset: 0, limit: 3 }))).to.contain('"[2].date"');
      rows[2]!['date'] = '2026-11-03';
      rows[0]!['posts'] = 1.5;
      expect(await invalid(() => json(rows, 200, headers), (s) => s.rows('daily', { range: RANGES[0]!, offset: 0, limit: 3 }))).to.contain('"[0].posts"');
    });

    it('a report for another range or path is refused', async () => {
      const body = toWire(await memory.report({ range: RANGES[1]! }));
      expect(await invalid(() => json(body), report)).to.contain('2026-08-01..2026-11-24');
    });

    it('a diff report with a metric missing its drift', async () => {
      const body = await memory.diffReport({ range: '30d' });
      const broken = { ...body, metrics: body.metrics.map((m, i) => (i === 2 ? { key: m.key, direct: m.direct, aggregated: m.aggregated } : m)) };
      expect(await invalid(() => json(broken), (s) => s.diffReport({ range: '30d' }))).to.contain('"metrics[2].drift_pct" is missing');
    });

    describe('pagination headers that lie', () => {
      const rowsOf = async (n: number) => toWire((await memory.rows('top-contributors', { range: RANGES[1]!, offset: 0, limit: n })).rows);
      const ask = (limit: number) => (s: RestDataSource) => s.rows('top-contributors', { range: RANGES[1]!, offset: 0, limit });

      it('X-WP-Total missing, not a number or negative', async () => {
        const rows = await rowsOf(5);
        for (const total of [undefined, 'lots', '-5', '5.5', '']) {
          const headers: Record<string, string> = total === undefined ? {} : { 'X-WP-Total': total };
          expect(await invalid(() => json(rows, 200, headers), ask(5)), String(total)).to.contain('X-WP-Total');
        }
      });

      it('more rows than the total', async () => {
        expect(await invalid(async () => json(await rowsOf(5), 200, { 'X-WP-Total': '3', 'X-WP-TotalPages': '1' }), ask(5))).to.contain('holds 5 rows');
      });

      it('fewer rows than the total promises', async () => {
        expect(await invalid(async () => json(await rowsOf(2), 200, { 'X-WP-Total': '40', 'X-WP-TotalPages': '8' }), ask(5))).to.contain('holds 2 rows');
      });

      it('X-WP-TotalPages that disagrees with X-WP-Total', async () => {
        expect(await invalid(async () => json(await rowsOf(5), 200, { 'X-WP-Total': '40', 'X-WP-TotalPages': '3' }), ask(5))).to.contain('X-WP-TotalPages');
      });

      it('a total that changes between pages', async () => {
        const q = { range: RANGES[1]!, offset: 0 };
        const { total } = await memory.rows('daily', { ...q, limit: 0 });
        expect(total).to.be.above(100);
        const firstPage: Step = async (url) => {
          const perPage = Number(url.searchParams.get('per_page'));
          return json(toWire((await memory.rows('daily', { ...q, limit: perPage })).rows), 200, { 'X-WP-Total': String(total + 100) });
        };
        const server = fakeWordPress(memory, { steps: [firstPage] });
        const error = await analyticsError(rest(server).rows('daily', { ...q, limit: total }));
        expect(error.code).to.equal('rest_invalid_response');
        expect(error.message).to.contain(`X-WP-Total was ${total + 100} on page 1 and ${total} on page 2`);
      });
    });
  });

  describe('settings', () => {
    afterEach(() => {
      delete (globalThis as { wpApiSettings?: unknown }).wpApiSettings;
    });

    it('takes root and nonce from wpApiSettings', async () => {
      (globalThis as { wpApiSettings?: unknown }).wpApiSettings = { root: 'http://site.invalid/blog/wp-json/', nonce: NONCE };
      const server = fakeWordPress(memory);
      const source = new RestDataSource({ fetch: server.fetch, delay });
      expect(source.root).to.equal('http://site.invalid/blog/wp-json/');
      await rejection(source.report({ range: RANGES[0]! }));
      expect(server.calls[0]!.url).to.equal('http://site.invalid/blog/wp-json/jetonomy/v1/analytics/report?start=2026-11-01&end=2026-11-24&path=direct&top_n=10');
      expect(new Headers(server.calls[0]!.init.headers).get('X-WP-Nonce')).to.equal(NONCE);
    });

    it('the default nonce refresh for an absolute root sits beside it', async () => {
      (globalThis as { wpApiSettings?: unknown }).wpApiSettings = { root: 'http://site.invalid/blog/wp-json/', nonce: 'stale' };
      const server = fakeWordPress(memory);
      await rejection(new RestDataSource({ fetch: server.fetch, delay }).report({ range: RANGES[0]! }));
      expect(server.calls[1]!.url).to.equal('http://site.invalid/blog/wp-admin/admin-ajax.php?action=rest-nonce');
    });

    it('without wpApiSettings: /wp-json/ and no nonce header', async () => {
      const server = fakeWordPress(memory);
      const source = new RestDataSource({ fetch: server.fetch, delay, refreshNonce: async () => NONCE });
      expect(source.root).to.equal('/wp-json/');
      expect(await source.diffReport({ range: '7d' })).to.deep.equal(await memory.diffReport({ range: '7d' }));
      expect(new Headers(server.calls[0]!.init.headers).has('X-WP-Nonce')).to.equal(false);
    });

    it('a root with a query (plain permalinks) gets its parameters joined with &', () => {
      const source = new RestDataSource({ root: '/?rest_route=/', fetch: fakeWordPress(memory).fetch });
      expect(source.url('report', { start: '2026-11-01' })).to.equal('/?rest_route=/jetonomy/v1/analytics/report&start=2026-11-01');
    });

    it('refuses a bad query before sending it', async () => {
      const server = fakeWordPress(memory);
      const source = rest(server);
      expect((await analyticsError(source.report({ range: { start: '2026-11-30', end: '2026-11-01' } }))).code).to.equal('invalid_query');
      expect((await analyticsError(source.rows('daily', { range: RANGES[0]!, offset: -1, limit: 5 }))).code).to.equal('invalid_query');
      expect(server.calls.length).to.equal(0);
    });
  });
});
