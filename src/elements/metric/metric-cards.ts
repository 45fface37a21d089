/**
 * The cards of the dashboard's headline and of its sections, made from the
 * metric registry: which figures, in which group and order, their labels and
 * definitions (by the registry's catalogue keys), how each reads and what
 * count a change rests on. An element adds only what is its own (a line under
 * a card, a notice in place of one).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { catalogueText, type Messages } from '../../internal/i18n.js';
import {
  cardGroupsOf,
  cardsOf,
  readBase,
  readMetric,
  type CardGroupId,
  type Metric,
  type MetricFormat as FigureFormat,
  type MetricSection,
} from '../../model/metrics.js';
import type { AnalyticsReport, DateRange } from '../../model/report.js';
import type { ComparedCounts, MetricFormat } from './metric.js';

/** The report sections a card reads from. */
type CardReport = Pick<AnalyticsReport, MetricSection>;

/** One figure as a card shows it, in one language. */
export interface FigureCard {
  /** The registry's declaration of the figure. */
  readonly metric: Metric;
  readonly label: string;
  /** Its definition, behind the card's info button. */
  readonly help: string;
  readonly format: MetricFormat;
  /** Shown only in verify mode. */
  readonly verifyOnly: boolean;
}

/** A group of cards of a section, in one language. */
export interface FigureCardGroup {
  readonly id: CardGroupId;
  /** Its sub-heading; `null` for the cards the section shows first, under none. */
  readonly title: string | null;
  /** A note under the sub-heading, or `null`. */
  readonly note: string | null;
  readonly cards: readonly FigureCard[];
}

/** How a card formats each of the registry's formats: a share reads as a percentage (`ratio`), a ratio with decimals (`decimal`). */
const CARD_FORMATS: { readonly [F in FigureFormat]: MetricFormat } = {
  count: 'count',
  ratio: 'decimal',
  share: 'ratio',
  percent: 'percent-change',
  duration: 'duration',
};

/** The cards of one group, in order, in the language of `m`. */
export function figureCards(group: CardGroupId, m: Messages): FigureCard[] {
  return cardsOf(group).map((metric) => ({
    metric,
    label: catalogueText(m, metric.labelKey),
    help: catalogueText(m, metric.helpKey),
    format: CARD_FORMATS[metric.format],
    verifyOnly: metric.card?.shown === 'verify',
  }));
}

/** The groups of cards of one section, in order, in the language of `m`. */
export function figureCardGroups(section: MetricSection, m: Messages): FigureCardGroup[] {
  return cardGroupsOf(section).map((group) => ({
    id: group.id,
    title: group.titleKey === null ? null : catalogueText(m, group.titleKey),
    note: group.noteKey === null ? null : catalogueText(m, group.noteKey),
    cards: figureCards(group.id, m),
  }));
}

/** What a `<jt-metric>` card is given of the previous period. */
interface CardComparison {
  previous: number | null | undefined;
  previousBase: number | undefined;
  comparedCounts: ComparedCounts | undefined;
  previousRange: DateRange | undefined;
}

/**
 * How a card compares with the previous period: a figure that is a change
 * already (`percent`) shows no change of itself, but both periods' counts it
 * rests on when they are too few; any other shows its change, as a
 * percentage only over enough of the count it rests on.
 */
function cardComparison(
  metric: Metric,
  reports: { direct: CardReport; previous?: (CardReport & Pick<AnalyticsReport, 'range'>) | undefined } | undefined,
): CardComparison {
  const previous = reports?.previous;
  if (!reports || !previous) return { previous: undefined, previousBase: undefined, comparedCounts: undefined, previousRange: undefined };
  if (metric.format === 'percent') {
    const now = readBase(reports.direct, metric);
    const before = readBase(previous, metric);
    const comparedCounts = typeof now === 'number' && typeof before === 'number' ? { current: now, previous: before } : undefined;
    return { previous: undefined, previousBase: undefined, comparedCounts, previousRange: previous.range };
  }
  return { previous: readMetric(previous, metric), previousBase: readBase(previous, metric) ?? undefined, comparedCounts: undefined, previousRange: previous.range };
}

/** The reports a card draws: the direct one (none while the first loads), the previous period's, and in verify mode the aggregate one. */
interface CardReports {
  direct: AnalyticsReport;
  previous?: AnalyticsReport | undefined;
  aggregate?: AnalyticsReport | undefined;
}

/** The cards to show: those shown always, and in verify mode also the verify-only ones. */
export function visibleCards(cards: readonly FigureCard[], verify: boolean): FigureCard[] {
  return cards.filter((card) => verify || !card.verifyOnly);
}

/**
 * One figure as a `<jt-metric>` card: the direct value, its definition, its
 * change against the previous period when there is one, and in verify mode
 * the aggregated value with the drift; `extra` goes under the figure.
 */
export function renderFigureCard(
  card: FigureCard,
  reports: CardReports | undefined,
  { loading = false, extra = nothing }: { loading?: boolean; extra?: TemplateResult | typeof nothing } = {},
): TemplateResult {
  const comparison = cardComparison(card.metric, reports);
  const aggregate = reports?.aggregate;
  return html`<jt-metric
    part="metric"
    .label=${card.label}
    .help=${card.help}
    .format=${card.format}
    .value=${reports ? readMetric(reports.direct, card.metric) : null}
    .previous=${comparison.previous}
    .previousBase=${comparison.previousBase}
    .previousRange=${comparison.previousRange}
    .comparedCounts=${comparison.comparedCounts}
    .aggregated=${aggregate ? readMetric(aggregate, card.metric) : null}
    ?verify=${aggregate !== undefined}
    ?loading=${loading}
    >${extra}</jt-metric
  >`;
}
