import { css } from 'lit';
import { panelStyles } from '../../internal/panel.styles.js';
import { themeTokens } from '../../internal/theme.js';

export const activityChartStyles = [
  themeTokens,
  panelStyles,
  css`
    :host {
      --_chart-height: var(--jt-chart-height, 320px);
    }

    [part~='controls'] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 16px;
    }

    label {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      cursor: pointer;
    }

    select {
      font: inherit;
      min-height: 32px;
      padding: 2px 6px;
      border-radius: var(--_radius);
      border: 1px solid var(--_border);
      background: var(--_surface);
      color: var(--_text);
    }

    input[type='checkbox'] {
      width: 18px;
      height: 18px;
      margin: 0;
      accent-color: var(--_accent);
    }

    button {
      cursor: pointer;
      min-height: 32px;
      padding: 4px 12px;
      border-radius: var(--_radius);
      border: 1px solid var(--_accent);
      background: var(--_accent);
      color: var(--_accent-text);
    }

    /* A toggle, not an action: outlined until pressed, then filled like the other buttons. */
    [part~='table-toggle'] {
      border-color: var(--_border);
      background: var(--_surface);
      color: var(--_text);
    }

    [part~='table-toggle'][aria-pressed='true'] {
      border-color: var(--_accent);
      background: var(--_accent);
      color: var(--_accent-text);
    }

    /* The table in the chart's place: as tall as the chart at most, scrolling inside. */
    .table-view {
      max-height: var(--_chart-height);
      overflow: auto;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }

    .table-view table {
      width: 100%;
      border-collapse: collapse;
      font-variant-numeric: tabular-nums;
    }

    .table-view caption {
      padding: 6px 8px;
      text-align: start;
      color: var(--_muted);
    }

    .table-view th,
    .table-view td {
      padding: 4px 8px;
      border-top: 1px solid var(--_border);
      text-align: end;
      white-space: nowrap;
    }

    .table-view th[scope='row'],
    .table-view thead th:first-child {
      text-align: start;
    }

    .table-view th[scope='row'] {
      font-weight: normal;
    }

    .table-view thead th {
      position: sticky;
      top: 0;
      background: var(--_surface);
    }

    /* A status error keeps the space below it that the export error has. */
    [part~='status'][part~='error'] {
      margin: 0 0 calc(var(--_gap) / 2);
    }

    [part~='chart'] {
      position: relative;
      width: 100%;
      height: var(--_chart-height);
    }

    /* Dimmed while the next range loads; the hidden table keeps its colors. */
    .content.stale [part~='chart'],
    .content.stale .table-view {
      opacity: 0.5;
      cursor: progress;
    }

    [part~='skeleton'] {
      height: var(--_chart-height);
      border-radius: var(--_radius);
      background: var(--_surface-alt);
      animation: pulse 1.2s ease-in-out infinite alternate;
    }

    @container (max-width: 479px) {
      :host {
        --_chart-height: var(--jt-chart-height, 240px);
      }

      [part~='header'] {
        flex-direction: column;
        align-items: stretch;
      }

      [part~='controls'] {
        justify-content: space-between;
      }
    }
  `,
];
