/**
 * `@jetonomy/analytics`: the full entry. Everything of the DOM-free
 * `@jetonomy/analytics/data` entry, plus the elements; importing this module
 * registers them (`<jt-analytics-dashboard>`).
 */
export * from './data.js';
export { JtAnalyticsDashboard } from './elements/analytics-dashboard/analytics-dashboard.js';
export { JtReportLoadEvent, type ReportLoadDetail } from './events/report-load-event.js';
export { JtReportErrorEvent, type ReportErrorDetail } from './events/report-error-event.js';
