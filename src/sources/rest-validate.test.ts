import { expect } from '@open-wc/testing';
import { AnalyticsError } from '../model/errors.js';
import { FIELD_TABLES, METRICS, fieldsOf, type FieldFormat } from '../model/metrics.js';
import { REPORT_TABLES, registryReport, registryRow } from '../model/metrics.harness.js';
import type { AnalyticsReport, TableId } from '../model/report.js';
import { INVALID_RESPONSE, validateReport, validateRows } from './rest-validate.js';
import { camelToSnake } from './wire-case.js';

/** The message of the `rest_invalid_response` error `run` throws. */
function rejection(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).to.be.instanceOf(AnalyticsError);
    expect((error as AnalyticsError).code).to.equal(INVALID_RESPONSE);
    return (error as Error).message;
  }
  expect.fail('the body was accepted');
}

const clone = (report: AnalyticsReport): Record<string, Record<string, unknown>> => structuredClone(report) as unknown as Record<string, Record<string, unknown>>;

/** A value of the wrong kind for each format: a number where text is due, text where a number is. */
const WRONG: { [F in FieldFormat]: unknown } = {
  count: 1.5,
  rank: 0,
  level: -1,
  ratio: -0.5,
  share: '0.5',
  percent: '8.4',
  duration: -3,
  id: '',
  text: 7,
  url: 7,
  date: '02/03/2026',
};

describe('validateReport covers the metric registry', () => {
  it('keeps every registered figure and row field of a valid report', () => {
    const report = registryReport();
    expect(validateReport(structuredClone(report))).to.deep.equal(report);
  });

  for (const metric of METRICS) {
    const name = `${metric.section}.${metric.wire}`;
    it(`rejects a report without ${name}, or with a wrong value in it`, () => {
      const missing = clone(registryReport());
      delete missing[metric.section]![metric.key];
      expect(rejection(() => validateReport(missing))).to.contain(`"${name}" is missing`);
      const wrong = clone(registryReport());
      wrong[metric.section]![metric.key] = metric.format === 'percent' ? 'x' : -1.5;
      expect(rejection(() => validateReport(wrong))).to.contain(`"${name}" must be`);
    });
    it(`${metric.nullable ? 'accepts' : 'rejects'} null as ${name}`, () => {
      const report = clone(registryReport());
      report[metric.section]![metric.key] = null;
      if (metric.nullable) expect(validateReport(report)[metric.section][metric.key as never]).to.equal(null);
      else expect(rejection(() => validateReport(report))).to.contain(`"${name}" must be`);
    });
  }
});

describe('validateRows covers the metric registry', () => {
  for (const table of FIELD_TABLES) {
    it(`keeps every registered field of a ${table} row, in the report and on its endpoint`, () => {
      const row = registryRow(table);
      expect(validateRows(table, [structuredClone(row)])).to.deep.equal([row]);
      const report = registryReport();
      expect(REPORT_TABLES[table](validateReport(structuredClone(report)))).to.deep.equal([row]);
    });

    for (const field of fieldsOf(table as TableId)) {
      const name = `[0].${camelToSnake(field.key)}`;
      it(`${table}: ${field.optional ? 'may leave out' : 'rejects a row without'} ${field.wire}, and rejects a wrong one`, () => {
        const without = { ...(registryRow(table) as unknown as Record<string, unknown>) };
        delete without[field.key];
        if (field.optional) expect(validateRows(table, [without])).to.deep.equal([without]);
        else expect(rejection(() => validateRows(table, [without]))).to.contain(`"${name}" is missing`);
        const wrong = { ...(registryRow(table) as unknown as Record<string, unknown>), [field.key]: WRONG[field.format] };
        expect(rejection(() => validateRows(table, [wrong]))).to.contain(`"${name}" must be`);
      });
    }
  }
});
