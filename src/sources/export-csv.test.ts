import { expect } from '@open-wc/testing';
import Papa from 'papaparse';
import { messagesFor, columnLabels } from '../internal/i18n.js';
import { analyticsError, fixtureSource } from '../internal/test-fixtures.js';
import { TABLE_COLUMNS } from '../model/labels.js';
import type { TableId } from '../model/report.js';
import type { AnalyticsDataSource } from './data-source.js';
import { exportCsv } from './export-csv.js';
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
