/**
 * Test helpers for the report sections (not public API): data sources the
 * test controls, and a reader that sees a section as a user does.
 */
import { waitUntil } from '@open-wc/testing';
import { en } from '../../internal/i18n.js';
import { AnalyticsError } from '../../model/errors.js';
import type { AnalyticsReport, ReportQuery } from '../../model/report.js';
import type { AnalyticsDataSource } from '../../sources/data-source.js';
import { MIN_COMPARISON_BASE, type JtMetric } from './metric.js';
import { formatChange } from './signed-percent.js';

export interface ReportCall {
  query: ReportQuery;
  /** Answers the call with what the wrapped source returns for it. */
  settle(): Promise<void>;
  reject(error: unknown): void;
}

/**
 * Wraps a source so that every `report()` waits until the test settles it.
 * Aborting a call rejects it with an AbortError, as a real source does.
 */
export function controlledSource(inner: AnalyticsDataSource): { source: AnalyticsDataSource; calls: ReportCall[] } {
  const calls: ReportCall[] = [];
  const source: AnalyticsDataSource = {
    timeZone: inner.timeZone,
    now: inner.now ? () => inner.now!() : undefined,
    report: (query) =>
      new Promise<AnalyticsReport>((resolve, reject) => {
        query.signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')));
        calls.push({
          query,
          settle: async () => resolve(await inner.report({ ...query, signal: undefined })),
          reject,
        });
      }),
    rows: (table, q) => inner.rows(table, q),
    diffReport: (q) => inner.diffReport(q),
  };
  return { source, calls };
}

/** Wraps a source so that its first `report()` calls reject with `error`, the later ones answer. */
export function flakySource(
  inner: AnalyticsDataSource,
  error: unknown = new AnalyticsError('rest_server_error', 'The server is busy.', { status: 500 }),
  failures = 1,
): { source: AnalyticsDataSource; queries: ReportQuery[] } {
  const queries: ReportQuery[] = [];
  let left = failures;
  const source: AnalyticsDataSource = {
    timeZone: inner.timeZone,
    now: inner.now ? () => inner.now!() : undefined,
    report: async (query) => {
      queries.push(query);
      if (left > 0) {
        left--;
        throw error;
      }
      return inner.report(query);
    },
    rows: (table, q) => inner.rows(table, q),
    diffReport: (q) => inner.diffReport(q),
  };
  return { source, queries };
}

/**
 * Wraps a source that answers several reports in one request (`reports`):
 * records each request and each single `report()` call; its first
 * `failures` requests reject with `error`, the later ones answer.
 */
export function batchingSource(
  inner: AnalyticsDataSource & Required<Pick<AnalyticsDataSource, 'reports'>>,
  error: unknown = new AnalyticsError('rest_server_error', 'The server is busy.', { status: 500 }),
  failures = 0,
): { source: AnalyticsDataSource; batches: Omit<ReportQuery, 'signal'>[][]; singles: ReportQuery[] } {
  const batches: Omit<ReportQuery, 'signal'>[][] = [];
  const singles: ReportQuery[] = [];
  let left = failures;
  const source: AnalyticsDataSource = {
    timeZone: inner.timeZone,
    now: inner.now ? () => inner.now!() : undefined,
    report: (query) => {
      singles.push(query);
      return inner.report(query);
    },
    reports: async (queries, options) => {
      batches.push([...queries]);
      if (left > 0) {
        left--;
        throw error;
      }
      return inner.reports(queries, options);
    },
    rows: (table, q) => inner.rows(table, q),
    diffReport: (q) => inner.diffReport(q),
  };
  return { source, batches, singles };
}

const squash = (text: string | null | undefined) => text?.replace(/\s+/g, ' ').trim();

/** Reads a section as a user sees it. */
export function sectionScreen(el: HTMLElement) {
  const root = el.shadowRoot!;
  const metrics = () => [...root.querySelectorAll<JtMetric>('jt-metric')];
  const metricEl = (label: string) => metrics().find((m) => m.label === label);
  return {
    heading: () => root.querySelector('[part~="heading"]')!,
    body: () => root.querySelector('[part~="body"]'),
    /** The labels of the cards on screen, in order. */
    labels: () => metrics().map((m) => m.label),
    skeletons: () => metrics().filter((m) => m.loading).length,
    metric(label: string): { value?: string; change?: string; verify?: string; drift?: string; extra?: string; nonzero: boolean } | undefined {
      const m = metricEl(label);
      if (!m) return undefined;
      const shadow = m.shadowRoot!;
      return {
        value: squash(shadow.querySelector('[part~="value"]')?.textContent),
        change: squash(shadow.querySelector('[part~="change"]')?.textContent),
        verify: squash(shadow.querySelector('[part~="verify"]')?.textContent),
        drift: squash(shadow.querySelector('[part~="drift"]')?.textContent)?.replace('⚠ ', ''),
        extra: squash(m.textContent),
        nonzero: shadow.querySelector('[part~="drift-nonzero"]') !== null,
      };
    },
    metricElement: metricEl,
    /** The definition behind a card's info button, read after pressing it (and closing it again). */
    async help(label: string): Promise<string | undefined> {
      const m = metricEl(label);
      const button = m?.shadowRoot!.querySelector<HTMLButtonElement>('[part~="info-button"]');
      if (!m || !button) return undefined;
      button.click();
      await m.updateComplete;
      const text = squash(m.shadowRoot!.querySelector('[part~="help"] p')?.textContent);
      button.click();
      await m.updateComplete;
      return text;
    },
    text: (part: string) => squash(root.querySelector(`[part~="${part}"]`)?.textContent),
    alert: () => root.querySelector('[role="alert"]'),
    retry: () => root.querySelector<HTMLButtonElement>('[part~="retry-button"]'),
    /** Every card's values rendered, once the nested cards have updated. */
    async settled(): Promise<void> {
      await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
      await Promise.all(metrics().map((m) => m.updateComplete));
    },
  };
}

/** Waits until a section shows its figures (no skeleton left) and has settled; returns its screen. */
export async function loadedSection(el: HTMLElement): Promise<ReturnType<typeof sectionScreen>> {
  const screen = sectionScreen(el);
  await waitUntil(() => screen.labels().length > 0 && screen.skeletons() === 0, 'the figures never appeared');
  await screen.settled();
  return screen;
}

/**
 * The change a card shows against the previous period, in full (arrow,
 * direction word, percent, "vs previous period"), or "—" / "new" when the
 * count it rests on (`base`, else the previous value) is under the minimum.
 */
export function shownChange(value: number | null, previous: number | null, format: (v: number) => string, base?: number | null): string {
  if (value === null || previous === null) return `${en.notAvailable}${en.notAvailable}: ${en.noBase} ${en.vsPrevious}`;
  const counts = base ?? previous;
  if (previous === 0 || Math.abs(counts) < MIN_COMPARISON_BASE) {
    const isNew = previous === 0 && value > 0;
    const both = en.comparedCounts(format(previous), format(value));
    return `${isNew ? en.newBase : '—'}${isNew ? en.newBase : en.tooFewToCompare}: ${both} ${en.vsPrevious}`;
  }
  const percent = ((value - previous) / Math.abs(previous)) * 100;
  const shown = formatChange('en-US', percent);
  const [arrow, word] = shown.startsWith('+') ? ['↑', en.increase] : shown.startsWith('-') ? ['↓', en.decrease] : ['→', en.unchanged];
  return `${arrow} ${word} ${shown} ${en.vsPrevious}`;
}

/** A figure as a card shows it: formatted, or "not available" for null. */
export function shownFigure(value: number | null, format: (v: number) => string): string {
  return value === null ? en.notAvailable : format(value);
}
