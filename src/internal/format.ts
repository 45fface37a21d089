import { parseIsoDate } from '../model/dates.js';
import type { DateRange } from '../model/report.js';
import { resolveLocale } from './locale.js';

/** The Intl formats of one locale. */
interface Formats {
  readonly integer: Intl.NumberFormat;
  readonly decimal: Intl.NumberFormat;
  readonly percent: Intl.NumberFormat;
  readonly signedPercent: Intl.NumberFormat;
  readonly dateLong: Intl.DateTimeFormat;
  readonly dateShort: Intl.DateTimeFormat;
  readonly monthYear: Intl.DateTimeFormat;
  /** Unit formats for durations, made on first use. */
  readonly units: Map<string, Intl.NumberFormat>;
  /** Date-and-time formats by time zone, made on first use. */
  readonly instants: Map<string, Intl.DateTimeFormat>;
  /** Number formats with a fixed number of decimals, by that number, made on first use. */
  readonly fixed: Map<number, Intl.NumberFormat>;
}

/**
 * Formats by locale, shared by every `Formatter`: an Intl format costs tens
 * to hundreds of microseconds to build, and a dashboard has dozens of
 * elements that each make a `Formatter` (a profile of the first render after
 * a large load showed 20–30 ms of one main-thread task building them).
 * Intl formats hold no state between calls, so sharing them is safe.
 */
const formatsByLocale = new Map<string, Formats>();
let runtimeLocale: string | undefined;

function formatsFor(locale: string): Formats {
  let formats = formatsByLocale.get(locale);
  if (!formats) {
    formats = {
      integer: new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }),
      decimal: new Intl.NumberFormat(locale, { minimumFractionDigits: 0, maximumFractionDigits: 2 }),
      percent: new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }),
      signedPercent: new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2, signDisplay: 'exceptZero' }),
      dateLong: new Intl.DateTimeFormat(locale, { timeZone: 'UTC', dateStyle: 'medium' }),
      dateShort: new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'short', day: 'numeric' }),
      monthYear: new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'short', year: 'numeric' }),
      units: new Map(),
      instants: new Map(),
      fixed: new Map(),
    };
    formatsByLocale.set(locale, formats);
  }
  return formats;
}

/**
 * Locale-aware formatting for the elements (Intl, one formatter instance per
 * kind, created once per locale). Dates are calendar dates already in the
 * site's zone, so they are formatted as UTC days: the browser's own zone can
 * never shift them.
 */
export class Formatter {
  readonly locale: string;
  private readonly integer: Intl.NumberFormat;
  private readonly decimal: Intl.NumberFormat;
  private readonly percent: Intl.NumberFormat;
  private readonly signedPercent: Intl.NumberFormat;
  private readonly dateLong: Intl.DateTimeFormat;
  private readonly dateShort: Intl.DateTimeFormat;
  private readonly monthYear: Intl.DateTimeFormat;
  private readonly units: Map<string, Intl.NumberFormat>;
  private readonly instants: Map<string, Intl.DateTimeFormat>;
  private readonly fixedFormats: Map<number, Intl.NumberFormat>;

  /** `locale` as a page gives it: `en_US` reads as `en-US`, anything unusable as English, nothing as the runtime's default. */
  constructor(locale?: string) {
    this.locale = resolveLocale(locale) ?? (runtimeLocale ??= new Intl.NumberFormat().resolvedOptions().locale);
    const formats = formatsFor(this.locale);
    this.integer = formats.integer;
    this.decimal = formats.decimal;
    this.percent = formats.percent;
    this.signedPercent = formats.signedPercent;
    this.dateLong = formats.dateLong;
    this.dateShort = formats.dateShort;
    this.monthYear = formats.monthYear;
    this.units = formats.units;
    this.instants = formats.instants;
    this.fixedFormats = formats.fixed;
  }

  /** 1234 → "1,234". */
  count(value: number): string {
    return this.integer.format(value);
  }

  /** 1.5 → "1.5"; up to two decimals. Also ratios that can pass 1, such as replies per post (2.8367 → "2.84"). */
  number(value: number): string {
    return this.decimal.format(value);
  }

  /** With exactly `digits` decimals, as a table column shows numbers so that they line up: 2.5 → "2.50" with 2. */
  fixed(value: number, digits: number): string {
    let format = this.fixedFormats.get(digits);
    if (!format) {
      format = new Intl.NumberFormat(this.locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
      this.fixedFormats.set(digits, format);
    }
    return format.format(value);
  }

  /** A share of a whole (0–1, such as questions resolved of those asked) as a percentage: 0.42 → "42%". Not for replies per post: that is `number`. */
  ratio(value: number): string {
    return this.percent.format(value);
  }

  /** A value already in percent (12.5 = 12.5 %), signed: "+12.5%", "−3.2%", "0%". */
  percentChange(valueInPercent: number): string {
    return this.signedPercent.format(valueInPercent / 100);
  }

  /** "2026-03-29" → "Mar 29, 2026". */
  date(iso: string): string {
    return this.dateLong.format(parseIsoDate(iso) * 86_400_000);
  }

  /** "2026-03-29" → "Mar 29". */
  shortDate(iso: string): string {
    return this.dateShort.format(parseIsoDate(iso) * 86_400_000);
  }

  /** "2026-03-01" → "Mar 2026". */
  month(iso: string): string {
    return this.monthYear.format(parseIsoDate(iso) * 86_400_000);
  }

  /** "Mar 1 – 7, 2026". */
  range(range: DateRange): string {
    return this.dateLong.formatRange(parseIsoDate(range.start) * 86_400_000, parseIsoDate(range.end) * 86_400_000);
  }

  /** Epoch ms as a date and time in the site's zone. */
  instant(epochMs: number, timeZone: string): string {
    let format = this.instants.get(timeZone);
    if (!format) this.instants.set(timeZone, (format = new Intl.DateTimeFormat(this.locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' })));
    return format.format(epochMs);
  }

  /** Minutes, humanised: "45 min", "2 h 5 min", "3 d 4 h". */
  duration(minutes: number): string {
    const unit = (value: number, u: 'day' | 'hour' | 'minute') => {
      let format = this.units.get(u);
      if (!format) this.units.set(u, (format = new Intl.NumberFormat(this.locale, { style: 'unit', unit: u, unitDisplay: 'narrow', maximumFractionDigits: 0 })));
      return format.format(value);
    };
    if (minutes < 1) return `< ${unit(1, 'minute')}`;
    if (minutes < 60) return unit(Math.round(minutes), 'minute');
    const totalMinutes = Math.round(minutes);
    if (totalMinutes < 24 * 60) {
      const h = Math.floor(totalMinutes / 60);
      const m = totalMinutes % 60;
      return m === 0 ? unit(h, 'hour') : `${unit(h, 'hour')} ${unit(m, 'minute')}`;
    }
    const totalHours = Math.round(minutes / 60);
    const d = Math.floor(totalHours / 24);
    const h = totalHours % 24;
    return h === 0 ? unit(d, 'day') : `${unit(d, 'day')} ${unit(h, 'hour')}`;
  }
}
