import { resolveElementRange } from './element-range.js';

/** What the dashboard keeps in the URL hash with `sync-url`: `#jt-range=30d&jt-verify=1`. */
export interface HashState {
  range?: string;
  verify?: boolean;
}

const RANGE_KEY = 'jt-range';
const VERIFY_KEY = 'jt-verify';

function paramsOf(hash: string): URLSearchParams {
  return new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
}

/**
 * The dashboard's state in a hash, or `undefined` when the hash says nothing
 * about it. A range that cannot be read (a hand-edited URL) is left out, so
 * it never replaces a good one.
 */
export function readHashState(hash: string): HashState | undefined {
  const params = paramsOf(hash);
  if (!params.has(RANGE_KEY) && !params.has(VERIFY_KEY)) return undefined;
  const state: HashState = { verify: params.get(VERIFY_KEY) === '1' };
  const range = params.get(RANGE_KEY);
  if (range && resolveElementRange(range, undefined, 'UTC', 0).ok) state.range = range;
  return state;
}

/** The hash with the dashboard's state written in, every other parameter kept as it was. */
export function writeHashState(hash: string, state: Required<HashState>): string {
  const params = paramsOf(hash);
  params.set(RANGE_KEY, state.range);
  if (state.verify) params.set(VERIFY_KEY, '1');
  else params.delete(VERIFY_KEY);
  // Dots and colons are safe in a fragment; keep `2026-01-01..2026-01-31` readable.
  return `#${params.toString()}`;
}
