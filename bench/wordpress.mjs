// `npm run bench:wordpress`: the plugin at scale, on a real WordPress with a
// real MariaDB started by wordpress/dev (the code of `npm run wordpress`).
//
// For each community size (100 k and 1 M events by default), on a fresh site:
//   1. ingest through the batch route (POST jetonomy/v1/analytics/events,
//      batches of 5 000, one in flight, as `npm run wordpress` loads), and on
//      another fresh site through the PHP API (jetonomy_analytics_ingest(),
//      the same batches, in one PHP process): events per second;
//   2. GET /report for the last 30 and 365 days on both paths: median and
//      spread of the wall time of whole HTTP requests (each one a new PHP
//      request: nothing is cached between them; a bare REST request takes
//      about 15 ms of it), and of the database part alone (Reports::stats()
//      in PHP);
//   3. EXPLAIN of every report query of both paths for the 365-day range.
//
// Options: --sizes 100000,1000000  --runs 9  --port 8897  --batch 5000
//          --keep (leave the last site running)  --json FILE
// Not run by CI; it takes a few minutes at 1 M.
import { mkdirSync, writeFileSync, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ROOT } from '../wordpress/dev/instance.mjs';
import { EVENTS_ROUTE, resetWordPress, startWordPress, stopWordPress, toWire } from '../wordpress/dev/wordpress.mjs';

const { values: options } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100000,1000000' },
    runs: { type: 'string', default: '9' },
    port: { type: 'string', default: '8897' },
    batch: { type: 'string', default: '5000' },
    keep: { type: 'boolean', default: false },
    json: { type: 'string', default: join(ROOT, 'bench', 'wordpress-results.json') },
  },
});
const SIZES = options.sizes.split(',').map(Number);
const RUNS = Number(options.runs);
const PORT = Number(options.port);
const BATCH = Number(options.batch);
const DATA_DIR = join(ROOT, '.wordpress', 'bench');
const ZONE = 'Europe/Berlin';
/**
 * A fixed end, so that every run measures the same community and the same
 * ranges. Not a month's last day: "last 30 days" then spans parts of two
 * months and "last 365 days" eleven whole months and days on both sides, as
 * the presets usually do (the aggregate path reads whole months from month
 * blocks, which a calendar-month range would flatter).
 */
const END = Date.UTC(2026, 10, 23, 12);
const ANALYTICS = 'jetonomy/v1/analytics';

const log = (line) => console.log(line);
const quiet = () => {};
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const spread = (values) => `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)}`;
const fmt = (n) => Math.round(n).toLocaleString('en-US');

/** The calendar date `days - 1` days before END's date in ZONE, and END's date: a range of `days` days. */
function lastDays(days) {
  const date = (ms) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
  const end = date(END);
  const [y, m, d] = end.split('-').map(Number);
  const start = new Date(Date.UTC(y, m - 1, d - (days - 1))).toISOString().slice(0, 10);
  return { start, end };
}

/** Writes the community's batches to an NDJSON file (one JSON array per line, wire case); returns its path and size. */
async function writeBatches(generator, events) {
  const { communityEvents } = await import(pathToFileURL(generator).href);
  mkdirSync(DATA_DIR, { recursive: true });
  const file = join(ROOT, '.wordpress', `bench-${events}.ndjson`);
  const out = createWriteStream(file);
  let count = 0;
  for (const chunk of communityEvents({ seed: 1, events, end: END, days: 365, avatarBase: null }, BATCH)) {
    count += chunk.length;
    if (!out.write(`${JSON.stringify(toWire(chunk))}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { file, count };
}

async function freshSite() {
  await resetWordPress({ dataDir: DATA_DIR });
  return startWordPress({ port: PORT, dataDir: DATA_DIR, data: false, timeZone: ZONE, workers: 2, log: quiet });
}

/** Posts the file's batches to the batch route, one request in flight (the next body is read meanwhile). */
async function ingestHttp(site, file) {
  const { createReadStream } = await import('node:fs');
  const { createInterface } = await import('node:readline');
  const url = `${site.restRoot}${EVENTS_ROUTE}`;
  const totals = { events: 0, applied: 0, duplicates: 0, rejected: 0, requestMs: [] };
  const started = performance.now();
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (!line) continue;
    const t0 = performance.now();
    const response = await site.fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: line });
    const answer = await response.json().catch(() => undefined);
    if (!response.ok || typeof answer?.applied !== 'number') throw new Error(`POST ${EVENTS_ROUTE} answered ${response.status}: ${JSON.stringify(answer).slice(0, 300)}`);
    totals.requestMs.push(performance.now() - t0);
    totals.events += line.length > 2 ? JSON.parse(line).length : 0;
    totals.applied += answer.applied;
    totals.duplicates += answer.duplicates;
    totals.rejected += answer.rejected.length;
  }
  totals.seconds = (performance.now() - started) / 1000;
  return totals;
}

async function ingestPhp(site, file) {
  const result = await site.php('bench.php', 'ingest', { file }, { timeoutMs: 3_600_000 });
  return { events: result.events, applied: result.applied, duplicates: result.duplicates, rejected: result.rejected, seconds: result.seconds, decodeSeconds: result.decode };
}

/**
 * Wall time of GET /report for each range and path: RUNS rounds over all
 * four after one warm-up round, interleaved so that whatever the machine is
 * doing meanwhile (InnoDB flushing after an ingest) weighs on all alike.
 */
async function measureReports(site) {
  const cases = [];
  for (const days of [30, 365]) for (const path of ['aggregate', 'direct']) cases.push({ name: `${path} ${days} d`, days, path, range: lastDays(days), times: [] });
  for (let round = 0; round <= RUNS; round += 1) {
    for (const c of cases) {
      const url = `${site.restRoot}${ANALYTICS}/report?start=${c.range.start}&end=${c.range.end}&path=${c.path}`;
      const t0 = performance.now();
      const response = await site.fetch(url);
      const body = await response.json();
      if (!response.ok) throw new Error(`GET /report answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
      if (round > 0) c.times.push(performance.now() - t0);
      c.posts = body.overview.total_posts;
      c.active = body.overview.active_members;
    }
  }
  const out = {};
  for (const c of cases) {
    const db = await site.php('bench.php', 'report', { start: c.range.start, end: c.range.end, path: c.path, runs: RUNS });
    out[c.name] = { range: c.range, httpMs: median(c.times), httpSpread: spread(c.times), dbMs: median(db.ms), dbSpread: spread(db.ms), posts: c.posts, active: c.active };
  }
  for (const days of [30, 365]) {
    const [a, d] = [out[`aggregate ${days} d`], out[`direct ${days} d`]];
    if (a.posts !== d.posts || a.active !== d.active) throw new Error(`${days} d: the paths disagree (posts ${a.posts} / ${d.posts}, active ${a.active} / ${d.active})`);
  }
  return out;
}

function printPlans(plans) {
  for (const [path, queries] of Object.entries(plans)) {
    for (const [name, { plan }] of Object.entries(queries)) {
      log(`  EXPLAIN ${path} ${name}`);
      for (const row of plan) {
        log(`    ${String(row.table ?? '').padEnd(22)} type=${String(row.type ?? '').padEnd(7)} key=${String(row.key ?? '-').padEnd(18)} rows=${String(row.rows ?? '').padStart(8)}  ${row.Extra ?? ''}`);
      }
    }
  }
}

const results = {
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, loadAverageAtStart: loadavg()[0] },
  zone: ZONE,
  batch: BATCH,
  runs: RUNS,
  sizes: [],
};
const started = performance.now();
try {
  for (const size of SIZES) {
    log(`\n== ${fmt(size)} events ==`);
    let site = await freshSite();
    results.machine.wordpress = site.wordpress;
    const generator = join(ROOT, 'dist', 'testing.js');
    const { file, count } = await writeBatches(generator, size);
    log(`  generated ${fmt(count)} events in batches of ${fmt(BATCH)}`);

    const php = await ingestPhp(site, file);
    log(`  PHP API ingest:    ${fmt(php.events / php.seconds)} events/s (${php.seconds.toFixed(1)} s; ${fmt(php.applied)} applied, ${fmt(php.duplicates)} duplicates, ${php.rejected} rejected)`);
    const reports = await measureReports(site);
    for (const [name, r] of Object.entries(reports)) {
      log(`  /report ${name.padEnd(14)} HTTP median ${r.httpMs.toFixed(0).padStart(5)} ms (${r.httpSpread})   database ${r.dbMs.toFixed(0).padStart(5)} ms (${r.dbSpread})`);
    }
    const { plans } = await site.php('bench.php', 'explain', lastDays(365));
    printPlans(plans);

    site = await freshSite();
    const http = await ingestHttp(site, file);
    log(`  batch route ingest: ${fmt(http.events / http.seconds)} events/s (${http.seconds.toFixed(1)} s; request median ${median(http.requestMs).toFixed(0)} ms per ${fmt(BATCH)})`);
    if (http.applied !== php.applied || http.duplicates !== php.duplicates) throw new Error(`the batch route applied ${http.applied} / ${http.duplicates} duplicates, the PHP API ${php.applied} / ${php.duplicates}`);

    results.sizes.push({
      events: size,
      ingest: {
        phpApiEventsPerSecond: php.events / php.seconds,
        batchRouteEventsPerSecond: http.events / http.seconds,
        batchRouteRequestMs: median(http.requestMs),
        applied: php.applied,
        duplicates: php.duplicates,
      },
      reports,
      plans,
    });
  }
} finally {
  if (!options.keep) await stopWordPress({ dataDir: DATA_DIR });
}
results.seconds = (performance.now() - started) / 1000;
results.machine.loadAverageAtEnd = loadavg()[0];
writeFileSync(options.json, `${JSON.stringify(results, null, 2)}\n`);

log('\n| events | ingest, batch route | ingest, PHP API | aggregate 30 d | aggregate 365 d | direct 30 d | direct 365 d |');
log('|---:|---:|---:|---:|---:|---:|---:|');
for (const s of results.sizes) {
  const r = (name) => `${s.reports[name].httpMs.toFixed(0)} ms`;
  log(`| ${fmt(s.events)} | ${fmt(s.ingest.batchRouteEventsPerSecond)}/s | ${fmt(s.ingest.phpApiEventsPerSecond)}/s | ${r('aggregate 30 d')} | ${r('aggregate 365 d')} | ${r('direct 30 d')} | ${r('direct 365 d')} |`);
}
log(`\n${results.machine.cpus} × ${results.machine.cpu}, ${results.machine.memoryGiB} GiB, load average ${results.machine.loadAverageAtStart.toFixed(1)} at the start and ${results.machine.loadAverageAtEnd.toFixed(1)} at the end; ${results.seconds.toFixed(0)} s in all; results in ${options.json}`);
