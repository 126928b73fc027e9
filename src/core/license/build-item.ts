/**
 * @module core/license/build-item
 * The one place a `FeedItem` is put together: an article's metadata (what its page says, else what the
 * source listed for it), its licensed excerpt, and its image as the effective policy allows. The refresh
 * (a fetched page, or a source entry alone when robots.txt forbids the fetch) and the CLI's `extract`
 * all build items here, so an item looks the same whichever path made it.
 */
import type { EffectivePolicy, ExtractedArticle, FeedItem, LicensedExcerpt, SourceEntry } from '../types.ts';
import { selectImage, selectReason } from './enforce-policy.ts';

/** What an item is built from; the page's fields win over the entry's. */
interface ItemSources {
  /** What the article page says; absent when the page was not fetched. The body is not needed. */
  readonly article?: Omit<ExtractedArticle, 'text' | 'signals'>;
  /** What the source listed for the article (at least its URL). */
  readonly entry: SourceEntry;
  /** The item's date when neither gives one: when the article was discovered (or read). */
  readonly fallbackDate: string;
}

/** The image fields: the page's image with the page's credit; an image only the entry names has none. */
function pickImage({ article, entry }: ItemSources, policy: EffectivePolicy): ReturnType<typeof selectImage> {
  return selectImage(article?.image ?? entry.image, article?.image ? article.imageCredit : undefined, policy);
}

/**
 * Build the item that carries `excerpt`, with the image `policy` allows (none when title-only) and, when
 * title-only, the reason code readers are told.
 * The language is the page's when a page was read (the excerpt was cut in it), else the entry's.
 *
 * @example
 * const item = buildFeedItem({ article, entry: record.entry, fallbackDate: record.discoveredAt }, excerpt, policy);
 */
export function buildFeedItem(sources: ItemSources, excerpt: LicensedExcerpt, policy: EffectivePolicy): FeedItem {
  const { article, entry } = sources;
  const url = article?.url ?? entry.url;
  const published = article?.published ?? entry.published ?? sources.fallbackDate;
  const categories = article !== undefined && article.categories.length > 0 ? article.categories : entry.categories;
  const author = article?.author ?? entry.author;
  const language = article ? article.language : entry.language;
  return {
    id: url,
    url,
    title: article?.title ?? entry.title ?? url,
    published,
    updated: article?.modified ?? entry.updated ?? published,
    // FeedItem's optional fields are absent when empty (it is stored as JSON and rendered).
    ...(author ? { author } : {}),
    ...pickImage(sources, policy),
    ...(language ? { language } : {}),
    categories: categories ?? [],
    excerpt,
    ...selectReason(policy),
  };
}
