/** The language of an element given a locale it cannot use. */
export const FALLBACK_LOCALE = 'en';

/**
 * The BCP 47 tag to format and translate with, from what a page gave: a
 * `locale` attribute or the `lang` of the page around an element. Never
 * throws, whatever the input.
 *
 * - Nothing (unset, empty) gives `undefined`: the caller's default.
 * - A BCP 47 tag the runtime supports is kept, canonicalised (`de-de` → `de-DE`).
 * - A WordPress locale (`get_locale()`: `en_US`, `de_DE_formal`, `pt_PT_ao90`)
 *   is read as its language, script and region (`en-US`, `de-DE`, `pt-PT`):
 *   its underscores are hyphens and its suffixes are no BCP 47 subtags.
 * - A tag with a broken tail keeps its usable start (`de-DE-!!` → `de-DE`).
 * - Anything else (`garbage`, `!!!`) is English, `FALLBACK_LOCALE`.
 */
export function resolveLocale(requested: string | null | undefined): string | undefined {
  if (requested === undefined || requested === null) return undefined;
  const text = String(requested).trim();
  if (!text) return undefined;
  const wordPressStyle = text.includes('_');
  const subtags = text.split(/[-_\s]+/u).filter(Boolean);
  for (let length = subtags.length; length > 0; length--) {
    const tag = usableTag(subtags.slice(0, length).join('-'), wordPressStyle);
    if (tag) return tag;
  }
  return FALLBACK_LOCALE;
}

/** `candidate` canonicalised if the runtime formats in it (only language, script and region for a WordPress locale), else `undefined`. */
function usableTag(candidate: string, languageScriptRegion: boolean): string | undefined {
  try {
    let [tag] = Intl.getCanonicalLocales(candidate);
    if (!tag) return undefined;
    if (languageScriptRegion) {
      const { language, script, region } = new Intl.Locale(tag);
      tag = [language, script, region].filter(Boolean).join('-');
    }
    return Intl.NumberFormat.supportedLocalesOf([tag]).length > 0 ? tag : undefined;
  } catch {
    // Not a well-formed tag (RangeError): a shorter one may be.
    return undefined;
  }
}

/** The language subtag of a resolved tag (`de-DE` → `de`). */
export function languageOf(tag: string): string {
  return tag.split('-')[0]!.toLowerCase();
}
