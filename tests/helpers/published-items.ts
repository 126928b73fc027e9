/**
 * @module tests/helpers/published-items
 * A feed's published items, newest first, read through `Store.listPublished` (the only listing the
 * pipeline uses): the items of its records, in its order.
 */
import type { Store } from '../../src/core/store.ts';
import type { FeedItem } from '../../src/core/types.ts';

/** @example const items = await listItems(h.store, 'monitor', 50); */
export async function listItems(store: Store, feedId: string, limit: number): Promise<FeedItem[]> {
  return (await store.listPublished(feedId, limit)).flatMap((record) => (record.item ? [record.item] : []));
}
