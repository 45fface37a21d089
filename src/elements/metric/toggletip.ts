import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';

type Host = ReactiveControllerHost & HTMLElement;

/** The open toggletips, at most one per group. */
const openTips = new Set<ToggletipController>();

/**
 * The toggletip of the cards' info buttons (not public API): a real button
 * that shows or hides a short text in a polite live region below the
 * value, never over it. A click, Enter or Space toggles it; Escape closes
 * it and leaves the focus on its button; a click anywhere else closes it.
 * Nothing opens on hover or focus, so no pointer movement can undo a
 * click and focus alone never hides or shows anything. At most one is open
 * among the cards of one group: the cards drawn in one shadow root (a
 * section, the dashboard's headline) or in the page itself.
 */
export class ToggletipController implements ReactiveController {
  private isOpen = false;

  constructor(
    private readonly host: Host,
    /** The id of the live region the button controls, in the host's shadow root. */
    readonly regionId: string,
  ) {
    host.addController(this);
  }

  /** Whether the text is shown. */
  get open(): boolean {
    return this.isOpen;
  }

  hostDisconnected(): void {
    this.close();
  }

  /** Shows the text, closing any other toggletip of the group. */
  show(): void {
    if (this.isOpen) return;
    const group = this.host.getRootNode();
    for (const other of [...openTips]) if (other !== this && other.host.getRootNode() === group) other.close();
    this.isOpen = true;
    openTips.add(this);
    document.addEventListener('pointerdown', this.handleOutsidePointer, true);
    document.addEventListener('keydown', this.handleDocumentKeydown);
    this.host.requestUpdate();
  }

  /** Hides the text. */
  close(): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    openTips.delete(this);
    document.removeEventListener('pointerdown', this.handleOutsidePointer, true);
    document.removeEventListener('keydown', this.handleDocumentKeydown);
    this.host.requestUpdate();
  }

  toggle(): void {
    if (this.isOpen) this.close();
    else this.show();
  }

  /** The button: `aria-expanded` says whether the text is shown, `aria-controls` where. */
  renderButton(label: string, part: string): TemplateResult {
    return html`<button
      part=${part}
      type="button"
      aria-label=${label}
      aria-expanded=${this.isOpen ? 'true' : 'false'}
      aria-controls=${this.regionId}
      @click=${this.handleClick}
      @keydown=${this.handleButtonKeydown}
    >
      <span aria-hidden="true">i</span>
    </button>`;
  }

  /**
   * The live region, always in the page so that what appears in it is read
   * out; empty while closed.
   */
  renderRegion(part: string, content: () => TemplateResult): TemplateResult {
    // No whitespace inside, so a closed region is :empty.
    return html`<div part=${part} id=${this.regionId} role="status">${this.isOpen ? content() : nothing}</div>`;
  }

  private readonly handleClick = (): void => {
    this.toggle();
  };

  private readonly handleButtonKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || !this.isOpen) return;
    // Handled here: an Escape that closes the text must not also close a dialog around the card.
    event.stopPropagation();
    event.preventDefault();
    this.close();
  };

  /** Escape from anywhere else in the page closes it too; the focus stays where it is. */
  private readonly handleDocumentKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    this.close();
    // The focus was inside the card (on its text, say): back to the button that opened it.
    const focused = this.host.shadowRoot?.activeElement;
    if (focused) this.button()?.focus();
  };

  /** A press outside the card closes it; a press on its button is the click's to toggle. */
  private readonly handleOutsidePointer = (event: PointerEvent): void => {
    if (!event.composedPath().includes(this.host)) this.close();
  };

  private button(): HTMLButtonElement | null | undefined {
    return this.host.shadowRoot?.querySelector<HTMLButtonElement>(`[aria-controls="${this.regionId}"]`);
  }
}
