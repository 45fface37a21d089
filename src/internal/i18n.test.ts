import { expect } from '@open-wc/testing';
import { TABLE_COLUMNS, TABLE_TITLES } from '../model/labels.js';
import type { TableId } from '../model/report.js';
import { CATALOGUE_LANGUAGES, columnLabels, messagesFor, tableTitle } from './i18n.js';

const TABLES = Object.keys(TABLE_COLUMNS) as TableId[];

describe('table labels in the catalogue', () => {
  it('has English and German', () => {
    expect(CATALOGUE_LANGUAGES).to.have.members(['en', 'de']);
  });

  for (const language of CATALOGUE_LANGUAGES) {
    it(`gives every column and table a label of its own in "${language}"`, () => {
      const m = messagesFor(language);
      for (const table of TABLES) {
        expect(tableTitle(m, table), table).to.be.a('string').that.is.not.empty;
        const labels = columnLabels(m, table);
        expect(labels, table).to.have.length(TABLE_COLUMNS[table].length);
        for (const label of labels) expect(label, table).to.be.a('string').that.is.not.empty;
        // Within a table no two columns read the same.
        expect(new Set(labels).size, table).to.equal(labels.length);
      }
    });
  }

  it('keeps the exact labels of the design in English', () => {
    const m = messagesFor('en');
    for (const table of TABLES) {
      expect(tableTitle(m, table)).to.equal(TABLE_TITLES[table]);
      expect(columnLabels(m, table)).to.deep.equal(TABLE_COLUMNS[table].map((column) => column.label));
    }
  });

  it('translates every label into German', () => {
    const m = messagesFor('de');
    expect(TABLES.map((table) => tableTitle(m, table))).to.deep.equal(['Tägliche Aktivität', 'Top-Bereiche', 'Top-Mitwirkende']);
    expect(columnLabels(m, 'daily')).to.deep.equal(['Datum', 'Beiträge', 'Antworten']);
    expect(columnLabels(m, 'top-spaces')).to.deep.equal(['Rang', 'Bereich', 'Beiträge', 'Antworten', 'Mitwirkende', 'Beteiligungsrate']);
    expect(columnLabels(m, 'top-contributors')).to.deep.equal(['Rang', 'Mitglied', 'Vertrauensstufe', 'Beiträge', 'Antworten', 'Akzeptierte Antworten', 'Gesamt']);
  });

  it('reads a regional or WordPress locale in its language', () => {
    expect(columnLabels(messagesFor('de_DE_formal'), 'daily')).to.deep.equal(['Datum', 'Beiträge', 'Antworten']);
    expect(columnLabels(messagesFor('en-GB'), 'daily')).to.deep.equal(['Date', 'Posts', 'Replies']);
  });
});
