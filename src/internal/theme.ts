import { css, type ReactiveController, type ReactiveControllerHost } from 'lit';

/**
 * The design tokens every element shares. A page themes the elements with
 * the public `--jt-*` custom properties; each element reads them into private
 * `--_*` variables with the default as fallback, so a value set on an outer
 * element (or the page) still reaches elements nested in shadow roots.
 * `theme="dark"` swaps the defaults; `theme="auto"` follows the page the
 * element sits in where it declares one scheme (`color-scheme`), else the
 * system: every element's `ThemeController` marks which with
 * `data-jt-scheme` (the media query is the fallback until it has).
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

  :host([theme='dark']),
  :host([theme='auto'][data-jt-scheme='dark']) {
    ${darkDefaults}
  }

  @media (prefers-color-scheme: dark) {
    :host([theme='auto']:not([data-jt-scheme])) {
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

/** A scheme an element is drawn in. */
export type SchemeName = 'light' | 'dark';

const DARK_QUERY = '(prefers-color-scheme: dark)';

/**
 * The one scheme the page declares at `element` (the computed `color-scheme`,
 * which is inherited from the document root or any ancestor): `light` for
 * `light` or `only light`, `dark` likewise; `undefined` when it declares none
 * (`normal`) or both (`light dark`), so the system decides.
 */
export function declaredScheme(element: Element): SchemeName | undefined {
  const value = getComputedStyle(element).colorScheme || '';
  const schemes = new Set(value.split(/\s+/u).filter((token): token is SchemeName => token === 'light' || token === 'dark'));
  return schemes.size === 1 ? [...schemes][0] : undefined;
}

/** The system's preference, where the browser says one. */
function systemScheme(): SchemeName {
  return typeof matchMedia === 'function' && matchMedia(DARK_QUERY).matches ? 'dark' : 'light';
}

/**
 * Resolves `theme="auto"` for its element: the host page's declared scheme
 * where it has one (a light admin page keeps a light dashboard on a dark
 * system), otherwise the system's, followed when it changes. Marks the host
 * with `data-jt-scheme` so `themeTokens` draws it, and gives the scheme a
 * dashboard (or section) hands down to the elements inside it.
 */
export class ThemeController implements ReactiveController {
  private readonly host: ReactiveControllerHost & HTMLElement & { theme: ThemeName };
  private media: MediaQueryList | undefined;
  private resolvedScheme: SchemeName = 'light';

  constructor(host: ReactiveControllerHost & HTMLElement & { theme: ThemeName }) {
    this.host = host;
    host.addController(this);
  }

  /** The theme to draw and to hand to nested elements: `light` or `dark`, never `auto`. */
  get theme(): SchemeName {
    return this.host.theme === 'dark' ? 'dark' : this.host.theme === 'auto' ? this.resolvedScheme : 'light';
  }

  hostConnected(): void {
    if (typeof matchMedia !== 'function') return;
    this.media = matchMedia(DARK_QUERY);
    this.media.addEventListener('change', this.handleSchemeChange);
  }

  hostDisconnected(): void {
    this.media?.removeEventListener('change', this.handleSchemeChange);
    this.media = undefined;
  }

  hostUpdate(): void {
    if (this.host.theme !== 'auto') {
      this.host.removeAttribute('data-jt-scheme');
      return;
    }
    this.resolvedScheme = declaredScheme(this.host) ?? systemScheme();
    if (this.host.getAttribute('data-jt-scheme') !== this.resolvedScheme) this.host.setAttribute('data-jt-scheme', this.resolvedScheme);
  }

  private readonly handleSchemeChange = (): void => {
    this.host.requestUpdate();
  };
}
