/**
 * The playground page as a whole (admin chrome, controls, the dashboard and
 * every nested shadow root) has no axe violations, in both themes, on a
 * desktop and a phone width, with verify on (the densest dashboard).
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { harnessForFile, withPage } from './harness.mjs';
import { openDemo, waitHeadlineMatches } from './demo.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const harness = harnessForFile();

for (const theme of ['light', 'dark']) {
  for (const [device, viewport] of Object.entries({ desktop: { width: 1280, height: 900 }, mobile: { width: 390, height: 844 } })) {
    test(`no axe violations: ${theme} theme, ${device}`, { timeout: 120_000 }, async (t) => {
      await withPage(harness, `axe-${theme}-${device}`, { viewport }, async (page) => {
        await openDemo(harness, page, { size: 10000, theme }, { hash: '#jt-verify=1' });
        await waitHeadlineMatches(page);
        await page.addScriptTag({ path: AXE });
        const { violations, passes } = await page.evaluate(async () => {
          const result = await window.axe.run(document);
          return {
            passes: result.passes.length,
            violations: result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`),
          };
        });
        t.diagnostic(`${passes} axe rules passed`);
        assert.deepEqual(violations, []);
        assert.ok(passes > 20, `axe ran only ${passes} rules`);
      });
    });
  }
}
