import Papa from 'papaparse';
import { AnalyticsError, ERROR_CODES } from '../model/errors.js';
import { TABLE_COLUMNS, tableToRecords, type TableRowTypes } from '../model/labels.js';
import type { TableId } from '../model/report.js';

/** The character between cells: `,` (DESIGN section 7) or `;`, what spreadsheets of locales with a decimal comma split on. */
export type CsvDelimiter = ',' | ';';
/** The mark before a number's fraction: `.` or, only with the `;` delimiter, `,`. */
export type CsvDecimalMark = '.' | ',';
/** `shown`: numbers rounded as the tables show them; `raw`: as computed. */
export type CsvValues = 'shown' | 'raw';

/** How `tableCsv` writes the CSV text. */
export interface CsvOptions {
  /** Start with a UTF-8 byte-order mark so Excel reads accents and emoji right. Default true. */
  bom?: boolean;
  /** The character between cells. Default `,`. */
  delimiter?: CsvDelimiter;
  /**
   * The decimal mark of numbers with a fraction. Default `.`; `,` only with
   * the `;` delimiter (a comma between cells would split the number). Never
   * thousands separators, and numbers are never quoted or prefixed.
   */
  decimalMark?: CsvDecimalMark;
  /** `shown` (default): rounded to the decimals the table shows (an engagement rate of 2.5673… is 2.57); `raw`: every digit. */
  values?: CsvValues;
}

/** The options checked, with their defaults: a bad one is refused, never written into a file no spreadsheet reads. */
export function checkCsvOptions(options: CsvOptions): Required<CsvOptions> {
  const { bom = true, delimiter = ',', decimalMark = '.', values = 'shown' } = options;
  const refuse = (message: string) => new AnalyticsError(ERROR_CODES.invalidQuery, message);
  if (typeof bom !== 'boolean') throw refuse(`"bom" must be true or false, got ${String(bom)}`);
  if (delimiter !== ',' && delimiter !== ';') throw refuse(`"delimiter" must be "," or ";", got ${JSON.stringify(delimiter)}`);
  if (decimalMark !== '.' && decimalMark !== ',') throw refuse(`"decimalMark" must be "." or ",", got ${JSON.stringify(decimalMark)}`);
  if (delimiter === ',' && decimalMark === ',') throw refuse('"decimalMark" "," needs the ";" delimiter: a comma between cells would split every decimal number');
  if (values !== 'shown' && values !== 'raw') throw refuse(`"values" must be "shown" or "raw", got ${JSON.stringify(values)}`);
  return { bom, delimiter, decimalMark, values };
}

/** Per count of decimals, how a table shows a number (`Intl`, which rounds the shortest decimal form: 3/40 shows 0.08), without grouping. */
const shownFormats = new Map<number, Intl.NumberFormat>();

/** `value` with `digits` decimals exactly as a table column shows it (`Formatter.fixed`), with a decimal point. */
function shown(value: number, digits: number): string {
  let format = shownFormats.get(digits);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false });
    shownFormats.set(digits, format);
  }
  return format.format(value);
}

/**
 * A number cell written as text of its own: with the decimals the table
 * shows (`2.50`, not `2.5`) and/or a decimal comma (`-3,2`). A number, so
 * never prefixed or quoted.
 */
class CsvNumber {
  constructor(private readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/**
 * A text cell a spreadsheet would run as a formula, written with a leading
 * `'` and quoted. Neutralised here rather than by papaparse's own option,
 * which would also prefix a number written `-3,2`: only text is ever prefixed.
 */
class NeutralisedText {
  constructor(private readonly text: string) {}
  toString(): string {
    return `'${this.text}`;
  }
}

/**
 * Text cells a spreadsheet would run as a formula, neutralised with a leading
 * `'`: a cell that starts with tab, CR or NUL, or whose first character after
 * any run of blanks is `=`, `+`, `-` or `@` or one of their compatibility
 * forms. Importers trim blanks (spaces, NBSP, the ideographic space, line
 * breaks, zero-width and other format characters) and fold full-width and
 * small forms (`＝` `＋` `－` `＠`, `﹦` `﹢` `﹣` `﹫`, super- and subscript `⁺` `⁼`
 * `₊` `₌`, `⩵` `⩶`, `﬩`: everything whose NFKC form starts with a sign), so
 * those run too. Anchored at the very start with no `.*$`, so a multi-line
 * cell ("=1+1\nmore") is caught as well (papaparse's own default pattern
 * misses those). Numbers are never escaped: -3.2 stays -3.2.
 */
export const FORMULA_PREFIX = /^(?:[\t\r\0]|[\s\p{Cc}\p{Cf}]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B\u207A\u207C\u208A\u208C\u2A75\u2A76\uFB29])/u;

/**
 * The CSV text of a table (DESIGN section 7): on-screen labels as headers,
 * CRLF, RFC 4180 quoting; numbers rounded as shown unless `values` is `raw`,
 * and written with the given delimiter and decimal mark (the caller picks
 * them for a locale: the engine formats for none on its own).
 */
export function tableCsv<T extends TableId>(table: T, rows: readonly TableRowTypes[T][], options: CsvOptions = {}): string {
  const { bom, delimiter, decimalMark, values } = checkCsvOptions(options);
  const records: unknown[][] = tableToRecords(table, rows);
  const columns = TABLE_COLUMNS[table];
  for (const cells of records) {
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c];
      if (typeof cell === 'string') {
        if (FORMULA_PREFIX.test(cell)) cells[c] = new NeutralisedText(cell);
      } else if (typeof cell === 'number') {
        // As the table shows it: its column's decimals, rounded as Intl rounds for the screen.
        const digits = values === 'shown' ? columns[c]!.fractionDigits : undefined;
        if (digits === undefined && decimalMark === '.') continue;
        const text = digits === undefined ? String(cell) : shown(cell, digits);
        cells[c] = new CsvNumber(decimalMark === ',' ? text.replace('.', ',') : text);
      }
    }
  }
  // RFC 4180 quoting by papaparse (a cell holding the delimiter, a quote or a line break), and every neutralised cell.
  const text = Papa.unparse(records, { newline: '\r\n', delimiter, quotes: (cell: unknown) => cell instanceof NeutralisedText });
  return bom ? `\uFEFF${text}` : text;
}

/** `top-spaces_2026-10-26_2026-11-24.csv` */
export function csvFileName(table: TableId, range: { start: string; end: string }): string {
  return `${table}_${range.start}_${range.end}.csv`;
}
