/**
 * @module core/language
 * The one rule for language tags, from a page's `lang`/JSON-LD/`og:locale` to a feed's `<language>`,
 * `xml:lang` and JSON Feed `language`: a BCP 47 tag (RFC 5646) in its canonical form, "_" repaired to
 * "-" (`en_us` → `en-US`, `KK` → `kk`). Anything else is left out rather than passed on invalid.
 */

import { rememberBounded } from './remember.ts';

/** Language, then subtags: the shape of a BCP 47 tag, checked before canonicalising. */
const TAG_SHAPE = /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i;

/** Values remembered canonicalised (bounded: pages may write anything). */
const CANONICAL_LIMIT = 256;
/** Longer values are canonicalised each time, not remembered: a page's `lang` may be anything, of any length. */
const REMEMBERED_LENGTH = 64;

function canonicalize(tag: string | undefined): string | undefined {
  const candidate = tag?.trim().replace(/_/g, '-');
  if (!candidate || !TAG_SHAPE.test(candidate)) return undefined;
  try {
    // Intl knows the case conventions (language lower, region upper, script title) and the aliases.
    return Intl.getCanonicalLocales(candidate)[0];
  } catch {
    return undefined;
  }
}

const canonicalizeRemembered = rememberBounded(canonicalize, CANONICAL_LIMIT);

/**
 * A canonical BCP 47 tag, or undefined when the value is not one. Remembered by the value as written: every
 * rendered item asks for its language in each format (and its backlink's), and a feed's items share a few
 * tags, while `Intl.getCanonicalLocales` costs about a microsecond a call.
 *
 * @example
 * normalizeLanguage('en_us'); // 'en-US'
 * normalizeLanguage('English'); // undefined
 */
export function normalizeLanguage(tag: string | undefined): string | undefined {
  return typeof tag !== 'string' || tag.length > REMEMBERED_LENGTH ? canonicalize(tag) : canonicalizeRemembered(tag);
}
