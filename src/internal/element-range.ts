import { parseRange } from '../model/range.js';
import type { DateRange } from '../model/report.js';
import type { AnalyticsDataSource } from '../sources/data-source.js';

export type ResolvedRange = { ok: true; range: DateRange; timeZone: string } | { ok: false; message: string };

/**
 * Resolves an element's `range` attribute (a preset or `start..end`) in the
 * zone the element was given, else the data source's, else UTC. "Today" is
 * `now` in that zone, never the browser's.
 */
export function resolveElementRange(
  range: string,
  source: AnalyticsDataSource | undefined,
  timeZone: string | undefined,
  now?: number,
): ResolvedRange {
  const zone = timeZone || source?.timeZone || 'UTC';
  try {
    // Read inside the try: a source's clock that throws is a message, never a crash of the element.
    return { ok: true, range: parseRange(range, { timeZone: zone, now: now ?? source?.now?.() ?? Date.now() }), timeZone: zone };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
