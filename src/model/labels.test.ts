import { expect } from '@open-wc/testing';
import { TABLE_COLUMNS, TABLE_TITLES, tableToRecords } from './labels.js';
import type { ContributorRow, DailyRow, SpaceRow, TableId } from './report.js';

const TABLES: TableId[] = ['daily', 'top-spaces', 'top-contributors'];

const dailyRows: DailyRow[] = [
  { date: '2026-03-02', posts: 1, replies: 0 },
  { date: '2026-03-03', posts: 0, replies: 1 },
];

const spaceRows: SpaceRow[] = [
  { rank: 1, spaceId: 's1', name: 'Général ☕', posts: 3, replies: 2, contributors: 2, engagementRate: 2 / 3 },
  { rank: 2, spaceId: 's2', name: '=cmd|calc', posts: 0, replies: 1, contributors: 1, engagementRate: null },
];

const contributorRows: ContributorRow[] = [
  { rank: 1, memberId: 'm1', displayName: 'Ana', avatarUrl: 'https://example.com/a.png', trustLevel: 3, posts: 2, replies: 1, acceptedAnswers: 1, total: 4 },
  { rank: 2, memberId: 'm2', displayName: 'Bo', trustLevel: 0, posts: 0, replies: 1, acceptedAnswers: 0, total: 1 },
];

/** A sample row of each table, to check every column reads a field that exists. */
const SAMPLE_ROW: Record<TableId, object> = {
  daily: dailyRows[0]!,
  'top-spaces': spaceRows[0]!,
  'top-contributors': contributorRows[1]!,
};

describe('table labels', () => {
  const expected: [TableId, string, [string, string, string][]][] = [
    [
      'daily',
      'Daily activity',
      [
        ['Date', 'date', 'date'],
        ['Posts', 'posts', 'number'],
        ['Replies', 'replies', 'number'],
      ],
    ],
    [
      'top-spaces',
      'Top Spaces',
      [
        ['Rank', 'rank', 'number'],
        ['Space', 'name', 'text'],
        ['Posts', 'posts', 'number'],
        ['Replies', 'replies', 'number'],
        ['Contributors', 'contributors', 'number'],
        ['Engagement rate', 'engagementRate', 'number'],
      ],
    ],
    [
      'top-contributors',
      'Top Contributors',
      [
        ['Rank', 'rank', 'number'],
        ['Member', 'displayName', 'text'],
        ['Trust level', 'trustLevel', 'number'],
        ['Posts', 'posts', 'number'],
        ['Replies', 'replies', 'number'],
        ['Accepted answers', 'acceptedAnswers', 'number'],
        ['Total', 'total', 'number'],
      ],
    ],
  ];

  for (const [table, title, columns] of expected) {
    it(`titles ${table} "${title}"`, () => {
      expect(TABLE_TITLES[table]).to.equal(title);
    });

    it(`gives ${table} the columns ${columns.map(([label]) => label).join(', ')}`, () => {
      expect(TABLE_COLUMNS[table].map((c) => [c.label, c.key, c.kind])).to.deep.equal(columns);
    });

    it(`reads fields that every ${table} row has`, () => {
      for (const column of TABLE_COLUMNS[table]) expect(SAMPLE_ROW[table]).to.have.property(column.key);
    });
  }

  it('covers exactly the three tables', () => {
    expect(Object.keys(TABLE_COLUMNS)).to.have.members(TABLES);
    expect(Object.keys(TABLE_TITLES)).to.have.members(TABLES);
  });

  it('cannot be changed by a consumer', () => {
    expect(Object.isFrozen(TABLE_COLUMNS)).to.equal(true);
    expect(Object.isFrozen(TABLE_TITLES)).to.equal(true);
    for (const table of TABLES) expect(Object.isFrozen(TABLE_COLUMNS[table])).to.equal(true);
  });
});

describe('tableToRecords', () => {
  it('writes the daily header and one record per day, numbers as numbers', () => {
    expect(tableToRecords('daily', dailyRows)).to.deep.equal([
      ['Date', 'Posts', 'Replies'],
      ['2026-03-02', 1, 0],
      ['2026-03-03', 0, 1],
    ]);
  });

  it('keeps Top Spaces values raw: unrounded rates, text untouched, null as an empty cell', () => {
    expect(tableToRecords('top-spaces', spaceRows)).to.deep.equal([
      ['Rank', 'Space', 'Posts', 'Replies', 'Contributors', 'Engagement rate'],
      [1, 'Général ☕', 3, 2, 2, 2 / 3],
      [2, '=cmd|calc', 0, 1, 1, ''],
    ]);
  });

  it('writes Top Contributors by display name, without ids or avatars', () => {
    expect(tableToRecords('top-contributors', contributorRows)).to.deep.equal([
      ['Rank', 'Member', 'Trust level', 'Posts', 'Replies', 'Accepted answers', 'Total'],
      [1, 'Ana', 3, 2, 1, 1, 4],
      [2, 'Bo', 0, 0, 1, 0, 1],
    ]);
  });

  it('keeps the order of the rows it is given', () => {
    const records = tableToRecords('daily', [...dailyRows].reverse());
    expect(records.slice(1).map((r) => r[0])).to.deep.equal(['2026-03-03', '2026-03-02']);
  });

  for (const table of TABLES) {
    it(`writes only the header of an empty ${table} table`, () => {
      expect(tableToRecords(table, [])).to.deep.equal([TABLE_COLUMNS[table].map((c) => c.label)]);
    });
  }

  it('gives every record as many cells as the header', () => {
    for (const records of [tableToRecords('daily', dailyRows), tableToRecords('top-spaces', spaceRows), tableToRecords('top-contributors', contributorRows)]) {
      for (const record of records) expect(record).to.have.length(records[0]!.length);
    }
  });
});
