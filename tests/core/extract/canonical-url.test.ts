/**
 * @module tests/core/extract/canonical-url
 * resolveCanonicalUrl parses the page URL once, reads a candidate's host from its href without a parse where it
 * can, takes one on the page's own host as same-site without a Public Suffix List lookup, and cleans an href
 * without a query or fragment without parsing it again. The property: on generated pages (`<base href>`, `<link
 * rel>` in any case and with other rels, relative, cross-site, same-site, IP, IDN, userinfo, `javascript:` and
 * unparsable hrefs, tracking parameters, fragments) and page URLs (valid, on a private suffix, an IP, garbage),
 * it gives what the code it replaced gives.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveCanonicalUrl } from '../../../src/core/extract/canonical-url.ts';
import { parseDocument } from '../../../src/core/parse-html.ts';
import { resolveCanonicalUrlBefore } from '../../helpers/canonical-url-before.ts';

const HREFS = [
  '',
  ' ',
  '/news/1',
  'news/2?utm_source=rss&id=7#top',
  '//en.example.com/a',
  'https://example.com/a?fbclid=1',
  'https://EN.Example.com./b',
  'http://other.org/c',
  'https://a.github.io/x',
  'https://b.github.io/y',
  'http://127.0.0.1:8080/z',
  'http://[::1]/v6',
  'javascript:alert(1)',
  'http://[',
  'mailto:a@example.com',
  'https://user:pw@example.com/u',
  'https://example.com@evil.org/',
  'https://example.com:8443/q',
  'https://example.com.evil.org/',
  'https://[::1]:8080/v6',
  'http://example.com:80/default-port',
  'https://пример.рф/idn',
  'HTTPS://EXAMPLE.COM',
  'https://user@example.com/u',
  'https://example.com/a?b=1#c',
  'https://example.com/#frag',
  'https://example.com/path with space',
  'https://example.com/\\back\\slash',
  '\t https://example.com/ctrl\n',
];
const PAGES = [
  'https://en.example.com/news/1?utm_source=rss',
  'https://example.com/',
  'https://a.github.io/p',
  'http://127.0.0.1:8080/news/1',
  'not a url',
  '',
  'blob:https://example.com/0a1b',
  'file:///news/1',
  'HTTPS://En.Example.com:443/x',
  'https://example.com:8443/p',
  'https://пример.рф/x',
];

/** The hrefs above, generated web URLs (any host, userinfo, port, query, fragment) and ones on the pages' sites. */
const href = fc.oneof(
  fc.constantFrom(...HREFS),
  fc.webUrl({
    withQueryParameters: true,
    withFragments: true,
    authoritySettings: { withUserInfo: true, withPort: true, withIPv6: true, withIPv4: true },
  }),
  fc
    .tuple(
      fc.constantFrom('https://en.example.com', 'http://127.0.0.1:8080', 'https://a.github.io', 'https://example.com'),
      fc.webPath(),
      fc.option(fc.webQueryParameters(), { nil: undefined }),
      fc.option(fc.webFragments(), { nil: undefined }),
    )
    .map(([origin, path, query, fragment]) =>
      [origin, path, query === undefined ? '' : `?${query}`, fragment === undefined ? '' : `#${fragment}`].join(''),
    ),
);

const link = fc
  .tuple(fc.constantFrom('canonical', 'Canonical', 'alternate canonical', 'alternate', 'canonical\u00a0x'), href)
  .map(([rel, url]) => `<link rel="${rel}" href="${url}">`);
const base = fc.option(
  href.map((url) => `<base href="${url}">`),
  { nil: '' },
);

describe('resolveCanonicalUrl', () => {
  it('gives the canonical the code before its own-host shortcut gave', () => {
    fc.assert(
      fc.property(
        base,
        fc.array(link, { maxLength: 3 }),
        fc.option(href, { nil: undefined }),
        fc.constantFrom(...PAGES),
        (baseTag, links, ogUrl, pageUrl) => {
          const document = parseDocument(`<html><head>${baseTag}${links.join('')}</head><body></body></html>`);
          const expected = resolveCanonicalUrlBefore(document, pageUrl, ogUrl);
          expect(resolveCanonicalUrl(document, pageUrl, ogUrl)).toBe(expected);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
