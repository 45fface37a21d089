/**
 * The client and the mock server together: `RestDataSource` talking to the
 * MSW handlers (no service worker: MSW's `getResponse` answers each request
 * in the page), both serving the same seeded memory source. What the issue
 * asks of the REST pair: the same answers as the memory source, and every
 * failure path end to end.
 */
import { expect } from '@open-wc/testing';
import { getResponse, type HttpHandler } from 'msw';
import { analyticsError, fixtureSource, rejection } from '../src/internal/test-fixtures.js';
import { createAnalyticsHandlers, type AnalyticsHandlersOptions } from '../src/mocks/handlers.js';
import type { DateRange, Path, TableId } from '../src/model/report.js';
import type { MemoryDataSource } from '../src/sources/memory-data-source.js';
import { exportCsv } from '../src/sources/export-csv.js';
import { RestDataSource, type RestDataSourceOptions } from '../src/sources/rest-data-source.js';

const ROOT = '/wp-json/';
const NONCE = 'a1b2c3d4e5';
const PATHS: Path[] = ['direct', 'aggregate'];
const TABLES: TableId[] = ['daily', 'top-spaces', 'top-contributors'];
const MONTH: DateRange = { start: '2026-10-26', end: '2026-11-24' };
const RANGES: DateRange[] = [
  MONTH,
  { start: '2026-07-27', end: '2026-11-24' }, // the whole generated history
  { start: '2026-11-10', end: '2026-11-10' }, // one day
  { start: '2025-01-01', end: '2025-03-31' }, // before the first event: empty
];
const EMPTY = RANGES[3]!;

interface Sent {
  url: URL;
  nonce: string | null;
}

/**
 * A fetch answered by the handlers in the page. It rejects on its signal as
 * the browser's fetch does, so time-outs and aborts behave as on the wire.
 */
function fetchThrough(handlers: HttpHandler[], sent: Sent[] = []): typeof fetch {
  return (input, init) => {
    const request = new Request(new URL(String(input), location.origin), init);
    sent.push({ url: new URL(request.url), nonce: request.headers.get('X-WP-Nonce') });
    const answer = getResponse(handlers, request).then((r) => r ?? new Response('not handled', { status: 599 }));
    const signal = init?.signal;
    if (!signal) return answer;
    return new Promise<Response>((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      answer.then(resolve, reject);
    });
  };
}

describe('RestDataSource through the MSW handlers', () => {
  let memory: MemoryDataSource;
  const waits: number[] = [];
  /** The retry wait, recorded and skipped. */
  const delay = async (ms: number): Promise<void> => {
    waits.push(ms);
  };

  before(async () => {
    memory = await fixtureSource();
  });
  after(() => memory.close());
  beforeEach(() => {
    waits.length = 0;
  });

  function setup(server: Partial<AnalyticsHandlersOptions> = {}, client: RestDataSourceOptions = {}) {
    const sent: Sent[] = [];
    const handlers = createAnalyticsHandlers({ source: memory, root: ROOT, nonce: NONCE, ...server });
    const source = new RestDataSource({ root: ROOT, nonce: NONCE, fetch: fetchThrough(handlers, sent), delay, ...client });
    return { source, sent, handlers };
  }

  /** The handlers' real answer to a request, for a failure function to tamper with. */
  function realAnswer(request: Request): Promise<Response> {
    const plain = createAnalyticsHandlers({ source: memory, root: ROOT, nonce: NONCE });
    return getResponse(plain, request.clone()).then((r) => r!);
  }

  describe('the same answers as the memory source', () => {
    it('report: several ranges (one day, empty), both paths, topN 5 and the default', async () => {
      const { source } = setup();
      expect((await memory.report({ range: EMPTY })).overview.totalPosts).to.equal(0);
      for (const range of RANGES) {
        for (const path of PATHS) {
          for (const topN of [undefined, 5]) {
            const label = `${range.start}..${range.end} ${path} topN ${String(topN)}`;
            expect(await source.report({ range, path, topN }), label).to.deep.equal(await memory.report({ range, path, topN }));
          }
        }
      }
    });

    it('rows: all rows of all three tables, through every page', async () => {
      const { source, sent } = setup();
      for (const range of [RANGES[1]!, MONTH, EMPTY]) {
        for (const path of PATHS) {
          for (const table of TABLES) {
            const { total } = await memory.rows(table, { range, path, offset: 0, limit: 0 });
            const expected = await memory.rows(table, { range, path, offset: 0, limit: total + 7 });
            sent.length = 0;
            const label = `${table} ${path} ${range.start}..${range.end}`;
            expect(await source.rows(table, { range, path, offset: 0, limit: total + 7 }), label).to.deep.equal(expected);
            expect(expected.rows.length, label).to.equal(total);
            for (const { url } of sent) expect(Number(url.searchParams.get('per_page')), label).to.be.within(1, 100);
          }
        }
      }
      const { total } = await memory.rows('daily', { range: RANGES[1]!, offset: 0, limit: 0 });
      expect(total, 'enough days to need several pages').to.be.above(100);
    });

    it('rows: odd offset and limit windows', async () => {
      const { source } = setup();
      const range = RANGES[1]!;
      for (const table of TABLES) {
        const { total } = await memory.rows(table, { range, offset: 0, limit: 0 });
        const windows: [number, number][] = [
          [0, 1],
          [1, 3],
          [7, 13],
          [95, 10],
          [99, 2],
          [37, 150],
          [101, 99],
          [Math.max(0, total - 1), 5],
          [total, 3],
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

    it('exportCsv: the pages of a table asked for 4 at a time, not one after another, and the same file as the memory source', async () => {
      const handlers = createAnalyticsHandlers({ source: memory, root: ROOT, nonce: NONCE, latencyMs: 20 });
      const inner = fetchThrough(handlers);
      let open = 0;
      let mostOpen = 0;
      let requests = 0;
      const counting: typeof fetch = async (input, init) => {
        requests++;
        mostOpen = Math.max(mostOpen, ++open);
        try {
          return await inner(input, init);
        } finally {
          open--;
        }
      };
      const source = new RestDataSource({ root: ROOT, nonce: NONCE, fetch: counting, delay });
      const range = RANGES[1]!;
      const { total } = await memory.rows('top-contributors', { range, offset: 0, limit: 0 });
      expect(total, 'the fixture needs many pages of 10').to.be.greaterThan(60);
      const file = await exportCsv(source, 'top-contributors', { range, path: 'direct' }, { pageSize: 10 });
      expect(requests).to.equal(Math.ceil(total / 10));
      expect(mostOpen, 'requests in parallel, at most 4').to.equal(4);
      expect(await file.blob.text()).to.equal(await (await exportCsv(memory, 'top-contributors', { range, path: 'direct' })).blob.text());
    });

    it('diffReport: presets and dates', async () => {
      const { source, sent } = setup();
      for (const range of ['7d', '30d', '90d', 'this_month', 'last_month'] as const) {
        expect(await source.diffReport({ range }), range).to.deep.equal(await memory.diffReport({ range }));
      }
      for (const range of RANGES) {
        expect(await source.diffReport({ range }), `${range.start}..${range.end}`).to.deep.equal(await memory.diffReport({ range }));
      }
      expect(sent[0]!.url.search).to.equal('?range=7d');
    });
  });

  describe('failure paths', () => {
    it('400: a parameter the server refuses comes back as rest_invalid_param with its message, not retried', async () => {
      // The client refuses topN 101 itself (as every source does); a server stricter than the client is played by rewriting the request.
      const refused = setup();
      expect((await analyticsError(refused.source.report({ range: MONTH, topN: 101 }))).code).to.equal('invalid_query');
      expect(refused.sent.length).to.equal(0);
      const sent: Sent[] = [];
      const handlers = createAnalyticsHandlers({ source: memory, root: ROOT, nonce: NONCE });
      const through = fetchThrough(handlers, sent);
      const source = new RestDataSource({ root: ROOT, nonce: NONCE, delay, fetch: (input, init) => through(String(input).replace('top_n=10', 'top_n=101'), init) });
      const error = await analyticsError(source.report({ range: MONTH }));
      expect(error.toJSON()).to.deep.equal({ code: 'rest_invalid_param', message: 'Invalid parameter(s): top_n', status: 400 });
      expect(sent.length).to.equal(1);
      expect(waits).to.deep.equal([]);
    });

    it('400: a bad range is refused by the client before it is sent, with the validator message', async () => {
      const { source, sent } = setup();
      for (const range of [
        { start: '2026-11-24', end: '2026-11-01' },
        { start: '2026-02-30', end: '2026-03-01' },
        { start: '2020-01-01', end: '2026-01-01' },
      ]) {
        const error = await analyticsError(source.report({ range }));
        expect(error.code, JSON.stringify(range)).to.equal('invalid_query');
      }
      expect(sent.length).to.equal(0);
    });

    it('400: a bad range that reaches the server is rest_invalid_param naming the parameter', async () => {
      // The client checks ranges itself, so only a request whose query is
      // changed on the way carries one: the server's word must still come through.
      const handlers = createAnalyticsHandlers({ source: memory, root: ROOT, nonce: NONCE });
      const through = fetchThrough(handlers);
      const swapped: typeof fetch = (input, init) => {
        const url = new URL(String(input), location.origin);
        url.searchParams.set('start', '2026-11-24');
        url.searchParams.set('end', '2026-11-01');
        return through(url.href, init);
      };
      const source = new RestDataSource({ root: ROOT, nonce: NONCE, fetch: swapped, delay });
      const error = await analyticsError(source.report({ range: MONTH }));
      expect(error.toJSON()).to.deep.equal({ code: 'rest_invalid_param', message: 'Invalid parameter(s): start', status: 400 });
      expect(waits).to.deep.equal([]);
    });

    it('401: the server wants a nonce and none is sent', async () => {
      const { source, sent } = setup({}, { nonce: undefined });
      const error = await analyticsError(source.rows('daily', { range: MONTH, offset: 0, limit: 10 }));
      expect(error.code).to.equal('rest_forbidden');
      expect(error.status).to.equal(401);
      expect(sent.map((s) => s.nonce)).to.deep.equal([null]);
      expect(waits).to.deep.equal([]);
    });

    it('403 invalid nonce: refreshed from admin-ajax.php, the request replayed and answered', async () => {
      const { source, sent } = setup({}, { nonce: 'expired123' });
      expect(await source.report({ range: MONTH })).to.deep.equal(await memory.report({ range: MONTH }));
      expect(sent.map((s) => `${s.url.pathname}${s.url.search} ${String(s.nonce)}`)).to.deep.equal([
        '/wp-json/jetonomy/v1/analytics/report?start=2026-10-26&end=2026-11-24&path=direct&top_n=10 expired123',
        '/wp-admin/admin-ajax.php?action=rest-nonce null',
        `/wp-json/jetonomy/v1/analytics/report?start=2026-10-26&end=2026-11-24&path=direct&top_n=10 ${NONCE}`,
      ]);
      // The fresh nonce is kept.
      sent.length = 0;
      await source.diffReport({ range: '30d' });
      expect(sent.map((s) => s.nonce)).to.deep.equal([NONCE]);
    });

    it('403 twice (the nonce expires again at once): session expired', async () => {
      let issued = 0;
      // Every read of the nonce gives a new one, so the refreshed nonce is stale by the replay.
      const { source, sent } = setup({ nonce: () => `nonce${++issued}x` }, { nonce: 'expired123' });
      const error = await analyticsError(source.report({ range: MONTH }));
      expect(error.code).to.equal('session_expired');
      expect(error.status).to.equal(403);
      expect(sent.length).to.equal(3);
    });

    it('404: a route the server does not know', async () => {
      // A root set one level too deep puts every endpoint under an unknown route of the namespace.
      const { source, sent } = setup({}, { root: '/wp-json/jetonomy/v1/analytics/v2/' });
      const error = await analyticsError(source.report({ range: MONTH }));
      expect(error.toJSON()).to.deep.equal({ code: 'rest_no_route', message: 'No route was found matching the URL and request method.', status: 404 });
      expect(sent.length).to.equal(1);
      expect(waits).to.deep.equal([]);
    });

    it('500 then success: retried after a wait, then the real answer', async () => {
      const { source, sent } = setup({ failures: { times: 2 } });
      expect(await source.report({ range: MONTH, path: 'aggregate' })).to.deep.equal(await memory.report({ range: MONTH, path: 'aggregate' }));
      expect(sent.length).to.equal(3);
      expect(waits.length).to.equal(2);
      expect(waits[0]).to.be.within(0, 250);
      expect(waits[1]).to.be.within(0, 500);
    });

    it('500 every time: gives up after the retries with the server error', async () => {
      const { source, sent } = setup({ failures: {} }, { retries: 2 });
      const error = await analyticsError(source.diffReport({ range: '30d' }));
      expect(error.toJSON()).to.deep.equal({ code: 'internal_server_error', message: 'There has been a critical error on this website.', status: 500 });
      expect(sent.length).to.equal(3);
    });

    it('429 then success: waits as Retry-After asks', async () => {
      const { source } = setup({ failures: { status: 429, times: 1 } });
      expect(await source.rows('daily', { range: MONTH, offset: 0, limit: 30 })).to.deep.equal(await memory.rows('daily', { range: MONTH, offset: 0, limit: 30 }));
      expect(waits).to.deep.equal([1000]);
    });

    it('timeout: the server answers slower than timeoutMs', async () => {
      const { source, sent } = setup({ latencyMs: 400 }, { timeoutMs: 50 });
      const error = await analyticsError(source.report({ range: MONTH }));
      expect(error.toJSON()).to.deep.equal({ code: 'rest_timeout', message: 'The server did not answer within 50 ms.' });
      expect(sent.length).to.equal(1);
    });

    it('abort mid-flight: rejects with the AbortError, nothing retried', async () => {
      const { source, sent } = setup({ latencyMs: 400 });
      const controller = new AbortController();
      const pending = source.rows('top-contributors', { range: MONTH, offset: 0, limit: 250, signal: controller.signal });
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(sent.length).to.be.above(0);
      controller.abort();
      const error = (await rejection(pending)) as DOMException;
      expect(error.name).to.equal('AbortError');
      expect(waits).to.deep.equal([]);
    });

    it('HTML instead of JSON: rest_invalid_response, never data', async () => {
      const { source } = setup({ failures: { html: true } });
      const error = await analyticsError(source.report({ range: MONTH }));
      expect(error.code).to.equal('rest_invalid_response');
      expect(error.message).to.contain('not JSON').and.contain('text/html');
    });

    it('HTML with a 500 status: retried, then a plain HTTP error', async () => {
      const { source, sent } = setup({ failures: { html: true, status: 500 } }, { retries: 1 });
      const error = await analyticsError(source.report({ range: MONTH }));
      expect(error.code).to.equal('rest_http_error');
      expect(error.status).to.equal(500);
      expect(sent.length).to.equal(2);
    });

    it('a body missing a field: report, rows and diff report each name it', async () => {
      const { source } = setup({ failures: { malformed: true } });
      const report = await analyticsError(source.report({ range: MONTH }));
      expect(report.code).to.equal('rest_invalid_response');
      expect(report.message).to.contain('"overview.total_posts" is missing');
      const rows = await analyticsError(source.rows('top-spaces', { range: MONTH, offset: 0, limit: 5 }));
      expect(rows.code).to.equal('rest_invalid_response');
      expect(rows.message).to.contain('posts').and.contain('is missing');
      const diff = await analyticsError(source.diffReport({ range: '30d' }));
      expect(diff.code).to.equal('rest_invalid_response');
      expect(diff.message).to.contain('drift_pct" is missing');
    });

    it('a negative count in the real answer: rest_invalid_response naming it', async () => {
      const { source } = setup({
        failures: async (request) => {
          const body = (await (await realAnswer(request)).json()) as { engagement: { upvotes: number } };
          body.engagement.upvotes = -4;
          return Response.json(body);
        },
      });
      const error = await analyticsError(source.report({ range: MONTH }));
      expect(error.code).to.equal('rest_invalid_response');
      expect(error.message).to.contain('"engagement.upvotes" must be an integer ≥ 0, got -4');
    });

    describe('pagination headers that lie', () => {
      /** Serves the real rows with the headers `lie` gives, for the page it names. */
      function lying(lie: (headers: Headers, page: number) => void) {
        return setup({
          failures: async (request) => {
            const url = new URL(request.url);
            if (!url.pathname.endsWith('/daily')) return undefined;
            const real = await realAnswer(request);
            const headers = new Headers(real.headers);
            lie(headers, Number(url.searchParams.get('page') ?? 1));
            return new Response(await real.text(), { status: real.status, headers });
          },
        });
      }
      const range = RANGES[1]!;
      let total = 0;
      before(async () => {
        ({ total } = await memory.rows('daily', { range, offset: 0, limit: 0 }));
        expect(total).to.be.above(100);
      });

      async function refused(lie: (headers: Headers, page: number) => void, limit: number): Promise<string> {
        const { source } = lying(lie);
        const error = await analyticsError(source.rows('daily', { range, offset: 0, limit }));
        expect(error.code).to.equal('rest_invalid_response');
        return error.message;
      }

      it('the honest headers pass (the lying server works)', async () => {
        const { source } = lying(() => {});
        expect(await source.rows('daily', { range, offset: 0, limit: total })).to.deep.equal(await memory.rows('daily', { range, offset: 0, limit: total }));
      });

      it('X-WP-Total missing or not a number', async () => {
        expect(await refused((h) => h.delete('X-WP-Total'), 5)).to.contain('X-WP-Total');
        expect(await refused((h) => h.set('X-WP-Total', 'many'), 5)).to.contain('X-WP-Total');
        expect(await refused((h) => h.set('X-WP-Total', '-1'), 5)).to.contain('X-WP-Total');
      });

      it('a total smaller than the rows sent', async () => {
        const lie = (h: Headers): void => {
          h.set('X-WP-Total', '2');
          h.set('X-WP-TotalPages', '1');
        };
        expect(await refused(lie, 5)).to.contain('page 1 holds 5 rows, but X-WP-Total 2');
      });

      it('a total larger than the rows sent', async () => {
        // The pages agree with the inflated total; the last page is short of it.
        const lie = (h: Headers): void => {
          h.set('X-WP-Total', String(total + 50));
          h.delete('X-WP-TotalPages');
        };
        expect(await refused(lie, total + 50)).to.match(/page \d+ holds \d+ rows, but X-WP-Total/);
      });

      it('X-WP-TotalPages that disagrees with X-WP-Total', async () => {
        expect(await refused((h) => h.set('X-WP-TotalPages', '99'), 5)).to.contain('X-WP-TotalPages');
      });

      it('a total that changes from one page to the next', async () => {
        const message = await refused((h, page) => {
          if (page > 1) h.set('X-WP-Total', String(total - 1));
        }, total);
        expect(message).to.contain('X-WP-Total');
      });
    });
  });
});
