import type { AnalyticsReport } from '../model/report.js';

/** The `detail` of `jt-report-load`. */
export interface ReportLoadDetail {
  /** The report now on screen. */
  readonly report: AnalyticsReport;
}

/**
 * Fired by `<jt-analytics-dashboard>` when a report has loaded and is on
 * screen. Bubbles and crosses shadow roots.
 */
export class JtReportLoadEvent extends CustomEvent<ReportLoadDetail> {
  static readonly eventName = 'jt-report-load';

  constructor(detail: ReportLoadDetail) {
    super(JtReportLoadEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'jt-report-load': JtReportLoadEvent;
  }
}
