import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { csvFileName, type CsvDelimiter, type CsvValues } from '../engine/csv.js';
import { JtErrorEvent } from '../events/error-event.js';
import { JtExportEvent } from '../events/export-event.js';
import type { DateRange, Path, TableId } from '../model/report.js';
import type { AnalyticsDataSource } from '../sources/data-source.js';
import { exportCsv } from '../sources/export-csv.js';
import { downloadBlob } from './download.js';
import { errorMessage, isAbort } from './error-message.js';
import { columnLabels } from './i18n.js';
import type { LocalizeController } from './localize.js';

/** What one export downloads: a table of a source, for a range, on a path, written for a locale. */
export interface CsvExportRequest {
  source: AnalyticsDataSource;
  table: TableId;
  range: DateRange;
  path: Path;
  /** The locale the element formats numbers in: where its decimal mark is a comma, cells are separated by `;` and decimals written with a comma. */
  locale: string;
  /** The element's `csv-values`: `shown` (rounded as on screen) or `raw`; anything else is `shown`. */
  values: string | undefined;
  /** The element's `csv-delimiter`: `,` or `;` overrides the locale's; anything else leaves it to the locale. */
  delimiter: string | undefined;
}

/** The element's strings and formats, read on use so a change of its locale is followed (its `LocalizeController`). */
type Localized = Pick<LocalizeController, 'messages' | 'format'>;

/** The least time between two progress texts, so a screen reader is not read every page of a large export. */
const PROGRESS_INTERVAL_MS = 500;

/** A `csv-values` attribute as the export reads it: `raw` or the default, `shown`. */
function valuesOf(value: string | undefined): CsvValues {
  return value === 'raw' ? 'raw' : 'shown';
}

/** A `csv-delimiter` attribute as the export reads it: `,`, `;`, or the locale's. */
function delimiterOf(value: string | undefined): CsvDelimiter | undefined {
  return value === ',' || value === ';' ? value : undefined;
}

/**
 * The Export CSV button of an element and the flow behind it: a cancelable
 * `jt-export`; the file built by the data source (a source that pages is
 * read a few pages at a time) and downloaded; while it runs "Exporting…",
 * the rows fetched of the total in a polite live region beside it, and a
 * Cancel button that aborts the requests in flight and downloads nothing;
 * a message and a `jt-error` when it fails; an abort when the element
 * leaves the document. The element says what to export (nothing while it
 * has no source or range) and for which locale; its `localize` gives the language.
 */
export class CsvExportController implements ReactiveController {
  private exporting = false;
  private error: string | undefined;
  private abort: AbortController | undefined;
  /** Rows fetched of the total, as last shown. */
  private progress: { rows: number; total: number } | undefined;
  /** The latest progress, shown when the interval allows. */
  private latestProgress: { rows: number; total: number } | undefined;
  private progressTimer: ReturnType<typeof setTimeout> | undefined;
  private progressShownAt = 0;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly request: () => CsvExportRequest | undefined,
    private readonly localize: Localized,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.abort?.abort();
    this.stopProgress();
  }

  /**
   * The button, unavailable (but still focusable) while exporting or with
   * nothing to export; beside it the progress (a polite live region, there
   * before anything is said in it) and, while exporting, Cancel.
   */
  renderButton(): TemplateResult {
    const unavailable = this.exporting || !this.request();
    const m = this.localize.messages;
    const progress = this.exporting && this.progress ? m.exportProgress(this.localize.format.count(this.progress.rows), this.localize.format.count(this.progress.total)) : '';
    return html`<span part="export" class="export">
      <span part="export-progress" role="status" aria-live="polite" aria-atomic="true">${progress}</span>
      <button
        part="export-button"
        type="button"
        aria-disabled=${unavailable ? 'true' : 'false'}
        aria-describedby=${this.error ? 'export-error' : nothing}
        @click=${this.handleClick}
      >
        ${this.exporting ? m.exporting : m.exportCsv}
      </button>
      ${this.exporting ? html`<button part="export-cancel-button" type="button" @click=${this.handleCancel}>${m.cancelExport}</button>` : nothing}
    </span>`;
  }

  /** The message of the last failed export, if any. */
  renderError(): TemplateResult | typeof nothing {
    return this.error ? html`<p part="export-error" id="export-error" role="alert">${this.error}</p>` : nothing;
  }

  private readonly handleClick = (): void => {
    void this.run();
  };

  /** Stops the export: its requests are aborted, nothing is downloaded, no error is shown; focus goes back to Export CSV. */
  private readonly handleCancel = (): void => {
    const abort = this.abort;
    if (!abort) return;
    this.abort = undefined;
    // Before Cancel leaves the page, so focus never falls to the document.
    this.host.shadowRoot?.querySelector<HTMLElement>('[part~="export-button"]')?.focus();
    abort.abort();
    this.finish();
  };

  private async run(): Promise<void> {
    const request = this.request();
    if (this.exporting || !request) return;
    const { source, table, range, path, locale } = request;
    const fileName = csvFileName(table, range);
    this.setError(undefined);
    if (!this.host.dispatchEvent(new JtExportEvent({ table, range, path, fileName }))) return;
    this.setExporting(true);
    const abort = new AbortController();
    this.abort = abort;
    try {
      // The header in the element's language, the numbers as the table shows them, cells separated as the locale's spreadsheets expect.
      const header = columnLabels(this.localize.messages, table);
      const delimiter = delimiterOf(request.delimiter);
      const { blob } = await exportCsv(
        source,
        table,
        { range, path, signal: abort.signal },
        { header, locale, values: valuesOf(request.values), ...(delimiter ? { delimiter } : {}), onProgress: (progress) => this.showProgress(progress) },
      );
      if (!abort.signal.aborted) downloadBlob(blob, fileName);
    } catch (error) {
      if (!isAbort(error) && !abort.signal.aborted) {
        const m = this.localize.messages;
        this.setError(m.exportFailed(errorMessage(error, m)));
        this.host.dispatchEvent(new JtErrorEvent({ operation: 'export', error }));
      }
    } finally {
      // A canceled export has finished already, and a new one may be running.
      if (this.abort === abort) {
        this.abort = undefined;
        this.finish();
      }
    }
  }

  private finish(): void {
    this.stopProgress();
    this.progress = undefined;
    this.setExporting(false);
  }

  /** Shows the rows fetched so far at once, then at most every `PROGRESS_INTERVAL_MS`, the latest when the interval ends. */
  private showProgress(progress: { rows: number; total: number }): void {
    this.latestProgress = progress;
    if (this.progressTimer !== undefined) return;
    const wait = Math.max(0, this.progressShownAt + PROGRESS_INTERVAL_MS - Date.now());
    this.progressTimer = setTimeout(() => {
      this.progressTimer = undefined;
      if (!this.exporting) return;
      this.progressShownAt = Date.now();
      this.progress = this.latestProgress;
      this.host.requestUpdate();
    }, wait);
  }

  private stopProgress(): void {
    clearTimeout(this.progressTimer);
    this.progressTimer = undefined;
    this.latestProgress = undefined;
    this.progressShownAt = 0;
  }

  // Like reactive state: the host renders again only when a value changes.
  private setExporting(exporting: boolean): void {
    if (exporting === this.exporting) return;
    this.exporting = exporting;
    this.host.requestUpdate();
  }

  private setError(error: string | undefined): void {
    if (error === this.error) return;
    this.error = error;
    this.host.requestUpdate();
  }
}
