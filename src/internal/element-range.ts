import { endsAfterToday, parseRange, todayIn } from '../model/range.js';
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

/** What a `RangeController` reads from its element. */
interface RangeHost {
  readonly range: string;
  readonly timeZone: string | undefined;
  readonly dataSource: AnalyticsDataSource | undefined;
}

/**
 * The dates an element's `range` stands for, resolved in its zone: its
 * `time-zone` (its own or its dashboard's), else the data source's, else a
 * zone learned later (`laterZone`, such as the one a report named), else UTC;
 * "today" by the source's clock. The element calls `resolve` when the range,
 * the zone or the source changed (or the day may have).
 */
export class RangeController {
  /** The range's dates; `undefined` while it does not read. */
  dates: DateRange | undefined;
  /** Why the range does not read, in words; `''` when it does. */
  problem = '';
  /** The zone presets were resolved in and "today" is read in. */
  zone = 'UTC';
  /** The zone when one is known (given, the source's or learned); `undefined` when UTC is only the fallback. */
  knownZone: string | undefined;
  /** Why a range ending after today is refused, given today; `undefined` while such ranges are accepted. */
  private afterToday: ((today: string) => string) | undefined;

  constructor(
    private readonly host: RangeHost,
    private readonly laterZone: () => string | undefined = () => undefined,
  ) {}

  /**
   * Refuses ranges that end after today from now on (the dashboard does, as
   * its picker does): future days have no data yet and would read as a fall
   * against the period before. `why` says so in words, given today (in the
   * zone, by the source's clock).
   */
  refuseAfterToday(why: (today: string) => string): void {
    this.afterToday = why;
  }

  resolve(): void {
    const host = this.host;
    this.knownZone = host.timeZone || host.dataSource?.timeZone || this.laterZone() || undefined;
    this.zone = this.knownZone ?? 'UTC';
    const resolved = resolveElementRange(host.range, host.dataSource, this.zone);
    this.dates = resolved.ok ? resolved.range : undefined;
    this.problem = resolved.ok ? '' : resolved.message;
    // Only in a known zone: "today" in the UTC fallback can be a day behind the site's, and a refused range is never
    // loaded, so the zone a first report would name could never be learned.
    if (this.dates && this.afterToday && this.knownZone !== undefined) {
      let today: string;
      try {
        today = todayIn(this.zone, host.dataSource?.now?.() ?? Date.now());
      } catch {
        return; // A clock that throws: resolveElementRange has already turned that into the range's problem, or will.
      }
      if (endsAfterToday(this.dates, today)) {
        this.problem = this.afterToday(today);
        this.dates = undefined;
      }
    }
  }
}
