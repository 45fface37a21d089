import { languageOf, resolveLocale } from './locale.js';

/**
 * Every user-facing string of the elements, in one place. English is
 * complete; another locale overrides what it translates and falls back to
 * English for the rest. Numbers and dates are formatted by `Formatter`
 * (Intl), never by hand.
 */
export const en = {
  dashboardTitle: 'Community analytics',
  timeZoneNote: (zone: string) => `Times in ${zone}`,
  recordingSince: (date: string) => `Aggregator recording since ${date}`,
  notRecording: 'The aggregator saw every event',
  headline: 'Headline numbers',

  // date range picker
  rangeLabel: 'Date range',
  preset7d: 'Last 7 days',
  preset30d: 'Last 30 days',
  preset90d: 'Last 90 days',
  presetThisMonth: 'This month',
  presetLastMonth: 'Last month',
  presetCustom: 'Custom',
  customStart: 'Start date',
  customEnd: 'End date',
  applyRange: 'Apply',
  customRange: 'Custom range',
  rangeStartAfterEnd: 'The start date must be on or before the end date.',
  rangeTooLong: 'A range can span at most 5 years.',
  rangeIncomplete: 'Choose both a start and an end date.',

  // verify toggle
  verifyLabel: 'Verify dual-path',
  verifyHint: 'Show every number from the direct query and from the event aggregate, with the drift between them.',
  directValue: 'Direct',
  aggregatedValue: 'Aggregated',
  drift: 'Drift',
  noDrift: 'No drift',

  // headline metrics
  totalPosts: 'Total Posts',
  totalReplies: 'Total Replies',
  activeMembers: 'Active Members',
  growthRate: 'Growth Rate',
  totalPostsHelp: 'Published posts (topics and questions) created in the range. Pending, trashed and spam content does not count.',
  totalRepliesHelp: 'Published replies and answers created in the range.',
  activeMembersHelp: 'Distinct members who wrote published content created in the range or cast a vote in it.',
  growthRateHelp: 'Change in posts + replies against the previous period of the same length.',
  vsPrevious: 'vs previous period',
  notAvailable: 'n/a',
  noBase: 'no activity in the previous period',
  newBase: 'new',
  tooFewToCompare: 'too few to compare',
  comparedCounts: (previous: string, current: string) => `${previous} in the previous period, ${current} in this one`,
  minBaseNote: (minimum: string) => `A change is shown as a percentage from ${minimum} in the previous period on.`,
  increase: 'up',
  decrease: 'down',
  unchanged: 'unchanged',
  aboutMetric: (label: string) => `About ${label}`,
  updating: 'Updating…',

  // chart
  activityTitle: 'Activity',
  posts: 'Posts',
  replies: 'Replies',
  previousPosts: 'Posts (previous period)',
  previousReplies: 'Replies (previous period)',
  aggregatedPosts: 'Posts (aggregated)',
  aggregatedReplies: 'Replies (aggregated)',
  directPosts: 'Posts (direct)',
  directReplies: 'Replies (direct)',
  compareToPrevious: 'Compare to previous period',
  groupBy: 'Group by',
  groupAuto: (chosen: string) => `Automatic (${chosen})`,
  groupDay: 'Day',
  groupWeek: 'Week',
  groupMonth: 'Month',
  chartDescription: (posts: string, replies: string, range: string) => `Line chart of daily posts and replies, ${range}: ${posts} posts and ${replies} replies in all.`,
  chartTableCaption: 'Activity data',
  chartLoading: 'Loading the chart…',

  // tables
  topSpaces: 'Top Spaces',
  topContributors: 'Top Contributors',
  dailyActivity: 'Daily activity',
  exportCsv: 'Export CSV',
  exporting: 'Exporting…',
  exportFailed: (message: string) => `The export failed: ${message}`,
  previousPage: 'Previous page',
  nextPage: 'Next page',
  pageOf: (page: number | string, pages: number | string) => `Page ${page} of ${pages}`,
  rowsOf: (from: number | string, to: number | string, total: number | string) => `${from}–${to} of ${total}`,
  trustLevel: (level: number) => `Trust level ${level}`,
  trustLevelShort: (level: number) => `TL${level}`,
  unnamedMember: 'Unnamed member',
  unnamedSpace: 'Unnamed space',
  driftOfActivity: 'Drift: posts + replies on the aggregate path against the direct path.',
  driftOfTotal: 'Drift: total contributions on the aggregate path against the direct path.',
  avatarOf: (name: string) => `Avatar of ${name}`,
  columnNote: (label: string, definition: string) => `${label}: ${definition}`,
  engagementRateDefinition: 'replies per post, the space’s replies in the range divided by its posts (a ratio, not a percentage).',
  noRows: 'Nothing in this range yet.',

  // engagement
  engagementTitle: 'Engagement',
  avgRepliesPerPost: 'Avg. replies per post',
  voteActivity: 'Vote activity',
  upvotes: 'Upvotes',
  downvotes: 'Downvotes',
  acceptedAnswers: 'Accepted answers',
  resolutionRate: 'resolution rate',
  resolutionRateLabel: 'Resolution rate',
  qaOnly: 'Q&A spaces only',
  questionsResolvedLabel: 'Questions resolved',
  questionsAskedLabel: 'Questions asked',
  questionsResolved: (resolved: string, asked: string) => `${resolved} of ${asked} questions resolved`,
  newMembers: 'New member joins',

  // moderation
  moderationTitle: 'Moderation',
  flagsRaised: 'Flags raised',
  flagsOpen: 'Still open',
  autoModTriggers: 'Auto-moderation triggers',
  autoModOff: 'Advanced Moderation is not enabled',
  responseTime: 'Moderator response time',
  median: 'Median',
  p90: '90th percentile',
  noResponses: 'No resolved flags in this range',

  // states
  loading: 'Loading…',
  noDataSource: 'No data source is connected.',
  empty: 'No activity in this range yet. Try a longer range.',
  errorTitle: 'The analytics could not be loaded.',
  forbidden: "You don't have access to analytics.",
  retry: 'Retry',
};

export type Messages = typeof en;

const de: Partial<Messages> = {
  dashboardTitle: 'Community-Analyse',
  timeZoneNote: (zone) => `Zeiten in ${zone}`,
  recordingSince: (date) => `Der Aggregator zeichnet seit ${date} auf`,
  notRecording: 'Der Aggregator hat jedes Ereignis gesehen',
  headline: 'Kennzahlen',
  verifyLabel: 'Beide Pfade prüfen',
  noDataSource: 'Keine Datenquelle verbunden.',
  empty: 'In diesem Zeitraum gibt es noch keine Aktivität. Versuchen Sie einen längeren Zeitraum.',
  errorTitle: 'Die Analyse konnte nicht geladen werden.',
  forbidden: 'Sie haben keinen Zugriff auf die Analyse.',
  updating: 'Wird aktualisiert…',
  rangeLabel: 'Zeitraum',
  preset7d: 'Letzte 7 Tage',
  preset30d: 'Letzte 30 Tage',
  preset90d: 'Letzte 90 Tage',
  presetThisMonth: 'Dieser Monat',
  presetLastMonth: 'Letzter Monat',
  presetCustom: 'Benutzerdefiniert',
  totalPosts: 'Beiträge',
  totalReplies: 'Antworten',
  activeMembers: 'Aktive Mitglieder',
  growthRate: 'Wachstum',
  exportCsv: 'CSV exportieren',
  retry: 'Erneut versuchen',
  loading: 'Wird geladen…',
};

const catalogs: Record<string, Partial<Messages>> = { en, de };

/**
 * The messages for a locale as a page gives it (a BCP 47 tag, or a WordPress
 * locale such as `de_DE_formal`): its own, then its language's, then English.
 */
export function messagesFor(locale: string | undefined): Messages {
  const tag = resolveLocale(locale);
  if (!tag) return en;
  const exact = catalogs[tag];
  const language = catalogs[languageOf(tag)];
  return { ...en, ...language, ...exact };
}
