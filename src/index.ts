/**
 * `@jetonomy/analytics`: the full entry. Everything of the DOM-free
 * `@jetonomy/analytics/data` entry, plus the elements; importing this module
 * registers every one of them (`<jt-analytics-dashboard>`, `<jt-date-range>`,
 * `<jt-diff-toggle>`, `<jt-metric>`, `<jt-activity-chart>`, `<jt-top-spaces>`,
 * `<jt-top-contributors>`, `<jt-engagement>`, `<jt-moderation>`). ECharts is
 * loaded only when a chart is first drawn.
 */
export * from './data.js';

export { JtAnalyticsDashboard } from './elements/analytics-dashboard/analytics-dashboard.js';
export { JtDateRange } from './elements/date-range/date-range.js';
export { JtDiffToggle } from './elements/diff-toggle/diff-toggle.js';
export { JtMetric, MIN_COMPARISON_BASE, type ComparedCounts, type MetricFormat } from './elements/metric/metric.js';
export { JtActivityChart, type ActivityGrouping, type ActivityView } from './elements/activity-chart/activity-chart.js';
export { JtTopSpaces } from './elements/top-spaces/top-spaces.js';
export { JtTopContributors } from './elements/top-contributors/top-contributors.js';
export { JtEngagement } from './elements/engagement/engagement.js';
export { JtModeration } from './elements/moderation/moderation.js';

export { JtRangeChangeEvent, type RangeChangeDetail } from './events/range-change-event.js';
export { JtVerifyChangeEvent, type VerifyChangeDetail } from './events/verify-change-event.js';
export { JtExportEvent, type ExportDetail } from './events/export-event.js';
export { JtErrorEvent, type ErrorDetail } from './events/error-event.js';
export { JtReportLoadEvent, type ReportLoadDetail } from './events/report-load-event.js';
export { JtReportErrorEvent, type ReportErrorDetail } from './events/report-error-event.js';
export type { ThemeName } from './internal/theme.js';
