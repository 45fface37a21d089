import Papa from 'papaparse';
import pLimit from 'p-limit';
import { FORMULA_PREFIX, checkCsvOptions, type CsvDelimiter, type CsvOptions } from '../engine/csv.js';
import { AnalyticsError, abortError } from '../model/errors.js';
import { TABLE_COLUMNS } from '../model/labels.js';
import type { ReportQuery, TableId } from '../model/report.js';
import { EngineClient } from '../worker/client.js';
import { InProcessTransport } from '../worker/in-process-transport.js';
import type { CsvFile, EngineTransport } from '../worker/protocol.js';
import { WorkerTransport } from '../worker/worker-transport.js';
import type { AnalyticsDataSource, TableRows } from './data-source.js';

/** How `exportCsv` pages a source and writes the file. */
export interface ExportCsvOptions extends CsvOptions {
  /** Rows fetched per `rows()` call when paging a source; default 100 (the REST maximum). */
  pageSize?: number;
  /**
   * How many `rows()` calls may be open at once when paging a source, 1 to
   * 16; default 4. The first page comes alone (its total says how many
   * there are), the others in parallel up to this bound; rows keep their order.
   */
  concurrency?: number;
  /** Called as rows arrive: how many so far, of `total`. */
  onProgress?: (progress: { rows: number; total: number }) => void;
  /**
   * The BCP 47 locale whose spreadsheets open the file: where its decimal
   * mark is a comma (`de`, `fr`, …), cells are separated by `;` and decimals
   * written `2,84`, as Excel of that locale reads them; elsewhere `,` and
   * `2.84`. `delimiter` and `decimalMark` given explicitly win. Default none:
   * the design's comma and point.
   */
  locale?: string;
  /**
   * The header row, one name per column in the table's order, in place of
   * the English labels of DESIGN section 7 (`TABLE_COLUMNS`): the elements
   * pass the labels of their language, so a German page exports German
   * headers. Quoted and neutralised like any text cell. Default the design's.
   */
  header?: readonly string[];
}

/** A finished CSV export: the file, its name and how many data rows it holds (the header not counted). */
export interface CsvExport {
  blob: Blob;
  fileName: string;
  rows: number;
}

/**
 * Every row of a table for the range (not the visible page) as a CSV file
 * with the on-screen labels as headers (DESIGN section 7). The text is built
 * in the worker; a source without `csv()` of its own pages through `rows()`.
 */
export async function exportCsv(source: AnalyticsDataSource, table: TableId, query: ReportQuery, options: ExportCsvOptions = {}): Promise<CsvExport> {
  const given = definedFormat(options);
  // The locale's decimal comma goes with its ";": with "," asked for, decimals keep the point.
  const fromLocale = given.delimiter === ',' ? {} : localeFormat(options.locale);
  const csvOptions = checkCsvOptions({ ...fromLocale, ...given });
  const header = options.header === undefined ? undefined : checkHeader(table, options.header);
  let file: CsvFile;
  if (typeof source.csv === 'function') {
    file = await source.csv(table, query, csvOptions);
    options.onProgress?.({ rows: file.rows, total: file.rows });
  } else {
    const rows = await allRows(source, table, query, options);
    file = await csvFromRows(table, rows, query, csvOptions);
  }
  const bytes = file.bytes as Uint8Array<ArrayBuffer>;
  const parts = header ? withHeader(table, bytes, header, csvOptions.delimiter) : [bytes];
  return { blob: new Blob(parts, { type: 'text/csv;charset=utf-8' }), fileName: file.fileName, rows: file.rows };
}

/** The options of the file's format that were given (an explicit `undefined` is not given). */
function definedFormat(options: ExportCsvOptions): CsvOptions {
  const format: CsvOptions = {};
  if (options.bom !== undefined) format.bom = options.bom;
  if (options.delimiter !== undefined) format.delimiter = options.delimiter;
  if (options.decimalMark !== undefined) format.decimalMark = options.decimalMark;
  if (options.values !== undefined) format.values = options.values;
  return format;
}

/** The delimiter and decimal mark spreadsheets of `locale` read: `;` and `,` where its decimal mark is a comma. */
export function csvLocaleFormat(locale: string): Required<Pick<CsvOptions, 'delimiter' | 'decimalMark'>> {
  let decimal: string | undefined;
  try {
    decimal = new Intl.NumberFormat(locale).formatToParts(1.5).find((part) => part.type === 'decimal')?.value;
  } catch (error) {
    throw new AnalyticsError('invalid_query', `"locale" must be a BCP 47 locale such as "de-DE", got ${JSON.stringify(locale)}`, { cause: error });
  }
  return decimal === ',' ? { delimiter: ';', decimalMark: ',' } : { delimiter: ',', decimalMark: '.' };
}

function localeFormat(locale: unknown): CsvOptions {
  if (locale === undefined) return {};
  if (typeof locale !== 'string' || locale.trim() === '') throw new AnalyticsError('invalid_query', `"locale" must be a BCP 47 locale such as "de-DE", got ${String(locale)}`);
  return csvLocaleFormat(locale);
}

function checkHeader(table: TableId, header: unknown): readonly string[] {
  const count = TABLE_COLUMNS[table].length;
  if (!Array.isArray(header) || header.length !== count || header.some((name) => typeof name !== 'string')) {
    throw new AnalyticsError('invalid_query', `"header" must be ${count} strings, one per column of ${table}`);
  }
  return header as readonly string[];
}

/** One CSV record as the engine writes it: RFC 4180 quoting, formulas neutralised, no line break. */
function csvRecord(cells: readonly string[], delimiter: CsvDelimiter): string {
  return Papa.unparse([cells as string[]], { newline: '\r\n', delimiter, escapeFormulae: FORMULA_PREFIX });
}

/**
 * The file's parts with `header` in place of its first record. The engine
 * writes the design's labels there (after the BOM, when there is one); the
 * rows are the engine's bytes as they are, not decoded or copied. A source
 * that builds CSV itself and wrote another header keeps it.
 */
function withHeader(table: TableId, bytes: Uint8Array<ArrayBuffer>, header: readonly string[], delimiter: CsvDelimiter): BlobPart[] {
  const encoder = new TextEncoder();
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const designHeader = encoder.encode(csvRecord(TABLE_COLUMNS[table].map((column) => column.label), delimiter));
  const end = bom + designHeader.length;
  const sameHeader = designHeader.every((byte, i) => bytes[bom + i] === byte);
  const recordEnds = end === bytes.length || (bytes[end] === 0x0d && bytes[end + 1] === 0x0a);
  if (!sameHeader || !recordEnds) return [bytes];
  return [bytes.subarray(0, bom), encoder.encode(csvRecord(header, delimiter)), bytes.subarray(end)];
}

/** Pages open at once by default: a few, so a large table over REST is not read one request after another, yet the server is not flooded. */
const DEFAULT_CONCURRENCY = 4;
const MAX_CONCURRENCY = 16;

/**
 * Every row of the table through `rows()`: the first page alone (its total
 * says how many pages there are), then the others, `concurrency` at a time,
 * each put in its place so the rows keep their order. The first failure or
 * an abort stops the rest: the pages in flight are aborted, none is asked for.
 */
async function allRows(source: AnalyticsDataSource, table: TableId, query: ReportQuery, options: ExportCsvOptions): Promise<TableRows[TableId][]> {
  const limit = options.pageSize ?? 100;
  if (!Number.isInteger(limit) || limit < 1) throw new AnalyticsError('invalid_query', `"pageSize" must be a whole number ≥ 1, got ${String(limit)}`);
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
    throw new AnalyticsError('invalid_query', `"concurrency" must be a whole number from 1 to ${MAX_CONCURRENCY}, got ${String(concurrency)}`);
  }
  if (query.signal?.aborted) throw abortError(query.signal);
  const first = await source.rows(table, { ...query, offset: 0, limit });
  let total = first.total;
  let fetched = first.rows.length;
  const pages: TableRows[TableId][][] = [first.rows];
  options.onProgress?.({ rows: fetched, total });
  if (first.rows.length === 0) return [];

  // One signal for the pages: the caller's abort or the first failure ends every page in flight.
  const stop = new AbortController();
  const signal = query.signal ? AbortSignal.any([query.signal, stop.signal]) : stop.signal;
  const lanes = pLimit(concurrency);
  let empty = false;
  const readPage = async (index: number): Promise<void> => {
    if (signal.aborted) throw abortError(signal);
    const page = await source.rows(table, { ...query, signal, offset: index * limit, limit });
    pages[index] = page.rows;
    fetched += page.rows.length;
    // A total that grew while reading (new events) asks for more pages below.
    total = Math.max(total, page.total);
    if (page.rows.length === 0) empty = true;
    options.onProgress?.({ rows: fetched, total });
  };
  let planned = 1;
  // A source whose total overstates its rows (an empty page) must not loop forever.
  while (planned * limit < total && !empty) {
    const count = Math.ceil(total / limit) - planned;
    const indexes = Array.from({ length: count }, (_, i) => planned + i);
    planned += count;
    try {
      await Promise.all(
        indexes.map((index) =>
          lanes(() => readPage(index)).catch((error: unknown) => {
            stop.abort(error);
            throw error;
          }),
        ),
      );
    } catch (error) {
      throw query.signal?.aborted ? abortError(query.signal) : error;
    }
  }
  return pages.flat();
}

/** CSV bytes for rows fetched on this thread, built where the engine runs (the page's worker, or here where there is none). */
async function csvFromRows(table: TableId, rows: TableRows[TableId][], query: ReportQuery, options: CsvOptions): Promise<CsvFile> {
  const range = { start: query.range.start, end: query.range.end };
  let transport: EngineTransport;
  if (typeof Worker === 'undefined') {
    // Loaded only where no Worker exists (Node), so element bundles stay free of the engine.
    transport = new InProcessTransport(() => import('../worker/engine-host.js').then((m) => new m.EngineHost()));
  } else {
    transport = new WorkerTransport();
  }
  // A client without an engine of its own: it holds the worker only for this call.
  const client = new EngineClient(transport);
  try {
    return await client.call('csvFromRows', { table, rows, range, options });
  } finally {
    client.close();
  }
}
