import { expect } from '@open-wc/testing';
import { de, en } from '../internal/i18n.js';
import { FIXTURE_NOW, fixtureSource } from '../internal/test-fixtures.js';
import { camelToSnake, snakeToCamel } from '../sources/wire-case.js';
import { TABLE_COLUMNS } from './labels.js';
import { CARD_GROUPS, COLUMN_LABELS, COUNTED_METRIC_KEYS, FIELD_TABLES, METRICS, METRIC_SECTIONS, TABLE_FIELDS, cardGroupsOf, cardsOf, fieldsOf, isEmptyReport, metricOf, metricsOf, readBase, readMetric, reportFigures, type FieldFormat, type FigureInputs, type Metric, type MetricKey, type RowField } from './metrics.js';
import { REGISTRY_DOCS, readRegistryParts, registryParts, writeRegistryParts } from './metrics-docs.js';
import { REPORT_TABLES, registrySections } from './metrics.harness.js';
import { presetRange } from './range.js';
import type { TableId } from './report.js';

const allFields = (): RowField[] => FIELD_TABLES.flatMap((table) => fieldsOf(table) as readonly RowField[]);

describe('metric registry', () => {
  it('declares each figure once, each row field once per table, and each section and table', () => {
    const keys = METRICS.map((metric) => `${metric.section}.${metric.key}`);
    expect(new Set(keys).size).to.equal(keys.length);
    expect(new Set(METRICS.map((metric) => metric.wire)).size, 'wire names are unique (they key the diff report)').to.equal(METRICS.length);
    expect(METRIC_SECTIONS.flatMap((section) => metricsOf(section))).to.deep.equal([...METRICS], 'figures are listed section by section, in report order');
    expect([...FIELD_TABLES].sort()).to.deep.equal(Object.keys(TABLE_FIELDS).sort());
    for (const table of FIELD_TABLES) {
      const fields = fieldsOf(table).map((field) => field.key);
      expect(new Set(fields).size, table).to.equal(fields.length);
      for (const field of fieldsOf(table)) expect(field.table, field.key).to.equal(table);
    }
  });

  it("spells every wire name as the REST adapter converts the key (snake_case ↔ camelCase)", () => {
    for (const declared of [...METRICS, ...allFields()]) {
      expect(declared.wire, declared.key).to.equal(camelToSnake(declared.key));
      expect(snakeToCamel(declared.wire), declared.wire).to.equal(declared.key);
    }
  });

  it('names, for every figure, a label and a definition the message catalogue has in every locale', () => {
    const catalogues: Record<string, Record<string, unknown>> = { en, de };
    for (const metric of METRICS) {
      for (const [locale, messages] of Object.entries(catalogues)) {
        expect(messages[metric.labelKey], `${locale}: ${metric.key} → ${metric.labelKey}`).to.be.a('string').and.not.equal('');
        expect(messages[metric.helpKey], `${locale}: ${metric.key} → ${metric.helpKey}`).to.be.a('string').and.not.equal('');
      }
    }
  });

  it('puts every card in a group of its own section, at a place of its own, the groups titled in every locale', () => {
    const catalogues: Record<string, Record<string, unknown>> = { en, de };
    const ids = CARD_GROUPS.map((group) => group.id);
    expect(new Set(ids).size, 'group ids are unique').to.equal(ids.length);
    for (const group of CARD_GROUPS) {
      for (const [locale, messages] of Object.entries(catalogues)) {
        for (const key of [group.titleKey, group.noteKey]) if (key !== null) expect(messages[key], `${locale}: ${group.id} → ${key}`).to.be.a('string').and.not.equal('');
      }
      const places = cardsOf(group.id).map((metric) => metric.card!.place);
      expect(places, `${group.id}: places 1, 2, … without gaps or repeats`).to.deep.equal(places.map((_, i) => i + 1));
      for (const metric of cardsOf(group.id)) expect(metric.section, `${metric.key} sits in ${group.id}`).to.equal(group.section);
    }
    for (const section of METRIC_SECTIONS) {
      expect(cardGroupsOf(section).length, `${section} has a group`).to.be.greaterThan(0);
      expect(cardGroupsOf(section).slice(1).every((group) => group.titleKey !== null), `${section}: only its first group has no sub-heading`).to.equal(true);
    }
  });

  it('names the count every figure that is not a count rests on, from figures of the report', () => {
    const keys = METRICS.map((metric) => metric.key);
    expect(new Set(keys).size, 'keys are unique across sections (a base names figures by key)').to.equal(keys.length);
    for (const metric of METRICS) {
      expect(metric.base !== null, `${metric.key} (${metric.format}) has a base`).to.equal(metric.format !== 'count');
      for (const key of [...(metric.base?.add ?? []), ...(metric.base?.subtract ?? [])]) {
        expect(metricOf(key).format, `${metric.key} rests on ${key}`).to.equal('count');
      }
      if (metric.base) expect(metric.base.add.length, metric.key).to.be.greaterThan(0);
    }
  });

  it('makes every figure either from its count or by its formula', () => {
    expect([...COUNTED_METRIC_KEYS]).to.deep.equal(METRICS.filter((metric) => metric.counted).map((metric) => metric.key));
    for (const metric of METRICS as readonly Metric[]) {
      if (!metric.counted) expect(metric.derive, `${metric.key} is derived, so it has a formula`).to.be.a('function');
      if (metric.counted && metric.derive) expect(metric.nullable, `${metric.key}: a counted figure has a formula only for its null rule`).to.equal(true);
    }
  });

  describe('reportFigures', () => {
    /** Inputs with a distinct count per counted figure; the counts refuse a key that is not counted (a formula reading a derived figure as a count). */
    const inputs = (overrides: Partial<FigureInputs> = {}): FigureInputs => {
      const counts = Object.fromEntries(COUNTED_METRIC_KEYS.map((key, i) => [key, 100 + i]));
      const strict = new Proxy(counts, {
        get: (target, key) => {
          if (typeof key === 'string' && !(key in target)) throw new Error(`a formula reads counts.${key}, which is not a counted figure`);
          return target[key as string];
        },
      });
      return { posts: 40, replies: 90, activeMembers: 12, counts: strict as FigureInputs['counts'], previousContent: 100, responseMinutes: [1, 2, 3, 10], autoModeration: true, ...overrides };
    };

    it('copies every counted figure from its count, in report order', () => {
      const sections = reportFigures(inputs());
      for (const section of METRIC_SECTIONS) expect(Object.keys(sections[section]), section).to.deep.equal(metricsOf(section).map((metric) => metric.key));
      COUNTED_METRIC_KEYS.forEach((key, i) => {
        const metric = metricOf(key);
        if (!metric.derive) expect(readMetric(sections, metric), key).to.equal(100 + i);
      });
    });

    it('makes the derived figures by their formulas, null where they are not defined', () => {
      const sections = reportFigures(inputs());
      const counts = inputs().counts;
      expect(sections.overview).to.include({ totalPosts: 40, totalReplies: 90, activeMembers: 12, growthRate: 30 });
      expect(sections.engagement.avgRepliesPerPost).to.equal(90 / 40);
      expect(sections.engagement.acceptedAnswerRate).to.equal(counts.questionsResolved / counts.questionsAsked);
      expect(sections.moderation).to.include({ autoModTriggers: counts.autoModTriggers, medianResponseMinutes: 2.5, p90ResponseMinutes: 10 });
      const empty = reportFigures({ ...inputs({ posts: 0, replies: 0, previousContent: 0, responseMinutes: [], autoModeration: false }), counts: { ...inputs().counts, questionsAsked: 0, questionsResolved: 0 } });
      expect([empty.overview.growthRate, empty.engagement.avgRepliesPerPost, empty.engagement.acceptedAnswerRate, empty.moderation.autoModTriggers, empty.moderation.medianResponseMinutes, empty.moderation.p90ResponseMinutes]).to.deep.equal([
        null,
        null,
        null,
        null,
        null,
        null,
      ]);
      expect(reportFigures(inputs({ responseMinutes: [4, 7, 9] })).moderation).to.include({ medianResponseMinutes: 7, p90ResponseMinutes: 9 });
    });
  });

  it('reads a base as the sum of its figures less the subtracted ones', () => {
    const values: Partial<Record<MetricKey, number>> = { totalPosts: 30, totalReplies: 12, questionsAsked: 7, flagsRaised: 9, flagsOpen: 4 };
    const report = registrySections((metric) => values[metric.key] ?? 1);
    expect(readBase(report, metricOf('growthRate'))).to.equal(42);
    expect(readBase(report, metricOf('avgRepliesPerPost'))).to.equal(30);
    expect(readBase(report, metricOf('acceptedAnswerRate'))).to.equal(7);
    expect(readBase(report, metricOf('medianResponseMinutes'))).to.equal(5);
    expect(readBase(report, metricOf('totalPosts'))).to.equal(undefined);
  });

  it('makes the shown and exported columns from the row fields with a label, in order, each label in every locale', () => {
    const kindOf = (format: FieldFormat): string => (format === 'date' ? 'date' : format === 'text' ? 'text' : 'number');
    const used = new Set<string>();
    for (const table of FIELD_TABLES) {
      const shown = (fieldsOf(table) as readonly RowField[]).filter((field) => field.labelKey !== null);
      const columns = TABLE_COLUMNS[table as TableId] as readonly { key: string; labelKey: string; label: string; kind: string; fractionDigits?: number }[];
      expect(columns.map((column) => column.key), table).to.deep.equal(shown.map((field) => field.key));
      shown.forEach((field, i) => {
        const labelKey = field.labelKey!;
        used.add(labelKey);
        expect(columns[i]!.labelKey, `${table}.${field.key}`).to.equal(labelKey);
        expect(columns[i]!.label, `${table}.${field.key}`).to.equal(COLUMN_LABELS[labelKey]);
        expect(kindOf(field.format), `${table}.${field.key}`).to.equal(columns[i]!.kind);
        expect(columns[i]!.fractionDigits !== undefined, `${table}.${field.key}: only a ratio has decimals`).to.equal(field.format === 'ratio');
        expect(en.columnLabels[labelKey], field.key).to.equal(COLUMN_LABELS[labelKey]);
        expect(de.columnLabels[labelKey], field.key).to.be.a('string').and.not.equal('');
      });
    }
    expect([...used].sort(), 'every column label is some shown field\'s').to.deep.equal(Object.keys(COLUMN_LABELS).sort());
  });

  it('declares exactly the fields the engine reports, in its order, with null only where declared', async () => {
    const source = await fixtureSource();
    try {
      for (const path of ['direct', 'aggregate'] as const) {
        const report = await source.report({ range: presetRange('90d', 'UTC', FIXTURE_NOW), path });
        for (const section of METRIC_SECTIONS) {
          expect(Object.keys(report[section]), `${path} ${section}`).to.deep.equal(metricsOf(section).map((metric) => metric.key));
        }
        for (const metric of METRICS) {
          if (readMetric(report, metric) === null) expect(metric.nullable, `${path} ${metric.key} is null`).to.equal(true);
        }
        for (const table of FIELD_TABLES) {
          const rows = REPORT_TABLES[table](report) as unknown as Record<string, unknown>[];
          expect(rows.length, `${path} ${table} has rows to compare`).to.be.greaterThan(0);
          const declared = fieldsOf(table) as readonly RowField[];
          for (const row of rows) {
            expect(Object.keys(row).sort(), `${path} ${table}`).to.deep.equal(
              declared.filter((field) => !field.optional || row[field.key] !== undefined).map((field) => field.key).sort(),
            );
          }
        }
      }
    } finally {
      source.close();
    }
  });
});

describe('isEmptyReport', () => {
  const zeros = (): ReturnType<typeof registrySections> => registrySections(() => 0);
  const withOne = (chosen: Metric) => registrySections((metric) => (metric === chosen ? 1 : 0));

  it('treats as activity the figures the dashboard and the sections have always tested', () => {
    expect(METRICS.filter((metric) => metric.activity).map((metric) => metric.key)).to.deep.equal([
      'totalPosts',
      'totalReplies',
      'activeMembers',
      'upvotes',
      'downvotes',
      'acceptedAnswers',
      'newMembers',
      'flagsRaised',
      'autoModTriggers',
    ]);
  });

  it('is empty when every figure is 0, or null where it may be', () => {
    expect(isEmptyReport(zeros())).to.equal(true);
    expect(isEmptyReport(registrySections((metric) => (metric.nullable ? null : 0)))).to.equal(true);
  });

  for (const metric of METRICS) {
    it(`${metric.activity ? 'is not' : 'stays'} empty when only ${metric.key} is not 0`, () => {
      expect(isEmptyReport(withOne(metric))).to.equal(!metric.activity);
    });
  }
});

describe('the docs written from the registry', () => {
  const docs = async (name: string): Promise<string> => {
    const response = await fetch(new URL(`../../docs/${name}`, import.meta.url));
    expect(response.ok, name).to.equal(true);
    return response.text();
  };

  for (const doc of REGISTRY_DOCS) {
    it(`${doc} holds each part exactly as the registry writes it (npm run docs:metrics)`, async () => {
      const parts = readRegistryParts(await docs(doc));
      const expected = registryParts(doc);
      expect([...parts.keys()].sort(), `docs/${doc}: the parts between registry markers`).to.deep.equal(Object.keys(expected).sort());
      for (const [id, text] of Object.entries(expected)) {
        // On a mismatch, the message says how to rewrite it, and what goes between the part's markers.
        expect(parts.get(id), `docs/${doc} part "${id}" is not current: run \`npm run docs:metrics\`, or paste between its markers:\n${text}\n`).to.equal(text);
      }
    });
  }

  it('writes the REST tables the way the docs have always shown a figure and a row field', () => {
    const parts = registryParts('rest-api.md');
    expect(parts['moderation']).to.contain('| `auto_mod_triggers` | integer \\| null | automatic moderation triggers in the range;');
    expect(parts['top-contributors']).to.contain('| `avatar_url` | string, **optional** |');
    expect(parts['daily']).to.contain('| `date` | string `YYYY-MM-DD` | the local day |');
    expect(parts['diff-keys']!.startsWith('`total_posts`, `total_replies`, ')).to.equal(true);
    const custom = registryParts('custom-data-source.md')['diff-keys']!;
    expect(custom).to.contain(`lists the ${METRICS.filter((metric) => metric.drift === 'relative').length} metrics`);
  });

  it('rewrites only what sits between the markers, and refuses a doc without a part', () => {
    const text = registryParts('custom-data-source.md');
    const stale = 'Before. The diff report <!-- written from the metric registry: diff-keys -->old keys<!-- end of the part from the registry -->. After.';
    expect(writeRegistryParts('custom-data-source.md', stale)).to.equal(
      `Before. The diff report <!-- written from the metric registry: diff-keys -->${text['diff-keys']}<!-- end of the part from the registry -->. After.`,
    );
    expect(() => writeRegistryParts('custom-data-source.md', 'no markers')).to.throw(/no markers for diff-keys/);
  });
});
