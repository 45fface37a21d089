/** The `detail` of `jt-report-error`. */
export interface ReportErrorDetail {
  /** What the data source rejected with (an `AnalyticsError` for the library's own sources). */
  readonly error: unknown;
}

/**
 * Fired by `<jt-analytics-dashboard>` when loading a report failed and the
 * error state is on screen. Bubbles and crosses shadow roots.
 */
export class JtReportErrorEvent extends CustomEvent<ReportErrorDetail> {
  static readonly eventName = 'jt-report-error';

  constructor(detail: ReportErrorDetail) {
    super(JtReportErrorEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'jt-report-error': JtReportErrorEvent;
  }
}
