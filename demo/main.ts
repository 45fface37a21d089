import '../src/index.js';
import type { ThemeName } from '../src/internal/theme.js';
import { MemoryDataSource } from '../src/sources/memory-data-source.js';

// The demo's admin screen: the whole dashboard over a generated community, computed in a Worker.
const DAY = 86_400_000;
const COMMUNITY = { seed: 1, events: 50_000, days: 365 } as const;

const dashboard = document.querySelector('jt-analytics-dashboard')!;
const controls = document.querySelector<HTMLFormElement>('#demo-controls')!;
const notice = document.querySelector<HTMLElement>('#sample-notice')!;
const field = <T extends HTMLElement>(name: string) => controls.elements.namedItem(name) as T;
const themeSelect = field<HTMLSelectElement>('theme');
const localeSelect = field<HTMLSelectElement>('locale');
const verifyBox = field<HTMLInputElement>('verify');
const sinceSelect = field<HTMLSelectElement>('since');

let source: MemoryDataSource | undefined;

/** A fresh source over the same community; `recordingDays` makes the aggregator start that many days ago, so older days drift. */
async function loadCommunity(recordingDays: number | undefined): Promise<void> {
  const end = Date.now();
  const aggregatorSince = recordingDays === undefined ? null : end - recordingDays * DAY;
  notice.classList.replace('notice-error', 'notice-info');
  notice.textContent = `Generating a sample community of ${COMMUNITY.events.toLocaleString()} events over ${COMMUNITY.days} days…`;
  const next = new MemoryDataSource({ timeZone: 'Europe/Berlin', aggregatorSince });
  try {
    const result = await next.ingestCommunity({ ...COMMUNITY, end });
    source?.close();
    source = next;
    dashboard.dataSource = next;
    notice.textContent =
      `A generated sample community: ${result.applied.toLocaleString()} events applied ` +
      `(${result.duplicates.toLocaleString()} repeated deliveries ignored) over the last ${COMMUNITY.days} days, ` +
      `site time zone ${next.timeZone}, computed in a Web Worker. ` +
      (aggregatorSince === null ? 'The aggregator saw every event.' : `The aggregator started ${recordingDays} days ago, so older days drift.`);
  } catch (error) {
    next.close();
    notice.classList.replace('notice-info', 'notice-error');
    notice.textContent = `The sample community could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
  }
}

// The dashboard's state (possibly from the URL hash) shows in the controls, and the controls drive it.
themeSelect.value = dashboard.theme;
localeSelect.value = dashboard.locale ?? document.documentElement.lang;
verifyBox.checked = dashboard.verify;

themeSelect.addEventListener('change', () => {
  dashboard.theme = themeSelect.value as ThemeName;
});
localeSelect.addEventListener('change', () => {
  dashboard.locale = localeSelect.value;
});
verifyBox.addEventListener('change', () => {
  dashboard.verify = verifyBox.checked;
});
dashboard.addEventListener('jt-verify-change', (event) => {
  verifyBox.checked = event.detail.verify;
});
window.addEventListener('hashchange', () => {
  verifyBox.checked = dashboard.verify;
});
sinceSelect.addEventListener('change', () => {
  void loadCommunity(sinceSelect.value === 'all' ? undefined : Number(sinceSelect.value));
});
controls.addEventListener('submit', (event) => event.preventDefault());

await loadCommunity(undefined);
