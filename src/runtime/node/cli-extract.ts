/**
 * @module runtime/node/cli-extract
 * One page through extract → license, for `npm run extract`: what Lede would publish from it (under the
 * page's own signals), and the full text it counted (printed to the operator's terminal only, never stored).
 *
 * With a feed definition (`--feed <id>`) the page goes through that feed's stages as a refresh would take
 * it: its article selectors, remove list and timezone, its licence, and the site's robots.txt, tdmrep.json
 * and RSL signals for the page's path (read, not stored) — so an operator can preview a definition.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { readArticle } from '../../core/refresh/read-article.ts';
import { buildExcerpt } from '../../core/license/build-excerpt.ts';
import { buildFeedItem } from '../../core/license/build-item.ts';
import { resolvePolicy } from '../../core/license/resolve-policy.ts';
import { mergeSignals } from '../../core/signals/merge-signals.ts';
import { decodeBody } from '../../core/pull/decode-body.ts';
import { LedeError } from '../../core/errors.ts';
import { checkArticleType } from '../../core/pull/check-article-type.ts';
import { readSiteSignals } from '../../core/refresh/read-site-signals.ts';
import { isFetchAllowed, signalsForPath } from '../../core/signals/site-signals.ts';
import type { FeedDefinition, LicensePolicy, PublisherSignals } from '../../core/types.ts';
import type { FetchPage } from '../../core/ports.ts';
import { pickFeeds } from './cli-feeds.ts';
import { readFeedDefinitions } from './feeds.ts';
import { renderItemHtml } from '../../core/render/item-html.ts';

export interface ExtractOptions {
  /** Base URL for a local file (where it was saved from); default: the file's own file: URL. */
  readonly base?: string;
  /** The licence's share; with `feed`, only when given (`--share`), else the feed's. */
  readonly maxShare?: number;
  /** The definition whose selectors, licence and site signals apply (`--feed <id>`). */
  readonly feed?: FeedDefinition;
}

/** The licence share when neither `--share` nor a feed gives one (the default licence's). */
const DEFAULT_SHARE = 0.3;

/**
 * The definition `--feed <id>` names, read from `FEEDS_DIR` as the server reads it; or the exit code after
 * saying on stderr why not, as every command does (cli-feeds.ts: an invalid definition with its problem, 1;
 * an unknown id with the ids defined, 2).
 * @example const feed = await loadExtractFeed(config.feedsDir, 'monitor')
 */
export async function loadExtractFeed(feedsDir: string, id: string): Promise<FeedDefinition | number> {
  const picked = pickFeeds(await readFeedDefinitions(feedsDir), [id]);
  return typeof picked === 'number' ? picked : (picked[0] ?? 2);
}

/** A local file's bytes; a missing one is `not-found` with its path (not a `network` error: nothing was fetched). */
async function readLocalFile(input: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(input));
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? error.code : undefined;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new LedeError('not-found', `no such file: ${path.resolve(input)}`, { cause: error });
    }
    throw error;
  }
}

async function loadPage(fetchPage: FetchPage, input: string, base: string | undefined) {
  if (/^https?:\/\//i.test(input)) {
    const page = await fetchPage({ url: input, allowedHost: new URL(input).hostname });
    if (page.status !== 'ok') throw new Error(`unexpected ${page.status} for ${input}`);
    // As a refresh would: a PDF, an image or JSON is `bad-content-type`, not an article with no words.
    checkArticleType(page.url, page.contentType, page.body);
    return { html: page.body, url: page.url, headers: page.headers };
  }
  const bytes = await readLocalFile(input);
  return { html: decodeBody(bytes, undefined), url: base ?? pathToFileURL(path.resolve(input)).href };
}

/** The site's signals for the page's path, as a refresh reads them (robots.txt, tdmrep.json, RSL): http(s) pages only. */
async function readSiteSignalsFor(fetchPage: FetchPage, url: string): Promise<Partial<PublisherSignals>> {
  if (!/^https?:/i.test(url)) return {};
  const site = await readSiteSignals(fetchPage, new URL(url).origin);
  const signals = signalsForPath(site, new URL(url).pathname);
  return isFetchAllowed(site, url) ? signals : { ...signals, robotsDisallowed: true };
}

/** The licence that applies: the feed's (its share replaced by `--share` when given), else the default's. */
function pickLicense(options: ExtractOptions, url: string): LicensePolicy {
  const share = options.maxShare === undefined ? {} : { maxShare: options.maxShare };
  if (options.feed) return { ...options.feed.license, ...share };
  return { maxShare: options.maxShare ?? DEFAULT_SHARE, attribution: new URL(url).hostname || 'the original' };
}

/**
 * @example await extractPage(fetchPage, 'saved/page.html', { base: 'https://example.com/a', maxShare: 0.3 })
 */
export async function extractPage(fetchPage: FetchPage, input: string, options: ExtractOptions) {
  const { feed } = options;
  const { html, url, headers } = await loadPage(fetchPage, input, options.base);
  const article = await readArticle(html, url, {
    ...(feed?.article ? { selectors: feed.article, timezone: feed.article.timezone } : {}),
    ...(headers ? { headers } : {}),
  });
  const license = pickLicense(options, article.url);
  // The page's own signals apply (nosnippet, max-snippet…); the site's (robots.txt, tdmrep.json) with a feed.
  const site = feed ? await readSiteSignalsFor(fetchPage, article.url) : {};
  const policy = resolvePolicy(license, mergeSignals(site, article.signals));
  const excerpt = buildExcerpt(article.text, policy, article.language ?? feed?.language);
  // The item Lede would publish, image and credit included as the policy allows.
  const entry = { url: article.url };
  const item = buildFeedItem({ article, entry, fallbackDate: new Date().toISOString() }, excerpt, policy);
  return {
    url: article.url,
    title: article.title ?? null,
    published: article.published ?? null,
    author: article.author ?? null,
    image: article.image ?? null,
    language: article.language ?? null,
    words: excerpt.articleWords,
    text: article.text,
    excerpt: { html: renderItemHtml(item, license), words: excerpt.words, share: excerpt.share },
    ...(feed ? { feed: feed.id, policy } : {}),
  };
}
