import { css } from 'lit';
import { themeTokens } from '../../internal/theme.js';

export const dashboardStyles = [
  themeTokens,
  css`
    :host {
      display: block;
      /* The layout follows the space the host gets, not the viewport: it may sit in a sidebar or a wide admin page. */
      container-type: inline-size;
      min-width: 0;
      /* Light: the page shows through between the cards. Dark: a backdrop of its own (--_backdrop), so light text never sits on a light page. */
      --_backdrop-padding: 0;
    }

    :host([theme='dark']),
    :host([theme='auto'][data-jt-scheme='dark']) {
      --_backdrop-padding: var(--_gap);
    }

    @media (prefers-color-scheme: dark) {
      :host([theme='auto']:not([data-jt-scheme])) {
        --_backdrop-padding: var(--_gap);
      }
    }

    [part~='base'] {
      display: grid;
      gap: var(--_gap);
      min-width: 0;
      padding: var(--_backdrop-padding);
      background: var(--_backdrop);
      border-radius: var(--_radius);
    }

    /* Above the body, so the range picker's popover lies over the cards under it. */
    [part~='header'] {
      position: relative;
      z-index: 1;
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      justify-content: space-between;
      gap: calc(var(--_gap) / 2) var(--_gap);
    }

    .heading {
      display: grid;
      gap: 0.25rem;
      min-width: 0;
    }

    [part~='title'] {
      margin: 0;
      font-size: 1.5em;
      font-weight: 600;
      line-height: 1.25;
      overflow-wrap: anywhere;
    }

    [part~='time-zone'] {
      margin: 0;
      color: var(--_muted);
    }

    [part~='controls'] {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      gap: calc(var(--_gap) / 2) var(--_gap);
      min-width: 0;
      max-width: 100%;
    }

    [part~='range-picker'],
    [part~='verify-toggle'] {
      min-width: 0;
      max-width: 100%;
    }

    [part~='recording-note'] {
      margin: 0;
      padding: calc(var(--_gap) / 2) var(--_gap);
      background: var(--_warning-bg);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }

    [part~='body'] {
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      gap: var(--_gap);
      min-width: 0;
      /* Visually hidden tables (the chart's data alternative) keep their content width; they must not widen the page. */
      position: relative;
      overflow-x: clip;
      overflow-clip-margin: 4px;
    }

    /* A later load keeps the old numbers on screen, dimmed, until the new ones arrive. */
    [part~='body'][aria-busy='true'] .stale {
      opacity: 0.55;
    }

    [part~='headline'] {
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      gap: var(--_gap);
      margin: 0;
      padding: 0;
      list-style: none;
      min-width: 0;
    }

    [part~='headline'] > li {
      display: grid;
      min-width: 0;
    }

    [part~='metric'],
    [part~='chart'],
    [part~='top-spaces'],
    [part~='top-contributors'],
    [part~='engagement'],
    [part~='moderation'] {
      min-width: 0;
    }

    .sections,
    .tables {
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      gap: var(--_gap);
      min-width: 0;
    }

    /* While a data source is on its way: where the chart and the tables will be. */
    [part~='placeholder'] {
      min-height: 12rem;
      background: var(--_surface);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      animation: placeholder-pulse 1.2s ease-in-out infinite alternate;
    }

    .chart-placeholder {
      min-height: calc(var(--jt-chart-height, 320px) + 4rem);
    }

    @keyframes placeholder-pulse {
      from {
        opacity: 1;
      }
      to {
        opacity: 0.6;
      }
    }

    [part~='status'] {
      margin: 0;
      padding: var(--_gap);
      background: var(--_surface);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      color: var(--_muted);
    }

    /* One line each: what happened, which figures are still shown, the details, then Retry. */
    [part~='error'] {
      display: grid;
      justify-items: start;
      gap: calc(var(--_gap) / 2);
      color: var(--_danger);
      border-color: var(--_danger);
    }

    [part~='error'] p {
      margin: 0;
      max-width: 100%;
      overflow-wrap: anywhere;
    }

    [part~='stale-note'] {
      color: var(--_text);
    }

    [part~='error-details'] {
      color: var(--_muted);
      font-size: 0.875em;
    }

    [part~='retry-button'] {
      padding: 0.375rem 0.875rem;
      color: var(--_accent-text);
      background: var(--_accent);
      border: 1px solid var(--_accent);
      border-radius: var(--_radius);
      cursor: pointer;
    }

    /* Two headline cards a row from about 600 px, four from about 900 px. */
    @container (min-width: 600px) {
      [part~='headline'] {
        grid-template-columns: repeat(2, minmax(0, 1fr));
      }
    }

    @container (min-width: 900px) {
      [part~='headline'] {
        grid-template-columns: repeat(4, minmax(0, 1fr));
      }

      .sections {
        grid-template-columns: repeat(2, minmax(0, 1fr));
        align-items: start;
      }
    }

    /* The tables side by side only where seven columns of contributors still fit. */
    @container (min-width: 1280px) {
      .tables {
        grid-template-columns: repeat(2, minmax(0, 1fr));
        align-items: start;
      }
    }
  `,
];
