/**
 * The dashboard's tables in the demo: pagination against the source's rows,
 * and every Export CSV the dashboard offers, read back with papaparse.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import Papa from 'papaparse';
import { ARTEFACTS, harnessForFile, until, withPage } from './harness.mjs';
import {
  EXPORTING_ELEMENT,
  TABLE_COLUMNS,
  allSourceRows,
  currentRange,
  expectedCsvRecords,
  expectedTablePage,
  openDemo,
  pickPreset,
  dashboardRange,
  tableOnScreen,
  waitHeadlineMatches,
} from './demo.mjs';

const harness = harnessForFile();

const TEST_TIMEOUT = 120_000;
const PAGE_SIZE = 10;

/** The page's rows reduced to what `expectedTablePage` gives: rank, name, posts, replies. */
function shownRows(table, nameLabel) {
  return table.rows.map((row) => ({ Rank: row.Rank, name: row[nameLabel], Posts: row.Posts, Replies: row.Replies }));
}

test('paginates a table: each page shows the source rows of that page', { timeout: TEST_TIMEOUT }, async (t) => {
  await withPage(harness, 'paginate', {}, async (page) => {
    // 90 days: enough members for several pages.
    await openDemo(harness, page, {}, { hash: '#jt-range=90d' });
    const range = await currentRange(page);
    const tag = 'jt-top-contributors';
    const table = 'top-contributors';
    const first = await until(() => tableOnScreen(page, tag), (s) => s.busy === 'false' && s.rows.length > 0, { what: 'the first page' });
    assert.deepEqual(first.headers, TABLE_COLUMNS[table].map(([, label]) => label));
    const expectedFirst = await expectedTablePage(page, table, range, 0, PAGE_SIZE);
    assert.ok(expectedFirst.total > 2 * PAGE_SIZE, `only ${expectedFirst.total} contributors in 90 days: too few to page`);
    assert.deepEqual(shownRows(first, 'Member'), expectedFirst.rows);
    const pages = Math.ceil(expectedFirst.total / PAGE_SIZE);
    assert.match(first.status, new RegExp(`^Page 1 of ${pages.toLocaleString('en-US')} `));
    t.diagnostic(`${expectedFirst.total} contributors, ${pages} pages; page 1: ${first.status}`);

    const pagination = page.locator(`jt-analytics-dashboard ${tag} [part=pagination]`);
    await pagination.locator('[part=next-button]').click();
    const second = await until(() => tableOnScreen(page, tag), (s) => s.busy === 'false' && s.status?.startsWith('Page 2 '), { what: 'page 2' });
    assert.deepEqual(shownRows(second, 'Member'), (await expectedTablePage(page, table, range, PAGE_SIZE, PAGE_SIZE)).rows);
    assert.ok(second.status.includes(`11–20 of ${expectedFirst.total.toLocaleString('en-US')}`), second.status);

    await pagination.locator('[part=next-button]').click();
    const third = await until(() => tableOnScreen(page, tag), (s) => s.busy === 'false' && s.status?.startsWith('Page 3 '), { what: 'page 3' });
    assert.deepEqual(shownRows(third, 'Member'), (await expectedTablePage(page, table, range, 2 * PAGE_SIZE, PAGE_SIZE)).rows);

    await pagination.locator('[part=previous-button]').click();
    const back = await until(() => tableOnScreen(page, tag), (s) => s.busy === 'false' && s.status?.startsWith('Page 2 '), { what: 'back on page 2' });
    assert.deepEqual(back.rows, second.rows);

    // A new range starts again on page 1.
    await pickPreset(page, '30d');
    await waitHeadlineMatches(page);
    const reset = await until(() => tableOnScreen(page, tag), (s) => s.busy === 'false' && s.status?.startsWith('Page 1 '), { what: 'page 1 after a range change' });
    assert.deepEqual(shownRows(reset, 'Member'), (await expectedTablePage(page, table, await currentRange(page), 0, PAGE_SIZE)).rows);

    // The other table pages the same way.
    const spaces = await until(() => tableOnScreen(page, 'jt-top-spaces'), (s) => s.busy === 'false' && s.rows.length > 0, { what: 'top spaces' });
    assert.deepEqual(shownRows(spaces, 'Space'), (await expectedTablePage(page, 'top-spaces', await currentRange(page), 0, PAGE_SIZE)).rows);
  });
});

test('exports every table as CSV: labels as header, every row of the range from the source', { timeout: TEST_TIMEOUT }, async (t) => {
  await withPage(harness, 'export', {}, async (page) => {
    await openDemo(harness, page, {}, { hash: '#jt-range=90d' });
    await waitHeadlineMatches(page);
    const range = await currentRange(page);
    assert.equal((await dashboardRange(page)).attribute, '90d');

    // Every Export CSV button the dashboard offers, wherever it sits.
    const buttons = page.locator('jt-analytics-dashboard [part~=export-button]');
    const owners = await buttons.evaluateAll((all) => all.map((button) => button.getRootNode().host?.localName ?? null));
    t.diagnostic(`export buttons in: ${owners.join(', ')}`);
    const byElement = Object.fromEntries(Object.entries(EXPORTING_ELEMENT).map(([table, tag]) => [tag, table]));
    for (const owner of owners) assert.ok(byElement[owner], `an export button in ${owner}, which this test does not know`);
    for (const tag of Object.values(EXPORTING_ELEMENT)) assert.ok(owners.includes(tag), `no Export CSV in ${tag}`);

    for (const owner of owners) {
      const table = byElement[owner];
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 30_000 }),
        page.locator(`jt-analytics-dashboard ${owner} [part~=export-button]`).click(),
      ]);
      assert.equal(download.suggestedFilename(), `${table}_${range.start}_${range.end}.csv`);
      const file = path.join(ARTEFACTS, download.suggestedFilename());
      await download.saveAs(file);
      const bytes = await readFile(file);
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], `${table}: no UTF-8 byte-order mark`);
      const text = bytes.toString('utf8').slice(1);
      assert.ok(text.includes('\r\n'), `${table}: lines do not end in CRLF`);
      assert.ok(!/[^\r]\n/.test(text), `${table}: a bare LF line ending`);
      const parsed = Papa.parse(text, { header: false, skipEmptyLines: true, newline: '\r\n' });
      assert.deepEqual(parsed.errors, [], `${table}: the CSV does not parse`);

      const { total, rows } = await allSourceRows(page, table, range);
      assert.equal(rows.length, total);
      const expected = expectedCsvRecords(table, rows);
      assert.deepEqual(parsed.data[0], expected[0], `${table}: the header row is not the column labels`);
      assert.equal(parsed.data.length - 1, total, `${table}: ${parsed.data.length - 1} rows exported, the source has ${total}`);
      assert.deepEqual(parsed.data, expected, `${table}: the rows differ from the source's`);
      t.diagnostic(`${table}: ${total} rows, ${bytes.length} bytes, matches the source`);

      // The button is back to "Export CSV" and no export error is shown.
      const after = await until(
        () =>
          page.evaluate((owner) => {
            const el = document.querySelector('jt-analytics-dashboard').shadowRoot.querySelector(owner).shadowRoot;
            return { label: el.querySelector('[part~=export-button]').textContent.trim(), error: el.querySelector('[part~=export-error]')?.textContent ?? null };
          }, owner),
        (s) => s.label === 'Export CSV',
        { what: `${owner}'s button back to Export CSV` },
      );
      assert.equal(after.error, null);
    }
  });
});
