/**
 * @module tests/fuzz/pull.fuzz
 * Fuzzing the pull stage's parsers with hostile documents (tests/fuzz/arbitraries/): feeds (RSS 2.0, RSS 1.0,
 * Atom), sitemaps and indexes, HTML listings, the HTML fragments of titles and summaries, dates, and the
 * `Retry-After` and `Cache-Control` values of upstream answers. Each input must parse or fail with the typed
 * error the parser documents, and what parses has the shape the later stages rely on (tests/fuzz/checks.ts).
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import {
  CHARSET_LABELS,
  hostileUrl,
  hostileDate,
  hostileText,
  hostileTimezone,
  publisherText,
} from './arbitraries/hostile-text.ts';
import { hostileListing } from './arbitraries/html-documents.ts';
import { hostileFeed, hostileSitemap } from './arbitraries/xml-documents.ts';
import {
  checkCacheControl,
  checkContentType,
  checkRedirect,
  checkDecodedBody,
  checkDate,
  checkFeed,
  checkListing,
  checkPlainText,
  checkRetryAfter,
  checkSitemap,
} from './checks.ts';
import { fuzz, PROPERTY_TIMEOUT_MS } from './fuzz-settings.ts';

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

const label = fc.constantFrom(...CHARSET_LABELS);

/** Where a body declares its charset: the Content-Type header, a `<meta>`, an XML declaration, or nowhere. */
const declaration = fc.oneof(
  label.map((name) => ({ contentType: `text/html; charset=${name}`, head: '' })),
  label.map((name) => ({ contentType: `application/xml; charset="${name}"`, head: '' })),
  label.map((name) => ({ contentType: 'text/html', head: `<html><head><meta charset="${name}">` })),
  label.map((name) => ({
    contentType: '',
    head: `<meta http-equiv="Content-Type" content="text/html; charset=${name}">`,
  })),
  label.map((name) => ({ contentType: 'application/rss+xml', head: `<?xml version="1.0" encoding="${name}"?>` })),
  fc.constant({ contentType: 'text/html; charset=', head: '' }),
  fc.constant({ contentType: '', head: '' }),
);

/** What follows the declaration: byte soup, or a hostile feed as UTF-8 or UTF-16 bytes. */
const bodyBytes = fc.oneof(
  fc.uint8Array({ maxLength: 600 }),
  hostileFeed.map((feed) => new TextEncoder().encode(feed)),
  fc
    .tuple(hostileFeed, fc.boolean())
    .map(([feed, big]) =>
      Uint8Array.from(
        { length: feed.length * 2 },
        (_, i) => (feed.charCodeAt(i >> 1) >> ((i & 1) === (big ? 0 : 1) ? 0 : 8)) & 0xff,
      ),
    ),
);

const bom = fc.constantFrom([], [], [], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], [0x3c, 0x00], [0x00, 0x3c]);

/** The check's input: the header, a newline, the body's bytes in base64. */
const declaredBody = fc.tuple(bom, declaration, bodyBytes).map(([mark, { contentType, head }, body]) => {
  const bytes = [...mark, ...new TextEncoder().encode(head), ...body];
  return `${contentType}\n${Buffer.from(bytes).toString('base64')}`;
});

/** `Location` values: relative, protocol-relative, other sites, other schemes, hostile text. */
const location = fc.oneof(
  hostileUrl,
  fc.constantFrom(
    '//evil.example/x',
    '//news.example.evil.example/',
    'https://www.news.example/a',
    'https://news.example.:443/',
    'HTTPS://NEWS.EXAMPLE/',
    'https://news.example@evil.example/',
    'https://evil.example\\@news.example/',
    '\\\\evil.example',
    'https:evil.example',
    'http://[::ffff:127.0.0.1]/',
    'http://0x7f.1/',
    'https://xn--nws-qla.example/',
    '',
  ),
);

/** An article answer: its Content-Type (hostile, parameters, case) and the start of its body. */
const contentType = fc
  .tuple(
    fc.oneof(
      fc.constantFrom(
        'text/html',
        'TEXT/HTML; charset=utf-8',
        'application/xhtml+xml',
        'application/pdf',
        'text/plain',
        'application/octet-stream',
        'image/jpeg',
        'text/html;',
        ';',
        '',
      ),
      hostileText(3),
    ),
    fc.oneof(
      fc.constantFrom(
        '<!doctype html><html>',
        '\ufeff  <html>',
        '%PDF-1.4',
        '<?xml version="1.0"?><rss>',
        '',
        '\u0000<html>',
      ),
      hostileText(4),
    ),
  )
  .map(([type, body]) => `${type.replace(/\n/g, ' ')}\n${body}`);

describe('fuzz: pull', () => {
  it('parseFeed: RSS 2.0, RSS 1.0 and Atom', { timeout: PROPERTY_TIMEOUT_MS }, () => fuzz(hostileFeed, checkFeed, 150));
  it('parseSitemap: urlsets and indexes', { timeout: PROPERTY_TIMEOUT_MS }, () =>
    fuzz(hostileSitemap, checkSitemap, 100),
  );
  it('parseListing: HTML listings', { timeout: PROPERTY_TIMEOUT_MS }, () => fuzz(hostileListing, checkListing, 50));
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
  it('decodeBody: byte soup and hostile feeds under every declared charset', { timeout: PROPERTY_TIMEOUT_MS }, () =>
    fuzz(declaredBody, checkDecodedBody, 100),
  );
  it('resolveRedirect: Location values', { timeout: PROPERTY_TIMEOUT_MS }, () => fuzz(location, checkRedirect, 300));
  it('checkArticleType: Content-Type and body', { timeout: PROPERTY_TIMEOUT_MS }, () =>
    fuzz(contentType, checkContentType, 200),
  );
  it('parseRetryAfter', { timeout: PROPERTY_TIMEOUT_MS }, () => fuzz(retryAfter, checkRetryAfter, 300));
  it('parseMaxAge (Cache-Control)', { timeout: PROPERTY_TIMEOUT_MS }, () => fuzz(cacheControl, checkCacheControl, 300));
});
