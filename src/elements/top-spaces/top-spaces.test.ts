import { expect } from '@open-wc/testing';
import { Formatter } from '../../internal/format.js';
import { expectAccessibleInBothThemes, harness, rowsSource } from '../../internal/ranked-table/ranked-table.harness.js';
import { rankedTableSuite } from '../../internal/ranked-table/ranked-table.suite.js';
import type { SpaceRow } from '../../model/report.js';
import './top-spaces.js';

const format = new Formatter(undefined);

/** A space row as the table should read it. */
function expectedCells(row: SpaceRow): string[] {
  return [
    format.count(row.rank),
    row.name,
    format.count(row.posts),
    format.count(row.replies),
    format.count(row.contributors),
    row.engagementRate === null ? 'n/a' : format.ratio(row.engagementRate),
  ];
}

describe('<jt-top-spaces>', () => {
  const { render } = rankedTableSuite({
    tag: 'jt-top-spaces',
    table: 'top-spaces',
    rowsNoun: 'spaces',
    expectedCells,
    rowId: (row) => row.spaceId,
    driftMeasure: (row) => row.posts + row.replies,
    driftNoteMentions: 'posts + replies',
    expectCsvCells(body, rows) {
      expect(body.map((cells) => cells[1])).to.deep.equal(rows.map((row) => row.name));
    },
  });

  it('renders a space name with markup as text and an engagement rate of null as n/a', async () => {
    const hostile: SpaceRow = {
      rank: 1,
      spaceId: 's1',
      name: '<img src=x onerror=alert(1)>',
      posts: 0,
      replies: 3,
      contributors: 2,
      engagementRate: null,
    };
    const el = await render(rowsSource('top-spaces', [hostile]));
    expect(el.shadowRoot!.querySelector('tbody img')).to.be.null;
    expect(harness(el).rows()).to.deep.equal([['1', '<img src=x onerror=alert(1)>', '0', '3', '2', 'n/a']]);
    await expectAccessibleInBothThemes(el);
  });
});
