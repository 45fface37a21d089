import { expect } from '@open-wc/testing';
import { FIXTURE_NOW, fixtureSource } from '../internal/test-fixtures.js';
import { FIELD_TABLES, METRICS, fieldsOf } from '../model/metrics.js';
import { REPORT_TABLES } from '../model/metrics.harness.js';
import type { AnalyticsReport, ContributorRow, DateRange, RowsPage, RowsQuery, TableId } from '../model/report.js';
import type { AnalyticsDataSource, TableRows } from '../sources/data-source.js';
import type { MemoryDataSource } from '../sources/memory-data-source.js';
import { formatContractFailures, runDataSourceContract, type ContractResult } from './contract.js';
import { SNAPSHOT_DAY_COUNTS, StaticSnapshotSource, type StaticSnapshot, type SnapshotDay } from './static-snapshot-source.js';

/** Ranges over the fixture community (it spans the 120 days before FIXTURE_NOW), plus one with no data at all. */
const RANGES: DateRange[] = [
  { start: '2026-11-01', end: '2026-11-24' },
  { start: '2026-10-18', end: '2026-10-24' },
  { start: '2026-11-24', end: '2026-11-24' },
  { start: '2024-01-01', end: '2024-01-05' },
];

function expectPassed(result: ContractResult): void {
  expect(result.failed, formatContractFailures(result)).to.deep.equal([]);
  expect(result.passed.length).to.be.greaterThan(RANGES.length * 10);
}

/** A deterministic snapshot: 60 days, Q&A and discussion spaces, ties in names to exercise the id tie-break. */
function sampleSnapshot(): StaticSnapshot {
  let seed = 7;
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const spaces: StaticSnapshot['spaces'] = [
    { id: 'sp-general', name: 'General', kind: 'discussion' },
    { id: 'sp-help', name: 'Help', kind: 'qa' },
    { id: 'sp-help-2', name: 'Help', kind: 'qa' },
    { id: 'sp-news', name: 'News', kind: 'discussion' },
  ];
  const members: StaticSnapshot['members'] = Array.from({ length: 12 }, (_, i) => ({
    id: `m${String(i).padStart(2, '0')}`,
    displayName: ['Ada', 'Ben', 'Ada', 'Cleo', 'Dev', 'Eli'][i % 6]!,
    ...(i % 3 === 0 ? {} : { avatarUrl: `https://example.com/a/${i}.png` }),
    trustLevel: i % 4,
    joinedOn: `2026-10-${String(1 + i * 2).padStart(2, '0')}`,
  }));
  const days: SnapshotDay[] = [];
  for (let d = 0; d < 60; d++) {
    const date = new Date(Date.UTC(2026, 8, 26 + d)).toISOString().slice(0, 10);
    if (d % 9 === 4) continue; // a quiet day: missing from the snapshot, reported as zeros
    const activity = Array.from({ length: 1 + rnd(4) }, () => {
      const space = spaces[rnd(spaces.length)]!;
      const posts = rnd(3);
      return {
        spaceId: space.id,
        memberId: members[rnd(members.length)]!.id,
        posts,
        replies: rnd(5),
        acceptedAnswers: space.kind === 'qa' ? rnd(2) : 0,
        questionsResolved: space.kind === 'qa' ? Math.min(posts, rnd(2)) : 0,
      };
    });
    const raised = rnd(3);
    days.push({
      date,
      activity,
      upvotes: rnd(6),
      downvotes: rnd(2),
      voters: [members[rnd(members.length)]!.id],
      flagsRaised: raised,
      flagsOpen: raised === 0 ? 0 : rnd(raised),
      responseMinutes: raised > 0 ? [5 + rnd(300)] : [],
      autoModTriggers: rnd(2),
    });
  }
  return { timeZone: 'Europe/Paris', takenAt: FIXTURE_NOW, recordingSince: Date.UTC(2026, 10, 10), spaces, members, days };
}

/** Wraps a source, rewriting some answers, to prove the suite catches a broken adapter. */
class Tampered implements AnalyticsDataSource {
  constructor(
    private readonly inner: AnalyticsDataSource,
    private readonly tamper: { report?: (r: AnalyticsReport) => AnalyticsReport; rows?: (table: TableId, q: RowsQuery) => Promise<RowsPage<unknown>> | null },
  ) {}
  get timeZone(): string | undefined {
    return this.inner.timeZone;
  }
  now(): number {
    return this.inner.now!();
  }
  async report(q: Parameters<AnalyticsDataSource['report']>[0]): Promise<AnalyticsReport> {
    const r = await this.inner.report(q);
    return this.tamper.report ? this.tamper.report(r) : r;
  }
  async rows<T extends TableId>(table: T, q: RowsQuery): Promise<RowsPage<TableRows[T]>> {
    const tampered = this.tamper.rows?.(table, q);
    return (tampered ?? this.inner.rows(table, q)) as Promise<RowsPage<TableRows[T]>>;
  }
  diffReport(q: Parameters<AnalyticsDataSource['diffReport']>[0]): ReturnType<AnalyticsDataSource['diffReport']> {
    return this.inner.diffReport(q);
  }
}

function reversed(rows: ContributorRow[]): ContributorRow[] {
  return rows
    .slice()
    .reverse()
    .map((row, i) => ({ ...row, rank: i + 1 }));
}

describe('runDataSourceContract', () => {
  let memory: MemoryDataSource;
  before(async () => {
    memory = await fixtureSource();
  });
  after(() => memory.close());

  it('passes for MemoryDataSource on both paths and several ranges', async () => {
    expectPassed(await runDataSourceContract(() => memory, { ranges: RANGES }));
  });

  it('passes for MemoryDataSource with the default ranges (presets on its clock)', async () => {
    const result = await runDataSourceContract(() => memory);
    expect(result.failed, formatContractFailures(result)).to.deep.equal([]);
    expect(result.passed).to.include('report shape and types [2026-10-26..2026-11-24 direct]');
  });

  it('passes for StaticSnapshotSource, the sample custom adapter', async () => {
    expectPassed(await runDataSourceContract(() => new StaticSnapshotSource(sampleSnapshot()), { ranges: RANGES }));
  });

  it('StaticSnapshotSource shows drift before its recordingSince on the aggregate path', async () => {
    const source = new StaticSnapshotSource(sampleSnapshot());
    const diff = await source.diffReport({ range: '30d' });
    expect(diff.range).to.equal('30d');
    const posts = diff.metrics.find((m) => m.key === 'total_posts')!;
    expect(posts.aggregated).to.be.lessThan(posts.direct!);
    expect(posts.drift_pct).to.be.lessThan(0);
  });

  it('fails, precisely, for a source that reverses the contributor ranking', async () => {
    const broken = new Tampered(memory, {
      report: (r) => ({ ...r, topContributors: { ...r.topContributors, rows: reversed(r.topContributors.rows) } }),
      rows: (table, q) =>
        table === 'top-contributors'
          ? memory.rows('top-contributors', { ...q, offset: 0, limit: 100_000 }).then((all) => ({ total: all.total, rows: reversed(all.rows).slice(q.offset, q.offset + q.limit) }))
          : null,
    });
    const result = await runDataSourceContract(() => broken, { ranges: [RANGES[0]!] });
    const failure = result.failed.find((f) => f.check === 'top contributors ranking [2026-11-01..2026-11-24 direct]');
    expect(failure, formatContractFailures(result)).to.not.equal(undefined);
    expect(failure!.message).to.match(/^report\.topContributors out of order at rank 2: \S+ \(".*", total \d+\) must not come after \S+ \(".*", total \d+\) \(total desc, then displayName asc, then id asc\)$/);
    expect(result.failed.map((f) => f.check)).to.include("rows('top-contributors') pages concatenate to the full ranking [2026-11-01..2026-11-24 aggregate]");
    // What the broken wrapper does not touch still passes.
    expect(result.passed).to.include('top spaces ranking [2026-11-01..2026-11-24 direct]');
    expect(result.passed).to.include('an already-aborted signal rejects with an AbortError');
  });

  it('checks reports() against report() where a source has it, and fails one whose batch answers differ', async () => {
    const passed = await runDataSourceContract(() => memory, { ranges: [RANGES[0]!] });
    expect(passed.passed).to.include('reports() answers each query as report() does, in order [2026-11-01..2026-11-24 direct]');
    // The batch answers the queries in reverse order.
    const broken = Object.assign(Object.create(memory) as MemoryDataSource, {
      reports: async (queries: Parameters<MemoryDataSource['reports']>[0]) => (await memory.reports(queries)).reverse(),
    });
    const result = await runDataSourceContract(() => broken, { ranges: [RANGES[0]!] });
    const failure = result.failed.find((f) => f.check === 'reports() answers each query as report() does, in order [2026-11-01..2026-11-24 direct]');
    expect(failure, formatContractFailures(result)).to.not.equal(undefined);
    expect(failure!.message).to.equal('reports()[0] differs from report() of the same query');
  });

  it('fails, precisely, for a source that ignores offset', async () => {
    const broken = new Tampered(memory, { rows: (table, q) => memory.rows(table, { ...q, offset: 0 }) });
    const result = await runDataSourceContract(() => broken, { ranges: [RANGES[0]!] });
    const failure = result.failed.find((f) => f.check === "rows('top-spaces') pages concatenate to the full ranking [2026-11-01..2026-11-24 direct]");
    expect(failure, formatContractFailures(result)).to.not.equal(undefined);
    expect(failure!.message).to.match(/^rows\('top-spaces', offset 3, limit 3\) returned \[.+\], expected \[.+\] \(offset and limit apply after ranking\)$/);
    expect(result.failed.map((f) => f.check)).to.include("rows('daily') matches report.daily [2026-11-01..2026-11-24 direct]");
  });

  it('fails for broken null rules, daily gaps, an unaborted call and an accepted invalid range', async () => {
    const broken: AnalyticsDataSource = {
      timeZone: 'UTC',
      now: () => FIXTURE_NOW,
      report: async (q) => {
        const r = await memory.report({ ...q, signal: undefined, range: safe(q.range) });
        return { ...r, daily: r.daily.filter((d) => d.posts + d.replies > 0), engagement: { ...r.engagement, avgRepliesPerPost: 0 } };
      },
      rows: (table, q) => memory.rows(table, { ...q, signal: undefined, range: safe(q.range) }),
      diffReport: async (q) => {
        const d = await memory.diffReport({ range: q.range });
        return { ...d, metrics: d.metrics.slice(1).map((m) => ({ ...m, drift_pct: 1 })) };
      },
    };
    const result = await runDataSourceContract(() => broken, { ranges: [RANGES[3]!] });
    const byCheck = new Map(result.failed.map((f) => [f.check.replace(/ \[.*\]$/, ''), f.message]));
    expect(byCheck.get('daily has one row per day, in order, zeros included')).to.equal(
      'report.daily has 0 rows, expected 5 (one per day of 2024-01-01..2024-01-05, zeros included)',
    );
    expect(byCheck.get('null rules')).to.equal('avgRepliesPerPost is 0 with 0 posts: it is null iff totalPosts is 0');
    expect(byCheck.get('diffReport keys and drift')).to.match(/^diffReport keys are total_replies, .*; expected the 17 keys total_posts, /);
    expect(byCheck.get('an already-aborted signal rejects with an AbortError')).to.equal('report() resolved; expected it to reject with a DOMException named AbortError');
    expect(byCheck.get('an invalid range rejects with an error that says why')).to.equal('report(2026-02-30..2026-03-02) resolved; expected it to reject with an Error with a message');
  });
});

/** Swallows invalid ranges (what a broken adapter might do). */
function safe(range: DateRange): DateRange {
  return /^\d{4}-\d{2}-\d{2}$/.test(range.start) && range.start <= range.end && !range.start.endsWith('-30') ? range : { start: '2024-01-01', end: '2024-01-05' };
}

describe('runDataSourceContract covers the metric registry', () => {
  const range = RANGES[0]!;
  const snapshot = sampleSnapshot();

  /** The message of the shape check on the direct path when every report() is passed through `tamper`. */
  async function shapeFailure(tamper: (r: AnalyticsReport) => void): Promise<string | undefined> {
    const source = new Tampered(new StaticSnapshotSource(snapshot), {
      report: (r) => {
        const copy = structuredClone(r);
        tamper(copy);
        return copy;
      },
    });
    const result = await runDataSourceContract(() => source, { ranges: [range] });
    return result.failed.find((f) => f.check === `report shape and types [${range.start}..${range.end} direct]`)?.message;
  }

  it('passes untampered reports (the baseline of the checks below)', async () => {
    expect(await shapeFailure(() => {})).to.equal(undefined);
  });

  for (const metric of METRICS) {
    it(`fails a report without ${metric.section}.${metric.key}`, async () => {
      const message = await shapeFailure((r) => {
        delete (r[metric.section] as unknown as Record<string, unknown>)[metric.key];
      });
      expect(message).to.match(new RegExp(`^${metric.section}\\.${metric.key} is undefined, expected `));
    });
  }

  for (const table of FIELD_TABLES) {
    for (const field of fieldsOf(table as TableId)) {
      // An optional field may be absent, so it gets a value of the wrong type instead.
      it(`fails a report whose first ${table} row ${field.optional ? 'has a number as' : 'lacks'} ${field.key}`, async () => {
        const message = await shapeFailure((r) => {
          const row = REPORT_TABLES[table](r)[0] as unknown as Record<string, unknown>;
          if (field.optional) row[field.key] = 7;
          else delete row[field.key];
        });
        expect(message).to.match(new RegExp(`\\[0\\]\\.${field.key} is ${field.optional ? '7' : 'undefined'}, expected `));
      });
    }
  }
});

describe('StaticSnapshotSource and the metric registry', () => {
  it("sums each plain day count into the registered figure of its name, on both paths", async () => {
    const days: SnapshotDay[] = SNAPSHOT_DAY_COUNTS.map((key, i) => ({ date: `2026-03-0${i + 1}`, [key]: 10 + i }));
    const source = new StaticSnapshotSource({ takenAt: Date.UTC(2026, 2, 31), spaces: [], members: [], days });
    for (const path of ['direct', 'aggregate'] as const) {
      const report = await source.report({ range: { start: '2026-03-01', end: '2026-03-31' }, path });
      SNAPSHOT_DAY_COUNTS.forEach((key, i) => {
        const metric = METRICS.find((candidate) => candidate.key === key)!;
        expect(metric.format, key).to.equal('count');
        expect((report[metric.section] as unknown as Record<string, number>)[key], `${path} ${key}`).to.equal(10 + i);
      });
    }
  });
});
