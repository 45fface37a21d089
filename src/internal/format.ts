import { parseIsoDate } from '../model/dates.js';
import type { DateRange } from '../model/report.js';
import { resolveLocale } from './locale.js';

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
  /** Unit formats for durations, made on first use. */
  private readonly units = new Map<string, Intl.NumberFormat>();

  /** `locale` as a page gives it: `en_US` reads as `en-US`, anything unusable as English, nothing as the runtime's default. */
  constructor(locale?: string) {
    this.locale = resolveLocale(locale) ?? new Intl.NumberFormat().resolvedOptions().locale;
    this.integer = new Intl.NumberFormat(this.locale, { maximumFractionDigits: 0 });
    this.decimal = new Intl.NumberFormat(this.locale, { minimumFractionDigits: 0, maximumFractionDigits: 2 });
    this.percent = new Intl.NumberFormat(this.locale, { style: 'percent', maximumFractionDigits: 1 });
    this.signedPercent = new Intl.NumberFormat(this.locale, { style: 'percent', maximumFractionDigits: 2, signDisplay: 'exceptZero' });
    this.dateLong = new Intl.DateTimeFormat(this.locale, { timeZone: 'UTC', dateStyle: 'medium' });
    this.dateShort = new Intl.DateTimeFormat(this.locale, { timeZone: 'UTC', month: 'short', day: 'numeric' });
    this.monthYear = new Intl.DateTimeFormat(this.locale, { timeZone: 'UTC', month: 'short', year: 'numeric' });
  }

  /** 1234 → "1,234". */
  count(value: number): string {
    return this.integer.format(value);
  }

  /** 1.5 → "1.5"; up to two decimals. Also ratios that can pass 1, such as replies per post (2.8367 → "2.84"). */
  number(value: number): string {
    return this.decimal.format(value);
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
    return new Intl.DateTimeFormat(this.locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(epochMs);
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
