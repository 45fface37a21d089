import { expect } from '@open-wc/testing';
import { Formatter } from './format.js';
import { en, messagesFor } from './i18n.js';
import { FALLBACK_LOCALE, resolveLocale } from './locale.js';

describe('resolveLocale', () => {
  const cases: [string | null | undefined, string | undefined][] = [
    // Nothing asked for: the caller's default (the runtime's for numbers, English for texts).
    [undefined, undefined],
    [null, undefined],
    ['', undefined],
    ['   ', undefined],
    // BCP 47 tags stay as they are, canonicalised.
    ['en-US', 'en-US'],
    ['de', 'de'],
    ['de-de', 'de-DE'],
    ['zh-Hant-TW', 'zh-Hant-TW'],
    ['ar-EG-u-nu-arab', 'ar-EG-u-nu-arab'],
    // WordPress locales (get_locale()): underscores, and suffixes that are no BCP 47 subtag.
    ['en_US', 'en-US'],
    ['de_DE', 'de-DE'],
    ['de_DE_formal', 'de-DE'],
    ['de_CH_informal', 'de-CH'],
    ['nl_NL_formal', 'nl-NL'],
    ['pt_PT_ao90', 'pt-PT'],
    ['en_GB', 'en-GB'],
    [' fr_FR ', 'fr-FR'],
    // A usable tag with a broken tail keeps what is usable.
    ['de-DE-!!', 'de-DE'],
    // Anything else is unusable: English.
    ['garbage', FALLBACK_LOCALE],
    ['!!!', FALLBACK_LOCALE],
    ['x', FALLBACK_LOCALE],
    ['12345', FALLBACK_LOCALE],
    ['<script>', FALLBACK_LOCALE],
  ];

  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
      expect(resolveLocale(input)).to.equal(expected);
    });
  }

  it('falls back to English', () => {
    expect(FALLBACK_LOCALE).to.equal('en');
  });
});

describe('locales the page gives', () => {
  const inputs = ['en_US', 'de_DE_formal', 'garbage', '!!!', 'x', '', 'en-US', 'de-DE'];

  it('never make the formatter throw', () => {
    for (const input of inputs) {
      const format = new Formatter(input);
      expect(() => format.count(1234.5), input).not.to.throw();
      expect(() => format.range({ start: '2026-03-01', end: '2026-03-07' }), input).not.to.throw();
      expect(() => format.duration(125), input).not.to.throw();
      expect(() => format.instant(0, 'UTC'), input).not.to.throw();
    }
  });

  it('read underscores as hyphens and anything unusable as English', () => {
    expect(new Formatter('en_US').count(1234567)).to.equal('1,234,567');
    expect(new Formatter('de_DE').count(1234567)).to.equal('1.234.567');
    expect(new Formatter('de_DE_formal').count(1234567)).to.equal('1.234.567');
    expect(new Formatter('garbage').count(1234567)).to.equal('1,234,567');
    expect(new Formatter('!!!').locale).to.equal('en');
  });

  it('pick the messages of the language they name', () => {
    expect(messagesFor('de_DE').dashboardTitle).to.equal(messagesFor('de').dashboardTitle);
    expect(messagesFor('de_DE_formal').dashboardTitle).to.equal(messagesFor('de').dashboardTitle);
    expect(messagesFor('de').dashboardTitle).not.to.equal(en.dashboardTitle);
    expect(messagesFor('en_US').dashboardTitle).to.equal(en.dashboardTitle);
    expect(messagesFor('garbage').dashboardTitle).to.equal(en.dashboardTitle);
    expect(() => messagesFor('!!!')).not.to.throw();
  });
});
