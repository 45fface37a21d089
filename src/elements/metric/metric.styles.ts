import { css } from 'lit';
import { themeTokens } from '../../internal/theme.js';

export const metricStyles = [
  themeTokens,
  css`
    :host {
      display: block;
      container-type: inline-size;
    }

    [part~='base'] {
      position: relative;
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
      height: 100%;
      box-sizing: border-box;
      padding: var(--_gap);
      background: var(--_surface);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }

    .heading {
      display: flex;
      align-items: center;
      gap: 0.25rem;
    }

    [part~='label'] {
      color: var(--_muted);
      font-size: 0.875em;
    }

    [part~='info-button'] {
      display: inline-grid;
      place-items: center;
      width: 1.5rem;
      height: 1.5rem;
      padding: 0;
      border: 1px solid var(--_border);
      border-radius: 50%;
      background: var(--_surface);
      color: var(--_muted);
      font-size: 0.75em;
      font-weight: 700;
      line-height: 1;
      cursor: pointer;
    }

    /* Pressed: its text is shown below the value. */
    [part~='info-button'][aria-expanded='true'] {
      border-color: var(--_text);
      background: var(--_text);
      color: var(--_surface);
    }

    /* In the flow below the value, so it can never cover a number; a closed (empty) one takes no room. */
    [part~='help'] {
      margin: 0;
      padding: 0.5rem 0.75rem;
      background: var(--_surface-alt);
      color: var(--_text);
      border-inline-start: 3px solid var(--_border);
      border-radius: var(--_radius);
      font-size: 0.875em;
      font-weight: 400;
      line-height: 1.4;
    }

    [part~='help']:empty {
      position: absolute;
      padding: 0;
      border: 0;
    }

    [part~='help'] p {
      margin: 0;
    }

    [part~='help'] p + p {
      margin-block-start: 0.25rem;
    }

    .help-dates {
      color: var(--_muted);
    }

    /* A value that is a change already: its arrow and colour beside the number. */
    .value-line {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0.25rem;
      margin: 0;
      font-size: 1.75em;
      font-weight: 600;
      line-height: 1.2;
    }

    .value-line [part~='value'] {
      font-size: 1em;
    }

    [part~='value'] {
      margin: 0;
      font-size: 1.75em;
      font-weight: 600;
      font-variant-numeric: tabular-nums;
      line-height: 1.2;
      overflow-wrap: anywhere;
    }

    [part~='change'],
    [part~='verify'] {
      margin: 0;
      font-size: 0.875em;
      color: var(--_muted);
    }

    /* "new" or "—" in place of a percentage: its tooltip gives both counts. */
    [part~='small-base'] {
      cursor: help;
      text-decoration: underline dotted;
      text-underline-offset: 0.2em;
    }

    .direction-up {
      color: var(--_positive);
      font-weight: 600;
    }

    .direction-down {
      color: var(--_negative);
      font-weight: 600;
    }

    [part~='verify'] {
      display: flex;
      flex-wrap: wrap;
      column-gap: 0.375rem;
    }

    /* Lines break between "Direct …", "Aggregated …" and "Drift …", never inside one. */
    [part~='verify'] > span {
      white-space: nowrap;
    }

    [part~='drift'] {
      font-variant-numeric: tabular-nums;
    }

    [part~='drift-nonzero'] {
      padding: 0 0.25rem;
      border-radius: var(--_radius);
      background: var(--_warning-bg);
      color: var(--_text);
      font-weight: 700;
      outline: 1px solid var(--_danger);
    }

    .skeleton {
      display: block;
      border-radius: var(--_radius);
      background: linear-gradient(90deg, var(--_surface-alt), var(--_border), var(--_surface-alt));
      background-size: 200% 100%;
      animation: shimmer 1.4s ease-in-out infinite;
    }

    .skeleton-value {
      width: 6rem;
      height: 2rem;
    }

    .skeleton-line {
      width: 9rem;
      max-width: 100%;
      height: 0.875rem;
    }

    @keyframes shimmer {
      from {
        background-position: 100% 0;
      }
      to {
        background-position: -100% 0;
      }
    }

    ::slotted(*) {
      margin: 0;
      font-size: 0.875em;
      color: var(--_muted);
    }

    @container (max-width: 14rem) {
      .value-line,
      [part~='value'] {
        font-size: 1.375em;
      }
    }
  `,
];
