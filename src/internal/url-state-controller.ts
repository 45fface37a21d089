import type { PropertyValues, ReactiveController, ReactiveElement } from 'lit';
import { resolveElementRange } from './element-range.js';
import { readHashState, writeHashState, type HashState } from './url-hash.js';

/** The element whose range and verify switch a `UrlStateController` keeps. */
export interface UrlStateHost extends ReactiveElement {
  range: string;
  verify: boolean;
  /** Keep them in the URL hash. */
  readonly syncUrl: boolean;
  /** Remember them per page in `localStorage`. */
  readonly remember: boolean;
}

/**
 * Keeps an element's `range` and `verify` where the page asks: in the URL
 * hash (`syncUrl`: `#jt-range=30d&jt-verify=1`, read on connect and on
 * `hashchange`, written by replacing the history entry) and per page in
 * `localStorage` (`remember`, restored on connect unless given as
 * attributes). The URL is more specific than what the page remembered, so it
 * wins. The host calls `willUpdate` and `updated` with its changed properties.
 */
export class UrlStateController implements ReactiveController {
  /** The first render shows what the page asked for; only later changes are written. */
  private writable = false;

  constructor(private readonly host: UrlStateHost) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('hashchange', this.handleHashChange);
    if (this.host.remember && !this.host.hasUpdated) this.readStored();
    if (this.host.syncUrl) this.readHash();
  }

  hostDisconnected(): void {
    window.removeEventListener('hashchange', this.handleHashChange);
  }

  /** Before the host resolves its range: `sync-url` switched on later reads the hash. */
  willUpdate(changed: PropertyValues): void {
    if (changed.has('syncUrl') && this.host.syncUrl && this.host.hasUpdated) this.readHash();
  }

  /** After the host rendered: a changed range or switch is written where it is kept. */
  updated(changed: PropertyValues): void {
    if (!this.writable) {
      this.writable = true;
      return;
    }
    const host = this.host;
    if (host.syncUrl && (changed.has('range') || changed.has('verify') || changed.has('syncUrl'))) this.writeHash();
    if (host.remember && (changed.has('range') || changed.has('verify') || changed.has('remember'))) writeStoredState(storageKey(), { range: host.range, verify: host.verify });
  }

  private readonly handleHashChange = (): void => {
    if (this.host.syncUrl) this.readHash();
  };

  private readHash(): void {
    const state = readHashState(location.hash);
    if (!state) return;
    if (state.range !== undefined) this.host.range = state.range;
    if (state.verify !== undefined) this.host.verify = state.verify;
  }

  private writeHash(): void {
    const hash = writeHashState(location.hash, { range: this.host.range, verify: this.host.verify });
    // Replace, not push: the back button leaves the page instead of stepping through every range tried.
    if (hash !== location.hash) history.replaceState(history.state, '', hash);
  }

  private readStored(): void {
    const state = readStoredState(storageKey());
    if (!state) return;
    if (state.range !== undefined && !this.host.hasAttribute('range')) this.host.range = state.range;
    if (state.verify !== undefined && !this.host.hasAttribute('verify')) this.host.verify = state.verify;
  }
}

/** Where `remember` keeps a page's range and switch: one key per path, so each admin screen has its own. */
function storageKey(): string {
  return `jt-analytics:${location.pathname}`;
}

/** What this page remembered; `undefined` when nothing (or nothing readable) is stored or storage is refused. */
function readStoredState(key: string): HashState | undefined {
  let text: string | null;
  try {
    text = localStorage.getItem(key);
  } catch {
    return undefined;
  }
  if (!text) return undefined;
  let stored: unknown;
  try {
    stored = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof stored !== 'object' || stored === null) return undefined;
  const { range, verify } = stored as { range?: unknown; verify?: unknown };
  const state: HashState = {};
  // A range that no longer reads (an edited entry) is left out, so it never replaces a good one.
  if (typeof range === 'string' && resolveElementRange(range, undefined, 'UTC', 0).ok) state.range = range;
  if (typeof verify === 'boolean') state.verify = verify;
  return state;
}

/** Stores the page's range and switch; a full or refused storage only means they are not remembered. */
function writeStoredState(key: string, state: Required<HashState>): void {
  try {
    localStorage.setItem(key, JSON.stringify(state));
  } catch {
    // Private mode or quota: nothing to remember with.
  }
}
