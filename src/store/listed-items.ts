/**
 * @module store/listed-items
 * The items of the feeds last listed for publishing (`Store.listPublished`), kept by their stored JSON so that an
 * unchanged item decodes to the same object at the next listing. A refresh lists a feed's newest items twice (to
 * hold them to the licence, then to publish them), and every refresh that finds news lists them again, all but the
 * new ones as they were; work kept per item object — its HTML (src/core/render/item-html.ts), its excerpt's word
 * count (src/core/license/enforce-policy.ts), its hash in the input key (src/core/refresh/input-key.ts) — is then
 * done once per item, not at every publish.
 *
 * Only what a feed's last listing held is kept (a listing replaces the one before), for the few feeds listed
 * last: memory follows the feeds being refreshed, never the history. Items are read-only (`FeedItem`), so one
 * object can serve every reader. They are found by URL and then their JSON compared: a map keyed by the JSON
 * itself would hash each 2–3 KB text read, which costs more than the comparison.
 */
import type { FeedItem } from '../core/types.ts';
import type { ItemParser } from './rows.ts';

/**
 * Feeds whose last listing is kept: ≈ 1 MB each at 50 items, with what rendering keeps of them. Lede's start
 * publishes every feed whose inputs changed, so this much stays from the start on: `npm start` over 100 feeds
 * (bench/cases/scale.ts's store) read 104 MB of RSS with none kept, 109 MB with 4, 113 MB with 8.
 */
const FEEDS_KEPT = 4;

/**
 * The longest listing kept: a feed's newest items as publishing reads them (`maxItems`, 50 by default, up to 1,000).
 * A longer read (the audit's, a licence change's: every stored item) reuses what is kept but keeps nothing of its
 * own, so it never holds a feed's history in memory.
 */
const ITEMS_KEPT = 1000;

/** A feed's listed items by source URL, with the JSON each was decoded from. */
type Listing = Map<string, { readonly json: string; readonly item: FeedItem }>;

/** The item `listing` holds for this URL and JSON, or the JSON decoded. */
function reuse(listing: Listing | undefined, sourceUrl: string, json: string): FeedItem {
  const known = listing?.get(sourceUrl);
  return known?.json === json ? known.item : (JSON.parse(json) as FeedItem);
}

/**
 * A decoder of listed items (one for the process: src/store/queries.ts): `listing(feedId, rows)` gives the item
 * parser for one listing of that feed, of `rows` records, which takes a record's source URL and its item's JSON and
 * answers the object the last listing had for that JSON, or a new one.
 * @example const parseItem = listed.listing(feedId, rows.length); rows.map((row) => decodeArticle(row, parseItem))
 */
export function createListedItems(feedsKept = FEEDS_KEPT, itemsKept = ITEMS_KEPT) {
  const listings = new Map<string, Listing>();
  return {
    listing(feedId: string, rows: number): ItemParser {
      const before = listings.get(feedId);
      if (rows > itemsKept) return (sourceUrl, json) => reuse(before, sourceUrl, json);
      const now: Listing = new Map();
      // The newest listing of a feed goes last in the map's order; the feed listed longest ago is forgotten first.
      listings.delete(feedId);
      listings.set(feedId, now);
      if (listings.size > feedsKept) listings.delete(listings.keys().next().value as string);
      return (sourceUrl, json) => {
        const item = reuse(before, sourceUrl, json);
        now.set(sourceUrl, { json, item });
        return item;
      };
    },
  };
}
