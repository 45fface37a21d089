// Hostile and careless input to the built DOM-free entry, in plain Node:
// whatever one event, option or server answer does, the library answers with
// a typed error or a reason, never a crash, and loses nothing else.
// Run with `npm run test:node`.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

const { MemoryDataSource, AnalyticsEngine, RestDataSource, withCache } = await import('../../dist/data.js');

const AT = Date.parse('2026-03-02T12:00:00Z');
const RANGE = { start: '2026-03-01', end: '2026-03-07' };
const space = { id: 'e1', type: 'space.created', at: AT, spaceId: 's1', name: 'General', kind: 'discussion' };
const member = { id: 'e2', type: 'member.joined', at: AT, memberId: 'm1', displayName: 'Ada', trustLevel: 1 };
const post = (id, contentId) => ({ id, type: 'content.created', at: AT, contentId, kind: 'post', spaceId: 's1', authorId: 'm1', status: 'published' });

function unreadable() {
  const { proxy: revoked, revoke } = Proxy.revocable({}, {});
  revoke();
  const throwingId = Object.defineProperty({}, 'id', {
    get() {
      throw new Error('id getter');
    },
    enumerable: true,
  });
  const throwingTrap = new Proxy(post('e9', 'p9'), {
    get() {
      throw new Error('get trap');
    },
  });
  return [revoked, throwingId, throwingTrap];
}

describe('events that cannot be read', () => {
  it('cost only themselves: the rest of the batch is applied, each gets a reason', async () => {
    const source = new MemoryDataSource({ timeZone: 'UTC' });
    const result = await source.ingest([space, member, post('e3', 'p1'), ...unreadable(), post('e4', 'p2')]);
    assert.deepEqual({ applied: result.applied, duplicates: result.duplicates, held: result.held }, { applied: 4, duplicates: 0, held: 0 });
    assert.deepEqual(
      result.rejected.map((r) => r.index),
      [3, 4, 5],
    );
    for (const r of result.rejected) assert.match(r.reason, /^event could not be read \(/);
    const report = await source.report({ range: RANGE });
    assert.equal(report.overview.totalPosts, 2);
    source.close();
  });

  it('a held event changed by its caller afterwards is applied as it was given', () => {
    const engine = new AnalyticsEngine();
    const early = post('e5', 'p5');
    assert.equal(engine.ingest([early]).held, 1);
    early.kind = 'reply';
    early.at = 'later';
    const later = engine.ingest([space, member]);
    assert.deepEqual([later.applied, later.released, later.rejected.length], [2, 1, 0]);
    assert.equal(engine.report({ range: RANGE, path: 'direct' }).overview.totalPosts, 1);
    assert.equal(engine.report({ range: RANGE, path: 'aggregate' }).overview.totalPosts, 1);
  });
});

describe('options are checked as strictly as events', () => {
  const refused = (make) => {
    try {
      make()?.close?.();
    } catch (error) {
      return { code: error.code, message: error.message };
    }
    return 'accepted';
  };

  it('refuses a clock that is not an instant, and an aggregator start of 1e300, naming the option', () => {
    assert.deepEqual(refused(() => new MemoryDataSource({ now: 'soon' })), {
      code: 'invalid_query',
      message: 'MemoryDataSource: "now" must be an instant in epoch milliseconds from 2000-01-01 to 2200-01-01 (as event times), got "soon"',
    });
    assert.match(refused(() => new MemoryDataSource({ aggregatorSince: 1e300 })).message, /^MemoryDataSource: "aggregatorSince" must be an instant/);
    assert.match(refused(() => new MemoryDataSource({ aggregatorSince: 1.7e18 })).message, /that looks like nanoseconds/);
    assert.match(refused(() => new MemoryDataSource({ timezone: 'UTC' })).message, /has no option "timezone" \(did you mean "timeZone"\?\)/);
    assert.match(refused(() => new RestDataSource({ fetch: async () => new Response('{}'), retries: -1 })).message, /^RestDataSource: "retries"/);
    assert.match(refused(() => withCache(new MemoryDataSource(), { ttlMs: 'long' })).message, /^withCache: "ttlMs"/);
  });

  it('a good clock works, and a clock that goes bad later is a typed error when it is read', () => {
    let now = Date.UTC(2026, 10, 30, 12);
    const source = new MemoryDataSource({ now: () => now });
    assert.deepEqual(source.resolveRange('7d'), { start: '2026-11-24', end: '2026-11-30' });
    now = Number.NaN;
    assert.throws(() => source.resolveRange('7d'), { code: 'invalid_query', message: /"now\(\)" must be an instant/ });
    source.close();
  });
});

describe('a hostile REST server costs a bounded number of requests and bytes', () => {
  const DAYS = { start: '2026-11-01', end: '2026-11-24' };

  /** A daily table that claims `total` rows, answering each page after a tick; counts requests and how many are open at once. */
  function claimingServer(total) {
    const stats = { requests: 0, inFlight: 0, maxInFlight: 0 };
    const fetch = async (input) => {
      stats.requests++;
      stats.maxInFlight = Math.max(stats.maxInFlight, ++stats.inFlight);
      try {
        await new Promise((resolve) => setTimeout(resolve, 2));
        const q = new URL(String(input), 'http://site.invalid').searchParams;
        const page = Number(q.get('page'));
        const perPage = Number(q.get('per_page'));
        const count = Math.max(0, Math.min(perPage, total - (page - 1) * perPage));
        const rows = Array.from({ length: count }, () => ({ date: '2026-11-01', posts: 1, replies: 0 }));
        return new Response(JSON.stringify(rows), { headers: { 'X-WP-Total': String(total), 'X-WP-TotalPages': String(Math.ceil(total / perPage)) } });
      } finally {
        stats.inFlight--;
      }
    };
    return { fetch, stats };
  }

  it('rows() of 100 000 claimed rows stops after one request with a typed error', async () => {
    const server = claimingServer(100_000);
    const source = new RestDataSource({ root: '/wp-json/', fetch: server.fetch });
    await assert.rejects(source.rows('daily', { range: DAYS, offset: 0, limit: 100_000 }), { code: 'rest_too_many_pages', message: /needs 1000 requests of 100 rows/ });
    assert.equal(server.stats.requests, 1);
  });

  it('rows() over 40 pages keeps 6 requests in flight at most', async () => {
    const server = claimingServer(4000);
    const source = new RestDataSource({ root: '/wp-json/', fetch: server.fetch });
    assert.equal((await source.rows('daily', { range: DAYS, offset: 0, limit: 4000 })).rows.length, 4000);
    assert.deepEqual([server.stats.requests, server.stats.maxInFlight], [40, 6]);
  });

  it('a 50 MB body is not read whole', async () => {
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(32);
    const fetch = async () =>
      new Response(
        new ReadableStream({
          pull(controller) {
            if (pulled >= 50_000_000) return controller.close();
            pulled += chunk.byteLength;
            controller.enqueue(chunk);
          },
        }, { highWaterMark: 0 }),
      );
    const source = new RestDataSource({ root: '/wp-json/', fetch, maxResponseBytes: 2 * 1024 * 1024 });
    await assert.rejects(source.report({ range: DAYS }), { code: 'rest_response_too_large', message: /larger than 2 MiB/ });
    assert.ok(pulled <= 2 * 1024 * 1024 + chunk.byteLength, `read ${pulled} bytes`);
  });

  it('the time-out message says the time-out as set', async () => {
    const hang = (_input, init) => new Promise((_resolve, reject) => init.signal.addEventListener('abort', () => reject(init.signal.reason), { once: true }));
    const source = new RestDataSource({ root: '/wp-json/', fetch: hang, timeoutMs: 1500 });
    // A real hanging socket keeps Node running; this stub does not, and the time-out's own timer does not either.
    const keepAlive = setTimeout(() => undefined, 5000);
    try {
      await assert.rejects(source.report({ range: DAYS }), { code: 'rest_timeout', message: 'The server did not answer within 1.5 seconds.' });
    } finally {
      clearTimeout(keepAlive);
    }
  });
});

describe('instants on the wire', () => {
  it('a report whose recording_since is in nanoseconds is refused, naming the field and the unit', async () => {
    const engine = new MemoryDataSource({ timeZone: 'UTC', worker: false });
    await engine.ingest([space, member, post('e3', 'p1')]);
    // The REST wire spells keys in snake_case.
    const toWire = (value) =>
      Array.isArray(value)
        ? value.map(toWire)
        : value !== null && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).map(([key, inner]) => [key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), toWire(inner)]))
          : value;
    const fetch = async (input) => {
      const q = new URL(String(input), 'http://site.invalid').searchParams;
      const report = await engine.report({ range: { start: q.get('start'), end: q.get('end') }, path: q.get('path'), topN: Number(q.get('top_n')) });
      return new Response(JSON.stringify({ ...toWire(report), recording_since: 1.7e18 }));
    };
    const source = new RestDataSource({ root: '/wp-json/', fetch });
    await assert.rejects(source.report({ range: RANGE }), {
      code: 'rest_invalid_response',
      message:
        'The server\'s answer does not match the analytics API: "recording_since" must be an instant in epoch milliseconds from 2000-01-01 to 2200-01-01, got 1700000000000000000 (that looks like nanoseconds; divide by 1000000).',
    });
    engine.close();
  });
});

describe('CSV near-formulas', () => {
  it('are neutralised after blanks and in full width; numbers stay numbers', async () => {
    const { tableCsv } = await import('../../dist/data.js');
    const names = [' =1+1', '\u00A0=cmd', '\u3000@SUM(A1)', '\n=1+1', '\uFF1D1+1', '\uFF0B1', '\uFF0D1', '\uFF20x', 'plain', ' plain'];
    const rows = names.map((name, i) => ({ rank: i + 1, spaceId: `s${i}`, name, posts: 1, replies: 0, contributors: 1, engagementRate: -3.2 }));
    const text = tableCsv('top-spaces', rows, { bom: false });
    const lines = text.split('\r\n');
    assert.equal(lines[1], `1,"' =1+1",1,0,1,-3.20`);
    assert.equal(lines[2], `2,"'\u00A0=cmd",1,0,1,-3.20`);
    assert.equal(lines[3], `3,"'\u3000@SUM(A1)",1,0,1,-3.20`);
    assert.equal(lines[4], `4,"'\n=1+1",1,0,1,-3.20`);
    assert.deepEqual(lines.slice(5), [`5,"'\uFF1D1+1",1,0,1,-3.20`, `6,"'\uFF0B1",1,0,1,-3.20`, `7,"'\uFF0D1",1,0,1,-3.20`, `8,"'\uFF20x",1,0,1,-3.20`, '9,plain,1,0,1,-3.20', '10," plain",1,0,1,-3.20']);
  });
});
