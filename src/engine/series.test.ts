import { expect } from '@open-wc/testing';
import { formatIsoDate, parseIsoDate } from '../model/dates.js';
import type { DailyRow } from '../model/report.js';
import { alignPrevious, autoGrouping, bucketCoverage, groupDaily, type Grouping, type SeriesBucket } from './series.js';

/** Daily rows from `start` to `end` (zeros included, as a data source returns them); day i has i + 1 posts and 2 replies. */
function days(start: string, end: string): DailyRow[] {
  const rows: DailyRow[] = [];
  for (let day = parseIsoDate(start), i = 0; day <= parseIsoDate(end); day++, i++) {
    rows.push({ date: formatIsoDate(day), posts: i + 1, replies: 2 });
  }
  return rows;
}

/** The reference reading: sum the rows whose date is within start..end. */
function sumOf(rows: readonly DailyRow[], start: string, end: string): { posts: number; replies: number } {
  const inside = rows.filter((row) => row.date >= start && row.date <= end);
  return { posts: inside.reduce((s, r) => s + r.posts, 0), replies: inside.reduce((s, r) => s + r.replies, 0) };
}

describe('autoGrouping', () => {
  const cases: [number, Grouping][] = [
    [1, 'day'],
    [7, 'day'],
    [30, 'day'],
    [92, 'day'],
    [93, 'week'],
    [365, 'week'],
    [400, 'week'],
    [401, 'month'],
    [1826, 'month'],
  ];
  for (const [span, expected] of cases) {
    it(`${span} days → ${expected}`, () => expect(autoGrouping(span)).to.equal(expected));
  }
});

describe('groupDaily', () => {
  const cases: { name: string; start: string; end: string; by: Grouping; buckets: [string, string][] }[] = [
    { name: 'days stay days', start: '2026-02-27', end: '2026-03-02', by: 'day', buckets: [['2026-02-27', '2026-02-27'], ['2026-02-28', '2026-02-28'], ['2026-03-01', '2026-03-01'], ['2026-03-02', '2026-03-02']] },
    // 2026-03-04 is a Wednesday; 2026-03-09 and 2026-03-16 are Mondays.
    { name: 'partial first and last week', start: '2026-03-04', end: '2026-03-17', by: 'week', buckets: [['2026-03-04', '2026-03-08'], ['2026-03-09', '2026-03-15'], ['2026-03-16', '2026-03-17']] },
    { name: 'whole ISO weeks', start: '2026-03-02', end: '2026-03-15', by: 'week', buckets: [['2026-03-02', '2026-03-08'], ['2026-03-09', '2026-03-15']] },
    { name: 'a week across a month end', start: '2026-03-28', end: '2026-04-06', by: 'week', buckets: [['2026-03-28', '2026-03-29'], ['2026-03-30', '2026-04-05'], ['2026-04-06', '2026-04-06']] },
    // 2025-12-29 is a Monday: ISO week 1 of 2026 spans the year end.
    { name: 'a week across a year end', start: '2025-12-24', end: '2026-01-05', by: 'week', buckets: [['2025-12-24', '2025-12-28'], ['2025-12-29', '2026-01-04'], ['2026-01-05', '2026-01-05']] },
    { name: 'a single Sunday', start: '2026-03-08', end: '2026-03-08', by: 'week', buckets: [['2026-03-08', '2026-03-08']] },
    { name: 'partial months', start: '2026-01-15', end: '2026-03-10', by: 'month', buckets: [['2026-01-15', '2026-01-31'], ['2026-02-01', '2026-02-28'], ['2026-03-01', '2026-03-10']] },
    { name: 'months across a year end, leap February', start: '2023-11-01', end: '2024-03-31', by: 'month', buckets: [['2023-11-01', '2023-11-30'], ['2023-12-01', '2023-12-31'], ['2024-01-01', '2024-01-31'], ['2024-02-01', '2024-02-29'], ['2024-03-01', '2024-03-31']] },
    { name: 'one day as a month', start: '2026-12-31', end: '2026-12-31', by: 'month', buckets: [['2026-12-31', '2026-12-31']] },
  ];
  for (const { name, start, end, by, buckets } of cases) {
    it(`${name} (${start}..${end} by ${by})`, () => {
      const rows = days(start, end);
      const grouped = groupDaily(rows, by);
      expect(grouped.map((b) => [b.start, b.end])).to.deep.equal(buckets);
      for (const bucket of grouped) expect({ posts: bucket.posts, replies: bucket.replies }).to.deep.equal(sumOf(rows, bucket.start, bucket.end));
    });
  }

  it('keeps every count: the buckets sum to the rows, whatever the grouping', () => {
    const rows = days('2024-12-15', '2026-02-03');
    for (const by of ['day', 'week', 'month'] as const) {
      const grouped = groupDaily(rows, by);
      expect(grouped.reduce((s, b) => s + b.posts, 0), by).to.equal(rows.reduce((s, r) => s + r.posts, 0));
      expect(grouped.reduce((s, b) => s + b.replies, 0), by).to.equal(rows.reduce((s, r) => s + r.replies, 0));
      // Buckets follow each other with no gap and no overlap.
      for (let i = 1; i < grouped.length; i++) expect(parseIsoDate(grouped[i]!.start), by).to.equal(parseIsoDate(grouped[i - 1]!.end) + 1);
    }
  });

  it('sorts rows given out of order', () => {
    const rows = days('2026-03-01', '2026-03-10').reverse();
    expect(groupDaily(rows, 'week').map((b) => b.start)).to.deep.equal(['2026-03-01', '2026-03-02', '2026-03-09']);
    expect(groupDaily(rows, 'day').map((b) => b.start)).to.deep.equal(days('2026-03-01', '2026-03-10').map((r) => r.date));
  });

  it('returns nothing for no rows', () => {
    expect(groupDaily([], 'month')).to.deep.equal([]);
  });
});

describe('alignPrevious', () => {
  it('pairs days by offset', () => {
    const current = groupDaily(days('2026-03-01', '2026-03-03'), 'day');
    const previous = days('2026-02-26', '2026-02-28');
    expect(alignPrevious(current, previous)).to.deep.equal([
      { start: '2026-02-26', end: '2026-02-26', posts: 1, replies: 2 },
      { start: '2026-02-27', end: '2026-02-27', posts: 2, replies: 2 },
      { start: '2026-02-28', end: '2026-02-28', posts: 3, replies: 2 },
    ]);
  });

  it('sums the same day offsets as each current week, across a year end', () => {
    // 10 days from Wednesday 2026-01-07; the previous period is 2025-12-28 (a Sunday)..2026-01-06.
    const current = groupDaily(days('2026-01-07', '2026-01-16'), 'week');
    const previous = days('2025-12-28', '2026-01-06');
    const aligned = alignPrevious(current, previous);
    expect(aligned.map((b) => [b.start, b.end])).to.deep.equal([
      ['2025-12-28', '2026-01-01'], // offsets 0–4, like Wed 7 – Sun 11
      ['2026-01-02', '2026-01-06'], // offsets 5–9, like Mon 12 – Fri 16
    ]);
    expect(aligned.map((b) => b.posts)).to.deep.equal([1 + 2 + 3 + 4 + 5, 6 + 7 + 8 + 9 + 10]);
    expect(aligned.map((b) => b.replies)).to.deep.equal([10, 10]);
  });

  it('lines up month buckets of unequal previous months', () => {
    // 2026-03-01..2026-04-30 is 61 days; the previous period is 2025-12-30..2026-02-28.
    const current = groupDaily(days('2026-03-01', '2026-04-30'), 'month');
    const previous = days('2025-12-30', '2026-02-28');
    const aligned = alignPrevious(current, previous);
    expect(aligned.map((b) => [b.start, b.end])).to.deep.equal([
      ['2025-12-30', '2026-01-29'], // 31 offsets, like March
      ['2026-01-30', '2026-02-28'], // 30 offsets, like April
    ]);
    for (const bucket of aligned) expect({ posts: bucket.posts, replies: bucket.replies }).to.deep.equal(sumOf(previous, bucket.start, bucket.end));
  });

  it('counts missing previous days as 0 and ignores rows outside the previous period', () => {
    const current: SeriesBucket[] = groupDaily(days('2026-03-01', '2026-03-02'), 'day');
    const previous: DailyRow[] = [
      { date: '2026-02-26', posts: 9, replies: 9 }, // the day before the previous period
      { date: '2026-02-28', posts: 4, replies: 1 },
      { date: '2026-03-01', posts: 7, replies: 7 }, // the current period itself
    ];
    expect(alignPrevious(current, previous)).to.deep.equal([
      { start: '2026-02-27', end: '2026-02-27', posts: 0, replies: 0 },
      { start: '2026-02-28', end: '2026-02-28', posts: 4, replies: 1 },
    ]);
  });

  it('returns nothing for no current buckets', () => {
    expect(alignPrevious([], days('2026-01-01', '2026-01-02'))).to.deep.equal([]);
  });
});

describe('bucketCoverage', () => {
  // 2026-09-16 is a Wednesday, 2026-11-24 a Tuesday.
  const cases: { name: string; bucket: [string, string]; by: Grouping; today?: string; days: number; periodDays: number; ongoing: boolean; partial: boolean }[] = [
    { name: 'a whole past day', bucket: ['2026-11-20', '2026-11-20'], by: 'day', today: '2026-11-24', days: 1, periodDays: 1, ongoing: false, partial: false },
    { name: 'today', bucket: ['2026-11-24', '2026-11-24'], by: 'day', today: '2026-11-24', days: 1, periodDays: 1, ongoing: true, partial: true },
    { name: 'a day without a known today', bucket: ['2026-11-24', '2026-11-24'], by: 'day', days: 1, periodDays: 1, ongoing: false, partial: false },
    { name: 'a week clipped at its start', bucket: ['2026-09-16', '2026-09-20'], by: 'week', today: '2026-11-24', days: 5, periodDays: 7, ongoing: false, partial: true },
    { name: 'a whole week', bucket: ['2026-09-21', '2026-09-27'], by: 'week', today: '2026-11-24', days: 7, periodDays: 7, ongoing: false, partial: false },
    { name: 'the week of today, clipped at today', bucket: ['2026-11-23', '2026-11-24'], by: 'week', today: '2026-11-24', days: 2, periodDays: 7, ongoing: true, partial: true },
    { name: 'a whole week ending today', bucket: ['2026-11-16', '2026-11-22'], by: 'week', today: '2026-11-22', days: 7, periodDays: 7, ongoing: true, partial: true },
    { name: 'a week reaching past today counts its days to today', bucket: ['2026-11-23', '2026-11-29'], by: 'week', today: '2026-11-24', days: 2, periodDays: 7, ongoing: true, partial: true },
    { name: 'Dec 1–4', bucket: ['2026-12-01', '2026-12-04'], by: 'month', today: '2027-01-10', days: 4, periodDays: 31, ongoing: false, partial: true },
    { name: 'a month clipped at its end', bucket: ['2026-11-01', '2026-11-24'], by: 'month', today: '2026-11-24', days: 24, periodDays: 30, ongoing: true, partial: true },
    { name: 'a whole leap February', bucket: ['2024-02-01', '2024-02-29'], by: 'month', today: '2026-11-24', days: 29, periodDays: 29, ongoing: false, partial: false },
    { name: 'a single Sunday as a week', bucket: ['2026-03-08', '2026-03-08'], by: 'week', today: '2026-11-24', days: 1, periodDays: 7, ongoing: false, partial: true },
  ];
  for (const { name, bucket, by, today, ...expected } of cases) {
    it(name, () => expect(bucketCoverage({ start: bucket[0], end: bucket[1] }, by, today)).to.deep.equal(expected));
  }

  it('marks exactly the clipped ends and today among the buckets groupDaily makes', () => {
    const grouped = groupDaily(days('2026-09-16', '2026-11-24'), 'week');
    const partial = grouped.map((bucket) => bucketCoverage(bucket, 'week', '2026-11-24').partial);
    expect(partial[0]).to.equal(true);
    expect(partial.at(-1)).to.equal(true);
    expect(partial.slice(1, -1).every((p) => !p)).to.equal(true);
  });
});
