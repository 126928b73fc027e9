/**
 * @module tests/runtime/worker/extract-cpu-work
 * The work extract-cpu.test.ts times inside workerd, as a module of its own so that it runs two ways: as the
 * test pool loads it (Vite's module runner: every import between modules becomes a property read on a
 * module object) and as `wrangler deploy` bundles it (extract-cpu-bundle.ts builds that bundle, one module,
 * as a deployed Worker runs the same code). The page's article is processed as the refresh does it —
 * extracted and licensed (`processArticle`) — against the extract stage alone, in interleaved rounds (the bare
 * parse they are compared with is bundled apart, extract-cpu-bare.ts). Pure: the page comes from memory, the
 * site's signals from a store that keeps them.
 */
import { parseFeedDefinition } from '../../../src/core/config/feed-definition.ts';
import { extractPage } from '../../../src/core/extract/extract-article.ts';
import type { CoreDeps } from '../../../src/core/ports.ts';
import { processArticle } from '../../../src/core/refresh/process-article.ts';
import type { ArticleRecord, CachedSiteSignals, Store } from '../../../src/core/store.ts';
import { silentLog } from '../../helpers/silent-log.ts';
import { fixtureFeedFiles } from './fixture-feeds.ts';

/** Milliseconds per call of each side. */
export interface ArticleTimes {
  readonly article: number;
  readonly extract: number;
}

function prepare(html: string, pageUrl: string) {
  const parsed = parseFeedDefinition(
    'corpus',
    JSON.parse(fixtureFeedFiles('http://fakehost')['monitor'] ?? '{}'),
    'corpus.json',
  );
  if (!parsed.ok) throw new Error('fixture definition must be valid');
  // The store keeps the site's signals as the real stores do (for SITE_SIGNALS_TTL_MS): robots.txt and
  // tdmrep.json are read once per site, not per article, so the timed loop is the article's own work.
  let siteSignals: CachedSiteSignals | undefined;
  const store: Pick<Store, 'getSiteSignals' | 'putSiteSignals'> = {
    getSiteSignals: () => Promise.resolve(siteSignals),
    putSiteSignals: (record) => {
      siteSignals = record;
      return Promise.resolve();
    },
  };
  const deps: CoreDeps = {
    fetchPage: ({ url }) => Promise.resolve({ status: 'ok', url, body: html, contentType: 'text/html; charset=utf-8' }),
    store: store as Store,
    clock: () => new Date(),
    log: silentLog,
  };
  const record: ArticleRecord = {
    feedId: 'corpus',
    sourceUrl: pageUrl,
    entryHash: '',
    entry: { url: pageUrl },
    state: 'pending',
    attempts: 0,
    discoveredAt: '2025-03-13T00:00:00.000Z',
  };
  return { definition: parsed.definition, deps, record };
}

/**
 * The page's article work, warmed up; each `round()` times one call of each side. Throws if the article
 * yields no item.
 * @example const work = await prepareArticleWork(html, 'http://fakehost/test/page.html'); const times = await work.round();
 */
export async function prepareArticleWork(
  html: string,
  pageUrl: string,
): Promise<{ round: () => Promise<ArticleTimes> }> {
  const { definition, deps, record } = prepare(html, pageUrl);
  const extract = () => extractPage(html, pageUrl, { selectors: definition.article });
  const first = await processArticle(deps, definition, record); // warm up
  if (!first.item) throw new Error('the page must yield an item');
  await extract();
  const round = async (): Promise<ArticleTimes> => {
    let start = performance.now();
    await processArticle(deps, definition, record);
    const article = performance.now() - start;
    start = performance.now();
    await extract();
    return { article, extract: performance.now() - start };
  };
  return { round };
}
