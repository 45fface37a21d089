import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { JtVerifyChangeEvent } from '../../events/verify-change-event.js';
import { JtZonedElement } from '../../internal/jt-element.js';
import { diffToggleStyles } from './diff-toggle.styles.js';

/**
 * The "Verify dual-path" switch: when on, every number is shown from the
 * direct query and from the event aggregate, with the drift between them.
 * A native button with `role="switch"`, so Space and Enter toggle it. When
 * `recording-since` is set, a note says from when the aggregator has seen
 * events (days before that are where real drift shows).
 *
 * @summary A switch that turns dual-path verification on and off.
 *
 * @event {JtVerifyChangeEvent} jt-verify-change - The user switched verification on or off; `detail.verify` is the new state. Not fired when `checked` is set by code.
 *
 * @csspart base - The wrapper of the switch and the note.
 * @csspart switch - The switch button (`role="switch"`, `aria-checked`).
 * @csspart track - The switch's track.
 * @csspart thumb - The switch's thumb, at the end of the track when on.
 * @csspart label - The "Verify dual-path" label.
 * @csspart note - The "Aggregator recording since …" note.
 *
 * @cssproperty [--jt-font-family=system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif] - Font of all text.
 * @cssproperty [--jt-font-size=14px] - Base font size.
 * @cssproperty [--jt-color-text=#1d2327] - The label.
 * @cssproperty [--jt-color-muted=#50575e] - The track and thumb when off; the note.
 * @cssproperty [--jt-color-backdrop=transparent] - Behind the switch and its note: the page shows through in the light theme; `#101517` in the dark theme.
 * @cssproperty [--jt-color-surface=#ffffff] - The track's background when off.
 * @cssproperty [--jt-color-accent=#2271b1] - The track when on.
 * @cssproperty [--jt-color-accent-text=#ffffff] - The thumb when on.
 * @cssproperty [--jt-color-focus=#2271b1] - Focus ring.
 * @cssproperty [--jt-radius=4px] - Corner radius of the focus area.
 */
export class JtDiffToggle extends JtZonedElement {
  static override styles = diffToggleStyles;

  /** Whether verification is on. Reflects to the `checked` attribute. */
  @property({ type: Boolean, reflect: true })
  checked = false;

  /** When the aggregator started recording, epoch ms; shows the "recording since" note when set. */
  @property({ attribute: 'recording-since', type: Number, reflect: true })
  recordingSince: number | null | undefined;

  private recordingNote = '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const since = this.recordingSince;
    this.recordingNote =
      typeof since === 'number' && Number.isFinite(since)
        ? this.messages.recordingSince(this.formatter.instant(since, this.timeZone || 'UTC'))
        : '';
  }

  /** Moves focus to the switch. */
  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector<HTMLButtonElement>('[part~="switch"]')?.focus(options);
  }

  private handleClick(): void {
    this.checked = !this.checked;
    // Through a variable: the manifest analyzer would list an inline `new` as a second, unnamed event.
    const event = new JtVerifyChangeEvent({ verify: this.checked });
    this.dispatchEvent(event);
  }

  override render(): TemplateResult {
    const m = this.messages;
    return html`<div part="base">
      <button
        part="switch"
        type="button"
        role="switch"
        aria-checked=${this.checked ? 'true' : 'false'}
        aria-describedby="hint"
        @click=${this.handleClick}
      >
        <span part="track" aria-hidden="true"><span part="thumb"></span></span>
        <span part="label">${m.verifyLabel}</span>
      </button>
      <span id="hint" class="visually-hidden">${m.verifyHint}</span>
      ${this.recordingNote ? html`<p part="note">${this.recordingNote}</p>` : nothing}
    </div>`;
  }
}

if (!customElements.get('jt-diff-toggle')) customElements.define('jt-diff-toggle', JtDiffToggle);

declare global {
  interface HTMLElementTagNameMap {
    'jt-diff-toggle': JtDiffToggle;
  }
}
