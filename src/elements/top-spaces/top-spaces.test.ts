import { expect } from '@open-wc/testing';
import { Formatter } from '../../internal/format.js';
import { expectAccessibleInBothThemes, harness, readable, rowsSource } from '../../internal/ranked-table/ranked-table.harness.js';
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
    // Replies per post: a ratio, shown as a plain number (2.84), never as a percentage.
    row.engagementRate === null ? 'n/a' : format.number(row.engagementRate),
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

  it('shows the engagement rate as replies per post ("2.84", not "283.6 %"), with its definition', async () => {
    const row: SpaceRow = { rank: 1, spaceId: 's1', name: 'Help', posts: 500, replies: 1418, contributors: 40, engagementRate: 1418 / 500 };
    const el = await render(rowsSource('top-spaces', [row]));
    const h = harness(el);
    expect(h.column('Engagement rate')).to.deep.equal(['2.84']);
    expect(h.rows()[0]!.join(' ')).not.to.contain('%');
    // The header says what the number is: on hover (title), to assistive technology (its description) and in a note under the table.
    const header = [...el.shadowRoot!.querySelectorAll('thead th')].find((th) => readable(th) === 'Engagement rate')!;
    expect(header.getAttribute('title')).to.match(/replies per post/i);
    const description = el.shadowRoot!.getElementById(header.getAttribute('aria-describedby') ?? '');
    expect(description, 'the header is described by the definition').to.exist;
    expect(readable(description!)).to.match(/^Engagement rate: .*replies per post/i);
    expect(description!.matches('[part~="column-note"]')).to.be.true;
    await expectAccessibleInBothThemes(el);
  });
});
