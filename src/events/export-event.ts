import type { DateRange, Path, TableId } from '../model/report.js';

/** The `detail` of `jt-export`: the table, range and path about to be exported. */
export interface ExportDetail {
  readonly table: TableId;
  readonly range: DateRange;
  readonly path: Path;
  /** The file name the download will get. */
  readonly fileName: string;
}

/**
 * A CSV export is about to start. Cancelable: `preventDefault()` stops the
 * download (e.g. to export through your own backend). Bubbles and crosses
 * shadow roots.
 */
export class JtExportEvent extends CustomEvent<ExportDetail> {
  static readonly eventName = 'jt-export';

  constructor(detail: ExportDetail) {
    super(JtExportEvent.eventName, { bubbles: true, composed: true, cancelable: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'jt-export': JtExportEvent;
  }
}
