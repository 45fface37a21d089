// The data-source contract (runDataSourceContract from the library's
// `testing` entry, the suite adapter authors run) holds for RestDataSource
// talking to a real WordPress running the plugin (started by wordpress/dev,
// the same code as `npm run wordpress`), with a generated community that ends
// now, in a zone with DST: every check passes, on both paths, on ranges with
// activity (the 30 days ending today in the site's zone, last month, and a
// fortnight across the community's first day) and on one with none. The test
// first proves on the wire that the active ranges do hold posts, so the
// contract never runs on empty data only. RestDataSource authenticates as a
// browser page does: logged-in cookies and the REST nonce.
// Run with `node --test test/wordpress/contract.test.mjs` (after `npx vite build`).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ROOT } from '../../wordpress/dev/instance.mjs';
import { login, resetWordPress, startWordPress } from '../../wordpress/dev/wordpress.mjs';

const PORT = 8896;
const EVENTS = 20_000;
const TIME_ZONE = 'Europe/Berlin';
const ANALYTICS = 'jetonomy/v1/analytics';
const DAY = 86_400_000;
const dataDir = join(ROOT, '.wordpress', `test-${PORT}`);

/**
 * How many checks runDataSourceContract runs (src/testing/contract.ts): per
 * range and per path, report shape, daily, totals, previousRange, null rules,
 * the two rankings, paging of the two ranked tables, rows('daily') and topN;
 * per range, the diff report; then the aborted-signal and invalid-range checks.
 */
const CHECKS_PER_RANGE_AND_PATH = 11;
const PATHS = ['direct', 'aggregate'];
const CHECKS_PER_RANGE = CHECKS_PER_RANGE_AND_PATH * PATHS.length + 1;
const CHECKS_ONCE = 2;
/** The page size the contract walks rows() with: an active range should need several pages. */
const CONTRACT_PAGE = 3;

/** No activity: a month years before the community starts (within the API's 5-year span limit, which bounds a range's length only). */
const QUIET = { start: '2019-06-01', end: '2019-06-30' };

const { RestDataSource, presetRange, todayIn, parseIsoDate, formatIsoDate, rangeDays } = await import('../../dist/data.js');
const { runDataSourceContract, formatContractFailures } = await import('../../dist/testing.js');

/** A fetch as a browser page's: it adds the session's cookies (`credentials: 'same-origin'`); RestDataSource sends the nonce. */
function sessionFetch(cookies) {
  return (input, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set('Cookie', cookies);
    return fetch(input, { ...init, headers });
  };
}

describe('the data-source contract for RestDataSource on a real WordPress', () => {
  let site;
  let session;
  let active; // ranges with activity, computed from the site's clock and zone once the community is in
  let ranges;

  /** GET /report from the plugin as the administrator (application password), parsed. */
  const restReport = async (range, path) => {
    const route = `${ANALYTICS}/report?start=${range.start}&end=${range.end}&path=${path}&top_n=0`;
    const response = await site.fetch(route);
    const text = await response.text();
    assert.equal(response.status, 200, `GET ${route}: ${response.status} ${text.slice(0, 300)}`);
    return JSON.parse(text);
  };

  before(async () => {
    await resetWordPress({ dataDir });
    site = await startWordPress({ port: PORT, dataDir, events: EVENTS, seed: 1, timeZone: TIME_ZONE, log: () => {} });
    assert.equal(site.plugin, 'active', 'the plugin is active');
    assert.equal(site.timeZone, TIME_ZONE, "the site's time zone");
    assert.ok(site.community?.applied > 0, `no community loaded: ${JSON.stringify(site.community)}`);
    session = await login({ url: site.url, user: site.user, password: site.password });

    const now = Date.now();
    const firstDay = parseIsoDate(todayIn(TIME_ZONE, site.community.end - (site.community.days ?? 365) * DAY));
    active = [
      presetRange('30d', TIME_ZONE, now),
      presetRange('last_month', TIME_ZONE, now),
      { start: formatIsoDate(firstDay - 7), end: formatIsoDate(firstDay + 6) }, // across the community's first day
    ];
    ranges = [...active, QUIET];
  });

  after(async () => {
    await resetWordPress({ dataDir });
  });

  it('runs on ranges that really have activity on both paths, and on one that has none', async () => {
    for (const range of active) {
      for (const path of PATHS) {
        const report = await restReport(range, path);
        assert.deepEqual(report.range, range);
        assert.equal(report.time_zone, TIME_ZONE);
        assert.ok(report.overview.total_posts > 0, `${range.start}..${range.end} ${path}: ${report.overview.total_posts} posts`);
        assert.ok(report.top_contributors.total > CONTRACT_PAGE, `${range.start}..${range.end} ${path}: ${report.top_contributors.total} contributors (several pages of rows)`);
      }
    }
    // Last month (a whole month of a 365-day community) holds a lot.
    assert.ok((await restReport(active[1], 'direct')).overview.total_posts > 100, 'last month has more than 100 posts');
    for (const path of PATHS) {
      const quiet = await restReport(QUIET, path);
      assert.equal(quiet.overview.total_posts + quiet.overview.total_replies, 0, `${QUIET.start}..${QUIET.end} ${path} has no posts or replies`);
      assert.equal(quiet.daily.length, rangeDays(QUIET));
    }
  });

  it('passes every check of runDataSourceContract over cookie auth and the nonce', { timeout: 300_000 }, async () => {
    const result = await runDataSourceContract(
      () => new RestDataSource({ root: site.restRoot, fetch: sessionFetch(session.cookies), nonce: session.nonce, timeZone: site.timeZone }),
      { ranges },
    );
    assert.deepEqual(result.failed, [], formatContractFailures(result));
    const expected = ranges.length * CHECKS_PER_RANGE + CHECKS_ONCE;
    assert.equal(result.passed.length, expected, `${result.passed.length} checks passed, expected all ${expected}`);
    assert.equal(new Set(result.passed).size, result.passed.length, 'every check passed once');
    for (const range of ranges) {
      for (const path of PATHS) assert.ok(result.passed.includes(`report shape and types [${range.start}..${range.end} ${path}]`), `the report of ${range.start}..${range.end} ${path} was checked`);
      assert.ok(result.passed.includes(`diffReport keys and drift [${range.start}..${range.end}]`), `the diff report of ${range.start}..${range.end} was checked`);
    }
  });
});
