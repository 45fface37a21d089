/**
 * The embedding example: the plain page renders numbers without console
 * errors, and the README shows exactly the snippet that page runs.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { LOAD_TIMEOUT_MS, ROOT, harnessForFile, withPage } from './harness.mjs';
import { waitHeadlineMatches, waitIdle } from './demo.mjs';

const harness = harnessForFile();

const START = '<!-- embed-example:start -->';
const END = '<!-- embed-example:end -->';

/** The text between the markers, or `undefined` when the markers are not there. */
function between(text, start, end) {
  const from = text.indexOf(start);
  const to = text.indexOf(end, from + start.length);
  if (from < 0 || to < 0) return undefined;
  return text.slice(from + start.length, to);
}

/** Code compared as code: no Markdown fences, no indentation, no blank lines, runs of spaces as one. */
function normalizeCode(text) {
  return text
    .split(/\r?\n/)
    .filter((line) => !/^\s*```/.test(line))
    .map((line) => line.trim().replace(/\s+/g, ' '))
    .filter((line) => line !== '')
    .join('\n');
}

test('the README snippet is the code of demo/embed-example.html', async (t) => {
  const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
  const html = await readFile(path.join(ROOT, 'demo', 'embed-example.html'), 'utf8');
  const fromReadme = between(readme, START, END);
  assert.ok(fromReadme !== undefined, `README.md has no ${START} … ${END} block`);
  const snippet = normalizeCode(fromReadme);
  assert.ok(snippet.length > 0, 'the README block is empty');
  const lines = snippet.split('\n').length;
  t.diagnostic(`README snippet: ${lines} lines`);
  assert.ok(lines <= 10, `the README snippet has ${lines} lines, more than 10`);
  const fromPage = between(html, START, END);
  if (fromPage !== undefined) {
    assert.equal(normalizeCode(fromPage), snippet, 'the marked code in demo/embed-example.html differs from the README snippet');
  } else {
    assert.ok(normalizeCode(html).includes(snippet), 'demo/embed-example.html does not contain the README snippet');
  }
});

test('the embed example page renders numbers with no console errors', { timeout: 120_000 }, async (t) => {
  await withPage(harness, 'embed-example', {}, async (page) => {
    const response = await page.goto(harness.url('embed-example.html'), { waitUntil: 'load' });
    assert.equal(response?.status(), 200, 'embed-example.html is not in the demo build');
    await waitIdle(page, { timeout: LOAD_TIMEOUT_MS });
    const state = await waitHeadlineMatches(page, 'the embedded dashboard to show its source numbers');
    t.diagnostic(`embedded: ${state.rendered.map((r) => `${r.label} ${r.value}`).join(', ')}`);
    for (const { label, value } of state.rendered.slice(0, 3)) {
      assert.match(value, /^[\d,]+$/, `${label} shows "${value}", not a number`);
    }
    const standalone = await page.evaluate(() =>
      performance.getEntriesByType('resource').some((entry) => /\/standalone\/jetonomy-analytics\.js$/.test(new URL(entry.name).pathname)),
    );
    assert.ok(standalone, 'the page did not load standalone/jetonomy-analytics.js');
  });
});
