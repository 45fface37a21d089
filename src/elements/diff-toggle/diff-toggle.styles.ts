import { css } from 'lit';
import { themeTokens } from '../../internal/theme.js';

export const diffToggleStyles = [
  themeTokens,
  css`
    /* No container-type here: size containment would collapse an inline-block host to zero width. */
    :host {
      display: inline-block;
    }

    /* No box of its own: the page shows through in light (--jt-color-backdrop); the dark theme's backdrop keeps light text readable. */
    [part~='base'] {
      background: var(--_backdrop);
      border-radius: var(--_radius);
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem 0.75rem;
    }

    [part~='switch'] {
      display: inline-flex;
      align-items: center;
      gap: 0.5rem;
      min-height: 2.25rem;
      padding: 0.25rem 0.5rem 0.25rem 0.25rem;
      border: 1px solid transparent;
      border-radius: var(--_radius);
      background: transparent;
      color: var(--_text);
      cursor: pointer;
    }

    [part~='track'] {
      position: relative;
      flex: none;
      width: 2.5rem;
      height: 1.375rem;
      box-sizing: border-box;
      border: 2px solid var(--_muted);
      border-radius: 999px;
      background: var(--_surface);
      transition: background-color 0.15s, border-color 0.15s;
    }

    [part~='thumb'] {
      position: absolute;
      inset-block-start: 2px;
      inset-inline-start: 2px;
      width: 0.875rem;
      height: 0.875rem;
      border-radius: 50%;
      background: var(--_muted);
      transition: transform 0.15s;
    }

    [aria-checked='true'] [part~='track'] {
      border-color: var(--_accent);
      background: var(--_accent);
    }

    [aria-checked='true'] [part~='thumb'] {
      background: var(--_accent-text);
      transform: translateX(1.125rem);
    }

    :host(:dir(rtl)) [aria-checked='true'] [part~='thumb'] {
      transform: translateX(-1.125rem);
    }

    [part~='note'] {
      margin: 0;
      color: var(--_muted);
      font-size: 0.875em;
    }

    @media (forced-colors: active) {
      [part~='track'],
      [part~='thumb'] {
        border: 2px solid CanvasText;
      }
      [aria-checked='true'] [part~='thumb'] {
        background: CanvasText;
      }
    }
  `,
];
