/**
 * Test helpers for the ranked tables: read them as a user does (the text a
 * screen reader gets, with `aria-hidden` parts left out) and drive them with
 * clicks. Not part of the public API.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { RowsPage, RowsQuery, TableId } from '../../model/report.js';
import type { AnalyticsDataSource, TableRows } from '../../sources/data-source.js';
import type { RankedTableElement, RankedTableId } from './ranked-table-element.js';

type AnyRankedTable = RankedTableElement<RankedTableId>;

/** The text of a node as read aloud: aria-hidden parts removed, whitespace collapsed. */
export function readable(node: Element): string {
  const copy = node.cloneNode(true) as Element;
  copy.querySelectorAll('[aria-hidden="true"]').forEach((hidden) => hidden.remove());
  return (copy.textContent ?? '').replace(/\s+/gu, ' ').trim();
}

export function harness(el: AnyRankedTable) {
  const root = el.shadowRoot!;
  const part = (name: string) => root.querySelector<HTMLElement>(`[part~="${name}"]`);
  return {
    part,
    base: () => part('base')!,
    table: () => root.querySelector('table'),
    headers: () => Array.from(root.querySelectorAll('thead th'), (th) => readable(th)),
    /** Every body row as its cells' readable text. */
    rows: () => Array.from(root.querySelectorAll('tbody tr'), (tr) => Array.from(tr.children, (cell) => readable(cell))),
    /** The cells of the column with this header, top to bottom. */
    column(header: string): string[] {
      const index = this.headers().indexOf(header);
      if (index < 0) throw new Error(`no column "${header}" in ${this.headers().join(', ')}`);
      return this.rows().map((cells) => cells[index]!);
    },
    pageStatus: () => readable(part('page-status')!),
    status: () => part('status'),
    exportButton: () => part('export-button')!,
    next: () => part('next-button')!,
    previous: () => part('previous-button')!,
    retry: () => part('retry-button'),
  };
}

/** Waits until the element has rendered and its load (if any) has finished. */
export async function settled(el: AnyRankedTable): Promise<void> {
  await el.updateComplete;
  await waitUntil(() => el.shadowRoot!.querySelector('[part~="base"]')?.getAttribute('aria-busy') === 'false', 'the table did not finish loading', {
    timeout: 10_000,
  });
  await el.updateComplete;
}

/** Waits until the browser has laid out the page and run its resize observers (they run after a frame's animation callbacks). */
export function afterLayout(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
}

/** axe in the light and the dark theme, then back to the theme it had. */
export async function expectAccessibleInBothThemes(el: AnyRankedTable): Promise<void> {
  const theme = el.theme;
  for (const candidate of ['light', 'dark'] as const) {
    el.theme = candidate;
    await el.updateComplete;
    await expect(el).to.be.accessible();
  }
  el.theme = theme;
  await el.updateComplete;
}

/** A source wrapped so a test can delay, fail or watch its `rows()` calls. */
export function wrapSource(
  inner: AnalyticsDataSource,
  intercept: (table: TableId, q: RowsQuery, next: () => Promise<RowsPage<unknown>>) => Promise<RowsPage<unknown>>,
): AnalyticsDataSource {
  return {
    timeZone: inner.timeZone,
    report: (q) => inner.report(q),
    diffReport: (q) => inner.diffReport(q),
    rows: <T extends TableId>(table: T, q: RowsQuery) =>
      intercept(table, q, () => inner.rows(table, q)) as Promise<RowsPage<TableRows[T]>>,
  } as AnalyticsDataSource;
}

/** A source serving fixed rows (ranked as given) for every range and path. */
export function rowsSource<T extends RankedTableId>(table: T, rows: TableRows[T][]): AnalyticsDataSource {
  return {
    timeZone: 'UTC',
    report: () => Promise.reject(new Error('report() is not used by the ranked tables')),
    diffReport: () => Promise.reject(new Error('diffReport() is not used by the ranked tables')),
    rows: async (asked: TableId, q: RowsQuery) => {
      if (asked !== table) throw new Error(`unexpected table ${asked}`);
      return { total: rows.length, rows: rows.slice(q.offset, q.offset + q.limit) };
    },
  } as AnalyticsDataSource;
}

/** Resolves after `ms`, or rejects as fetch does when `signal` aborts first. */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new DOMException('The operation was aborted.', 'AbortError'));
    });
  });
}

/** What a CSV download handed to the browser: the Blob and the file name. Call `restore()` when done. */
export function captureDownloads() {
  const blobs: Blob[] = [];
  const fileNames: string[] = [];
  const createObjectURL = URL.createObjectURL;
  const click = HTMLAnchorElement.prototype.click;
  URL.createObjectURL = (object: Blob | MediaSource) => {
    if (object instanceof Blob) blobs.push(object);
    return createObjectURL.call(URL, object);
  };
  // Record the link's file name instead of letting the browser save a file.
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    if (this.download) fileNames.push(this.download);
    else click.call(this);
  };
  return {
    blobs,
    fileNames,
    restore() {
      URL.createObjectURL = createObjectURL;
      HTMLAnchorElement.prototype.click = click;
    },
  };
}

/** The CSV text of a Blob with its BOM kept, and whether it started with one. */
export async function csvText(blob: Blob): Promise<{ bom: boolean; text: string }> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return { bom, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bom ? bytes.subarray(3) : bytes) };
}
