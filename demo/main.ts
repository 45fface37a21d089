import '../src/index.js';
import { MemoryDataSource, type AnalyticsDataSource, type AnalyticsEvent, type DateRange } from '../src/data.js';
import type { ThemeName } from '../src/internal/theme.js';
import { todayIn } from '../src/model/range.js';
import { embedCode } from './embed-code.js';
import { restSource, serveRest } from './rest-mode.js';
import { communityKey, readSettings, settingsQuery, TIME_ZONES, type DemoSettings, type SourceKind } from './settings.js';
import { LiveSimulator } from './simulator.js';

/**
 * The playground: the dashboard on a WordPress-like admin page, fed by a
 * generated community in a Web Worker, by a mock REST server over the same
 * data, or by a custom adapter over a JSON snapshot. Every setting lives in
 * the query string; the dashboard keeps its range and verify in the hash.
 */

declare global {
  interface Window {
    /** What the dashboard is showing, for the console and the end-to-end tests. */
    jetonomyDemo?: { source: AnalyticsDataSource; memory: MemoryDataSource | undefined };
  }
}

const DAY = 86_400_000;
const SEED = 1;
const DAYS = 365;

const dashboard = document.querySelector('jt-analytics-dashboard')!;
const form = document.querySelector<HTMLFormElement>('#demo-controls')!;
const notice = document.querySelector<HTMLElement>('#sample-notice')!;
const noticeText = document.querySelector<HTMLElement>('#sample-text')!;
const progress = document.querySelector<HTMLProgressElement>('#load-progress')!;
const liveLog = document.querySelector<HTMLElement>('#live-log')!;
const embedBlock = document.querySelector<HTMLElement>('#embed-code')!;
const copyStatus = document.querySelector<HTMLElement>('#copy-status')!;
const buttons = {
  approve: document.querySelector<HTMLButtonElement>('#approve-post')!,
  trash: document.querySelector<HTMLButtonElement>('#trash-post')!,
  restore: document.querySelector<HTMLButtonElement>('#restore-post')!,
};
const field = <T extends Element>(name: string) => form.elements.namedItem(name) as unknown as T;
const fields = {
  size: field<HTMLSelectElement>('size'),
  source: field<HTMLSelectElement>('source'),
  tz: field<HTMLSelectElement>('tz'),
  latency: field<HTMLInputElement>('latency'),
  failures: field<HTMLSelectElement>('failures'),
  simulate: field<HTMLInputElement>('simulate'),
  verify: field<HTMLInputElement>('verify'),
  since: field<HTMLSelectElement>('since'),
  drop: field<HTMLInputElement>('drop'),
  dropValue: field<HTMLOutputElement>('drop-value'),
  theme: field<HTMLSelectElement>('theme'),
  locale: field<HTMLSelectElement>('locale'),
  restOptions: field<HTMLFieldSetElement>('rest-options'),
  liveOptions: field<HTMLFieldSetElement>('live-options'),
};

const initial = readSettings(location.search);
let settings: DemoSettings = initial.settings;
let memory: { source: MemoryDataSource; key: string; simulator: LiveSimulator; detail: string } | undefined;
let snapshot: Promise<AnalyticsDataSource> | undefined;
let current: AnalyticsDataSource | undefined;
let generation = 0;
let simulators = 0;

// ---- loading -------------------------------------------------------------

/** Points the dashboard at the source `next` asks for, loading what it needs; a newer call wins. */
async function apply(next: DemoSettings): Promise<void> {
  const mine = ++generation;
  settings = next;
  showControls();
  try {
    let source: AnalyticsDataSource;
    let detail: string;
    if (next.source === 'snapshot') {
      setNotice('loading', 'Loading the JSON snapshot for the custom adapter…');
      source = await loadSnapshot();
      detail = describeSnapshot(source);
    } else {
      const live = await loadCommunity(next, mine);
      if (live === undefined) return;
      if (next.source === 'rest') {
        setNotice('loading', 'Starting the mock WordPress REST server (Mock Service Worker)…');
        await serveRest(live.source, next.latency, next.failures);
        source = await restSource(live.source.timeZone);
        detail = `${live.detail} Served by a mock WordPress REST API through a service worker, ${next.latency} ms latency${failureNote(next)}.`;
      } else {
        source = live.source;
        detail = `${live.detail} Computed in a Web Worker.`;
      }
    }
    if (mine !== generation) return;
    current = source;
    dashboard.dataSource = source;
    window.jetonomyDemo = { source, memory: memory?.source };
    setNotice('ready', detail);
  } catch (error) {
    if (mine !== generation) return;
    setNotice('error', `The ${SOURCE_NAMES[next.source]} could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    if (mine === generation) {
      showControls();
      restartTimer();
    }
  }
}

const SOURCE_NAMES: Record<SourceKind, string> = {
  memory: 'sample community',
  rest: 'REST data source',
  snapshot: 'JSON snapshot',
};

/** The generated community for `next`, reused while size, zone and aggregator settings stay; undefined when a newer load took over. */
async function loadCommunity(next: DemoSettings, mine: number): Promise<{ source: MemoryDataSource; detail: string } | undefined> {
  const key = communityKey(next);
  if (memory?.key === key) return memory;
  // A million events and more: free the old community first, as both would not fit comfortably at once.
  if (next.size >= 1_000_000 && memory) dropCommunity();
  const end = Date.now();
  const aggregatorSince = next.since === null ? null : end - next.since * DAY;
  const source = new MemoryDataSource({ timeZone: next.timeZone, aggregatorSince, aggregatorDropRate: next.drop / 100 });
  const events = next.size.toLocaleString();
  setNotice('loading', `Generating and ingesting a community of ${events} events over ${DAYS} days…`, 0);
  const started = performance.now();
  try {
    const result = await source.ingestCommunity(
      { seed: SEED, events: next.size, days: DAYS, end, avatarBase: null },
      {
        onProgress: ({ done, total }) => {
          if (mine === generation) setNotice('loading', `Generating and ingesting a community of ${events} events over ${DAYS} days…`, total > 0 ? done / total : 0);
        },
      },
    );
    if (mine !== generation) {
      source.close();
      return undefined;
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const simulator = new LiveSimulator(`live${++simulators}`);
    await source.ingest(simulator.seed(Date.now()));
    dropCommunity();
    const detail =
      `A generated community: ${result.applied.toLocaleString()} events applied (${result.duplicates.toLocaleString()} repeated deliveries ignored) ` +
      `over the last ${DAYS} days, site time zone ${source.timeZone}, generated and ingested in ${seconds} s. ` +
      aggregatorNote(next);
    memory = { source, key, simulator, detail };
    return memory;
  } catch (error) {
    source.close();
    throw error;
  }
}

function dropCommunity(): void {
  if (!memory) return;
  if (current === memory.source) {
    current = undefined;
    dashboard.dataSource = undefined;
  }
  memory.source.close();
  memory = undefined;
}

function loadSnapshot(): Promise<AnalyticsDataSource> {
  snapshot ??= (async () => {
    const response = await fetch(new URL('./snapshot.json', location.href));
    if (!response.ok) throw new Error(`snapshot.json answered HTTP ${response.status}`);
    const [{ StaticSnapshotSource }, json] = await Promise.all([import('../src/testing.js'), response.json()]);
    return new StaticSnapshotSource(json);
  })().catch((error: unknown) => {
    snapshot = undefined;
    throw error;
  });
  return snapshot;
}

function describeSnapshot(source: AnalyticsDataSource): string {
  return (
    `A custom data source (StaticSnapshotSource, see docs/custom-data-source.md) answering from snapshot.json, ` +
    `a static file of per-day counts in ${source.timeZone ?? 'UTC'}. It is the same kind of adapter a developer writes for their own backend; ` +
    `it knows no events, so live activity and the aggregator settings do not apply.`
  );
}

function aggregatorNote(next: DemoSettings): string {
  const parts: string[] = [];
  if (next.since !== null) parts.push(`started recording ${next.since} days ago, so older days drift`);
  if (next.drop > 0) parts.push(`misses ${next.drop} % of events, so verify mode shows drift`);
  return parts.length === 0 ? 'The aggregator saw every event.' : `The aggregator ${parts.join(' and ')}.`;
}

function failureNote(next: DemoSettings): string {
  if (next.failures === 'once') return '; the next request fails once and is retried';
  if (next.failures === 'always') return '; every request fails with HTTP 500';
  return '';
}

/** Query-string values that were ignored, said once with the first notice. */
let problems = initial.problems.join(' ');

function setNotice(state: 'loading' | 'ready' | 'error', text: string, share?: number): void {
  if (state !== 'loading' && problems !== '') {
    text = `${problems} ${text}`;
    problems = '';
  }
  notice.dataset.state = state;
  notice.classList.toggle('notice-error', state === 'error');
  notice.classList.toggle('notice-info', state !== 'error');
  noticeText.textContent = text;
  progress.hidden = state !== 'loading' || share === undefined;
  if (share !== undefined) progress.value = share;
}

// ---- live activity -------------------------------------------------------

let timer: ReturnType<typeof setInterval> | undefined;
let ticking = false;

function restartTimer(): void {
  clearInterval(timer);
  timer = undefined;
  if (settings.simulate && settings.source !== 'snapshot' && memory) timer = setInterval(() => void tick(), 1000);
}

async function tick(): Promise<void> {
  if (ticking || !memory) return;
  ticking = true;
  try {
    const { source, simulator } = memory;
    await source.ingest(simulator.tick(Date.now()));
    showControls();
    await dashboard.refresh();
  } catch (error) {
    liveLog.textContent = `Live activity stopped: ${error instanceof Error ? error.message : String(error)}`;
    fields.simulate.checked = false;
    updateSettings({ simulate: false });
  } finally {
    ticking = false;
  }
}

/** Runs a moderation action and says what it did to today's post count. */
async function moderate(action: 'approve' | 'trash' | 'restore'): Promise<void> {
  if (!memory) return;
  const { source, simulator } = memory;
  const at = Date.now();
  const done = simulator[action](at);
  if (done === null) return;
  const today = todayIn(source.timeZone, at);
  const range: DateRange = { start: today, end: today };
  const before = (await source.report({ range, path: 'direct' })).overview.totalPosts;
  await ingestOne(source, done.event);
  const after = (await source.report({ range, path: 'direct' })).overview.totalPosts;
  const verb = { approve: 'Approved', trash: 'Trashed', restore: 'Restored' }[action];
  liveLog.textContent = `${verb} post ${done.contentId}: posts today ${before.toLocaleString()} → ${after.toLocaleString()}.`;
  showControls();
  await dashboard.refresh();
}

async function ingestOne(source: MemoryDataSource, event: AnalyticsEvent): Promise<void> {
  const result = await source.ingest([event]);
  if (result.rejected.length > 0) throw new Error(result.rejected[0]!.reason);
}

// ---- controls ------------------------------------------------------------

function fillTimeZones(): void {
  const zones = new Set<string>([...TIME_ZONES, settings.timeZone]);
  fields.tz.replaceChildren(...[...zones].map((zone) => new Option(zone.replaceAll('_', ' '), zone)));
}

function showControls(): void {
  fields.size.value = String(settings.size);
  fields.source.value = settings.source;
  fields.tz.value = settings.timeZone;
  fields.latency.value = String(settings.latency);
  fields.failures.value = settings.failures;
  fields.simulate.checked = settings.simulate;
  fields.since.value = settings.since === null ? 'all' : String(settings.since);
  if (fields.since.value === '') fields.since.append(new Option(`started recording ${settings.since} days ago`, String(settings.since), true, true));
  fields.drop.value = String(settings.drop);
  fields.dropValue.value = `${settings.drop} %`;
  const snapshotMode = settings.source === 'snapshot';
  for (const name of ['size', 'tz', 'since', 'drop'] as const) fields[name].disabled = snapshotMode;
  fields.restOptions.disabled = settings.source !== 'rest';
  fields.liveOptions.disabled = snapshotMode;
  const simulator = memory?.simulator;
  buttons.approve.disabled = snapshotMode || !simulator || simulator.pendingCount === 0;
  buttons.trash.disabled = snapshotMode || !simulator || simulator.publishedCount === 0;
  buttons.restore.disabled = snapshotMode || !simulator || simulator.trashedCount === 0;
  embedBlock.textContent = embedCode({
    source: settings.source,
    timeZone: current?.timeZone ?? settings.timeZone,
    theme: dashboard.theme,
    locale: dashboard.locale ?? 'en-US',
    verify: dashboard.verify,
  });
}

function formSettings(): DemoSettings {
  return {
    size: Number(fields.size.value) as DemoSettings['size'],
    source: fields.source.value as SourceKind,
    timeZone: fields.tz.value,
    latency: Math.min(5000, Math.max(0, Math.round(Number(fields.latency.value) || 0))),
    failures: fields.failures.value as DemoSettings['failures'],
    since: fields.since.value === 'all' ? null : Number(fields.since.value),
    drop: Number(fields.drop.value),
    simulate: fields.simulate.checked,
  };
}

function updateSettings(change: Partial<DemoSettings>): DemoSettings {
  const next = { ...settings, ...change };
  history.replaceState(history.state, '', `${location.pathname}${settingsQuery(next)}${location.hash}`);
  return next;
}

form.addEventListener('change', (event) => {
  const target = event.target as HTMLInputElement | HTMLSelectElement;
  switch (target.name) {
    case 'theme':
      dashboard.theme = fields.theme.value as ThemeName;
      document.documentElement.dataset.theme = dashboard.theme;
      showControls();
      return;
    case 'locale':
      dashboard.locale = fields.locale.value;
      showControls();
      return;
    case 'verify':
      dashboard.verify = fields.verify.checked;
      showControls();
      return;
    case 'simulate':
      settings = updateSettings({ simulate: fields.simulate.checked });
      restartTimer();
      return;
  }
  const next = updateSettings(formSettings());
  const before = settings;
  if (next.source === before.source && next.source === 'rest' && communityKey(next) === communityKey(before) && memory) {
    // Latency and faults: new handlers over the same data, then a fresh load.
    // Faults show at once; when they stop, the dashboard's own Retry button is what brings the numbers back.
    const recovered = next.failures === 'none' && before.failures !== 'none';
    settings = next;
    void serveRest(memory.source, next.latency, next.failures).then(() => {
      const hint = recovered ? ' The server answers again: Retry loads the numbers.' : '';
      setNotice('ready', `${memory!.detail} Served by a mock WordPress REST API through a service worker, ${next.latency} ms latency${failureNote(next)}.${hint}`);
      return recovered ? undefined : dashboard.refresh();
    });
    return;
  }
  void apply(next);
});
fields.drop.addEventListener('input', () => {
  fields.dropValue.value = `${fields.drop.value} %`;
});
form.addEventListener('submit', (event) => event.preventDefault());
buttons.approve.addEventListener('click', () => void moderate('approve'));
buttons.trash.addEventListener('click', () => void moderate('trash'));
buttons.restore.addEventListener('click', () => void moderate('restore'));

document.querySelector('#copy-embed')!.addEventListener('click', () => {
  navigator.clipboard.writeText(embedBlock.textContent ?? '').then(
    () => (copyStatus.textContent = 'Copied.'),
    () => (copyStatus.textContent = 'Copying was refused here: select the code and copy it by hand.'),
  );
});

// The dashboard's state (possibly from the URL hash) shows in the controls, and changes there show here.
dashboard.addEventListener('jt-verify-change', () => {
  fields.verify.checked = dashboard.verify;
  showControls();
});
window.addEventListener('hashchange', () => {
  fields.verify.checked = dashboard.verify;
});

fillTimeZones();
fields.theme.value = dashboard.theme;
fields.locale.value = dashboard.locale ?? document.documentElement.lang;
fields.verify.checked = dashboard.verify;
document.documentElement.dataset.theme = dashboard.theme;
history.replaceState(history.state, '', `${location.pathname}${settingsQuery(settings)}${location.hash}`);
void apply(settings);
