/**
 * The page the CSP test loads in a frame: the full entry (every element
 * registered), a MemoryDataSource in its Worker, and the dashboard on it.
 * `window.cspPage` tells the test when the data is in.
 */
import '../../src/index.js';
import { FIXTURE_NOW } from '../../src/internal/test-fixtures.js';
import { MemoryDataSource } from '../../src/sources/memory-data-source.js';

declare global {
  interface Window {
    cspPage: Promise<MemoryDataSource>;
  }
}

async function start(): Promise<MemoryDataSource> {
  // The engine runs in a Web Worker here (the browser default): the policy must allow it.
  const source = new MemoryDataSource({ timeZone: 'Europe/Berlin', now: FIXTURE_NOW });
  await source.ingestCommunity({ seed: 5, events: 3000, days: 90, end: FIXTURE_NOW });
  document.querySelector('jt-analytics-dashboard')!.dataSource = source;
  return source;
}

window.cspPage = start();
