import { css } from 'lit';
import { themeTokens } from '../../internal/theme.js';

/** Styles shared by the report sections (Engagement, Moderation). */
export const reportSectionStyles = [
  themeTokens,
  css`
    :host {
      display: block;
      container-type: inline-size;
    }

    [part~='base'] {
      display: grid;
      gap: var(--_gap);
      padding: var(--_gap);
      background: var(--_surface);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }

    [part~='heading'] {
      margin: 0;
      font-size: 1.25em;
      line-height: 1.3;
    }

    [part~='body'] {
      display: grid;
      gap: var(--_gap);
    }

    /* Dimmed, not faded out: the old numbers stay readable (AA) while the new ones load. */
    [part~='body'][aria-busy='true'] {
      opacity: 0.88;
      filter: grayscale(0.6);
    }

    [part~='group'] {
      display: grid;
      gap: 0.5rem;
      margin: 0;
    }

    [part~='group-heading'] {
      margin: 0;
      font-size: 1em;
      font-weight: 600;
    }

    /* The dates the cards' changes compare with. */
    [part~='previous-period'],
    .group-note {
      margin: 0;
      color: var(--_muted);
      font-size: 0.875em;
    }

    .cards {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 11rem), 1fr));
      gap: calc(var(--_gap) / 2);
    }

    jt-metric {
      min-width: 0;
    }

    [part~='status'] {
      margin: 0;
      color: var(--_muted);
    }

    [part~='error'] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 1rem;
      color: var(--_danger);
      font-weight: 600;
    }

    [part~='error'] p {
      margin: 0;
    }

    [part~='retry-button'] {
      min-height: 2.25rem;
      padding: 0.25rem 1rem;
      border: 1px solid var(--_accent);
      border-radius: var(--_radius);
      background: var(--_accent);
      color: var(--_accent-text);
      font-weight: 600;
      cursor: pointer;
    }

    [part~='notice'] {
      display: flex;
      align-items: center;
      margin: 0;
      padding: var(--_gap);
      box-sizing: border-box;
      background: var(--_surface-alt);
      border: 1px dashed var(--_border);
      border-radius: var(--_radius);
      color: var(--_text);
    }

    @container (min-width: 40rem) {
      [part~='heading'] {
        font-size: 1.375em;
      }
    }
  `,
];
