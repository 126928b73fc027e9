/**
 * An article link is fetched only on the source's own site or the feed's `site` (core/same-site), whatever the
 * order links come in: `fetchArticle` keeps a same-site check per definition (src/core/refresh/process-article.ts),
 * and refuses exactly the links `isSameSiteUrl` puts on neither site. The fetcher is a stub that fails every
 * request (robots.txt included), so an allowed link comes back as a `network` failure and a refused one as
 * `off-host-link`, without a network.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFeedDefinition } from '../../../src/core/config/feed-definition.ts';
import { LedeError } from '../../../src/core/errors.ts';
import type { CoreDeps } from '../../../src/core/ports.ts';
import { createSiteSignalsReader, fetchArticle } from '../../../src/core/refresh/process-article.ts';
import { isSameSiteUrl } from '../../../src/core/same-site.ts';
import type { ArticleRecord, Store } from '../../../src/core/store.ts';
import type { FeedDefinition } from '../../../src/core/types.ts';
import { openSqliteStore } from '../../../src/store/sqlite.ts';
import { silentLog } from '../../helpers/silent-log.ts';

const HOSTS = [
  'example.com',
  'www.example.com',
  'news.example.com',
  'example.org',
  'bbc.co.uk',
  'other.co.uk',
  'a.github.io',
  'b.github.io',
  '127.0.0.1',
  'localhost',
  'xn--80ak6aa92e.com',
];

let store: Store;
beforeAll(async () => {
  store = await openSqliteStore(':memory:');
});
afterAll(async () => {
  await store.close();
});

function definition(sourceHost: string, siteHost: string): FeedDefinition {
  const raw = {
    title: 'Sites',
    site: `https://${siteHost}/`,
    language: 'en',
    source: { type: 'feed', url: `https://${sourceHost}/rss` },
    license: { maxShare: 0.3, attribution: 'Sites' },
  };
  const parsed = parseFeedDefinition('sites', raw, 'sites.json');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.definition;
}

function pending(url: string): ArticleRecord {
  return {
    feedId: 'sites',
    sourceUrl: url,
    entryHash: 'hash',
    entry: { url, title: 'A link' },
    state: 'pending',
    attempts: 0,
    discoveredAt: '2025-03-12T09:00:00.000Z',
  };
}

const deps = (): CoreDeps => ({
  fetchPage: () => Promise.reject(new LedeError('network', 'no network in this test')),
  store,
  clock: () => new Date('2025-03-12T12:00:00Z'),
  log: silentLog,
});

const link = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...HOSTS), fc.webPath()).map(([host, p]) => `https://${host}${p}`) },
  { weight: 1, arbitrary: fc.constantFrom('not a url', '', 'https://', 'mailto:someone@example.com') },
);

describe('fetchArticle: links off the source site', () => {
  it('refuses exactly the links on neither the source site nor the feed site, in any order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...HOSTS),
        fc.constantFrom(...HOSTS),
        fc.array(link, { minLength: 1, maxLength: 12 }),
        async (sourceHost, siteHost, links) => {
          const feed = definition(sourceHost, siteHost);
          const readSite = createSiteSignalsReader(deps());
          for (const url of links) {
            const fetched = await fetchArticle(deps(), feed, pending(url), readSite);
            const onSite = [feed.source.url, feed.site].some((site) => isSameSiteUrl(url, site));
            const code = 'done' in fetched ? fetched.done.error?.code : undefined;
            expect(code).toBe(onSite ? 'network' : 'off-host-link');
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
