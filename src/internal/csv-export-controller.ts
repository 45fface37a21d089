import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { csvFileName } from '../engine/csv.js';
import { JtErrorEvent } from '../events/error-event.js';
import { JtExportEvent } from '../events/export-event.js';
import type { DateRange, Path, TableId } from '../model/report.js';
import type { AnalyticsDataSource } from '../sources/data-source.js';
import { exportCsv } from '../sources/export-csv.js';
import { downloadBlob } from './download.js';
import { errorMessage, isAbort } from './error-message.js';
import { columnLabels, type Messages } from './i18n.js';

/** What one export downloads: a table of a source, for a range, on a path. */
export interface CsvExportRequest {
  source: AnalyticsDataSource;
  table: TableId;
  range: DateRange;
  path: Path;
}

/**
 * The Export CSV button of an element and the flow behind it: a cancelable
 * `jt-export`, the file built by the data source and downloaded, "Exporting…"
 * while it runs, a message and a `jt-error` when it fails, and an abort when
 * the element leaves the document. The element says what to export (nothing
 * while it has no source or range) and in which language.
 */
export class CsvExportController implements ReactiveController {
  private exporting = false;
  private error: string | undefined;
  private abort: AbortController | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly request: () => CsvExportRequest | undefined,
    private readonly messages: () => Messages,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.abort?.abort();
  }

  /** The button; unavailable (but still focusable) while exporting or with nothing to export. */
  renderButton(): TemplateResult {
    const unavailable = this.exporting || !this.request();
    const m = this.messages();
    return html`<button
      part="export-button"
      type="button"
      aria-disabled=${unavailable ? 'true' : 'false'}
      aria-describedby=${this.error ? 'export-error' : nothing}
      @click=${this.handleClick}
    >
      ${this.exporting ? m.exporting : m.exportCsv}
    </button>`;
  }

  /** The message of the last failed export, if any. */
  renderError(): TemplateResult | typeof nothing {
    return this.error ? html`<p part="export-error" id="export-error" role="alert">${this.error}</p>` : nothing;
  }

  private readonly handleClick = (): void => {
    void this.run();
  };

  private async run(): Promise<void> {
    const request = this.request();
    if (this.exporting || !request) return;
    const { source, table, range, path } = request;
    const fileName = csvFileName(table, range);
    this.setError(undefined);
    if (!this.host.dispatchEvent(new JtExportEvent({ table, range, path, fileName }))) return;
    this.setExporting(true);
    const abort = new AbortController();
    this.abort = abort;
    try {
      // The header in the element's language: what the table shows is what the file says.
      const header = columnLabels(this.messages(), table);
      const { blob } = await exportCsv(source, table, { range, path, signal: abort.signal }, { header });
      if (!abort.signal.aborted) downloadBlob(blob, fileName);
    } catch (error) {
      if (!isAbort(error)) {
        const m = this.messages();
        this.setError(m.exportFailed(errorMessage(error, m)));
        this.host.dispatchEvent(new JtErrorEvent({ operation: 'export', error }));
      }
    } finally {
      this.setExporting(false);
      if (this.abort === abort) this.abort = undefined;
    }
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
