import { expect, waitUntil } from '@open-wc/testing';
import { Formatter } from '../../internal/format.js';
import { captureDownloads, csvText, expectAccessibleInBothThemes, harness, readable, rowsSource } from '../../internal/ranked-table/ranked-table.harness.js';
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
    // Replies per post: a ratio, shown as a plain number with two decimals (2.84, 2.50) so the column lines up, never as a percentage.
    row.engagementRate === null ? 'n/a' : format.fixed(row.engagementRate, 2),
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
    // Always two decimals, so the column lines up: 2.5 reads 2.50 and 3 reads 3.00.
    const even = await render(
      rowsSource('top-spaces', [
        { ...row, replies: 1250, engagementRate: 2.5 },
        { ...row, rank: 2, spaceId: 's2', replies: 1500, engagementRate: 3 },
      ]),
    );
    expect(harness(even).column('Engagement rate')).to.deep.equal(['2.50', '3.00']);
    // The header says what the number is: on hover (title), to assistive technology (its description) and in a note under the table.
    const header = [...el.shadowRoot!.querySelectorAll('thead th')].find((th) => readable(th) === 'Engagement rate')!;
    expect(header.getAttribute('title')).to.match(/replies per post/i);
    const description = el.shadowRoot!.getElementById(header.getAttribute('aria-describedby') ?? '');
    expect(description, 'the header is described by the definition').to.exist;
    expect(readable(description!)).to.match(/^Engagement rate: .*replies per post/i);
    expect(description!.matches('[part~="column-note"]')).to.be.true;
    await expectAccessibleInBothThemes(el);
  });

  it('exports what the table shows: rounded, and in German with ";" between cells and decimal commas; csv-delimiter and csv-values change that', async () => {
    const rows: SpaceRow[] = [
      { rank: 1, spaceId: 's1', name: 'Hilfe, allgemein', posts: 141, replies: 362, contributors: 40, engagementRate: 362 / 141 },
      { rank: 2, spaceId: 's2', name: 'Ideen', posts: 0, replies: 3, contributors: 2, engagementRate: null },
    ];
    const el = await render(rowsSource('top-spaces', rows));
    const exported = async (): Promise<string[]> => {
      const downloads = captureDownloads();
      try {
        harness(el).exportButton().click();
        await waitUntil(() => downloads.blobs.length === 1, 'a CSV is downloaded', { timeout: 5000 });
        return (await csvText(downloads.blobs[0]!)).text.split('\r\n');
      } finally {
        downloads.restore();
      }
    };
    expect(await exported()).to.deep.equal(['Rank,Space,Posts,Replies,Contributors,Engagement rate', '1,"Hilfe, allgemein",141,362,40,2.57', '2,Ideen,0,3,2,']);

    el.locale = 'de-DE';
    await el.updateComplete;
    expect(harness(el).column('Beteiligungsrate')).to.deep.equal(['2,57', 'k. A.']);
    expect(await exported()).to.deep.equal(['Rang;Bereich;Beiträge;Antworten;Mitwirkende;Beteiligungsrate', '1;Hilfe, allgemein;141;362;40;2,57', '2;Ideen;0;3;2;']);

    el.csvValues = 'raw';
    await el.updateComplete;
    expect(el.getAttribute('csv-values')).to.equal('raw');
    expect((await exported())[1]).to.equal(`1;Hilfe, allgemein;141;362;40;${String(362 / 141).replace('.', ',')}`);

    el.setAttribute('csv-delimiter', ',');
    el.csvValues = 'shown';
    await el.updateComplete;
    expect(await exported()).to.deep.equal(['Rang,Bereich,Beiträge,Antworten,Mitwirkende,Beteiligungsrate', '1,"Hilfe, allgemein",141,362,40,2.57', '2,Ideen,0,3,2,']);

    // An English page asked for ";" keeps the decimal point; a value it does not know is the default.
    el.locale = 'en-US';
    el.setAttribute('csv-delimiter', ';');
    el.setAttribute('csv-values', 'everything');
    await el.updateComplete;
    expect((await exported())[1]).to.equal('1;Hilfe, allgemein;141;362;40;2.57');
    await expectAccessibleInBothThemes(el);
  });
});
