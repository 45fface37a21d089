/** The `detail` of `jt-error`. */
export interface ErrorDetail {
  /** What failed, e.g. `report`, `rows`, `export`. */
  readonly operation: string;
  /** What the data source rejected with (often an `AnalyticsError` with a `code`). */
  readonly error: unknown;
}

/** Loading or exporting failed; the element shows the message and a Retry. Bubbles and crosses shadow roots. */
export class JtErrorEvent extends CustomEvent<ErrorDetail> {
  static readonly eventName = 'jt-error';

  constructor(detail: ErrorDetail) {
    super(JtErrorEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'jt-error': JtErrorEvent;
  }
}
