import { css } from 'lit';
import { rankedTableStyles } from '../../internal/ranked-table/ranked-table.styles.js';

export const topSpacesStyles = [
  ...rankedTableStyles,
  css`
    [part~='space-name'] {
      overflow-wrap: break-word;
      min-width: 8em;
    }

    .unnamed {
      color: var(--_muted);
      font-style: italic;
    }
  `,
];
