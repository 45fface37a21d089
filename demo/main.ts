import '../src/elements/analytics-dashboard/analytics-dashboard.js';
import { MemoryDataSource } from '../src/sources/memory-data-source.js';
import { sampleCommunity } from './sample-community.js';

// The demo's admin screen: the dashboard fed by an in-memory source over the built-in community.
const dashboard = document.querySelector('jt-analytics-dashboard')!;
const rangeSelect = document.querySelector<HTMLSelectElement>('#range')!;
const notice = document.querySelector<HTMLElement>('#sample-notice')!;

rangeSelect.value = dashboard.range;
rangeSelect.addEventListener('change', () => {
  dashboard.range = rangeSelect.value;
});

try {
  const source = new MemoryDataSource({ timeZone: 'Europe/Berlin', worker: false });
  const events = sampleCommunity();
  const result = await source.ingest(events);
  dashboard.dataSource = source;
  notice.textContent =
    `Preview on a built-in sample community: ${events.length} events over the last 60 days ` +
    `(${result.applied} applied, ${result.duplicates} duplicate deliveries ignored), site time zone ${source.timeZone}.`;
} catch (error) {
  notice.classList.replace('notice-info', 'notice-error');
  notice.textContent = `The sample community could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
}
