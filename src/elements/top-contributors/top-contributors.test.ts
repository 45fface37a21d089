import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { Formatter } from '../../internal/format.js';
import { captureDownloads, delay, expectAccessibleInBothThemes, harness, rowsSource, wrapSource } from '../../internal/ranked-table/ranked-table.harness.js';
import { rankedTableSuite } from '../../internal/ranked-table/ranked-table.suite.js';
import type { ContributorRow, RowsQuery } from '../../model/report.js';
import { AVATAR_TONES, avatarTone } from '../../internal/avatar-tone.js';
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

  it('gives each member without a picture initials in a colour of their own, the same on every render, and one for all when the page sets it', async () => {
    const rows = Array.from({ length: 10 }, (_, i) => member({ rank: i + 1, memberId: `member-${i}`, displayName: `Member ${i}` }));
    const el = await render(rowsSource('top-contributors', rows));
    const backgrounds = () => Array.from(el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="initials"]'), (node) => getComputedStyle(node).backgroundColor);
    const hex = (tone: string) => `rgb(${[1, 3, 5].map((i) => parseInt(tone.slice(i, i + 2), 16)).join(', ')})`;
    expect(backgrounds()).to.deep.equal(rows.map((row) => hex(AVATAR_TONES[avatarTone(row.memberId)]!)));
    // Ten members, at least four different colours (the hash spreads them).
    expect(new Set(backgrounds()).size).to.be.at.least(4);
    const text = getComputedStyle(el.shadowRoot!.querySelector('[part~="initials"]')!).color;
    expect(text).to.equal('rgb(255, 255, 255)');
    el.style.setProperty('--jt-avatar-background', '#123456');
    expect(new Set(backgrounds())).to.deep.equal(new Set(['rgb(18, 52, 86)']));
    await expectAccessibleInBothThemes(el);
  });

  it('exports a large table a few pages at a time, says politely how many rows are fetched, and Cancel stops it without a download or an error', async () => {
    const members = Array.from({ length: 250 }, (_, i) => member({ rank: i + 1, memberId: `m${i + 1}`, displayName: `Member ${i + 1}`, total: 1000 - i }));
    let open = (): void => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const asked: RowsQuery[] = [];
    // The export reads by 100: the first page answers, the others wait for the gate (or their abort).
    const source = wrapSource(rowsSource('top-contributors', members), async (_table, q, next) => {
      if (q.limit !== 100) return next();
      asked.push(q);
      if (q.offset > 0) {
        await new Promise<void>((resolve, reject) => {
          void gate.then(resolve);
          q.signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')), { once: true });
        });
      }
      return next();
    });
    const el = await render(source);
    const h = harness(el);
    const downloads = captureDownloads();
    const errors: Event[] = [];
    el.addEventListener('jt-error', (event) => errors.push(event));
    try {
      expect(h.part('export-progress')!.getAttribute('role'), 'a polite live region, there before the export').to.equal('status');
      expect(h.part('export-cancel-button')).to.be.null;
      h.exportButton().click();
      // Pages 2 and 3 are asked for together, not one after the other.
      await waitUntil(() => asked.length === 3, 'the other pages asked for in parallel', { timeout: 3000 });
      expect(asked.map((q) => q.offset)).to.deep.equal([0, 100, 200]);
      await waitUntil(() => h.part('export-progress')!.textContent!.trim() !== '', 'progress shown', { timeout: 3000 });
      expect(h.part('export-progress')!.textContent!.trim()).to.equal('100 of 250 rows fetched');
      expect(h.exportButton().textContent!.trim()).to.equal('Exporting…');
      const cancel = h.part('export-cancel-button')!;
      expect(cancel.textContent!.trim()).to.equal('Cancel export');
      await expectAccessibleInBothThemes(el);

      // Cancel from the keyboard.
      cancel.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => h.exportButton().textContent!.trim() === 'Export CSV', 'the export ends', { timeout: 3000 });
      expect(asked.slice(1).every((q) => q.signal?.aborted), 'the pages in flight are aborted').to.be.true;
      open();
      await delay(100);
      await el.updateComplete;
      expect(downloads.blobs).to.have.length(0);
      expect(h.part('export-error')).to.be.null;
      expect(errors).to.have.length(0);
      expect(h.part('export-cancel-button')).to.be.null;
      expect(h.part('export-progress')!.textContent!.trim()).to.equal('');
      expect(h.exportButton().getAttribute('aria-disabled')).to.equal('false');
      expect(el.shadowRoot!.activeElement, 'focus goes back to Export CSV').to.equal(h.exportButton());
      expect(asked).to.have.length(3);
    } finally {
      downloads.restore();
    }
  });
});
