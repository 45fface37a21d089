import { expect } from '@open-wc/testing';
import Papa from 'papaparse';
import type { ContributorRow, DailyRow, SpaceRow } from '../model/report.js';
import { csvFileName, tableCsv } from './csv.js';

const space = (rank: number, name: string, extra: Partial<SpaceRow> = {}): SpaceRow => ({
  rank,
  spaceId: `s${rank}`,
  name,
  posts: 10,
  replies: 5,
  contributors: 3,
  engagementRate: 0.5,
  ...extra,
});

// Every kind of cell a spreadsheet or a CSV parser could get wrong.
const NAMES: [string, string][] = [
  ['=1+1', "'=1+1"],
  ['+1', "'+1"],
  ['-x', "'-x"],
  ['@SUM(A1)', "'@SUM(A1)"],
  ['\tcmd', "'\tcmd"],
  ['\rcmd', "'\rcmd"],
  ['=HYPERLINK("http://x")\nsecond line', '\'=HYPERLINK("http://x")\nsecond line'],
  ['\0null', "'\0null"],
  ['Rank', 'Rank'],
  ['Tea, coffee', 'Tea, coffee'],
  ['Say "hi"', 'Say "hi"'],
  ['two\r\nlines', 'two\r\nlines'],
  ['Café 🎉 naïve', 'Café 🎉 naïve'],
  ['مرحبا بالعالم', 'مرحبا بالعالم'],
  ['a=b', 'a=b'],
];

describe('tableCsv', () => {
  it('writes the golden file: BOM, CRLF, labels, quoting and formula neutralising', () => {
    const rows = NAMES.map(([name], i) => space(i + 1, name));
    const text = tableCsv('top-spaces', rows);
    expect(text.startsWith('\uFEFFRank,Space,Posts,Replies,Contributors,Engagement rate\r\n')).to.equal(true);
    expect(text).to.contain('\r\n1,"\'=1+1",10,5,3,0.5\r\n');
    expect(text).to.contain('\r\n7,"\'=HYPERLINK(""http://x"")\nsecond line",10,5,3,0.5\r\n');
    expect(text).to.contain('\r\n10,"Tea, coffee",10,5,3,0.5\r\n');
    expect(text).to.contain('\r\n11,"Say ""hi""",10,5,3,0.5\r\n');
    expect(text).to.contain('\r\n12,"two\r\nlines",10,5,3,0.5\r\n');
    expect(text.endsWith('15,a=b,10,5,3,0.5')).to.equal(true);

    const parsed = Papa.parse<string[]>(text.slice(1), { newline: '\r\n' }).data;
    expect(parsed[0]).to.deep.equal(['Rank', 'Space', 'Posts', 'Replies', 'Contributors', 'Engagement rate']);
    expect(parsed.slice(1).map((cells) => cells[1])).to.deep.equal(NAMES.map(([, expected]) => expected));
    expect(parsed.slice(1).map((cells) => cells[0])).to.deep.equal(rows.map((r) => String(r.rank)));
  });

  it('keeps numbers numeric: negatives, fractions and null', () => {
    const text = tableCsv('top-spaces', [space(1, 'General', { posts: 0, replies: 3, engagementRate: null }), space(2, 'Help', { engagementRate: -3.2 })], {
      bom: false,
    });
    expect(text.split('\r\n')).to.deep.equal([
      'Rank,Space,Posts,Replies,Contributors,Engagement rate',
      '1,General,0,3,3,',
      '2,Help,10,5,3,-3.2',
    ]);
  });

  it('writes contributors and daily rows with the on-screen labels', () => {
    const contributor: ContributorRow = {
      rank: 1,
      memberId: 'm1',
      displayName: '<b>Ada</b>',
      trustLevel: 3,
      posts: 1234567,
      replies: 2,
      acceptedAnswers: 1,
      total: 1234570,
    };
    expect(tableCsv('top-contributors', [contributor], { bom: false }).split('\r\n')).to.deep.equal([
      'Rank,Member,Trust level,Posts,Replies,Accepted answers,Total',
      '1,<b>Ada</b>,3,1234567,2,1,1234570',
    ]);
    const daily: DailyRow[] = [{ date: '2026-03-29', posts: 4, replies: 0 }];
    expect(tableCsv('daily', daily, { bom: false })).to.equal('Date,Posts,Replies\r\n2026-03-29,4,0');
  });

  it('names files after the table and the range', () => {
    expect(csvFileName('top-spaces', { start: '2026-10-26', end: '2026-11-24' })).to.equal('top-spaces_2026-10-26_2026-11-24.csv');
  });
});
