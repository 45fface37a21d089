import { expect } from '@open-wc/testing';
import Papa from 'papaparse';
import type { ContributorRow, DailyRow, SpaceRow } from '../model/report.js';
import { AnalyticsError } from '../model/errors.js';
import { Formatter } from '../internal/format.js';
import { csvFileName, tableCsv, type CsvOptions } from './csv.js';

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
  // Near-formulas: importers that trim blanks or fold full-width forms (NFKC) would run these.
  [' =1+1', "' =1+1"],
  ['   +1', "'   +1"],
  ['\u00A0=cmd', "'\u00A0=cmd"],
  ['\u3000@SUM(A1)', "'\u3000@SUM(A1)"],
  ['\u2003-x', "'\u2003-x"],
  ['\u200B=1', "'\u200B=1"],
  ['\n=1+1', "'\n=1+1"],
  ['\r\n-2+3', "'\r\n-2+3"],
  [' \t=x', "' \t=x"],
  ['\uFF1D1+1', "'\uFF1D1+1"],
  ['\uFF0B1', "'\uFF0B1"],
  ['\uFF0D1', "'\uFF0D1"],
  ['\uFF20SUM(A1)', "'\uFF20SUM(A1)"],
  ['\u3000\uFF1DA1', "'\u3000\uFF1DA1"],
  ['\uFE66x', "'\uFE66x"],
  // Blanks alone, or a sign after other text, are left as written.
  [' plain', ' plain'],
  ['\u00A0Café', '\u00A0Café'],
  ['1-2', '1-2'],
  ['Q&A @ home', 'Q&A @ home'],
  ['a\uFF1Db', 'a\uFF1Db'],
];

/** Every code point whose compatibility form (NFKC, as importers fold full-width text) starts with a formula sign. */
function formulaLookalikes(): string[] {
  const found: string[] = [];
  for (let code = 0; code <= 0x10ffff; code++) {
    if (code >= 0xd800 && code <= 0xdfff) continue;
    const char = String.fromCodePoint(code);
    if (/^[=+\-@]/.test(char.normalize('NFKC'))) found.push(char);
  }
  return found;
}

/** The Space cells of the CSV of spaces named `cells`, as a CSV reader reads them back. */
function names(cells: string[]): string[] {
  const text = tableCsv('top-spaces', cells.map((name, i) => space(i + 1, name)), { bom: false });
  return Papa.parse<string[]>(text, { newline: '\r\n' }).data.slice(1).map((row) => row[1]!);
}

/** Every character JavaScript counts as white space. */
function whiteSpace(): string[] {
  const found: string[] = [];
  for (let code = 0; code <= 0x10ffff; code++) {
    if (code >= 0xd800 && code <= 0xdfff) continue;
    const char = String.fromCodePoint(code);
    if (/^\s$/u.test(char)) found.push(char);
  }
  return found;
}

describe('tableCsv', () => {
  it('writes the golden file: BOM, CRLF, labels, quoting and formula neutralising', () => {
    const rows = NAMES.map(([name], i) => space(i + 1, name));
    const text = tableCsv('top-spaces', rows);
    expect(text.startsWith('\uFEFFRank,Space,Posts,Replies,Contributors,Engagement rate\r\n')).to.equal(true);
    expect(text).to.contain('\r\n1,"\'=1+1",10,5,3,0.50\r\n');
    expect(text).to.contain('\r\n7,"\'=HYPERLINK(""http://x"")\nsecond line",10,5,3,0.50\r\n');
    expect(text).to.contain('\r\n10,"Tea, coffee",10,5,3,0.50\r\n');
    expect(text).to.contain('\r\n11,"Say ""hi""",10,5,3,0.50\r\n');
    expect(text).to.contain('\r\n12,"two\r\nlines",10,5,3,0.50\r\n');
    expect(text).to.contain('\r\n15,a=b,10,5,3,0.50\r\n');
    expect(text).to.contain('\r\n16,"\' =1+1",10,5,3,0.50\r\n');
    expect(text).to.contain('\r\n18,"\'\u00A0=cmd",10,5,3,0.50\r\n');
    expect(text).to.contain('\r\n23,"\'\r\n-2+3",10,5,3,0.50\r\n');
    expect(text).to.contain('\r\n25,"\'\uFF1D1+1",10,5,3,0.50\r\n');
    expect(text).to.contain('\r\n32,\u00A0Café,10,5,3,0.50\r\n');
    expect(text.endsWith('35,a\uFF1Db,10,5,3,0.50')).to.equal(true);

    const parsed = Papa.parse<string[]>(text.slice(1), { newline: '\r\n' }).data;
    expect(parsed[0]).to.deep.equal(['Rank', 'Space', 'Posts', 'Replies', 'Contributors', 'Engagement rate']);
    expect(parsed.slice(1).map((cells) => cells[1])).to.deep.equal(NAMES.map(([, expected]) => expected));
    expect(parsed.slice(1).map((cells) => cells[0])).to.deep.equal(rows.map((r) => String(r.rank)));
  });

  it('neutralises every formula sign and its compatibility forms, after any run of blanks, and nothing else', () => {
    const signs = formulaLookalikes();
    // The ASCII signs, the full-width ones (U+FF1D, U+FF0B, U+FF0D, U+FF20) and the small and super/subscript forms.
    expect(signs.length).to.be.greaterThan(4);
    const blanks = whiteSpace();
    for (const sign of signs) {
      const cells = [sign, `${sign}1`, ...blanks.map((blank) => `${blank}${sign}1`), ` \u00A0\u3000\n\t${sign}A1`];
      expect(names(cells), `U+${sign.codePointAt(0)!.toString(16).toUpperCase()}`).to.deep.equal(cells.map((cell) => `'${cell}`));
    }
    // Blanks before anything else, or a sign inside the text, stay as written (a leading tab or CR is neutralised on its own).
    const plain = [...blanks.filter((blank) => blank !== '\t' && blank !== '\r').map((blank) => `${blank}x`), 'x=1', 'x\uFF1D1', '1+1'];
    expect(names(plain)).to.deep.equal(plain);
  });

  it('keeps numbers numeric: negatives, fractions and null', () => {
    const text = tableCsv('top-spaces', [space(1, 'General', { posts: 0, replies: 3, engagementRate: null }), space(2, 'Help', { engagementRate: -3.2 })], {
      bom: false,
    });
    expect(text.split('\r\n')).to.deep.equal([
      'Rank,Space,Posts,Replies,Contributors,Engagement rate',
      '1,General,0,3,3,',
      '2,Help,10,5,3,-3.20',
    ]);
    // Numbers stay numbers whatever their sign; only text is ever prefixed.
    const numbers = tableCsv('daily', [{ date: '2026-03-29', posts: -0, replies: -12 }], { bom: false });
    expect(numbers).to.equal('Date,Posts,Replies\r\n2026-03-29,0,-12');
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

  it('rounds numbers to the decimals the table shows, unless raw values are asked for', () => {
    const rows = [space(1, 'Help', { engagementRate: 2.5673758865248226 }), space(2, 'Ideas', { engagementRate: 1418 / 500 }), space(3, 'Off', { engagementRate: -0.125 })];
    const rates = (options: CsvOptions) => tableCsv('top-spaces', rows, { bom: false, ...options }).split('\r\n').slice(1).map((line) => line.split(',').at(-1));
    expect(rates({})).to.deep.equal(['2.57', '2.84', '-0.13']);
    expect(rates({ values: 'shown' })).to.deep.equal(['2.57', '2.84', '-0.13']);
    expect(rates({ values: 'raw' })).to.deep.equal(['2.5673758865248226', '2.836', '-0.125']);
    // Rounded as the screen rounds (Intl, on the shortest decimal form), not as toFixed rounds the binary value:
    // 3/40 and 201/200 show 0.08 and 1.01, where toFixed gives 0.07 and 1.00.
    const halves = [space(1, 'A', { engagementRate: 3 / 40 }), space(2, 'B', { engagementRate: 201 / 200 })];
    const screen = new Formatter('en-US');
    expect(halves.map((row) => screen.fixed(row.engagementRate!, 2))).to.deep.equal(['0.08', '1.01']);
    expect(tableCsv('top-spaces', halves, { bom: false }).split('\r\n').slice(1).map((line) => line.split(',').at(-1))).to.deep.equal(['0.08', '1.01']);
    // Whole numbers are never touched.
    expect(tableCsv('daily', [{ date: '2026-03-29', posts: 1234567, replies: 3 }], { bom: false })).to.equal('Date,Posts,Replies\r\n2026-03-29,1234567,3');
  });

  it('writes ";" between cells and decimal commas when asked: numbers stay unquoted numbers, text is quoted only for ";"', () => {
    const rows = [
      space(1, 'Tea, coffee', { engagementRate: 2.5673758865248226 }),
      space(2, 'a;b', { engagementRate: -3.2 }),
      space(3, '=1+1', { engagementRate: null }),
      space(4, '-3,2', { engagementRate: 7 }),
    ];
    const text = tableCsv('top-spaces', rows, { bom: false, delimiter: ';', decimalMark: ',' });
    expect(text.split('\r\n')).to.deep.equal([
      'Rank;Space;Posts;Replies;Contributors;Engagement rate',
      '1;Tea, coffee;10;5;3;2,57',
      '2;"a;b";10;5;3;-3,20',
      `3;"'=1+1";10;5;3;`,
      // Text that looks like a negative number is still text: neutralised like any other.
      `4;"'-3,2";10;5;3;7,00`,
    ]);
    // The point stays with ";" unless the comma is asked for; raw values keep every digit.
    expect(tableCsv('top-spaces', rows.slice(0, 1), { bom: false, delimiter: ';', values: 'raw' }).split('\r\n')[1]).to.equal('1;Tea, coffee;10;5;3;2.5673758865248226');
  });

  it('refuses a decimal comma between comma-separated cells, and unknown options', () => {
    const bad: CsvOptions[] = [{ decimalMark: ',' }, { delimiter: ',', decimalMark: ',' }, { delimiter: '|' as never }, { values: 'all' as never }, { bom: 'yes' as never }];
    for (const options of bad) {
      expect(() => tableCsv('daily', [], options), JSON.stringify(options))
        .to.throw(AnalyticsError)
        .with.property('code', 'invalid_query');
    }
  });

  it('names files after the table and the range', () => {
    expect(csvFileName('top-spaces', { start: '2026-10-26', end: '2026-11-24' })).to.equal('top-spaces_2026-10-26_2026-11-24.csv');
  });
});
