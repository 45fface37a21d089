/**
 * The worker of the round-trip proxy: a Node worker thread that builds the
 * same engine from the same seeded stream, then answers `report` (and `csv`)
 * messages with plain postMessage. Measures what crossing a thread costs
 * (structured clone of the query and the report, two thread hops) without
 * the RPC library. Each reply says how long the work itself took.
 */
import { parentPort, workerData } from 'node:worker_threads';

const { AnalyticsEngine, tableCsv } = await import(workerData.dataUrl);
// The generator ships in the testing entry, beside the data entry.
const { communityEvents } = await import(new URL('testing.js', workerData.dataUrl).href);

const engine = new AnalyticsEngine({ timeZone: 'UTC' });
for (const chunk of communityEvents(workerData.community)) engine.ingest(chunk);

const PAGE = 5000;

parentPort.on('message', ({ id, op, query, table }) => {
  try {
    const started = performance.now();
    if (op === 'report') {
      const result = engine.report(query);
      parentPort.postMessage({ id, result, computeMs: performance.now() - started });
    } else if (op === 'csv') {
      const first = engine.rows(table, { ...query, offset: 0, limit: PAGE });
      const rows = first.rows.slice();
      for (let offset = PAGE; offset < first.total; offset += PAGE) rows.push(...engine.rows(table, { ...query, offset, limit: PAGE }).rows);
      const bytes = new TextEncoder().encode(tableCsv(table, rows));
      parentPort.postMessage({ id, result: { rows: rows.length, bytes }, computeMs: performance.now() - started }, [bytes.buffer]);
    } else if (op === 'ping') {
      parentPort.postMessage({ id, result: null, computeMs: 0 });
    } else {
      throw new Error(`unknown op ${op}`);
    }
  } catch (error) {
    parentPort.postMessage({ id, error: { code: 'engine_error', message: String(error?.message ?? error) } });
  }
});
parentPort.postMessage({ ready: true, contents: engine.store.contents.size });
