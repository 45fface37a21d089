// The plugin's auth matrix and error bodies on a real WordPress (started by
// wordpress/dev), and what RestDataSource makes of each real answer: the
// typed AnalyticsError, or a recovered request after one nonce refresh
// through admin-ajax.php?action=rest-nonce. Every nonce, cookie and session
// here is a real one: the stale nonce belongs to a session that was logged
// out, the expired session is one whose token WordPress destroyed.
// Run with `node --test test/wordpress/auth.test.mjs` (after `npx vite build`).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ROOT } from '../../wordpress/dev/instance.mjs';
import { fetchRestNonce, login, resetWordPress, startWordPress } from '../../wordpress/dev/wordpress.mjs';

const PORT = 8894;
const dataDir = join(ROOT, '.wordpress', `test-${PORT}`);
const RANGE = { start: '2026-10-01', end: '2026-10-30' };
const REPORT = `report?start=${RANGE.start}&end=${RANGE.end}`;
const SUBSCRIBER = { user: 'auth-subscriber', password: 'subscriber-Pass-8894' };

const { AnalyticsError, RestDataSource } = await import('../../dist/data.js');

let site;
let admin; // a logged-in administrator session: { cookies, nonce }
let subscriber; // a logged-in subscriber session

/** The analytics URL of `route` (e.g. `report?start=…`). */
const analyticsUrl = (route) => `${site.url}/wp-json/jetonomy/v1/analytics/${route}`;

/** One raw request; `{ status, body }` with the body parsed as JSON. */
async function raw(route, { cookies, nonce, method = 'GET' } = {}) {
  const headers = {};
  if (cookies !== undefined) headers.Cookie = cookies;
  if (nonce !== undefined) headers['X-WP-Nonce'] = nonce;
  const response = await fetch(analyticsUrl(route), { method, headers });
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    assert.fail(`${method} ${route}: ${response.status}, not JSON: ${text.slice(0, 300)}`);
  }
  return { status: response.status, body };
}

/** A WordPress REST error body: `{ code, message, data: { status, … } }`, the status the HTTP one. */
function assertError({ status, body }, expected, label) {
  assert.equal(status, expected.status, `${label}: status (${JSON.stringify(body).slice(0, 200)})`);
  assert.equal(body.code, expected.code, `${label}: code`);
  assert.equal(typeof body.message, 'string', `${label}: message`);
  assert.notEqual(body.message, '', `${label}: message`);
  assert.equal(body.data?.status, expected.status, `${label}: data.status`);
}

/**
 * A fetch as a browser page's would be: it adds the session's cookies (the
 * browser's `credentials: 'same-origin'`) and nothing else, and logs every
 * request with the X-WP-Nonce it carried and the answer's status.
 */
function browserFetch(cookies) {
  const requests = [];
  const fetchFn = async (input, init = {}) => {
    const headers = new Headers(init.headers);
    if (cookies !== undefined) headers.set('Cookie', cookies);
    const url = String(input);
    const entry = { url, path: new URL(url).pathname, nonce: headers.get('X-WP-Nonce') };
    requests.push(entry);
    const response = await fetch(url, { ...init, headers });
    entry.status = response.status;
    return response;
  };
  return { fetch: fetchFn, requests };
}

function source(options) {
  return new RestDataSource({ root: `${site.url}/wp-json/`, delay: async () => {}, ...options });
}

/** Awaits `promise` and returns the AnalyticsError it rejects with. */
async function rejection(promise, label) {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AnalyticsError, `${label}: an AnalyticsError, not ${error}`);
    return error;
  }
  assert.fail(`${label}: resolved, expected an AnalyticsError`);
}

/** Logs a session out through wp-admin's own logout link, which destroys its session token. */
async function logOut(session) {
  const page = await fetch(`${site.url}/wp-admin/`, { headers: { Cookie: session.cookies } });
  const html = await page.text();
  assert.equal(page.status, 200, 'wp-admin/ with the session');
  const nonce = html.match(/wp-login\.php\?action=logout(?:&|&amp;|&#038;)_wpnonce=([0-9a-f]+)/)?.[1];
  assert.ok(nonce, 'the logout link on wp-admin/');
  const response = await fetch(`${site.url}/wp-login.php?action=logout&_wpnonce=${nonce}`, { redirect: 'manual', headers: { Cookie: session.cookies } });
  await response.arrayBuffer();
  assert.equal(response.status, 302, 'wp-login.php?action=logout');
}

/** admin-ajax.php?action=rest-nonce as WordPress answers it: `{ status, text }`. */
async function restNonceAnswer(cookies) {
  const response = await fetch(`${site.url}/wp-admin/admin-ajax.php?action=rest-nonce`, { headers: cookies ? { Cookie: cookies } : {} });
  return { status: response.status, text: (await response.text()).trim() };
}

describe('auth and errors on a real WordPress', () => {
  before(async () => {
    await resetWordPress({ dataDir });
    site = await startWordPress({ port: PORT, dataDir, data: false, timeZone: 'Europe/Berlin', log: () => {} });
    assert.equal(site.plugin, 'active', 'the plugin is active');
    admin = await login({ url: site.url, user: site.user, password: site.password });
    const created = await site.fetch('wp/v2/users', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: SUBSCRIBER.user, password: SUBSCRIBER.password, email: 'auth-subscriber@example.com', roles: ['subscriber'] }),
    });
    const user = await created.json();
    assert.equal(created.status, 201, `creating the subscriber: ${JSON.stringify(user).slice(0, 300)}`);
    assert.deepEqual(user.roles, ['subscriber']);
    subscriber = await login({ url: site.url, user: SUBSCRIBER.user, password: SUBSCRIBER.password });
  });

  after(async () => {
    await resetWordPress({ dataDir });
  });

  describe('the auth matrix, on the wire', () => {
    it('a logged-in administrator with the nonce gets the report', async () => {
      const { status, body } = await raw(REPORT, admin);
      assert.equal(status, 200, JSON.stringify(body).slice(0, 300));
      assert.deepEqual(body.range, RANGE);
      assert.equal(body.path, 'direct');
    });

    it('no auth: 401 rest_forbidden', async () => {
      assertError(await raw(REPORT), { status: 401, code: 'rest_forbidden' }, 'no auth');
    });

    it('logged-in cookies without X-WP-Nonce: 401 rest_forbidden (treated as logged out)', async () => {
      assertError(await raw(REPORT, { cookies: admin.cookies }), { status: 401, code: 'rest_forbidden' }, 'cookies, no nonce');
    });

    it('a made-up nonce with valid cookies: 403 rest_cookie_invalid_nonce', async () => {
      assertError(await raw(REPORT, { cookies: admin.cookies, nonce: 'abcdef1234' }), { status: 403, code: 'rest_cookie_invalid_nonce' }, 'bad nonce');
    });

    it("another user's real nonce with the administrator's cookies: 403 rest_cookie_invalid_nonce", async () => {
      assert.notEqual(subscriber.nonce, admin.nonce);
      assertError(await raw(REPORT, { cookies: admin.cookies, nonce: subscriber.nonce }), { status: 403, code: 'rest_cookie_invalid_nonce' }, "another user's nonce");
    });

    it('a real nonce without the cookies: 403 rest_cookie_invalid_nonce', async () => {
      assertError(await raw(REPORT, { nonce: admin.nonce }), { status: 403, code: 'rest_cookie_invalid_nonce' }, 'nonce, no cookie');
    });

    it('a logged-in subscriber (no jetonomy_view_analytics) with a valid nonce: 403 rest_forbidden, on every read route', async () => {
      for (const route of [REPORT, `daily?start=${RANGE.start}&end=${RANGE.end}`, `top-spaces?start=${RANGE.start}&end=${RANGE.end}`, `top-contributors?start=${RANGE.start}&end=${RANGE.end}`, 'diff-report?range=30d']) {
        assertError(await raw(route, subscriber), { status: 403, code: 'rest_forbidden' }, `subscriber ${route}`);
      }
    });

    it('POST to a GET route: 404 rest_no_route, logged in or not', async () => {
      for (const route of [REPORT, `daily?start=${RANGE.start}&end=${RANGE.end}`, 'diff-report?range=30d']) {
        assertError(await raw(route, { ...admin, method: 'POST' }), { status: 404, code: 'rest_no_route' }, `POST ${route} as admin`);
        assertError(await raw(route, { method: 'POST' }), { status: 404, code: 'rest_no_route' }, `POST ${route} without auth`);
      }
      assertError(await raw(REPORT, { ...admin, method: 'DELETE' }), { status: 404, code: 'rest_no_route' }, 'DELETE report');
    });
  });

  describe('bad parameters: 400 rest_invalid_param naming the parameter', () => {
    const cases = [
      { label: 'an impossible date', route: 'report?start=2026-02-30&end=2026-03-10', param: 'start' },
      { label: 'start after end', route: 'report?start=2026-10-30&end=2026-10-01', param: 'start' },
      { label: 'a span over 5 years', route: 'report?start=2021-10-01&end=2026-10-30', param: 'end' },
      { label: 'a start before 1970', route: 'daily?start=0000-01-01&end=0000-01-31', param: 'start' },
      { label: 'path=sideways', route: `${REPORT}&path=sideways`, param: 'path' },
      { label: 'per_page=101', route: `daily?start=${RANGE.start}&end=${RANGE.end}&per_page=101`, param: 'per_page' },
      { label: 'top_n=101', route: `${REPORT}&top_n=101`, param: 'top_n' },
      { label: 'range=bogus on diff-report', route: 'diff-report?range=bogus', param: 'range' },
    ];
    for (const { label, route, param } of cases) {
      it(label, async () => {
        const answer = await raw(route, admin);
        assertError(answer, { status: 400, code: 'rest_invalid_param' }, label);
        assert.equal(answer.body.message, `Invalid parameter(s): ${param}`, `${label}: message`);
        assert.deepEqual(Object.keys(answer.body.data.params), [param], `${label}: data.params`);
        assert.equal(typeof answer.body.data.params[param], 'string');
        assert.notEqual(answer.body.data.params[param], '');
      });
    }

    it('the 5-year limit is exact: 2021-10-01..2026-09-30 is served', async () => {
      const { status, body } = await raw('report?start=2021-10-01&end=2026-09-30', admin);
      assert.equal(status, 200, JSON.stringify(body).slice(0, 300));
    });
  });

  describe('RestDataSource turns each real answer into its typed error', () => {
    it('no auth: rest_forbidden 401, one request, no refresh', async () => {
      const wire = browserFetch(undefined);
      const error = await rejection(source({ fetch: wire.fetch }).report({ range: RANGE }), 'no auth');
      assert.equal(error.code, 'rest_forbidden');
      assert.equal(error.status, 401);
      assert.equal(wire.requests.length, 1);
    });

    it('cookies without a nonce: rest_forbidden 401, one request', async () => {
      const wire = browserFetch(admin.cookies);
      const error = await rejection(source({ fetch: wire.fetch }).report({ range: RANGE }), 'cookies, no nonce');
      assert.equal(error.code, 'rest_forbidden');
      assert.equal(error.status, 401);
      assert.deepEqual(
        wire.requests.map(({ nonce, status }) => ({ nonce, status })),
        [{ nonce: null, status: 401 }],
      );
    });

    it('a subscriber: rest_forbidden 403, one request, no refresh', async () => {
      const wire = browserFetch(subscriber.cookies);
      const error = await rejection(source({ fetch: wire.fetch, nonce: subscriber.nonce }).report({ range: RANGE }), 'subscriber');
      assert.equal(error.code, 'rest_forbidden');
      assert.equal(error.status, 403);
      assert.equal(error.message, 'Sorry, you are not allowed to do that.');
      assert.equal(wire.requests.length, 1);
    });

    it('a real nonce without the cookies: 403 rest_cookie_invalid_nonce, the refresh answers 400 "0", so session_expired', async () => {
      assert.deepEqual(await restNonceAnswer(undefined), { status: 400, text: '0' });
      const wire = browserFetch(undefined);
      const error = await rejection(source({ fetch: wire.fetch, nonce: admin.nonce }).report({ range: RANGE }), 'nonce, no cookie');
      assert.equal(error.code, 'session_expired');
      assert.equal(error.status, 403);
      assert.equal(error.cause?.code, 'rest_nonce_refresh_failed');
      assert.deepEqual(
        wire.requests.map(({ path, status }) => ({ path, status })),
        [
          { path: '/wp-json/jetonomy/v1/analytics/report', status: 403 },
          { path: '/wp-admin/admin-ajax.php', status: 400 },
        ],
      );
    });

    it('a made-up nonce with a live session: recovered by one refresh', async () => {
      const wire = browserFetch(admin.cookies);
      const report = await source({ fetch: wire.fetch, nonce: 'abcdef1234' }).report({ range: RANGE });
      assert.deepEqual(report.range, RANGE);
      assert.deepEqual(
        wire.requests.map(({ path, status }) => ({ path, status })),
        [
          { path: '/wp-json/jetonomy/v1/analytics/report', status: 403 },
          { path: '/wp-admin/admin-ajax.php', status: 200 },
          { path: '/wp-json/jetonomy/v1/analytics/report', status: 200 },
        ],
      );
    });

    it('bad parameters and ranges never reach the server: invalid_query, as from every source, no request', async () => {
      // The server's own answers to the same parameters (rest_invalid_param) are checked route by route above.
      const wire = browserFetch(admin.cookies);
      const rest = source({ fetch: wire.fetch, nonce: admin.nonce });
      const checks = [
        { label: 'path=sideways', call: () => rest.report({ range: RANGE, path: 'sideways' }), message: 'Unknown path "sideways": use "direct" or "aggregate"' },
        { label: 'topN=101', call: () => rest.report({ range: RANGE, topN: 101 }), message: '"topN" must be a whole number from 0 to 100, got 101' },
        { label: 'range=bogus', call: () => rest.diffReport({ range: 'bogus' }) },
        { label: '2026-02-30', call: () => rest.report({ range: { start: '2026-02-30', end: '2026-03-10' } }) },
        { label: 'reversed', call: () => rest.report({ range: { start: '2026-10-30', end: '2026-10-01' } }) },
        { label: 'six years', call: () => rest.report({ range: { start: '2021-10-01', end: '2026-10-30' } }) },
        { label: 'year 0000', call: () => rest.rows('daily', { range: { start: '0000-01-01', end: '0000-01-31' }, offset: 0, limit: 10 }) },
      ];
      for (const { label, call, message } of checks) {
        const error = await rejection(call(), label);
        assert.equal(error.code, 'invalid_query', label);
        if (message) assert.equal(error.message, message, label);
      }
      assert.equal(wire.requests.length, 0);
    });

    it('a limit over 100 rows is paged in requests of at most per_page=100, never refused', async () => {
      const wire = browserFetch(admin.cookies);
      const page = await source({ fetch: wire.fetch, nonce: admin.nonce }).rows('daily', { range: RANGE, offset: 0, limit: 101 });
      assert.equal(page.total, 30);
      assert.equal(page.rows.length, 30);
      for (const request of wire.requests) {
        assert.equal(request.status, 200);
        assert.ok(Number(new URL(request.url).searchParams.get('per_page')) <= 100, request.url);
      }
    });
  });

  describe('nonce refresh with a really stale nonce', () => {
    let stale; // session A: logged in, its nonce taken, then logged out
    let fresh; // session B: the same administrator logged in again

    before(async () => {
      stale = await login({ url: site.url, user: site.user, password: site.password });
      await logOut(stale);
      fresh = await login({ url: site.url, user: site.user, password: site.password });
      assert.notEqual(fresh.nonce, stale.nonce, 'a new session token gives a new nonce');
    });

    it('on the wire: the old nonce is refused with the new session, and the old session is gone', async () => {
      assertError(await raw(REPORT, { cookies: fresh.cookies, nonce: stale.nonce }), { status: 403, code: 'rest_cookie_invalid_nonce' }, 'stale nonce, live session');
      assertError(await raw(REPORT, { cookies: stale.cookies, nonce: stale.nonce }), { status: 403, code: 'rest_cookie_invalid_nonce' }, 'logged-out session');
      assert.deepEqual(await restNonceAnswer(stale.cookies), { status: 400, text: '0' });
      const renewed = await restNonceAnswer(fresh.cookies);
      assert.equal(renewed.status, 200);
      assert.match(renewed.text, /^[0-9a-f]{10}$/);
    });

    it('the report succeeds after exactly one refresh through admin-ajax, and the next call uses the new nonce', async () => {
      const wire = browserFetch(fresh.cookies);
      const rest = source({ fetch: wire.fetch, nonce: stale.nonce });
      const report = await rest.report({ range: RANGE });
      assert.deepEqual(report.range, RANGE);
      assert.deepEqual(
        wire.requests.map(({ path, status }) => ({ path, status })),
        [
          { path: '/wp-json/jetonomy/v1/analytics/report', status: 403 },
          { path: '/wp-admin/admin-ajax.php', status: 200 },
          { path: '/wp-json/jetonomy/v1/analytics/report', status: 200 },
        ],
      );
      assert.equal(new URL(wire.requests[1].url).search, '?action=rest-nonce');
      assert.equal(wire.requests[0].nonce, stale.nonce);
      assert.equal(wire.requests[1].nonce, null, 'admin-ajax gets no X-WP-Nonce');
      const renewed = wire.requests[2].nonce;
      assert.notEqual(renewed, stale.nonce);
      // The renewed nonce is the session's real one: WordPress accepts it directly.
      assert.equal((await raw(REPORT, { cookies: fresh.cookies, nonce: renewed })).status, 200);
      assert.equal(renewed, await fetchRestNonce({ url: site.url, cookies: fresh.cookies }));

      const again = await rest.diffReport({ range: '30d' });
      assert.equal(again.range, '30d');
      assert.equal(wire.requests.length, 4, 'no second refresh');
      assert.deepEqual({ nonce: wire.requests[3].nonce, status: wire.requests[3].status }, { nonce: renewed, status: 200 });
    });

    it('parallel requests meeting the stale nonce share one refresh', async () => {
      const wire = browserFetch(fresh.cookies);
      const rest = source({ fetch: wire.fetch, nonce: stale.nonce });
      const [report, rows, diff] = await Promise.all([rest.report({ range: RANGE }), rest.rows('top-spaces', { range: RANGE, offset: 0, limit: 10 }), rest.diffReport({ range: RANGE })]);
      assert.deepEqual(report.range, RANGE);
      assert.equal(rows.total, 0);
      assert.equal(diff.range, `${RANGE.start}..${RANGE.end}`);
      assert.equal(wire.requests.filter(({ path }) => path === '/wp-admin/admin-ajax.php').length, 1, 'one refresh');
      assert.equal(wire.requests.filter(({ status }) => status === 403).length, 3, 'each met the stale nonce');
      assert.equal(wire.requests.filter(({ status }) => status === 200).length, 4, 'the refresh and three replays');
    });

    it('with the session itself expired (logged out): the refresh fails and the call ends in session_expired', async () => {
      const wire = browserFetch(stale.cookies);
      const error = await rejection(source({ fetch: wire.fetch, nonce: stale.nonce }).report({ range: RANGE }), 'expired session');
      assert.equal(error.code, 'session_expired');
      assert.equal(error.status, 403);
      assert.equal(error.message, 'Your session has expired. Reload the page and sign in again.');
      assert.equal(error.cause?.code, 'rest_nonce_refresh_failed');
      assert.deepEqual(
        wire.requests.map(({ path, status }) => ({ path, status })),
        [
          { path: '/wp-json/jetonomy/v1/analytics/report', status: 403 },
          { path: '/wp-admin/admin-ajax.php', status: 400 },
        ],
      );
    });
  });
});
