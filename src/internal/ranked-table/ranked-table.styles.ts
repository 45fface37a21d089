import { css } from 'lit';
import { panelStyles } from '../panel.styles.js';
import { themeTokens } from '../theme.js';

/** The layout every ranked table shares: header with the export button, the table, pagination, states. */
export const rankedTableStyles = [
  themeTokens,
  panelStyles,
  css`
    button {
      cursor: pointer;
      min-height: 32px;
      padding: 4px 12px;
      border-radius: var(--_radius);
      border: 1px solid var(--_accent);
      background: var(--_surface);
      color: var(--_text);
    }

    [part~='export-button'],
    [part~='retry-button'] {
      background: var(--_accent);
      color: var(--_accent-text);
    }

    /* Dimmed while the next page or range loads, with colors that still meet AA contrast (opacity would not). */
    .content.stale {
      --_text: var(--_muted);
      color: var(--_muted);
      cursor: progress;
    }

    /*
     * Wide tables scroll inside this region (focusable, so the arrow keys scroll it). A shadow at an edge says
     * more columns lie beyond it (the element sets more-start / more-end as it scrolls).
     */
    .table-region {
      --_scroll-cue: color-mix(in srgb, var(--_text) 35%, transparent);
      overflow-x: auto;
      border-radius: var(--_radius);
    }

    .table-region.more-end {
      box-shadow: inset -14px 0 10px -10px var(--_scroll-cue);
    }

    :host(:dir(rtl)) .table-region.more-end {
      box-shadow: inset 14px 0 10px -10px var(--_scroll-cue);
    }

    /* Separate borders: collapsed ones would stay behind when the name column sticks. */
    table {
      width: 100%;
      border-collapse: separate;
      border-spacing: 0;
    }

    /* The name (Space, Member) stays in view while the numbers scroll under it. */
    .name {
      position: sticky;
      inset-inline-start: 0;
      z-index: 1;
      background: var(--_surface);
    }

    .more-start .name {
      box-shadow: 10px 0 8px -8px var(--_scroll-cue);
    }

    :host(:dir(rtl)) .more-start .name {
      box-shadow: -10px 0 8px -8px var(--_scroll-cue);
    }

    th,
    td {
      padding: 6px 8px;
      text-align: start;
      vertical-align: middle;
      border-block-end: 1px solid var(--_border);
    }

    thead th {
      color: var(--_muted);
      font-weight: 600;
      vertical-align: bottom;
    }

    tbody th {
      font-weight: 400;
    }

    .number {
      text-align: end;
      font-variant-numeric: tabular-nums;
    }

    tbody .number {
      white-space: nowrap;
    }

    .drift-nonzero {
      background: var(--_warning-bg);
      color: var(--_text);
      font-weight: 600;
    }

    /* Previous and Next keep their line and their words together; the status between them wraps if it must. */
    [part~='pagination'] {
      display: grid;
      grid-template-columns: auto minmax(0, 1fr) auto;
      align-items: center;
      gap: calc(var(--_gap) / 2);
      margin-block-start: calc(var(--_gap) / 2);
    }

    [part~='previous-button'],
    [part~='next-button'] {
      white-space: nowrap;
    }

    [part~='page-status'] {
      margin: 0;
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
      justify-content: center;
      font-variant-numeric: tabular-nums;
    }

    [part~='row-count'] {
      color: var(--_muted);
    }

    [part~='column-note'],
    [part~='drift-note'] {
      color: var(--_muted);
      font-size: 0.9em;
      margin: calc(var(--_gap) / 2) 0 0;
    }

    [part~='skeleton'] {
      display: grid;
      gap: 8px;
      margin-block-start: 8px;
    }

    .skeleton-row {
      height: 1.6em;
      border-radius: var(--_radius);
      background: var(--_surface-alt);
      animation: pulse 1.2s ease-in-out infinite alternate;
    }

    /* Narrow containers: the table keeps its columns and scrolls inside its focusable region. */
    @container (max-width: 479px) {
      table {
        min-width: 480px;
      }

      th,
      td {
        padding: 4px 6px;
      }

      /* Previous and Next share the first line; the page status gets the whole line under them. */
      [part~='pagination'] {
        grid-template-columns: auto auto;
        justify-content: space-between;
      }

      [part~='page-status'] {
        grid-row: 2;
        grid-column: 1 / -1;
      }
    }
  `,
];
