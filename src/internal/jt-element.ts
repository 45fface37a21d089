import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { Inherited } from './context.js';
import type { Formatter } from './format.js';
import type { Messages } from './i18n.js';
import { LocalizeController } from './localize.js';
import { ThemeController, type ThemeName } from './theme.js';

/**
 * What every element of the library shares: its `locale` and `theme`, each
 * its own when set (attribute or property), else the one of the dashboard
 * (or section) it sits in, handed down by context; the strings and formats
 * of that locale (`localize`); and `theme="auto"` resolved against the page
 * (`themeController`). Not registered: each element is.
 */
export abstract class JtElement extends LitElement {
  private readonly localeSetting = new Inherited<'locale', string | undefined>(this, 'locale', 'locale', undefined);
  private readonly themeSetting = new Inherited<'theme', ThemeName>(this, 'theme', 'theme', 'light');

  /**
   * BCP 47 locale of numbers, dates and strings (a WordPress `en_US` reads as `en-US`, an unusable one as English).
   * Unset: the locale of the dashboard the element sits in, else the `lang` of the page around it, else the browser's.
   */
  @property({ reflect: true })
  get locale(): string | undefined {
    return this.localeSetting.value;
  }
  set locale(value: string | undefined) {
    this.localeSetting.set(value);
  }

  /**
   * Colour scheme: `light`, `dark` or `auto`: the scheme the host page declares (a computed `color-scheme` of only
   * `light` or only `dark` where the element sits), else the system's, followed as it changes. Unset: the scheme of
   * the dashboard the element sits in, else `light`. A dashboard hands the resolved `light` or `dark` to every part.
   * @default 'light'
   */
  @property({ reflect: true })
  get theme(): ThemeName {
    return this.themeSetting.value;
  }
  set theme(value: ThemeName | undefined) {
    this.themeSetting.set(value);
  }

  /** The element's strings and formatters, for the locale it speaks. */
  protected readonly localize = new LocalizeController(this);

  /** `theme="auto"` resolved; `themeController.theme` is the scheme drawn, `light` or `dark`. */
  protected readonly themeController = new ThemeController(this);

  /** Every string the element shows, in its language. */
  protected get messages(): Messages {
    return this.localize.messages;
  }

  /** Numbers, dates and durations, in its locale. */
  protected get formatter(): Formatter {
    return this.localize.format;
  }
}

/**
 * An element that counts days in the site's time zone: its `time-zone`, else
 * the dashboard's it sits in. Not registered.
 */
export abstract class JtZonedElement extends JtElement {
  private readonly zoneSetting = new Inherited<'timeZone', string | undefined>(this, 'timeZone', 'timeZone', undefined);

  /**
   * The site's time zone (IANA name or `±HH:MM`): presets, days and dates are counted in it; it overrides the data
   * source's. Unset: the dashboard's the element sits in, else the data source's (where the element has one), else UTC.
   */
  @property({ attribute: 'time-zone', reflect: true })
  get timeZone(): string | undefined {
    return this.zoneSetting.value;
  }
  set timeZone(value: string | undefined) {
    this.zoneSetting.set(value);
  }
}
