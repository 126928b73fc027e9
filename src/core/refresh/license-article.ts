/**
 * @module core/refresh/license-article
 * From what the extract stage (or, when robots.txt forbids fetching, the source entry alone) gives us to
 * what is stored: the `FeedItem` cut to the article's effective policy, and its audit trail — counts,
 * share, the policy and the signals it was resolved from, hashes of the body and of the excerpt. The
 * body's text goes no further than this module.
 */
import { buildExcerpt } from '../license/build-excerpt.ts';
import { buildFeedItem } from '../license/build-item.ts';
import { resolvePolicy } from '../license/resolve-policy.ts';
import { sha256Hex, type Sha256Hex } from '../hash.ts';
import { joinParagraphs } from '../paragraphs.ts';
import type {
  EffectivePolicy,
  ExtractedArticle,
  FeedDefinition,
  FeedItem,
  LicensedExcerpt,
  PublisherSignals,
} from '../types.ts';
import type { ArticleRecord, ItemAudit } from '../store.ts';

/** What licensing adds to an article record. */
export interface Licensed {
  readonly item: FeedItem;
  readonly audit: ItemAudit;
  readonly bodyHash?: string;
  readonly excerptHash: string;
}

/**
 * The excerpt hash recorded with an item: SHA-256 of its paragraphs as one text. Licensing records it, and
 * re-cutting and the audit check an excerpt against it, so all of them hash the same text.
 * @example const excerptHash = await hashExcerpt(item.excerpt, deps.sha256)
 */
export function hashExcerpt(excerpt: Pick<LicensedExcerpt, 'paragraphs'>, hash?: Sha256Hex): Promise<string> {
  return sha256Hex(joinParagraphs(excerpt.paragraphs), hash);
}

function buildAudit(excerpt: LicensedExcerpt, policy: EffectivePolicy, signals: PublisherSignals): ItemAudit {
  return { articleWords: excerpt.articleWords, excerptWords: excerpt.words, share: excerpt.share, policy, signals };
}

/**
 * License an extracted article: resolve its policy from the feed's licence and the publisher's signals,
 * cut the excerpt, keep hashes and counts of the body.
 *
 * @param hash The runtime's hash port (`CoreDeps.sha256`); default Web Crypto.
 * @example const { item, audit } = await licenseArticle(feed, article, record, signals, deps.sha256)
 */
export async function licenseArticle(
  feed: FeedDefinition,
  article: ExtractedArticle,
  record: ArticleRecord,
  signals: PublisherSignals,
  hash?: Sha256Hex,
): Promise<Licensed> {
  const policy = resolvePolicy(feed.license, signals);
  const excerpt = buildExcerpt(article.text, policy, article.language ?? feed.language);
  const item = buildFeedItem({ article, entry: record.entry, fallbackDate: record.discoveredAt }, excerpt, policy);
  const [bodyHash, excerptHash] = await Promise.all([sha256Hex(article.text, hash), hashExcerpt(excerpt, hash)]);
  return { item, audit: buildAudit(excerpt, policy, signals), bodyHash, excerptHash };
}

/**
 * The item of an article Lede may not fetch (robots.txt): title and backlink from the source entry,
 * which is what a publisher expects of a link. Nothing of the body is known, so nothing is quoted and
 * the article's word count is recorded as 0.
 *
 * @example const licensed = await licenseEntryOnly(feed, record, signals, deps.sha256)
 */
export async function licenseEntryOnly(
  feed: FeedDefinition,
  record: ArticleRecord,
  signals: PublisherSignals,
  hash?: Sha256Hex,
): Promise<Licensed> {
  const policy = resolvePolicy(feed.license, signals);
  const excerpt: LicensedExcerpt = { paragraphs: [], words: 0, articleWords: 0, share: 0 };
  const item = buildFeedItem({ entry: record.entry, fallbackDate: record.discoveredAt }, excerpt, policy);
  return { item, audit: buildAudit(excerpt, policy, signals), excerptHash: await hashExcerpt(excerpt, hash) };
}
