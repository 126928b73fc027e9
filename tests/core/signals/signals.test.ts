/**
 * @module tests/signals
 * Page-level publisher signals (robots meta, X-Robots-Tag, TDMRep, JSON-LD paywall, RSL links,
 * Content-Usage), tdmrep.json, RSL documents and merging, as tables.
 */
import { describe, expect, it } from 'vitest';
import { mergeSignals, NO_SIGNALS } from '../../../src/core/signals/merge-signals.ts';
import { readHeaderSignals } from '../../../src/core/signals/read-header-signals.ts';
import { extractPage } from '../../../src/core/extract/extract-article.ts';
import { readPageSignals } from '../../../src/core/signals/read-page-signals.ts';
import type { SignalHeaders } from '../../../src/core/signals/read-header-signals.ts';
import { readRobotsRules, readXRobotsTag } from '../../../src/core/signals/robots-directives.ts';
import { findRslTerms, parseRsl } from '../../../src/core/signals/rsl.ts';
import { findTdmRule, parseTdmrepJson } from '../../../src/core/signals/tdmrep.ts';

/** The page's signals as the pipeline reads them: page facts from the extract stage, then the signals stage. */
async function readHtmlSignals(html: string, headers: SignalHeaders | undefined, pageUrl: string) {
  return readPageSignals((await extractPage(html, pageUrl)).facts, headers, pageUrl);
}

const URL_ = 'https://example.com/news/1';
const page = (head: string, body = '<p>Text.</p>') =>
  `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;
const withoutSeen = (signals: object) => Object.fromEntries(Object.entries(signals).filter(([key]) => key !== 'seen'));
const jsonLd = (data: unknown) => `<script type="application/ld+json">${JSON.stringify(data)}</script>`;

describe('robots rules (meta robots, X-Robots-Tag)', () => {
  it.each([
    ['nosnippet', { nosnippet: true }],
    ['NoSnippet', { nosnippet: true }],
    ['max-snippet:120', { maxSnippet: 120 }],
    ['max-snippet: 50, max-snippet:20', { maxSnippet: 20 }],
    ['max-snippet:0', { maxSnippet: 0, nosnippet: true }],
    ['max-snippet:-1', { maxSnippet: -1 }],
    ['max-snippet:-1, max-snippet:80', { maxSnippet: 80 }],
    ['max-snippet:-5', {}],
    ['noarchive', { noarchive: true }],
    ['nocache', { noarchive: true }],
    ['none', { nosnippet: true }],
    ['noindex, nofollow', { nosnippet: true }],
    ['index, follow, max-image-preview:large', {}],
    ['all', {}],
  ])('%s → %o', (content, expected) => {
    expect(withoutSeen(readRobotsRules(content, 'meta robots'))).toEqual(expected);
  });

  it('records each rule it acted on', () => {
    expect(readRobotsRules('noindex, max-snippet:120', 'meta robots').seen).toEqual([
      'meta robots: noindex',
      'meta robots: max-snippet:120',
    ]);
  });

  it.each([
    ['nosnippet', true],
    ['otherbot: nosnippet', false],
    ['otherbot: noindex, nosnippet', false],
    ['lede: nosnippet', true],
    ['Lede: NOSNIPPET', true],
    ['otherbot: noarchive, lede: nosnippet', true],
    ['lede: noarchive, otherbot: nosnippet', false],
    ['max-snippet:0', true],
    ['googlebot: max-snippet:0', false],
  ])('X-Robots-Tag %s → nosnippet %s', (value, nosnippet) => {
    expect(readXRobotsTag(value).nosnippet === true).toBe(nosnippet);
  });

  it('scopes valued rules correctly: max-snippet is a rule, not a user agent', () => {
    expect(readXRobotsTag('max-snippet:30, otherbot: max-snippet:0').maxSnippet).toBe(30);
  });
});

describe('readPageSignals: markup', () => {
  it.each([
    ['<meta name="robots" content="nosnippet">', { nosnippet: true }],
    ['<meta name="ROBOTS" content="max-snippet:120">', { maxSnippet: 120 }],
    ['<meta name="lede" content="noarchive">', { noarchive: true }],
    ['<meta name="googlebot" content="nosnippet">', {}],
    [
      '<meta name="tdm-reservation" content="1"><meta name="tdm-policy" content="/tdm-policy.json">',
      { tdmReserved: true, tdmPolicy: 'https://example.com/tdm-policy.json' },
    ],
    ['<meta name="tdm-reservation" content="0">', { tdmReserved: false }],
    ['<meta name="tdm-reservation" content="yes">', {}],
    [
      '<link rel="license" type="application/rsl+xml" href="/license.xml">',
      { rslLicense: 'https://example.com/license.xml' },
    ],
    ['<link rel="license" href="https://creativecommons.org/licenses/by/4.0/">', {}],
  ])('%s', async (head, expected) => {
    expect(withoutSeen(await readHtmlSignals(page(head), undefined, URL_))).toEqual(expected);
  });

  it.each([
    [{ '@type': 'NewsArticle', isAccessibleForFree: false }, true],
    [{ '@type': 'NewsArticle', isAccessibleForFree: 'False' }, true],
    [{ '@type': 'NewsArticle', isAccessibleForFree: 'https://schema.org/False' }, true],
    [{ '@type': 'NewsArticle', isAccessibleForFree: true }, false],
    [{ '@type': 'NewsArticle', isAccessibleForFree: 'True' }, false],
    [
      {
        '@graph': [
          { '@type': 'WebPage', isAccessibleForFree: false },
          { '@type': 'NewsArticle', headline: 'x' },
        ],
      },
      true,
    ],
    [{ '@type': 'ItemList', isAccessibleForFree: false }, false],
  ])('JSON-LD %o → paywalled %s', async (data, paywalled) => {
    expect((await readHtmlSignals(page(jsonLd(data)), undefined, URL_)).paywalled === true).toBe(paywalled);
  });

  it('a paywall with named parts is not a paywalled article: the parts are cut instead', async () => {
    const data = {
      '@type': 'NewsArticle',
      isAccessibleForFree: 'False',
      hasPart: { '@type': 'WebPageElement', isAccessibleForFree: 'False', cssSelector: '.paywall' },
    };
    const signals = await readHtmlSignals(page(jsonLd(data)), undefined, URL_);
    expect(signals.paywalled).toBeUndefined();
    expect(signals.seen).toEqual(['JSON-LD: isAccessibleForFree false for .paywall (removed from the body)']);
  });

  it('says nothing about a page that says nothing', async () => {
    expect(await readHtmlSignals(page('<meta name="robots" content="index, follow">'), {}, URL_)).toEqual({});
  });
});

describe('readHeaderSignals', () => {
  it('reads X-Robots-Tag, TDMRep headers, Content-Usage and an RSL Link', () => {
    const signals = readHeaderSignals(
      {
        'x-robots-tag': 'otherbot: noindex, lede: max-snippet:200',
        'tdm-reservation': '1',
        'tdm-policy': 'https://example.com/policy.json',
        'content-usage': 'train-ai=n, search=n',
        link: '<https://example.com/style.css>; rel="stylesheet", </license.xml>; rel="license"; type="application/rsl+xml"',
      },
      URL_,
    );
    expect(signals).toEqual({
      maxSnippet: 200,
      tdmReserved: true,
      tdmPolicy: 'https://example.com/policy.json',
      contentUsage: 'train-ai=n, search=n',
      usageForbidden: true,
      rslLicense: 'https://example.com/license.xml',
      seen: [
        'X-Robots-Tag: max-snippet:200',
        'tdm-reservation header: 1',
        'tdm-policy header: https://example.com/policy.json',
        'Content-Usage header: train-ai=n, search=n (forbids excerpts)',
        'Link header: RSL licence https://example.com/license.xml',
      ],
    });
  });

  it('records a Content-Usage that does not concern Lede without forbidding anything', () => {
    expect(readHeaderSignals({ 'content-usage': 'train-ai=n' }, URL_)).toEqual({
      contentUsage: 'train-ai=n',
      seen: ['Content-Usage header: train-ai=n'],
    });
  });

  it('joins header and markup signals for one page', async () => {
    const signals = await readHtmlSignals(
      page('<meta name="robots" content="max-snippet:50">'),
      { 'x-robots-tag': 'noarchive' },
      URL_,
    );
    expect(signals).toEqual({
      maxSnippet: 50,
      noarchive: true,
      seen: ['meta robots: max-snippet:50', 'X-Robots-Tag: noarchive'],
    });
  });
});

describe('mergeSignals', () => {
  it('fills the defaults', () => {
    expect(mergeSignals()).toEqual(NO_SIGNALS);
    expect(mergeSignals(undefined, {})).toEqual(NO_SIGNALS);
  });

  it('lets the stricter statement win', () => {
    const merged = mergeSignals(
      {
        robotsDisallowed: true,
        maxSnippet: 300,
        contentUsage: 'train-ai=n',
        seen: ['robots.txt: Disallow /x/ for Lede'],
      },
      { tdmReserved: false, maxSnippet: 120, seen: ['meta robots: max-snippet:120'] },
      {
        tdmReserved: true,
        tdmPolicy: 'https://example.com/p',
        contentUsage: 'search=n',
        usageForbidden: true,
        seen: ['meta robots: max-snippet:120'],
      },
    );
    expect(merged).toEqual({
      ...NO_SIGNALS,
      robotsDisallowed: true,
      maxSnippet: 120,
      tdmReserved: true,
      tdmPolicy: 'https://example.com/p',
      usageForbidden: true,
      contentUsage: 'train-ai=n | search=n',
      seen: ['robots.txt: Disallow /x/ for Lede', 'meta robots: max-snippet:120'],
    });
  });

  it.each([
    [[-1, 80], 80],
    [[-1], -1],
    [[0, 80], 0],
  ])('max-snippet %o → %s', (values, expected) => {
    const merged = mergeSignals(...values.map((maxSnippet) => ({ maxSnippet })));
    expect(merged.maxSnippet).toBe(expected);
    expect(merged.nosnippet).toBe(expected === 0);
  });
});

describe('tdmrep.json', () => {
  const rules = parseTdmrepJson(
    JSON.stringify([
      { location: '/signals/tdm/open*', 'tdm-reservation': 0 },
      { location: '/signals/tdm/*', 'tdm-reservation': 1, 'tdm-policy': '/tdm-policy.json' },
      { location: '/bad', 'tdm-reservation': 7 },
      { 'tdm-reservation': 1 },
    ]),
    'https://example.com/.well-known/tdmrep.json',
  );

  it('keeps valid rules in order, policies made absolute', () => {
    expect(rules).toEqual([
      { location: '/signals/tdm/open*', reserved: false },
      { location: '/signals/tdm/*', reserved: true, policy: 'https://example.com/tdm-policy.json' },
    ]);
  });

  it.each([
    ['/signals/tdm/article', true],
    ['/signals/tdm/open-article', false],
    ['/news/1', undefined],
  ])('%s → reserved %s (first match in sequence)', (path, reserved) => {
    expect(findTdmRule(rules, path)?.reserved).toBe(reserved);
  });

  it.each(['not json', '{"location":"/"}', '[]'])('tolerates %s', (text) => {
    expect(parseTdmrepJson(text, 'https://example.com/')).toEqual([]);
  });
});

const rsl = (contents: string) => `<?xml version="1.0"?><rsl xmlns="https://rslstandard.org/rsl">${contents}</rsl>`;
const origin = 'https://example.com';

describe('RSL licences', () => {
  it.each([
    ['<license><prohibits type="usage">all</prohibits></license>', true, 'prohibits all'],
    ['<license><prohibits type="usage">ai-train,search</prohibits></license>', true, 'prohibits search'],
    ['<license><prohibits type="usage">ai-train</prohibits></license>', false, 'permits search-like use'],
    [
      '<license><permits type="usage">search</permits><prohibits type="usage">ai-all</prohibits></license>',
      false,
      'permits search-like use',
    ],
    ['<license><permits type="usage">ai-index ai-input</permits></license>', true, 'permits ai-index, ai-input only'],
    ['<license><permits type="user">non-commercial</permits></license>', false, 'permits search-like use'],
    [
      '<license><permits type="usage">search</permits><payment type="crawl"><amount currency="USD">0.01</amount></payment></license>',
      true,
      'requires payment (crawl)',
    ],
    ['<license><payment type="attribution"/></license>', false, 'permits search-like use'],
    [
      '<license><prohibits type="usage">all</prohibits></license><license><permits type="usage">search</permits></license>',
      false,
      'permits search-like use',
    ],
    ['', false, 'no licence terms'],
  ])('%s → forbidden %s', (licenses, forbidden, reason) => {
    const terms = parseRsl(rsl(`<content url="/">${licenses}</content>`), `${origin}/license.xml`, origin);
    expect(terms.contents).toEqual([{ pattern: '/', forbidden, reason }]);
  });

  it('requires a licence server grant when the content names one', () => {
    const terms = parseRsl(
      rsl('<content url="/" server="https://rsl.example/api"><license/></content>'),
      `${origin}/l.xml`,
      origin,
    );
    expect(terms.contents[0]?.forbidden).toBe(true);
  });

  it('picks the most specific content for a path, and drops other origins', () => {
    const terms = parseRsl(
      rsl(
        '<content url="/"><license><permits type="usage">all</permits></license></content>' +
          `<content url="${origin}/signals/*"><license><prohibits type="usage">search</prohibits></license></content>` +
          '<content url="https://other.example/"><license><prohibits type="usage">all</prohibits></license></content>',
      ),
      `${origin}/l.xml`,
      origin,
    );
    expect(terms.contents.map((content) => content.pattern)).toEqual(['/', '/signals/*']);
    expect(findRslTerms(terms, '/signals/a')?.forbidden).toBe(true);
    expect(findRslTerms(terms, '/news/a')?.forbidden).toBe(false);
  });

  it('throws malformed-source on broken XML', () => {
    expect(() => parseRsl('<rsl><content>', `${origin}/l.xml`, origin)).toThrow(
      expect.objectContaining({ code: 'malformed-source' }),
    );
  });
});
