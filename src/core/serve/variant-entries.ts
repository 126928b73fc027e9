/**
 * @module core/serve/variant-entries
 * What a feed variant (src/core/serve/feed-variant.ts) decides about one stored record, without the store: may
 * it be shown (past its embargo, passing the filters), is another record the same article's earlier record
 * (feed-variant.ts's module comment says which record shows an article), and what item it shows. The page is
 * read and assembled by variant-page.ts.
 */
import { parseDelay } from '../config/feed-definition.ts';
import { enforceAll, isEmbargoed } from '../refresh/publish-feed.ts';
import type { SourcedItem } from '../render/feed-parts.ts';
import { publishedKeyOf, type ArticleRecord, type PublishedKey } from '../store.ts';
import type { FeedDefinition, FeedMeta } from '../types.ts';
import { matchesFilters, type FeedQuery, type ItemKey } from './feed-query.ts';

/** One feed a variant reads, and the meta its items are rendered under in the combined feed. */
export interface VariantSource {
  readonly feed: FeedDefinition;
  readonly source?: FeedMeta;
}

/**
 * A record a page may show. `shown` is its item held to the licence in force (`enforceAll`) with its source,
 * computed while scanning when the text filter needs it, else only for the entries that make the page
 * (`showEntry`): the stored item itself never reaches a renderer.
 */
export interface PageEntry {
  readonly key: ItemKey;
  readonly record: ArticleRecord;
  readonly variant: VariantSource;
  readonly shown?: SourcedItem | undefined;
}

/** What deciding about a record needs besides the record: the variant's query and the current instant. */
export interface EntryContext {
  readonly query: FeedQuery;
  readonly now: Date;
}

/**
 * Whether everything from `key` on is older than `since` (the order is newest first; undated sorts last).
 * @example isBeforeSince(publishedKeyOf(record), query.since)
 */
export function isBeforeSince(key: PublishedKey, since: number | undefined): boolean {
  return since !== undefined && (key.published === null || Date.parse(key.published) < since);
}

/** A record's item as a page shows it: held to the licence in force now, and naming its source in `all`. */
function enforceItem(record: ArticleRecord, { feed, source }: VariantSource): SourcedItem | undefined {
  const [item] = enforceAll([record], feed);
  return item && source ? { ...item, source } : item;
}

/**
 * The entry of a record when it passes the filters. They are tried on the stored item first, which is
 * cheap; enforcement (re-counting words, the costly step) can only shorten the excerpt, so it changes the
 * outcome of `q` alone, and only then is the enforced item — what is shown — tried as well, here.
 */
function toEntry(record: ArticleRecord, variant: VariantSource, query: FeedQuery): PageEntry | undefined {
  if (record.item === undefined || !matchesFilters(record.item, query)) return undefined;
  const key = { ...publishedKeyOf(record), feedId: variant.feed.id };
  if (query.q === undefined) return { key, record, variant };
  const shown = enforceItem(record, variant);
  return shown && matchesFilters(shown, query) ? { key, record, variant, shown } : undefined;
}

/**
 * The entry of a record the variant may show: past its embargo and passing the filters (`since` aside).
 * @example const entry = admitRecord(record, variant, { query, now })
 */
export function admitRecord(record: ArticleRecord, variant: VariantSource, { query, now }: EntryContext) {
  return isEmbargoed(record, parseDelay(variant.feed.license.delay), now) ? undefined : toEntry(record, variant, query);
}

/** Whether `record` of `feedId` was discovered before `entry`'s record (ties: feed id, then source URL). */
function isDiscoveredBefore(record: ArticleRecord, feedId: string, entry: PageEntry): boolean {
  // Code-unit order, as compareItemKeys compares (ISO instants, ids and URLs are ASCII).
  const mine = [record.discoveredAt, feedId, record.sourceUrl].join('\n');
  return mine < [entry.record.discoveredAt, entry.key.feedId, entry.record.sourceUrl].join('\n');
}

/**
 * Where another record of `entry`'s article may be: each feed of the variant under the item id and under the
 * entry's source URL (all but the entry's own record). The record at each, if any, is `getArticle`'s.
 * @example for (const { variant, url } of listDuplicateSpots(entry, sources)) …
 */
export function listDuplicateSpots(
  entry: PageEntry,
  sources: readonly VariantSource[],
): { variant: VariantSource; url: string }[] {
  const id = entry.record.item?.id;
  const urls = [...new Set([id ?? entry.record.sourceUrl, entry.record.sourceUrl])];
  return sources.flatMap((variant) =>
    urls
      .filter((url) => variant.feed.id !== entry.key.feedId || url !== entry.record.sourceUrl)
      .map((url) => ({ variant, url })),
  );
}

/**
 * Whether `other`, the record at one of `listDuplicateSpots(entry)` (in `variant`'s feed), is the article's
 * earlier record that the variant could show, so that `entry` is not shown (feed-variant.ts's module comment).
 * @example if (isEarlierRecord(other, variant, entry, context)) skip(entry)
 */
export function isEarlierRecord(
  other: ArticleRecord | undefined,
  variant: VariantSource,
  entry: PageEntry,
  context: EntryContext,
): boolean {
  const id = entry.record.item?.id;
  if (other === undefined || other.item?.id !== id || !isDiscoveredBefore(other, variant.feed.id, entry)) return false;
  if (isBeforeSince(publishedKeyOf(other), context.query.since)) return false;
  return admitRecord(other, variant, context) !== undefined;
}

/**
 * The item an entry of the page shows (see `PageEntry`).
 * @example const items = page.entries.flatMap(showEntry)
 */
export function showEntry(entry: PageEntry): SourcedItem[] {
  const shown = entry.shown ?? enforceItem(entry.record, entry.variant);
  return shown ? [shown] : [];
}
