import { expect } from '@open-wc/testing';
import Papa from 'papaparse';
import { Formatter } from '../internal/format.js';
import { messagesFor, columnLabels } from '../internal/i18n.js';
import { analyticsError, fixtureSource } from '../internal/test-fixtures.js';
import { TABLE_COLUMNS } from '../model/labels.js';
import type { TableId } from '../model/report.js';
import type { AnalyticsDataSource } from './data-source.js';
import { exportCsv, type ExportCsvOptions } from './export-csv.js';
import type { MemoryDataSource } from './memory-data-source.js';

const QUERY = { range: { start: '2026-09-01', end: '2026-11-24' }, path: 'direct' as const };
const TABLES = Object.keys(TABLE_COLUMNS) as TableId[];

async function bytesOf(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.arrayBuffer());
}

/** The file after its first line (the rows), as bytes. */
function afterHeader(bytes: Uint8Array): Uint8Array {
  for (let i = 0; i < bytes.length - 1; i++) if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) return bytes.subarray(i);
  return new Uint8Array();
}

/** A source without a CSV builder of its own: the export pages through rows(). */
function rowsOnly(inner: AnalyticsDataSource): AnalyticsDataSource {
  return { timeZone: inner.timeZone, report: (q) => inner.report(q), rows: (table, q) => inner.rows(table, q), diffReport: (q) => inner.diffReport(q) };
}

describe('exportCsv header', () => {
  let source: MemoryDataSource;

  before(async () => {
    source = await fixtureSource();
  });

  for (const [name, from] of [['a source that builds CSV', () => source], ['a source paged through rows()', () => rowsOnly(source)]] as const) {
    it(`writes the given header in place of the design's labels, rows untouched (${name})`, async () => {
      const german = messagesFor('de');
      for (const table of TABLES) {
        for (const bom of [true, false]) {
          const plain = await bytesOf((await exportCsv(from(), table, QUERY, { bom })).blob);
          const translated = await bytesOf((await exportCsv(from(), table, QUERY, { bom, header: columnLabels(german, table) })).blob);
          const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(translated);
          expect(text.startsWith('\uFEFF'), `${table} BOM`).to.equal(bom);
          expect(Papa.parse<string[]>(text.replace(/^\uFEFF/u, '').split('\r\n')[0]!).data[0]).to.deep.equal(columnLabels(german, table));
          expect(afterHeader(translated), `${table} rows`).to.deep.equal(afterHeader(plain));
        }
      }
    });
  }

  it('keeps the design labels without a header, or with the English one', async () => {
    for (const table of TABLES) {
      const design = TABLE_COLUMNS[table].map((column) => column.label).join(',');
      for (const header of [undefined, columnLabels(messagesFor('en'), table)]) {
        const text = await (await exportCsv(source, table, QUERY, header ? { header } : {})).blob.text();
        expect(text.replace(/^\uFEFF/u, '').split('\r\n')[0]).to.equal(design);
      }
    }
  });

  it('quotes and neutralises header names like any text cell', async () => {
    const header = ['Datum, lokal', 'Say "hi"', '=SUM(A1)'];
    const text = await (await exportCsv(source, 'daily', QUERY, { header, bom: false })).blob.text();
    expect(text.split('\r\n')[0]).to.equal(`"Datum, lokal","Say ""hi""","'=SUM(A1)"`);
  });

  it('refuses a header that does not name every column', async () => {
    for (const header of [['Datum'], ['Datum', 'Beiträge', 'Antworten', 'mehr'], ['Datum', 2, 'Antworten']] as unknown as string[][]) {
      const error = await analyticsError(exportCsv(source, 'daily', QUERY, { header }));
      expect(error.code).to.equal('invalid_query');
      expect(error.message).to.contain('"header"');
    }
  });

  it('keeps the header of a source that writes its own', async () => {
    const own = new TextEncoder().encode('Day,Topics,Answers\r\n2026-09-01,1,2\r\n');
    const custom = { ...rowsOnly(source), csv: async () => ({ bytes: own, fileName: 'daily.csv', rows: 1 }) };
    const text = await (await exportCsv(custom, 'daily', QUERY, { header: ['Datum', 'Beiträge', 'Antworten'] })).blob.text();
    expect(text).to.equal('Day,Topics,Answers\r\n2026-09-01,1,2\r\n');
  });
});

/** A rows-only source that answers after `ms` and counts the calls open at once. */
function slowRows(inner: AnalyticsDataSource, ms: number) {
  const seen = { open: 0, mostOpen: 0, calls: [] as { offset: number; signal: AbortSignal | undefined }[] };
  const source: AnalyticsDataSource = {
    ...rowsOnly(inner),
    rows: async (table, q) => {
      seen.calls.push({ offset: q.offset ?? 0, signal: q.signal });
      seen.open++;
      seen.mostOpen = Math.max(seen.mostOpen, seen.open);
      try {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(resolve, ms);
          q.signal?.addEventListener('abort', () => (clearTimeout(timer), reject(new DOMException('The operation was aborted.', 'AbortError'))), { once: true });
        });
        return await inner.rows(table, q);
      } finally {
        seen.open--;
      }
    },
  };
  return { source, seen };
}

describe('exportCsv over rows()', () => {
  let source: MemoryDataSource;

  before(async () => {
    source = await fixtureSource();
  });

  it('reads the pages a few at a time, never more than `concurrency`, and keeps the rows in order', async () => {
    const expected = await (await exportCsv(source, 'top-contributors', QUERY)).blob.text();
    for (const concurrency of [undefined, 2]) {
      const { source: slow, seen } = slowRows(source, 20);
      const progress: { rows: number; total: number }[] = [];
      const file = await exportCsv(slow, 'top-contributors', QUERY, { pageSize: 10, onProgress: (p) => progress.push(p), ...(concurrency ? { concurrency } : {}) });
      const { total } = await source.rows('top-contributors', { ...QUERY, offset: 0, limit: 1 });
      expect(total, 'the fixture needs many pages of 10').to.be.greaterThan(60);
      expect(seen.calls).to.have.length(Math.ceil(total / 10));
      expect(seen.mostOpen, 'pages in parallel, up to the bound').to.equal(concurrency ?? 4);
      expect(await file.blob.text(), 'the same file, rows in order').to.equal(expected);
      expect(file.rows).to.equal(total);
      // Progress counts the rows fetched so far, of the total, up to every row.
      expect(progress.map((p) => p.total)).to.satisfy((totals: number[]) => totals.every((t) => t === total));
      expect(progress.map((p) => p.rows)).to.deep.equal([...progress.map((p) => p.rows)].sort((a, b) => a - b));
      expect(progress.at(-1)).to.deep.equal({ rows: total, total });
    }
  });

  it('stops at once when aborted: the pages in flight are aborted and no more are asked for', async () => {
    const { source: slow, seen } = slowRows(source, 30);
    const abort = new AbortController();
    const exported = exportCsv(slow, 'top-contributors', { ...QUERY, signal: abort.signal }, { pageSize: 10, onProgress: (p) => p.rows >= 20 && abort.abort() });
    const error = await exported.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(DOMException);
    expect((error as DOMException).name).to.equal('AbortError');
    const asked = seen.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seen.calls.length, 'nothing asked after the abort').to.equal(asked);
    expect(seen.open).to.equal(0);
    expect(seen.calls.slice(1).every((call) => call.signal?.aborted), 'every page in flight saw the abort').to.be.true;
  });

  it('refuses a concurrency that is not a whole number from 1 to 16', async () => {
    for (const concurrency of [0, 1.5, 17, Number.NaN]) {
      const error = await analyticsError(exportCsv(rowsOnly(source), 'daily', QUERY, { concurrency }));
      expect(error.code).to.equal('invalid_query');
      expect(error.message).to.contain('"concurrency"');
    }
  });
});

describe('exportCsv values and locale', () => {
  let source: MemoryDataSource;

  before(async () => {
    source = await fixtureSource();
  });

  /** The engagement rates the fixture's spaces have, as computed. */
  async function rates(): Promise<(number | null)[]> {
    const { rows } = await source.rows('top-spaces', { ...QUERY, offset: 0, limit: 100 });
    return rows.map((row) => row.engagementRate);
  }

  for (const [name, from] of [['a source that builds CSV', () => source], ['a source paged through rows()', () => rowsOnly(source)]] as const) {
    it(`rounds numbers as the table shows them unless raw values are asked for (${name})`, async () => {
      const computed = await rates();
      expect(computed.some((rate) => rate !== null && (String(rate).split('.')[1] ?? '').length > 2), 'the fixture has long fractions').to.be.true;
      const cells = async (options: ExportCsvOptions) => {
        const text = await (await exportCsv(from(), 'top-spaces', QUERY, { bom: false, ...options })).blob.text();
        return Papa.parse<string[]>(text, { skipEmptyLines: true }).data.slice(1).map((row) => row[5]!);
      };
      const shown = computed.map((rate) => (rate === null ? '' : new Formatter('en-US').fixed(rate, 2)));
      expect(await cells({})).to.deep.equal(shown);
      expect(await cells({ values: 'shown' })).to.deep.equal(shown);
      expect(await cells({ values: 'raw' })).to.deep.equal(computed.map((rate) => (rate === null ? '' : String(rate))));
    });

    it(`separates cells with ";" and writes decimal commas for a locale whose decimal mark is a comma (${name})`, async () => {
      const computed = await rates();
      const german = await (await exportCsv(from(), 'top-spaces', QUERY, { locale: 'de-DE', header: columnLabels(messagesFor('de'), 'top-spaces') })).blob.text();
      const lines = german.replace(/^\uFEFF/u, '').split('\r\n');
      expect(lines[0]).to.equal('Rang;Bereich;Beiträge;Antworten;Mitwirkende;Beteiligungsrate');
      const parsed = Papa.parse<string[]>(lines.slice(1).join('\r\n'), { delimiter: ';', skipEmptyLines: true }).data;
      expect(parsed.map((row) => row.length)).to.satisfy((lengths: number[]) => lengths.every((n) => n === 6));
      expect(parsed.map((row) => row[5])).to.deep.equal(computed.map((rate) => (rate === null ? '' : new Formatter('en-US').fixed(rate, 2).replace('.', ','))));
      // A comma locale with the delimiter asked for explicitly; English and no locale write the design's file.
      const plain = await (await exportCsv(from(), 'top-spaces', QUERY)).blob.text();
      expect(await (await exportCsv(from(), 'top-spaces', QUERY, { locale: 'en-US' })).blob.text()).to.equal(plain);
      expect(await (await exportCsv(from(), 'top-spaces', QUERY, { locale: 'de-DE', delimiter: ',' })).blob.text()).to.equal(plain);
      expect(await (await exportCsv(from(), 'top-spaces', QUERY, { locale: 'fr-FR' })).blob.text()).to.equal(
        await (await exportCsv(from(), 'top-spaces', QUERY, { delimiter: ';', decimalMark: ',' })).blob.text(),
      );
    });
  }

  it('refuses a decimal comma with the comma delimiter, and unknown delimiters, values or locales', async () => {
    const bad: ExportCsvOptions[] = [
      { delimiter: ',', decimalMark: ',' },
      { delimiter: '\t' as never },
      { decimalMark: ' ' as never },
      { values: 'rounded' as never },
      { locale: '!!' },
    ];
    for (const options of bad) {
      const error = await analyticsError(exportCsv(source, 'daily', QUERY, options));
      expect(error.code, JSON.stringify(options)).to.equal('invalid_query');
    }
  });
});
