/**
 * Calendar arithmetic on day numbers: whole days since 1970-01-01 in the
 * proleptic Gregorian calendar, with no time zone. A day number is what the
 * engine buckets on and what a local date `YYYY-MM-DD` stands for; time zones
 * only come in when an instant is mapped to its day (see time-zone.ts).
 *
 * Integer arithmetic only (Howard Hinnant's days-from-civil and
 * civil-from-days), no `Date` and no `Intl`: `formatIsoDate` runs once per
 * table row and must stay cheap.
 */
import { describeValue } from './validate.js';

/** Milliseconds in a day of 24 hours. */
export const DAY_MS = 86_400_000;

/** Day number of 0000-01-01, the first date `formatIsoDate` writes. */
export const FIRST_ISO_DAY = -719_528;
/** Day number of 9999-12-31, the last date `formatIsoDate` writes. */
export const LAST_ISO_DAY = 2_932_896;

/** A calendar date; `month` 1–12, `day` 1–31. */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/**
 * The last dates written, by day number modulo the size: a table of a range
 * writes the same days again (rows, then CSV), and 2048 slots hold a whole
 * five-year range.
 */
const FORMAT_CACHE_SIZE = 2048;
const formattedDays = new Float64Array(FORMAT_CACHE_SIZE).fill(Number.NaN);
const formattedTexts: string[] = new Array<string>(FORMAT_CACHE_SIZE).fill('');
/** '00'…'31', so formatting never pads. */
const TWO_DIGITS = Array.from({ length: 32 }, (_, i) => (i < 10 ? `0${i}` : String(i)));

export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** Days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * The day number of a calendar date. `month` must be 1–12; `day` may run past
 * the end of the month and then counts on into the next one (February 29 of a
 * common year is March 1), which is what "the same date N years later" means
 * in `range.ts`.
 */
export function dayFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400; // 0…399
  const shiftedMonth = month > 2 ? month - 3 : month + 9; // March = 0, so the leap day comes last
  const dayOfYear = Math.floor((153 * shiftedMonth + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The calendar date of a day number. */
export function civilFromDay(dayNumber: number): CivilDate {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097; // 0…146096
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/**
 * `'YYYY-MM-DD'` → day number. Throws a RangeError naming the input for
 * anything else: another format, a month outside 01–12 or a day the month
 * does not have (`2026-02-30`).
 */
export function parseIsoDate(s: string): number {
  const problem = isoDateProblem(s);
  if (problem !== undefined) throw new RangeError(problem);
  return dayFromCivil(Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10)));
}

/** True for a string `YYYY-MM-DD` naming a date that exists. */
export function isIsoDate(s: unknown): s is string {
  return isoDateProblem(s) === undefined;
}

/**
 * Day number → `'YYYY-MM-DD'`, the inverse of `parseIsoDate`. Throws a
 * RangeError for a day that is not a whole number or outside years 0000–9999.
 */
export function formatIsoDate(day: number): string {
  if (!Number.isInteger(day) || day < FIRST_ISO_DAY || day > LAST_ISO_DAY) {
    throw new RangeError(`Day number ${describeValue(day)} is not a whole number of days within years 0000–9999`);
  }
  const slot = day & (FORMAT_CACHE_SIZE - 1);
  if (formattedDays[slot] === day) return formattedTexts[slot]!;
  // civilFromDay inlined: this runs once per row. All operands are small
  // non-negative integers here, so `| 0` truncation equals Math.floor.
  // Shifted by one 400-year era so that January and February of year 0000
  // (before the era's March 1 start) stay non-negative.
  const z = day + 719_468 + 146_097;
  const era = (z / 146_097) | 0;
  const dayOfEra = z - era * 146_097;
  const yearOfEra = ((dayOfEra - ((dayOfEra / 1460) | 0) + ((dayOfEra / 36_524) | 0) - ((dayOfEra / 146_096) | 0)) / 365) | 0;
  const dayOfYear = dayOfEra - (365 * yearOfEra + ((yearOfEra / 4) | 0) - ((yearOfEra / 100) | 0));
  const shiftedMonth = ((5 * dayOfYear + 2) / 153) | 0;
  const dayOfMonth = dayOfYear - (((153 * shiftedMonth + 2) / 5) | 0) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + (era - 1) * 400 + (month <= 2 ? 1 : 0);
  const yyyy = year >= 1000 ? String(year) : String(year).padStart(4, '0');
  const text = `${yyyy}-${TWO_DIGITS[month]!}-${TWO_DIGITS[dayOfMonth]!}`;
  formattedDays[slot] = day;
  formattedTexts[slot] = text;
  return text;
}

/** The first day of the month `day` is in. */
export function startOfMonth(day: number): number {
  const { year, month } = civilFromDay(day);
  return dayFromCivil(year, month, 1);
}

/** The last day of the month `day` is in. */
export function endOfMonth(day: number): number {
  const { year, month } = civilFromDay(day);
  return dayFromCivil(year, month, daysInMonth(year, month));
}

/**
 * The same day of the month `months` months later (earlier when negative),
 * clamped to the end of a shorter month: 2026-01-31 + 1 month = 2026-02-28.
 */
export function addMonths(day: number, months: number): number {
  const date = civilFromDay(day);
  const monthIndex = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  return dayFromCivil(year, month, Math.min(date.day, daysInMonth(year, month)));
}

/** Why `s` is not a valid `YYYY-MM-DD` date, or undefined when it is. */
function isoDateProblem(s: unknown): string | undefined {
  if (typeof s !== 'string') return `${describeValue(s)} is not a valid date (YYYY-MM-DD): expected a string`;
  const match = ISO_DATE.exec(s);
  if (match === null) return `${describeValue(s)} is not a valid date (YYYY-MM-DD)`;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12) return `${describeValue(s)} is not a valid date (YYYY-MM-DD): the month must be 01 to 12`;
  const length = daysInMonth(year, month);
  if (day < 1 || day > length) {
    return `${describeValue(s)} is not a valid date (YYYY-MM-DD): ${MONTH_NAMES[month - 1]!} ${match[1]!} has days 01 to ${length}`;
  }
  return undefined;
}
