import { expect } from '@open-wc/testing';
import { mulberry32 } from '../../test/random-streams.js';
import { formatIsoDate, parseIsoDate } from './dates.js';
import { dayBucketer, normalizeTimeZone } from './time-zone.js';

const HOUR = 3_600_000;
const at = (iso: string): number => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad instant in a test: ${iso}`);
  return ms;
};

/** The local date of an instant as `Intl` reads it, independently of the bucketer; fixed offsets by plain arithmetic. */
const readers = new Map<string, Intl.DateTimeFormat>();
function referenceDate(timeZone: string, ms: number): string {
  const fixed = /^([+-])(\d{2}):(\d{2})$/.exec(timeZone);
  if (fixed) {
    const offset = (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3])) * 60_000;
    return new Date(ms + offset).toISOString().slice(0, 10);
  }
  let reader = readers.get(timeZone);
  if (!reader) {
    reader = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    readers.set(timeZone, reader);
  }
  const parts = Object.fromEntries(reader.formatToParts(ms).map((p) => [p.type, p.value]));
  return `${parts.year!.padStart(4, '0')}-${parts.month!}-${parts.day!}`;
}

describe('time zones', () => {
  it('runs in a browser pinned to another zone, so a leak of the browser zone would show', () => {
    expect(new Intl.DateTimeFormat().resolvedOptions().timeZone).to.equal('Pacific/Auckland');
  });

  describe('normalizeTimeZone', () => {
    const accepted: [string, string][] = [
      ['Europe/Berlin', 'Europe/Berlin'],
      ['europe/berlin', 'Europe/Berlin'],
      ['AMERICA/NEW_YORK', 'America/New_York'],
      ['UTC', 'UTC'],
      ['utc', 'UTC'],
      ['Etc/UTC', 'Etc/UTC'],
      ['Asia/Kolkata', 'Asia/Kolkata'],
      ['asia/kolkata', 'Asia/Kolkata'],
      ['Asia/Calcutta', 'Asia/Calcutta'],
      ['Europe/Kyiv', 'Europe/Kyiv'],
      ['America/Argentina/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
      ['Australia/Lord_Howe', 'Australia/Lord_Howe'],
      ['Etc/GMT+5', 'Etc/GMT+5'],
      ['+05:30', '+05:30'],
      ['-03:00', '-03:00'],
      ['+00:00', '+00:00'],
      ['-00:00', '+00:00'],
      ['+0530', '+05:30'],
      ['+14:00', '+14:00'],
      ['-12:00', '-12:00'],
      ['+05:45', '+05:45'],
    ];
    for (const [input, expected] of accepted) {
      it(`reads ${JSON.stringify(input)} as ${JSON.stringify(expected)}`, () => {
        expect(normalizeTimeZone(input)).to.equal(expected);
      });
    }

    const refused: unknown[] = ['Mars/Base', '', ' Europe/Berlin', 'Europe/Berlin ', '+24:00', '+05:60', '+5:30', '05:30', '+05', 'UTC+5', 'Z', 42, null, undefined];
    for (const input of refused) {
      it(`refuses ${JSON.stringify(input) ?? 'undefined'}`, () => {
        expect(() => normalizeTimeZone(input as string)).to.throw(RangeError, 'Use an IANA name such as "Europe/Berlin" or an offset such as "+05:30".');
      });
    }

    it('says exactly what is wrong and what is accepted', () => {
      expect(() => normalizeTimeZone('Mars/Base'))
        .to.throw(RangeError)
        .with.property('message', 'Unknown time zone "Mars/Base". Use an IANA name such as "Europe/Berlin" or an offset such as "+05:30".');
    });
  });

  describe('dayBucketer', () => {
    it('is shared per zone, whatever the spelling', () => {
      const berlin = dayBucketer('Europe/Berlin');
      expect(dayBucketer('europe/berlin')).to.equal(berlin);
      expect(berlin.timeZone).to.equal('Europe/Berlin');
      expect(dayBucketer('+0530')).to.equal(dayBucketer('+05:30'));
      expect(dayBucketer('+0530').timeZone).to.equal('+05:30');
      expect(() => dayBucketer('Mars/Base')).to.throw(RangeError, 'Unknown time zone "Mars/Base"');
    });

    // [zone, instant, local date]: just around local midnights and clock changes.
    const days: [string, string, string][] = [
      // Berlin, 2026-03-29 (23 h): CET until 01:00Z (02:00 → 03:00 CEST).
      ['Europe/Berlin', '2026-03-28T22:59:59.999Z', '2026-03-28'],
      ['Europe/Berlin', '2026-03-28T23:00:00.000Z', '2026-03-29'],
      ['Europe/Berlin', '2026-03-29T00:59:59.999Z', '2026-03-29'],
      ['Europe/Berlin', '2026-03-29T01:00:00.000Z', '2026-03-29'],
      ['Europe/Berlin', '2026-03-29T21:59:59.999Z', '2026-03-29'],
      ['Europe/Berlin', '2026-03-29T22:00:00.000Z', '2026-03-30'],
      // Berlin, 2026-10-25 (25 h): CEST until 01:00Z (03:00 → 02:00 CET).
      ['Europe/Berlin', '2026-10-24T21:59:59.999Z', '2026-10-24'],
      ['Europe/Berlin', '2026-10-24T22:00:00.000Z', '2026-10-25'],
      ['Europe/Berlin', '2026-10-25T00:59:59.999Z', '2026-10-25'],
      ['Europe/Berlin', '2026-10-25T01:00:00.000Z', '2026-10-25'],
      ['Europe/Berlin', '2026-10-25T22:59:59.999Z', '2026-10-25'],
      ['Europe/Berlin', '2026-10-25T23:00:00.000Z', '2026-10-26'],
      // New York, 2026-03-08 (23 h) and 2026-11-01 (25 h).
      ['America/New_York', '2026-03-08T04:59:59.999Z', '2026-03-07'],
      ['America/New_York', '2026-03-08T05:00:00.000Z', '2026-03-08'],
      ['America/New_York', '2026-03-08T07:00:00.000Z', '2026-03-08'],
      ['America/New_York', '2026-03-09T03:59:59.999Z', '2026-03-08'],
      ['America/New_York', '2026-03-09T04:00:00.000Z', '2026-03-09'],
      ['America/New_York', '2026-11-01T03:59:59.999Z', '2026-10-31'],
      ['America/New_York', '2026-11-01T04:00:00.000Z', '2026-11-01'],
      ['America/New_York', '2026-11-01T06:00:00.000Z', '2026-11-01'],
      ['America/New_York', '2026-11-02T04:59:59.999Z', '2026-11-01'],
      ['America/New_York', '2026-11-02T05:00:00.000Z', '2026-11-02'],
      // Kolkata, +05:30 all year.
      ['Asia/Kolkata', '2026-03-28T18:29:59.999Z', '2026-03-28'],
      ['Asia/Kolkata', '2026-03-28T18:30:00.000Z', '2026-03-29'],
      ['Asia/Kathmandu', '2026-03-28T18:14:59.999Z', '2026-03-28'],
      ['Asia/Kathmandu', '2026-03-28T18:15:00.000Z', '2026-03-29'],
      // Adelaide: +10:30 in summer, +09:30 in winter.
      ['Australia/Adelaide', '2026-01-14T13:29:59.999Z', '2026-01-14'],
      ['Australia/Adelaide', '2026-01-14T13:30:00.000Z', '2026-01-15'],
      ['Australia/Adelaide', '2026-07-14T14:29:59.999Z', '2026-07-14'],
      ['Australia/Adelaide', '2026-07-14T14:30:00.000Z', '2026-07-15'],
      // Lord Howe: +11:00 in summer, +10:30 in winter; the clock moves 30 minutes.
      ['Australia/Lord_Howe', '2026-04-04T12:59:59.999Z', '2026-04-04'],
      ['Australia/Lord_Howe', '2026-04-04T13:00:00.000Z', '2026-04-05'],
      ['Australia/Lord_Howe', '2026-04-04T14:59:59.999Z', '2026-04-05'],
      ['Australia/Lord_Howe', '2026-04-04T15:00:00.000Z', '2026-04-05'],
      ['Australia/Lord_Howe', '2026-04-05T13:29:59.999Z', '2026-04-05'],
      ['Australia/Lord_Howe', '2026-04-05T13:30:00.000Z', '2026-04-06'],
      ['Australia/Lord_Howe', '2026-10-03T13:29:59.999Z', '2026-10-03'],
      ['Australia/Lord_Howe', '2026-10-03T13:30:00.000Z', '2026-10-04'],
      ['Australia/Lord_Howe', '2026-10-04T12:59:59.999Z', '2026-10-04'],
      ['Australia/Lord_Howe', '2026-10-04T13:00:00.000Z', '2026-10-05'],
      // Fixed offsets.
      ['+05:30', '2026-03-28T18:29:59.999Z', '2026-03-28'],
      ['+05:30', '2026-03-28T18:30:00.000Z', '2026-03-29'],
      ['-03:00', '2026-03-29T02:59:59.999Z', '2026-03-28'],
      ['-03:00', '2026-03-29T03:00:00.000Z', '2026-03-29'],
      ['+00:00', '2026-03-28T23:59:59.999Z', '2026-03-28'],
      ['UTC', '2026-03-29T00:00:00.000Z', '2026-03-29'],
      ['UTC', '1969-12-31T23:59:59.999Z', '1969-12-31'],
      // The same instant is a different date in Auckland and Los Angeles.
      ['Pacific/Auckland', '2026-03-31T11:00:00.000Z', '2026-04-01'],
      ['America/Los_Angeles', '2026-03-31T11:00:00.000Z', '2026-03-31'],
      // Historic: Sao Paulo skipped midnight (00:00 → 01:00), Asuncion fell back from midnight to 23:00.
      ['America/Sao_Paulo', '2018-11-04T02:59:59.999Z', '2018-11-03'],
      ['America/Sao_Paulo', '2018-11-04T03:00:00.000Z', '2018-11-04'],
      ['America/Asuncion', '2024-03-24T02:59:59.999Z', '2024-03-23'],
      ['America/Asuncion', '2024-03-24T03:00:00.000Z', '2024-03-23'],
      ['America/Asuncion', '2024-03-24T04:00:00.000Z', '2024-03-24'],
      // Samoa skipped 2011-12-30 altogether.
      ['Pacific/Apia', '2011-12-30T09:59:59.999Z', '2011-12-29'],
      ['Pacific/Apia', '2011-12-30T10:00:00.000Z', '2011-12-31'],
      // Monrovia kept -00:44:30 until 1972: offsets in seconds.
      ['Africa/Monrovia', '1971-06-01T00:44:29.999Z', '1971-05-31'],
      ['Africa/Monrovia', '1971-06-01T00:44:30.000Z', '1971-06-01'],
      // Kolkata on Madras time (+05:21:10) before 1906, and the far future.
      ['Asia/Kolkata', '1900-06-01T18:38:49.999Z', '1900-06-01'],
      ['Asia/Kolkata', '1900-06-01T18:38:50.000Z', '1900-06-02'],
      ['Europe/Berlin', '2199-12-31T22:59:59.999Z', '2199-12-31'],
      ['Europe/Berlin', '2199-12-31T23:00:00.000Z', '2200-01-01'],
    ];
    for (const [zone, instant, date] of days) {
      it(`${instant} is ${date} in ${zone}`, () => {
        expect(formatIsoDate(dayBucketer(zone).dayOf(at(instant)))).to.equal(date);
      });
    }

    // [zone, date, first instant, hours in that date]
    const starts: [string, string, string, number][] = [
      ['Europe/Berlin', '2026-03-29', '2026-03-28T23:00:00Z', 23],
      ['Europe/Berlin', '2026-03-30', '2026-03-29T22:00:00Z', 24],
      ['Europe/Berlin', '2026-10-25', '2026-10-24T22:00:00Z', 25],
      ['America/New_York', '2026-03-08', '2026-03-08T05:00:00Z', 23],
      ['America/New_York', '2026-11-01', '2026-11-01T04:00:00Z', 25],
      ['Asia/Kolkata', '2026-03-29', '2026-03-28T18:30:00Z', 24],
      ['Asia/Kathmandu', '2026-03-29', '2026-03-28T18:15:00Z', 24],
      ['Australia/Adelaide', '2026-04-05', '2026-04-04T13:30:00Z', 25],
      ['Australia/Lord_Howe', '2026-04-05', '2026-04-04T13:00:00Z', 24.5],
      ['Australia/Lord_Howe', '2026-10-04', '2026-10-03T13:30:00Z', 23.5],
      ['+05:30', '2026-03-29', '2026-03-28T18:30:00Z', 24],
      ['-03:00', '2026-03-29', '2026-03-29T03:00:00Z', 24],
      ['UTC', '2026-03-29', '2026-03-29T00:00:00Z', 24],
      // Midnight did not exist: the day starts at the change, 01:00 local.
      ['America/Sao_Paulo', '2018-11-04', '2018-11-04T03:00:00Z', 23],
      // 00:00 became 23:00 of the day before: the day starts when 00:00 comes again.
      ['America/Asuncion', '2024-03-24', '2024-03-24T04:00:00Z', 24],
      ['America/Asuncion', '2024-03-23', '2024-03-23T03:00:00Z', 25],
      // A skipped date has no instant: it starts (and ends) where the next one starts.
      ['Pacific/Apia', '2011-12-29', '2011-12-29T10:00:00Z', 24],
      ['Pacific/Apia', '2011-12-30', '2011-12-30T10:00:00Z', 0],
      ['Africa/Monrovia', '1971-06-01', '1971-06-01T00:44:30Z', 24],
    ];
    for (const [zone, date, first, hours] of starts) {
      it(`${date} in ${zone} starts at ${first} and lasts ${hours} h`, () => {
        const bucketer = dayBucketer(zone);
        const day = parseIsoDate(date);
        const start = bucketer.startOfDay(day);
        expect(new Date(start).toISOString()).to.equal(new Date(at(first)).toISOString());
        expect((bucketer.startOfDay(day + 1) - start) / HOUR).to.equal(hours);
      });
    }

    it('refuses what is not an instant or a day number', () => {
      for (const zone of ['Europe/Berlin', '+05:30', 'UTC']) {
        const bucketer = dayBucketer(zone);
        for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
          expect(() => bucketer.dayOf(bad), `${zone} dayOf(${bad})`).to.throw(RangeError, 'is not an instant');
        }
        expect(() => bucketer.startOfDay(1.5), zone).to.throw(RangeError, 'is not a day number');
      }
    });

    it('keeps working when lookups jump between far-apart years and back', () => {
      const berlin = dayBucketer('Europe/Berlin');
      const instants = ['2026-07-01T21:59:59.999Z', '1975-01-01T12:00:00Z', '2026-07-01T22:00:00Z', '2150-03-01T00:00:00Z', '2026-01-01T22:59:59.999Z'];
      expect(instants.map((i) => formatIsoDate(berlin.dayOf(at(i))))).to.deep.equal(['2026-07-01', '1975-01-01', '2026-07-02', '2150-03-01', '2026-01-01']);
    });
  });

  describe('agreement with Intl', () => {
    const zones = [
      'Europe/Berlin',
      'America/New_York',
      'Asia/Kolkata',
      'Asia/Kathmandu',
      'Australia/Adelaide',
      'Australia/Lord_Howe',
      'Pacific/Auckland',
      'Pacific/Chatham',
      'America/St_Johns',
      'America/Sao_Paulo',
      'America/Santiago',
      'Africa/Casablanca',
      'Asia/Tehran',
      'Pacific/Apia',
      'Antarctica/Troll',
      'Europe/London',
      'UTC',
      '+05:30',
      '-03:00',
    ];

    /**
     * A third of the instants anywhere, a third on a quarter hour (where
     * midnights and clock changes fall) and a third one millisecond before one.
     */
    function instants(seed: number, count: number, from: number, to: number): number[] {
      const next = mulberry32(seed);
      const quarter = 15 * 60_000;
      return Array.from({ length: count }, (_, i) => {
        const ms = Math.floor(from + next() * (to - from));
        if (i % 3 === 0) return ms;
        const snapped = Math.floor(ms / quarter) * quarter;
        return i % 3 === 1 ? snapped : snapped - 1;
      });
    }

    function mismatches(zone: string, list: number[]): string[] {
      const bucketer = dayBucketer(zone);
      const wrong: string[] = [];
      for (const ms of list) {
        const got = formatIsoDate(bucketer.dayOf(ms));
        const expected = referenceDate(zone, ms);
        if (got !== expected) wrong.push(`${new Date(ms).toISOString()}: ${got}, Intl says ${expected}`);
      }
      return wrong;
    }

    it('reads the same local date as Intl for 20 000 random instants, 1970–2100', () => {
      const from = at('1970-01-01T00:00:00Z');
      const to = at('2101-01-01T00:00:00Z');
      const perZone = Math.ceil(20_000 / zones.length);
      zones.forEach((zone, z) => {
        expect(mismatches(zone, instants(1000 + z, perZone, from, to)).slice(0, 5), zone).to.deep.equal([]);
      });
    });

    it('reads the same local date as Intl in historic zones, 1900–2200', () => {
      const historic = ['Asia/Kolkata', 'Africa/Monrovia', 'Europe/Amsterdam', 'Europe/Moscow', 'America/Asuncion', 'Asia/Gaza', 'Australia/Lord_Howe'];
      const from = at('1900-01-01T00:00:00Z');
      const to = at('2200-01-01T00:00:00Z');
      historic.forEach((zone, z) => {
        expect(mismatches(zone, instants(2000 + z, 600, from, to)).slice(0, 5), zone).to.deep.equal([]);
      });
    });

    it('starts each date at an instant Intl reads as that date, right after one it reads as an earlier date', () => {
      const next = mulberry32(7);
      const first = parseIsoDate('1970-01-01');
      const last = parseIsoDate('2100-12-31');
      const wrong: string[] = [];
      for (let i = 0; i < 2000; i++) {
        const zone = zones[i % zones.length]!;
        const day = first + Math.floor(next() * (last - first));
        const date = formatIsoDate(day);
        const start = dayBucketer(zone).startOfDay(day);
        const before = referenceDate(zone, start - 1);
        const on = referenceDate(zone, start);
        if (on !== date || !(before < date)) wrong.push(`${zone} ${date}: starts ${new Date(start).toISOString()}, Intl reads ${before} then ${on}`);
      }
      expect(wrong.slice(0, 5)).to.deep.equal([]);
    });
  });
});
