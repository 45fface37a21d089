/** The `detail` of `jt-verify-change`. */
export interface VerifyChangeDetail {
  /** True when every number is now shown on both paths with its drift. */
  readonly verify: boolean;
}

/** "Verify dual-path" was switched on or off. Bubbles and crosses shadow roots. */
export class JtVerifyChangeEvent extends CustomEvent<VerifyChangeDetail> {
  static readonly eventName = 'jt-verify-change';

  constructor(detail: VerifyChangeDetail) {
    super(JtVerifyChangeEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'jt-verify-change': JtVerifyChangeEvent;
  }
}
