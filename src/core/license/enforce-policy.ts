/**
 * @module core/license/enforce-policy
 * Holding an already-licensed item to the policy in force now, without its article's body: when a
 * feed's terms became stricter, or a stored excerpt was altered, the excerpt is re-cut by
 * `buildExcerpt` (still the one function that decides how much leaves: an excerpt is a prefix of its
 * article and the article's word count is stored, which is all a re-cut needs), and the image is kept
 * or dropped by the same rule as at licensing time. Used when licensing, when a refresh reconciles
 * stored items, and by `publishFeed` just before rendering.
 */
import type { EffectivePolicy, FeedItem, LicensedExcerpt } from '../types.ts';
import { buildExcerpt, computeWordAllowance, countExcerptChars } from './build-excerpt.ts';
import { countWords } from './count-words.ts';
import { joinParagraphs } from '../paragraphs.ts';

/** The image fields an item may carry under `policy`: never with `false`, only with a credit with `"credited"`. */
export function selectImage(
  image: string | undefined,
  credit: string | undefined,
  policy: EffectivePolicy,
): { image?: string; imageCredit?: string } {
  const trimmed = credit?.trim() || undefined;
  if (image === undefined || policy.images === false) return {};
  if (policy.images === 'credited' && trimmed === undefined) return {};
  return { image, ...(trimmed === undefined ? {} : { imageCredit: trimmed }) };
}

/**
 * The reason field an item carries under `policy`: the code when the policy withholds the excerpt.
 * @example selectReason(resolvePolicy(license, { ...NO_SIGNALS, paywalled: true })) // { titleOnlyReason: 'paywalled' }
 */
export function selectReason(policy: EffectivePolicy): Pick<FeedItem, 'titleOnlyReason'> {
  return policy.titleOnly && policy.titleOnlyReason !== undefined ? { titleOnlyReason: policy.titleOnlyReason } : {};
}

/** Each excerpt's words by the locale last counted in: publishing checks the same stored excerpts at every publish. */
const excerptWords = new WeakMap<LicensedExcerpt, { readonly locale: string | undefined; readonly words: number }>();

/** The licence's count of an excerpt's words (`countWords` over its paragraphs as the licence joins them). */
function countExcerptWords(excerpt: LicensedExcerpt, locale?: string): number {
  const known = excerptWords.get(excerpt);
  if (known !== undefined && known.locale === locale) return known.words;
  const words = countWords(joinParagraphs(excerpt.paragraphs), locale);
  excerptWords.set(excerpt, { locale, words });
  return words;
}

/**
 * Whether an excerpt is within `policy` for an article of `articleWords` words, and honest about its own
 * counts — its words are counted by the licence (once per excerpt object), never taken from the record.
 *
 * @example
 * isExcerptWithin(item.excerpt, resolvePolicy(feed.license), record.audit.articleWords, 'kk');
 */
export function isExcerptWithin(
  excerpt: LicensedExcerpt,
  policy: EffectivePolicy,
  articleWords: number,
  locale?: string,
): boolean {
  const words = countExcerptWords(excerpt, locale);
  const withinWords = words <= computeWordAllowance(policy, articleWords);
  const withinChars = policy.maxChars === undefined || countExcerptChars(excerpt.paragraphs) <= policy.maxChars;
  const honest = words === excerpt.words && excerpt.articleWords === articleWords;
  return withinWords && withinChars && honest;
}

/**
 * The item as `policy` lets it be published: its excerpt re-cut when it is over (or its counts are
 * wrong), its image kept only as the policy allows, and why it is title-only when the policy says so. The same object when nothing had to change.
 *
 * @param articleWords The article's word count as recorded when it was licensed (the audit trail's).
 * @param locale Segmentation language (the item's, else the feed's).
 * @example
 * const published = enforcePolicy(record.item, resolvePolicy(feed.license, record.audit.signals), record.audit.articleWords);
 */
export function enforcePolicy(
  item: FeedItem,
  policy: EffectivePolicy,
  articleWords: number,
  locale?: string,
): FeedItem {
  const within = isExcerptWithin(item.excerpt, policy, articleWords, locale);
  const excerpt = within
    ? item.excerpt
    : buildExcerpt(joinParagraphs(item.excerpt.paragraphs), policy, locale, articleWords);
  const imageFields = selectImage(item.image, item.imageCredit, policy);
  const reason = selectReason(policy);
  const sameImage = imageFields.image === item.image && imageFields.imageCredit === item.imageCredit;
  if (within && sameImage && reason.titleOnlyReason === item.titleOnlyReason) return item;
  const { image: _image, imageCredit: _credit, titleOnlyReason: _reason, ...rest } = item; // eslint-disable-line @typescript-eslint/no-unused-vars -- dropped on purpose
  return { ...rest, ...imageFields, ...reason, excerpt };
}
