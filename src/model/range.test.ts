import { expect } from '@open-wc/testing';
import type { DateRange, RangePreset } from './report.js';
import {
  FIRST_RANGE_DATE,
  MAX_RANGE_YEARS,
  RANGE_PRESETS,
  endsAfterToday,
  isRangePreset,
  parseRange,
  pickableDates,
  presetRange,
  previousRange,
  rangeDays,
  rangeLabel,
  todayIn,
  validateRange,
} from './range.js';

const at = (iso: string): number => Date.parse(iso);

describe('date ranges', () => {
  it('knows the five presets', () => {
    expect(RANGE_PRESETS).to.deep.equal(['7d', '30d', '90d', 'this_month', 'last_month']);
    expect(Object.isFrozen(RANGE_PRESETS)).to.equal(true);
    for (const preset of RANGE_PRESETS) expect(isRangePreset(preset), preset).to.equal(true);
    for (const other of ['7D', '1d', 'last_week', '', ' 7d', 7, null, undefined, { preset: '7d' }]) {
      expect(isRangePreset(other), String(other)).to.equal(false);
    }
  });

  describe('todayIn', () => {
    // [zone, now, today]
    const cases: [string, string, string][] = [
      // One instant, two dates: already tomorrow in Auckland, still today in Los Angeles.
      ['Pacific/Auckland', '2026-03-31T11:00:00Z', '2026-04-01'],
      ['America/Los_Angeles', '2026-03-31T11:00:00Z', '2026-03-31'],
      ['UTC', '2026-03-31T11:00:00Z', '2026-03-31'],
      ['Europe/Berlin', '2026-03-31T21:59:59.999Z', '2026-03-31'],
      ['Europe/Berlin', '2026-03-31T22:00:00Z', '2026-04-01'],
      ['+05:30', '2026-03-31T18:29:59.999Z', '2026-03-31'],
      ['+05:30', '2026-03-31T18:30:00Z', '2026-04-01'],
      ['-03:00', '2026-01-01T02:59:59.999Z', '2025-12-31'],
      ['Australia/Lord_Howe', '2026-03-31T12:59:59.999Z', '2026-03-31'],
      ['Australia/Lord_Howe', '2026-03-31T13:00:00Z', '2026-04-01'],
    ];
    for (const [zone, now, today] of cases) {
      it(`is ${today} in ${zone} at ${now}`, () => {
        expect(todayIn(zone, at(now))).to.equal(today);
      });
    }

    it('refuses a clock that is not a number of milliseconds and an unknown zone', () => {
      expect(() => todayIn('UTC', Number.NaN)).to.throw(RangeError, '"now" must be an instant in epoch milliseconds; got NaN.');
      expect(() => todayIn('UTC', '2026-03-31' as unknown as number)).to.throw(RangeError, '"now" must be an instant');
      expect(() => todayIn('Mars/Base', 0)).to.throw(RangeError, 'Unknown time zone "Mars/Base"');
    });
  });

  describe('presetRange', () => {
    // [zone, now (an instant on the local date named), preset → range]
    const cases: [string, string, string, Record<RangePreset, string>][] = [
      [
        'Europe/Berlin',
        '2026-03-31T21:30:00Z',
        '2026-03-31 (end of a month)',
        {
          '7d': '2026-03-25..2026-03-31',
          '30d': '2026-03-02..2026-03-31',
          '90d': '2026-01-01..2026-03-31',
          this_month: '2026-03-01..2026-03-31',
          last_month: '2026-02-01..2026-02-28',
        },
      ],
      [
        'Pacific/Auckland',
        '2025-12-31T11:30:00Z',
        '2026-01-01 (last month is in the year before)',
        {
          '7d': '2025-12-26..2026-01-01',
          '30d': '2025-12-03..2026-01-01',
          '90d': '2025-10-04..2026-01-01',
          this_month: '2026-01-01..2026-01-01',
          last_month: '2025-12-01..2025-12-31',
        },
      ],
      [
        'UTC',
        '2024-02-29T12:00:00Z',
        '2024-02-29 (a leap day)',
        {
          '7d': '2024-02-23..2024-02-29',
          '30d': '2024-01-31..2024-02-29',
          '90d': '2023-12-02..2024-02-29',
          this_month: '2024-02-01..2024-02-29',
          last_month: '2024-01-01..2024-01-31',
        },
      ],
      [
        'America/New_York',
        '2028-03-02T04:59:59Z',
        '2028-03-01 (the month after a leap February)',
        {
          '7d': '2028-02-24..2028-03-01',
          '30d': '2028-02-01..2028-03-01',
          '90d': '2027-12-03..2028-03-01',
          this_month: '2028-03-01..2028-03-01',
          last_month: '2028-02-01..2028-02-29',
        },
      ],
      [
        '+05:30',
        '2026-03-08T18:30:00Z',
        '2026-03-09',
        {
          '7d': '2026-03-03..2026-03-09',
          '30d': '2026-02-08..2026-03-09',
          '90d': '2025-12-10..2026-03-09',
          this_month: '2026-03-01..2026-03-09',
          last_month: '2026-02-01..2026-02-28',
        },
      ],
    ];
    for (const [zone, now, today, expected] of cases) {
      it(`on ${today} in ${zone}`, () => {
        const got = Object.fromEntries(RANGE_PRESETS.map((p) => [p, rangeLabel(presetRange(p, zone, at(now)))]));
        expect(got).to.deep.equal(expected);
      });
    }

    it('spans exactly 7, 30 and 90 days ending today, for every day of 2027–2028', () => {
      for (let ms = at('2027-01-01T12:00:00Z'); ms < at('2029-01-01T00:00:00Z'); ms += 86_400_000) {
        const today = todayIn('UTC', ms);
        for (const [preset, days] of [['7d', 7], ['30d', 30], ['90d', 90]] as const) {
          const r = presetRange(preset, 'UTC', ms);
          if (r.end !== today || rangeDays(r) !== days) expect({ preset, ...r }).to.deep.equal({ preset, start: '(spans ' + days + ')', end: today });
        }
      }
    });

    it('refuses an unknown preset', () => {
      expect(() => presetRange('1y' as RangePreset, 'UTC', 0)).to.throw(
        RangeError,
        'Unknown range preset "1y". Use one of 7d, 30d, 90d, this_month, last_month.',
      );
    });
  });

  describe('parseRange', () => {
    const opts = { timeZone: 'Pacific/Auckland', now: at('2026-03-31T11:00:00Z') }; // 2026-04-01 in Auckland

    it('reads a preset in the given zone with the given clock', () => {
      expect(parseRange('7d', opts)).to.deep.equal({ start: '2026-03-26', end: '2026-04-01' });
      expect(parseRange('last_month', opts)).to.deep.equal({ start: '2026-03-01', end: '2026-03-31' });
      expect(parseRange('this_month', { ...opts, timeZone: 'America/Los_Angeles' })).to.deep.equal({ start: '2026-03-01', end: '2026-03-31' });
    });

    it('reads "start..end" and a { start, end } object', () => {
      expect(parseRange('2026-03-01..2026-03-07', opts)).to.deep.equal({ start: '2026-03-01', end: '2026-03-07' });
      expect(parseRange('2026-03-01..2026-03-01', opts)).to.deep.equal({ start: '2026-03-01', end: '2026-03-01' });
      expect(parseRange({ start: '2026-03-01', end: '2026-03-07' }, opts)).to.deep.equal({ start: '2026-03-01', end: '2026-03-07' });
    });

    const refused: [string, unknown, string][] = [
      ['an unknown name', 'last_week', 'Unknown date range "last_week". Use a preset (7d, 30d, 90d, this_month, last_month), "YYYY-MM-DD..YYYY-MM-DD" or an object { start, end } with dates "YYYY-MM-DD".'],
      ['an empty string', '', 'Unknown date range "". Use a preset'],
      ['a single date', '2026-03-01', 'Unknown date range "2026-03-01". Use a preset'],
      ['a preset in capitals', '7D', 'Unknown date range "7D"'],
      ['another separator', '2026-03-01/2026-03-07', 'Unknown date range "2026-03-01/2026-03-07"'],
      ['a missing end', '2026-03-01..', 'The range end "" is not a valid date (YYYY-MM-DD).'],
      ['a bad start', '2026-3-1..2026-03-07', 'The range start "2026-3-1" is not a valid date (YYYY-MM-DD).'],
      ['spaces', '2026-03-01 .. 2026-03-07', 'The range start "2026-03-01 " is not a valid date (YYYY-MM-DD).'],
      ['a date that does not exist', '2026-02-30..2026-03-07', 'The range start "2026-02-30" is not a valid date (YYYY-MM-DD): February 2026 has days 01 to 28.'],
      ['a reversed range', '2026-03-07..2026-03-01', 'The range starts on 2026-03-07, after its end 2026-03-01: the start must be on or before the end.'],
      [
        'more than five years',
        '2021-04-01..2026-04-01',
        'The range 2021-04-01..2026-04-01 spans 1827 days, more than 5 years: a range starting 2021-04-01 may end on 2026-03-31 at the latest.',
      ],
      ['a number', 30, 'A date range must be a preset (7d, 30d, 90d, this_month, last_month), "YYYY-MM-DD..YYYY-MM-DD" or an object { start, end } with dates "YYYY-MM-DD"; got 30.'],
      ['null', null, 'A date range must be a preset'],
      ['an array', ['2026-03-01', '2026-03-07'], 'A date range must be a preset'],
      ['an object without end', { start: '2026-03-01' }, 'The range has no end: expected a date "YYYY-MM-DD".'],
      ['an object without start', { end: '2026-03-01' }, 'The range has no start: expected a date "YYYY-MM-DD".'],
      ['a Date as start', { start: new Date(0), end: '2026-03-01' }, 'The range start an object is not a valid date (YYYY-MM-DD): expected a string.'],
      ['a number as end', { start: '2026-03-01', end: 20260307 }, 'The range end 20260307 is not a valid date (YYYY-MM-DD): expected a string.'],
    ];
    for (const [what, input, message] of refused) {
      it(`refuses ${what}`, () => {
        expect(() => parseRange(input as string, opts)).to.throw(RangeError, message);
      });
    }

    it('refuses a preset when the zone or the clock is wrong', () => {
      expect(() => parseRange('7d', { timeZone: 'Mars/Base', now: 0 })).to.throw(RangeError, 'Unknown time zone "Mars/Base"');
      expect(() => parseRange('7d', { timeZone: 'UTC', now: Number.NaN })).to.throw(RangeError, '"now" must be an instant');
    });
  });

  describe('pickable ranges', () => {
    // 2026-11-24 23:30 UTC: already 2026-11-25 in Berlin.
    const now = at('2026-11-24T23:30:00Z');

    it('run from the first range date to today in the zone', () => {
      expect(pickableDates('UTC', now)).to.deep.equal({ start: FIRST_RANGE_DATE, end: '2026-11-24' });
      expect(pickableDates('Europe/Berlin', now)).to.deep.equal({ start: '1970-01-01', end: '2026-11-25' });
    });

  });

  describe('endsAfterToday', () => {
    it('accepts a range ending today or before, refuses one ending on a later day', () => {
      expect(endsAfterToday({ end: '2026-11-24' }, '2026-11-24')).to.equal(false);
      expect(endsAfterToday({ end: '2026-11-23' }, '2026-11-24')).to.equal(false);
      expect(endsAfterToday({ end: '2026-11-25' }, '2026-11-24')).to.equal(true);
      // Across a month and a year end.
      expect(endsAfterToday({ end: '2026-12-01' }, '2026-11-30')).to.equal(true);
      expect(endsAfterToday({ end: '2027-01-01' }, '2026-12-31')).to.equal(true);
      expect(endsAfterToday({ end: '2026-12-31' }, '2027-01-01')).to.equal(false);
    });

    it("is decided by today in the site's zone, not UTC's", () => {
      const now = at('2026-11-24T12:00:00Z');
      const lastPreset = presetRange('7d', 'Pacific/Kiritimati', now);
      expect(lastPreset.end).to.equal('2026-11-25');
      expect(endsAfterToday(lastPreset, todayIn('Pacific/Kiritimati', now))).to.equal(false);
      expect(endsAfterToday(lastPreset, todayIn('UTC', now))).to.equal(true);
    });
  });

  describe('validateRange', () => {
    // Five years at most: the end comes before the same calendar date five years after the start.
    const spans: [string, string, boolean][] = [
      ['2021-04-01', '2026-03-31', true],
      ['2021-04-01', '2026-04-01', false],
      ['2021-01-01', '2025-12-31', true],
      ['2021-01-01', '2026-01-01', false],
      ['2024-02-29', '2029-02-28', true],
      ['2024-02-29', '2029-03-01', false],
      ['2023-03-01', '2028-02-29', true],
      ['2023-03-01', '2028-03-01', false],
      ['2026-03-01', '2026-03-01', true],
    ];
    for (const [start, end, ok] of spans) {
      it(`${ok ? 'accepts' : 'refuses'} ${start}..${end}`, () => {
        if (ok) expect(validateRange({ start, end })).to.deep.equal({ start, end });
        else expect(() => validateRange({ start, end })).to.throw(RangeError, `more than ${MAX_RANGE_YEARS} years`);
      });
    }

    it('returns a clean copy', () => {
      const input = { start: '2026-03-01', end: '2026-03-07', extra: 1 };
      const out = validateRange(input);
      expect(out).to.deep.equal({ start: '2026-03-01', end: '2026-03-07' });
      expect(out).not.to.equal(input);
    });

    it('refuses what is not an object', () => {
      expect(() => validateRange('2026-03-01..2026-03-07')).to.throw(
        RangeError,
        'A date range must be an object { start, end } with dates "YYYY-MM-DD"; got "2026-03-01..2026-03-07".',
      );
      expect(() => validateRange(undefined)).to.throw(RangeError, 'got undefined.');
    });
  });

  describe('previous period, length and label', () => {
    // [range, previous range, days]
    const cases: [string, string, number][] = [
      ['2026-03-01..2026-03-07', '2026-02-22..2026-02-28', 7],
      ['2026-03-15..2026-03-15', '2026-03-14..2026-03-14', 1],
      ['2026-01-01..2026-01-31', '2025-12-01..2025-12-31', 31],
      ['2024-03-01..2024-03-31', '2024-01-30..2024-02-29', 31],
      ['2026-03-01..2026-03-31', '2026-01-29..2026-02-28', 31],
      // The same number of days, not the same calendar span: 2024 had 366.
      ['2025-01-01..2025-12-31', '2024-01-02..2024-12-31', 365],
      ['2021-04-01..2026-03-31', '2016-04-01..2021-03-31', 1826],
    ];
    const asRange = (label: string): DateRange => {
      const [start, end] = label.split('..') as [string, string];
      return { start, end };
    };
    for (const [range, previous, days] of cases) {
      it(`${range} has ${days} days and follows ${previous}`, () => {
        const r = asRange(range);
        expect(rangeDays(r)).to.equal(days);
        expect(previousRange(r)).to.deep.equal(asRange(previous));
        expect(rangeDays(previousRange(r))).to.equal(days);
      });
    }

    it('labels a preset by its name and a range by its dates', () => {
      expect(rangeLabel('30d')).to.equal('30d');
      expect(rangeLabel('last_month')).to.equal('last_month');
      expect(rangeLabel({ start: '2026-03-01', end: '2026-03-07' })).to.equal('2026-03-01..2026-03-07');
    });
  });
});
