/**
 * `npm run bench`: the engine's speed on the seeded community data, and
 * DuckDB and Arquero answering the same core queries on the same final state
 * in the same run. See bench/README.md for what each figure means.
 *
 *   node --expose-gc bench/run.mjs [--10m] [--sizes=100000,1000000] [--no-workers] [--no-readme]
 *
 * Writes bench/results.json, prints Markdown tables and (on a full run)
 * refreshes the table block of bench/README.md.
 */
import { deepStrictEqual } from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { execFileSync } from 'node:child_process';
import { releaseProxy, wrap } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { ArqueroSide, DuckSide, canonical, canonicalStats, finalState } from './others.mjs';
import { measure, measureAsync, round, setDefaults, summarize, usedBytes } from './timing.mjs';

if (typeof globalThis.gc !== 'function') {
  console.error('Run with node --expose-gc (npm run bench does).');
  process.exit(2);
}

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const buildDir = resolve(root, process.env.BENCH_BUILD_DIR ?? 'bench/.build');
const dataUrl = pathToFileURL(join(buildDir, 'data.js')).href;
const { AnalyticsEngine, communityEvents, formatIsoDate, tableCsv } = await import(dataUrl);

// ---------------------------------------------------------------- options

const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const with10m = flag('10m') || process.env.BENCH_10M === '1';
const sizes = option('sizes')
  ? option('sizes').split(',').map(Number)
  : [100_000, 1_000_000, ...(with10m ? [10_000_000] : [])];
const fullRun = !option('sizes');
const withWorkers = !flag('no-workers');
const SEED = 1;
const DAYS = 365;
const RANGES = [30, 90, 365];
const SIDE_RANGES = [30, 365];
const PATHS = ['direct', 'aggregate'];
/** Above this many events the chunks are generated and ingested in turn (only ingest timed), and workers are skipped. */
const PREGENERATE_LIMIT = 2_000_000;

const DAY_MS = 86_400_000;
const log = (...a) => console.error(...a);
const failures = [];

function check(label, actual, expected) {
  try {
    deepStrictEqual(actual, expected);
  } catch (error) {
    failures.push(label);
    console.error(`\nMISMATCH: ${label}\n${error.message.slice(0, 3000)}\n`);
    throw new Error(`Results differ: ${label}`);
  }
}

// ---------------------------------------------------------------- helpers

function rangeOf(lastDay, days, shift = 0) {
  const end = lastDay - shift;
  return { start: formatIsoDate(end - days + 1), end: formatIsoDate(end) };
}

function dayBounds(lastDay, days) {
  return [lastDay - days + 1, lastDay];
}

/** Typed-array bytes held directly by an object's fields (growable columns or plain typed arrays). */
function typedArrayBytes(obj) {
  let bytes = 0;
  for (const value of Object.values(obj)) {
    if (ArrayBuffer.isView(value)) bytes += value.byteLength;
    else if (value && ArrayBuffer.isView(value.data)) bytes += value.data.byteLength;
  }
  return bytes;
}

function lastCreatedDay(store) {
  const days = store.createdDay.data;
  let last = -Infinity;
  for (let c = 0; c < store.contents.size; c++) if (store.status.data[c] !== 0 && days[c] > last) last = days[c];
  return last;
}

/** The report without the fields that name the path, to compare the two paths. */
function pathless(report) {
  const { path, ...rest } = report;
  return rest;
}

function csvInProcess(engine, query) {
  const PAGE = 5000;
  const first = engine.rows('top-contributors', { ...query, offset: 0, limit: PAGE });
  const rows = first.rows.slice();
  for (let offset = PAGE; offset < first.total; offset += PAGE) rows.push(...engine.rows('top-contributors', { ...query, offset, limit: PAGE }).rows);
  const bytes = new TextEncoder().encode(tableCsv('top-contributors', rows));
  return { rows: rows.length, bytes: bytes.byteLength };
}

// ---------------------------------------------------------------- workers

class RawWorker {
  constructor(community) {
    this.worker = new Worker(new URL('./worker-raw.mjs', import.meta.url), { workerData: { dataUrl, community } });
    this.next = 0;
    this.pending = new Map();
    this.ready = new Promise((resolveReady, rejectReady) => {
      this.worker.once('error', rejectReady);
      this.worker.on('message', (message) => {
        if (message.ready) return resolveReady(message);
        const call = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.error) call.reject(Object.assign(new Error(message.error.message), message.error));
        else call.resolve({ result: message.result, computeMs: message.computeMs });
      });
    });
  }
  /** Resolves to { result, computeMs }: the answer and the time the work took inside the worker. */
  call(message) {
    const id = this.next++;
    return new Promise((resolveCall, rejectCall) => {
      this.pending.set(id, { resolve: resolveCall, reject: rejectCall });
      this.worker.postMessage({ id, ...message });
    });
  }
  terminate() {
    return this.worker.terminate();
  }
}

function bundleFile() {
  const assets = join(buildDir, 'assets');
  const file = readdirSync(assets).find((f) => /^engine\.worker-.*\.js$/.test(f));
  if (!file) throw new Error(`No built worker script in ${assets}`);
  return join(assets, file);
}

/** The built browser worker script (comlink + EngineHost) in a worker thread; see worker-bundle.mjs. */
class BundleWorker {
  constructor(community) {
    this.worker = new Worker(new URL('./worker-bundle.mjs', import.meta.url), {
      workerData: { bundleUrl: pathToFileURL(bundleFile()).href },
    });
    const base = nodeEndpoint(this.worker);
    // Note the worker-side timing each reply carries before comlink sees it.
    const endpoint = {
      ...base,
      addEventListener: (type, handler) =>
        base.addEventListener(type, (event) => {
          if (event.data?.benchTiming) this.timing = event.data.benchTiming;
          return typeof handler === 'function' ? handler(event) : handler.handleEvent(event);
        }),
    };
    this.api = wrap(endpoint);
    this.callId = 0;
    this.timing = null;
    this.ready = (async () => {
      await this.api.create(1, { timeZone: 'UTC' });
      await this.api.ingestCommunity(1, community);
    })();
  }
  async timed(call) {
    this.timing = null;
    const result = await call();
    return { result, computeMs: this.timing.computeMs, yieldMs: this.timing.yieldMs };
  }
  report(query) {
    return this.timed(() => this.api.report(1, ++this.callId, query));
  }
  csv(query) {
    return this.timed(() => this.api.csv(1, ++this.callId, 'top-contributors', query));
  }
  terminate() {
    this.api[releaseProxy]();
    return this.worker.terminate();
  }
}

/**
 * Round trips of `call(i)` (which resolves to { computeMs, yieldMs? }): the
 * round trip, the work inside the worker, and per call the overhead = round
 * trip − work, i.e. messaging, cloning and (bundled worker) the host's yield.
 */
async function roundTrips(call, { warmup = 3, min = 9, max = 41, budgetMs = 300 } = {}) {
  for (let i = 0; i < warmup; i++) await call(i);
  const rtt = [];
  const compute = [];
  const overhead = [];
  const yields = [];
  let spent = 0;
  for (let i = warmup; rtt.length < min || (rtt.length < max && spent < budgetMs); i++) {
    const t0 = performance.now();
    const answer = await call(i);
    const dt = performance.now() - t0;
    spent += dt;
    rtt.push(dt);
    compute.push(answer.computeMs);
    overhead.push(dt - answer.computeMs);
    if (answer.yieldMs !== undefined) yields.push(answer.yieldMs);
  }
  const out = { roundTrip: summarize(rtt), work: summarize(compute), overhead: summarize(overhead) };
  if (yields.length > 0) out.hostYield = summarize(yields);
  return out;
}

// ---------------------------------------------------------------- one size

/**
 * Generates the stream and ingests it, timing only the engine.ingest calls.
 * Its own function so that nothing of the chunks outlives it on the stack
 * when the caller measures what the engine retains.
 */
function ingestAll(engine, community, pregenerate) {
  const totals = { applied: 0, duplicates: 0, held: 0, released: 0, rejected: 0 };
  let events = 0;
  let ingestMs = 0;
  let generateMs = 0;
  const ingestChunk = (chunk) => {
    const t0 = performance.now();
    const result = engine.ingest(chunk);
    ingestMs += performance.now() - t0;
    events += chunk.length;
    totals.applied += result.applied;
    totals.duplicates += result.duplicates;
    totals.held += result.held;
    totals.released += result.released;
    totals.rejected += result.rejected.length;
  };
  if (pregenerate) {
    const t0 = performance.now();
    const chunks = [];
    for (const chunk of communityEvents(community)) chunks.push(chunk);
    generateMs = performance.now() - t0;
    globalThis.gc();
    for (let i = 0; i < chunks.length; i++) ingestChunk(chunks[i]);
  } else {
    let t0 = performance.now();
    for (const chunk of communityEvents(community)) {
      generateMs += performance.now() - t0;
      ingestChunk(chunk);
      t0 = performance.now();
    }
  }
  return { events, ingestMs, generateMs, totals };
}


async function benchSize(requested) {
  const community = { seed: SEED, events: requested, days: DAYS };
  const out = { requestedEvents: requested, community };
  const pregenerate = requested <= PREGENERATE_LIMIT;
  // Still ≥ 7 runs after warm-up at 10 M, where one report can take seconds.
  setDefaults(pregenerate ? { warmup: 3, min: 9 } : { warmup: 2, min: 7 });

  // Ingest: chunks generated first (untimed), then only engine.ingest timed.
  log(`\n== ${requested.toLocaleString('en-US')} events`);
  const baseBytes = usedBytes();
  const engine = new AnalyticsEngine({ timeZone: 'UTC' });
  const { events, ingestMs, generateMs, totals } = ingestAll(engine, community, pregenerate);
  const retained = usedBytes() - baseBytes;
  const store = engine.store;
  const columnBytes = {
    store: typedArrayBytes(store),
    aggregator: typedArrayBytes(engine.aggregator),
    direct: typedArrayBytes(engine.direct),
  };
  out.events = events;
  out.ingest = {
    pregenerated: pregenerate,
    generateMs: round(generateMs, 1),
    generateEventsPerSec: Math.round((events / generateMs) * 1000),
    ingestMs: round(ingestMs, 1),
    eventsPerSec: Math.round((events / ingestMs) * 1000),
    result: totals,
    heapBytesPerEvent: round(retained / events, 1),
    retainedBytes: retained,
    typedArrayBytes: columnBytes,
    typedArrayBytesPerEvent: round((columnBytes.store + columnBytes.aggregator + columnBytes.direct) / events, 1),
  };
  out.store = {
    contents: store.contents.size,
    votes: store.votes.size,
    members: store.members.size,
    spaces: store.spaces.size,
    flags: store.flags.size,
    automod: store.automodCount,
  };
  log(`ingest ${out.ingest.eventsPerSec.toLocaleString('en-US')} events/s, ${out.ingest.heapBytesPerEvent} bytes/event`);

  const lastDay = lastCreatedDay(store);
  out.lastDay = formatIsoDate(lastDay);
  const readers = { direct: engine.direct, aggregate: engine.aggregator };

  // Full reports; the engine caches stats per store version, so each run bumps the version first.
  out.report = {};
  out.reportBreakdown = {};
  for (const days of RANGES) {
    const range = rangeOf(lastDay, days);
    const [startDay, endDay] = dayBounds(lastDay, days);
    const [prevStart, prevEnd] = dayBounds(lastDay - days, days);
    check(`${requested} ${days}d: direct and aggregate reports`, pathless(engine.report({ range, path: 'aggregate' })), pathless(engine.report({ range, path: 'direct' })));
    out.report[days] = {};
    out.reportBreakdown[days] = {};
    for (const path of PATHS) {
      out.report[days][path] = measure(() => engine.report({ range, path }), { setup: () => store.version++ });
      log(`report ${days}d ${path}: median ${out.report[days][path].median} ms`);
      if (!SIDE_RANGES.includes(days)) continue;
      // Where a report's time goes, each run timing the three side by side so they see the same machine:
      // the counting, the previous period's total, and the rest of report() (ranking, rows, metrics).
      const reader = readers[path];
      const samples = { stats: [], previous: [], rest: [] };
      measure(
        () => {
          const t0 = performance.now();
          reader.rangeStats(startDay, endDay);
          const t1 = performance.now();
          reader.contentTotal(prevStart, prevEnd);
          const t2 = performance.now();
          engine.report({ range, path });
          const t3 = performance.now();
          samples.stats.push(t1 - t0);
          samples.previous.push(t2 - t1);
          samples.rest.push(t3 - t2 - (t1 - t0) - (t2 - t1));
        },
        { setup: () => store.version++, warmup: 0 },
      );
      out.reportBreakdown[days][path] = {
        rangeStats: summarize(samples.stats),
        previousTotal: summarize(samples.previous),
        rest: summarize(samples.rest),
        contributors: engine.rows('top-contributors', { range, path, offset: 0, limit: 0 }).total,
      };
    }
  }

  // A range change: each run slides the range one more day back (a new cache key, same store).
  out.slide = {};
  for (const days of SIDE_RANGES) {
    out.slide[days] = {};
    for (const path of PATHS) out.slide[days][path] = measure((i) => engine.report({ range: rangeOf(lastDay, days, i + 1), path }));
  }

  // CSV of the largest table (top contributors, 365 days), in process, stats already computed.
  const csvQuery = { range: rangeOf(lastDay, 365), path: 'aggregate' };
  engine.report(csvQuery);
  const csvShape = csvInProcess(engine, csvQuery);
  out.csv = { table: 'top-contributors', days: 365, rows: csvShape.rows, bytes: csvShape.bytes, inProcess: measure(() => csvInProcess(engine, csvQuery)) };
  log(`csv ${csvShape.rows} rows: ${out.csv.inProcess.median} ms`);

  // Worker round trips, before the single-event runs change the main engine's state.
  if (withWorkers && pregenerate) out.worker = await benchWorkers(engine, community, lastDay);

  // A single new event, then a report: a published reply on the last day.
  const spaceId = store.spaces.ids[0];
  const authorId = store.members.ids[0];
  let parentId;
  for (let c = store.contents.size - 1; c >= 0; c--) {
    if (store.status.data[c] === 1 && store.contentKind.data[c] === 0 && store.contentSpace.data[c] === 0) {
      parentId = store.contents.ids[c];
      break;
    }
  }
  let serial = 0;
  const newEvent = () => {
    const n = serial++;
    return {
      id: `bench-event-${n}`,
      type: 'content.created',
      at: lastDay * DAY_MS + 43_200_000 + n,
      contentId: `bench-reply-${n}`,
      kind: 'reply',
      spaceId,
      authorId,
      parentId,
      status: 'published',
    };
  };
  const pendingEvent = { current: null };
  out.singleEvent = { ingestOnly: measure(() => engine.ingest([pendingEvent.current]), { setup: () => (pendingEvent.current = newEvent()) }) };
  for (const days of SIDE_RANGES) {
    const range = rangeOf(lastDay, days);
    out.singleEvent[days] = {};
    for (const path of PATHS) {
      out.singleEvent[days][path] = measure(
        () => {
          const result = engine.ingest([pendingEvent.current]);
          if (result.applied !== 1) throw new Error('the single event was not applied');
          engine.report({ range, path });
        },
        { setup: () => (pendingEvent.current = newEvent()) },
      );
    }
  }
  out.singleEvent.added = serial;

  // Side by side on the final state.
  out.sideBySide = await benchSideBySide(engine, lastDay);
  return out;
}

async function benchWorkers(engine, community, lastDay) {
  log('workers: building the same engine in two worker threads');
  const started = performance.now();
  const raw = new RawWorker(community);
  const bundle = new BundleWorker(community);
  await Promise.all([raw.ready, bundle.ready]);
  const result = { setupMs: round(performance.now() - started, 0), ranges: {} };
  const path = 'aggregate';
  for (const days of SIDE_RANGES) {
    // Eight ranges a day apart, in turn: more than the engine's cache keeps, so every call computes, on both sides.
    const query = (i) => ({ range: rangeOf(lastDay, days, i % 8), path });
    const fixed = { range: rangeOf(lastDay, days), path };
    check(`worker vs direct report ${days}d`, (await raw.call({ op: 'report', query: fixed })).result, engine.report(fixed));
    check(`bundled worker vs direct report ${days}d`, (await bundle.report(fixed)).result, engine.report(fixed));
    const r = {
      directCall: measure((i) => engine.report(query(i))),
      // What cloning one report costs (the worker clones it out, the page clones it in).
      cloneReport: measure(() => structuredClone(engine.report(fixed))),
      raw: await roundTrips((i) => raw.call({ op: 'report', query: query(i) })),
      bundle: await roundTrips((i) => bundle.report(query(i))),
    };
    result.ranges[days] = r;
    log(`worker ${days}d: overhead raw ${r.raw.overhead.median} ms, bundled ${r.bundle.overhead.median} ms`);
  }
  const csvQuery = { range: rangeOf(lastDay, 365), path };
  await raw.call({ op: 'report', query: csvQuery });
  await bundle.report(csvQuery);
  result.csv = {
    raw: await roundTrips(() => raw.call({ op: 'csv', table: 'top-contributors', query: csvQuery })),
    bundle: await roundTrips(() => bundle.csv(csvQuery)),
  };
  result.ping = await roundTrips(() => raw.call({ op: 'ping' }));
  await Promise.all([raw.terminate(), bundle.terminate()]);
  return result;
}

async function benchSideBySide(engine, lastDay) {
  log('side by side: loading DuckDB and Arquero');
  const state = finalState(engine.store);
  const duck = await DuckSide.create(state);
  const arquero = ArqueroSide.create(state);
  const result = {
    duckdb: { version: duck.version, threads: duck.threads, loadMs: round(duck.loadMs, 1) },
    arquero: { loadMs: round(arquero.loadMs, 1) },
    ranges: {},
  };
  const store = engine.store;
  for (const days of SIDE_RANGES) {
    const [start, end] = dayBounds(lastDay, days);
    const answers = async (side) => ({
      start,
      end,
      daily: await side.daily(start, end),
      active: await side.active(start, end),
      spaces: await side.spaces(start, end),
    });
    const duckAnswer = await answers(duck);
    const arqueroAnswer = await answers(arquero);
    const direct = canonicalStats(engine.direct.rangeStats(start, end));
    const aggregate = canonicalStats(engine.aggregator.rangeStats(start, end));
    check(`${days}d: DuckDB vs engine (direct)`, canonical(duckAnswer), direct);
    check(`${days}d: Arquero vs engine (direct)`, canonical(arqueroAnswer), direct);
    check(`${days}d: engine aggregate vs direct`, aggregate, direct);
    // Ranking order too: the engine's top-spaces table against DuckDB's and Arquero's ORDER BY.
    const engineOrder = engine.rows('top-spaces', { range: rangeOf(lastDay, days), offset: 0, limit: 1e6 }).rows.map((r) => r.spaceId);
    check(`${days}d: DuckDB top-spaces order`, duckAnswer.spaces.map(([s]) => store.spaces.ids[s]), engineOrder);
    check(`${days}d: Arquero top-spaces order`, arqueroAnswer.spaces.map(([s]) => store.spaces.ids[s]), engineOrder);

    const r = {
      checked: { days: direct.posts.length, active: direct.active, spaces: Object.keys(direct.spaces).length },
      ours: {
        direct: measure(() => engine.direct.rangeStats(start, end)),
        aggregate: measure(() => engine.aggregator.rangeStats(start, end)),
      },
      duckdb: {},
      arquero: {},
    };
    for (const query of ['daily', 'active', 'spaces']) {
      r.duckdb[query] = await measureAsync(() => duck[query](start, end));
      r.arquero[query] = measure(() => arquero[query](start, end));
    }
    r.duckdb.all = await measureAsync(async () => {
      await duck.daily(start, end);
      await duck.active(start, end);
      await duck.spaces(start, end);
    });
    r.arquero.all = measure(() => {
      arquero.daily(start, end);
      arquero.active(start, end);
      arquero.spaces(start, end);
    });
    // ours / theirs: our time is one rangeStats call, which answers all three queries (and the rest of the report) at once.
    r.ratio = {};
    for (const query of ['daily', 'active', 'spaces', 'all']) {
      r.ratio[query] = {
        directVsDuckdb: round(r.ours.direct.median / r.duckdb[query].median),
        aggregateVsDuckdb: round(r.ours.aggregate.median / r.duckdb[query].median),
        directVsArquero: round(r.ours.direct.median / r.arquero[query].median),
        aggregateVsArquero: round(r.ours.aggregate.median / r.arquero[query].median),
      };
    }
    result.ranges[days] = r;
    log(`side by side ${days}d: ours ${r.ours.aggregate.median}/${r.ours.direct.median} ms, DuckDB ${r.duckdb.all.median} ms, Arquero ${r.arquero.all.median} ms`);
  }
  duck.close();
  return result;
}

// ---------------------------------------------------------------- report

const fmt = (x, digits = 2) => (x === undefined || x === null ? '–' : Number(x).toFixed(digits));
const ms = (s) => (s ? `${fmt(s.median)} / ${fmt(s.p95)}` : '–');
const num = (x) => Math.round(x).toLocaleString('en-US');
const label = (n) => (n >= 1e6 ? `${n / 1e6} M` : `${n / 1e3} k`);

function goals(results) {
  const at = (n) => results.sizes.find((s) => s.requestedEvents === n);
  const m1 = at(1_000_000);
  const m10 = at(10_000_000);
  const rows = [];
  const add = (goal, target, measured, met) => rows.push({ goal, target, measured, met });
  if (m1) {
    add('aggregate full report, 30 d', '≤ 2 ms', m1.report[30].aggregate.median, m1.report[30].aggregate.median <= 2);
    add('aggregate full report, 365 d', '≤ 8 ms', m1.report[365].aggregate.median, m1.report[365].aggregate.median <= 8);
    add('direct full report, 30 d', '≤ 3 ms', m1.report[30].direct.median, m1.report[30].direct.median <= 3);
    add('direct full report, 365 d', '≤ 15 ms', m1.report[365].direct.median, m1.report[365].direct.median <= 15);
    add('ingest incl. aggregator', '≥ 2.5 M events/s', m1.ingest.eventsPerSec, m1.ingest.eventsPerSec >= 2.5e6);
    add('memory', '≤ 40 bytes/event', m1.ingest.heapBytesPerEvent, m1.ingest.heapBytesPerEvent <= 40);
    for (const days of SIDE_RANGES) {
      for (const query of ['daily', 'active', 'spaces']) {
        const worst = Math.max(m1.sideBySide.ranges[days].ratio[query].directVsDuckdb, m1.sideBySide.ranges[days].ratio[query].aggregateVsDuckdb);
        add(`≥ 3× faster than DuckDB: ${query}, ${days} d (worse path)`, 'ratio ≤ 0.33', worst, worst <= 1 / 3);
      }
    }
    if (m1.worker) {
      const worst = (kind) => Math.max(...SIDE_RANGES.map((d) => m1.worker.ranges[d][kind].overhead.median));
      add('worker overhead per report: thread proxy (postMessage)', '≤ 0.5 ms', worst('raw'), worst('raw') <= 0.5);
      add("worker overhead per report: built worker script (comlink + host's setTimeout(0) yield)", '≤ 0.5 ms', worst('bundle'), worst('bundle') <= 0.5);
      const csv = m1.worker.csv.bundle.roundTrip.median;
      add(`largest export in the worker (${num(m1.csv.rows)} rows, built worker script)`, '≤ 150 ms', csv, csv <= 150);
    }
  }
  if (m10) add('10 M: aggregate full report, 365 d', '≤ 60 ms', m10.report[365].aggregate.median, m10.report[365].aggregate.median <= 60);
  return rows;
}

function markdown(results) {
  const L = [];
  const { machine } = results;
  L.push(
    `Machine: ${machine.cpu} × ${machine.cores} cores, ${fmt(machine.memoryGiB, 0)} GiB, Node ${machine.node}, ${machine.platform}; ` +
      `DuckDB ${results.duckdbVersion ?? '?'} (${results.duckdbThreads ?? '?'} threads), Arquero ${machine.arquero}; ` +
      `load average ${machine.loadAverageStart.map((x) => fmt(x)).join(' ')} at start, ${machine.loadAverageEnd.map((x) => fmt(x)).join(' ')} at end; ` +
      `calibration task ${fmt(machine.calibrationStartMs, 1)} ms at start, ${fmt(machine.calibrationEndMs, 1)} ms at end; ${results.date}; whole run ${fmt(results.totalSeconds, 0)} s` +
      (results.source ? `; commit ${results.source.commit.slice(0, 7)}${results.source.srcChanged ? ' with uncommitted changes in src/' : ''}.` : '.'),
  );
  L.push('', 'Times in ms, median / p95 (nearest rank; with fewer than 20 runs that is the slowest run) of ≥ 9 runs after 3 warm-up runs (≥ 7 after 2 at 10 M).', '');
  L.push('| events | ingest (events/s, incl. aggregator) | heap bytes / event | of which typed arrays | generator (events/s) |');
  L.push('|---|---|---|---|---|');
  for (const s of results.sizes) {
    L.push(`| ${label(s.requestedEvents)} (${num(s.events)}) | ${num(s.ingest.eventsPerSec)} | ${fmt(s.ingest.heapBytesPerEvent, 1)} | ${fmt(s.ingest.typedArrayBytesPerEvent, 1)} | ${num(s.ingest.generateEventsPerSec)} |`);
  }
  L.push('', '**Full `report()`** (all metrics and tables, stats cache defeated):', '');
  L.push('| events | range | direct | aggregate | direct: rangeStats + previous total + rest | aggregate: rangeStats + previous total + rest | contributors ranked |');
  L.push('|---|---|---|---|---|---|---|');
  for (const s of results.sizes) {
    for (const days of RANGES) {
      const piece = (p) => {
        const b = s.reportBreakdown[days][p];
        return b ? `${fmt(b.rangeStats.median)} + ${fmt(b.previousTotal.median)} + ${fmt(b.rest.median)}` : '–';
      };
      const n = s.reportBreakdown[days].direct?.contributors;
      L.push(`| ${label(s.requestedEvents)} | ${days} d | ${ms(s.report[days].direct)} | ${ms(s.report[days].aggregate)} | ${piece('direct')} | ${piece('aggregate')} | ${n === undefined ? '–' : num(n)} |`);
    }
  }
  L.push('', '**Interactions** (direct / aggregate medians):', '');
  L.push('| events | slide 30 d by a day | slide 365 d by a day | ingest 1 event | 1 event + report 30 d | 1 event + report 365 d |');
  L.push('|---|---|---|---|---|---|');
  for (const s of results.sizes) {
    const both = (o) => `${fmt(o.direct.median)} / ${fmt(o.aggregate.median)}`;
    L.push(`| ${label(s.requestedEvents)} | ${both(s.slide[30])} | ${both(s.slide[365])} | ${fmt(s.singleEvent.ingestOnly.median, 3)} | ${both(s.singleEvent[30])} | ${both(s.singleEvent[365])} |`);
  }
  L.push('', '**CSV** of the largest table (top contributors, 365 days; ms, median / p95; worker: round trip, and in brackets the overhead = round trip − work in the worker):', '');
  L.push('| events | rows | bytes | in process | thread proxy worker | built worker script |');
  L.push('|---|---|---|---|---|---|');
  const trip = (t) => (t ? `${ms(t.roundTrip)} (${fmt(t.overhead.median)})` : '–');
  for (const s of results.sizes) {
    L.push(`| ${label(s.requestedEvents)} | ${num(s.csv.rows)} | ${num(s.csv.bytes)} | ${ms(s.csv.inProcess)} | ${trip(s.worker?.csv.raw)} | ${trip(s.worker?.csv.bundle)} |`);
  }
  L.push('', '**Worker round trip** of `report()` (aggregate path; Node `worker_threads` stand in for the browser worker). Thread proxy = a worker thread running the engine, plain postMessage; built worker script = the package\'s own worker file (comlink + EngineHost) run in a worker thread. Overhead = round trip − time the report took inside the worker, per call (median / p95):', '');
  L.push('| events | range | direct call | thread proxy: round trip | overhead | built worker: round trip | overhead | of which host yield | structuredClone of a (cached) report |');
  L.push('|---|---|---|---|---|---|---|---|---|');
  for (const s of results.sizes) {
    if (!s.worker) continue;
    for (const days of SIDE_RANGES) {
      const r = s.worker.ranges[days];
      L.push(`| ${label(s.requestedEvents)} | ${days} d | ${ms(r.directCall)} | ${ms(r.raw.roundTrip)} | ${ms(r.raw.overhead)} | ${ms(r.bundle.roundTrip)} | ${ms(r.bundle.overhead)} | ${ms(r.bundle.hostYield)} | ${ms(r.cloneReport)} |`);
    }
  }
  const pings = results.sizes.filter((s) => s.worker).map((s) => `${label(s.requestedEvents)}: ${ms(s.worker.ping.roundTrip)} ms`);
  if (pings.length > 0) L.push('', `An empty message's round trip through the thread proxy: ${pings.join('; ')}.`);
  L.push('', '**Side by side** on the same final state. Ours = one `rangeStats()` call of the path, which answers all three queries at once; ratio = ours / theirs (< 0.33 = at least 3× faster):', '');
  L.push('| events | range | query | ours direct | ours aggregate | DuckDB | Arquero | direct / DuckDB | aggregate / DuckDB | direct / Arquero | aggregate / Arquero |');
  L.push('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const s of results.sizes) {
    const sb = s.sideBySide;
    for (const days of SIDE_RANGES) {
      const r = sb.ranges[days];
      for (const query of ['daily', 'active', 'spaces', 'all']) {
        const q = r.ratio[query];
        L.push(
          `| ${label(s.requestedEvents)} | ${days} d | ${query === 'all' ? 'all three' : query} | ${ms(r.ours.direct)} | ${ms(r.ours.aggregate)} | ${ms(r.duckdb[query])} | ${ms(r.arquero[query])} | ` +
            `${fmt(q.directVsDuckdb, 3)} | ${fmt(q.aggregateVsDuckdb, 3)} | ${fmt(q.directVsArquero, 3)} | ${fmt(q.aggregateVsArquero, 3)} |`,
        );
      }
    }
  }
  L.push('');
  L.push(
    'Loading (not in query times): ' +
      results.sizes.map((s) => `${label(s.requestedEvents)}: DuckDB ${fmt(s.sideBySide.duckdb.loadMs, 0)} ms, Arquero ${fmt(s.sideBySide.arquero.loadMs, 0)} ms`).join('; ') +
      '. All three engines returned identical daily counts, active members and top spaces (values and order) for every range.',
  );
  const g = goals(results);
  if (g.length > 0) {
    L.push('', '**Goals** (1 M events, medians):', '');
    L.push('| goal | target | measured | met |');
    L.push('|---|---|---|---|');
    for (const row of g) L.push(`| ${row.goal} | ${row.target} | ${typeof row.measured === 'number' && row.measured > 1000 ? num(row.measured) : fmt(row.measured, 3)} | ${row.met ? 'yes' : 'no'} |`);
  }
  return L.join('\n');
}

// ---------------------------------------------------------------- main

/**
 * A fixed CPU task (typed-array scan and a numeric sort), timed at the start
 * and the end: on a shared machine it shows how much CPU the run really got.
 */
function calibrate() {
  const data = new Int32Array(1 << 20).map((_, i) => (i * 2654435761) >>> 8);
  const keys = new Float64Array(1 << 17);
  return measure(() => {
    let sum = 0;
    for (let r = 0; r < 8; r++) for (let i = 0; i < data.length; i++) sum += data[i] & 0xff;
    for (let i = 0; i < keys.length; i++) keys[i] = (i * 40503) % 65521;
    keys.sort();
    return sum;
  }, { warmup: 2, min: 7, max: 7 });
}

const startedAt = performance.now();
const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  memoryGiB: round(os.totalmem() / 2 ** 30, 1),
  node: process.version,
  v8: process.versions.v8,
  platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  arquero: JSON.parse(readFileSync(resolve(root, 'node_modules/arquero/package.json'), 'utf8')).version,
  duckdbNodeApi: JSON.parse(readFileSync(resolve(root, 'node_modules/@duckdb/node-api/package.json'), 'utf8')).version,
  loadAverageStart: os.loadavg().map((x) => round(x, 2)),
  calibrationStartMs: calibrate().median,
};
/** The commit measured, and whether the engine's sources differed from it (the build takes the working tree). */
function sourceState() {
  try {
    const git = (...a) => execFileSync('git', a, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return { commit: git('rev-parse', 'HEAD'), srcChanged: git('status', '--porcelain', '--', 'src').length > 0 };
  } catch {
    return null;
  }
}

const results = { date: new Date().toISOString(), machine, source: sourceState(), seed: SEED, days: DAYS, sizes: [] };

try {
  for (const size of sizes) {
    results.sizes.push(await benchSize(size));
    globalThis.gc();
  }
} catch (error) {
  console.error(error);
  process.exitCode = 1;
}
machine.loadAverageEnd = os.loadavg().map((x) => round(x, 2));
machine.calibrationEndMs = calibrate().median;
results.totalSeconds = round((performance.now() - startedAt) / 1000, 1);
results.duckdbVersion = results.sizes[0]?.sideBySide?.duckdb.version;
results.duckdbThreads = results.sizes[0]?.sideBySide?.duckdb.threads;
results.goals = results.sizes.length > 0 ? goals(results) : [];
results.failures = failures;

if (process.exitCode) {
  console.error(`\nbench failed${failures.length ? `: ${failures.join('; ')}` : ''}; results.json not written`);
} else {
  const table = markdown(results);
  writeFileSync(join(here, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(table);
  const readme = join(here, 'README.md');
  if (fullRun && !flag('no-readme') && existsSync(readme)) {
    const text = readFileSync(readme, 'utf8');
    const begin = '<!-- results:begin -->';
    const end = '<!-- results:end -->';
    const a = text.indexOf(begin);
    const b = text.indexOf(end);
    if (a >= 0 && b > a) writeFileSync(readme, `${text.slice(0, a + begin.length)}\n${table}\n${text.slice(b)}`);
  }
  console.error(`\ndone in ${results.totalSeconds} s; wrote bench/results.json`);
}
