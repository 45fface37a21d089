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
