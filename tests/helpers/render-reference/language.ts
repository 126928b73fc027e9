/**
 * @module core/language
 * The one rule for language tags, from a page's `lang`/JSON-LD/`og:locale` to a feed's `<language>`,
 * `xml:lang` and JSON Feed `language`: a BCP 47 tag (RFC 5646) in its canonical form, "_" repaired to
 * "-" (`en_us` → `en-US`, `KK` → `kk`). Anything else is left out rather than passed on invalid.
 */

/** Language, then subtags: the shape of a BCP 47 tag, checked before canonicalising. */
const TAG_SHAPE = /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i;

/**
 * A canonical BCP 47 tag, or undefined when the value is not one.
 *
 * @example
 * normalizeLanguage('en_us'); // 'en-US'
 * normalizeLanguage('English'); // undefined
 */
export function normalizeLanguage(tag: string | undefined): string | undefined {
  const candidate = tag?.trim().replace(/_/g, '-');
  if (!candidate || !TAG_SHAPE.test(candidate)) return undefined;
  try {
    // Intl knows the case conventions (language lower, region upper, script title) and the aliases.
    return Intl.getCanonicalLocales(candidate)[0];
  } catch {
    return undefined;
  }
}
