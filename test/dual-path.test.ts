/**
 * The independent check of the engine: thousands of seeded adversarial
 * streams are ingested into `MemoryDataSource` and every report, on both
 * paths, is compared with the plain reference reading of the definitions.
 *
 * A mismatch fails with the seed, zone, range and first differing field, and
 * with the stream shrunk to the few events that still show it.
 * To replay one seed, set FIRST_SEED to it and STREAMS to 1.
 */

import { expect } from '@open-wc/testing';
import type { IngestResult } from '../src/model/events.js';
import type { AnalyticsReport, DateRange, Path, TableId } from '../src/model/report.js';
import { MemoryDataSource } from '../src/sources/memory-data-source.js';
import { Random, randomChunks, randomRange, randomSince, randomStream, redeliver, type RandomStream } from './random-streams.js';
import { ReferenceModel, referenceBatchCounts, type ReferenceBatchCounts } from './reference.js';

const FIRST_SEED = 1;
const STREAMS = 2000;
const RANGES_PER_STREAM = 4;
/** Failures kept per check; the first of each is shrunk. */
const KEEP_FAILURES = 3;

const TABLES: TableId[] = ['daily', 'top-spaces', 'top-contributors'];

// ---------------------------------------------------------------------------
// Comparing and describing differences.

/**
 * The path of the first difference between two JSON-like values, or null.
 * A key holding `undefined` and a missing key are the same thing here (an
 * optional field left out), as they are on the wire.
 */
function firstDifference(actual: unknown, expected: unknown, labels: [string, string] = ['engine', 'reference'], path = ''): string | null {
  const show = (v: unknown) => (v === undefined ? 'undefined' : JSON.stringify(v));
  const here = path || '(root)';
  const both = (a: unknown, e: unknown) => `${labels[0]} ${show(a)}, ${labels[1]} ${show(e)}`;
  if (Object.is(actual, expected) || (actual === 0 && expected === 0)) return null;
  if (typeof actual !== 'object' || typeof expected !== 'object' || actual === null || expected === null) {
    return `${here}: ${both(actual, expected)}`;
  }
  if (Array.isArray(actual) !== Array.isArray(expected)) return `${here}: ${both(actual, expected)}`;
  if (Array.isArray(actual) && Array.isArray(expected)) {
    for (let i = 0; i < Math.min(actual.length, expected.length); i++) {
      const d = firstDifference(actual[i], expected[i], labels, `${path}[${i}]`);
      if (d) return d;
    }
    if (actual.length !== expected.length) {
      const extra = actual.length > expected.length ? actual.slice(expected.length) : expected.slice(actual.length);
      return `${here}.length: ${both(actual.length, expected.length)}; extra rows: ${show(extra)}`;
    }
    return null;
  }
  const a = actual as Record<string, unknown>;
  const e = expected as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(e), ...Object.keys(a)])];
  for (const key of keys) {
    const d = firstDifference(a[key], e[key], labels, path ? `${path}.${key}` : key);
    if (d) return d;
  }
  return null;
}

const AGGREGATE_VS_DIRECT: [string, string] = ['aggregate', 'direct'];
const REDELIVERED_VS_FIRST: [string, string] = ['redelivered', 'first delivery'];

interface Scenario {
  seed: number;
  timeZone: string;
  autoModeration: boolean;
  aggregatorSince: number | null;
  range: DateRange;
  topN?: number;
}

const describeScenario = (s: Scenario, extra = ''): string =>
  `seed ${s.seed}, zone ${s.timeZone}, range ${s.range.start}..${s.range.end}, autoModeration ${s.autoModeration}, ` +
  `aggregatorSince ${s.aggregatorSince === null ? 'null' : `${s.aggregatorSince} (${new Date(s.aggregatorSince).toISOString()})`}` +
  `${s.topN === undefined ? '' : `, topN ${s.topN}`}${extra ? `, ${extra}` : ''}`;

/**
 * Resolves in a fresh task. Every data-source call waits on a zero timeout;
 * chained from timer callbacks, those nest and the browser clamps each to
 * 4 ms, which alone would take minutes over thousands of streams. Starting
 * each call from a message task keeps the timers unnested.
 */
const channel = new MessageChannel();
function freshTask(): Promise<void> {
  return new Promise((resolve) => {
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

/** The source with every method called from a fresh task (see `freshTask`). */
function unclamped(source: MemoryDataSource): MemoryDataSource {
  return new Proxy(source, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function' || key === 'close') return value;
      return async (...args: unknown[]) => {
        await freshTask();
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

function newSource(s: Scenario): MemoryDataSource {
  return unclamped(new MemoryDataSource({
    timeZone: s.timeZone,
    now: Date.UTC(2026, 5, 1),
    worker: false,
    aggregatorSince: s.aggregatorSince,
    autoModeration: s.autoModeration,
  }));
}

const withoutPath = (r: AnalyticsReport): Omit<AnalyticsReport, 'path'> => {
  const { path: _path, ...rest } = r;
  return rest;
};

// ---------------------------------------------------------------------------
// The checks. Each takes a scenario and a delivery (batches of events) and
// returns the first difference, or null. Shrinking re-runs them on fewer events.

type Check = (s: Scenario, batches: unknown[][]) => Promise<string | null>;

async function ingestAll(source: MemoryDataSource, batches: unknown[][]): Promise<IngestResult[]> {
  const results: IngestResult[] = [];
  for (const batch of batches) results.push(await source.ingest(batch));
  return results;
}

async function withSource(s: Scenario, batches: unknown[][], work: (source: MemoryDataSource) => Promise<string | null>): Promise<string | null> {
  const source = newSource(s);
  try {
    await ingestAll(source, batches);
    return await work(source);
  } catch (error) {
    return `engine threw ${String(error)}`;
  } finally {
    source.close();
  }
}

const referenceOf = (s: Scenario, batches: unknown[][]) =>
  new ReferenceModel(batches.flat(), { timeZone: s.timeZone, autoModeration: s.autoModeration, aggregatorSince: s.aggregatorSince });

function compareIngestCounts(results: IngestResult[], expected: ReferenceBatchCounts[], heldCount: number, stillHeld: number): string | null {
  const actual = results.map((r) => ({ applied: r.applied, duplicates: r.duplicates, held: r.held, released: r.released, rejected: r.rejected.length }));
  return firstDifference(actual, expected, undefined, 'batches') ?? firstDifference(heldCount, stillHeld, undefined, 'heldCount');
}

const checks = {
  /** The direct report equals the reference. */
  direct: (async (s, batches) =>
    withSource(s, batches, async (source) => {
      const actual = await source.report({ range: s.range, path: 'direct', topN: s.topN });
      return firstDifference(actual, referenceOf(s, batches).report({ range: s.range, path: 'direct', topN: s.topN }));
    })) as Check,

  /** The aggregate report equals the direct one, but for `path`. */
  aggregateEqualsDirect: (async (s, batches) =>
    withSource(s, batches, async (source) => {
      const direct = await source.report({ range: s.range, path: 'direct', topN: s.topN });
      const aggregate = await source.report({ range: s.range, path: 'aggregate', topN: s.topN });
      if (aggregate.path !== 'aggregate') return `path: engine ${aggregate.path}, expected aggregate`;
      return firstDifference(withoutPath(aggregate), withoutPath(direct), AGGREGATE_VS_DIRECT);
    })) as Check,

  /** With a "recording since", the aggregate report equals the reference's aggregate path (and direct still the reference's direct). */
  since: (async (s, batches) =>
    withSource(s, batches, async (source) => {
      const reference = referenceOf(s, batches);
      for (const path of ['aggregate', 'direct'] as Path[]) {
        const actual = await source.report({ range: s.range, path, topN: s.topN });
        const d = firstDifference(actual, reference.report({ range: s.range, path, topN: s.topN }));
        if (d) return `${path} path: ${d}`;
      }
      return null;
    })) as Check,

  /** Batch by batch, ingest counts what the reference counts; summed up, what is still held. */
  counts: (async (s, batches) => {
    const source = newSource(s);
    try {
      const results = await ingestAll(source, batches);
      return compareIngestCounts(results, referenceBatchCounts(batches), source.heldCount, referenceOf(s, batches).counts.held);
    } catch (error) {
      return `engine threw ${String(error)}`;
    } finally {
      source.close();
    }
  }) as Check,

  /** The events delivered at once, and one by one in reverse, give the same reports on both paths. */
  order: (async (s, batches) => {
    const events = batches.flat();
    const forward = await withSourceReports(s, [events]);
    const backward = await withSourceReports(s, [...events].reverse().map((e) => [e]));
    return firstDifference(backward, forward, ['one by one, reversed', 'one batch']);
  }) as Check,

  /** The diff report of a complete stream has zero drift everywhere. */
  diff: (async (s, batches) =>
    withSource(s, batches, async (source) => {
      const diff = await source.diffReport({ range: s.range });
      const drifting = diff.metrics.filter((m) => m.drift_pct !== 0 || m.direct !== m.aggregated);
      return drifting.length ? `drift in ${JSON.stringify(drifting)}` : null;
    })) as Check,
};

async function withSourceReports(s: Scenario, batches: unknown[][]): Promise<unknown> {
  const source = newSource(s);
  try {
    await ingestAll(source, batches);
    return [await source.report({ range: s.range, path: 'direct' }), await source.report({ range: s.range, path: 'aggregate' })];
  } catch (error) {
    return `engine threw ${String(error)}`;
  } finally {
    source.close();
  }
}

function rowsCheck(table: TableId, path: Path, offset: number, limit: number): Check {
  return async (s, batches) =>
    withSource(s, batches, async (source) => {
      const actual = await source.rows(table, { range: s.range, path, offset, limit });
      const all = referenceOf(s, batches).rows(s.range, path)[table];
      return firstDifference(actual, { total: all.length, rows: all.slice(offset, offset + limit) });
    });
}

// ---------------------------------------------------------------------------
// Shrinking: drop events while the check still fails, then print what is left.

async function shrink(s: Scenario, events: unknown[], check: Check): Promise<{ events: unknown[]; difference: string } | null> {
  // Ids make a stream readable; a shrunk stream only keeps each distinct delivery once.
  let current = [...events];
  let difference = await check(s, [current]);
  if (difference === null) return null;
  let chunk = Math.max(1, Math.floor(current.length / 2));
  while (chunk >= 1) {
    let removed = false;
    for (let i = 0; i < current.length; ) {
      const candidate = [...current.slice(0, i), ...current.slice(i + chunk)];
      const d = candidate.length < current.length ? await check(s, [candidate]) : null;
      if (d !== null) {
        current = candidate;
        difference = d;
        removed = true;
      } else {
        i += chunk;
      }
    }
    if (!removed) chunk = Math.floor(chunk / 2);
  }
  return { events: current, difference };
}

const compactEvent = (e: unknown): string => {
  if (typeof e !== 'object' || e === null) return JSON.stringify(e);
  const { at, ...rest } = e as Record<string, unknown>;
  const when = typeof at === 'number' && Number.isFinite(at) ? `${new Date(at).toISOString()} (${at})` : JSON.stringify(at);
  return `  at ${when} ${JSON.stringify(rest)}`;
};

interface Failure {
  message: string;
  scenario: Scenario;
  check: Check;
  events: unknown[];
}

class FailureLog {
  readonly byCheck = new Map<string, Failure[]>();
  count = new Map<string, number>();

  add(name: string, failure: Failure): void {
    this.count.set(name, (this.count.get(name) ?? 0) + 1);
    const list = this.byCheck.get(name) ?? [];
    if (list.length < KEEP_FAILURES) list.push(failure);
    this.byCheck.set(name, list);
  }

  /** A report of every failure of a check, the first one shrunk to a minimal stream. */
  async describe(name: string): Promise<string | null> {
    const list = this.byCheck.get(name);
    if (!list?.length) return null;
    const lines = [`${this.count.get(name)} mismatch(es) in "${name}"; first ones:`, ...list.map((f) => `- ${f.message}`)];
    const first = list[0];
    const shrunk = await shrink(first.scenario, first.events, first.check);
    if (shrunk) {
      lines.push(
        `Shrunk (${describeScenario(first.scenario)}; delivered as one batch, in this order) to ${shrunk.events.length} events:`,
        ...shrunk.events.map(compactEvent),
        `  → ${shrunk.difference}`,
      );
    } else {
      lines.push('(does not reproduce with the distinct events in one batch: it depends on batching or duplicates; use the seed)');
    }
    return lines.join('\n');
  }
}

// ---------------------------------------------------------------------------
// The run: every stream once, all checks, failures collected per check.

const log = new FailureLog();
const stats = { streams: 0, ranges: 0, reports: 0, ms: 0, events: 0 };

async function checkStream(seed: number): Promise<void> {
  const stream: RandomStream = randomStream(seed);
  const rng = new Random(seed * 7919 + 1);
  const base: Scenario = {
    seed,
    timeZone: stream.timeZone,
    autoModeration: rng.chance(0.85),
    aggregatorSince: null,
    range: { start: stream.firstDay, end: stream.lastDay },
  };
  const batches = randomChunks(rng, stream.events);
  const delivered = batches.flat();
  const record = (name: string, scenario: Scenario, check: Check, difference: string | null, extra = '') => {
    if (difference !== null) {
      log.add(name, { message: `${describeScenario(scenario, extra)}: ${difference}`, scenario, check, events: stream.events });
    }
  };
  stats.streams++;
  stats.events += delivered.length;

  const source = newSource(base);
  try {
    // Ingest, checking the counts and, after a random prefix, a report on the partial state.
    const reference = referenceOf(base, batches);
    const prefixLength = rng.int(1, batches.length);
    const results: IngestResult[] = [];
    for (let i = 0; i < batches.length; i++) {
      results.push(await source.ingest(batches[i]));
      if (i + 1 === prefixLength && prefixLength < batches.length) {
        const partial = batches.slice(0, prefixLength);
        const scenario = { ...base, range: randomRange(rng, stream) };
        const partialReference = referenceOf(scenario, partial);
        for (const path of ['direct', 'aggregate'] as Path[]) {
          const actual = await source.report({ range: scenario.range, path });
          const expected = partialReference.report({ range: scenario.range, path });
          const d = firstDifference(actual, expected);
          if (d !== null) {
            log.add('partial ingest', {
              message: `${describeScenario(scenario, `${path} after ${prefixLength} of ${batches.length} batches`)}: ${d}`,
              scenario,
              check: path === 'direct' ? checks.direct : checks.aggregateEqualsDirect,
              events: partial.flat(),
            });
          }
        }
      }
    }
    const countDifference = compareIngestCounts(results, referenceBatchCounts(batches), source.heldCount, reference.counts.held);
    if (countDifference) {
      log.add('ingest counts', { message: `${describeScenario(base, `${batches.length} batches`)}: ${countDifference}`, scenario: base, check: checks.counts, events: stream.events });
    }

    // Reports and rows for random ranges.
    const ranges: DateRange[] = [];
    for (let k = 0; k < RANGES_PER_STREAM; k++) {
      const range = randomRange(rng, stream);
      ranges.push(range);
      const topN = rng.pick([undefined, undefined, 0, 1, 2, 3, 10, 50]);
      const scenario = { ...base, range, topN };
      stats.ranges++;
      const direct = await source.report({ range, path: 'direct', topN });
      const aggregate = await source.report({ range, path: 'aggregate', topN });
      stats.reports += 2;
      const expected = reference.report({ range, path: 'direct', topN });
      record('direct = reference', scenario, checks.direct, firstDifference(direct, expected));
      record(
        'aggregate = direct',
        scenario,
        checks.aggregateEqualsDirect,
        aggregate.path === 'aggregate' ? firstDifference(withoutPath(aggregate), withoutPath(direct), AGGREGATE_VS_DIRECT) : `path: ${aggregate.path}`,
      );
      for (const table of TABLES) {
        const path = rng.pick<Path>(['direct', 'aggregate']);
        const all = reference.rows(range, path)[table];
        const offset = rng.pick([0, 0, 1, rng.int(0, all.length + 2)]);
        const limit = rng.pick([1, 2, 5, 100, rng.int(0, all.length + 3)]);
        const actual = await source.rows(table, { range, path, offset, limit });
        record(
          'rows = reference',
          scenario,
          rowsCheck(table, path, offset, limit),
          firstDifference(actual, { total: all.length, rows: all.slice(offset, offset + limit) }),
          `rows('${table}', path ${path}, offset ${offset}, limit ${limit})`,
        );
      }
    }
    const diffScenario = { ...base, range: rng.pick(ranges) };
    const diff = await source.diffReport({ range: diffScenario.range });
    const drifting = diff.metrics.filter((m) => m.drift_pct !== 0 || m.direct !== m.aggregated);
    record('zero drift', diffScenario, checks.diff, drifting.length ? `drift in ${JSON.stringify(drifting)}` : null);

    // The same events in another order with other duplicates and batches give the same reports.
    const again = newSource(base);
    try {
      await ingestAll(again, randomChunks(rng, redeliver(stream, seed + 1_000_003)));
      const range = rng.pick(ranges);
      for (const path of ['direct', 'aggregate'] as Path[]) {
        const first = await source.report({ range, path });
        const second = await again.report({ range, path });
        record('order independence', { ...base, range }, checks.order, firstDifference(second, first, REDELIVERED_VS_FIRST), `${path} path, redelivered`);
      }
    } finally {
      again.close();
    }

    // With a "recording since", the aggregate path follows the reference's reading of it.
    // Checked on one of the ranges above and on the whole window, where most of what T cuts shows.
    const since = randomSince(rng, stream);
    const recording = newSource({ ...base, aggregatorSince: since });
    try {
      const sinceBatches = randomChunks(rng, stream.events);
      await ingestAll(recording, sinceBatches);
      const sinceReference = referenceOf({ ...base, aggregatorSince: since }, sinceBatches);
      for (const range of [rng.pick(ranges), { start: stream.firstDay, end: stream.lastDay }]) {
        const sinceScenario: Scenario = { ...base, aggregatorSince: since, range };
        for (const path of ['aggregate', 'direct'] as Path[]) {
          const actual = await recording.report({ range, path });
          const expected = sinceReference.report({ range, path });
          record('recording since', sinceScenario, checks.since, firstDifference(actual, expected), `${path} path`);
          stats.reports++;
        }
      }
    } finally {
      recording.close();
    }
  } catch (error) {
    log.add('engine threw', { message: `${describeScenario(base)}: ${String(error)}`, scenario: base, check: checks.direct, events: stream.events });
  } finally {
    source.close();
  }
}

describe('dual path: the engine against the reference on random streams', function () {
  this.timeout(10 * 60 * 1000);

  before(async () => {
    const started = performance.now();
    for (let seed = FIRST_SEED; seed < FIRST_SEED + STREAMS; seed++) await checkStream(seed);
    stats.ms = Math.round(performance.now() - started);
    console.log(
      `dual path: ${stats.streams} streams (${stats.events} deliveries), ${stats.ranges} random ranges, ${stats.reports} reports, in ${stats.ms} ms`,
    );
  });

  const expectNoMismatch = async (name: string) => {
    const description = await log.describe(name);
    if (description !== null) expect.fail(description);
  };

  it('ran every stream', () => {
    expect(stats.streams).to.equal(STREAMS);
  });
  it('the engine never throws on a stream', () => expectNoMismatch('engine threw'));
  it('ingest counts duplicates, held and rejected events like the reference', () => expectNoMismatch('ingest counts'));
  it('the direct report equals the reference', () => expectNoMismatch('direct = reference'));
  it('the aggregate report equals the direct one', () => expectNoMismatch('aggregate = direct'));
  it('rows() of every table equal the reference, ranked over the range, then paged', () => expectNoMismatch('rows = reference'));
  it('a partially ingested stream already reports like the reference', () => expectNoMismatch('partial ingest'));
  it('the diff report of a complete stream has no drift', () => expectNoMismatch('zero drift'));
  it('delivery order, batches and duplicates change nothing', () => expectNoMismatch('order independence'));
  it('with "recording since", the aggregate path follows the semantics', () => expectNoMismatch('recording since'));
});
