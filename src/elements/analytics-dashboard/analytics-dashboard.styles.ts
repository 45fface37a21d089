import { css } from 'lit';

export const dashboardStyles = css`
  :host {
    --jt-font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    --jt-color-text: #1d2327;
    --jt-color-muted: #50575e;
    --jt-color-surface: #ffffff;
    --jt-color-border: #dcdcde;
    --jt-color-accent: #2271b1;
    --jt-color-danger: #b32d2e;
    --jt-radius: 4px;
    --jt-gap: 16px;

    display: block;
    font-family: var(--jt-font-family);
    color: var(--jt-color-text);
  }

  :host([hidden]) {
    display: none;
  }

  [part='base'] {
    display: grid;
    gap: var(--jt-gap);
  }

  [part='range'] {
    display: flex;
    gap: 0.75rem;
    margin: 0;
    color: var(--jt-color-muted);
    font-size: 0.875rem;
  }

  [part='overview'] {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr));
    gap: var(--jt-gap);
    margin: 0;
  }

  [part='metric'] {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    padding: var(--jt-gap);
    background: var(--jt-color-surface);
    border: 1px solid var(--jt-color-border);
    border-radius: var(--jt-radius);
  }

  [part='metric-label'] {
    margin: 0;
    color: var(--jt-color-muted);
    font-size: 0.875rem;
  }

  [part='metric-value'] {
    margin: 0;
    font-size: 1.75rem;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }

  [part='daily'] {
    background: var(--jt-color-surface);
    border: 1px solid var(--jt-color-border);
    border-radius: var(--jt-radius);
    padding: var(--jt-gap);
    overflow-x: auto;
  }

  table {
    border-collapse: collapse;
    width: 100%;
    font-variant-numeric: tabular-nums;
  }

  caption {
    text-align: start;
    font-weight: 600;
    padding-bottom: 0.5rem;
  }

  th,
  td {
    padding: 0.25rem 0.75rem;
    border-bottom: 1px solid var(--jt-color-border);
    text-align: start;
  }

  tbody th {
    font-weight: 400;
  }

  .number {
    text-align: end;
  }

  [part~='status'] {
    margin: 0;
    padding: var(--jt-gap);
    background: var(--jt-color-surface);
    border: 1px solid var(--jt-color-border);
    border-radius: var(--jt-radius);
    color: var(--jt-color-muted);
  }

  [part~='error'] {
    color: var(--jt-color-danger);
    border-color: var(--jt-color-danger);
  }

  [part='retry-button'] {
    margin-inline-start: 0.5rem;
    font: inherit;
    padding: 0.25rem 0.75rem;
    color: var(--jt-color-accent);
    background: var(--jt-color-surface);
    border: 1px solid var(--jt-color-accent);
    border-radius: var(--jt-radius);
    cursor: pointer;
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
