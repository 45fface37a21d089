/**
 * The playground's live mode and moderation buttons: each button sends one
 * status change, and today's post count moves by exactly the amount the
 * counting rules say (approve +1, trash −1, restore +1); live mode adds
 * activity every second, which the dashboard shows without a reload.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { harnessForFile, until, withPage } from './harness.mjs';
import { openDemo, setControl, waitHeadlineMatches } from './demo.mjs';

const TEST_TIMEOUT = 120_000;

const harness = harnessForFile();

/** Today's published posts in the site's zone, asked of the memory source directly. */
function postsToday(page) {
  return page.evaluate(async () => {
    const { memory } = window.jetonomyDemo;
    const today = memory.resolveRange('7d').end;
    const report = await memory.report({ range: { start: today, end: today }, path: 'direct' });
    return report.overview.totalPosts;
  });
}

async function press(page, id) {
  const log = page.locator('#live-log');
  const before = await log.textContent();
  await page.locator(`#${id}`).click();
  return until(() => log.textContent(), (text) => text !== before, { what: `#live-log to report ${id}` });
}

test('Approve, Trash and Restore change today’s posts by +1, −1, +1', { timeout: TEST_TIMEOUT }, async (t) => {
  await withPage(harness, 'moderation-buttons', {}, async (page) => {
    await openDemo(harness, page, { size: 10000 });
    const start = await postsToday(page);

    const approved = await press(page, 'approve-post');
    assert.match(approved, /^Approved post \S+: posts today [\d,]+ → [\d,]+\.$/);
    assert.equal(await postsToday(page), start + 1, approved);

    const trashed = await press(page, 'trash-post');
    assert.match(trashed, /^Trashed post /);
    assert.equal(await postsToday(page), start, trashed);

    const restored = await press(page, 'restore-post');
    assert.match(restored, /^Restored post /);
    assert.equal(await postsToday(page), start + 1, restored);
    // Nothing is trashed now, so Restore says it is unavailable, and keeps the focus it has.
    assert.equal(await page.locator('#restore-post').getAttribute('aria-disabled'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'restore-post');
    t.diagnostic(`posts today: ${start} → ${start + 1} → ${start} → ${start + 1}`);
    await waitHeadlineMatches(page, 'the headline after the moderation actions');
  });
});

test('live mode adds activity every second and the dashboard follows it', { timeout: TEST_TIMEOUT }, async (t) => {
  await withPage(harness, 'live-mode', {}, async (page) => {
    await openDemo(harness, page, { size: 10000 });
    const held = () => page.evaluate(() => window.jetonomyDemo.memory.heldCount);
    const applied = () =>
      page.evaluate(async () => {
        const { memory } = window.jetonomyDemo;
        const today = memory.resolveRange('7d').end;
        const { overview } = await memory.report({ range: { start: today, end: today }, path: 'direct' });
        return overview.totalPosts + overview.totalReplies;
      });
    const before = await applied();
    await setControl(page, 'simulate', true);
    assert.match(page.url(), /simulate=1/);
    const grown = await until(applied, (n) => n >= before + 3, { what: 'live activity to add posts and replies' });
    await setControl(page, 'simulate', false);
    t.diagnostic(`posts and replies today: ${before} → ${grown}; events held back: ${await held()}`);
    // Every tick refreshed the dashboard: without a reload it shows the source's numbers, live activity included.
    await waitHeadlineMatches(page, 'the headline to follow live activity');
  });
});

test('events the aggregator misses show as drift in verify mode, equal to the source diff', { timeout: TEST_TIMEOUT }, async (t) => {
  await withPage(harness, 'dropped-events', {}, async (page) => {
    await openDemo(harness, page, { size: 10000, drop: 20 }, { hash: '#jt-verify=1' });
    assert.match(await page.locator('#sample-text').textContent(), /misses 20 % of events/);
    const cards = await until(
      () =>
        page.evaluate(() =>
          [...document.querySelector('jt-analytics-dashboard').shadowRoot.querySelectorAll('[part~=headline] jt-metric')].map((m) => {
            const drift = m.shadowRoot.querySelector('[part~=drift]');
            return { drift: drift?.textContent.trim() ?? null, nonzero: !!drift?.part.contains('drift-nonzero') };
          }),
        ),
      (list) => list.length === 4 && list.every((c) => c.drift !== null),
      { what: 'the drift on every headline card' },
    );
    const diff = await page.evaluate(async () => {
      const source = window.jetonomyDemo.source;
      const range = document.querySelector('jt-analytics-dashboard').range;
      return (await source.diffReport({ range })).metrics.find((m) => m.key === 'total_posts');
    });
    t.diagnostic(`total posts: direct ${diff.direct}, aggregated ${diff.aggregated}, drift ${diff.drift_pct} %; card shows ${cards[0].drift}`);
    assert.ok(diff.drift_pct < -5, `20 % of events missed gives only ${diff.drift_pct} % drift in posts`);
    assert.ok(cards[0].nonzero, 'the Total Posts card does not flag its drift');
    const shown = Number(cards[0].drift.replace(/[^\d.−-]/g, '').replace('−', '-'));
    assert.ok(Math.abs(shown - diff.drift_pct) < 0.01, `the card shows ${cards[0].drift}, the source says ${diff.drift_pct} %`);

    // The note above the badges says the same: how many figures of the source's diff drift, never that every event was seen.
    const { note, differing, total } = await page.evaluate(async () => {
      const dashboard = document.querySelector('jt-analytics-dashboard');
      const metrics = (await window.jetonomyDemo.source.diffReport({ range: dashboard.range })).metrics;
      return {
        note: dashboard.shadowRoot.querySelector('[part~=recording-note]')?.textContent.replace(/\s+/g, ' ').trim() ?? null,
        differing: metrics.filter((m) => m.drift_pct !== 0).length,
        total: metrics.length,
      };
    });
    t.diagnostic(`recording note: ${note}`);
    assert.ok(!/saw every event/.test(note ?? ''), `the note claims completeness: ${note}`);
    assert.ok(note?.includes(`differs from the direct one on ${differing} of ${total} figures`), `the note says "${note}", the source's diff has ${differing} of ${total} figures drifting`);
  });
});
