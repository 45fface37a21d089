import { expect } from '@open-wc/testing';
import { getResponse } from 'msw';
import { fixtureSource } from '../internal/test-fixtures.js';
import type { MemoryDataSource } from '../sources/memory-data-source.js';
import { toWire } from '../sources/wire-case.js';
import { createAnalyticsHandlers, type AnalyticsHandlersOptions } from './handlers.js';

const BASE = 'http://localhost/wp-json/jetonomy/v1/analytics';
const RANGE = { start: '2026-10-26', end: '2026-11-24' };

/** What a JSON round trip makes of a value: undefined fields drop out. */
const onWire = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

describe('createAnalyticsHandlers', () => {
  let source: MemoryDataSource;
  before(async () => {
    source = await fixtureSource();
  });
  after(() => source.close());

  async function get(url: string, options: Partial<AnalyticsHandlersOptions> = {}, init: RequestInit = {}): Promise<Response> {
    const handlers = createAnalyticsHandlers({ source, ...options });
    const response = await getResponse(handlers, new Request(url, init));
    if (!response) throw new Error(`no handler answered ${url}`);
    return response;
  }

  async function expectInvalidParam(query: string, param: string, route = 'report'): Promise<void> {
    const response = await get(`${BASE}/${route}?${query}`);
    expect(response.status, query).to.equal(400);
    const body = (await response.json()) as { code: string; message: string; data: { status: number; params: Record<string, string> } };
    expect(body.code).to.equal('rest_invalid_param');
    expect(body.message).to.contain(param);
    expect(body.data.status).to.equal(400);
    expect(body.data.params).to.have.property(param);
  }

  for (const path of ['direct', 'aggregate'] as const) {
    it(`serves /report on the ${path} path as toWire of the source's report`, async () => {
      const response = await get(`${BASE}/report?start=${RANGE.start}&end=${RANGE.end}&path=${path}&top_n=5`);
      expect(response.status).to.equal(200);
      expect(response.headers.get('Content-Type')).to.contain('application/json');
      const expected = toWire(await source.report({ range: RANGE, path, topN: 5 }));
      expect(await response.json()).to.deep.equal(onWire(expected));
    });
  }

  it('defaults /report to the direct path and 10 rows per table', async () => {
    const body = (await (await get(`${BASE}/report?start=${RANGE.start}&end=${RANGE.end}`)).json()) as Record<string, unknown>;
    expect(body).to.deep.equal(onWire(toWire(await source.report({ range: RANGE, path: 'direct', topN: 10 }))));
  });

  it('pages /top-contributors with X-WP-Total and X-WP-TotalPages', async () => {
    const all = await source.rows('top-contributors', { range: RANGE, offset: 0, limit: 1000 });
    expect(all.total).to.be.greaterThan(7);
    const perPage = 7;
    const pages = Math.ceil(all.total / perPage);
    const seen: unknown[] = [];
    for (let page = 1; page <= pages; page++) {
      const response = await get(`${BASE}/top-contributors?start=${RANGE.start}&end=${RANGE.end}&page=${page}&per_page=${perPage}`);
      expect(response.status).to.equal(200);
      expect(response.headers.get('X-WP-Total')).to.equal(String(all.total));
      expect(response.headers.get('X-WP-TotalPages')).to.equal(String(pages));
      const rows = (await response.json()) as unknown[];
      expect(rows.length).to.equal(page < pages ? perPage : all.total - perPage * (pages - 1));
      seen.push(...rows);
    }
    expect(seen).to.deep.equal(onWire(toWire(all.rows)));
    const first = seen[0] as Record<string, unknown>;
    expect(first).to.include.keys('rank', 'member_id', 'display_name', 'trust_level', 'accepted_answers', 'total');
  });

  it('answers a page past the end with no rows and the true totals', async () => {
    const response = await get(`${BASE}/top-spaces?start=${RANGE.start}&end=${RANGE.end}&page=999&per_page=100`);
    expect(response.status).to.equal(200);
    expect(await response.json()).to.deep.equal([]);
    expect(response.headers.get('X-WP-TotalPages')).to.equal('1');
  });

  it('serves /daily: one row per day, 10 per page by default', async () => {
    const response = await get(`${BASE}/daily?start=${RANGE.start}&end=${RANGE.end}&path=aggregate`);
    expect(response.headers.get('X-WP-Total')).to.equal('30');
    expect(response.headers.get('X-WP-TotalPages')).to.equal('3');
    const expected = await source.rows('daily', { range: RANGE, path: 'aggregate', offset: 0, limit: 10 });
    expect(await response.json()).to.deep.equal(onWire(toWire(expected.rows)));
  });

  it('serves /diff-report for a preset and for start and end, unconverted', async () => {
    const preset = await get(`${BASE}/diff-report?range=30d`);
    expect(preset.status).to.equal(200);
    const body = (await preset.json()) as { range: string; metrics: { key: string; drift_pct: number | null }[] };
    expect(body).to.deep.equal(onWire(await source.diffReport({ range: '30d' })));
    expect(body.range).to.equal('30d');
    expect(body.metrics[0]).to.have.keys('key', 'direct', 'aggregated', 'drift_pct');
    const custom = await get(`${BASE}/diff-report?start=${RANGE.start}&end=${RANGE.end}`);
    expect(await custom.json()).to.deep.equal(onWire(await source.diffReport({ range: RANGE })));
  });

  describe('parameter validation', () => {
    it('refuses a missing or malformed start or end', async () => {
      await expectInvalidParam(`end=${RANGE.end}`, 'start');
      await expectInvalidParam(`start=${RANGE.start}`, 'end');
      await expectInvalidParam(`start=2026-13-01&end=${RANGE.end}`, 'start');
      await expectInvalidParam(`start=${RANGE.start}&end=24/11/2026`, 'end');
      await expectInvalidParam(`end=${RANGE.end}`, 'start', 'daily');
    });

    it('refuses start after end and a span over five years', async () => {
      await expectInvalidParam('start=2026-11-24&end=2026-11-01', 'start');
      await expectInvalidParam('start=2020-01-01&end=2025-01-01', 'end');
    });

    it('refuses an unknown path, top_n, page and per_page out of bounds', async () => {
      const range = `start=${RANGE.start}&end=${RANGE.end}`;
      await expectInvalidParam(`${range}&path=fast`, 'path');
      await expectInvalidParam(`${range}&top_n=101`, 'top_n');
      await expectInvalidParam(`${range}&top_n=ten`, 'top_n');
      await expectInvalidParam(`${range}&per_page=101`, 'per_page', 'top-spaces');
      await expectInvalidParam(`${range}&per_page=0`, 'per_page', 'top-spaces');
      await expectInvalidParam(`${range}&page=0`, 'page', 'top-contributors');
      await expectInvalidParam(`${range}&page=1.5`, 'page', 'daily');
    });

    it('refuses an unknown diff range', async () => {
      await expectInvalidParam('range=31d', 'range', 'diff-report');
      await expectInvalidParam('', 'start', 'diff-report');
    });
  });

  describe('nonce', () => {
    const url = `${BASE}/report?start=${RANGE.start}&end=${RANGE.end}`;

    it('answers a wrong nonce with 403 rest_cookie_invalid_nonce and a right one with the report', async () => {
      const wrong = await get(url, { nonce: 'abc123' }, { headers: { 'X-WP-Nonce': 'stale' } });
      expect(wrong.status).to.equal(403);
      expect(await wrong.json()).to.deep.equal({ code: 'rest_cookie_invalid_nonce', message: 'Cookie check failed', data: { status: 403 } });
      const right = await get(url, { nonce: 'abc123' }, { headers: { 'X-WP-Nonce': 'abc123' } });
      expect(right.status).to.equal(200);
    });

    it('treats a missing nonce as a logged-out visitor: 401 rest_forbidden', async () => {
      const response = await get(url, { nonce: 'abc123' });
      expect(response.status).to.equal(401);
      expect(((await response.json()) as { code: string }).code).to.equal('rest_forbidden');
    });

    it('serves a fresh nonce at admin-ajax.php?action=rest-nonce, read on every request', async () => {
      let nonce = 'first';
      const handlers = createAnalyticsHandlers({ source, nonce: () => nonce });
      const fresh = await getResponse(handlers, new Request('http://localhost/wp-admin/admin-ajax.php?action=rest-nonce'));
      expect(await fresh?.text()).to.equal('first');
      nonce = 'second';
      const stale = await getResponse(handlers, new Request(url, { headers: { 'X-WP-Nonce': 'first' } }));
      expect(stale?.status).to.equal(403);
    });
  });

  describe('routing', () => {
    it('answers unknown routes and methods under the namespace with 404 rest_no_route', async () => {
      for (const response of [await get(`${BASE}/nope`), await get(BASE), await get(`${BASE}/report?start=${RANGE.start}&end=${RANGE.end}`, {}, { method: 'POST' })]) {
        expect(response.status).to.equal(404);
        expect(await response.json()).to.deep.equal({
          code: 'rest_no_route',
          message: 'No route was found matching the URL and request method.',
          data: { status: 404 },
        });
      }
    });

    it('leaves requests outside the namespace to other handlers', async () => {
      const handlers = createAnalyticsHandlers({ source });
      expect(await getResponse(handlers, new Request('http://localhost/wp-json/wp/v2/posts'))).to.equal(undefined);
      expect(await getResponse(handlers, new Request('http://localhost/other/jetonomy/v1/analytics/report'))).to.equal(undefined);
    });

    it('serves under a custom root, absolute or with plain permalinks', async () => {
      const absolute = await get(`https://example.org/blog/wp-json/jetonomy/v1/analytics/diff-report?range=7d`, { root: 'https://example.org/blog/wp-json/' });
      expect(absolute.status).to.equal(200);
      const plain = await get(`http://localhost/index.php?rest_route=/jetonomy/v1/analytics/diff-report&range=7d`, { root: '/index.php?rest_route=/' });
      expect(((await plain.json()) as { range: string }).range).to.equal('7d');
    });

    it('refuses a root without a trailing slash', () => {
      expect(() => createAnalyticsHandlers({ source, root: '/wp-json' })).to.throw(TypeError, /end with/);
    });
  });

  describe('fault injection', () => {
    const url = `${BASE}/report?start=${RANGE.start}&end=${RANGE.end}`;

    it('answers the next N requests with 500, then the real report', async () => {
      const handlers = createAnalyticsHandlers({ source, failures: { times: 2 } });
      for (let i = 0; i < 2; i++) {
        const failed = await getResponse(handlers, new Request(url));
        expect(failed?.status).to.equal(500);
        expect(((await failed?.json()) as { code: string }).code).to.equal('internal_server_error');
      }
      const ok = await getResponse(handlers, new Request(url));
      expect(ok?.status).to.equal(200);
      expect(await ok?.json()).to.deep.equal(onWire(toWire(await source.report({ range: RANGE }))));
    });

    it('injects a chosen status, and a rate of failures', async () => {
      const tooMany = await get(url, { failures: { status: 429, times: 1 } });
      expect(tooMany.status).to.equal(429);
      expect(tooMany.headers.get('Retry-After')).to.equal('1');
      const draws = [0.9, 0.1];
      const handlers = createAnalyticsHandlers({ source, failures: { rate: 0.5, random: () => draws.shift() ?? 1 } });
      expect((await getResponse(handlers, new Request(url)))?.status).to.equal(200);
      expect((await getResponse(handlers, new Request(url)))?.status).to.equal(500);
    });

    it('sends a body missing a field', async () => {
      const report = (await (await get(url, { failures: { malformed: true } })).json()) as { overview: Record<string, unknown> };
      expect(report.overview).to.not.have.property('total_posts');
      expect(report.overview).to.have.property('total_replies');
      const rows = (await (await get(`${BASE}/daily?start=${RANGE.start}&end=${RANGE.end}`, { failures: { malformed: true } })).json()) as Record<string, unknown>[];
      expect(rows[0]).to.have.property('date').and.not.have.property('posts');
      const diff = (await (await get(`${BASE}/diff-report?range=30d`, { failures: { malformed: true } })).json()) as { metrics: Record<string, unknown>[] };
      expect(diff.metrics[0]).to.not.have.property('drift_pct');
    });

    it('sends an HTML page instead of JSON', async () => {
      const response = await get(url, { failures: { html: true, status: 500 } });
      expect(response.status).to.equal(500);
      expect(response.headers.get('Content-Type')).to.contain('text/html');
      expect(await response.text()).to.match(/^<!DOCTYPE html>/);
    });

    it('lets a function answer chosen requests', async () => {
      const handlers = createAnalyticsHandlers({
        source,
        failures: (request) => (new URL(request.url).pathname.endsWith('/daily') ? new Response('nope', { status: 502 }) : undefined),
      });
      expect((await getResponse(handlers, new Request(`${BASE}/daily?start=${RANGE.start}&end=${RANGE.end}`)))?.status).to.equal(502);
      expect((await getResponse(handlers, new Request(url)))?.status).to.equal(200);
    });

    it('waits latencyMs before answering', async () => {
      const started = performance.now();
      const response = await get(`${BASE}/diff-report?range=7d`, { latencyMs: 150 });
      expect(response.status).to.equal(200);
      expect(performance.now() - started).to.be.at.least(145);
    });
  });
});
