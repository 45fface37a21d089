import { css } from 'lit';
import { themeTokens } from '../../internal/theme.js';

export const dateRangeStyles = [
  themeTokens,
  css`
    :host {
      display: block;
      container-type: inline-size;
    }

    /* Paints its own surface, so the theme's text colours keep their contrast on any page. */
    [part~='base'] {
      background: var(--_surface);
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

    [part~='dates'] {
      color: var(--_muted);
      font-variant-numeric: tabular-nums;
    }

    [part~='custom'] {
      flex-basis: 100%;
      margin: 0;
    }

    fieldset {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      gap: 0.5rem 0.75rem;
      margin: 0;
      padding: 0.5rem 0.75rem 0.75rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }

    legend {
      padding: 0 0.25rem;
      color: var(--_muted);
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
      color: var(--_danger);
      font-weight: 600;
    }

    @container (max-width: 24rem) {
      [part~='base'],
      fieldset {
        flex-direction: column;
        align-items: stretch;
      }
    }
  `,
];
