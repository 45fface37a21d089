import { Task, TaskStatus, initialState } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { JtErrorEvent } from '../../events/error-event.js';
import { SettingsProvider } from '../../internal/context.js';
import { JtDataElement } from '../../internal/data-element.js';
import { errorMessage, isAbort } from '../../internal/error-message.js';
import { renderErrorState } from '../../internal/error-state.js';
import type { Messages } from '../../internal/i18n.js';
import { loadReports } from '../../internal/load-reports.js';
import { sameRange } from '../../model/range.js';
import { isEmptyReport, type MetricSection } from '../../model/metrics.js';
import type { AnalyticsReport } from '../../model/report.js';
import { yieldToPage } from '../../model/yield-to-page.js';
import { figureCardGroups, renderFigureCard, visibleCards, type FigureCard, type FigureCardGroup } from './metric-cards.js';
import './metric.js';

/**
 * The reports one section shows: the direct path's, the aggregate path's in
 * verify mode, and the previous period's (direct path) when its cards
 * compare with it.
 */
export interface SectionReports {
  direct: AnalyticsReport;
  aggregate: AnalyticsReport | undefined;
  previous?: AnalyticsReport | undefined;
}

/**
 * What the Engagement and Moderation sections share: given `report` (and
 * `aggregateReport` when verifying) by a dashboard, they only draw; alone,
 * given `dataSource` and `range`, they load their own report(s) with one
 * Task, as the dashboard does (`loadReports`), show a skeleton first, keep
 * the old numbers dimmed while a new range loads, and show an error with
 * Retry. Not registered: each section is.
 */
export abstract class JtReportSection extends JtDataElement {
  /** Renders in a task of its own, so the dashboard's sections do not add up to one long task. */
  protected override async scheduleUpdate(): Promise<void> {
    await yieldToPage();
    super.scheduleUpdate();
  }

  private readonly reportTask = new Task(this, {
    // Given reports (or waiting for them) by a dashboard, it loads nothing itself.
    args: () =>
      [
        this.report || this.loading ? undefined : this.dataSource,
        this.rangeController.dates?.start,
        this.rangeController.dates?.end,
        this.verify,
        this.compare,
      ] as const,
    task: async ([source, start, end, verify, compare], { signal }): Promise<SectionReports | typeof initialState> => {
      if (!source || !start || !end) return initialState;
      // As the dashboard loads them: one request where the source answers several at once.
      return loadReports(source, { range: { start, end }, verify, compare }, signal);
    },
    onError: (error) => {
      if (!isAbort(error)) this.dispatchEvent(new JtErrorEvent({ operation: 'report', error }));
    },
  });

  /** The direct path's report, given by a dashboard; the section then loads nothing itself. Property only. */
  @property({ attribute: false })
  report: AnalyticsReport | undefined;

  /** The aggregate path's report, given by a dashboard in verify mode. Property only. */
  @property({ attribute: false })
  aggregateReport: AnalyticsReport | undefined;

  /**
   * The previous period's report (direct path), given by a dashboard with
   * `report`: each card shows its change against it and the section names
   * the previous period's dates. Property only.
   */
  @property({ attribute: false })
  previousReport: AnalyticsReport | undefined;

  /**
   * Loading its own report, also load the previous period's (one more
   * report, in the same request where the source answers several at once)
   * and show each card's change against it, with the previous period's
   * dates. A dashboard hands `previousReport` down instead.
   */
  @property({ type: Boolean, reflect: true })
  compare = false;

  /** Set by a dashboard while it loads `report`: skeleton first, then the old numbers dimmed. */
  @property({ type: Boolean, reflect: true })
  loading = false;

  /** The level of the section's heading, 1–6 (sub-headings are one deeper). */
  @property({ attribute: 'heading-level', type: Number, reflect: true })
  headingLevel = 2;

  /** Its cards speak and look as the section does. */
  private readonly settings = new SettingsProvider(this, ['locale', 'theme']);

  /** The report section whose figures it shows: its cards and their groups come from the metric registry. */
  protected abstract readonly section: MetricSection;

  /** The section's title, e.g. "Engagement". */
  protected abstract sectionTitle(m: Messages): string;

  /** The section's groups of cards in the current language, made again when the language changes. */
  private groups: FigureCardGroup[] = [];
  private groupsMessages: Messages | undefined;

  protected cardGroups(): FigureCardGroup[] {
    if (this.groupsMessages !== this.messages) {
      this.groupsMessages = this.messages;
      this.groups = figureCardGroups(this.section, this.messages);
    }
    return this.groups;
  }

  /** Loads the report(s) again, e.g. after new events reached the data source. Does nothing while `report` is given. */
  async refresh(): Promise<void> {
    if (this.report) return;
    await this.reportTask.run();
  }

  private handleRetry(): void {
    void this.reportTask.run();
  }

  /** A heading at `headingLevel` (+ `deeper`), clamped to h1–h6: real heading elements, no ARIA stand-ins. */
  protected renderHeading(text: string, deeper: 0 | 1, id: string, part: string): TemplateResult {
    const level = Math.min(6, Math.max(1, Math.round(Number(this.headingLevel) || 2) + deeper));
    switch (level) {
      case 1:
        return html`<h1 id=${id} part=${part}>${text}</h1>`;
      case 2:
        return html`<h2 id=${id} part=${part}>${text}</h2>`;
      case 3:
        return html`<h3 id=${id} part=${part}>${text}</h3>`;
      case 4:
        return html`<h4 id=${id} part=${part}>${text}</h4>`;
      case 5:
        return html`<h5 id=${id} part=${part}>${text}</h5>`;
      default:
        return html`<h6 id=${id} part=${part}>${text}</h6>`;
    }
  }

  /**
   * One figure as a card: the direct value, its definition, its change
   * against the previous period when there is one, and in verify mode the
   * aggregated value with the drift.
   */
  protected renderMetric(card: FigureCard, reports: SectionReports, extra: TemplateResult | typeof nothing = nothing): TemplateResult {
    return renderFigureCard(card, reports, { extra });
  }

  /** What a card shows under its figure (a line of text), if anything. */
  protected cardExtra(_card: FigureCard, _reports: SectionReports): TemplateResult | typeof nothing {
    return nothing;
  }

  /** One card of a group. */
  protected renderCard(card: FigureCard, reports: SectionReports): TemplateResult {
    return this.renderMetric(card, reports, this.cardExtra(card, reports));
  }

  /** The cards of a group: those shown always, and in verify mode also the verify-only ones. */
  protected renderGroupCards(group: FigureCardGroup, reports: SectionReports): TemplateResult {
    const verify = reports.aggregate !== undefined;
    return html`${visibleCards(group.cards, verify).map((card) => this.renderCard(card, reports))}`;
  }

  /** The section's figures for loaded reports: each group of cards, the first ones under no sub-heading. */
  protected renderFigures(reports: SectionReports): TemplateResult {
    return html`${this.cardGroups().map((group) =>
      group.title === null
        ? html`<div class="cards">${this.renderGroupCards(group, reports)}</div>`
        : this.renderGroup(group.id, group.title, this.renderGroupCards(group, reports), group.note ?? undefined),
    )}`;
  }

  /** A group of cards under a sub-heading. */
  protected renderGroup(id: string, title: string, cards: TemplateResult, note?: string): TemplateResult {
    return html`<section part="group" aria-labelledby=${id}>
      ${this.renderHeading(title, 1, id, 'group-heading')} ${note ? html`<p class="group-note">${note}</p>` : nothing}
      <div class="cards">${cards}</div>
    </section>`;
  }

  private renderSkeleton(): TemplateResult {
    return html`<div part="body" aria-busy="true">
      <div class="cards">
        ${this.cardGroups().flatMap((group) =>
          group.cards.filter((card) => !card.verifyOnly).map((card) => html`<jt-metric part="metric" loading .label=${card.label}></jt-metric>`),
        )}
      </div>
    </div>`;
  }

  private renderLoaded(reports: SectionReports, busy: boolean): TemplateResult {
    const m = this.messages;
    const empty = isEmptyReport(reports.direct) && (!reports.aggregate || isEmptyReport(reports.aggregate));
    const previous = reports.previous;
    return html`<div part="body" aria-busy=${busy ? 'true' : 'false'}>
      ${busy ? html`<p class="visually-hidden" role="status">${m.updating}</p>` : nothing}
      ${empty
        ? html`<p part="status empty">${m.empty}</p>`
        : html`${previous ? html`<p part="previous-period">${m.previousPeriodDates(this.formatter.range(previous.range))}</p>` : nothing}
          ${this.renderFigures(reports)}`}
    </div>`;
  }

  /** The previous period's report given with `report`, when it is the one that report names. */
  private givenPrevious(report: AnalyticsReport): AnalyticsReport | undefined {
    const previous = this.previousReport;
    return previous && sameRange(previous.range, report.previousRange) ? previous : undefined;
  }

  private renderError(message: string, canRetry: boolean): TemplateResult {
    return renderErrorState(message, canRetry ? { label: this.messages.retry, onClick: this.handleRetry } : undefined);
  }

  private renderBody(): TemplateResult {
    const m = this.messages;
    // Given by a dashboard: draw what it gave.
    if (this.report) {
      const aggregate = this.verify ? this.aggregateReport : undefined;
      return this.renderLoaded({ direct: this.report, aggregate, previous: this.givenPrevious(this.report) }, this.loading);
    }
    if (this.loading) return this.renderSkeleton();
    if (!this.dataSource) return html`<p part="status">${m.noDataSource}</p>`;
    if (this.rangeController.problem) return this.renderError(this.rangeController.problem, false);
    const task = this.reportTask;
    const previous = task.value;
    if (task.status === TaskStatus.ERROR && !isAbort(task.error)) return this.renderError(errorMessage(task.error, m), true);
    if (task.status === TaskStatus.COMPLETE && previous) return this.renderLoaded(previous, false);
    // Pending (or a run that was aborted from outside): the old numbers dimmed, or a skeleton on the first load.
    return previous ? this.renderLoaded(previous, true) : this.renderSkeleton();
  }

  override render(): TemplateResult {
    this.settings.provide({ locale: this.localize.locale, theme: this.themeController.theme });
    return html`<section part="base" aria-labelledby="heading">
      ${this.renderHeading(this.sectionTitle(this.messages), 0, 'heading', 'heading')} ${this.renderBody()}
    </section>`;
  }
}

