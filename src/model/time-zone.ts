/**
 * Time zones: which local date an instant falls on, in the data source's zone
 * (DESIGN section 4). A zone is an IANA name (`Europe/Berlin`), `UTC`, or a
 * fixed offset `±HH:MM` as WordPress's `wp_timezone_string()` returns when the
 * site has no city set. The browser's own zone is never consulted.
 *
 * `dayOf` runs once for every ingested event, so it never calls `Intl`. An
 * IANA zone's offset is piecewise constant; the instants where it changes are
 * read from `Intl.DateTimeFormat` once per chunk of 64 days the data touches
 * (a sample per UTC midnight, then a binary search to the second around each
 * change) and kept in typed arrays, with the offset of each whole UTC day.
 * `dayOf` is then two array reads; only on the UTC day of a change does it
 * search that chunk's few changes.
 */
import { DAY_MS, dayFromCivil } from './dates.js';
import { describeValue } from './validate.js';

/** Maps instants to local day numbers (see dates.ts) in one zone. */
export interface DayBucketer {
  /** The normalized zone name (see `normalizeTimeZone`). */
  readonly timeZone: string;
  /** The day number of the local date `epochMs` falls on. */
  dayOf(epochMs: number): number;
  /**
   * Epoch ms of the first instant of local date `day`. Usually local 00:00;
   * where a clock change skips midnight, the first instant that exists (the
   * moment of the change). A date skipped entirely (Pacific/Apia on
   * 2011-12-30) has no instant: its start is the start of the next date.
   */
  startOfDay(day: number): number;
}

const FIXED_OFFSET = /^([+-])(\d{2}):?(\d{2})$/;
/** Chunks are 64 UTC days: 2^6, so the hot path splits a day index with a shift and a mask. */
const CHUNK_SHIFT = 6;
const CHUNK_DAYS = 1 << CHUNK_SHIFT;
const CHUNK_MS = CHUNK_DAYS * DAY_MS;
/** No zone is this far from UTC, so no instant earlier than local midnight minus this is on or after that midnight. */
const OFFSET_BOUND_MS = DAY_MS;
/**
 * Offsets before the year 1000 are read as those of 1000-01-01: every zone
 * keeps its local mean time before its first transition (1840s at the
 * earliest), and `Intl` writes years before 1 without an era.
 */
const EARLIEST_PROBE_MS = -30_610_224_000_000;

/**
 * IANA names that `Intl` resolves to an older spelling (ICU keeps
 * `Asia/Calcutta` as the canonical id). Listed so that `asia/kolkata` comes
 * back as `Asia/Kolkata`, not renamed.
 */
const CURRENT_NAMES = [
  'Africa/Asmara',
  'America/Argentina/Buenos_Aires',
  'America/Argentina/Catamarca',
  'America/Argentina/Cordoba',
  'America/Argentina/Jujuy',
  'America/Argentina/Mendoza',
  'America/Atikokan',
  'America/Indiana/Indianapolis',
  'America/Kentucky/Louisville',
  'America/Nuuk',
  'Asia/Choibalsan',
  'Asia/Ho_Chi_Minh',
  'Asia/Kathmandu',
  'Asia/Kolkata',
  'Asia/Yangon',
  'Atlantic/Faroe',
  'Etc/GMT',
  'Etc/UTC',
  'Europe/Kyiv',
  'Pacific/Chuuk',
  'Pacific/Kanton',
  'Pacific/Pohnpei',
];

const normalized = new Map<string, string>();
const bucketers = new Map<string, DayBucketer>();
let namesByLowerCase: Map<string, string> | undefined;

/**
 * Checks a zone and returns its normal spelling: an IANA name `Intl` knows
 * (case-insensitive; returned in its canonical casing, never renamed to
 * another alias), `UTC`, or a fixed offset up to ±23:59 (`+05:30`, `-03:00`,
 * `+00:00`; `+0530` is accepted too and returned as `+05:30`, `-00:00` as
 * `+00:00`).
 * Anything else throws a RangeError saying what is accepted.
 */
export function normalizeTimeZone(tz: string): string {
  const known = typeof tz === 'string' ? normalized.get(tz) : undefined;
  if (known !== undefined) return known;
  const name = normalizeUncached(tz);
  normalized.set(tz, name);
  return name;
}

/** The bucketer of a zone (any spelling `normalizeTimeZone` accepts), shared per zone. */
export function dayBucketer(timeZone: string): DayBucketer {
  const cached = typeof timeZone === 'string' ? bucketers.get(timeZone) : undefined;
  if (cached !== undefined) return cached;
  const name = normalizeTimeZone(timeZone);
  let bucketer = bucketers.get(name);
  if (bucketer === undefined) {
    const offset = fixedOffsetMs(name);
    bucketer = offset === undefined ? new ZoneBucketer(name) : new FixedOffsetBucketer(name, offset);
    bucketers.set(name, bucketer);
  }
  bucketers.set(timeZone, bucketer);
  return bucketer;
}

function normalizeUncached(tz: unknown): string {
  const unknown = (): RangeError =>
    new RangeError(`Unknown time zone ${describeValue(tz)}. Use an IANA name such as "Europe/Berlin" or an offset such as "+05:30".`);
  if (typeof tz !== 'string' || tz === '') throw unknown();
  const fixed = FIXED_OFFSET.exec(tz);
  if (fixed !== null) {
    const hours = Number(fixed[2]);
    const minutes = Number(fixed[3]);
    if (hours > 23 || minutes > 59) throw unknown();
    const sign = hours === 0 && minutes === 0 ? '+' : fixed[1]!;
    return `${sign}${fixed[2]!}:${fixed[3]!}`;
  }
  // Other offset spellings ('+05', '+5:30') are refused rather than guessed
  // at; 'Etc/GMT+5' is an IANA name and goes to Intl like any other.
  if (tz[0] === '+' || tz[0] === '-') throw unknown();
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    throw unknown();
  }
  const lower = tz.toLowerCase();
  if (resolved.toLowerCase() === lower) return resolved;
  // An alias: keep it (Asia/Kolkata stays Asia/Kolkata), with the casing of a
  // name we know, or as given.
  return knownNames().get(lower) ?? tz;
}

function knownNames(): Map<string, string> {
  if (namesByLowerCase === undefined) {
    const supported = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    namesByLowerCase = new Map([...supported, ...CURRENT_NAMES].map((name) => [name.toLowerCase(), name]));
  }
  return namesByLowerCase;
}

/** The offset of a normalized fixed-offset zone (or of UTC), else undefined. */
function fixedOffsetMs(name: string): number | undefined {
  if (name === 'UTC') return 0;
  const fixed = FIXED_OFFSET.exec(name);
  if (fixed === null) return undefined;
  const ms = (Number(fixed[2]) * 60 + Number(fixed[3])) * 60_000;
  return fixed[1] === '-' ? -ms : ms;
}

function notAnInstant(epochMs: number): RangeError {
  return new RangeError(`${describeValue(epochMs)} is not an instant (epoch milliseconds)`);
}

function notADay(day: number): RangeError {
  return new RangeError(`${describeValue(day)} is not a day number (whole days since 1970-01-01)`);
}

/** UTC and fixed offsets: plain arithmetic. */
class FixedOffsetBucketer implements DayBucketer {
  readonly timeZone: string;
  private readonly offsetMs: number;

  constructor(timeZone: string, offsetMs: number) {
    this.timeZone = timeZone;
    this.offsetMs = offsetMs;
  }

  dayOf(epochMs: number): number {
    const day = Math.floor((epochMs + this.offsetMs) / DAY_MS);
    // NaN and ±Infinity both leave a NaN here; one subtraction checks both.
    if (day - day !== 0) throw notAnInstant(epochMs);
    return day;
  }

  startOfDay(day: number): number {
    if (!Number.isInteger(day)) throw notADay(day);
    return day * DAY_MS - this.offsetMs;
  }
}

/**
 * The offsets of one chunk, the UTC days `[k·CHUNK_DAYS, (k+1)·CHUNK_DAYS)`:
 * `offsets[i]` is in effect from `starts[i]` until `starts[i + 1]` or the end
 * of the chunk, and `starts[0]` is the chunk's start. `dayOffsets[d]` is the
 * offset all through the chunk's UTC day `d`, or NaN on a day the offset
 * changes.
 */
interface Chunk {
  readonly starts: Float64Array;
  readonly offsets: Float64Array;
  readonly dayOffsets: Float64Array;
}

/** Chunks of the years 1800–2400 sit in an array indexed from this UTC day; others in a map. */
const TABLE_FIRST_DAY = Math.floor(dayFromCivil(1800, 1, 1) / CHUNK_DAYS) * CHUNK_DAYS;
const TABLE_DAYS = Math.ceil((dayFromCivil(2400, 1, 1) - TABLE_FIRST_DAY) / CHUNK_DAYS) * CHUNK_DAYS;

/** An IANA zone: offsets read from Intl per chunk, then looked up. */
class ZoneBucketer implements DayBucketer {
  readonly timeZone: string;
  /** Chunk `TABLE_FIRST_DAY / CHUNK_DAYS + i` at `i`, once read. */
  private readonly table: (Chunk | undefined)[] = new Array<Chunk | undefined>(TABLE_DAYS / CHUNK_DAYS).fill(undefined);
  private readonly farChunks = new Map<number, Chunk>();
  /** Set by `locate`: `offset` is in effect from the instant located until `until`. */
  private until = 0;
  private offset = 0;
  private wallClock: WallClock | undefined;

  constructor(timeZone: string) {
    this.timeZone = timeZone;
  }

  dayOf(epochMs: number): number {
    // The common case: a UTC day of a chunk already read, with one offset all
    // day. Two array reads; NaN and out-of-table instants fail the bounds test.
    const index = Math.floor(epochMs / DAY_MS) - TABLE_FIRST_DAY;
    if (index >= 0 && index < TABLE_DAYS) {
      const chunk = this.table[index >> CHUNK_SHIFT];
      if (chunk !== undefined) {
        const offset = chunk.dayOffsets[index & (CHUNK_DAYS - 1)]!;
        if (offset === offset) return Math.floor((epochMs + offset) / DAY_MS);
      }
    }
    // A day with a clock change, a chunk not read yet, or a far-off instant.
    this.locate(epochMs);
    return Math.floor((epochMs + this.offset) / DAY_MS);
  }

  startOfDay(day: number): number {
    if (!Number.isInteger(day)) throw notADay(day);
    const midnight = day * DAY_MS; // local 00:00 as if the wall clock were UTC
    // Walk the intervals forward from a point whose wall clock is surely
    // before midnight; in each, the first instant at or after local midnight
    // is midnight − offset, if the interval reaches it.
    let at = midnight - OFFSET_BOUND_MS;
    for (;;) {
      this.locate(at);
      const first = Math.max(at, midnight - this.offset);
      if (first < this.until) return first;
      at = this.until;
    }
  }

  /** Finds the offset at `epochMs` and until when it holds, reading the chunk if needed. */
  private locate(epochMs: number): void {
    if (!Number.isFinite(epochMs)) throw notAnInstant(epochMs);
    const k = Math.floor(epochMs / CHUNK_MS);
    const slot = k - TABLE_FIRST_DAY / CHUNK_DAYS;
    const inTable = slot >= 0 && slot < this.table.length;
    let chunk = inTable ? this.table[slot] : this.farChunks.get(k);
    if (chunk === undefined) {
      chunk = this.readChunk(k);
      if (inTable) this.table[slot] = chunk;
      else this.farChunks.set(k, chunk);
    }
    const { starts, offsets } = chunk;
    let i = starts.length - 1;
    while (starts[i]! > epochMs) i--;
    this.until = i + 1 < starts.length ? starts[i + 1]! : (k + 1) * CHUNK_MS;
    this.offset = offsets[i]!;
  }

  /** Samples the chunk at each UTC midnight and pins each change of offset to the second. */
  private readChunk(k: number): Chunk {
    this.wallClock ??= new WallClock(this.timeZone);
    const clock = this.wallClock;
    const start = k * CHUNK_MS;
    const starts: number[] = [start];
    const offsets: number[] = [clock.offsetAt(start)];
    const dayOffsets = new Float64Array(CHUNK_DAYS);
    let before = offsets[0]!;
    for (let day = 0; day < CHUNK_DAYS; day++) {
      const at = start + (day + 1) * DAY_MS;
      const after = clock.offsetAt(at);
      if (after === before) {
        dayOffsets[day] = before;
      } else {
        const found = starts.length;
        findChanges(clock, at - DAY_MS, before, at, after, starts, offsets);
        // A single change right at the next midnight leaves this day whole.
        dayOffsets[day] = starts.length === found + 1 && starts[found] === at ? before : Number.NaN;
      }
      before = after;
    }
    // A change exactly at the chunk's end belongs to the next chunk.
    if (starts[starts.length - 1] === start + CHUNK_MS) {
      starts.pop();
      offsets.pop();
    }
    return { starts: Float64Array.from(starts), offsets: Float64Array.from(offsets), dayOffsets };
  }
}

/**
 * Appends the changes of offset in `(lo, hi]`, given the offsets at both ends
 * differ. Offsets change on whole seconds, so halving down to one second finds
 * each change exactly; a third offset met on the way means changes on both
 * sides, and both are searched.
 */
function findChanges(clock: WallClock, lo: number, offsetLo: number, hi: number, offsetHi: number, starts: number[], offsets: number[]): void {
  if (hi - lo <= 1000) {
    starts.push(hi);
    offsets.push(offsetHi);
    return;
  }
  const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
  const offsetMid = clock.offsetAt(mid);
  if (offsetMid !== offsetLo) findChanges(clock, lo, offsetLo, mid, offsetMid, starts, offsets);
  if (offsetMid !== offsetHi) findChanges(clock, mid, offsetMid, hi, offsetHi, starts, offsets);
}

/** Reads a zone's UTC offset at an instant from Intl (only while reading a chunk). */
class WallClock {
  private readonly format: (epochMs: number) => string;
  /** Where year, month, day, hour, minute and second come among the numbers `format` writes. */
  private readonly order: number[];

  constructor(timeZone: string) {
    const dtf = new Intl.DateTimeFormat('en-US-u-nu-latn', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    // `format` is about twice as fast as `formatToParts`; the parts are read
    // once to learn the order of the numbers in its output.
    const fields: Intl.DateTimeFormatPartTypes[] = ['year', 'month', 'day', 'hour', 'minute', 'second'];
    const types = dtf.formatToParts(0).map((part) => part.type).filter((type) => fields.includes(type));
    this.order = fields.map((field) => types.indexOf(field));
    if (this.order.includes(-1)) throw new Error(`Intl did not write a full date and time for the zone "${timeZone}"`);
    this.format = dtf.format;
  }

  /** Offset in ms (a whole number of seconds) at `epochMs`, a whole second. */
  offsetAt(epochMs: number): number {
    const at = Math.max(epochMs, EARLIEST_PROBE_MS);
    const text = this.format(at);
    const numbers = [0, 0, 0, 0, 0, 0];
    let n = 0;
    let inNumber = false;
    for (let i = 0; i < text.length && n <= 6; i++) {
      const digit = text.charCodeAt(i) - 48;
      if (digit >= 0 && digit <= 9) {
        if (!inNumber) {
          inNumber = true;
          n++;
        }
        if (n <= 6) numbers[n - 1] = numbers[n - 1]! * 10 + digit;
      } else {
        inNumber = false;
      }
    }
    const [year, month, day, hour, minute, second] = this.order.map((index) => numbers[index]!) as [number, number, number, number, number, number];
    // Some engines once wrote midnight as 24:00 of the same date.
    const wallSeconds = dayFromCivil(year, month, day) * 86_400 + (hour % 24) * 3600 + minute * 60 + second;
    return wallSeconds * 1000 - (at - (((at % 1000) + 1000) % 1000));
  }
}
