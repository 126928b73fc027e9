/**
 * @module tests/fuzz/pull.fuzz
 * Fuzzing the pull stage's parsers with hostile documents (tests/fuzz/arbitraries/): feeds (RSS 2.0, RSS 1.0,
 * Atom), sitemaps and indexes, HTML listings, the HTML fragments of titles and summaries, dates, and the
 * `Retry-After` and `Cache-Control` values of upstream answers. Each input must parse or fail with the typed
 * error the parser documents, and what parses has the shape the later stages rely on (tests/fuzz/checks.ts).
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { hostileDate, hostileText, hostileTimezone, publisherText } from './arbitraries/hostile-text.ts';
import { hostileListing } from './arbitraries/html-documents.ts';
import { hostileFeed, hostileSitemap } from './arbitraries/xml-documents.ts';
import {
  checkCacheControl,
  checkDate,
  checkFeed,
  checkListing,
  checkPlainText,
  checkRetryAfter,
  checkSitemap,
} from './checks.ts';
import { fuzzParameters, PROPERTY_TIMEOUT_MS, withinTimeBound } from './fuzz-settings.ts';

/** A property over one parser's check, bounded in time per input in a long run. */
function fuzz<T>(input: fc.Arbitrary<T>, check: (value: T) => unknown, ciRuns: number): void {
  fc.assert(
    fc.property(input, (value) => {
      withinTimeBound(() => check(value));
    }),
    fuzzParameters(ciRuns),
  );
}

const retryAfter = fc.oneof(
  fc.nat().map(String),
  fc.bigInt({ min: 0n, max: 10n ** 400n }).map(String),
  fc.integer({ min: -1e6, max: 1e6 }).map((n) => ` ${String(n)} `),
  fc.date({ noInvalidDate: true }).map((date) => date.toUTCString()),
  hostileDate,
  fc.constantFrom('1.5', '1e3', '0x10', '-0', 'Infinity', 'NaN', '', '\u0000', '120, 60', '٣'),
  hostileText(4),
);

const cacheDirective = fc.oneof(
  fc.constantFrom('no-cache', 'no-store', 'public', 'private', 'must-revalidate', 'immutable', 'NO-CACHE', 'max-age'),
  fc
    .oneof(fc.nat().map(String), fc.bigInt({ min: 0n, max: 10n ** 400n }).map(String), hostileText(2))
    .chain((value) =>
      fc
        .constantFrom('max-age', 'MAX-AGE', 's-maxage', 'stale-while-revalidate', 'max-age ')
        .chain((name) =>
          fc.constantFrom(`${name}=${value}`, `${name}="${value}"`, `${name}=-${value}`, `${name} = ${value}`),
        ),
    ),
  hostileText(3),
);
const cacheControl = fc
  .array(cacheDirective, { maxLength: 6 })
  .chain((parts) => fc.constantFrom(',', ', ', ' ,', ';').map((separator) => parts.join(separator)));

describe('fuzz: pull', () => {
  it('parseFeed: RSS 2.0, RSS 1.0 and Atom', { timeout: PROPERTY_TIMEOUT_MS }, () => fuzz(hostileFeed, checkFeed, 300));
  it('parseSitemap: urlsets and indexes', { timeout: PROPERTY_TIMEOUT_MS }, () =>
    fuzz(hostileSitemap, checkSitemap, 200),
  );
  it('parseListing: HTML listings', { timeout: PROPERTY_TIMEOUT_MS }, () => fuzz(hostileListing, checkListing, 100));
  it('toPlainText: title and summary fragments', { timeout: PROPERTY_TIMEOUT_MS }, () =>
    fuzz(publisherText, checkPlainText, 300),
  );
  it('parseDate, in any time zone', { timeout: PROPERTY_TIMEOUT_MS }, () =>
    fuzz(
      fc.tuple(hostileDate, hostileTimezone).map(([date, zone]) => (zone === undefined ? date : `${date}\t${zone}`)),
      checkDate,
      500,
    ),
  );
  it('parseRetryAfter', { timeout: PROPERTY_TIMEOUT_MS }, () => fuzz(retryAfter, checkRetryAfter, 300));
  it('parseMaxAge (Cache-Control)', { timeout: PROPERTY_TIMEOUT_MS }, () => fuzz(cacheControl, checkCacheControl, 300));
});
