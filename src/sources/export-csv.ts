import type { CsvOptions } from '../engine/csv.js';
import { AnalyticsError, abortError } from '../model/errors.js';
import type { ReportQuery, TableId } from '../model/report.js';
import { fromWire, type CsvFile } from '../worker/backend.js';
import { DEFAULT_WORKER_TIMEOUT_MS, sharedEngineWorker } from '../worker/worker-backend.js';
import type { AnalyticsDataSource, TableRows } from './data-source.js';

export interface ExportCsvOptions extends CsvOptions {
  /** Rows fetched per `rows()` call when paging a source; default 100 (the REST maximum). */
  pageSize?: number;
  /** Called as rows arrive: how many so far, of `total`. */
  onProgress?: (progress: { rows: number; total: number }) => void;
}

export interface CsvExport {
  blob: Blob;
  fileName: string;
  rows: number;
}

/** A source that builds CSV itself, next to its engine (MemoryDataSource does). */
interface CsvCapable {
  csv(table: TableId, q: ReportQuery, options?: CsvOptions): Promise<CsvFile>;
}

function canBuildCsv(source: AnalyticsDataSource): source is AnalyticsDataSource & CsvCapable {
  return typeof (source as Partial<CsvCapable>).csv === 'function';
}

/**
 * Every row of a table for the range (not the visible page) as a CSV file
 * with the on-screen labels as headers (DESIGN section 7). The text is built
 * in the worker; a source that cannot build it pages through `rows()`.
 */
export async function exportCsv(source: AnalyticsDataSource, table: TableId, query: ReportQuery, options: ExportCsvOptions = {}): Promise<CsvExport> {
  const csvOptions: CsvOptions = options.bom === undefined ? {} : { bom: options.bom };
  let file: CsvFile;
  if (canBuildCsv(source)) {
    file = await source.csv(table, query, csvOptions);
    options.onProgress?.({ rows: file.rows, total: file.rows });
  } else {
    const rows = await allRows(source, table, query, options);
    file = await csvFromRows(table, rows, query, csvOptions);
  }
  return { blob: new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: 'text/csv;charset=utf-8' }), fileName: file.fileName, rows: file.rows };
}

async function allRows(source: AnalyticsDataSource, table: TableId, query: ReportQuery, options: ExportCsvOptions): Promise<TableRows[TableId][]> {
  const limit = options.pageSize ?? 100;
  if (!Number.isInteger(limit) || limit < 1) throw new AnalyticsError('invalid_query', `"pageSize" must be a whole number ≥ 1, got ${String(limit)}`);
  const rows: TableRows[TableId][] = [];
  let total = Infinity;
  while (rows.length < total) {
    if (query.signal?.aborted) throw abortError(query.signal);
    const page = await source.rows(table, { ...query, offset: rows.length, limit });
    total = page.total;
    rows.push(...page.rows);
    options.onProgress?.({ rows: rows.length, total });
    if (page.rows.length === 0) break; // a source whose total overstates its rows must not loop forever
  }
  return rows;
}

async function csvFromRows(table: TableId, rows: TableRows[TableId][], query: ReportQuery, options: CsvOptions): Promise<CsvFile> {
  const range = { start: query.range.start, end: query.range.end };
  if (typeof Worker === 'undefined') {
    try {
      // Loaded only where no Worker exists (Node), so element bundles stay free of the engine.
      const { EngineHost } = await import('../worker/engine-host.js');
      return new EngineHost().csvFromRows(table, rows, range, options);
    } catch (error) {
      throw fromWire(error);
    }
  }
  const worker = sharedEngineWorker();
  const user = { replay: async () => undefined };
  worker.attach(user);
  try {
    return await worker.call((api) => api.csvFromRows(table, rows, range, options), DEFAULT_WORKER_TIMEOUT_MS);
  } catch (error) {
    throw fromWire(error);
  } finally {
    worker.detach(user);
  }
}
