import { expect, waitUntil } from '@open-wc/testing';
import { Formatter } from '../../internal/format.js';
import { delay, expectAccessibleInBothThemes, harness, rowsSource } from '../../internal/ranked-table/ranked-table.harness.js';
import { rankedTableSuite } from '../../internal/ranked-table/ranked-table.suite.js';
import type { ContributorRow } from '../../model/report.js';
import './top-contributors.js';

const format = new Formatter(undefined);

/** A contributor row as the table should read it (the avatar is decorative, the badge reads in words). */
function expectedCells(row: ContributorRow): string[] {
  return [
    format.count(row.rank),
    row.displayName.trim() ? row.displayName : 'Unnamed member',
    `Trust level ${row.trustLevel}`,
    format.count(row.posts),
    format.count(row.replies),
    format.count(row.acceptedAnswers),
    format.count(row.total),
  ];
}

function member(overrides: Partial<ContributorRow>): ContributorRow {
  return { rank: 1, memberId: 'm1', displayName: 'Ada Lovelace', trustLevel: 3, posts: 2, replies: 3, acceptedAnswers: 1, total: 6, ...overrides };
}

describe('<jt-top-contributors>', () => {
  const { render } = rankedTableSuite({
    tag: 'jt-top-contributors',
    table: 'top-contributors',
    rowsNoun: 'contributors',
    expectedCells,
    rowId: (row) => row.memberId,
    driftMeasure: (row) => row.total,
    driftNoteMentions: 'total',
    rankedElsewhereOnPage3: 'some member ranks elsewhere on the aggregate path',
    expectCsvCells(body, rows) {
      expect(body.map((cells) => cells[1])).to.deep.equal(rows.map((row) => row.displayName));
      expect(body.map((cells) => Number(cells[6]))).to.deep.equal(rows.map((row) => row.total));
    },
  });

  it('renders a display name with markup as text and never loads a javascript: avatar', async () => {
    const alerts: unknown[] = [];
    const alert = window.alert;
    window.alert = (message?: unknown) => alerts.push(message);
    try {
      const hostile = member({ displayName: '<img src=x onerror=alert(1)>', avatarUrl: 'javascript:alert(1)' });
      const el = await render(rowsSource('top-contributors', [hostile]));
      await delay(100);
      expect(el.shadowRoot!.querySelector('tbody img')).to.be.null;
      expect(harness(el).rows()).to.deep.equal([['1', '<img src=x onerror=alert(1)>', 'Trust level 3', '2', '3', '1', '6']]);
      const fallback = harness(el).part('initials')!;
      expect(fallback.getAttribute('aria-hidden')).to.equal('true');
      expect(fallback.textContent).to.equal('<S');
      expect(alerts).to.deep.equal([]);
      await expectAccessibleInBothThemes(el);
    } finally {
      window.alert = alert;
    }
  });

  it('shows a safe avatar as a decorative image, initials when it fails, and a trust badge read in words', async () => {
    // An image the test server serves, so the avatar really loads.
    const avatar = new URL('./test-avatar.svg', import.meta.url).href;
    const rows = [
      member({ memberId: 'a', displayName: 'Grace Hopper', avatarUrl: avatar }),
      member({ rank: 2, memberId: 'b', displayName: 'Alan Turing', avatarUrl: 'http://127.0.0.1:9/broken.png', trustLevel: 1 }),
      member({ rank: 3, memberId: 'c', displayName: '', trustLevel: 0 }),
    ];
    const el = await render(rowsSource('top-contributors', rows));
    const first = el.shadowRoot!.querySelector<HTMLImageElement>('tbody img')!;
    expect(first.getAttribute('src')).to.equal(avatar);
    await waitUntil(() => first.complete && first.naturalWidth > 0, 'the avatar loads', { timeout: 5000 });
    expect(first.isConnected, 'a loaded avatar stays').to.be.true;
    expect(first.getAttribute('alt'), 'decorative: the name is beside it').to.equal('');
    await waitUntil(() => !el.shadowRoot!.querySelector('img[src^="http://127.0.0.1"]'), 'a broken avatar falls back to initials', { timeout: 5000 });
    const initials = Array.from(el.shadowRoot!.querySelectorAll('[part~="initials"]'), (node) => node.textContent);
    expect(initials).to.include('AT');
    const badge = el.shadowRoot!.querySelector('[part~="trust-badge"]')!;
    expect(badge.textContent).to.equal('TL3');
    expect(badge.getAttribute('aria-hidden')).to.equal('true');
    expect(harness(el).column('Trust level')).to.deep.equal(['Trust level 3', 'Trust level 1', 'Trust level 0']);
    expect(harness(el).column('Member')).to.deep.equal(['Grace Hopper', 'Alan Turing', 'Unnamed member']);
    await expectAccessibleInBothThemes(el);
  });
});
