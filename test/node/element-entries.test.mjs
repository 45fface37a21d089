// Each element can be imported alone: `@jetonomy/analytics/elements/<name>.js`
// (the package's exports map) is a module of the library build that
// registers that element and, through what it imports, only the elements it
// is made of. Read from the files, not run: elements need a DOM. Run with
// `npm run test:node` (after its library build).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));

/** What each element is made of: the tags its entry may register besides its own. */
const PARTS = {
  'analytics-dashboard': ['jt-date-range', 'jt-diff-toggle', 'jt-metric', 'jt-activity-chart', 'jt-top-spaces', 'jt-top-contributors', 'jt-engagement', 'jt-moderation'],
  'date-range': [],
  'diff-toggle': [],
  metric: [],
  'activity-chart': [],
  'top-spaces': [],
  'top-contributors': [],
  engagement: ['jt-metric'],
  moderation: ['jt-metric'],
};

/** The tags registered by a module and what it imports statically, transitively. */
async function registeredTags(file) {
  const seen = new Set();
  const tags = new Set();
  const visit = async (path) => {
    if (seen.has(path)) return;
    seen.add(path);
    const text = await readFile(path, 'utf8');
    for (const [, tag] of text.matchAll(/customElements\.define\(\s*["'`]([a-z-]+)["'`]/g)) tags.add(tag);
    for (const [, spec] of text.matchAll(/(?:\bfrom|\bimport)\s*["'`](\.{1,2}\/[^"'`]+)["'`]/g)) await visit(join(dirname(path), spec));
  };
  await visit(file);
  return tags;
}

describe('one element alone', () => {
  for (const [name, parts] of Object.entries(PARTS)) {
    it(`@jetonomy/analytics/elements/${name}.js registers jt-${name}${parts.length ? ` and its parts` : ' and nothing else'}`, async () => {
      const entry = pkg.exports[`./elements/${name}.js`];
      assert.ok(entry, `package.json exports no ./elements/${name}.js`);
      const resolved = fileURLToPath(import.meta.resolve(`@jetonomy/analytics/elements/${name}.js`));
      assert.equal(pathToFileURL(resolved).href, pathToFileURL(join(ROOT, entry.import)).href);
      assert.ok(existsSync(resolved), `${entry.import} is missing: the library build has no entry for ${name}`);
      assert.ok(pkg.sideEffects.some((pattern) => entry.import.startsWith(pattern.replace('**', ''))), `${entry.import} must be listed in sideEffects: importing it registers the element`);
      const tags = await registeredTags(resolved);
      assert.deepEqual([...tags].sort(), [`jt-${name}`, ...parts].sort());
    });
  }

  it('lists every element of the package', () => {
    const entries = Object.keys(pkg.exports).filter((key) => key.startsWith('./elements/'));
    assert.deepEqual(entries.map((key) => key.slice('./elements/'.length, -'.js'.length)).sort(), Object.keys(PARTS).sort());
  });
});
