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
    .content.stale [part~='chart'] {
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
