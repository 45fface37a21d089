import { html, nothing, type TemplateResult } from 'lit';

/** Retry, as an error state offers it: the button's text and what it does. */
export interface RetryAction {
  label: string;
  onClick: (event: Event) => void;
}

/**
 * The error state every element shows in place of its content: the message
 * (an `alert`, read out when it appears), any notes under it (`extra`), and
 * a Retry button when the failure can be retried. Parts: `status error`,
 * `retry-button`.
 */
export function renderErrorState(message: string, retry: RetryAction | undefined, extra: unknown = nothing): TemplateResult {
  return html`<div part="status error" role="alert">
    <p>${message}</p>
    ${extra}
    ${retry ? html`<button part="retry-button" type="button" @click=${retry.onClick}>${retry.label}</button>` : nothing}
  </div>`;
}
