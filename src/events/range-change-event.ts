import type { DateRange } from '../model/report.js';

/** The `detail` of `jt-range-change`. */
export interface RangeChangeDetail {
  /** What the user picked: a preset (`30d`) or `YYYY-MM-DD..YYYY-MM-DD`. */
  readonly range: string;
  /** The dates it stands for, in the data source's time zone, where known. */
  readonly dates?: DateRange;
}

/** The date range was changed by the user. Bubbles and crosses shadow roots. */
export class JtRangeChangeEvent extends CustomEvent<RangeChangeDetail> {
  static readonly eventName = 'jt-range-change';

  constructor(detail: RangeChangeDetail) {
    super(JtRangeChangeEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'jt-range-change': JtRangeChangeEvent;
  }
}
