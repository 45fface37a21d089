import Papa from 'papaparse';
import { FORMULA_PREFIX, type CsvOptions } from '../engine/csv.js';
import { AnalyticsError, abortError } from '../model/errors.js';
import { TABLE_COLUMNS } from '../model/labels.js';
import type { ReportQuery, TableId } from '../model/report.js';
import { fromWire, type CsvFile } from '../worker/backend.js';
import { DEFAULT_WORKER_TIMEOUT_MS, sharedEngineWorker } from '../worker/worker-backend.js';
import type { AnalyticsDataSource, TableRows } from './data-source.js';

export interface ExportCsvOptions extends CsvOptions {
  /** Rows fetched per `rows()` call when paging a source; default 100 (the REST maximum). */
  pageSize?: number;
  /** Called as rows arrive: how many so far, of `total`. */
  onProgress?: (progress: { rows: number; total: number }) => void;
  /**
   * The header row, one name per column in the table's order, in place of
   * the English labels of DESIGN section 7 (`TABLE_COLUMNS`): the elements
   * pass the labels of their language, so a German page exports German
   * headers. Quoted and neutralised like any text cell. Default the design's.
   */
  header?: readonly string[];
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
  const header = options.header === undefined ? undefined : checkHeader(table, options.header);
  let file: CsvFile;
  if (canBuildCsv(source)) {
    file = await source.csv(table, query, csvOptions);
    options.onProgress?.({ rows: file.rows, total: file.rows });
  } else {
    const rows = await allRows(source, table, query, options);
    file = await csvFromRows(table, rows, query, csvOptions);
  }
  const bytes = file.bytes as Uint8Array<ArrayBuffer>;
  const parts = header ? withHeader(table, bytes, header) : [bytes];
  return { blob: new Blob(parts, { type: 'text/csv;charset=utf-8' }), fileName: file.fileName, rows: file.rows };
}

function checkHeader(table: TableId, header: unknown): readonly string[] {
  const count = TABLE_COLUMNS[table].length;
  if (!Array.isArray(header) || header.length !== count || header.some((name) => typeof name !== 'string')) {
    throw new AnalyticsError('invalid_query', `"header" must be ${count} strings, one per column of ${table}`);
  }
  return header as readonly string[];
}

/** One CSV record as the engine writes it: RFC 4180 quoting, formulas neutralised, no line break. */
function csvRecord(cells: readonly string[]): string {
  return Papa.unparse([cells as string[]], { newline: '\r\n', escapeFormulae: FORMULA_PREFIX });
}

/**
 * The file's parts with `header` in place of its first record. The engine
 * writes the design's labels there (after the BOM, when there is one); the
 * rows are the engine's bytes as they are, not decoded or copied. A source
 * that builds CSV itself and wrote another header keeps it.
 */
function withHeader(table: TableId, bytes: Uint8Array<ArrayBuffer>, header: readonly string[]): BlobPart[] {
  const encoder = new TextEncoder();
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const designHeader = encoder.encode(csvRecord(TABLE_COLUMNS[table].map((column) => column.label)));
  const end = bom + designHeader.length;
  const sameHeader = designHeader.every((byte, i) => bytes[bom + i] === byte);
  const recordEnds = end === bytes.length || (bytes[end] === 0x0d && bytes[end + 1] === 0x0a);
  if (!sameHeader || !recordEnds) return [bytes];
  return [bytes.subarray(0, bom), encoder.encode(csvRecord(header)), bytes.subarray(end)];
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
