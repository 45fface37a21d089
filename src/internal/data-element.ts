import type { PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { AnalyticsDataSource } from '../sources/data-source.js';
import { Inherited, inheritableBoolean } from './context.js';
import { RangeController } from './element-range.js';
import { JtZonedElement } from './jt-element.js';

/**
 * What the elements that show a source's numbers for a range share: the data
 * source, the range, the time zone (`JtZonedElement`) and verify mode, each its own when set,
 * else the dashboard's it sits in (handed down by context), and the range
 * resolved in the effective zone (`rangeController`). Not registered.
 */
export abstract class JtDataElement extends JtZonedElement {
  private readonly sourceSetting = new Inherited<'dataSource', AnalyticsDataSource | undefined>(this, 'dataSource', 'dataSource', undefined);
  private readonly rangeSetting = new Inherited<'range', string>(this, 'range', 'range', '30d');
  private readonly verifySetting = new Inherited<'verify', boolean>(this, 'verify', 'verify', false);

  /** Where the numbers come from: any `AnalyticsDataSource`, e.g. a `MemoryDataSource`. Unset: the dashboard's the element sits in. Property only. */
  @property({ attribute: false })
  get dataSource(): AnalyticsDataSource | undefined {
    return this.sourceSetting.value;
  }
  set dataSource(value: AnalyticsDataSource | undefined) {
    this.sourceSetting.set(value);
  }

  /**
   * The date range: a preset (`7d`, `30d`, `90d`, `this_month`, `last_month`) or `YYYY-MM-DD..YYYY-MM-DD`.
   * Unset: the range the dashboard around the element shows, else `30d`.
   * @default '30d'
   */
  @property({ reflect: true })
  get range(): string {
    return this.rangeSetting.value;
  }
  set range(value: string | undefined) {
    this.rangeSetting.set(value);
  }

  /**
   * Shows every number on both paths (direct and aggregated) with the drift between them; what that means for
   * each element is in its description. Unset (no attribute): as the dashboard around the element, else off.
   * @default false
   */
  @property({ reflect: true, converter: inheritableBoolean })
  get verify(): boolean {
    return this.verifySetting.value;
  }
  set verify(value: boolean | undefined) {
    this.verifySetting.set(value);
  }

  /** The range's dates in the effective zone, or why it does not read. */
  protected readonly rangeController = new RangeController(this, () => this.learnedTimeZone());

  /** A zone to resolve in when neither `time-zone` nor the data source names one; none by default. */
  protected learnedTimeZone(): string | undefined {
    return undefined;
  }

  /** Whether the range is resolved again in this update: when it, the zone or the source changed. */
  protected rangeChanged(changed: PropertyValues<this>): boolean {
    return !this.hasUpdated || changed.has('range') || changed.has('timeZone') || changed.has('dataSource');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.rangeChanged(changed)) this.rangeController.resolve();
  }
}
