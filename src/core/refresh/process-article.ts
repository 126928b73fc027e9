/**
 * @module core/refresh/process-article
 * One pending article through fetch → extract → license. The full body lives only inside this function:
 * what comes out is a `FeedItem` carrying the licensed excerpt, plus hashes and counts.
 */
import { toLedeError, LedeError } from '../errors.ts';
import { extractArticle } from '../extract/extract-article.ts';
import { buildExcerpt } from '../license/build-excerpt.ts';
import { resolvePolicy } from '../license/resolve-policy.ts';
import { sha256Hex } from '../hash.ts';
import { isSameSite } from '../pull/source-urls.ts';
import type { CoreDeps } from '../ports.ts';
import type { ExtractedArticle, FeedDefinition, FeedItem, LicensedExcerpt, SourceEntry } from '../types.ts';
import type { ArticleRecord } from '../../store/store.ts';

/** Fetch attempts before an article is given up on (until its source entry changes). */
export const MAX_ATTEMPTS = 3;

function buildItem(article: ExtractedArticle, entry: SourceEntry, excerpt: LicensedExcerpt, fallbackDate: string): FeedItem {
  const published = article.published ?? entry.published ?? fallbackDate;
  const categories = article.categories.length > 0 ? article.categories : (entry.categories ?? []);
  const author = article.author ?? entry.author;
  const image = article.image ?? entry.image;
  return {
    id: article.url,
    url: article.url,
    title: article.title ?? entry.title ?? article.url,
    published,
    updated: article.modified ?? entry.updated ?? published,
    ...(author ? { author } : {}),
    ...(image ? { image } : {}),
    ...(article.language ? { language: article.language } : {}),
    categories,
    excerpt,
  };
}

async function licenseArticle(feed: FeedDefinition, article: ExtractedArticle, record: ArticleRecord) {
  const excerpt = buildExcerpt(article.text, resolvePolicy(feed.license), article.language ?? feed.language);
  const [bodyHash, excerptHash] = await Promise.all([sha256Hex(article.text), sha256Hex(excerpt.paragraphs.join('\n\n'))]);
  return { item: buildItem(article, record.entry, excerpt, record.discoveredAt), bodyHash, excerptHash };
}

/** Article links are followed only on the source's own site: the source URL's host or the feed's `site`. */
function isOnSourceSite(url: string, feed: FeedDefinition): boolean {
  const host = URL.canParse(url) ? new URL(url).hostname : undefined;
  return host !== undefined && [feed.source.url, feed.site].some((site) => isSameSite(host, new URL(site).hostname));
}

function failed(record: ArticleRecord, error: unknown): ArticleRecord {
  const { code, message } = toLedeError(error);
  const attempts = record.attempts + 1;
  return { ...record, attempts, state: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending', error: { code, message } };
}

/**
 * Fetch, extract and license one article. Never throws: a failure comes back as the record with its
 * attempt counted and the error classified, so one bad page never stops a refresh.
 * @example const next = await processArticle(deps, feed, pendingRecord)
 */
export async function processArticle(deps: CoreDeps, feed: FeedDefinition, record: ArticleRecord): Promise<ArticleRecord> {
  const now = deps.clock().toISOString();
  try {
    if (!isOnSourceSite(record.sourceUrl, feed)) {
      throw new LedeError('off-host-link', `article ${record.sourceUrl} is not on the source's host`);
    }
    const allowedHost = new URL(record.sourceUrl).hostname;
    const validators = record.item ? { etag: record.etag, lastModified: record.lastModified } : {};
    const page = await deps.fetchPage({ url: record.sourceUrl, allowedHost, ...validators });
    if (page.status === 'not-modified') {
      return { ...record, state: 'ready', attempts: 0, fetchedAt: now, error: undefined };
    }
    const article = extractArticle(page.body, page.url, {
      ...(feed.article ? { selectors: feed.article } : {}),
      hints: record.entry,
      ...(feed.article?.timezone ? { timezone: feed.article.timezone } : {}),
    });
    const licensed = await licenseArticle(feed, article, record);
    return {
      ...record,
      ...licensed,
      state: 'ready',
      attempts: 0,
      fetchedAt: now,
      etag: page.etag,
      lastModified: page.lastModified,
      error: undefined,
    };
  } catch (error) {
    return failed(record, error);
  }
}
