import { css } from 'lit';
import { reportSectionStyles } from '../metric/report-section.styles.js';

export const moderationStyles = [
  ...reportSectionStyles,
  css`
    [part~='automod-off'] {
      flex-direction: column;
      align-items: flex-start;
      justify-content: center;
      gap: 0.25rem;
    }
  `,
];
