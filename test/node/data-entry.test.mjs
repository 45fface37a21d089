// The DOM-free entry, as a consumer meets it after `npm run build`: plain
// Node, no browser globals, imported both by path and by the package name
// (the `exports` map). Run with `npm run test:node`.
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';

/** The packages a built module and the chunks it imports (transitively) import. */
async function bareImports(entry) {
  const seen = new Set();
  const packages = new Set();
  const visit = async (url) => {
    if (seen.has(url.href)) return;
    seen.add(url.href);
    const text = await readFile(url, 'utf8');
    for (const [, specifier] of text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*["']([^"']+)["']/g)) {
      if (specifier.startsWith('.')) await visit(new URL(specifier, url));
      else packages.add(specifier);
    }
  };
  await visit(entry);
  return packages;
}

/** The files an entry loads at once: itself and what it imports statically, transitively (not `import()`). */
async function staticFiles(entry) {
  const seen = new Map();
  const visit = async (url) => {
    if (seen.has(url.href)) return;
    seen.set(url.href, url);
    const text = await readFile(url, 'utf8');
    for (const [, specifier] of text.matchAll(/(?:\bfrom|\bimport)\s*["'`]([^"'`]+)["'`]/g)) if (specifier.startsWith('.')) await visit(new URL(specifier, url));
  };
  await visit(entry);
  return [...seen.values()];
}

const DAY_START = (date) => Date.parse(`${date}T00:00:00Z`);
const at = (date, time) => Date.parse(`${date}T${time}:00Z`);

/** DESIGN section 9, the worked example (UTC). */
function workedExample() {
  const approveP2 = { id: 'e4', type: 'content.status_changed', at: at('2026-03-05', '08:00'), contentId: 'p2', status: 'published' };
  return [
    { id: 'e-space', type: 'space.created', at: DAY_START('2026-03-01'), spaceId: 's1', name: 'General', kind: 'discussion' },
    { id: 'e-join', type: 'member.joined', at: DAY_START('2026-03-01'), memberId: 'm1', displayName: 'Mia', trustLevel: 1 },
    // 1. post p1 by m1 in s1, published
    { id: 'e1', type: 'content.created', at: at('2026-03-02', '10:00'), contentId: 'p1', kind: 'post', spaceId: 's1', authorId: 'm1', status: 'published' },
    // 2. post p2 by m1 in s1, pending
    { id: 'e2', type: 'content.created', at: at('2026-03-02', '11:00'), contentId: 'p2', kind: 'post', spaceId: 's1', authorId: 'm1', status: 'pending' },
    // 3. reply r1 by m1 to p1, published
    { id: 'e3', type: 'content.created', at: at('2026-03-03', '09:00'), contentId: 'r1', kind: 'reply', spaceId: 's1', authorId: 'm1', parentId: 'p1', status: 'published' },
    // 4. p2 approved: counts on 03-02
    approveP2,
    // 5. p1 trashed, then restored
    { id: 'e5a', type: 'content.status_changed', at: at('2026-03-06', '08:00'), contentId: 'p1', status: 'trash' },
    { id: 'e5b', type: 'content.status_changed', at: at('2026-03-06', '08:30'), contentId: 'p1', status: 'published' },
    // 6. p2 trashed
    { id: 'e6', type: 'content.status_changed', at: at('2026-03-06', '09:00'), contentId: 'p2', status: 'trash' },
    // 7. the event of step 4 delivered again: no change
    { ...approveP2 },
  ];
}

const RANGE = { start: '2026-03-01', end: '2026-03-07' };

const EXPECTED_DAILY = [
  { date: '2026-03-01', posts: 0, replies: 0 },
  { date: '2026-03-02', posts: 1, replies: 0 },
  { date: '2026-03-03', posts: 0, replies: 1 },
  { date: '2026-03-04', posts: 0, replies: 0 },
  { date: '2026-03-05', posts: 0, replies: 0 },
  { date: '2026-03-06', posts: 0, replies: 0 },
  { date: '2026-03-07', posts: 0, replies: 0 },
];

describe('@jetonomy/analytics/data in plain Node', () => {
  it('loads without a DOM and touches none', async () => {
    assert.equal(globalThis.document, undefined);
    assert.equal(globalThis.window, undefined);
    const data = await import('../../dist/data.js');
    assert.equal(typeof data.MemoryDataSource, 'function');
    assert.equal(globalThis.document, undefined);
    assert.equal(globalThis.customElements, undefined);
    const packages = await bareImports(new URL('../../dist/data.js', import.meta.url));
    for (const name of packages) assert.doesNotMatch(name, /^(lit|@lit\/|lit\/|echarts)/, `the data entry imports ${name}`);
  });

  it('ships no sample-data generator, and the engine worker loads it only when a community is asked for', async () => {
    const data = await import('../../dist/data.js');
    for (const name of ['generateCommunity', 'communityEvents', 'communityColumns']) assert.equal(name in data, false, `the data entry exports ${name}`);
    const testing = await import('../../dist/testing.js');
    assert.equal(testing.generateCommunity({ seed: 3, events: 500 }).length > 0, true);
    // A name only the generator's name lists hold.
    const marker = 'Valentina';
    for (const file of await staticFiles(new URL('../../dist/data.js', import.meta.url))) {
      assert.equal((await readFile(file, 'utf8')).includes(marker), false, `${file.pathname} (statically imported by the data entry) holds the generator`);
    }
    const assets = new URL('../../dist/assets/', import.meta.url);
    const workers = (await readdir(assets)).filter((name) => /^engine\.worker-.*\.js$/.test(name));
    assert.equal(workers.length, 1);
    const worker = await staticFiles(new URL(workers[0], assets));
    for (const file of worker) assert.equal((await readFile(file, 'utf8')).includes(marker), false, `the engine worker's ${file.pathname} holds the generator`);
    const workerText = await readFile(new URL(workers[0], assets), 'utf8');
    const lazy = /import\(\s*["'`]\.\/(community-[\w-]+\.js)["'`]\s*\)/.exec(workerText);
    assert.ok(lazy, 'the worker imports the generator lazily');
    assert.ok((await readdir(assets)).includes(lazy[1]), `the worker's lazy chunk ${lazy[1]} is beside it`);
  });

  it('is the module the package name exports', async () => {
    const byName = await import('@jetonomy/analytics/data');
    const byPath = await import('../../dist/data.js');
    assert.equal(byName.MemoryDataSource, byPath.MemoryDataSource);
  });

  it('gives the numbers of the worked example on both paths', async () => {
    const { MemoryDataSource } = await import('../../dist/data.js');
    const source = new MemoryDataSource({ worker: false, timeZone: 'UTC' });
    const result = await source.ingest(workedExample());
    assert.deepEqual(result.rejected, []);
    assert.equal(result.duplicates, 1);
    assert.equal(result.held, 0);

    for (const path of ['direct', 'aggregate']) {
      const report = await source.report({ range: RANGE, path });
      assert.equal(report.path, path);
      assert.equal(report.timeZone, 'UTC');
      assert.deepEqual(report.range, RANGE);
      assert.deepEqual(report.previousRange, { start: '2026-02-22', end: '2026-02-28' }, path);
      assert.deepEqual(report.daily, EXPECTED_DAILY, path);
      assert.deepEqual(report.overview, { totalPosts: 1, totalReplies: 1, activeMembers: 1, growthRate: null }, path);
      const daily = await source.rows('daily', { range: RANGE, path, offset: 0, limit: 100 });
      assert.deepEqual(daily, { total: 7, rows: EXPECTED_DAILY }, path);
    }

    const diff = await source.diffReport({ range: RANGE });
    assert.equal(diff.range, '2026-03-01..2026-03-07');
    for (const metric of diff.metrics) {
      assert.deepEqual(metric.aggregated, metric.direct, metric.key);
      assert.equal(metric.drift_pct, 0, metric.key);
    }
    source.close();
  });
});
