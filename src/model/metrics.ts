/**
 * The metric registry: every figure of a report (DESIGN section 4) and every
 * field of a table row (sections 5 and 7) is declared here once, with where it
 * sits, how it reads, how its drift is compared and how it travels. The diff
 * report, the REST checks, the contract suite, emptiness and the docs tables
 * are read from these lists, so a figure added here reaches all of them, and
 * a test fails where one still misses it.
 *
 * What a figure counts is not here: the direct path, the aggregate path and
 * the tests' reference reading each compute it on their own, so they can
 * disagree and the drift shows it. What is here is how a figure is made from
 * those counts (`counted`, `derive`): a counted figure is copied from the
 * path's counts, a derived one computed from them by its formula, the same
 * for both paths, so a rate or a null rule is written once.
 */
import type { AnalyticsReport, Engagement, Moderation, Overview, TableId } from './report.js';
import type { TableRows } from './table-rows.js';

/** The report's sections of single figures, by their field in `AnalyticsReport`. */
export interface ReportSections {
  overview: Overview;
  engagement: Engagement;
  moderation: Moderation;
}

export type MetricSection = keyof ReportSections;

/** The report's sections, in report order. */
export const METRIC_SECTIONS: readonly MetricSection[] = Object.freeze(['overview', 'engagement', 'moderation'] as const);

/**
 * How a figure's number reads (the data is unrounded; the view formats by it):
 * - `count`: a whole number ≥ 0 (`1,284`);
 * - `ratio`: a quotient ≥ 0 that can pass 1, such as replies per post (`2.84`);
 * - `share`: a part of a whole, 0–1, shown as a percentage (`62.4%`);
 * - `percent`: already in percent, signed (`8.41` is +8.41 %);
 * - `duration`: minutes ≥ 0, shown humanised (`2h 5m`).
 */
export type MetricFormat = 'count' | 'ratio' | 'share' | 'percent' | 'duration';

/**
 * How a table row's field reads: a metric format, or
 * - `rank`: a whole number ≥ 1, the position over the whole ranking;
 * - `level`: a trust level, a whole number 0–4;
 * - `id`: a non-empty string naming an entity;
 * - `text`: a plain-text string (a name);
 * - `url`: a string, optional (left out when there is none);
 * - `date`: a local date `YYYY-MM-DD`.
 */
export type FieldFormat = MetricFormat | 'rank' | 'level' | 'id' | 'text' | 'url' | 'date';

/**
 * How the two paths' values of a figure are compared:
 * - `relative`: `driftPct(direct, aggregated)`, in percent of the direct value
 *   (a figure so compared is listed in the diff report);
 * - `none`: not compared (a rank, an id, a name: they follow from the counts).
 */
export type DriftComparison = 'relative' | 'none';

/** `totalPosts` → `total_posts`, `p90ResponseMinutes` → `p90_response_minutes`: the REST (WordPress) spelling. */
export type SnakeCase<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`}${SnakeCase<Tail>}`
  : S;

type IsNullable<T> = null extends T ? true : false;
type IsOptional<Row, K extends keyof Row> = object extends Pick<Row, K> ? true : false;

/** A figure's key, in whichever section: the keys are unique across sections (a test checks it). */
export type MetricKey = { [S in MetricSection]: keyof ReportSections[S] & string }[MetricSection];

/**
 * The count a figure that is not a count rests on, read from the same report:
 * the sum of the figures `add` less the sum of the figures `subtract`. A card
 * shows a ratio's, share's or duration's change as a percentage only when the
 * previous period's base reaches the minimum (`MIN_COMPARISON_BASE`, 20); a
 * figure that is a change already (`percent`) shows both periods' bases
 * instead of itself when the previous one is under it.
 */
export interface MetricBase {
  readonly add: readonly MetricKey[];
  readonly subtract: readonly MetricKey[];
}

/** A group of cards within a section, as the dashboard shows it. */
export interface CardGroupDeclaration {
  /** Names the group (an element id in the section's shadow root). */
  readonly id: string;
  /** The section whose cards it holds. */
  readonly section: MetricSection;
  /** The catalogue key of its sub-heading; `null` for the section's cards that come first, under no sub-heading. */
  readonly titleKey: string | null;
  /** The catalogue key of a note under the sub-heading ("Q&A spaces only"), or `null`. */
  readonly noteKey: string | null;
}

/** The groups of cards, in the order each section shows them. */
export const CARD_GROUPS = Object.freeze([
  { id: 'headline', section: 'overview', titleKey: null, noteKey: null },
  { id: 'engagement', section: 'engagement', titleKey: null, noteKey: null },
  { id: 'votes', section: 'engagement', titleKey: 'voteActivity', noteKey: null },
  { id: 'accepted', section: 'engagement', titleKey: 'acceptedAnswers', noteKey: 'qaOnly' },
  { id: 'moderation', section: 'moderation', titleKey: null, noteKey: null },
  { id: 'response-time', section: 'moderation', titleKey: 'responseTime', noteKey: null },
] as const satisfies readonly CardGroupDeclaration[]);

/** A declared group of cards. */
export type CardGroup = (typeof CARD_GROUPS)[number];

/** A group of cards, by its id. */
export type CardGroupId = CardGroup['id'];

/** Where a figure is shown as a card. */
export interface CardPlacement {
  /** The group of cards it sits in (a group of its own section). */
  readonly group: CardGroupId;
  /** Its place among the group's cards, 1 first. */
  readonly place: number;
  /**
   * `always`, or `verify`: only in verify mode, where each number is shown on
   * both paths with its drift (the questions asked and resolved, which the
   * resolution rate's card otherwise states in a line of text).
   */
  readonly shown: 'always' | 'verify';
}

/** What every figure declares, whether counted or derived. */
export interface MetricFields<S extends MetricSection = MetricSection, K extends keyof ReportSections[S] & string = keyof ReportSections[S] & string> {
  /** The field in its section: `report[section][key]`. */
  readonly key: K;
  /** Where it sits in the report. */
  readonly section: S;
  /** Its name on the REST wire and in the diff report (DESIGN section 4). */
  readonly wire: SnakeCase<K>;
  /** The key of the elements' message catalogue holding its label, in every locale. */
  readonly labelKey: string;
  /** The key of the catalogue's short definition of it, shown behind the card's info button, in every locale. */
  readonly helpKey: string;
  readonly format: MetricFormat;
  readonly drift: DriftComparison;
  /** Whether the figure can be `null` ("not defined", never "zero"); the type of the report decides. */
  readonly nullable: IsNullable<ReportSections[S][K]>;
  /**
   * Whether a value other than 0 means something happened in the range. A
   * report whose activity figures are all 0 (or null) is empty; the other
   * figures follow from them (a rate of nothing, the open ones of no flags).
   */
  readonly activity: boolean;
  /** What it counts, in English, as the REST docs state it. */
  readonly definition: string;
  /** For a figure that is not a count (`ratio`, `share`, `percent`, `duration`): the count it rests on; `null` for a count, its own base. */
  readonly base: MetricBase | null;
  /** Where the dashboard shows it as a card; `null` for a figure no card shows. */
  readonly card: CardPlacement | null;
}

/**
 * What the report's figures are made from, on one path for one range: the
 * answers of the core queries, every counted figure as the path counted it,
 * and what the derived figures rest on besides. Both paths' report builder and
 * a custom source fill it; `reportFigures` makes the report's sections of it.
 */
export interface FigureInputs {
  /** Counted posts created in the range (the sum of the daily rows). */
  readonly posts: number;
  /** Counted replies created in the range (the sum of the daily rows). */
  readonly replies: number;
  /** Distinct members active in the range. */
  readonly activeMembers: number;
  /** Every counted figure (`counted: true`), by its key. */
  readonly counts: Readonly<Record<CountedMetricKey, number>>;
  /** Counted posts + replies of the previous period, on the same path: the growth's base. */
  readonly previousContent: number;
  /** The minutes from raised to resolved of the resolved flags raised in the range, in ascending order. */
  readonly responseMinutes: ArrayLike<number>;
  /** Whether the site has automod data (Advanced Moderation on). */
  readonly autoModeration: boolean;
}

/**
 * How a figure's value is made, on either path:
 * - `counted: true`: both paths count it, each on its own, into
 *   `RangeStats.counts` under its key (and the tests' reference reads it on
 *   its own too); the report copies that count, or, with a `derive`, makes
 *   its value from it (a null rule: the automod triggers are `null` without
 *   automod data);
 * - `counted: false`: it is made by its `derive` alone, from the counts and
 *   the answers of the core queries (`FigureInputs`): a rate, a ratio, a
 *   growth, a response time.
 *
 * The formula's type is the report field's, so a derive that may return
 * `null` for a figure that may not be `null` does not compile.
 */
export type MetricComputation<V> =
  | { readonly counted: true; readonly derive: ((inputs: FigureInputs) => V) | null }
  | { readonly counted: false; readonly derive: (inputs: FigureInputs) => V };

/** One figure of a report section: what it is, how it reads and travels, and how it is made. */
export type MetricDeclaration<S extends MetricSection = MetricSection, K extends keyof ReportSections[S] & string = keyof ReportSections[S] & string> = MetricFields<S, K> &
  MetricComputation<ReportSections[S][K]>;

/** Every possible declaration: a `key` that is not a field of its `section` does not compile. */
export type Metric = {
  [S in MetricSection]: { [K in keyof ReportSections[S] & string]: MetricDeclaration<S, K> }[keyof ReportSections[S] & string];
}[MetricSection];

/**
 * Every figure of the report, in report order: the order of the diff report and of the docs.
 *
 * A `derive` states its parameter's and its result's types (`(figures:
 * FigureInputs): number | null =>`): the inputs' counts are typed from this
 * list, so a formula left to be inferred would make the list's type depend on
 * itself.
 */
export const METRICS = Object.freeze([
  {
    key: 'totalPosts',
    section: 'overview',
    wire: 'total_posts',
    labelKey: 'totalPosts',
    helpKey: 'totalPostsHelp',
    format: 'count',
    drift: 'relative',
    nullable: false,
    activity: true,
    counted: false,
    derive: (figures: FigureInputs): number => figures.posts,
    definition: 'published posts created in the range',
    base: null,
    card: { group: 'headline', place: 1, shown: 'always' },
  },
  {
    key: 'totalReplies',
    section: 'overview',
    wire: 'total_replies',
    labelKey: 'totalReplies',
    helpKey: 'totalRepliesHelp',
    format: 'count',
    drift: 'relative',
    nullable: false,
    activity: true,
    counted: false,
    derive: (figures: FigureInputs): number => figures.replies,
    definition: 'published replies created in the range',
    base: null,
    card: { group: 'headline', place: 2, shown: 'always' },
  },
  {
    key: 'activeMembers',
    section: 'overview',
    wire: 'active_members',
    labelKey: 'activeMembers',
    helpKey: 'activeMembersHelp',
    format: 'count',
    drift: 'relative',
    nullable: false,
    activity: true,
    counted: false,
    derive: (figures: FigureInputs): number => figures.activeMembers,
    definition: 'distinct members who wrote counted content created in the range or cast a (not retracted) vote in it',
    base: null,
    card: { group: 'headline', place: 3, shown: 'always' },
  },
  {
    key: 'growthRate',
    section: 'overview',
    wire: 'growth_rate',
    labelKey: 'growthRate',
    helpKey: 'growthRateHelp',
    format: 'percent',
    drift: 'relative',
    nullable: true,
    activity: false,
    counted: false,
    derive: (figures: FigureInputs): number | null => growth(figures.posts + figures.replies, figures.previousContent),
    definition:
      'in percent: (A − B) / B × 100, A = posts + replies in the range, B = the same in `previous_range`; `null` when B = 0. Exact whatever B is: the dashboard shows "new" (B = 0) or "—" with both counts instead of a percentage when B is under 20 (`MIN_COMPARISON_BASE`)',
    // Growth compares posts + replies with the previous period's.
    base: { add: ['totalPosts', 'totalReplies'], subtract: [] },
    card: { group: 'headline', place: 4, shown: 'always' },
  },
  {
    key: 'avgRepliesPerPost',
    section: 'engagement',
    wire: 'avg_replies_per_post',
    labelKey: 'avgRepliesPerPost',
    helpKey: 'avgRepliesPerPostHelp',
    format: 'ratio',
    drift: 'relative',
    nullable: true,
    activity: false,
    counted: false,
    derive: (figures: FigureInputs): number | null => quotient(figures.replies, figures.posts),
    definition: '`total_replies / total_posts`, a ratio (replies per post, `3.28`), not a percentage; `null` when there are no posts',
    // Replies per post rests on the posts.
    base: { add: ['totalPosts'], subtract: [] },
    card: { group: 'engagement', place: 1, shown: 'always' },
  },
  {
    key: 'upvotes',
    section: 'engagement',
    wire: 'upvotes',
    labelKey: 'upvotes',
    helpKey: 'upvotesHelp',
    format: 'count',
    drift: 'relative',
    nullable: false,
    activity: true,
    counted: true,
    derive: null,
    definition: 'up-votes cast in the range',
    base: null,
    card: { group: 'votes', place: 1, shown: 'always' },
  },
  {
    key: 'downvotes',
    section: 'engagement',
    wire: 'downvotes',
    labelKey: 'downvotes',
    helpKey: 'downvotesHelp',
    format: 'count',
    drift: 'relative',
    nullable: false,
    activity: true,
    counted: true,
    derive: null,
    definition: 'down-votes cast in the range',
    base: null,
    card: { group: 'votes', place: 2, shown: 'always' },
  },
  {
    key: 'acceptedAnswers',
    section: 'engagement',
    wire: 'accepted_answers',
    labelKey: 'acceptedAnswers',
    helpKey: 'acceptedAnswersHelp',
    format: 'count',
    drift: 'relative',
    nullable: false,
    activity: true,
    counted: true,
    derive: null,
    definition: 'answers accepted in the range (Q&A spaces)',
    base: null,
    card: { group: 'accepted', place: 1, shown: 'always' },
  },
  {
    key: 'questionsAsked',
    section: 'engagement',
    wire: 'questions_asked',
    labelKey: 'questionsAskedLabel',
    helpKey: 'questionsAskedHelp',
    format: 'count',
    drift: 'relative',
    nullable: false,
    activity: false,
    counted: true,
    derive: null,
    definition: 'published posts created in the range in Q&A spaces',
    base: null,
    card: { group: 'accepted', place: 4, shown: 'verify' },
  },
  {
    key: 'questionsResolved',
    section: 'engagement',
    wire: 'questions_resolved',
    labelKey: 'questionsResolvedLabel',
    helpKey: 'questionsResolvedHelp',
    format: 'count',
    drift: 'relative',
    nullable: false,
    activity: false,
    counted: true,
    derive: null,
    definition: 'of those, the ones that now have an accepted answer',
    base: null,
    card: { group: 'accepted', place: 3, shown: 'verify' },
  },
  {
    key: 'acceptedAnswerRate',
    section: 'engagement',
    wire: 'accepted_answer_rate',
    labelKey: 'resolutionRateLabel',
    helpKey: 'resolutionRateHelp',
    format: 'share',
    drift: 'relative',
    nullable: true,
    activity: false,
    counted: false,
    derive: (figures: FigureInputs): number | null => quotient(figures.counts.questionsResolved, figures.counts.questionsAsked),
    definition: '`questions_resolved / questions_asked` (a ratio 0–1, not a percentage); `null` when no questions',
    // A resolution rate rests on the questions asked.
    base: { add: ['questionsAsked'], subtract: [] },
    card: { group: 'accepted', place: 2, shown: 'always' },
  },
  {
    key: 'newMembers',
    section: 'engagement',
    wire: 'new_members',
    labelKey: 'newMembers',
    helpKey: 'newMembersHelp',
    format: 'count',
    drift: 'relative',
    nullable: false,
    activity: true,
    counted: true,
    derive: null,
    definition: 'members who joined in the range',
    base: null,
    card: { group: 'engagement', place: 2, shown: 'always' },
  },
  {
    key: 'flagsRaised',
    section: 'moderation',
    wire: 'flags_raised',
    labelKey: 'flagsRaised',
    helpKey: 'flagsRaisedHelp',
    format: 'count',
    drift: 'relative',
    nullable: false,
    activity: true,
    counted: true,
    derive: null,
    definition: 'flags raised in the range',
    base: null,
    card: { group: 'moderation', place: 1, shown: 'always' },
  },
  {
    key: 'flagsOpen',
    section: 'moderation',
    wire: 'flags_open',
    labelKey: 'flagsOpen',
    helpKey: 'flagsOpenHelp',
    format: 'count',
    drift: 'relative',
    nullable: false,
    activity: false,
    counted: true,
    derive: null,
    definition: 'of those, the ones not yet resolved',
    base: null,
    card: { group: 'moderation', place: 2, shown: 'always' },
  },
  {
    key: 'autoModTriggers',
    section: 'moderation',
    wire: 'auto_mod_triggers',
    labelKey: 'autoModTriggers',
    helpKey: 'autoModTriggersHelp',
    format: 'count',
    drift: 'relative',
    nullable: true,
    activity: true,
    counted: true,
    derive: (figures: FigureInputs): number | null => (figures.autoModeration ? figures.counts.autoModTriggers : null),
    definition: 'automatic moderation triggers in the range; `null` when the site has no automod data (Advanced Moderation off)',
    base: null,
    card: { group: 'moderation', place: 3, shown: 'always' },
  },
  {
    key: 'medianResponseMinutes',
    section: 'moderation',
    wire: 'median_response_minutes',
    labelKey: 'median',
    helpKey: 'medianHelp',
    format: 'duration',
    drift: 'relative',
    nullable: true,
    activity: false,
    counted: false,
    derive: (figures: FigureInputs): number | null => median(figures.responseMinutes),
    definition:
      'over flags raised in the range and resolved: median of resolved − raised, in minutes (mean of the two middle values for an even count); `null` when none resolved',
    // Response times rest on the flags resolved of those raised.
    base: { add: ['flagsRaised'], subtract: ['flagsOpen'] },
    card: { group: 'response-time', place: 1, shown: 'always' },
  },
  {
    key: 'p90ResponseMinutes',
    section: 'moderation',
    wire: 'p90_response_minutes',
    labelKey: 'p90',
    helpKey: 'p90Help',
    format: 'duration',
    drift: 'relative',
    nullable: true,
    activity: false,
    counted: false,
    derive: (figures: FigureInputs): number | null => nearestRank(figures.responseMinutes, 0.9),
    definition: 'the same, 90th percentile by nearest rank (the ⌈0.9·n⌉-th smallest); `null` when none resolved',
    base: { add: ['flagsRaised'], subtract: ['flagsOpen'] },
    card: { group: 'response-time', place: 2, shown: 'always' },
  },
] as const satisfies readonly Metric[]);

/** A figure of the registry, with its literal key and section. */
export type RegisteredMetric = (typeof METRICS)[number];

/** The key of a counted figure: one each path counts into `RangeStats.counts`. */
export type CountedMetricKey = Extract<RegisteredMetric, { counted: true }>['key'];

/** The counted figures' keys, in report order. */
export const COUNTED_METRIC_KEYS: readonly CountedMetricKey[] = Object.freeze(
  METRICS.filter((metric): metric is Extract<RegisteredMetric, { counted: true }> => metric.counted).map((metric) => metric.key),
);

/** The fields of a section that the registry does not declare: `never` when it is complete. */
export type UnregisteredMetricKeys<S extends MetricSection> = Exclude<keyof ReportSections[S], Extract<RegisteredMetric, { section: S }>['key']>;

// A field added to a section of the report but not to METRICS fails to compile
// here, naming itself: "Property 'x' is missing".
({}) satisfies Record<UnregisteredMetricKeys<'overview'> | UnregisteredMetricKeys<'engagement'> | UnregisteredMetricKeys<'moderation'>, never>;

/**
 * The report's sections from one path's figures, walking the registry in
 * report order: a counted figure is its count (or its `derive` of it), a
 * derived one its `derive`. No figure has code of its own here.
 */
export function reportFigures(inputs: FigureInputs): ReportSections {
  const sections: Record<MetricSection, Record<string, number | null>> = { overview: {}, engagement: {}, moderation: {} };
  for (const metric of METRICS as readonly Metric[]) {
    sections[metric.section][metric.key] = metric.derive ? metric.derive(inputs) : inputs.counts[metric.key as CountedMetricKey];
  }
  // Every declared field is set above, and the compiler checks that every field is declared.
  return sections as unknown as ReportSections;
}

/** `(current − previous) / previous × 100`, or `null` when there is no previous period to compare with. */
function growth(current: number, previous: number): number | null {
  return previous === 0 ? null : ((current - previous) / previous) * 100;
}

/** `part / whole`, or `null` when the whole is 0. */
function quotient(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** The median of ascending values (the mean of the two middle ones for an even count), `null` of none. */
function median(sorted: ArrayLike<number>): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  return n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

/** The nearest-rank quantile of ascending values (the ⌈q·n⌉-th smallest), `null` of none. */
function nearestRank(sorted: ArrayLike<number>, q: number): number | null {
  const n = sorted.length;
  return n === 0 ? null : sorted[Math.ceil(q * n) - 1]!;
}

/** The figures of one section, in report order. */
export function metricsOf(section: MetricSection): readonly Metric[] {
  return METRICS.filter((metric) => metric.section === section);
}

/** A figure's value in a report (or in anything carrying the report's sections). */
export function readMetric(report: Pick<AnalyticsReport, MetricSection>, metric: Metric): number | null {
  // The union of three section types does not index by a key of one of them; the declaration's types pair them.
  const section = report[metric.section] as unknown as Readonly<Record<string, number | null>>;
  return section[metric.key]!;
}

/** The figure declared under `key`. */
export function metricOf(key: MetricKey): Metric {
  const metric = METRICS.find((declared) => declared.key === key);
  if (!metric) throw new Error(`No figure is declared as ${key}`);
  return metric;
}

/**
 * The count a figure rests on in a report (its `base`): `undefined` for a
 * count, `null` when a figure it adds up is `null`.
 */
export function readBase(report: Pick<AnalyticsReport, MetricSection>, metric: Metric): number | null | undefined {
  const base = metric.base;
  if (!base) return undefined;
  let sum = 0;
  for (const [keys, sign] of [
    [base.add, 1],
    [base.subtract, -1],
  ] as const) {
    for (const key of keys) {
      const value = readMetric(report, metricOf(key));
      if (value === null) return null;
      sum += sign * value;
    }
  }
  return sum;
}

/** The groups of cards of one section, in display order. */
export function cardGroupsOf(section: MetricSection): readonly CardGroup[] {
  return CARD_GROUPS.filter((group) => group.section === section);
}

/** The figures shown as cards of one group, by their place (verify-only ones included). */
export function cardsOf(group: CardGroupId): readonly Metric[] {
  return METRICS.filter((metric) => metric.card?.group === group).sort((a, b) => a.card!.place - b.card!.place);
}

/**
 * A range with nothing at all in it: every activity figure (content, active
 * members, votes, accepted answers, joins, flags, automod triggers) is 0, or
 * null where the source has no such data.
 */
export function isEmptyReport(report: Pick<AnalyticsReport, MetricSection>): boolean {
  return METRICS.every((metric) => !metric.activity || (readMetric(report, metric) ?? 0) === 0);
}

// ---------------------------------------------------------------------------
// Table rows

/**
 * The English label of every column some table shows, by its label key,
 * exactly as DESIGN section 7 names it: the tables' headers and the CSV
 * header. A label key reads the same in every table; the elements' catalogue
 * translates each (`columnLabels`, every locale).
 */
export const COLUMN_LABELS = Object.freeze({
  date: 'Date',
  rank: 'Rank',
  name: 'Space',
  displayName: 'Member',
  trustLevel: 'Trust level',
  posts: 'Posts',
  replies: 'Replies',
  contributors: 'Contributors',
  engagementRate: 'Engagement rate',
  acceptedAnswers: 'Accepted answers',
  total: 'Total',
} as const);

/** The label key of a column some table shows (a key of `COLUMN_LABELS`). */
export type ColumnKey = keyof typeof COLUMN_LABELS;

/** One field of a row of a table (the rows of `rows()` and of the report's tables). */
export interface RowFieldDeclaration<T extends TableId = TableId, K extends keyof TableRows[T] & string = keyof TableRows[T] & string> {
  /** The row field. */
  readonly key: K;
  /** The table whose rows carry it. */
  readonly table: T;
  /** Its name on the REST wire. */
  readonly wire: SnakeCase<K>;
  /**
   * The label of the column it is shown and exported as, by its key in
   * `COLUMN_LABELS` (English, DESIGN section 7) and in the elements'
   * `columnLabels` (every locale); `null` for a field the table does not show
   * (an id, an avatar). The shown fields make the table's columns
   * (`TABLE_COLUMNS`), in declaration order.
   */
  readonly labelKey: ColumnKey | null;
  /** How it reads; a shown field's column is aligned by it (`date`, `text`, or a number) and a `ratio` shows two decimals. */
  readonly format: FieldFormat;
  readonly drift: DriftComparison;
  readonly nullable: IsNullable<TableRows[T][K]>;
  /** Whether the row may leave it out; the type of the row decides. */
  readonly optional: IsOptional<TableRows[T], K>;
  /** What it holds, in English, as the REST docs state it. */
  readonly definition: string;
}

/** Every possible field declaration of table `T`: a `key` that is not a field of its row does not compile. */
export type RowField<T extends TableId = TableId> = {
  [Table in T]: { [K in keyof TableRows[Table] & string]: RowFieldDeclaration<Table, K> }[keyof TableRows[Table] & string];
}[T];

/**
 * The fields of every table's rows, in the order of the row types (the docs'
 * order); the shown ones (those with a `labelKey`) are the table's columns,
 * in display and export order (`TABLE_COLUMNS` is made from them).
 */
export const TABLE_FIELDS = Object.freeze({
  daily: [
    { key: 'date', table: 'daily', wire: 'date', labelKey: 'date', format: 'date', drift: 'none', nullable: false, optional: false, definition: 'the local day' },
    { key: 'posts', table: 'daily', wire: 'posts', labelKey: 'posts', format: 'count', drift: 'relative', nullable: false, optional: false, definition: 'published posts created that day' },
    { key: 'replies', table: 'daily', wire: 'replies', labelKey: 'replies', format: 'count', drift: 'relative', nullable: false, optional: false, definition: 'published replies created that day' },
  ],
  'top-spaces': [
    { key: 'rank', table: 'top-spaces', wire: 'rank', labelKey: 'rank', format: 'rank', drift: 'none', nullable: false, optional: false, definition: '1-based position over the whole range (not the page)' },
    { key: 'spaceId', table: 'top-spaces', wire: 'space_id', labelKey: null, format: 'id', drift: 'none', nullable: false, optional: false, definition: "the space's id, as a string" },
    { key: 'name', table: 'top-spaces', wire: 'name', labelKey: 'name', format: 'text', drift: 'none', nullable: false, optional: false, definition: "the space's name, plain text (the client escapes it)" },
    { key: 'posts', table: 'top-spaces', wire: 'posts', labelKey: 'posts', format: 'count', drift: 'relative', nullable: false, optional: false, definition: 'published posts created in the range in this space' },
    { key: 'replies', table: 'top-spaces', wire: 'replies', labelKey: 'replies', format: 'count', drift: 'relative', nullable: false, optional: false, definition: 'published replies created in the range in this space' },
    { key: 'contributors', table: 'top-spaces', wire: 'contributors', labelKey: 'contributors', format: 'count', drift: 'relative', nullable: false, optional: false, definition: 'distinct authors of that content' },
    {
      key: 'engagementRate',
      table: 'top-spaces',
      wire: 'engagement_rate',
      labelKey: 'engagementRate',
      format: 'ratio',
      drift: 'relative',
      nullable: true,
      optional: false,
      definition:
        '`replies / posts`: replies per post, a ratio (`3.75` = 3.75 replies per post), not a percentage; `null` when `posts` is 0. The dashboard shows it rounded to two decimals (`3.75`); the CSV column "Engagement rate" holds it unrounded',
    },
  ],
  'top-contributors': [
    { key: 'rank', table: 'top-contributors', wire: 'rank', labelKey: 'rank', format: 'rank', drift: 'none', nullable: false, optional: false, definition: '1-based position over the whole range' },
    { key: 'memberId', table: 'top-contributors', wire: 'member_id', labelKey: null, format: 'id', drift: 'none', nullable: false, optional: false, definition: "the member's (user's) id, as a string" },
    { key: 'displayName', table: 'top-contributors', wire: 'display_name', labelKey: 'displayName', format: 'text', drift: 'none', nullable: false, optional: false, definition: 'plain text' },
    {
      key: 'avatarUrl',
      table: 'top-contributors',
      wire: 'avatar_url',
      labelKey: null,
      format: 'url',
      drift: 'none',
      nullable: false,
      optional: true,
      definition: 'the avatar image URL (`https:` or `http:`; the client shows no other scheme); left out when the member has none',
    },
    { key: 'trustLevel', table: 'top-contributors', wire: 'trust_level', labelKey: 'trustLevel', format: 'level', drift: 'none', nullable: false, optional: false, definition: "the member's trust level (0–4)" },
    { key: 'posts', table: 'top-contributors', wire: 'posts', labelKey: 'posts', format: 'count', drift: 'relative', nullable: false, optional: false, definition: 'published posts they created in the range' },
    { key: 'replies', table: 'top-contributors', wire: 'replies', labelKey: 'replies', format: 'count', drift: 'relative', nullable: false, optional: false, definition: 'published replies they created in the range' },
    {
      key: 'acceptedAnswers',
      table: 'top-contributors',
      wire: 'accepted_answers',
      labelKey: 'acceptedAnswers',
      format: 'count',
      drift: 'relative',
      nullable: false,
      optional: false,
      definition: 'their answers accepted in the range',
    },
    { key: 'total', table: 'top-contributors', wire: 'total', labelKey: 'total', format: 'count', drift: 'relative', nullable: false, optional: false, definition: '`posts + replies + accepted_answers`' },
  ],
} as const satisfies { readonly [T in TableId]: readonly RowField<T>[] });

/** The tables, in the order the docs list their rows. */
export const FIELD_TABLES: readonly TableId[] = Object.freeze(['daily', 'top-spaces', 'top-contributors'] as const);

/** The row fields of table `T` that the registry does not declare: `never` when it is complete. */
export type UnregisteredRowFields<T extends TableId> = Exclude<keyof TableRows[T], (typeof TABLE_FIELDS)[T][number]['key']>;

// A field added to a row type but not to TABLE_FIELDS fails to compile here.
({}) satisfies Record<UnregisteredRowFields<'daily'> | UnregisteredRowFields<'top-spaces'> | UnregisteredRowFields<'top-contributors'>, never>;

/** The declared fields of one table's rows, in row order. */
export function fieldsOf<T extends TableId>(table: T): readonly RowField<T>[] {
  const tables: { readonly [Table in TableId]: readonly RowField<Table>[] } = TABLE_FIELDS;
  return tables[table];
}
