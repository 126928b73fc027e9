/**
 * @module tests/signals-site
 * Publisher signals end to end against the fixture site (tests/fixtures/site, pages under /signals/),
 * through the real Node FetchPage: the site's robots.txt, tdmrep.json and RSL licence
 * (`readSiteSignals`), each page's own signals (`readArticle` with the response's signal headers),
 * and what `mergeSignals` makes of both.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FetchPageResult } from '../../../src/core/ports.ts';
import { mergeSignals, NO_SIGNALS } from '../../../src/core/signals/merge-signals.ts';
import { readArticle as readArticlePage } from '../../../src/core/refresh/read-article.ts';
import { readSiteSignals } from '../../../src/core/refresh/read-site-signals.ts';
import type { SiteSignals } from '../../../src/core/signal-records.ts';
import { isFetchAllowed, signalsForPath } from '../../../src/core/signals/site-signals.ts';
import type { PublisherSignals } from '../../../src/core/types.ts';
import { createNodeFetchPage, type NodeFetchPage } from '../../../src/runtime/node/fetch-page.ts';
import { startFixtureSite, type FixtureSite } from '../../fixtures/site/server.ts';

/** An expected shape holding vitest's asymmetric matchers, which vitest types `any`. */
type Matching = Record<string, unknown>;

let site: FixtureSite;
let fetchPage: NodeFetchPage;

beforeAll(async () => {
  site = await startFixtureSite();
  fetchPage = createNodeFetchPage();
});
afterEach(() => site.reset());
afterAll(async () => {
  await fetchPage.close();
  await site.close();
});

async function fetchOk(path: string): Promise<Extract<FetchPageResult, { status: 'ok' }>> {
  const page = await fetchPage({ url: site.url(path) });
  if (page.status !== 'ok') throw new Error(`expected ok for ${path}`);
  return page;
}

/** What processArticle does: site signals for the path, merged with what the page says. */
async function readArticle(path: string, siteSignals?: SiteSignals) {
  const signalsOfSite = siteSignals ?? (await readSiteSignals(fetchPage, site.origin));
  const page = await fetchOk(path);
  const article = await readArticlePage(page.body, page.url, {
    selectors: { content: '.article__body', remove: [] },
    headers: page.headers,
  });
  return { article, signals: mergeSignals(signalsForPath(signalsOfSite, new URL(page.url).pathname), article.signals) };
}

describe('readSiteSignals on the fixture site', () => {
  it('reads robots.txt, tdmrep.json and the RSL licence in three requests, as Lede', async () => {
    const signals = await readSiteSignals(fetchPage, `${site.origin}/signals/rss`);
    expect(site.requests.map((request) => request.path).sort()).toEqual([
      '/.well-known/tdmrep.json',
      '/robots.txt',
      '/signals/license.xml',
    ]);
    expect(site.requests.every((request) => String(request.headers['user-agent']).startsWith('Lede/'))).toBe(true);
    expect(signals).toMatchObject({ origin: site.origin, robotsUnreachable: false, errors: [] });
    expect(signals.robots?.group).toBe('Lede');
    expect(signals.tdm).toEqual([
      { location: '/signals/tdm/*', reserved: true, policy: site.url('/signals/tdm-policy.json') },
    ]);
    expect(signals.rsl?.contents.map((content) => [content.pattern, content.forbidden])).toEqual([
      ['/', false],
      ['/signals/rsl', true],
    ]);
    expect(JSON.parse(JSON.stringify(signals))).toEqual(signals);
  });

  it('stops Lede — and only Lede — from fetching /signals/private/', async () => {
    const lede = await readSiteSignals(fetchPage, site.origin);
    const other = await readSiteSignals(fetchPage, site.origin, { userAgentToken: 'SomeCrawler' });
    expect(isFetchAllowed(lede, site.url('/signals/private/lede-only'))).toBe(false);
    expect(isFetchAllowed(other, site.url('/signals/private/lede-only'))).toBe(true);
    expect(isFetchAllowed(lede, site.url('/signals/plain'))).toBe(true);
    expect(isFetchAllowed(lede, site.url('/politics/1101/senate-backs-water-code-overhaul'))).toBe(true);
    expect(signalsForPath(lede, '/signals/private/lede-only')).toMatchObject<Matching>({
      robotsDisallowed: true,
      seen: expect.arrayContaining(['robots.txt: Disallow /signals/private/ for Lede']),
    });
  });

  it.each([
    [503, true, 1],
    [500, true, 1],
    [429, true, 1],
    [404, false, 0],
    [403, false, 1],
  ])(
    'robots.txt answering %s: unreachable %s (RFC 9309 §2.3.1), %s error(s) recorded',
    async (status, unreachable, errors) => {
      site.fail('/robots.txt', status);
      const signals = await readSiteSignals(fetchPage, site.origin);
      expect(signals.robotsUnreachable).toBe(unreachable);
      expect(signals.errors.filter((error) => error.source === 'robots.txt')).toHaveLength(errors);
      expect(isFetchAllowed(signals, site.url('/signals/plain'))).toBe(!unreachable);
      if (unreachable) {
        expect(signals.errors[0]).toMatchObject<Matching>({
          code: 'http-status',
          message: expect.stringContaining('RFC 9309 §2.3.1.3'),
        });
        expect(signalsForPath(signals, '/signals/plain').robotsDisallowed).toBe(true);
      }
    },
  );

  it('treats a missing or broken tdmrep.json as no reservation, and records a failed RSL fetch', async () => {
    site.fail('/.well-known/tdmrep.json', 500);
    site.fail('/signals/license.xml', 404);
    const signals = await readSiteSignals(fetchPage, site.origin);
    expect(signals.tdm).toEqual([]);
    expect(signals.rsl).toBeUndefined();
    expect(signals.errors.map((error) => [error.source, error.code])).toEqual([
      ['tdmrep.json', 'http-status'],
      ['rsl', 'http-status'],
    ]);
    const forRsl = signalsForPath(signals, '/signals/rsl');
    expect(forRsl.usageForbidden).toBeUndefined();
    expect(forRsl.seen).toContain(`RSL ${site.url('/signals/license.xml')}: not read (http-status)`);
  });
});

const PAGES: [string, Partial<PublisherSignals>][] = [
  ['/signals/nosnippet', { nosnippet: true }],
  ['/signals/max-snippet', { maxSnippet: 120 }],
  ['/signals/noarchive', { noarchive: true }],
  ['/signals/tdm-meta', { tdmReserved: true, tdmPolicy: '{{origin}}/signals/tdm-policy.json' }],
  ['/signals/tdm/reserved', { tdmReserved: true, tdmPolicy: '{{origin}}/signals/tdm-policy.json' }],
  ['/signals/paywalled', { paywalled: true }],
  ['/signals/paywalled-part', {}],
  ['/signals/data-nosnippet', {}],
  ['/signals/rsl', { usageForbidden: true }],
  ['/signals/plain', {}],
];

describe('article pages under /signals/', () => {
  it.each(PAGES)('%s', async (path, expected) => {
    const { article, signals } = await readArticle(path);
    const filled = JSON.parse(
      JSON.stringify(expected).replaceAll('{{origin}}', site.origin),
    ) as Partial<PublisherSignals>;
    expect(signals).toMatchObject<Matching>({ ...NO_SIGNALS, seen: expect.any(Array), ...filled });
    // Every page of the site carries the site-wide statements of its robots.txt.
    expect(signals.rslLicense).toBe(site.url('/signals/license.xml'));
    expect(signals.contentUsage).toBe('train-ai=n');
    expect(article.text.split('\n\n').length).toBeGreaterThanOrEqual(3);
  });

  it('never quotes the data-nosnippet section or the paywalled part', async () => {
    const notes = (await readArticle('/signals/data-nosnippet')).article.text;
    expect(notes).not.toContain('private notes');
    expect(notes).toContain('Volunteers spent two years');
    const heating = await readArticle('/signals/paywalled-part');
    expect(heating.article.text).not.toContain('Subscribers read here');
    expect(heating.signals.paywalled).toBe(false);
    expect(heating.signals.seen).toContain(
      'JSON-LD: isAccessibleForFree false for .article__premium (removed from the body)',
    );
  });

  it('says where each signal came from', async () => {
    const { signals } = await readArticle('/signals/rsl');
    expect(signals.seen).toEqual([
      'robots.txt: Content-Usage / train-ai=n',
      `robots.txt: License ${site.url('/signals/license.xml')}`,
      `RSL ${site.url('/signals/license.xml')} /signals/rsl: prohibits all`,
      `link rel=license (RSL): ${site.url('/signals/license.xml')}`,
    ]);
  });
});

describe('signal headers through the real fetch', () => {
  it('reads the X-Robots-Tag the server sends for the page (public/_headers)', async () => {
    const page = await fetchOk('/signals/x-robots-tag');
    expect(page.headers).toEqual({ 'x-robots-tag': 'otherbot: noindex, lede: nosnippet' });
    const { signals } = await readArticle('/signals/x-robots-tag');
    expect(signals.nosnippet).toBe(true);
  });

  // Other header combinations are served with `fail(path, 200, headers)`, which answers with exactly them.
  it('keeps the signal headers, lower-case, and only those', async () => {
    site.fail('/signals/x-robots-tag', 200, {
      'X-Robots-Tag': 'otherbot: noindex, lede: nosnippet',
      'TDM-Reservation': '1',
      'Content-Usage': 'search=n',
      Link: `<${site.url('/signals/license.xml')}>; rel="license"; type="application/rsl+xml"`,
      'X-Other': 'ignored',
    });
    const page = await fetchOk('/signals/x-robots-tag');
    expect(page.headers).toEqual({
      'x-robots-tag': 'otherbot: noindex, lede: nosnippet',
      'tdm-reservation': '1',
      'content-usage': 'search=n',
      link: `<${site.url('/signals/license.xml')}>; rel="license"; type="application/rsl+xml"`,
    });
    const { signals } = await readArticle('/signals/x-robots-tag');
    expect(signals).toMatchObject({
      nosnippet: true,
      tdmReserved: true,
      usageForbidden: true,
      contentUsage: 'train-ai=n | search=n',
    });
    expect(signals.seen).toContain('X-Robots-Tag: nosnippet');
  });

  it('applies nothing addressed to another crawler, and sends no headers field when there are none', async () => {
    site.fail('/signals/x-robots-tag', 200, { 'X-Robots-Tag': 'otherbot: noindex, nosnippet' });
    const { signals } = await readArticle('/signals/x-robots-tag');
    expect(signals.nosnippet).toBe(false);
    expect((await fetchOk('/signals/plain')).headers).toBeUndefined();
  });
});
