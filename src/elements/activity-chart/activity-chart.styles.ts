import { css } from 'lit';
import { themeTokens } from '../../internal/theme.js';

export const activityChartStyles = [
  themeTokens,
  css`
    :host {
      display: block;
      container-type: inline-size;
      --_chart-height: var(--jt-chart-height, 320px);
    }

    [part~='base'] {
      background: var(--_surface);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: var(--_gap);
    }

    [part~='header'] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: calc(var(--_gap) / 2);
      margin-block-end: calc(var(--_gap) / 2);
    }

    [part~='title'] {
      margin: 0;
      font-size: 1.15em;
      font-weight: 600;
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

    button[aria-disabled='true'] {
      cursor: not-allowed;
      border-color: var(--_border);
      background: var(--_surface-alt);
      color: var(--_muted);
    }

    [part~='export-error'],
    [part~='status'][part~='error'] {
      color: var(--_danger);
      margin: 0 0 calc(var(--_gap) / 2);
    }

    [part~='error'] p {
      margin: 0 0 8px;
    }

    [part~='status'] {
      color: var(--_muted);
      margin: 0;
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

    @keyframes pulse {
      from {
        opacity: 1;
      }
      to {
        opacity: 0.5;
      }
    }

    @container (max-width: 479px) {
      :host {
        --_chart-height: var(--jt-chart-height, 240px);
      }

      [part~='base'] {
        padding: calc(var(--_gap) / 2);
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
