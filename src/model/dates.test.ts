import { expect } from '@open-wc/testing';
import {
  addMonths,
  civilFromDay,
  dayFromCivil,
  daysInMonth,
  endOfMonth,
  formatIsoDate,
  isIsoDate,
  isLeapYear,
  parseIsoDate,
  startOfMonth,
} from './dates.js';

/** The day number of a date read by the platform, as an independent check. */
const utcDay = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

describe('dates', () => {
  describe('parseIsoDate and formatIsoDate', () => {
    const cases: [string, number][] = [
      ['1970-01-01', 0],
      ['1970-01-02', 1],
      ['1969-12-31', -1],
      ['1900-01-01', -25_567],
      ['2000-02-29', 11_016],
      ['2000-03-01', 11_017],
      ['2026-03-29', 20_541],
      ['2200-12-31', utcDay('2200-12-31')],
      ['0000-01-01', -719_528],
      ['0001-01-01', -719_162],
      ['9999-12-31', 2_932_896],
    ];
    for (const [iso, day] of cases) {
      it(`${iso} is day ${day}`, () => {
        expect(parseIsoDate(iso)).to.equal(day);
        expect(formatIsoDate(day)).to.equal(iso);
      });
    }

    it('agrees with Date.UTC on every day from 1600 to 2400', () => {
      const first = utcDay('1600-01-01');
      const last = utcDay('2400-12-31');
      for (let day = first; day <= last; day++) {
        const expected = new Date(day * 86_400_000).toISOString().slice(0, 10);
        const written = formatIsoDate(day);
        if (written !== expected) expect(written, `day ${day}`).to.equal(expected);
        const read = parseIsoDate(expected);
        if (read !== day) expect(read, expected).to.equal(day);
      }
    });

    const invalid: [unknown, string][] = [
      ['2026-02-30', '"2026-02-30" is not a valid date (YYYY-MM-DD): February 2026 has days 01 to 28'],
      ['2025-02-29', '"2025-02-29" is not a valid date (YYYY-MM-DD): February 2025 has days 01 to 28'],
      ['2026-04-31', '"2026-04-31" is not a valid date (YYYY-MM-DD): April 2026 has days 01 to 30'],
      ['2026-01-00', '"2026-01-00" is not a valid date (YYYY-MM-DD): January 2026 has days 01 to 31'],
      ['2026-13-01', '"2026-13-01" is not a valid date (YYYY-MM-DD): the month must be 01 to 12'],
      ['2026-00-10', '"2026-00-10" is not a valid date (YYYY-MM-DD): the month must be 01 to 12'],
      ['2026-1-01', '"2026-1-01" is not a valid date (YYYY-MM-DD)'],
      ['26-01-01', '"26-01-01" is not a valid date (YYYY-MM-DD)'],
      ['2026/01/01', '"2026/01/01" is not a valid date (YYYY-MM-DD)'],
      ['2026-01-01T00:00', '"2026-01-01T00:00" is not a valid date (YYYY-MM-DD)'],
      [' 2026-01-01', '" 2026-01-01" is not a valid date (YYYY-MM-DD)'],
      ['2026-01-01\n', '"2026-01-01\\n" is not a valid date (YYYY-MM-DD)'],
      ['+2026-01-01', '"+2026-01-01" is not a valid date (YYYY-MM-DD)'],
      ['２０２６-01-01', '"２０２６-01-01" is not a valid date (YYYY-MM-DD)'],
      ['', '"" is not a valid date (YYYY-MM-DD)'],
      [20260101, '20260101 is not a valid date (YYYY-MM-DD): expected a string'],
      [null, 'null is not a valid date (YYYY-MM-DD): expected a string'],
      [undefined, 'undefined is not a valid date (YYYY-MM-DD): expected a string'],
    ];
    for (const [input, message] of invalid) {
      it(`refuses ${JSON.stringify(input) ?? 'undefined'}`, () => {
        expect(() => parseIsoDate(input as string)).to.throw(RangeError).with.property('message', message);
        expect(isIsoDate(input)).to.equal(false);
      });
    }

    it('isIsoDate accepts existing dates only', () => {
      expect(isIsoDate('2024-02-29')).to.equal(true);
      expect(isIsoDate('2000-02-29')).to.equal(true);
      expect(isIsoDate('1900-02-29')).to.equal(false);
      expect(isIsoDate('2100-02-29')).to.equal(false);
      expect(isIsoDate(new Date(0))).to.equal(false);
    });

    const badDays: number[] = [0.5, Number.NaN, Number.POSITIVE_INFINITY, -719_529, 2_932_897];
    for (const day of badDays) {
      it(`formatIsoDate refuses day ${day}`, () => {
        expect(() => formatIsoDate(day)).to.throw(RangeError, 'is not a whole number of days within years 0000–9999');
      });
    }
  });

  describe('calendar helpers', () => {
    it('knows leap years and month lengths', () => {
      expect([1900, 2000, 2023, 2024, 2100, 2400].map(isLeapYear)).to.deep.equal([false, true, false, true, false, true]);
      expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2026, m))).to.deep.equal([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
      expect(daysInMonth(2028, 2)).to.equal(29);
    });

    it('dayFromCivil counts a day past the month end on into the next month', () => {
      expect(dayFromCivil(2029, 2, 29)).to.equal(parseIsoDate('2029-03-01'));
      expect(dayFromCivil(2026, 4, 31)).to.equal(parseIsoDate('2026-05-01'));
      expect(civilFromDay(parseIsoDate('2028-02-29'))).to.deep.equal({ year: 2028, month: 2, day: 29 });
      expect(civilFromDay(-1)).to.deep.equal({ year: 1969, month: 12, day: 31 });
    });

    const months: [string, number, string][] = [
      ['2026-01-31', 1, '2026-02-28'],
      ['2028-01-31', 1, '2028-02-29'],
      ['2026-03-31', -1, '2026-02-28'],
      ['2026-01-15', -1, '2025-12-15'],
      ['2026-12-31', 2, '2027-02-28'],
      ['2024-02-29', 12, '2025-02-28'],
      ['2024-02-29', 48, '2028-02-29'],
      ['2026-05-31', -25, '2024-04-30'],
      ['2026-03-29', 0, '2026-03-29'],
    ];
    for (const [from, n, to] of months) {
      it(`addMonths(${from}, ${n}) = ${to}`, () => {
        expect(formatIsoDate(addMonths(parseIsoDate(from), n))).to.equal(to);
      });
    }

    const monthBounds: [string, string, string][] = [
      ['2026-03-29', '2026-03-01', '2026-03-31'],
      ['2028-02-10', '2028-02-01', '2028-02-29'],
      ['2026-02-01', '2026-02-01', '2026-02-28'],
      ['1969-12-31', '1969-12-01', '1969-12-31'],
    ];
    for (const [day, first, last] of monthBounds) {
      it(`the month of ${day} runs ${first}..${last}`, () => {
        expect(formatIsoDate(startOfMonth(parseIsoDate(day)))).to.equal(first);
        expect(formatIsoDate(endOfMonth(parseIsoDate(day)))).to.equal(last);
      });
    }
  });
});
