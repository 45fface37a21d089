// The plugin against the engine, on a real WordPress with a real MariaDB
// (started by wordpress/dev, the same code as `npm run wordpress`): the same
// generated stream, with repeats, shuffled and late events and malformed
// ones, goes to the plugin's batch route and into AnalyticsEngine; every
// batch's ingest result, every report, every page of every table and the
// diff report must be equal, on both paths, in a zone with DST and in a
// fixed-offset zone. Then an aggregator restarted mid-stream must show the
// drift the engine predicts. Run with `npm run test:wordpress`.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ROOT } from '../../wordpress/dev/instance.mjs';
import { resetWordPress, startWordPress, toWire } from '../../wordpress/dev/wordpress.mjs';

const EVENTS = 100_000;
const BATCH = 5000;
const PORT = 8893;
const ANALYTICS = 'jetonomy/v1/analytics';

/** mulberry32: the same stream on every run. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The generated community as a real feed delivers it: 2 % repeats, shuffled in windows, 300 events very late, 5 malformed. */
function deliveredStream(generateCommunity, events, seed) {
  const next = random(seed);
  const out = [];
  for (const event of generateCommunity({ seed, events, days: 365 })) {
    out.push(event);
    if (next() < 0.02) out.push(out[Math.floor(next() * out.length)]);
  }
  for (let start = 0; start < out.length; start += 3000) {
    const end = Math.min(out.length, start + 3000);
    for (let j = end - 1; j > start; j -= 1) {
      const k = start + Math.floor(next() * (j - start + 1));
      [out[j], out[k]] = [out[k], out[j]];
    }
  }
  for (let n = 0; n < 300; n += 1) out.push(...out.splice(Math.floor(next() * out.length * 0.5), 1));
  const malformed = [
    { id: 'bad-seconds', type: 'content.created', at: 1_700_000_000, contentId: 'x', kind: 'post', spaceId: 's', authorId: 'm', status: 'published' },
    { id: 'bad-type', type: 'nope', at: 1 },
    { id: '', type: 'vote.cast' },
    { id: 'bad-voter', type: 'vote.cast', at: 1_750_000_000_000, voteId: 'v', contentId: 'c', voterId: null, value: 1 },
    { id: 'bad-update', type: 'member.updated', at: 1_750_000_000_000, memberId: 'm1' },
  ];
  for (const event of malformed) out.splice(Math.floor(next() * out.length), 0, event);
  return out;
}

/** The engine's reject reason as the plugin words it: field names in snake_case, as on the wire. */
const wireReason = (reason) =>
  reason.replace(/"([a-z]+[A-Z][A-Za-z]*)"/g, (_, key) => `"${key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}"`).replace('needs displayName, avatarUrl or trustLevel', 'needs display_name, avatar_url or trust_level');

const RANGES = [
  { start: '2025-11-24', end: '2026-11-23' }, // 365 days
  { start: '2026-10-25', end: '2026-11-23' }, // 30 days
  { start: '2026-03-25', end: '2026-04-02' }, // around the spring DST switch
  { start: '2026-03-29', end: '2026-03-29' }, // the 23-hour day in Berlin
  { start: '2026-10-25', end: '2026-10-25' }, // the 25-hour day in Berlin
  { start: '2021-11-24', end: '2026-11-23' }, // five years
  // The aggregate path reads whole months from month blocks and the days around them from day rows:
  { start: '2026-02-01', end: '2026-02-28' }, // exactly one whole month
  { start: '2026-01-15', end: '2026-03-31' }, // two whole months after some days
  { start: '2025-12-01', end: '2026-06-10' }, // six whole months, then some days
];

async function startSite(timeZone) {
  const dataDir = join(ROOT, '.wordpress', `test-${PORT}`);
  await resetWordPress({ dataDir });
  const site = await startWordPress({ port: PORT, dataDir, data: false, timeZone, log: () => {} });
  const call = async (method, route, body) => {
    const response = await site.fetch(`${ANALYTICS}${route}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      throw new Error(`${method} ${route}: ${response.status}, not JSON: ${text.slice(0, 300)}`);
    }
    assert.equal(response.status, 200, `${method} ${route}: ${response.status} ${text.slice(0, 300)}`);
    return { json, headers: response.headers };
  };
  return { site, call, close: () => resetWordPress({ dataDir }) };
}

/** Posts `events` in batches and feeds them to `engine`; each batch's result must be the engine's. */
async function ingestBoth(call, engine, events) {
  for (let i = 0; i < events.length; i += BATCH) {
    const batch = events.slice(i, i + BATCH);
    const { json: fromPlugin } = await call('POST', '/events', toWire(batch));
    const fromEngine = engine.ingest(batch);
    for (const key of ['applied', 'duplicates', 'held', 'released']) assert.equal(fromPlugin[key], fromEngine[key], `batch at ${i}: ${key}`);
    assert.deepEqual(
      fromPlugin.rejected.map(({ index, reason }) => ({ index, reason })),
      fromEngine.rejected.map(({ index, reason }) => ({ index, reason: wireReason(reason) })),
      `batch at ${i}: rejected`,
    );
  }
}

async function allRows(call, table, range, path) {
  const rows = [];
  let total;
  for (let page = 1; ; page += 1) {
    const { json, headers } = await call('GET', `/${table}?start=${range.start}&end=${range.end}&path=${path}&page=${page}&per_page=100`);
    total = Number(headers.get('x-wp-total'));
    rows.push(...json);
    if (page >= Number(headers.get('x-wp-totalpages'))) return { total, rows };
  }
}

async function assertSameAsEngine(call, engine, ranges) {
  for (const range of ranges) {
    const label = `${range.start}..${range.end}`;
    for (const path of ['direct', 'aggregate']) {
      const { json: report } = await call('GET', `/report?start=${range.start}&end=${range.end}&path=${path}&top_n=25`);
      assert.deepEqual(report, toWire(engine.report({ range, path, topN: 25 })), `report ${label} ${path}`);
      for (const table of ['top-spaces', 'top-contributors', 'daily']) {
        const fromPlugin = await allRows(call, table, range, path);
        assert.deepEqual(fromPlugin, toWire(engine.rows(table, { range, path, offset: 0, limit: 1e9 })), `${table} ${label} ${path}`);
      }
    }
    const { json: diff } = await call('GET', `/diff-report?start=${range.start}&end=${range.end}`);
    assert.deepEqual(diff, engine.diffReport(range, label), `diff-report ${label}`);
  }
}

const { AnalyticsEngine } = await import('../../dist/data.js');
const { generateCommunity } = await import('../../dist/testing.js');

for (const timeZone of ['Europe/Berlin', '+05:30']) {
  describe(`the plugin on a real WordPress, site zone ${timeZone}`, () => {
    let started;
    before(async () => {
      started = await startSite(timeZone);
    });
    after(async () => {
      await started?.close();
    });

    it(`ingests ${EVENTS.toLocaleString('en-US')} delivered events exactly as the engine does and reports the same numbers on both paths`, { timeout: 600_000 }, async () => {
      const { call } = started;
      const { json: state } = await call('POST', '/aggregator', { action: 'status' });
      assert.equal(state.time_zone, timeZone);
      const engine = new AnalyticsEngine({ timeZone });
      const events = deliveredStream(generateCommunity, EVENTS, 1);
      await ingestBoth(call, engine, events);
      await assertSameAsEngine(call, engine, RANGES);
      const { json: last30 } = await call('GET', `/report?start=2026-10-25&end=2026-11-23&path=direct&top_n=0`);
      assert.ok(last30.overview.total_posts > 100, `a month has posts (${last30.overview.total_posts})`);
    });
  });
}

describe('the plugin on a real WordPress, aggregator restarted mid-stream', () => {
  let started;
  before(async () => {
    started = await startSite('UTC');
  });
  after(async () => {
    await started?.close();
  });

  it('records from the restart on, without backfill, as the engine with aggregatorSince predicts', { timeout: 600_000 }, async () => {
    const { call } = started;
    const events = deliveredStream(generateCommunity, 40_000, 2);
    const since = Date.UTC(2026, 7, 1); // 2026-08-01
    // Everything before the restart happened before `since`; a few of those events still arrive late, after it.
    const early = events.filter((event) => !(event.at >= since));
    const late = early.splice(-400, 400);
    const rest = [...events.filter((event) => event.at >= since), ...late];

    const engine = new AnalyticsEngine({ timeZone: 'UTC', aggregatorSince: since });
    await call('POST', '/aggregator', { action: 'stop' });
    await ingestBoth(call, engine, early);
    const { json: restarted } = await call('POST', '/aggregator', { action: 'restart', since });
    assert.equal(restarted.recording_since, since);
    await ingestBoth(call, engine, rest);

    await assertSameAsEngine(call, engine, [RANGES[0], RANGES[1]]);
    const { json: diff } = await call('GET', '/diff-report?start=2025-11-24&end=2026-11-23');
    const posts = diff.metrics.find((metric) => metric.key === 'total_posts');
    assert.ok(posts.drift_pct < -10, `a year of posts drifts: only what happened since August is recorded (${posts.drift_pct} %)`);
    const month = await call('GET', '/diff-report?start=2026-10-25&end=2026-11-23');
    assert.equal(month.json.metrics.find((metric) => metric.key === 'total_posts').drift_pct, 0, 'a month after the restart has no drift');
  });
});
