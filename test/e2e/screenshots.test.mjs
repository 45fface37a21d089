/**
 * Screenshots of the demo in the light and dark theme on a desktop and a
 * phone viewport, written to test-results/e2e/ for a person to look at; the
 * test checks the theme took effect and the dashboard fits the viewport, and
 * shoots the custom range popover open, which must not move the page.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { ARTEFACTS, harnessForFile, until, withPage } from './harness.mjs';
import { nextPaint, openDemo, setControl, waitIdle } from './demo.mjs';

const harness = harnessForFile();

const VIEWPORTS = {
  desktop: { width: 1366, height: 900 },
  mobile: { width: 390, height: 844 },
};

/** The dashboard's theme, a card's colours, and how far its content reaches past its own width. */
async function looks(page) {
  return page.evaluate(() => {
    const dashboard = document.querySelector('jt-analytics-dashboard');
    const card = dashboard.shadowRoot.querySelector('[part=headline] jt-metric')?.shadowRoot?.querySelector('[part=base]');
    const style = card ? getComputedStyle(card) : undefined;
    return {
      theme: dashboard.getAttribute('theme'),
      cardBackground: style?.backgroundColor ?? null,
      cardColor: style?.color ?? null,
      overflow: dashboard.scrollWidth - dashboard.clientWidth,
      right: Math.round(dashboard.getBoundingClientRect().right),
      viewport: window.innerWidth,
    };
  });
}

/** Where the header ends and the body starts, and the popover's box while it is open. */
async function headerLayout(page) {
  return page.evaluate(() => {
    const root = document.querySelector('jt-analytics-dashboard').shadowRoot;
    const popover = root.querySelector('jt-date-range').shadowRoot.querySelector('[part~=popover]');
    return {
      header: Math.round(root.querySelector('[part~=header]').getBoundingClientRect().height),
      body: Math.round(root.querySelector('[part~=body]').getBoundingClientRect().top),
      popover: popover && !popover.hidden ? Math.round(popover.getBoundingClientRect().height) : 0,
    };
  });
}

/** Opens Custom in the dashboard's picker, shoots it, and closes it with Escape: nothing may move. */
async function shootCustomRange(page, file) {
  const before = await headerLayout(page);
  const select = page.locator('jt-analytics-dashboard jt-date-range select[part=select]');
  await select.selectOption('custom');
  await nextPaint(page);
  const open = await headerLayout(page);
  await page.screenshot({ path: file, fullPage: true });
  await select.focus();
  await page.keyboard.press('Escape');
  await nextPaint(page);
  const closed = await headerLayout(page);
  assert.ok(open.popover > 0, 'choosing Custom opened no popover');
  assert.deepEqual({ header: open.header, body: open.body }, { header: before.header, body: before.body }, 'opening Custom moved the page');
  assert.equal(closed.popover, 0, 'Escape did not close the popover');
}

test('screenshots: light and dark, desktop and mobile', { timeout: 120_000 }, async (t) => {
  await withPage(harness, 'screenshots', {}, async (page) => {
    await openDemo(harness, page);
    const colours = {};
    for (const theme of ['light', 'dark']) {
      await setControl(page, 'theme', theme);
      await until(() => looks(page), (l) => l.theme === theme, { what: `theme=${theme} on the dashboard` });
      for (const [name, viewport] of Object.entries(VIEWPORTS)) {
        await page.setViewportSize(viewport);
        await waitIdle(page);
        await nextPaint(page);
        // The chart follows its size through a ResizeObserver; give it its redraw.
        await page.waitForTimeout(400);
        const file = path.join(ARTEFACTS, `dashboard-${theme}-${name}.png`);
        await page.screenshot({ path: file, fullPage: true });
        const seen = await looks(page);
        t.diagnostic(`${path.basename(file)}: card ${seen.cardBackground} / ${seen.cardColor}, overflow ${seen.overflow}px, right edge ${seen.right} of ${seen.viewport}`);
        assert.ok(seen.overflow <= 0, `${theme} ${name}: the dashboard's content is ${seen.overflow}px wider than the dashboard`);
        assert.ok(seen.right <= seen.viewport, `${theme} ${name}: the dashboard reaches ${seen.right}px in a ${seen.viewport}px viewport`);
        colours[theme] = seen.cardBackground;
        await shootCustomRange(page, path.join(ARTEFACTS, `dashboard-${theme}-${name}-custom-range.png`));
      }
    }
    assert.notEqual(colours.dark, colours.light, 'the dark theme draws the cards in the light colours');
  });
});

test('screenshot: a headline definition open in its toggletip, below the value, never over it', { timeout: 120_000 }, async (t) => {
  await withPage(harness, 'screenshots-toggletip', {}, async (page) => {
    await openDemo(harness, page);
    await page.setViewportSize(VIEWPORTS.desktop);
    await waitIdle(page);
    const card = page.locator('jt-analytics-dashboard [part=headline] jt-metric').first();
    await card.locator('[part~=info-button]').click();
    const open = await until(
      () =>
        card.evaluate((metric) => {
          const root = metric.shadowRoot;
          const box = (el) => (el ? el.getBoundingClientRect().toJSON() : null);
          return {
            expanded: root.querySelector('[part~=info-button]')?.getAttribute('aria-expanded'),
            help: root.querySelector('[part~=help]')?.textContent.trim() ?? '',
            helpBox: box(root.querySelector('[part~=help]')),
            valueBox: box(root.querySelector('[part~=value]')),
          };
        }),
      (s) => s.expanded === 'true' && s.help.length > 0,
      { what: 'the definition to open' },
    );
    t.diagnostic(`definition: ${open.help}`);
    // Below the value, not over it.
    assert.ok(open.helpBox.top >= open.valueBox.bottom, `the definition (top ${open.helpBox.top}) overlaps the value (bottom ${open.valueBox.bottom})`);
    // The pointer leaving does not close what the click opened.
    await page.mouse.move(0, 0);
    await nextPaint(page);
    assert.equal(await card.locator('[part~=info-button]').getAttribute('aria-expanded'), 'true');
    await page.locator('jt-analytics-dashboard').screenshot({ path: path.join(ARTEFACTS, 'dashboard-definition-open.png') });
    await page.keyboard.press('Escape');
    await until(() => card.locator('[part~=info-button]').getAttribute('aria-expanded'), (v) => v === 'false', { what: 'Escape to close the definition' });
  });
});
