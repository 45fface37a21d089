/**
 * Test helpers for `<jt-analytics-dashboard>`: read it as a user does (the
 * text a screen reader gets, through every nested shadow root) and wait for
 * all its parts to finish loading. Not part of the public API; works on a
 * dashboard in another frame too.
 */
import { waitUntil } from '@open-wc/testing';
import type { JtAnalyticsDashboard } from './analytics-dashboard.js';

/** The text of a node as read aloud: aria-hidden parts removed, whitespace collapsed. */
export function readable(node: Element | null | undefined): string {
  if (!node) return '';
  const copy = node.cloneNode(true) as Element;
  copy.querySelectorAll('[aria-hidden="true"], [hidden]').forEach((hidden) => hidden.remove());
  return (copy.textContent ?? '').replace(/\s+/gu, ' ').trim();
}

/** Every element matching `selector` in `root` and in the shadow roots below it. */
export function deepQueryAll<T extends Element = Element>(root: ParentNode, selector: string): T[] {
  const found: T[] = [...root.querySelectorAll<T>(selector)];
  for (const element of root.querySelectorAll('*')) {
    if (element.shadowRoot) found.push(...deepQueryAll<T>(element.shadowRoot, selector));
  }
  return found;
}

/** What one `<jt-metric>` card shows. */
export interface CardText {
  label: string;
  value: string;
  change: string;
  verify: string;
  drift: string;
}

export function cardText(card: Element): CardText {
  const root = card.shadowRoot!;
  const part = (name: string) => readable(root.querySelector(`[part~="${name}"]`));
  return { label: part('label'), value: part('value'), change: part('change'), verify: part('verify'), drift: part('drift') };
}

/** The cards under `root` (one level of shadow root), by label. */
export function cardsIn(root: ParentNode): Map<string, CardText> {
  const cards = new Map<string, CardText>();
  for (const card of root.querySelectorAll('jt-metric')) {
    const text = cardText(card);
    cards.set(text.label, text);
  }
  return cards;
}

export function dashboardHarness(el: JtAnalyticsDashboard) {
  const root = el.shadowRoot!;
  const part = <T extends Element = HTMLElement>(name: string) => root.querySelector<T>(`[part~="${name}"]`);
  return {
    part,
    body: () => part('body')!,
    headline: () => cardsIn(part('headline') ?? root),
    engagement: () => cardsIn(part('engagement')!.shadowRoot!),
    moderation: () => cardsIn(part('moderation')!.shadowRoot!),
    chart: () => root.querySelector('jt-activity-chart'),
    topSpaces: () => root.querySelector('jt-top-spaces'),
    topContributors: () => root.querySelector('jt-top-contributors'),
    rangePicker: () => root.querySelector('jt-date-range')!,
    toggle: () => root.querySelector('jt-diff-toggle')!,
    status: () => readable(part('status')),
    retry: () => part<HTMLButtonElement>('retry-button'),
    /** The chart and both tables, once each has finished its pending update. */
    async dataParts() {
      const spaces = root.querySelector('jt-top-spaces')!;
      const contributors = root.querySelector('jt-top-contributors')!;
      const chart = root.querySelector('jt-activity-chart')!;
      await Promise.all([spaces.updateComplete, contributors.updateComplete, chart.updateComplete]);
      return { spaces, contributors, chart };
    },
    /** Rows of a ranked table as their cells' readable text. */
    tableRows(table: 'top-spaces' | 'top-contributors'): string[][] {
      const tableRoot = part(table)!.shadowRoot!;
      return Array.from(tableRoot.querySelectorAll('tbody tr'), (tr) => Array.from(tr.children, (cell) => readable(cell)));
    },
  };
}

function busy(root: ParentNode | null | undefined, selector: string): boolean {
  return root?.querySelector(selector)?.getAttribute('aria-busy') !== 'false';
}

/** Waits until the dashboard's report, the chart (library included) and both tables have loaded, and every card has drawn. */
export async function settled(el: JtAnalyticsDashboard, timeout = 20_000): Promise<void> {
  await el.updateComplete;
  const root = el.shadowRoot!;
  await waitUntil(
    () => {
      if (busy(root, '[part~="body"]')) return false;
      if (root.querySelector('[part~="error"], [part~="empty"]')) return true;
      const chart = root.querySelector('jt-activity-chart')?.shadowRoot;
      const chartDone = !!chart?.querySelector('[part~="chart"] svg, [part~="empty"], [part~="error"]');
      return chartDone && !busy(chart, '[part~="base"]') && ['jt-top-spaces', 'jt-top-contributors'].every((tag) => !busy(root.querySelector(tag)?.shadowRoot, '[part~="base"]'));
    },
    'the dashboard did not finish loading',
    { timeout },
  );
  await nestedUpdates(el);
}

/** Waits for every Lit element under `el` (through shadow roots) to finish its pending update. */
export async function nestedUpdates(el: Element): Promise<void> {
  for (let round = 0; round < 3; round++) {
    const elements = [el, ...deepQueryAll(el.shadowRoot ?? el, '*')].filter(
      (node): node is Element & { updateComplete: Promise<unknown> } => 'updateComplete' in node,
    );
    await Promise.all(elements.map((node) => node.updateComplete));
  }
}
