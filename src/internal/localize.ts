import { Formatter } from './format.js';
import { messagesFor, type Messages } from './i18n.js';
import { resolveLocale } from './locale.js';

/** What a localized element reads: its `locale` property (its own or the one it inherits). */
interface LocalizedHost extends HTMLElement {
  readonly locale: string | undefined;
}

/**
 * The strings and number/date formats of one element, for the locale it
 * speaks: its `locale` (its own, else the one of the dashboard or section it
 * sits in), else the `lang` of the page around it, else the runtime's.
 * A WordPress locale (`en_US`) reads as its BCP 47 tag, an unusable one as
 * English (see `resolveLocale`). Read on use, made again only when the
 * locale changes, so a locale handed down later is followed at the next update.
 */
export class LocalizeController {
  private requested: string | undefined;
  private tag: string | undefined;
  private currentMessages: Messages = messagesFor(undefined);
  private formatter = new Formatter(undefined);
  private ready = false;

  constructor(private readonly host: LocalizedHost) {}

  /** The BCP 47 tag the element speaks, or `undefined` for the runtime's default (see `format.locale` for the one in use). */
  get locale(): string | undefined {
    this.sync();
    return this.tag;
  }

  /** Every user-facing string, in the element's language. */
  get messages(): Messages {
    this.sync();
    return this.currentMessages;
  }

  /** Numbers, dates and durations, in the element's locale. */
  get format(): Formatter {
    this.sync();
    return this.formatter;
  }

  private sync(): void {
    // `closest` stops at a shadow root: an element inside another one inherits its `locale` instead.
    const requested = this.host.locale || this.host.closest('[lang]')?.getAttribute('lang') || undefined;
    if (this.ready && requested === this.requested) return;
    this.requested = requested;
    const tag = resolveLocale(requested);
    if (this.ready && tag === this.tag) return;
    this.ready = true;
    this.tag = tag;
    this.currentMessages = messagesFor(tag);
    this.formatter = new Formatter(tag);
  }
}
