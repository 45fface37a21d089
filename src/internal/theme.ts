import { css } from 'lit';

/**
 * The design tokens every element shares. A page themes the elements with
 * the public `--jt-*` custom properties; each element reads them into private
 * `--_*` variables with the default as fallback, so a value set on an outer
 * element (or the page) still reaches elements nested in shadow roots.
 * `theme="dark"` swaps the defaults; `theme="auto"` follows the system.
 *
 * Defaults meet WCAG AA contrast on their own surface in both themes.
 */
const darkDefaults = css`
  --_text: var(--jt-color-text, #f0f0f1);
  --_muted: var(--jt-color-muted, #c3c4c7);
  --_surface: var(--jt-color-surface, #1d2327);
  --_surface-alt: var(--jt-color-surface-alt, #2c3338);
  --_backdrop: var(--jt-color-backdrop, #101517);
  --_border: var(--jt-color-border, #646970);
  --_accent: var(--jt-color-accent, #72aee6);
  --_accent-text: var(--jt-color-accent-text, #101517);
  --_positive: var(--jt-color-positive, #68de7c);
  --_negative: var(--jt-color-negative, #ff8085);
  --_danger: var(--jt-color-danger, #ff8085);
  --_warning-bg: var(--jt-color-warning-surface, #3a3000);
  --_focus: var(--jt-color-focus, #72aee6);
  --_series-posts: var(--jt-color-series-posts, #72aee6);
  --_series-replies: var(--jt-color-series-replies, #f0b849);
`;

export const themeTokens = css`
  :host {
    --_font: var(--jt-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_text: var(--jt-color-text, #1d2327);
    --_muted: var(--jt-color-muted, #50575e);
    --_surface: var(--jt-color-surface, #ffffff);
    --_surface-alt: var(--jt-color-surface-alt, #f6f7f7);
    /* Behind what has no card of its own (the dashboard's gaps, the header's controls): the page shows through in light. */
    --_backdrop: var(--jt-color-backdrop, transparent);
    --_border: var(--jt-color-border, #c3c4c7);
    --_accent: var(--jt-color-accent, #2271b1);
    --_accent-text: var(--jt-color-accent-text, #ffffff);
    --_positive: var(--jt-color-positive, #00702a);
    --_negative: var(--jt-color-negative, #b32d2e);
    --_danger: var(--jt-color-danger, #b32d2e);
    --_warning-bg: var(--jt-color-warning-surface, #fcf9e8);
    --_focus: var(--jt-color-focus, #2271b1);
    --_series-posts: var(--jt-color-series-posts, #2271b1);
    --_series-replies: var(--jt-color-series-replies, #b26200);
    --_radius: var(--jt-radius, 4px);
    --_gap: var(--jt-gap, 16px);
    --_font-size: var(--jt-font-size, 14px);
    font-family: var(--_font);
    font-size: var(--_font-size);
    color: var(--_text);
  }

  :host([theme='dark']) {
    ${darkDefaults}
  }

  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${darkDefaults}
    }
  }

  :host([hidden]) {
    display: none !important;
  }

  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }

  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }

  button {
    font: inherit;
  }

  @media (prefers-reduced-motion: reduce) {
    * {
      transition: none !important;
      animation: none !important;
    }
  }
`;

/**
 * The public custom properties, for each element's class JSDoc (the manifest
 * reads `@cssproperty` from there):
 *
 * --jt-font-family, --jt-font-size, --jt-color-text, --jt-color-muted,
 * --jt-color-surface, --jt-color-surface-alt, --jt-color-backdrop, --jt-color-border,
 * --jt-color-accent, --jt-color-accent-text, --jt-color-positive,
 * --jt-color-negative, --jt-color-danger, --jt-color-warning-surface,
 * --jt-color-focus, --jt-color-series-posts, --jt-color-series-replies,
 * --jt-radius, --jt-gap.
 */
export type ThemeName = 'light' | 'dark' | 'auto';
