/**
 * The screen and export labels of DESIGN section 7, defined once: the tables
 * render these columns and the CSV export writes the same header and cells,
 * so what is shown and what is exported cannot drift apart. The columns are
 * made from the metric registry's row fields (`TABLE_FIELDS`: those with a
 * `labelKey`, in order) and their English labels (`COLUMN_LABELS`); the
 * elements' catalogue translates each by its `labelKey` (every language it
 * has), and a table and its CSV header follow the element's locale.
 */
import { COLUMN_LABELS, fieldsOf, type ColumnKey, type FieldFormat } from './metrics.js';
import type { ContributorRow, DailyRow, SpaceRow, TableId } from './report.js';

export type { ColumnKey } from './metrics.js';

/** How a column's values read: the view aligns and formats by it; CSV keeps the raw value. */
export type ColumnKind = 'text' | 'number' | 'date';

/** One column of a table, shown and exported alike. */
export interface Column<Row> {
  /** The row field the column shows. */
  readonly key: keyof Row & string;
  /** The key of its label: in `COLUMN_LABELS` (English) and in the elements' `columnLabels` (every locale). */
  readonly labelKey: ColumnKey;
  /** The header in English, exactly as DESIGN section 7 names it (an element shows and exports its translation, by `labelKey`). */
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

/** How a column of a field of this format reads. */
function kindOf(format: FieldFormat): ColumnKind {
  return format === 'date' ? 'date' : format === 'text' ? 'text' : 'number';
}

/** A table's columns: its row fields that the metric registry declares with a label, in declaration order. */
function columnsOf<T extends TableId>(table: T): readonly Column<TableRowTypes[T]>[] {
  const columns: Column<TableRowTypes[T]>[] = [];
  for (const field of fieldsOf(table)) {
    if (field.labelKey === null) continue;
    const column: Column<TableRowTypes[T]> = { key: field.key, labelKey: field.labelKey, label: COLUMN_LABELS[field.labelKey], kind: kindOf(field.format) };
    columns.push(Object.freeze(field.format === 'ratio' ? { ...column, fractionDigits: 2 } : column));
  }
  return Object.freeze(columns);
}

/** The columns of every table, in display and export order, made from the metric registry's row fields. */
export const TABLE_COLUMNS: { readonly [T in TableId]: readonly Column<TableRowTypes[T]>[] } = Object.freeze({
  daily: columnsOf('daily'),
  'top-spaces': columnsOf('top-spaces'),
  'top-contributors': columnsOf('top-contributors'),
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
