import Papa from 'papaparse';
import { tableToRecords, type TableRowTypes } from '../model/labels.js';
import type { TableId } from '../model/report.js';

export interface CsvOptions {
  /** Start with a UTF-8 byte-order mark so Excel reads accents and emoji right. Default true. */
  bom?: boolean;
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

/** The CSV text of a table (DESIGN section 7): on-screen labels as headers, CRLF, RFC 4180 quoting. */
export function tableCsv<T extends TableId>(table: T, rows: readonly TableRowTypes[T][], options: CsvOptions = {}): string {
  const text = Papa.unparse(tableToRecords(table, rows), { newline: '\r\n', escapeFormulae: FORMULA_PREFIX });
  return (options.bom ?? true) ? `\uFEFF${text}` : text;
}

/** `top-spaces_2026-10-26_2026-11-24.csv` */
export function csvFileName(table: TableId, range: { start: string; end: string }): string {
  return `${table}_${range.start}_${range.end}.csv`;
}
