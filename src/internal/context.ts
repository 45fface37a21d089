import { ContextConsumer, ContextProvider, createContext, type Context } from '@lit/context';
import type { ReactiveController, ReactiveElement } from 'lit';
import type { CsvDelimiter, CsvValues } from '../engine/csv.js';
import type { AnalyticsDataSource } from '../sources/data-source.js';
import type { SchemeName } from './theme.js';

/**
 * What a dashboard hands down to the elements it draws, instead of setting
 * the same attributes on each of them (Lit's context protocol: an element
 * asks with a bubbling, composed `context-request` event and the nearest
 * element around it that provides the setting answers, and tells it of
 * every later change).
 */
export interface Settings {
  /** The data source every part reads. */
  dataSource: AnalyticsDataSource;
  /** The range the parts show, resolved: `YYYY-MM-DD..YYYY-MM-DD`. */
  range: string;
  /** The zone the range was resolved in and days are counted in. */
  timeZone: string;
  /** The BCP 47 tag the dashboard speaks and formats in. */
  locale: string;
  /** The resolved colour scheme, never `auto`. */
  theme: SchemeName;
  /** Whether both paths are shown with their drift. */
  verify: boolean;
  /** Rows per page of the ranked tables, 1 to 100. */
  pageSize: number;
  /** What the tables' Export CSV writes: numbers as `shown`, or `raw`. */
  csvValues: CsvValues;
  /** The character between the cells of every Export CSV; none given leaves it to the locale. */
  csvDelimiter: CsvDelimiter;
}

export type SettingName = keyof Settings;

/** One context per setting, so an element is told only of what it reads. `undefined`: the provider has none to give. */
export const settingContexts: { readonly [K in SettingName]: Context<unknown, Settings[K] | undefined> } = {
  dataSource: createContext<Settings['dataSource'] | undefined>(Symbol('jt-data-source')),
  range: createContext<Settings['range'] | undefined>(Symbol('jt-range')),
  timeZone: createContext<Settings['timeZone'] | undefined>(Symbol('jt-time-zone')),
  locale: createContext<Settings['locale'] | undefined>(Symbol('jt-locale')),
  theme: createContext<Settings['theme'] | undefined>(Symbol('jt-theme')),
  verify: createContext<Settings['verify'] | undefined>(Symbol('jt-verify')),
  pageSize: createContext<Settings['pageSize'] | undefined>(Symbol('jt-page-size')),
  csvValues: createContext<Settings['csvValues'] | undefined>(Symbol('jt-csv-values')),
  csvDelimiter: createContext<Settings['csvDelimiter'] | undefined>(Symbol('jt-csv-delimiter')),
};

type Host = ReactiveElement;

/**
 * Provides some settings to the elements in its host's shadow root (and
 * light DOM). The host says what they are with `provide`, before it renders
 * the elements that read them; only a value that changed is told again.
 */
export class SettingsProvider<K extends SettingName> {
  private readonly providers: { [N in K]: ContextProvider<Context<unknown, Settings[N] | undefined>> };

  constructor(host: Host, names: readonly K[]) {
    this.providers = Object.fromEntries(
      names.map((name) => [name, new ContextProvider(host, { context: settingContexts[name] as Context<unknown, unknown> })]),
    ) as unknown as typeof this.providers;
  }

  provide(values: { [N in K]: Settings[N] | undefined }): void {
    for (const name of Object.keys(this.providers) as K[]) this.providers[name].setValue(values[name]);
  }
}

/**
 * One public property whose value an element may inherit from the element
 * it sits in: its own value (set as an attribute or a property) when it has
 * one, else the nearest provider's, else its default. The element declares
 * the property as an accessor pair over `value` and `set`, so reading the
 * property gives what the element uses (and a reflected attribute shows it);
 * setting it to `undefined` (or removing the attribute) inherits again.
 * A change of the inherited value updates the element like a property
 * change of its own (`changedProperties` has it; it is reflected).
 */
export class Inherited<K extends SettingName, T = Settings[K]> implements ReactiveController {
  private own: T | undefined;
  private inherited: Settings[K] | undefined;
  /** Whether a provider answered since the element was last connected. */
  private answered = false;
  private connectedOnce = false;

  constructor(
    private readonly host: Host,
    private readonly property: PropertyKey,
    setting: K,
    private readonly fallback: T,
  ) {
    new ContextConsumer(host, {
      context: settingContexts[setting],
      subscribe: true,
      callback: (value) => {
        this.answered = true;
        this.inherit(value);
      },
    });
    // Added after the consumer, so `hostConnected` runs once the request has been answered or not.
    host.addController(this);
  }

  /** What the element uses: its own value, else the inherited one, else the default. */
  get value(): T {
    return this.own ?? (this.inherited as T | undefined) ?? this.fallback;
  }

  /** The element's own value, from its property setter; `undefined` or `null` inherits again. */
  set(value: T | null | undefined): void {
    this.own = value ?? undefined;
  }

  hostConnected(): void {
    // Moved out of the element that provided it: nothing to inherit any more. (A move within it answers again at once.)
    if (!this.answered) this.inherit(undefined);
    if (this.connectedOnce) return;
    this.connectedOnce = true;
    // Like a field with a default: the first update sees the property as changed and reflects it.
    if (this.fallback !== undefined) this.host.requestUpdate(this.property, undefined);
  }

  hostDisconnected(): void {
    this.answered = false;
  }

  private inherit(value: Settings[K] | undefined): void {
    if (value === this.inherited) return;
    const old = this.value;
    this.inherited = value;
    if (this.own === undefined) this.host.requestUpdate(this.property, old);
  }
}

/** The `verify` attribute of an element that may inherit it: present is on, absent inherits (a property of `false` is a value of its own). */
export const inheritableBoolean = {
  fromAttribute: (value: string | null): boolean | undefined => (value === null ? undefined : true),
  toAttribute: (value: unknown): string | null => (value ? '' : null),
};
