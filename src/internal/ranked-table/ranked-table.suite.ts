/**
 * The tests every ranked table passes (`<jt-top-spaces>`,
 * `<jt-top-contributors>`): columns and caption, paging, range changes and
 * the abort race, the four load states, drift in verify mode, the CSV export
 * and a narrow container. Called inside the element's own `describe`; the
 * element's test file adds what only it has. Not part of the public API.
 */
import { expect, fixture, html, oneEvent, unsafeStatic } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import Papa from 'papaparse';
import { driftPct } from '../../engine/diff.js';
import type { JtErrorEvent } from '../../events/error-event.js';
import type { JtExportEvent } from '../../events/export-event.js';
import { AnalyticsError } from '../../model/errors.js';
import { TABLE_COLUMNS, TABLE_TITLES } from '../../model/labels.js';
import type { DateRange } from '../../model/report.js';
import type { TableRows } from '../../sources/data-source.js';
import type { MemoryDataSource } from '../../sources/memory-data-source.js';
import { Formatter } from '../format.js';
import { fixtureSource } from '../test-fixtures.js';
import type { RankedTableElement, RankedTableId } from './ranked-table-element.js';
import { afterLayout, captureDownloads, csvText, delay, expectAccessibleInBothThemes, harness, readable, settled, wrapSource } from './ranked-table.harness.js';

const RANGE_A = '2026-09-01..2026-11-24';
const RANGE_B = '2026-08-01..2026-08-31';
const EMPTY_RANGE = '2020-01-01..2020-01-31';
const format = new Formatter(undefined);

/** What the shared tests need to know of one ranked table. */
export interface RankedTableSpec<T extends RankedTableId> {
  tag: `jt-${T}`;
  table: T;
  /** What the rows are, in the plural ("spaces"), for assertion messages. */
  rowsNoun: string;
  /** A row as the table should read it. */
  expectedCells(row: TableRows[T]): string[];
  /** The id that matches a row across the two paths. */
  rowId(row: TableRows[T]): string;
  /** The number the Drift column compares. */
  driftMeasure(row: TableRows[T]): number;
  /** A word the drift note must contain, naming that number. */
  driftNoteMentions: string;
  /**
   * Set when page 3 of the drifting fixture has rows that rank elsewhere on
   * the aggregate path: the drift test then checks they are matched by id
   * (this is the assertion's message).
   */
  rankedElsewhereOnPage3?: string;
  /** Checks of the exported CSV's body cells against every row of the range. */
  expectCsvCells(body: string[][], rows: TableRows[T][]): void;
}

type Attrs = { range?: string; pageSize?: number; verify?: boolean };

/** Registers the shared tests; returns the element's `render` for the tests only it has. */
export function rankedTableSuite<T extends RankedTableId>(spec: RankedTableSpec<T>) {
  type El = RankedTableElement<T>;
  const tag = unsafeStatic(spec.tag);
  const labels = TABLE_COLUMNS[spec.table].map((column) => column.label);

  async function sourceRows(source: MemoryDataSource, range: string, offset: number, limit: number, path: 'direct' | 'aggregate' = 'direct') {
    return source.rows(spec.table, { range: rangeOf(range), path, offset, limit });
  }

  async function render(source: unknown, attrs: Attrs = {}): Promise<El> {
    const el = await fixture<El>(
      html`<${tag} .dataSource=${source} range=${attrs.range ?? RANGE_A} page-size=${attrs.pageSize ?? 10} ?verify=${attrs.verify ?? false}></${tag}>`,
    );
    await settled(el);
    return el;
  }

  let source: MemoryDataSource;

  before(async () => {
    source = await fixtureSource();
  });

  it('shows the exact columns of the design, a caption and row headers', async () => {
    const el = await render(source);
    const h = harness(el);
    expect(h.headers()).to.deep.equal(labels);
    expect(readCaption(el)).to.equal(TABLE_TITLES[spec.table]);
    expect(h.part('title')!.textContent).to.equal(TABLE_TITLES[spec.table]);
    el.shadowRoot!.querySelectorAll('thead th').forEach((th) => expect(th.getAttribute('scope')).to.equal('col'));
    el.shadowRoot!.querySelectorAll('tbody tr').forEach((tr) => expect(tr.firstElementChild!.matches('th[scope="row"]')).to.be.true);
    const region = h.part('table-region')!;
    expect(region.getAttribute('role')).to.equal('region');
    expect(region.getAttribute('tabindex')).to.equal('0');
    expect(el.shadowRoot!.getElementById(region.getAttribute('aria-labelledby')!)!.tagName).to.equal('CAPTION');
    await expectAccessibleInBothThemes(el);
  });

  it('shows the rows of rows() for page 1 and, after Next, page 2', async () => {
    const el = await render(source);
    const h = harness(el);
    const first = await sourceRows(source, RANGE_A, 0, 10);
    expect(first.total, `the fixture needs more than one page of ${spec.rowsNoun}`).to.be.greaterThan(10);
    expect(h.rows()).to.deep.equal(first.rows.map(spec.expectedCells));
    expect(h.pageStatus()).to.equal(`Page 1 of ${Math.ceil(first.total / 10)} 1–10 of ${first.total}`);
    expect(h.previous().getAttribute('aria-disabled')).to.equal('true');

    h.next().click();
    await settled(el);
    const second = await sourceRows(source, RANGE_A, 10, 10);
    expect(h.rows()).to.deep.equal(second.rows.map(spec.expectedCells));
    expect(h.pageStatus()).to.contain(`11–${10 + second.rows.length} of ${second.total}`);

    h.previous().click();
    await settled(el);
    expect(h.rows()).to.deep.equal(first.rows.map(spec.expectedCells));
  });

  it('pages with the keyboard, keeps focus on the button and announces the page politely', async () => {
    const el = await render(source);
    const h = harness(el);
    const { total } = await sourceRows(source, RANGE_A, 0, 1);
    const pages = Math.ceil(total / 10);
    h.next().focus();
    for (let page = 2; page <= pages; page++) {
      await sendKeys({ press: 'Enter' });
      await settled(el);
      expect(h.pageStatus()).to.contain(`Page ${page} of ${pages}`);
      expect(el.shadowRoot!.activeElement).to.equal(h.next());
    }
    expect(h.next().getAttribute('aria-disabled')).to.equal('true');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(h.pageStatus()).to.contain(`Page ${pages} of ${pages}`);
    expect(el.shadowRoot!.activeElement, 'focus stays on the last-page Next button').to.equal(h.next());
    expect(h.part('page-status')!.getAttribute('aria-live')).to.equal('polite');
  });

  it('respects the page-size attribute', async () => {
    const el = await render(source, { pageSize: 4 });
    const expected = await sourceRows(source, RANGE_A, 0, 4);
    expect(harness(el).rows()).to.deep.equal(expected.rows.map(spec.expectedCells));
    harness(el).next().click();
    await settled(el);
    expect(harness(el).rows()).to.deep.equal((await sourceRows(source, RANGE_A, 4, 4)).rows.map(spec.expectedCells));
  });

  it('goes back to page 1 and shows the new range when the range changes', async () => {
    const el = await render(source);
    harness(el).next().click();
    await settled(el);
    expect(harness(el).pageStatus()).to.contain('Page 2');
    el.range = RANGE_B;
    await settled(el);
    const expected = await sourceRows(source, RANGE_B, 0, 10);
    expect(harness(el).rows()).to.deep.equal(expected.rows.map(spec.expectedCells));
    expect(harness(el).pageStatus()).to.contain('Page 1');
  });

  it('never paints an older range after rapid range changes', async () => {
    // The first range answers last: a superseded request must not paint over the newest one.
    const slow = wrapSource(source, async (_table, q, next) => {
      if (q.range.start === '2026-10-01') await delay(300, q.signal);
      return next();
    });
    const el = await render(slow, { range: RANGE_B });
    el.range = '2026-10-01..2026-10-31';
    await el.updateComplete;
    el.range = RANGE_A;
    await settled(el);
    await delay(400);
    await el.updateComplete;
    expect(harness(el).rows()).to.deep.equal((await sourceRows(source, RANGE_A, 0, 10)).rows.map(spec.expectedCells));
  });

  it('keeps the previous rows dimmed and busy while the next page loads', async () => {
    const slow = wrapSource(source, async (_table, q, next) => {
      if (q.offset > 0) await delay(200, q.signal);
      return next();
    });
    const el = await render(slow);
    const before = harness(el).rows();
    harness(el).next().click();
    await el.updateComplete;
    expect(harness(el).base().getAttribute('aria-busy')).to.equal('true');
    expect(harness(el).part('content')!.classList.contains('stale')).to.be.true;
    expect(harness(el).rows()).to.deep.equal(before);
    await expectAccessibleInBothThemes(el);
    await settled(el);
  });

  it('shows a skeleton on the first load', async () => {
    const slow = wrapSource(source, async (_table, q, next) => {
      await delay(300, q.signal);
      return next();
    });
    const el = await fixture<El>(html`<${tag} .dataSource=${slow} range=${RANGE_A}></${tag}>`);
    await el.updateComplete;
    expect(harness(el).part('skeleton')).to.exist;
    expect(harness(el).part('loading')!.textContent).to.equal('Loading…');
    await expectAccessibleInBothThemes(el);
    await settled(el);
    expect(harness(el).part('skeleton')).to.be.null;
  });

  it('shows drift per row in verify mode, equal to driftPct of posts + replies on both paths', async () => {
    const since = Date.UTC(2026, 9, 15);
    const drifting = await fixtureSource({ aggregatorSince: since });
    try {
      const el = await render(drifting, { verify: true });
      const h = harness(el);
      expect(h.headers()).to.deep.equal([...labels, 'Drift']);
      const direct = await sourceRows(drifting, RANGE_A, 0, 10);
      const aggregate = await sourceRows(drifting, RANGE_A, 0, 10_000, 'aggregate');
      const aggregated = new Map(aggregate.rows.map((row) => [spec.rowId(row), spec.driftMeasure(row)]));
      const expected = direct.rows.map((row) => driftPct(spec.driftMeasure(row), aggregated.get(spec.rowId(row)) ?? 0));
      expect(h.column('Drift')).to.deep.equal(expected.map((d) => (d === null ? 'n/a' : format.percentChange(d))));
      expect(expected.some((d) => d !== 0), 'the fixture must drift somewhere').to.be.true;
      const highlighted = el.shadowRoot!.querySelectorAll('[part~="drift-nonzero"]').length;
      expect(highlighted).to.equal(expected.filter((d) => d !== 0).length);
      expect(h.part('drift-note')!.textContent).to.contain(spec.driftNoteMentions);
      await expectAccessibleInBothThemes(el);

      if (spec.rankedElsewhereOnPage3 !== undefined) {
        // Page 3: rows that rank elsewhere on the aggregate path are still matched by id.
        h.next().click();
        await settled(el);
        h.next().click();
        await settled(el);
        const third = await sourceRows(drifting, RANGE_A, 20, 10);
        const onSamePage = new Set((await sourceRows(drifting, RANGE_A, 20, 10, 'aggregate')).rows.map((row) => spec.rowId(row)));
        expect(third.rows.some((row) => !onSamePage.has(spec.rowId(row))), spec.rankedElsewhereOnPage3).to.be.true;
        expect(h.column('Drift')).to.deep.equal(
          third.rows.map((row) => {
            const d = driftPct(spec.driftMeasure(row), aggregated.get(spec.rowId(row)) ?? 0);
            return d === null ? 'n/a' : format.percentChange(d);
          }),
        );
      }

      el.verify = false;
      await settled(el);
      expect(h.headers()).to.deep.equal(labels);
    } finally {
      drifting.close();
    }
  });

  it('exports every row of the range as CSV: BOM, CRLF, the exact labels, one line per row', async () => {
    // The export's reads wait for this gate, so the "Exporting…" state is seen however fast the export is.
    let gate: Promise<void> | undefined;
    let open = (): void => undefined;
    const el = await render(wrapSource(source, async (_table, _q, next) => (await gate, next())));
    const downloads = captureDownloads();
    try {
      gate = new Promise((resolve) => (open = resolve));
      const exported = oneEvent(el, 'jt-export');
      harness(el).exportButton().click();
      const event = (await exported) as JtExportEvent;
      expect(event.cancelable).to.be.true;
      expect(event.detail).to.deep.equal({ table: spec.table, range: rangeOf(RANGE_A), path: 'direct', fileName: `${spec.table}_2026-09-01_2026-11-24.csv` });
      await el.updateComplete;
      expect(harness(el).exportButton().textContent!.trim()).to.equal('Exporting…');
      expect(harness(el).exportButton().getAttribute('aria-disabled')).to.equal('true');
      open();
      await waitForDownload(downloads.blobs);
      await el.updateComplete;
      expect(harness(el).exportButton().textContent!.trim()).to.equal('Export CSV');

      const { bom, text } = await csvText(downloads.blobs[0]!);
      expect(bom).to.be.true;
      expect(downloads.fileNames).to.deep.equal([event.detail.fileName]);
      expect(text).to.contain('\r\n');
      expect(text.replace(/\r\n/gu, ''), 'every line ends in CRLF').not.to.match(/[\r\n]/u);
      const lines = text.split('\r\n').filter((line, i, all) => line !== '' || i < all.length - 1);
      expect(lines[0]).to.equal(labels.join(','));
      const all = await sourceRows(source, RANGE_A, 0, 10_000);
      expect(lines.length - 1).to.equal(all.total);
      const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
      spec.expectCsvCells(parsed.slice(1), all.rows);
      expect(parsed[0]).not.to.include('Drift');
    } finally {
      downloads.restore();
    }
  });

  it('leaves the Drift column out of the CSV in verify mode', async () => {
    const el = await render(source, { verify: true });
    const downloads = captureDownloads();
    try {
      harness(el).exportButton().click();
      await waitForDownload(downloads.blobs);
      const { text } = await csvText(downloads.blobs[0]!);
      expect(text.split('\r\n')[0]).to.equal(labels.join(','));
    } finally {
      downloads.restore();
    }
  });

  it('downloads nothing when jt-export is cancelled', async () => {
    const el = await render(source);
    const downloads = captureDownloads();
    try {
      el.addEventListener('jt-export', (event) => event.preventDefault(), { once: true });
      harness(el).exportButton().click();
      await delay(100);
      await el.updateComplete;
      expect(downloads.blobs).to.have.length(0);
      expect(downloads.fileNames).to.have.length(0);
      expect(harness(el).exportButton().textContent!.trim()).to.equal('Export CSV');
    } finally {
      downloads.restore();
    }
  });

  it('shows an inline message and fires jt-error when the export fails', async () => {
    // Pages of the table load; the export, which has to page through rows() by 100, fails.
    const failing = wrapSource(source, async (_table, q, next) => {
      if (q.limit === 100) throw new AnalyticsError('rest_forbidden', 'Sorry, you are not allowed to do that.', { status: 500 });
      return next();
    });
    const el = await render(failing);
    const failed = oneEvent(el, 'jt-error');
    harness(el).exportButton().click();
    const event = (await failed) as JtErrorEvent;
    expect(event.detail.operation).to.equal('export');
    await el.updateComplete;
    // Said in plain words with the status, as every failed load is.
    expect(harness(el).part('export-error')!.textContent).to.equal('The export failed: The server could not answer (HTTP 500).');
    expect(harness(el).exportButton().getAttribute('aria-disabled')).to.equal('false');
    await expectAccessibleInBothThemes(el);
  });

  it('shows the error with a Retry that loads again, and fires jt-error', async () => {
    let failures = 1;
    const flaky = wrapSource(source, async (_table, _q, next) => {
      if (failures-- > 0) throw new AnalyticsError('rest_forbidden', 'Forbidden', { status: 403 });
      return next();
    });
    const errors: JtErrorEvent[] = [];
    const el = await fixture<El>(html`<${tag} .dataSource=${flaky} range=${RANGE_A} @jt-error=${(e: JtErrorEvent) => errors.push(e)}></${tag}>`);
    await settled(el);
    const h = harness(el);
    expect(h.part('error')!.getAttribute('role')).to.equal('alert');
    expect(readable(h.part('error')!)).to.contain("You don't have access to analytics.");
    expect(errors.map((e) => e.detail.operation)).to.deep.equal(['rows']);
    await expectAccessibleInBothThemes(el);
    h.retry()!.click();
    await settled(el);
    expect(h.rows()).to.deep.equal((await sourceRows(source, RANGE_A, 0, 10)).rows.map(spec.expectedCells));
  });

  it('shows a friendly empty state for a range without activity', async () => {
    const el = await render(source, { range: EMPTY_RANGE });
    const h = harness(el);
    expect(h.table()).to.be.null;
    expect(h.part('empty')!.textContent).to.equal('Nothing in this range yet.');
    expect(h.part('pagination')).to.be.null;
    await expectAccessibleInBothThemes(el);
  });

  it('says why a range is refused, in the shared error state without Retry, and loads nothing', async () => {
    let requests = 0;
    const counting = wrapSource(source, async (_table, _q, next) => {
      requests++;
      return next();
    });
    const el = await render(counting, { range: '2026-05-01..2026-04-01' });
    const error = harness(el).part('error')!;
    // The same error state as a failed load: an alert holding the message as its paragraph.
    expect(error.getAttribute('part')).to.equal('status error');
    expect(error.getAttribute('role')).to.equal('alert');
    expect(error.querySelector('p')!.textContent).to.contain('after its end');
    // Retrying the same range fails the same way: only a new range helps.
    expect(harness(el).retry()).to.equal(null);
    expect(harness(el).table()).to.be.null;
    expect(requests).to.equal(0);
    await expectAccessibleInBothThemes(el);
  });

  it('says when no data source is connected', async () => {
    const el = await fixture<El>(html`<${tag} range=${RANGE_A}></${tag}>`);
    expect(harness(el).status()!.textContent).to.equal('No data source is connected.');
    expect(harness(el).exportButton().getAttribute('aria-disabled')).to.equal('true');
    await expectAccessibleInBothThemes(el);
  });

  it('scrolls horizontally inside its focusable region on a narrow container', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 320px"><${tag} .dataSource=${source} range=${RANGE_A}></${tag}></div>`);
    const el = wrapper.querySelector<El>(spec.tag)!;
    await settled(el);
    const region = harness(el).part('table-region')!;
    expect(region.scrollWidth).to.be.greaterThan(region.clientWidth);
    expect(el.getBoundingClientRect().width).to.be.at.most(320);
    await expectAccessibleInBothThemes(el);
  });

  for (const width of [390, 320]) {
    it(`at ${width} px, every column can be scrolled to, the name column stays in view, and an edge shadow says more is there`, async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div style=${`width: ${width}px`}><${tag} .dataSource=${source} range=${RANGE_A}></${tag}></div>`);
      const el = wrapper.querySelector<El>(spec.tag)!;
      await settled(el);
      // The edge shadow is set once the table is laid out, by its resize observer.
      await afterLayout();
      const root = el.shadowRoot!;
      const region = harness(el).part('table-region')!;
      expect(region.getAttribute('role')).to.equal('region');
      expect(region.getAttribute('tabindex')).to.equal('0');
      expect(region.scrollWidth, 'the table is wider than the region').to.be.greaterThan(region.clientWidth);
      const frame = () => region.getBoundingClientRect();
      const headers = [...root.querySelectorAll<HTMLElement>('thead th')];
      const nameHeader = headers[1]!;
      const firstName = root.querySelector<HTMLElement>('tbody tr')!.children[1] as HTMLElement;
      expect(readable(nameHeader)).to.equal(labels[1]);
      /** The element drawn at the middle of `cell` is the cell (or inside it): on screen and not covered. */
      const shown = (cell: HTMLElement) => {
        const box = cell.getBoundingClientRect();
        const view = frame();
        const x = Math.min(Math.max(box.left + box.width / 2, view.left + 1), view.right - 1);
        const hit = root.elementFromPoint(x, box.top + box.height / 2);
        return box.left >= view.left - 1 && box.right <= view.right + 1 && hit !== null && cell.contains(hit);
      };
      const edgeShadow = () => getComputedStyle(region).boxShadow !== 'none';

      // At the start: the last column is beyond the edge, and a shadow there says so.
      expect(shown(headers[headers.length - 1]!)).to.equal(false);
      expect(region.classList.contains('more-end')).to.equal(true);
      expect(edgeShadow()).to.equal(true);

      for (const header of headers.slice(2)) {
        region.scrollLeft = header.offsetLeft + header.offsetWidth - region.clientWidth;
        await new Promise(requestAnimationFrame);
        expect(shown(header), `the "${readable(header)}" header can be scrolled into view`).to.equal(true);
        expect(shown(nameHeader), `"${labels[1]}" stays in view next to "${readable(header)}"`).to.equal(true);
        expect(shown(firstName), 'the first row\'s name stays in view').to.equal(true);
      }
      // At the end: no more shadow at the end; the name column casts one over what scrolled under it.
      expect(region.scrollLeft + region.clientWidth).to.be.closeTo(region.scrollWidth, 1);
      expect(region.classList.contains('more-end')).to.equal(false);
      expect(edgeShadow()).to.equal(false);
      expect(region.classList.contains('more-start')).to.equal(true);
      expect(getComputedStyle(nameHeader).boxShadow).to.not.equal('none');

      // The keyboard scrolls the focused region back (each key press may scroll smoothly: wait until it rests).
      const rest = async () => {
        let last = Number.NaN;
        for (let i = 0; i < 60 && region.scrollLeft !== last; i++) {
          last = region.scrollLeft;
          await delay(50);
        }
      };
      region.focus();
      const end = region.scrollLeft;
      await sendKeys({ press: 'ArrowLeft' });
      await rest();
      expect(region.scrollLeft, 'ArrowLeft scrolls the focused region').to.be.below(end);
      for (let i = 0; i < 40 && region.scrollLeft > 0; i++) {
        await sendKeys({ press: 'ArrowLeft' });
        await rest();
      }
      expect(region.scrollLeft).to.equal(0);
      expect(region.classList.contains('more-start')).to.equal(false);
      await expectAccessibleInBothThemes(el);
    });

    it(`at ${width} px, Previous and Next keep their line and their words together`, async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div style=${`width: ${width}px`}><${tag} .dataSource=${source} range=${RANGE_A}></${tag}></div>`);
      const el = wrapper.querySelector<El>(spec.tag)!;
      await settled(el);
      const h = harness(el);
      const previous = h.previous().getBoundingClientRect();
      const next = h.next().getBoundingClientRect();
      expect(next.top, 'Next sits on the line of Previous').to.be.closeTo(previous.top, 1);
      expect(next.height, 'Next page is on one line').to.be.closeTo(previous.height, 1);
      const lineHeight = parseFloat(getComputedStyle(h.next()).lineHeight) || 20;
      expect(next.height).to.be.below(lineHeight * 2 + 10);
      expect(next.right).to.be.at.most(el.getBoundingClientRect().right);
    });
  }

  it('measures its scroll cue after layout, never while it renders, and follows a change of width', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 320px"><${tag} .dataSource=${source} range=${RANGE_A}></${tag}></div>`);
    const el = wrapper.querySelector<El>(spec.tag)!;
    await settled(el);
    await afterLayout();
    const region = harness(el).part('table-region')!;
    expect(region.classList.contains('more-end'), 'narrow: more columns at the end').to.equal(true);
    // Count reads of the region's scroll width (a read right after a render forces a layout).
    let reads = 0;
    const scrollWidth = Object.getOwnPropertyDescriptor(Element.prototype, 'scrollWidth')!;
    Object.defineProperty(region, 'scrollWidth', {
      configurable: true,
      get(this: Element) {
        reads++;
        return scrollWidth.get!.call(this);
      },
    });
    el.requestUpdate();
    await el.updateComplete;
    expect(reads, 'no measuring in the update').to.equal(0);
    wrapper.style.width = '2000px';
    await afterLayout();
    expect(reads, 'measured once laid out at the new width').to.be.greaterThan(0);
    expect(region.classList.contains('more-end'), 'wide: every column in view').to.equal(false);
  });

  return { render };
}

function rangeOf(text: string): DateRange {
  const [start, end] = text.split('..') as [string, string];
  return { start, end };
}

function readCaption(el: HTMLElement): string {
  return el.shadowRoot!.querySelector('caption')!.textContent!.trim();
}

async function waitForDownload(blobs: Blob[]): Promise<void> {
  for (let i = 0; i < 100 && blobs.length === 0; i++) await delay(50);
  expect(blobs, 'a CSV was handed to the browser').to.have.length(1);
}
