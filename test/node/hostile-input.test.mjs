// Hostile and careless input to the built DOM-free entry, in plain Node:
// whatever one event, option or server answer does, the library answers with
// a typed error or a reason, never a crash, and loses nothing else.
// Run with `npm run test:node`.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

const { MemoryDataSource, AnalyticsEngine } = await import('../../dist/data.js');

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
