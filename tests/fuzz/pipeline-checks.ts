/**
 * @module tests/fuzz/pipeline-checks
 * The end-to-end invariants of hostile upstream content, shared by the pipeline fuzz properties and the replay
 * of kept crashers: what an article page or a feed's entries become once licensed and rendered must parse
 * back in every format (tests/helpers/feed-validity.ts: well-formed, valid, each item ending with the backlink
 * to its own URL), and no item may reproduce more of the article than its effective policy allows.
 */
import { expect } from 'vitest';
import { computeWordAllowance } from '../../src/core/license/build-excerpt.ts';
import { DEFAULT_IMAGES } from '../../src/core/license/resolve-policy.ts';
import { licenseArticle, licenseEntryOnly } from '../../src/core/refresh/license-article.ts';
import { readArticle } from '../../src/core/refresh/read-article.ts';
import { describeTitleOnlyReason } from '../../src/core/render/item-text.ts';
import type { SourcedItem } from '../../src/core/render/feed-parts.ts';
import { renderFeed } from '../../src/core/render/render-feed.ts';
import { mergeSignals } from '../../src/core/signals/merge-signals.ts';
import type { ArticleRecord } from '../../src/core/store.ts';
import type { FeedDefinition, FeedItem, FeedMeta, LicensePolicy, SourceEntry } from '../../src/core/types.ts';
import { assertValidAtom, assertValidJsonFeed, assertValidRss, htmlToText } from '../helpers/feed-validity.ts';
import { measureReproducedWords } from '../helpers/measure-share.ts';
import { checkFeed, expectIsoInstant } from './checks.ts';

export const PAGE_URL = 'https://news.example/politics/2025/06/01/a-story';
export const DEFAULT_LICENSE: LicensePolicy = { maxShare: 0.3, attribution: 'Example News' };
const LINKS = { rss: 'https://lede.test/f.rss', atom: 'https://lede.test/f.atom', json: 'https://lede.test/f.json' };

/** The definition and feed meta of a feed under `terms`, in `language`. */
function define(terms: LicensePolicy, language: string | undefined): { feed: FeedDefinition; meta: FeedMeta } {
  const feed: FeedDefinition = {
    id: 'f',
    title: 'F',
    site: 'https://news.example/',
    source: { type: 'feed', url: 'https://news.example/rss' },
    schedule: '* * * * *',
    maxItems: 50,
    license: terms,
    ...(language === undefined ? {} : { language }),
  };
  const meta: FeedMeta = {
    id: 'f',
    title: 'F',
    site: feed.site,
    language,
    license: { ...terms, images: terms.images ?? DEFAULT_IMAGES },
    links: LINKS,
    updated: '2025-06-01T12:00:00.000Z',
  };
  return { feed, meta };
}

function recordOf(entry: SourceEntry): ArticleRecord {
  return {
    feedId: 'f',
    sourceUrl: entry.url,
    entryHash: '',
    entry,
    state: 'pending',
    attempts: 0,
    discoveredAt: '2025-06-01T00:00:00.000Z',
  };
}

/** Render the items in every format; each must parse back and be valid. The parsed items, per format. */
function renderAndValidate(meta: FeedMeta, items: readonly SourcedItem[]) {
  return [
    assertValidRss(renderFeed('rss', meta, items)),
    assertValidAtom(renderFeed('atom', meta, items)),
    assertValidJsonFeed(renderFeed('json', meta, items)),
  ];
}

/** What an item shows of the article: its HTML without the image credit, the reason line and the backlink. */
function reproducedTexts(html: string, summary: string | undefined, item: FeedItem, language: string | undefined) {
  const withoutCredit = html.replace(/^<p><img[^>]*>(?:<br\s*\/?>\s*<em>[^<]*<\/em>)?<\/p>/, '');
  const reason = item.titleOnlyReason && describeTitleOnlyReason(item.titleOnlyReason, language);
  const text = htmlToText(withoutCredit, { dropBacklink: true }).replace(reason ?? '', '');
  return summary === undefined ? [text] : [text, summary];
}

/**
 * An article page (and its response headers) read, licensed and rendered: valid in every format, linking
 * back, reproducing no more of the article's words than the policy allows.
 */
export async function checkArticlePage(
  page: string,
  headers: Readonly<Record<string, string>> = {},
  terms: LicensePolicy = DEFAULT_LICENSE,
  language?: string,
): Promise<void> {
  const article = await readArticle(page, PAGE_URL, { headers, hints: { url: PAGE_URL, title: 'Hint' } });
  expect(URL.canParse(article.url), article.url).toBe(true);
  expectIsoInstant(article.published, 'published');
  expectIsoInstant(article.modified, 'modified');
  const { feed, meta } = define(terms, language);
  const signals = mergeSignals(article.signals ?? {});
  const { item, audit } = await licenseArticle(feed, article, recordOf({ url: PAGE_URL }), signals);
  const allowance = computeWordAllowance(audit.policy, audit.articleWords);
  for (const parsed of renderAndValidate(meta, [item])) {
    const [rendered] = parsed.items;
    expect(rendered?.link).toBe(item.url);
    if (rendered === undefined) continue;
    const texts = reproducedTexts(rendered.html, rendered.summary, item, language);
    expect(measureReproducedWords(article.text, texts)).toBeLessThanOrEqual(allowance);
  }
}

/** Hostile items and feed meta straight into the renderers: valid in every format, the same items in each. */
export function checkRenditions([feed, items]: readonly [FeedMeta, readonly SourcedItem[]]): void {
  const counts = renderAndValidate(feed, items).map((parsed) => parsed.items.length);
  expect(new Set(counts).size, `items per format: ${counts.join(', ')}`).toBe(1);
}

/** A feed's entries, licensed entry-only (robots.txt forbade the fetch), rendered: every http(s) URL an item. */
export async function checkFeedItems(
  body: string,
  terms: LicensePolicy = DEFAULT_LICENSE,
  language?: string,
): Promise<void> {
  const entries = checkFeed(body);
  const { feed, meta } = define(terms, language);
  const items = await Promise.all(
    entries.map(async (entry) => (await licenseEntryOnly(feed, recordOf(entry), mergeSignals())).item),
  );
  const linked = new Set(items.filter((item) => /^https?:$/.test(new URL(item.url).protocol)).map((item) => item.id));
  for (const parsed of renderAndValidate(meta, items)) expect(parsed.items.length).toBe(linked.size);
}
