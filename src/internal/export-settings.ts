import { property } from 'lit/decorators.js';
import type { CsvDelimiter, CsvValues } from '../engine/csv.js';
import { Inherited } from './context.js';
import { JtDataElement } from './data-element.js';

/**
 * An element with an Export CSV of its own (the chart, a table) or whose
 * parts have one (the dashboard): its `csv-delimiter`, its own when set,
 * else the dashboard's it sits in (handed down by context). Not registered.
 */
export abstract class JtCsvElement extends JtDataElement {
  private readonly delimiterSetting = new Inherited<'csvDelimiter', CsvDelimiter | undefined>(this, 'csvDelimiter', 'csvDelimiter', undefined);

  /**
   * The character between the cells of Export CSV (a dashboard's: of its chart's and tables'): `,` or `;`.
   * Unset: the dashboard's the element sits in, else the locale's: `;`, with decimal commas (`2,57`), where the
   * decimal mark is a comma (German, French, …), as Excel there expects; `,` elsewhere.
   */
  @property({ attribute: 'csv-delimiter', reflect: true })
  get csvDelimiter(): CsvDelimiter | undefined {
    return this.delimiterSetting.value;
  }
  set csvDelimiter(value: CsvDelimiter | undefined) {
    this.delimiterSetting.set(value);
  }
}

/**
 * An element that shows ranked tables, its own (a table) or its parts' (the
 * dashboard): their page size and what their Export CSV writes, each its own
 * when set, else the dashboard's it sits in. Not registered.
 */
export abstract class JtTableSettingsElement extends JtCsvElement {
  private readonly pageSizeSetting = new Inherited<'pageSize', number>(this, 'pageSize', 'pageSize', 10);
  private readonly valuesSetting = new Inherited<'csvValues', CsvValues>(this, 'csvValues', 'csvValues', 'shown');

  /**
   * Rows per page (1 to 100); a dashboard's: of its Top Spaces and Top Contributors tables, and the rows its
   * load carries for them. Unset: the dashboard's the element sits in, else 10.
   * @default 10
   */
  @property({ attribute: 'page-size', type: Number, reflect: true })
  get pageSize(): number {
    return this.pageSizeSetting.value;
  }
  set pageSize(value: number | undefined) {
    this.pageSizeSetting.set(value);
  }

  /**
   * What a table's Export CSV writes (a dashboard's: both tables'): `shown`, numbers rounded as the table shows
   * them (2.57); `raw`, every digit as computed (2.5673758865248226). Unset: the dashboard's the element sits
   * in, else `shown`.
   * @default 'shown'
   */
  @property({ attribute: 'csv-values', reflect: true })
  get csvValues(): CsvValues {
    return this.valuesSetting.value;
  }
  set csvValues(value: CsvValues | undefined) {
    this.valuesSetting.set(value);
  }
}
