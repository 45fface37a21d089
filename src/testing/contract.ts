/**
 * The data-source contract as a runnable suite (DESIGN section 5): adapter
 * authors call `runDataSourceContract(() => new TheirSource())` from any test
 * framework, or none, and get a list of passed and failed checks.
 *
 * DOM-free and framework-free: it only needs `AbortController` and
 * `setTimeout`, so it runs under mocha, node:test, vitest or a plain script.
 */
import { DIFF_METRICS, driftPct } from '../engine/diff.js';
import { isIsoDate } from '../model/dates.js';
import { METRIC_SECTIONS, fieldsOf, metricsOf, type FieldFormat } from '../model/metrics.js';
import { presetRange, previousRange, rangeDays, validateRange } from '../model/range.js';
import type { AnalyticsReport, ContributorRow, DailyRow, DateRange, Path, RowsPage, SpaceRow } from '../model/report.js';
import type { AnalyticsDataSource } from '../sources/data-source.js';
import { formatIsoDate, parseIsoDate } from '../model/dates.js';

/** The options of `runDataSourceContract`. */
export interface ContractOptions {
  /**
   * The ranges every check runs on. Default: the `30d`, `7d` and `last_month`
   * presets resolved with the source's clock (`now()`, else the system clock)
   * and zone (`timeZone`, else UTC). Pick ranges where your data has activity,
   * and one where it has none.
   */
  ranges?: DateRange[];
  /** How long one call may take before it counts as failed, in ms. Default 15 000. */
  timeoutMs?: number;
}

/** A check that failed: its name and what went wrong. */
export interface ContractFailure {
  check: string;
  message: string;
}

/** The outcome of `runDataSourceContract`: the names of the checks that passed, and the failures. */
export interface ContractResult {
  passed: string[];
  failed: ContractFailure[];
}

const PATHS: readonly Path[] = ['direct', 'aggregate'];
/** Page size used to walk `rows()`; small so several pages are read. */
const PAGE = 3;
/** Big enough to read a whole table in one page. */
const ALL = 100_000;

class CheckFailed extends Error {}

function fail(message: string): never {
  throw new CheckFailed(message);
}

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) fail(message);
}

/**
 * Runs every check of the contract against fresh sources from `makeSource`
 * (called once, up front; it may return a promise) and resolves with what
 * passed and what failed. It never rejects for a contract violation; it
 * rejects only when `makeSource` itself throws.
 */
export async function runDataSourceContract(
  makeSource: () => Promise<AnalyticsDataSource> | AnalyticsDataSource,
  options: ContractOptions = {},
): Promise<ContractResult> {
  const source = await makeSource();
  const timeoutMs = options.timeoutMs ?? 15_000;
  const result: ContractResult = { passed: [], failed: [] };

  const call = <T>(what: string, promise: () => Promise<T>): Promise<T> => withTimeout(what, promise, timeoutMs);

  const check = async (name: string, body: () => Promise<void>): Promise<void> => {
    try {
      await body();
      result.passed.push(name);
    } catch (error) {
      result.failed.push({ check: name, message: error instanceof CheckFailed ? error.message : `threw ${describeError(error)}` });
    }
  };

  let ranges = options.ranges;
  if (!ranges) {
    const zone = source.timeZone ?? 'UTC';
    const now = typeof source.now === 'function' ? source.now() : Date.now();
    ranges = (['30d', '7d', 'last_month'] as const).map((preset) => presetRange(preset, zone, now));
  }

  for (const range of ranges) {
    const label = `${range.start}..${range.end}`;
    for (const path of PATHS) {
      const tag = `[${label} ${path}]`;
      let report: AnalyticsReport | undefined;
      await check(`report shape and types ${tag}`, async () => {
        report = await call('report()', () => source.report({ range, path }));
        checkReportShape(report, range, path);
      });
      if (!report) continue;
      const r = report;
      await check(`daily has one row per day, in order, zeros included ${tag}`, async () => checkDaily(r.daily, range, 'report.daily'));
      await check(`overview totals equal the sum of daily ${tag}`, async () => checkTotals(r));
      await check(`previousRange is the same length ending the day before start ${tag}`, async () => {
        const expected = previousRange(range);
        assert(
          r.previousRange.start === expected.start && r.previousRange.end === expected.end,
          `previousRange is ${r.previousRange.start}..${r.previousRange.end}, expected ${expected.start}..${expected.end}`,
        );
      });
      await check(`null rules ${tag}`, async () => {
        checkNullRules(r);
        const prev = await call('report() of the previous period', () => source.report({ range: previousRange(range), path }));
        const before = prev.overview.totalPosts + prev.overview.totalReplies;
        const now = r.overview.totalPosts + r.overview.totalReplies;
        if (before === 0) {
          assert(r.overview.growthRate === null, `growthRate is ${r.overview.growthRate} but the previous period has no posts or replies: it must be null`);
        } else {
          assert(r.overview.growthRate !== null, `growthRate is null but the previous period has ${before} posts and replies`);
          const expected = ((now - before) / before) * 100;
          assert(close(r.overview.growthRate, expected), `growthRate is ${r.overview.growthRate}, expected (${now} − ${before}) / ${before} × 100 = ${expected}`);
        }
      });
      await check(`top spaces ranking ${tag}`, async () => checkSpaces(r.topSpaces.rows, 'report.topSpaces', 0));
      await check(`top contributors ranking ${tag}`, async () => checkContributors(r.topContributors.rows, 'report.topContributors', 0));
      for (const table of ['top-spaces', 'top-contributors'] as const) {
        await check(`rows('${table}') pages concatenate to the full ranking ${tag}`, async () => {
          const head = table === 'top-spaces' ? r.topSpaces : r.topContributors;
          await checkPaging(source, call, table, range, path, head);
        });
      }
      await check(`rows('daily') matches report.daily ${tag}`, async () => {
        const all = await call("rows('daily')", () => source.rows('daily', { range, path, offset: 0, limit: ALL }));
        assert(all.total === rangeDays(range), `rows('daily').total is ${all.total}, expected ${rangeDays(range)} (days in the range)`);
        checkDaily(all.rows, range, "rows('daily')");
        const page = await call("rows('daily') page", () => source.rows('daily', { range, path, offset: 1, limit: 2 }));
        assert(sameJson(page.rows, all.rows.slice(1, 3)), `rows('daily', offset 1, limit 2) is ${json(page.rows)}, expected ${json(all.rows.slice(1, 3))}`);
      });
      await check(`topN is respected ${tag}`, async () => {
        // 0: totals without rows, which the dashboard asks for the previous period.
        for (const topN of [0, 1, 3]) {
          const small = await call(`report({ topN: ${topN} })`, () => source.report({ range, path, topN }));
          for (const [name, page, full] of [
            ['topSpaces', small.topSpaces, r.topSpaces],
            ['topContributors', small.topContributors, r.topContributors],
          ] as const) {
            const want = Math.min(topN, full.total);
            assert(page.rows.length === want, `with topN ${topN}, ${name} has ${page.rows.length} rows, expected ${want} (total ${full.total})`);
            assert(page.total === full.total, `with topN ${topN}, ${name}.total is ${page.total}, expected ${full.total} as without topN`);
            assert(sameJson(page.rows, full.rows.slice(0, want)), `with topN ${topN}, ${name} rows are not the first ${want} of the ranking`);
          }
        }
        const def = r.topSpaces.rows.length === Math.min(10, r.topSpaces.total) && r.topContributors.rows.length === Math.min(10, r.topContributors.total);
        assert(def, `without topN the report must carry min(10, total) rows of each table; got ${r.topSpaces.rows.length} spaces (total ${r.topSpaces.total}) and ${r.topContributors.rows.length} contributors (total ${r.topContributors.total})`);
      });
      if (typeof source.reports === 'function') {
        await check(`reports() answers each query as report() does, in order ${tag}`, async () => {
          const queries = [{ range, path, topN: 3 }, { range: r.previousRange, path, topN: 0 }];
          const batch = await call('reports()', () => source.reports!(queries));
          assert(Array.isArray(batch) && batch.length === queries.length, `reports() of ${queries.length} queries answered ${json(Array.isArray(batch) ? batch.length : batch)}`);
          for (let i = 0; i < queries.length; i++) {
            const single = await call('report()', () => source.report(queries[i]!));
            assert(sameJson(batch[i], single), `reports()[${i}] differs from report() of the same query`);
          }
        });
      }
    }

    await check(`diffReport keys and drift [${label}]`, async () => {
      const diff = await call('diffReport()', () => source.diffReport({ range }));
      assert(diff.range === label, `diffReport.range is ${json(diff.range)}, expected ${json(label)}`);
      assert(Array.isArray(diff.metrics), 'diffReport.metrics is not an array');
      const keys = diff.metrics.map((m) => m.key);
      const expected = DIFF_METRICS.map((m) => m.key);
      assert(sameJson(keys, expected), `diffReport keys are ${keys.join(', ')}; expected the ${expected.length} keys ${expected.join(', ')}`);
      const reports = {
        direct: await call('report(direct)', () => source.report({ range, path: 'direct' })),
        aggregate: await call('report(aggregate)', () => source.report({ range, path: 'aggregate' })),
      };
      diff.metrics.forEach((m, i) => {
        const read = DIFF_METRICS[i]!.read;
        assert(numberOrNull(m.direct) && numberOrNull(m.aggregated), `${m.key}: direct and aggregated must be numbers or null, got ${json(m.direct)} and ${json(m.aggregated)}`);
        const want = driftPct(m.direct, m.aggregated);
        assert(m.drift_pct === want, `${m.key}: drift_pct is ${json(m.drift_pct)} for direct ${m.direct} and aggregated ${m.aggregated}, expected ${json(want)}`);
        assert(closeOrNull(m.direct, read(reports.direct)), `${m.key}: direct is ${m.direct} but report(path direct) says ${read(reports.direct)}`);
        assert(closeOrNull(m.aggregated, read(reports.aggregate)), `${m.key}: aggregated is ${m.aggregated} but report(path aggregate) says ${read(reports.aggregate)}`);
      });
    });
  }

  const range = ranges[0] ?? { start: '2026-01-01', end: '2026-01-07' };
  await check('an already-aborted signal rejects with an AbortError', async () => {
    // The simplest right answer: `if (signal?.aborted) throw signal.reason` (or `abortError(signal)`).
    const controller = new AbortController();
    controller.abort();
    const signal = controller.signal;
    await expectRejection('report()', () => source.report({ range, signal }), isAbortError, 'a DOMException named AbortError', timeoutMs);
    await expectRejection("rows('top-contributors')", () => source.rows('top-contributors', { range, signal, offset: 0, limit: 5 }), isAbortError, 'a DOMException named AbortError', timeoutMs);
    await expectRejection('diffReport()', () => source.diffReport({ range, signal }), isAbortError, 'a DOMException named AbortError', timeoutMs);
  });
  await check('an invalid range rejects with an error that says why', async () => {
    const bad: DateRange[] = [
      { start: '2026-02-30', end: '2026-03-02' },
      { start: '2026-03-10', end: '2026-03-01' },
      { start: 'yesterday', end: '2026-03-01' },
    ];
    for (const b of bad) {
      const what = `${b.start}..${b.end}`;
      await expectRejection(`report(${what})`, () => source.report({ range: b }), isMeaningfulError, 'an Error with a message', timeoutMs);
      await expectRejection(`rows(${what})`, () => source.rows('top-spaces', { range: b, offset: 0, limit: 5 }), isMeaningfulError, 'an Error with a message', timeoutMs);
      await expectRejection(`diffReport(${what})`, () => source.diffReport({ range: b }), isMeaningfulError, 'an Error with a message', timeoutMs);
    }
  });

  return result;
}

/** One line per failure, for an assertion message: `check: message`. */
export function formatContractFailures(result: ContractResult): string {
  return result.failed.map((f) => `✗ ${f.check}: ${f.message}`).join('\n');
}

// ---------------------------------------------------------------------------

function checkReportShape(r: AnalyticsReport, range: DateRange, path: Path): void {
  assert(typeof r === 'object' && r !== null, `report() resolved with ${json(r)}, expected an object`);
  assert(r.range?.start === range.start && r.range?.end === range.end, `report.range is ${json(r.range)}, expected ${json(range)}`);
  assert(isRange(r.previousRange), `report.previousRange is ${json(r.previousRange)}, expected { start, end } dates`);
  assert(typeof r.timeZone === 'string' && r.timeZone !== '', `report.timeZone is ${json(r.timeZone)}, expected a non-empty string`);
  assert(r.path === path, `report.path is ${json(r.path)}, expected ${json(path)}`);
  assert(r.recordingSince === null || isFiniteNumber(r.recordingSince), `report.recordingSince is ${json(r.recordingSince)}, expected epoch ms or null`);
  for (const section of METRIC_SECTIONS) {
    const figures = r[section];
    assert(typeof figures === 'object' && figures !== null, `report.${section} is missing`);
    checkFields(section, figures, metricsOf(section));
  }
  assert(Array.isArray(r.daily), 'report.daily is not an array');
  r.daily.forEach((d, i) => {
    assert(typeof d === 'object' && d !== null, `report.daily[${i}] is ${json(d)}`);
    checkFields(`report.daily[${i}]`, d, fieldsOf('daily'));
  });
  for (const name of ['topSpaces', 'topContributors'] as const) {
    const page = r[name];
    assert(typeof page === 'object' && page !== null && Array.isArray(page.rows), `report.${name} must be { total, rows: [] }`);
    assert(Number.isInteger(page.total) && page.total >= page.rows.length, `report.${name}.total is ${json(page.total)}, must be an integer ≥ rows.length (${page.rows.length})`);
  }
  r.topSpaces.rows.forEach((s, i) => checkSpaceShape(s, `report.topSpaces.rows[${i}]`));
  r.topContributors.rows.forEach((c, i) => checkContributorShape(c, `report.topContributors.rows[${i}]`));
  const e = r.engagement;
  assert(e.questionsResolved <= e.questionsAsked, `engagement.questionsResolved (${e.questionsResolved}) exceeds questionsAsked (${e.questionsAsked})`);
  const m = r.moderation;
  assert(m.flagsOpen <= m.flagsRaised, `moderation.flagsOpen (${m.flagsOpen}) exceeds flagsRaised (${m.flagsRaised})`);
  assert((m.medianResponseMinutes === null) === (m.p90ResponseMinutes === null), 'moderation.medianResponseMinutes and p90ResponseMinutes must be null together (no resolved flag)');
}

function checkSpaceShape(s: SpaceRow, where: string): void {
  assert(typeof s === 'object' && s !== null, `${where} is ${json(s)}`);
  checkFields(where, s, fieldsOf('top-spaces'));
  assert(s.posts + s.replies > 0, `${where} (${s.spaceId}) has no posts or replies: only spaces with counted content are listed`);
  assert((s.engagementRate === null) === (s.posts === 0), `${where} (${s.spaceId}) has engagementRate ${s.engagementRate} with ${s.posts} posts: it is null iff posts is 0`);
  if (s.engagementRate !== null) assert(close(s.engagementRate, s.replies / s.posts), `${where} (${s.spaceId}) engagementRate ${s.engagementRate} ≠ replies / posts = ${s.replies / s.posts}`);
}

function checkContributorShape(c: ContributorRow, where: string): void {
  assert(typeof c === 'object' && c !== null, `${where} is ${json(c)}`);
  checkFields(where, c, fieldsOf('top-contributors'));
  assert(c.total === c.posts + c.replies + c.acceptedAnswers, `${where} (${c.memberId}) total ${c.total} ≠ posts + replies + acceptedAnswers = ${c.posts + c.replies + c.acceptedAnswers}`);
  assert(c.total > 0, `${where} (${c.memberId}) has total 0: only members with total > 0 are listed`);
}

function checkDaily(daily: DailyRow[], range: DateRange, where: string): void {
  const first = parseIsoDate(range.start);
  const days = rangeDays(range);
  assert(daily.length === days, `${where} has ${daily.length} rows, expected ${days} (one per day of ${range.start}..${range.end}, zeros included)`);
  daily.forEach((d, i) => {
    const date = formatIsoDate(first + i);
    assert(d.date === date, `${where}[${i}].date is ${json(d.date)}, expected ${date} (days in order)`);
    checkFields(`${where}[${i}]`, d, fieldsOf('daily'));
  });
}

function checkTotals(r: AnalyticsReport): void {
  const posts = r.daily.reduce((n, d) => n + d.posts, 0);
  const replies = r.daily.reduce((n, d) => n + d.replies, 0);
  assert(r.overview.totalPosts === posts, `overview.totalPosts is ${r.overview.totalPosts} but the daily posts sum to ${posts}`);
  assert(r.overview.totalReplies === replies, `overview.totalReplies is ${r.overview.totalReplies} but the daily replies sum to ${replies}`);
}

function checkNullRules(r: AnalyticsReport): void {
  const { totalPosts, totalReplies } = r.overview;
  const e = r.engagement;
  assert((e.avgRepliesPerPost === null) === (totalPosts === 0), `avgRepliesPerPost is ${e.avgRepliesPerPost} with ${totalPosts} posts: it is null iff totalPosts is 0`);
  if (e.avgRepliesPerPost !== null) assert(close(e.avgRepliesPerPost, totalReplies / totalPosts), `avgRepliesPerPost ${e.avgRepliesPerPost} ≠ totalReplies / totalPosts = ${totalReplies / totalPosts}`);
  assert((e.acceptedAnswerRate === null) === (e.questionsAsked === 0), `acceptedAnswerRate is ${e.acceptedAnswerRate} with ${e.questionsAsked} questions asked: it is null iff questionsAsked is 0`);
  if (e.acceptedAnswerRate !== null) {
    const want = e.questionsResolved / e.questionsAsked;
    assert(close(e.acceptedAnswerRate, want), `acceptedAnswerRate ${e.acceptedAnswerRate} ≠ questionsResolved / questionsAsked = ${want}`);
  }
}

function checkSpaces(rows: SpaceRow[], where: string, offset: number): void {
  rows.forEach((s, i) => {
    assert(s.rank === offset + i + 1, `${where}[${i}] (${s.spaceId}) has rank ${s.rank}, expected ${offset + i + 1} (ranks run 1..n over the whole ranking)`);
    if (i === 0) return;
    const p = rows[i - 1]!;
    const order = compareSpaces(p, s);
    assert(order < 0, `${where} out of order at rank ${s.rank}: ${describeSpace(s)} must not come after ${describeSpace(p)} (posts + replies desc, then name asc, then id asc)`);
  });
}

function checkContributors(rows: ContributorRow[], where: string, offset: number): void {
  rows.forEach((c, i) => {
    assert(c.rank === offset + i + 1, `${where}[${i}] (${c.memberId}) has rank ${c.rank}, expected ${offset + i + 1} (ranks run 1..n over the whole ranking)`);
    if (i === 0) return;
    const p = rows[i - 1]!;
    assert(compareContributors(p, c) < 0, `${where} out of order at rank ${c.rank}: ${describeContributor(c)} must not come after ${describeContributor(p)} (total desc, then displayName asc, then id asc)`);
  });
}

async function checkPaging(
  source: AnalyticsDataSource,
  call: <T>(what: string, promise: () => Promise<T>) => Promise<T>,
  table: 'top-spaces' | 'top-contributors',
  range: DateRange,
  path: Path,
  head: RowsPage<SpaceRow> | RowsPage<ContributorRow>,
): Promise<void> {
  const whole = (await call(`rows('${table}') in one page`, () => source.rows(table, { range, path, offset: 0, limit: ALL }))) as RowsPage<SpaceRow | ContributorRow>;
  assert(Array.isArray(whole.rows) && Number.isInteger(whole.total), `rows('${table}') must resolve with { total, rows: [] }, got ${json(whole).slice(0, 120)}`);
  assert(whole.total === head.total, `rows('${table}').total is ${whole.total} but the report says ${head.total}`);
  assert(whole.rows.length === whole.total, `rows('${table}', limit ${ALL}) returned ${whole.rows.length} rows of total ${whole.total}`);
  if (table === 'top-spaces') {
    (whole.rows as SpaceRow[]).forEach((s, i) => checkSpaceShape(s, `rows('top-spaces')[${i}]`));
    checkSpaces(whole.rows as SpaceRow[], `rows('top-spaces')`, 0);
  } else {
    (whole.rows as ContributorRow[]).forEach((c, i) => checkContributorShape(c, `rows('top-contributors')[${i}]`));
    checkContributors(whole.rows as ContributorRow[], `rows('top-contributors')`, 0);
  }
  assert(sameJson(head.rows, whole.rows.slice(0, head.rows.length)), `the report's first ${head.rows.length} rows of ${table} differ from rows('${table}') offset 0`);
  const pages: unknown[] = [];
  for (let offset = 0; offset < whole.total; offset += PAGE) {
    const page = await call(`rows('${table}', offset ${offset})`, () => source.rows(table, { range, path, offset, limit: PAGE }));
    assert(page.total === whole.total, `rows('${table}', offset ${offset}, limit ${PAGE}).total is ${page.total}, expected ${whole.total}`);
    const want = whole.rows.slice(offset, offset + PAGE);
    assert(
      sameJson(page.rows, want),
      `rows('${table}', offset ${offset}, limit ${PAGE}) returned ${idsOf(page.rows)}, expected ${idsOf(want)} (offset and limit apply after ranking)`,
    );
    pages.push(...page.rows);
  }
  assert(sameJson(pages, whole.rows), `rows('${table}') pages of ${PAGE} do not concatenate to the one-page ranking`);
  const past = await call(`rows('${table}') past the end`, () => source.rows(table, { range, path, offset: whole.total + 5, limit: PAGE }));
  assert(past.rows.length === 0 && past.total === whole.total, `rows('${table}') past the end returned ${past.rows.length} rows and total ${past.total}; expected no rows and total ${whole.total}`);
}

// ---------------------------------------------------------------------------

/** Code-unit order, as `a < b` in JavaScript. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareSpaces(a: SpaceRow, b: SpaceRow): number {
  return b.posts + b.replies - (a.posts + a.replies) || cmp(a.name, b.name) || cmp(a.spaceId, b.spaceId);
}

function compareContributors(a: ContributorRow, b: ContributorRow): number {
  return b.total - a.total || cmp(a.displayName, b.displayName) || cmp(a.memberId, b.memberId);
}

function describeSpace(s: SpaceRow): string {
  return `${s.spaceId} ("${s.name}", ${s.posts + s.replies} posts + replies)`;
}

function describeContributor(c: ContributorRow): string {
  return `${c.memberId} ("${c.displayName}", total ${c.total})`;
}

function idsOf(rows: unknown[]): string {
  const ids = rows.map((r) => {
    const row = r as Partial<SpaceRow & ContributorRow & DailyRow>;
    return row.spaceId ?? row.memberId ?? row.date ?? '?';
  });
  return `[${ids.join(', ')}]`;
}

/** What a value of each format must be: a format added to the registry does not compile until it is checked here. */
const FORMAT_RULES: { readonly [F in FieldFormat]: readonly [check: (v: unknown) => boolean, expected: string] } = {
  count: [isCount, 'an integer ≥ 0'],
  level: [isCount, 'an integer ≥ 0'],
  rank: [(v) => isCount(v) && v >= 1, 'an integer ≥ 1'],
  ratio: [isNonNegative, 'a finite number ≥ 0'],
  share: [isNonNegative, 'a finite number ≥ 0'],
  duration: [isNonNegative, 'a finite number ≥ 0'],
  percent: [isFiniteNumber, 'a finite number'],
  id: [(v) => typeof v === 'string' && v !== '', 'a non-empty string'],
  text: [(v) => typeof v === 'string', 'a string'],
  url: [(v) => typeof v === 'string', 'a string'],
  date: [isIsoDate, 'a date YYYY-MM-DD'],
};

/** Every field the registry declares for `obj`, checked by its format; null only where it may be null, absent only where optional. */
function checkFields(where: string, obj: object, fields: readonly { key: string; format: FieldFormat; nullable: boolean; optional?: boolean }[]): void {
  for (const field of fields) {
    const v = (obj as Record<string, unknown>)[field.key];
    if ((field.nullable && v === null) || (field.optional && v === undefined)) continue;
    const [check, expected] = FORMAT_RULES[field.format];
    assert(check(v), `${where}.${field.key} is ${json(v)}, expected ${expected}${field.nullable ? ' or null' : field.optional ? ' or absent' : ''}`);
  }
}

function isNonNegative(v: unknown): v is number {
  return isFiniteNumber(v) && v >= 0;
}

function isCount(v: unknown): v is number {
  return Number.isInteger(v) && (v as number) >= 0;
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function numberOrNull(v: unknown): boolean {
  return v === null || isFiniteNumber(v);
}

function isRange(r: unknown): r is DateRange {
  if (typeof r !== 'object' || r === null) return false;
  try {
    validateRange(r);
    return true;
  } catch {
    return false;
  }
}

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

function closeOrNull(a: number | null, b: number | null): boolean {
  return a === null || b === null ? a === b : close(a, b);
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function json(v: unknown): string {
  if (v === undefined) return 'undefined';
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return json(error);
}

/**
 * A DOMException named AbortError, as fetch rejects with (and as
 * `signal.reason` is after a plain `abort()`): the elements recognise a
 * cancelled load by exactly that and never show it as an error.
 */
function isAbortError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || (error as { name?: unknown }).name !== 'AbortError') return false;
  return typeof DOMException === 'undefined' || error instanceof DOMException;
}

function isMeaningfulError(error: unknown): boolean {
  return error instanceof Error && typeof error.message === 'string' && error.message.trim() !== '';
}

async function withTimeout<T>(what: string, run: () => Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckFailed(`${what} did not settle within ${ms} ms`)), ms);
  });
  try {
    // A synchronous throw counts as a rejection, as it would from an async method.
    return await Promise.race([Promise.resolve().then(run), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function expectRejection(what: string, run: () => Promise<unknown>, ok: (e: unknown) => boolean, expected: string, ms: number): Promise<void> {
  let outcome: { resolved: true } | { resolved: false; error: unknown };
  try {
    await withTimeout(what, run, ms);
    outcome = { resolved: true };
  } catch (error) {
    if (error instanceof CheckFailed) throw error;
    outcome = { resolved: false, error };
  }
  if (outcome.resolved) fail(`${what} resolved; expected it to reject with ${expected}`);
  if (!ok(outcome.error)) fail(`${what} rejected with ${describeError(outcome.error)}; expected ${expected}`);
}
