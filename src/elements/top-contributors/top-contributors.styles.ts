import { css, unsafeCSS } from 'lit';
import { rankedTableStyles } from '../../internal/ranked-table/ranked-table.styles.js';
import { AVATAR_TONE_TEXT, AVATAR_TONES } from '../../internal/avatar-tone.js';

/** One rule per tone: the member's own colour, unless the page sets one for all. */
const toneRules = unsafeCSS(
  AVATAR_TONES.map(
    (tone, i) => `[part~='initials'][data-tone='${i}'] { background: var(--jt-avatar-background, ${tone}); color: var(--jt-avatar-text, ${AVATAR_TONE_TEXT}); }`,
  ).join('\n'),
);

export const topContributorsStyles = [
  ...rankedTableStyles,
  css`
    [part~='member'] {
      min-width: 12em;
    }

    .member {
      display: flex;
      align-items: center;
      gap: 8px;
    }

    [part~='member-name'] {
      overflow-wrap: break-word;
    }

    .unnamed {
      color: var(--_muted);
      font-style: italic;
    }

    [part~='avatar'] {
      flex: none;
      width: 32px;
      height: 32px;
      border-radius: 50%;
      object-fit: cover;
    }

    /* Initials: a tone per member (rules below), else the accent on its own text color; AA in both themes. */
    [part~='initials'] {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      background: var(--_accent);
      color: var(--_accent-text);
      font-size: 0.8em;
      font-weight: 600;
      line-height: 1;
      user-select: none;
    }

    [part~='trust-badge'] {
      display: inline-block;
      min-width: 2.5em;
      padding: 2px 6px;
      border: 1px solid var(--_border);
      border-radius: 999px;
      background: var(--_surface-alt);
      color: var(--_text);
      font-size: 0.85em;
      font-weight: 600;
      text-align: center;
    }
  `,
  toneRules,
];
