import { css } from 'lit';
import { themeTokens } from '../../internal/theme.js';

export const dateRangeStyles = [
  themeTokens,
  css`
    /* No container-type: size containment would take the host's width from its parent, not from the picker, and stack it in a column. */
    :host {
      display: block;
    }

    /*
     * No box of its own: the page shows through (wp-admin's grey, a card, the dashboard's dark backdrop), as
     * --jt-color-backdrop says; the select and inputs are form controls on the control surface.
     */
    [part~='base'] {
      position: relative;
      background: var(--_backdrop);
      border-radius: var(--_radius);
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 0.75rem;
    }

    [part~='label'] {
      font-weight: 600;
    }

    select,
    input,
    button {
      font: inherit;
      min-height: 2.25rem;
      box-sizing: border-box;
      border-radius: var(--_radius);
    }

    select,
    input {
      padding: 0.25rem 0.5rem;
      color: var(--_text);
      background: var(--_surface);
      border: 1px solid var(--_border);
      color-scheme: light;
    }

    :host([theme='dark']) select,
    :host([theme='dark']) input {
      color-scheme: dark;
    }

    @media (prefers-color-scheme: dark) {
      :host([theme='auto']) select,
      :host([theme='auto']) input {
        color-scheme: dark;
      }
    }

    /* "Nov 28 – Dec 4, 2026" is one thing: it moves to a line of its own rather than break. */
    [part~='dates'] {
      color: var(--_muted);
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }

    [part~='custom-button'] {
      display: inline-grid;
      place-items: center;
      min-width: 2.25rem;
      padding: 0;
      margin-inline-start: -0.5rem;
      color: var(--_text);
      background: transparent;
      border: 1px solid transparent;
      cursor: pointer;
    }

    [part~='custom-button']:hover,
    [part~='custom-button'][aria-expanded='true'] {
      border-color: var(--_border);
    }

    /* Laid over the page under the picker: opening it moves nothing. */
    [part~='popover'] {
      position: absolute;
      inset-block-start: calc(100% + 0.25rem);
      inset-inline-start: 0;
      z-index: 10;
      box-sizing: border-box;
      width: max-content;
      /* The dashboard's (or the page's) width: on a phone the fields wrap inside it instead. */
      max-width: min(100cqi, calc(100vw - 1rem));
      background: var(--_surface);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      box-shadow: 0 4px 16px rgb(0 0 0 / 0.2);
    }

    [part~='popover'][hidden] {
      display: none;
    }

    [part~='custom'] {
      margin: 0;
    }

    fieldset {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      gap: 0.5rem 0.75rem;
      margin: 0;
      padding: 0.5rem 0.75rem 0.75rem;
      border: 0;
    }

    legend {
      float: inline-start;
      width: 100%;
      padding: 0;
      font-weight: 600;
    }

    .field {
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
    }

    input[aria-invalid='true'] {
      border-color: var(--_danger);
      border-width: 2px;
    }

    [part~='apply-button'] {
      padding: 0.25rem 1rem;
      border: 1px solid var(--_accent);
      background: var(--_accent);
      color: var(--_accent-text);
      cursor: pointer;
    }

    [part~='error'] {
      flex-basis: 100%;
      margin: 0;
      max-width: 22rem;
      color: var(--_danger);
      font-weight: 600;
    }

    [part~='error']:empty {
      display: none;
    }

    @container (max-width: 24rem) {
      [part~='popover'] {
        width: 100%;
      }
    }
  `,
];
