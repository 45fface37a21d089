/**
 * The playground's settings: read from the page's query string, so any setup
 * can be linked and reloaded, and written back as the controls change. The
 * dashboard's own state (range, verify) lives in the hash, which its
 * `sync-url` attribute keeps.
 */

export const SIZES = [10_000, 100_000, 1_000_000, 5_000_000, 10_000_000] as const;
export type CommunitySize = (typeof SIZES)[number];

export const SOURCES = ['memory', 'rest', 'snapshot'] as const;
export type SourceKind = (typeof SOURCES)[number];

export const FAILURES = ['none', 'once', 'always'] as const;
export type FailureMode = (typeof FAILURES)[number];

export const THEMES = ['light', 'dark', 'auto'] as const;
export type DemoTheme = (typeof THEMES)[number];

export const LOCALES = ['en-US', 'de-DE'] as const;
export type DemoLocale = (typeof LOCALES)[number];

/** Site time zones offered by the picker: whole-hour, half-hour and 45-minute offsets, both hemispheres' DST. */
export const TIME_ZONES = [
  'Europe/Berlin',
  'UTC',
  'America/New_York',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Asia/Tokyo',
  'Australia/Lord_Howe',
  'Pacific/Auckland',
] as const;

export interface DemoSettings {
  /** Events in the generated community. */
  size: CommunitySize;
  /** Where the dashboard's numbers come from. */
  source: SourceKind;
  /** The site's time zone (IANA). */
  timeZone: string;
  /** Latency of the mock REST server, ms. */
  latency: number;
  /** Faults the mock REST server injects. */
  failures: FailureMode;
  /** The aggregator records since this many days ago; null = it saw every event. */
  since: number | null;
  /** Percent of events the aggregator misses (0–50). */
  drop: number;
  /** New activity arrives every second. */
  simulate: boolean;
  /** The dashboard's color theme. */
  theme: DemoTheme;
  /** The dashboard's language. */
  locale: DemoLocale;
}

export const DEFAULTS: DemoSettings = {
  size: 100_000,
  source: 'memory',
  timeZone: 'Europe/Berlin',
  latency: 150,
  failures: 'none',
  since: null,
  drop: 0,
  simulate: false,
  theme: 'light',
  locale: 'en-US',
};

const MAX_LATENCY = 5_000;
const MAX_DROP = 50;
const MAX_SINCE_DAYS = 5 * 366;

/** The settings in `search`, each bad value replaced by its default and named in `problems`. */
export function readSettings(search: string): { settings: DemoSettings; problems: string[] } {
  const params = new URLSearchParams(search);
  const problems: string[] = [];
  const settings: DemoSettings = { ...DEFAULTS };
  const read = (name: string, apply: (value: string) => boolean, expected: string): void => {
    const value = params.get(name);
    if (value === null || value === '') return;
    if (!apply(value)) problems.push(`"${name}=${value}" was ignored: ${expected}.`);
  };
  read('size', (v) => pick(SIZES, Number(v), (size) => (settings.size = size)), `use ${SIZES.join(', ')}`);
  read('source', (v) => pick(SOURCES, v, (source) => (settings.source = source)), `use ${SOURCES.join(', ')}`);
  read('tz', (v) => isTimeZone(v) && ((settings.timeZone = v), true), 'use an IANA time zone such as Europe/Berlin');
  read('latency', (v) => inRange(v, 0, MAX_LATENCY, (n) => (settings.latency = n)), `use 0–${MAX_LATENCY} ms`);
  read('failures', (v) => pick(FAILURES, v, (mode) => (settings.failures = mode)), `use ${FAILURES.join(', ')}`);
  read(
    'since',
    (v) => (v === 'all' ? ((settings.since = null), true) : inRange(v, 0, MAX_SINCE_DAYS, (n) => (settings.since = n))),
    `use "all" or a number of days up to ${MAX_SINCE_DAYS}`,
  );
  read('drop', (v) => inRange(v, 0, MAX_DROP, (n) => (settings.drop = n)), `use 0–${MAX_DROP} (percent)`);
  read('simulate', (v) => (v === '1' || v === '0') && ((settings.simulate = v === '1'), true), 'use 1 or 0');
  read('theme', (v) => pick(THEMES, v, (theme) => (settings.theme = theme)), `use ${THEMES.join(', ')}`);
  read('locale', (v) => pick(LOCALES, v, (locale) => (settings.locale = locale)), `use ${LOCALES.join(', ')}`);
  return { settings, problems };
}

/** The query string for `settings`: only what differs from the defaults, so links stay short. */
export function settingsQuery(settings: DemoSettings): string {
  const params = new URLSearchParams();
  if (settings.size !== DEFAULTS.size) params.set('size', String(settings.size));
  if (settings.source !== DEFAULTS.source) params.set('source', settings.source);
  if (settings.timeZone !== DEFAULTS.timeZone) params.set('tz', settings.timeZone);
  if (settings.latency !== DEFAULTS.latency) params.set('latency', String(settings.latency));
  if (settings.failures !== DEFAULTS.failures) params.set('failures', settings.failures);
  if (settings.since !== DEFAULTS.since) params.set('since', settings.since === null ? 'all' : String(settings.since));
  if (settings.drop !== DEFAULTS.drop) params.set('drop', String(settings.drop));
  if (settings.simulate !== DEFAULTS.simulate) params.set('simulate', settings.simulate ? '1' : '0');
  if (settings.theme !== DEFAULTS.theme) params.set('theme', settings.theme);
  if (settings.locale !== DEFAULTS.locale) params.set('locale', settings.locale);
  const query = params.toString();
  return query === '' ? '' : `?${query}`;
}

/** Settings that need a new community (regenerated and re-ingested) when they change. */
export function communityKey(settings: DemoSettings): string {
  return [settings.size, settings.timeZone, settings.since ?? 'all', settings.drop].join('|');
}

function pick<T extends string | number>(allowed: readonly T[], value: unknown, apply: (value: T) => void): boolean {
  const found = allowed.find((item) => item === value);
  if (found === undefined) return false;
  apply(found);
  return true;
}

function inRange(text: string, min: number, max: number, apply: (value: number) => void): boolean {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) return false;
  apply(value);
  return true;
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
