/**
 * The dashboard under a strict Content-Security-Policy
 * (`script-src 'self'; worker-src 'self' blob:`: no inline script, no eval).
 *
 * How: the test server serves `csp-page.html`, whose `<meta
 * http-equiv="Content-Security-Policy">` puts the policy on a page of its own,
 * loaded here in a same-origin frame. A classic script at the top of that page
 * records every `securitypolicyviolation` before any other script runs. The
 * test then renders the dashboard over a MemoryDataSource in its Worker,
 * hovers the chart for its tooltip, opens a headline definition by hover and
 * by focus, and exports a table to CSV (built in the Worker); the page must
 * report zero violations. Finally an `eval` in the frame must be refused and
 * recorded, which proves the policy was in force and the recorder listening.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { TABLE_COLUMNS } from '../../src/model/labels.js';
import type { JtAnalyticsDashboard } from '../../src/elements/analytics-dashboard/analytics-dashboard.js';
import { dashboardHarness, readable, settled } from '../../src/elements/analytics-dashboard/analytics-dashboard.harness.js';
import type { MemoryDataSource } from '../../src/sources/memory-data-source.js';

interface Violation {
  directive: string;
  blockedURI: string;
  sourceFile: string;
  lineNumber: number;
  sample: string;
}

type CspWindow = Window &
  typeof globalThis & {
    cspViolations: Violation[];
    cspPage: Promise<MemoryDataSource>;
  };

async function openPage(): Promise<{ frame: HTMLIFrameElement; win: CspWindow }> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 1100px; height: 900px; border: 0; position: absolute; top: 0; left: 0';
  frame.title = 'The dashboard under a strict policy';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = '/test/csp/csp-page.html';
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow as CspWindow;
  await waitUntil(() => win.cspPage !== undefined, 'the page script did not run', { timeout: 20_000 });
  await win.cspPage;
  return { frame, win };
}

/** A point inside `el` (in the frame) in this page's coordinates, for the mouse. */
function pointIn(frame: HTMLIFrameElement, el: Element, fx = 0.5, fy = 0.5): [number, number] {
  const outer = frame.getBoundingClientRect();
  const inner = el.getBoundingClientRect();
  return [Math.round(outer.left + inner.left + inner.width * fx), Math.round(outer.top + inner.top + inner.height * fy)];
}

describe('a strict Content-Security-Policy', () => {
  let frame: HTMLIFrameElement | undefined;

  afterEach(() => {
    frame?.remove();
    frame = undefined;
  });

  it('renders the dashboard, its tooltips and definitions, and a CSV export with zero violations', async () => {
    const page = await openPage();
    frame = page.frame;
    const { win } = page;
    const doc = frame.contentDocument!;
    const policy = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content');
    expect(policy).to.equal("script-src 'self'; worker-src 'self' blob:");

    // The dashboard renders: numbers, chart (ECharts loaded on demand), tables.
    const el = doc.querySelector('jt-analytics-dashboard') as JtAnalyticsDashboard;
    await settled(el, 30_000);
    const view = dashboardHarness(el);
    expect(view.part('error')).to.equal(null);
    expect(view.headline().get('Total Posts')!.value).to.match(/^\d[\d,]*$/);
    expect(view.tableRows('top-spaces').length).to.be.greaterThan(0);
    const chart = view.chart()!.shadowRoot!.querySelector<HTMLElement>('[part~="chart"]')!;
    expect(chart.querySelector('svg')).to.not.equal(null);

    // The chart's tooltip, on a real mouse hover.
    await sendMouse({ type: 'move', position: pointIn(frame, chart, 0.5, 0.5) });
    await sendMouse({ type: 'move', position: pointIn(frame, chart, 0.55, 0.5) });
    const tooltip = () =>
      [...chart.querySelectorAll<HTMLElement>(':scope > div')].find(
        (box) => !box.querySelector('svg') && box.textContent!.includes('Posts') && getComputedStyle(box).display !== 'none',
      );
    await waitUntil(() => tooltip(), 'no tooltip on hover', { timeout: 5000 });
    expect(readable(tooltip())).to.match(/Posts.*\d/);

    // A headline definition, opened by a real click, kept when the pointer leaves, closed by a second click; and from the keyboard.
    const card = view.part('headline')!.querySelector('jt-metric')!;
    const info = card.shadowRoot!.querySelector<HTMLButtonElement>('[part~="info-button"]')!;
    const help = card.shadowRoot!.querySelector<HTMLElement>('[part~="help"]')!;
    const open = () => info.getAttribute('aria-expanded') === 'true' && readable(help).length > 0;
    await sendMouse({ type: 'click', position: pointIn(frame, info) });
    await waitUntil(open, 'the definition did not open on click');
    expect(readable(help).length).to.be.greaterThan(10);
    await sendMouse({ type: 'move', position: [5, 5] });
    expect(open(), 'the definition stays open when the pointer leaves').to.equal(true);
    await sendMouse({ type: 'click', position: pointIn(frame, info) });
    await waitUntil(() => !open(), 'the definition did not close');
    info.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(open, 'the definition did not open from the keyboard');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !open(), 'the definition did not close from the keyboard');
    info.blur();

    // A CSV export: built in the Worker, handed to the browser as a Blob URL (the download itself is intercepted).
    const blobs: Blob[] = [];
    const names: string[] = [];
    const createObjectURL = win.URL.createObjectURL;
    win.URL.createObjectURL = (object: Blob | MediaSource) => {
      if (object instanceof win.Blob) blobs.push(object);
      return createObjectURL.call(win.URL, object);
    };
    win.HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      names.push(this.download);
    };
    const spaces = view.topSpaces()!;
    spaces.shadowRoot!.querySelector<HTMLButtonElement>('[part~="export-button"]')!.click();
    await waitUntil(() => names.length === 1, 'no download', { timeout: 20_000 });
    const bytes = new Uint8Array(await blobs[0]!.arrayBuffer());
    const text = new TextDecoder().decode(bytes);
    expect([bytes[0], bytes[1], bytes[2]]).to.deep.equal([0xef, 0xbb, 0xbf]);
    expect(text.split('\r\n')[0]).to.equal(TABLE_COLUMNS['top-spaces'].map((column) => column.label).join(','));
    expect(names[0]).to.match(/\.csv$/);

    expect(win.cspViolations, JSON.stringify(win.cspViolations)).to.deep.equal([]);

    // The policy was in force and the recorder listening: eval is refused and reported.
    expect(() => win.eval('1 + 1')).to.throw();
    await waitUntil(() => win.cspViolations.length > 0, 'the refused eval was not reported');
    expect(win.cspViolations[0]!.directive).to.equal('script-src');
  });
});
