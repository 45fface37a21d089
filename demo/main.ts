import '../src/index.js';
import { MemoryDataSource, type AnalyticsDataSource, type AnalyticsEvent, type DateRange } from '../src/data.js';
import { todayIn } from '../src/model/range.js';
import { embedCode } from './embed-code.js';
import { restSource, serveRest } from './rest-mode.js';
import { communityKey, DEFAULTS, readSettings, settingsQuery, TIME_ZONES, type DemoSettings, type SourceKind } from './settings.js';
import { describeProgress, describeStop, shareDone } from './load-progress.js';
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
    jetonomyDemo?: {
      source: AnalyticsDataSource;
      memory: MemoryDataSource | undefined;
      /** The generated community behind `memory`: its generator options and the live events added since. */
      community: { options: CommunityOptions; live: readonly AnalyticsEvent[] } | undefined;
      /** Community loads so far: by the generator, and from events kept in the worker (a time-zone change); progress reports of every load. */
      loads: { generated: number; reused: number; progressReports: number };
    };
  }
}

type CommunityOptions = Parameters<MemoryDataSource['ingestCommunity']>[0];

const DAY = 86_400_000;
const SEED = 1;
const DAYS = 365;
/** Communities up to this size keep their generated events in the worker, so a time-zone change re-buckets them. */
const KEEP_EVENTS_MAX = 5_000_000;
/** The community shown stays while another loads (Cancel goes back to it) unless the two hold more events than this. */
const BOTH_MAX = 6_000_000;

const dashboard = document.querySelector('jt-analytics-dashboard')!;
const form = document.querySelector<HTMLFormElement>('#demo-controls')!;
const notice = document.querySelector<HTMLElement>('#sample-notice')!;
const noticeText = document.querySelector<HTMLElement>('#sample-text')!;
const progress = document.querySelector<HTMLProgressElement>('#load-progress')!;
const progressText = document.querySelector<HTMLElement>('#load-detail')!;
const cancelButton = document.querySelector<HTMLButtonElement>('#load-cancel')!;
const retryButton = document.querySelector<HTMLButtonElement>('#load-retry')!;
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
/** The settings that make a community (a change of any of them needs another one). */
type CommunitySettings = Pick<DemoSettings, 'size' | 'timeZone' | 'since' | 'drop'>;

/** A generated community in the engine's worker, with its live simulator. */
interface Community {
  source: MemoryDataSource;
  key: string;
  made: CommunitySettings;
  /** What the generator was asked for; the same options in another zone re-bucket the kept events. */
  options: CommunityOptions;
  /** Its generated events are kept in the worker. */
  kept: boolean;
  simulator: LiveSimulator;
  /** The live events ingested after the generated ones, in order (a re-bucketed community gets them too). */
  live: AnalyticsEvent[];
  detail: string;
}

/** A community being loaded. */
interface LoadState {
  key: string;
  /** The settings it was started for (its source kind included). */
  settings: DemoSettings;
  source: MemoryDataSource;
  progress: { done: number; total: number };
  started: number;
}

/** A load, shared by every apply that asks for the same community. */
interface Load extends LoadState {
  promise: Promise<Community>;
}

let memory: Community | undefined;
let building: Load | undefined;
let snapshot: Promise<AnalyticsDataSource> | undefined;
/** What the dashboard shows, and the community behind it (none for the snapshot). */
let current: { source: AnalyticsDataSource; community: Community | undefined } | undefined;
let generation = 0;
let simulators = 0;
const loads = { generated: 0, reused: 0, progressReports: 0 };

// ---- loading -------------------------------------------------------------

/**
 * Points the dashboard at the source `next` asks for, loading what it needs; a newer call wins.
 * `note` goes before what the notice says once it is done (why these settings were applied).
 */
async function apply(next: DemoSettings, note = ''): Promise<void> {
  const mine = ++generation;
  settings = next;
  // A community being generated that these settings do not want stops now (its load rejects as closed).
  if (building && (next.source === 'snapshot' || building.key !== communityKey(next))) stopLoad();
  showControls();
  // Generating a community takes seconds: the dashboard shows it is loading (it has `loading` from the page's
  // HTML on the first load), not "No data source is connected", whenever it has no source meanwhile.
  dashboard.loading = true;
  try {
    let source: AnalyticsDataSource;
    let community: Community | undefined;
    let detail: string;
    if (next.source === 'snapshot') {
      setNotice('loading', 'Loading the JSON snapshot for the custom adapter…');
      source = await loadSnapshot();
      detail = describeSnapshot(source);
    } else {
      community = await loadCommunity(next, mine);
      if (community === undefined) return;
      if (next.source === 'rest') {
        setNotice('loading', 'Starting the mock WordPress REST server (Mock Service Worker)…');
        await serveRest(community.source, next.latency, next.failures);
        source = await restSource(community.source.timeZone);
        detail = restDetail(community, next);
      } else {
        source = community.source;
        detail = `${community.detail} Computed in a Web Worker.`;
      }
    }
    if (mine !== generation) return;
    current = { source, community };
    dashboard.dataSource = source;
    dashboard.loading = false;
    publish();
    setNotice('ready', `${note}${detail}`);
  } catch (error) {
    if (mine !== generation) return;
    dashboard.loading = false;
    // Every failure (the generator, the worker timing out or crashing, the mock server) says what and offers Retry.
    const shown = current ? ` The dashboard still shows ${describeShown(current)} meanwhile.` : '';
    setNotice('error', `${note}The ${SOURCE_NAMES[next.source]} could not be loaded: ${sentence(messageOf(error))}${shown} Retry loads it again.`);
  } finally {
    if (mine === generation) {
      showControls();
      restartTimer();
    }
  }
}

/** What the dashboard shows, in words. */
function describeShown(shown: NonNullable<typeof current>): string {
  const community = shown.community;
  if (!community) return 'the JSON snapshot';
  return `the ${count(community.made.size)}-event community in ${community.made.timeZone}`;
}

/**
 * Stops the community being loaded at once (its worker stops at the next chunk) and goes back to the
 * community loaded before, in the data source `newSource` when the source changed, else the one chosen.
 * With nothing loaded before, the default size is loaded instead (or nothing, when that was the one stopped).
 */
function cancelLoad(newSource?: SourceKind): void {
  const load = stopLoad();
  if (!load) return;
  const where = describeStop(load.progress, 'en-US');
  const why = newSource ? `the data source changed to the ${SOURCE_NAMES[newSource]}` : 'it was cancelled';
  const source = newSource ?? settings.source;
  const before = memory;
  let next: DemoSettings;
  let outcome: string;
  if (before) {
    next = { ...settings, ...before.made, source };
    outcome =
      source === 'snapshot'
        ? 'the dashboard shows the JSON snapshot'
        : `the dashboard shows the ${count(before.made.size)}-event community in ${before.made.timeZone} loaded before${source === 'rest' ? ', served over REST' : ''}`;
  } else if (source === 'snapshot' || load.settings.size !== DEFAULTS.size) {
    next = { ...settings, size: DEFAULTS.size, source };
    outcome =
      source === 'snapshot'
        ? 'the dashboard shows the JSON snapshot'
        : `nothing was loaded before, so the dashboard loads the default community of ${count(DEFAULTS.size)} events`;
  } else {
    // The default community itself was stopped: nothing to go back to until Retry loads it again.
    generation++;
    settings = updateSettings({ source });
    dashboard.loading = false;
    const shown = current ? `the dashboard still shows ${describeShown(current)}` : 'nothing is loaded';
    setNotice('stopped', `Loading stopped at ${where}, as ${why}; ${shown}. Retry loads it again.`);
    showControls();
    return;
  }
  settings = updateSettings(next);
  void apply(settings, `Loading stopped at ${where}, as ${why}; ${outcome}. `);
}

/** Closes the community being loaded, if any (its load rejects as closed), and returns it. */
function stopLoad(): Load | undefined {
  const load = building;
  building = undefined;
  load?.source.close();
  return load;
}

/** New latency or faults for the mock server over the same community, while nothing else loads. */
async function reconfigureRest(next: DemoSettings, before: DemoSettings): Promise<void> {
  const mine = ++generation;
  settings = next;
  const community = current?.community;
  try {
    if (!community) throw new Error('no community is loaded');
    await serveRest(community.source, next.latency, next.failures);
    if (mine !== generation) return;
    // Faults show at once; when they stop, the dashboard's own Retry button is what brings the numbers back.
    const recovered = next.failures === 'none' && before.failures !== 'none';
    setNotice('ready', `${restDetail(community, next)}${recovered ? ' The server answers again: Retry loads the numbers.' : ''}`);
    if (!recovered) await dashboard.refresh();
  } catch (error) {
    if (mine === generation) setNotice('error', `The mock REST server could not be set up: ${sentence(messageOf(error))} Retry sets it up again.`);
  }
}

function restDetail(community: Community, next: DemoSettings): string {
  return `${community.detail} Served by a mock WordPress REST API through a service worker, ${next.latency} ms latency${failureNote(next)}.`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A message as a sentence of the notice: ends with a full stop. */
function sentence(text: string): string {
  return /[.!?…]$/u.test(text) ? text : `${text}.`;
}

const count = (n: number): string => n.toLocaleString('en-US');

const SOURCE_NAMES: Record<SourceKind, string> = {
  memory: 'sample community',
  rest: 'REST data source',
  snapshot: 'JSON snapshot',
};

/**
 * The generated community for `next`: the loaded one while size, zone and
 * aggregator settings stay, else a new one (shared by loads asking for the
 * same). Undefined when a newer load took over; a community nobody wants any
 * more is closed, which also stops its generation in the worker.
 */
async function loadCommunity(next: DemoSettings, mine: number): Promise<Community | undefined> {
  const key = communityKey(next);
  if (memory?.key === key) return memory;
  if (building?.key !== key) {
    const base = rebucketBase(next);
    const source = new MemoryDataSource({
      timeZone: next.timeZone,
      aggregatorSince: base ? base.source.recordingSince : sinceOf(next),
      aggregatorDropRate: next.drop / 100,
    });
    // Large communities: free the one shown first, as both would not fit comfortably at once (after the new source
    // exists, so the worker and the events it keeps live on).
    if (memory && memory.made.size + next.size > BOTH_MAX) dropCommunity();
    const state: LoadState = { key, settings: next, source, progress: { done: 0, total: next.size }, started: performance.now() };
    building = Object.assign(state, { promise: buildCommunity(state, next, base) });
  }
  const pending = building;
  let built: Community;
  try {
    built = await pending.promise;
  } finally {
    if (building === pending) building = undefined;
  }
  if (mine !== generation) {
    const wanted = settings.source !== 'snapshot' && communityKey(settings) === key;
    if (!wanted && memory !== built) built.source.close();
    return undefined;
  }
  if (memory !== built) {
    dropCommunity();
    memory = built;
  }
  return built;
}

/** The loaded community whose kept events `next` can re-bucket (only the zone differs), if any. */
function rebucketBase(next: DemoSettings): Community | undefined {
  const base = memory;
  if (!base?.kept || base.made.timeZone === next.timeZone) return undefined;
  return base.made.size === next.size && base.made.since === next.since && base.made.drop === next.drop ? base : undefined;
}

/** The aggregator's start for `next`, epoch ms, or null when it saw everything. */
function sinceOf(next: DemoSettings): number | null {
  return next.since === null ? null : Date.now() - next.since * DAY;
}

/**
 * Loads a community into `load.source`: the events kept from `base` (the same community in another
 * zone) re-bucketed into this zone's days, or freshly generated; then the live events.
 */
async function buildCommunity(load: LoadState, next: DemoSettings, base: Community | undefined): Promise<Community> {
  const { source } = load;
  const options: CommunityOptions = base?.options ?? { seed: SEED, events: next.size, days: DAYS, end: Date.now(), avatarBase: null };
  const text = base
    ? `Re-bucketing the ${count(next.size)} events already generated into ${next.timeZone} days…`
    : `Generating and ingesting a community of ${count(next.size)} events over ${DAYS} days…`;
  setNotice('loading', text, load);
  // A load of other options frees the events the worker kept for the community on screen: if this one is
  // cancelled and that community comes back, its next zone change generates again (and says so).
  if (!base && memory) memory.kept = false;
  try {
    const result = await source.ingestCommunity(options, {
      keep: next.size <= KEEP_EVENTS_MAX,
      onProgress: ({ done, total }) => {
        loads.progressReports++;
        load.progress = { done, total };
        if (building === load) showProgress(load);
      },
    });
    if (result.generated) loads.generated++;
    else loads.reused++;
    const seconds = ((performance.now() - load.started) / 1000).toFixed(1);
    const simulator = base?.simulator ?? new LiveSimulator(`live${++simulators}`);
    // The same live events as the base, in order (including any it gets meanwhile), or a fresh start.
    const live = base ? [] : simulator.seed(Date.now());
    if (base) {
      while (live.length < base.live.length) {
        const more = base.live.slice(live.length);
        await source.ingest(more);
        live.push(...more);
      }
    } else {
      await source.ingest(live);
    }
    const how = result.generated
      ? `generated and ingested in ${seconds} s`
      : `re-bucketed into ${source.timeZone} days in ${seconds} s from the events kept in the worker, without generating them again`;
    const detail =
      `A generated community: ${count(result.applied)} events applied (${count(result.duplicates)} repeated deliveries ignored) ` +
      `over the last ${DAYS} days, site time zone ${source.timeZone}, ${how}. ` +
      aggregatorNote(next);
    return { source, key: load.key, made: pickCommunity(next), options, kept: next.size <= KEEP_EVENTS_MAX, simulator, live, detail };
  } catch (error) {
    source.close();
    throw error;
  }
}

function pickCommunity({ size, timeZone, since, drop }: DemoSettings): CommunitySettings {
  return { size, timeZone, since, drop };
}

/** Closes the loaded community, and takes the dashboard off it (directly or through the mock REST server). */
function dropCommunity(): void {
  if (!memory) return;
  if (current?.community === memory) {
    current = undefined;
    dashboard.dataSource = undefined;
  }
  memory.source.close();
  memory = undefined;
}

/** What the page shows, for the console and the tests. */
function publish(): void {
  if (!current) return;
  const community = memory && { options: memory.options, live: memory.live };
  window.jetonomyDemo = { source: current.source, memory: memory?.source, community, loads };
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

/**
 * What the notice says: `loading` (with the progress of `load`, and Cancel), `ready`, `error` or
 * `stopped` (both with Retry).
 */
function setNotice(state: 'loading' | 'ready' | 'error' | 'stopped', text: string, load?: LoadState): void {
  if (state !== 'loading' && problems !== '') {
    text = `${problems} ${text}`;
    problems = '';
  }
  notice.dataset.state = state;
  notice.classList.toggle('notice-error', state === 'error');
  notice.classList.toggle('notice-info', state !== 'error');
  // Errors interrupt; the rest is said politely, and only when the words change (progress moves the bar and the numbers only).
  noticeText.setAttribute('role', state === 'error' ? 'alert' : 'status');
  if (noticeText.textContent !== text) noticeText.textContent = text;
  retryButton.hidden = state !== 'error' && state !== 'stopped';
  if (load) showProgress(load);
  else {
    progress.hidden = true;
    progressText.hidden = true;
    cancelButton.hidden = true;
  }
}

/** The bar, the numbers and the time left of a load, and its Cancel button. */
function showProgress(load: LoadState): void {
  const elapsedMs = performance.now() - load.started;
  const text = describeProgress({ ...load.progress, elapsedMs }, 'en-US');
  progress.hidden = false;
  progress.value = shareDone(load.progress);
  progress.setAttribute('aria-valuetext', text);
  progressText.hidden = false;
  progressText.textContent = text;
  cancelButton.hidden = false;
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
  const community = memory;
  if (ticking || !community) return;
  ticking = true;
  try {
    const events = community.simulator.tick(Date.now());
    await community.source.ingest(events);
    community.live.push(...events);
    showControls();
    await dashboard.refresh();
  } catch (error) {
    // A community replaced while a tick was under way is not a failure of live mode.
    if (community !== memory) return;
    liveLog.textContent = `Live activity stopped: ${messageOf(error)}`;
    settings = updateSettings({ simulate: false });
    showControls();
    restartTimer();
  } finally {
    ticking = false;
  }
}

/** Runs a moderation action and says what it did to today's post count. */
async function moderate(action: 'approve' | 'trash' | 'restore'): Promise<void> {
  const community = memory;
  if (!community || settings.source === 'snapshot') return;
  const { source, simulator } = community;
  const at = Date.now();
  const step = simulator[action](at);
  if (step === null) return;
  try {
    const today = todayIn(source.timeZone, at);
    const range: DateRange = { start: today, end: today };
    const before = (await source.report({ range, path: 'direct' })).overview.totalPosts;
    await ingestOne(source, step.event);
    community.live.push(step.event);
    step.commit();
    const after = (await source.report({ range, path: 'direct' })).overview.totalPosts;
    const verb = { approve: 'Approved', trash: 'Trashed', restore: 'Restored' }[action];
    liveLog.textContent = `${verb} post ${step.contentId}: posts today ${before.toLocaleString()} → ${after.toLocaleString()}.`;
    showControls();
    await dashboard.refresh();
  } catch (error) {
    if (community === memory) liveLog.textContent = `That did not work: ${messageOf(error)}`;
  }
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
  fields.theme.value = settings.theme;
  fields.locale.value = settings.locale;
  // aria-disabled, not disabled: a button that just ran out of posts keeps the keyboard focus.
  const simulator = memory?.simulator;
  buttons.approve.ariaDisabled = String(snapshotMode || !simulator || simulator.pendingCount === 0);
  buttons.trash.ariaDisabled = String(snapshotMode || !simulator || simulator.publishedCount === 0);
  buttons.restore.ariaDisabled = String(snapshotMode || !simulator || simulator.trashedCount === 0);
  embedBlock.textContent = embedCode({
    source: settings.source,
    timeZone: current?.source.timeZone ?? settings.timeZone,
    theme: settings.theme,
    locale: settings.locale,
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
    theme: fields.theme.value as DemoSettings['theme'],
    locale: fields.locale.value as DemoSettings['locale'],
  };
}

function updateSettings(change: Partial<DemoSettings>): DemoSettings {
  const next = { ...settings, ...change };
  history.replaceState(history.state, '', `${location.pathname}${settingsQuery(next)}${location.hash}`);
  return next;
}

form.addEventListener('change', (event) => {
  const target = event.target as HTMLInputElement | HTMLSelectElement;
  const before = settings;
  switch (target.name) {
    case 'theme':
    case 'locale':
      settings = updateSettings({ theme: fields.theme.value as DemoSettings['theme'], locale: fields.locale.value as DemoSettings['locale'] });
      showLook();
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
  // A change of data source stops a load at once, like a change of size does: the new source shows now.
  if (building && next.source !== building.settings.source && communityKey(next) === building.key) {
    settings = next;
    cancelLoad(next.source);
    return;
  }
  const restOnly =
    next.source === 'rest' && before.source === 'rest' && communityKey(next) === communityKey(before) && building === undefined && current?.community?.key === communityKey(next);
  if (restOnly) void reconfigureRest(next, before);
  else void apply(next);
});
fields.drop.addEventListener('input', () => {
  fields.dropValue.value = `${fields.drop.value} %`;
});
form.addEventListener('submit', (event) => event.preventDefault());
cancelButton.addEventListener('click', () => cancelLoad());
retryButton.addEventListener('click', () => void apply(settings));
for (const action of ['approve', 'trash', 'restore'] as const) {
  buttons[action].addEventListener('click', () => {
    if (buttons[action].ariaDisabled !== 'true') void moderate(action);
  });
}

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

/** Theme and language: on the dashboard, and the theme on the page around it. */
function showLook(): void {
  dashboard.theme = settings.theme;
  dashboard.locale = settings.locale;
  document.documentElement.dataset.theme = settings.theme;
}

fillTimeZones();
showLook();
fields.verify.checked = dashboard.verify;
history.replaceState(history.state, '', `${location.pathname}${settingsQuery(settings)}${location.hash}`);
void apply(settings);
