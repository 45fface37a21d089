import { TABLE_COLUMNS, TABLE_TITLES, type ColumnKey } from '../model/labels.js';
import { COLUMN_LABELS } from '../model/metrics.js';
import type { TableId } from '../model/report.js';
import { languageOf, resolveLocale } from './locale.js';

/**
 * Every user-facing string of the elements, in one place: every visible
 * text, tooltip, accessible name, chart legend, table header and CSV header.
 * English and German are complete (the type makes sure of it); another
 * locale would override what it translates and fall back to English for the
 * rest. Numbers and dates are formatted by `Formatter` (Intl), never by hand.
 */
export const en = {
  dashboardTitle: 'Community analytics',
  timeZoneNote: (zone: string) => `Times in ${zone}`,
  recordingSince: (date: string) => `Aggregator recording since ${date}`,
  notRecording: 'The aggregator saw every event',
  recordedSince: (date: string) => `The aggregator has recorded since ${date}.`,
  pathsAgree: 'Both paths agree on every figure in this range.',
  pathsDiffer: (count: string, total: string) => `The aggregate path differs from the direct one on ${count} of ${total} figures.`,
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
  rangeAfterToday: (today: string) => `A range can end today (${today}) at the latest.`,
  rangeBeforeFirst: (first: string) => `A range can start on ${first} at the earliest.`,

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
  partialPeriod: 'Partial period',
  partialDays: (days: string, periodDays: string) => `partial: ${days} of ${periodDays} days`,
  partialToday: 'partial: today so far',
  partialDaysToday: (days: string, periodDays: string) => `partial: ${days} of ${periodDays} days, today so far`,
  withNote: (text: string, note: string) => `${text} (${note})`,
  previousPeriod: 'Previous period',
  previousPeriodDates: (dates: string) => `Previous period: ${dates}`,
  showAsTable: 'Show as table',

  // tables: titles and column labels are those of DESIGN section 7, shown and exported alike
  topSpaces: TABLE_TITLES['top-spaces'],
  topContributors: TABLE_TITLES['top-contributors'],
  dailyActivity: TABLE_TITLES.daily,
  // By label key, from their one definition, the metric registry's; each locale has all of them.
  columnLabels: { ...COLUMN_LABELS } as Record<ColumnKey, string>,
  exportCsv: 'Export CSV',
  exporting: 'Exporting…',
  exportFailed: (message: string) => `The export failed: ${message}`,
  exportProgress: (rows: string, total: string) => `${rows} of ${total} rows fetched`,
  cancelExport: 'Cancel export',
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
  resolutionRateLabel: 'Resolution rate',
  qaOnly: 'Q&A spaces only',
  questionsResolvedLabel: 'Questions resolved',
  questionsAskedLabel: 'Questions asked',
  questionsResolved: (resolved: string, asked: string) => `${resolved} of ${asked} questions resolved`,
  newMembers: 'New member joins',
  avgRepliesPerPostHelp: 'Published replies created in the range divided by the published posts created in it: a ratio, not a percentage.',
  newMembersHelp: 'Members who joined in the range.',
  upvotesHelp: 'Up-votes cast in the range that have not been taken back.',
  downvotesHelp: 'Down-votes cast in the range that have not been taken back.',
  acceptedAnswersHelp: 'Answers accepted in the range, in Q&A spaces.',
  resolutionRateHelp: 'Of the published questions asked in the range, the share that now has an accepted answer.',
  questionsResolvedHelp: 'Published questions asked in the range that now have an accepted answer.',
  questionsAskedHelp: 'Published questions created in the range in Q&A spaces.',

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
  flagsRaisedHelp: 'Flags members raised on content in the range.',
  flagsOpenHelp: 'Of the flags raised in the range, those not resolved yet.',
  autoModTriggersHelp: 'Times the automatic moderation rules acted on content in the range.',
  medianHelp: 'Half of the flags raised and resolved in the range were resolved within this time of being raised.',
  p90Help: 'Nine in ten of the flags raised and resolved in the range were resolved within this time of being raised.',

  // states
  loading: 'Loading…',
  noDataSource: 'No data source is connected.',
  empty: 'No activity in this range yet. Try a longer range.',
  emptyPast: 'No activity in this range. Try a more recent range.',
  errorTitle: 'The analytics could not be loaded.',
  forbidden: "You don't have access to analytics.",
  retry: 'Retry',
  serverFailed: (status: string) => `The server could not answer (HTTP ${status}).`,
  requestRefused: (status: string) => `The server refused the request (HTTP ${status}).`,
  errorDetails: (details: string) => `Details: ${details}`,
  staleFigures: (range: string) => `Showing figures for ${range}, could not update.`,
};

export type Messages = typeof en;

/** German, complete: no text of a German page falls back to English. Exported for the test that walks a German page. */
export const de: Messages = {
  dashboardTitle: 'Community-Analyse',
  timeZoneNote: (zone) => `Zeiten in ${zone}`,
  recordingSince: (date) => `Der Aggregator zeichnet seit ${date} auf`,
  notRecording: 'Der Aggregator hat jedes Ereignis gesehen',
  recordedSince: (date) => `Der Aggregator zeichnet seit ${date} auf.`,
  pathsAgree: 'Beide Pfade stimmen in diesem Zeitraum bei jeder Kennzahl überein.',
  pathsDiffer: (count, total) => `Der Aggregat-Pfad weicht bei ${count} von ${total} Kennzahlen vom direkten ab.`,
  headline: 'Kennzahlen',

  rangeLabel: 'Zeitraum',
  preset7d: 'Letzte 7 Tage',
  preset30d: 'Letzte 30 Tage',
  preset90d: 'Letzte 90 Tage',
  presetThisMonth: 'Dieser Monat',
  presetLastMonth: 'Letzter Monat',
  presetCustom: 'Benutzerdefiniert',
  customStart: 'Startdatum',
  customEnd: 'Enddatum',
  applyRange: 'Anwenden',
  customRange: 'Eigener Zeitraum',
  rangeStartAfterEnd: 'Das Startdatum darf nicht nach dem Enddatum liegen.',
  rangeTooLong: 'Ein Zeitraum darf höchstens 5 Jahre umfassen.',
  rangeIncomplete: 'Wählen Sie ein Start- und ein Enddatum.',
  rangeAfterToday: (today) => `Ein Zeitraum kann spätestens heute (${today}) enden.`,
  rangeBeforeFirst: (first) => `Ein Zeitraum kann frühestens am ${first} beginnen.`,

  verifyLabel: 'Beide Pfade prüfen',
  verifyHint: 'Zeigt jede Zahl aus der direkten Abfrage und aus dem Ereignis-Aggregat, mit der Abweichung zwischen beiden.',
  directValue: 'Direkt',
  aggregatedValue: 'Aggregiert',
  drift: 'Abweichung',
  noDrift: 'Keine Abweichung',

  totalPosts: 'Beiträge',
  totalReplies: 'Antworten',
  activeMembers: 'Aktive Mitglieder',
  growthRate: 'Wachstum',
  totalPostsHelp: 'Veröffentlichte Beiträge (Themen und Fragen), die im Zeitraum erstellt wurden. Ausstehende, gelöschte und Spam-Inhalte zählen nicht.',
  totalRepliesHelp: 'Veröffentlichte Antworten, die im Zeitraum erstellt wurden.',
  activeMembersHelp: 'Verschiedene Mitglieder, die im Zeitraum veröffentlichte Inhalte verfasst oder abgestimmt haben.',
  growthRateHelp: 'Veränderung von Beiträgen + Antworten gegenüber dem gleich langen Vorzeitraum.',
  vsPrevious: 'ggü. Vorzeitraum',
  notAvailable: 'k. A.',
  noBase: 'keine Aktivität im Vorzeitraum',
  newBase: 'neu',
  tooFewToCompare: 'zu wenige für einen Vergleich',
  comparedCounts: (previous, current) => `${previous} im Vorzeitraum, ${current} in diesem`,
  minBaseNote: (minimum) => `Eine Veränderung wird ab ${minimum} im Vorzeitraum in Prozent angegeben.`,
  increase: 'gestiegen',
  decrease: 'gesunken',
  unchanged: 'unverändert',
  aboutMetric: (label) => `Erläuterung: ${label}`,
  updating: 'Wird aktualisiert…',

  activityTitle: 'Aktivität',
  posts: 'Beiträge',
  replies: 'Antworten',
  previousPosts: 'Beiträge (Vorzeitraum)',
  previousReplies: 'Antworten (Vorzeitraum)',
  aggregatedPosts: 'Beiträge (aggregiert)',
  aggregatedReplies: 'Antworten (aggregiert)',
  directPosts: 'Beiträge (direkt)',
  directReplies: 'Antworten (direkt)',
  compareToPrevious: 'Mit Vorzeitraum vergleichen',
  groupBy: 'Gruppieren nach',
  groupAuto: (chosen) => `Automatisch (${chosen})`,
  groupDay: 'Tag',
  groupWeek: 'Woche',
  groupMonth: 'Monat',
  chartDescription: (posts, replies, range) =>
    `Liniendiagramm der täglichen Beiträge und Antworten, ${range}: insgesamt ${posts} Beiträge und ${replies} Antworten.`,
  chartTableCaption: 'Aktivitätsdaten',
  chartLoading: 'Das Diagramm wird geladen…',
  partialPeriod: 'Unvollständiger Zeitraum',
  partialDays: (days, periodDays) => `unvollständig: ${days} von ${periodDays} Tagen`,
  partialToday: 'unvollständig: heute bis jetzt',
  partialDaysToday: (days, periodDays) => `unvollständig: ${days} von ${periodDays} Tagen, heute bis jetzt`,
  withNote: (text, note) => `${text} (${note})`,
  previousPeriod: 'Vorzeitraum',
  previousPeriodDates: (dates) => `Vorzeitraum: ${dates}`,
  showAsTable: 'Als Tabelle anzeigen',

  topSpaces: 'Top-Bereiche',
  topContributors: 'Top-Mitwirkende',
  dailyActivity: 'Tägliche Aktivität',
  columnLabels: {
    date: 'Datum',
    rank: 'Rang',
    name: 'Bereich',
    displayName: 'Mitglied',
    trustLevel: 'Vertrauensstufe',
    posts: 'Beiträge',
    replies: 'Antworten',
    contributors: 'Mitwirkende',
    engagementRate: 'Beteiligungsrate',
    acceptedAnswers: 'Akzeptierte Antworten',
    total: 'Gesamt',
  },
  exportCsv: 'CSV exportieren',
  exporting: 'Wird exportiert…',
  exportFailed: (message) => `Der Export ist fehlgeschlagen: ${message}`,
  exportProgress: (rows, total) => `${rows} von ${total} Zeilen geladen`,
  cancelExport: 'Export abbrechen',
  previousPage: 'Vorherige Seite',
  nextPage: 'Nächste Seite',
  pageOf: (page, pages) => `Seite ${page} von ${pages}`,
  rowsOf: (from, to, total) => `${from}–${to} von ${total}`,
  trustLevel: (level) => `Vertrauensstufe ${level}`,
  trustLevelShort: (level) => `Stufe ${level}`,
  unnamedMember: 'Unbenanntes Mitglied',
  unnamedSpace: 'Unbenannter Bereich',
  driftOfActivity: 'Abweichung: Beiträge + Antworten im Aggregat-Pfad gegenüber dem direkten Pfad.',
  driftOfTotal: 'Abweichung: Gesamtwert im Aggregat-Pfad gegenüber dem direkten Pfad.',
  avatarOf: (name) => `Profilbild von ${name}`,
  columnNote: (label, definition) => `${label}: ${definition}`,
  engagementRateDefinition: 'Antworten pro Beitrag, also die Antworten des Bereichs im Zeitraum geteilt durch seine Beiträge (ein Verhältnis, kein Prozentwert).',
  noRows: 'In diesem Zeitraum gibt es noch nichts.',

  engagementTitle: 'Beteiligung',
  avgRepliesPerPost: 'Ø Antworten pro Beitrag',
  voteActivity: 'Abstimmungen',
  upvotes: 'Positive Stimmen',
  downvotes: 'Negative Stimmen',
  acceptedAnswers: 'Akzeptierte Antworten',
  resolutionRateLabel: 'Lösungsquote',
  qaOnly: 'Nur Frage-Antwort-Bereiche',
  questionsResolvedLabel: 'Gelöste Fragen',
  questionsAskedLabel: 'Gestellte Fragen',
  questionsResolved: (resolved, asked) => `${resolved} von ${asked} Fragen gelöst`,
  newMembers: 'Neue Mitglieder',
  avgRepliesPerPostHelp: 'Im Zeitraum erstellte veröffentlichte Antworten geteilt durch die im Zeitraum erstellten veröffentlichten Beiträge: ein Verhältnis, kein Prozentwert.',
  newMembersHelp: 'Mitglieder, die im Zeitraum beigetreten sind.',
  upvotesHelp: 'Im Zeitraum abgegebene positive Stimmen, die nicht zurückgenommen wurden.',
  downvotesHelp: 'Im Zeitraum abgegebene negative Stimmen, die nicht zurückgenommen wurden.',
  acceptedAnswersHelp: 'Im Zeitraum akzeptierte Antworten in Frage-Antwort-Bereichen.',
  resolutionRateHelp: 'Anteil der im Zeitraum gestellten veröffentlichten Fragen, die inzwischen eine akzeptierte Antwort haben.',
  questionsResolvedHelp: 'Im Zeitraum gestellte veröffentlichte Fragen, die inzwischen eine akzeptierte Antwort haben.',
  questionsAskedHelp: 'Im Zeitraum in Frage-Antwort-Bereichen erstellte veröffentlichte Fragen.',

  // "Moderation" and "Median" are German words as well.
  moderationTitle: 'Moderation',
  flagsRaised: 'Meldungen',
  flagsOpen: 'Noch offen',
  autoModTriggers: 'Auslösungen der Auto-Moderation',
  autoModOff: 'Advanced Moderation ist nicht aktiviert',
  responseTime: 'Reaktionszeit der Moderation',
  median: 'Median',
  p90: '90. Perzentil',
  noResponses: 'Keine bearbeiteten Meldungen in diesem Zeitraum',
  flagsRaisedHelp: 'Meldungen, die Mitglieder im Zeitraum zu Inhalten abgegeben haben.',
  flagsOpenHelp: 'Von den im Zeitraum abgegebenen Meldungen die noch nicht bearbeiteten.',
  autoModTriggersHelp: 'Wie oft die Regeln der automatischen Moderation im Zeitraum bei Inhalten eingegriffen haben.',
  medianHelp: 'Die Hälfte der im Zeitraum abgegebenen und bearbeiteten Meldungen wurde innerhalb dieser Zeit nach der Meldung bearbeitet.',
  p90Help: 'Neun von zehn der im Zeitraum abgegebenen und bearbeiteten Meldungen wurden innerhalb dieser Zeit nach der Meldung bearbeitet.',

  loading: 'Wird geladen…',
  noDataSource: 'Keine Datenquelle verbunden.',
  empty: 'In diesem Zeitraum gibt es noch keine Aktivität. Versuchen Sie einen längeren Zeitraum.',
  emptyPast: 'In diesem Zeitraum gibt es keine Aktivität. Versuchen Sie einen späteren Zeitraum.',
  errorTitle: 'Die Analyse konnte nicht geladen werden.',
  forbidden: 'Sie haben keinen Zugriff auf die Analyse.',
  retry: 'Erneut versuchen',
  serverFailed: (status) => `Der Server konnte nicht antworten (HTTP ${status}).`,
  requestRefused: (status) => `Der Server hat die Anfrage abgelehnt (HTTP ${status}).`,
  errorDetails: (details) => `Details: ${details}`,
  staleFigures: (range) => `Angezeigt werden die Zahlen für ${range}; sie konnten nicht aktualisiert werden.`,
};

const catalogs: Record<string, Partial<Messages>> = { en, de };

/** The languages the catalogue has texts for (`en`, `de`); any other locale reads English. */
export const CATALOGUE_LANGUAGES: readonly string[] = Object.freeze(Object.keys(catalogs));

/** A table's title in the language of `m`. */
export function tableTitle(m: Messages, table: TableId): string {
  return table === 'daily' ? m.dailyActivity : table === 'top-spaces' ? m.topSpaces : m.topContributors;
}

/** A table's column labels, in display and export order, in the language of `m` (English: exactly DESIGN section 7). */
export function columnLabels(m: Messages, table: TableId): string[] {
  return TABLE_COLUMNS[table].map((column) => m.columnLabels[column.labelKey]);
}

/**
 * The text of `m` under `key`, for a key the metric registry names (a figure's
 * label or definition, a card group's sub-heading); the registry's test checks
 * every locale has each, so a missing one is a programming error.
 */
export function catalogueText(m: Messages, key: string): string {
  const text: unknown = (m as unknown as Readonly<Record<string, unknown>>)[key];
  if (typeof text !== 'string') throw new Error(`The message catalogue has no text "${key}"`);
  return text;
}

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
