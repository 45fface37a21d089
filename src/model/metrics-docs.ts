/**
 * The parts of the docs written from the metric registry: the field tables of
 * the REST reference and the lists of diff keys. `npm run docs:metrics`
 * writes them between their markers; `metrics.test.ts` fails when a doc is
 * not what this writes. Not shipped: no entry imports it.
 *
 * A part sits between `<!-- written from the metric registry: ID -->` and
 * `<!-- end of the part from the registry -->`. A table fills whole lines
 * between its markers; a list sits inline, in a sentence.
 */
import { FIELD_TABLES, METRICS, METRIC_SECTIONS, fieldsOf, metricsOf, type FieldFormat, type RowField } from './metrics.js';

/** The docs (file names under `docs/`) holding parts written from the registry. */
export const REGISTRY_DOCS = Object.freeze(['rest-api.md', 'custom-data-source.md'] as const);

/** A doc of `REGISTRY_DOCS`. */
export type RegistryDoc = (typeof REGISTRY_DOCS)[number];

const START = (id: string): string => `<!-- written from the metric registry: ${id} -->`;
const END = '<!-- end of the part from the registry -->';
const PART = /<!-- written from the metric registry: ([\w-]+) -->([\s\S]*?)<!-- end of the part from the registry -->/g;

function typeOf(format: FieldFormat, nullable: boolean, optional: boolean): string {
  const base =
    format === 'date' ? 'string `YYYY-MM-DD`' : format === 'id' || format === 'text' || format === 'url' ? 'string' : ['count', 'rank', 'level'].includes(format) ? 'integer' : 'number';
  return `${base}${nullable ? ' \\| null' : ''}${optional ? ', **optional**' : ''}`;
}

function table(rows: readonly { wire: string; format: FieldFormat; nullable: boolean; optional?: boolean; definition: string }[]): string {
  const lines = rows.map((r) => `| \`${r.wire}\` | ${typeOf(r.format, r.nullable, r.optional ?? false)} | ${r.definition.replaceAll('|', '\\|')} |`);
  // A table takes whole lines: the markers sit on lines of their own.
  return ['', '| field | type | meaning |', '|---|---|---|', ...lines, ''].join('\n');
}

function diffKeys(): string[] {
  return METRICS.filter((metric) => metric.drift === 'relative').map((metric) => metric.wire);
}

/** Every part of `doc` written from the registry, by its id: the exact text between its markers. */
export function registryParts(doc: RegistryDoc): Record<string, string> {
  if (doc === 'rest-api.md') {
    return {
      ...Object.fromEntries(METRIC_SECTIONS.map((section) => [section, table(metricsOf(section))])),
      ...Object.fromEntries(FIELD_TABLES.map((name) => [name, table(fieldsOf(name) as readonly RowField[])])),
      'diff-keys': diffKeys()
        .map((key) => `\`${key}\``)
        .join(', '),
    };
  }
  const keys = diffKeys();
  return { 'diff-keys': `lists the ${keys.length} metrics of DESIGN section 4 in this order, with snake_case keys: \`${keys.join(', ')}\`` };
}

/** The parts of a doc's text as they stand, by id. */
export function readRegistryParts(text: string): Map<string, string> {
  return new Map([...text.matchAll(PART)].map((match) => [match[1]!, match[2]!]));
}

/**
 * The doc's text with every part rewritten from the registry. Throws when the
 * doc lacks a part's markers (a new part's markers are placed by hand once)
 * or has markers of a part the registry does not write.
 */
export function writeRegistryParts(doc: RegistryDoc, text: string): string {
  const parts = registryParts(doc);
  const found = [...readRegistryParts(text).keys()];
  const missing = Object.keys(parts).filter((id) => !found.includes(id));
  const unknown = found.filter((id) => !(id in parts));
  if (missing.length > 0 || unknown.length > 0) {
    throw new Error(`docs/${doc}: ${missing.length > 0 ? `no markers for ${missing.join(', ')}` : ''}${missing.length > 0 && unknown.length > 0 ? '; ' : ''}${unknown.length > 0 ? `markers of unknown parts ${unknown.join(', ')}` : ''}`);
  }
  return text.replace(PART, (_, id: string) => `${START(id)}${parts[id]!}${END}`);
}
