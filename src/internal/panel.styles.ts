import { css } from 'lit';

/**
 * The card the activity chart and the ranked tables share: the header with
 * its title, the unavailable look of their buttons, the export button with its
 * progress and Cancel, the export error, status
 * messages and the skeleton's pulse. Each element adds its own rules after
 * these (and themeTokens before them).
 */
export const panelStyles = css`
  :host {
    display: block;
    container-type: inline-size;
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

  button[aria-disabled='true'] {
    cursor: not-allowed;
    border-color: var(--_border);
    background: var(--_surface-alt);
    color: var(--_muted);
  }

  /* Export CSV with, while it runs, the rows fetched so far before it and Cancel after it. */
  [part~='export'] {
    display: inline-flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: flex-end;
    gap: 8px;
  }

  [part~='export-progress'] {
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
  }

  [part~='export-cancel-button'] {
    background: var(--_surface);
    color: var(--_text);
    border-color: var(--_accent);
  }

  [part~='export-error'] {
    color: var(--_danger);
    margin: 0 0 calc(var(--_gap) / 2);
  }

  [part~='error'] p {
    margin: 0;
  }

  /* Space above Retry; a message without one (a range that does not read) ends flush. */
  [part~='error'] p:not(:last-child) {
    margin-bottom: 8px;
  }

  [part~='status'] {
    color: var(--_muted);
    margin: 0;
  }

  [part~='status'][part~='error'] {
    color: var(--_danger);
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
    [part~='base'] {
      padding: calc(var(--_gap) / 2);
    }
  }
`;
