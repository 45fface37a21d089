/**
 * The screen and export labels of DESIGN section 7, defined once: the tables
 * render these columns and the CSV export writes the same header and cells,
 * so what is shown and what is exported cannot drift apart. The labels here
 * are the English ones; the elements' catalogue translates each by its
 * `key` (every language it has), and a table and its CSV header follow the
 * element's locale.
 */
import type { ContributorRow, DailyRow, SpaceRow, TableId } from './report.js';

/** How a column's values read: the view aligns and formats by it; CSV keeps the raw value. */
export type ColumnKind = 'text' | 'number' | 'date';

/** The row field of every column some table shows; the same field has the same label in every table. */
export type ColumnKey =
  | 'date'
  | 'rank'
  | 'name'
  | 'displayName'
  | 'trustLevel'
  | 'posts'
  | 'replies'
  | 'contributors'
  | 'engagementRate'
  | 'acceptedAnswers'
  | 'total';

export interface Column<Row> {
  /** The row field the column shows. */
  readonly key: keyof Row & ColumnKey;
  /** The header in English, exactly as DESIGN section 7 names it (an element shows and exports its translation, by `key`). */
  readonly label: string;
  readonly kind: ColumnKind;
  /**
   * The most decimals the table shows of a number that can have a fraction
   * (the elements' `Formatter.number` shows two); a CSV export rounds to it
   * unless raw values are asked for. Absent for whole numbers.
   */
  readonly fractionDigits?: number;
}

/** The row shape of each table. */
export interface TableRowTypes {
  daily: DailyRow;
  'top-spaces': SpaceRow;
  'top-contributors': ContributorRow;
}

/** The columns of every table, in display and export order. */
export const TABLE_COLUMNS: { readonly [T in TableId]: readonly Column<TableRowTypes[T]>[] } = Object.freeze({
  daily: Object.freeze([
    { key: 'date', label: 'Date', kind: 'date' },
    { key: 'posts', label: 'Posts', kind: 'number' },
    { key: 'replies', label: 'Replies', kind: 'number' },
  ] as const),
  'top-spaces': Object.freeze([
    { key: 'rank', label: 'Rank', kind: 'number' },
    { key: 'name', label: 'Space', kind: 'text' },
    { key: 'posts', label: 'Posts', kind: 'number' },
    { key: 'replies', label: 'Replies', kind: 'number' },
    { key: 'contributors', label: 'Contributors', kind: 'number' },
    { key: 'engagementRate', label: 'Engagement rate', kind: 'number', fractionDigits: 2 },
  ] as const),
  'top-contributors': Object.freeze([
    { key: 'rank', label: 'Rank', kind: 'number' },
    { key: 'displayName', label: 'Member', kind: 'text' },
    { key: 'trustLevel', label: 'Trust level', kind: 'number' },
    { key: 'posts', label: 'Posts', kind: 'number' },
    { key: 'replies', label: 'Replies', kind: 'number' },
    { key: 'acceptedAnswers', label: 'Accepted answers', kind: 'number' },
    { key: 'total', label: 'Total', kind: 'number' },
  ] as const),
});

/** The title of every table, as shown above it. */
export const TABLE_TITLES: { readonly [T in TableId]: string } = Object.freeze({
  daily: 'Daily activity',
  'top-spaces': 'Top Spaces',
  'top-contributors': 'Top Contributors',
});

/** A CSV cell before it is written: text stays text, numbers stay numbers. */
export type RecordCell = string | number;

/**
 * The records a CSV export of `table` writes: the header row of labels, then
 * one row of raw cells per data row, in the given order. Numbers are kept as
 * numbers (unrounded, formatting is the writer's business) and a missing
 * value (`null`, such as an engagement rate with no posts) is an empty cell.
 */
export function tableToRecords<T extends TableId>(table: T, rows: readonly TableRowTypes[T][]): RecordCell[][] {
  const columns: readonly Column<TableRowTypes[T]>[] = TABLE_COLUMNS[table];
  const records: RecordCell[][] = new Array(rows.length + 1);
  records[0] = columns.map((column) => column.label);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const cells: RecordCell[] = new Array(columns.length);
    for (let c = 0; c < columns.length; c++) {
      const value: unknown = row[columns[c]!.key];
      cells[c] = typeof value === 'number' || typeof value === 'string' ? value : '';
    }
    records[r + 1] = cells;
  }
  return records;
}
