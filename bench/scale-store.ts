/**
 * @module bench/scale-store
 * A generated store for the scale case: `feeds` feeds of `items` stored, published articles each, written
 * through the Store interface (no SQL of its own, so it follows schema changes). The records are copies of
 * real ones: a refresh of the bench site's 20-article listing gives the 20 newest of every feed exactly as
 * Lede stored them (so that listing finds nothing new), and the older ones are those records under other
 * URLs and earlier dates. Each feed is then refreshed once, as a running Lede would have done.
 */
import type { ArticleRecord } from '../src/core/store.ts';
import type { FeedDefinition } from '../src/core/types.ts';
import { benchFeed, openLedeParts, type LedeParts } from './lede-parts.ts';

/** The listing every generated feed reads: its articles are the newest of every feed. */
export const SEED_ARTICLES = 20;

/** Real records: a refresh of the seed listing into a throw-away store, newest first. */
export async function readSeedRecords(origin: string): Promise<ArticleRecord[]> {
  const seed = await openLedeParts();
  try {
    await seed.runner.refresh(benchFeed('seed', origin, SEED_ARTICLES), { byHand: true });
    const records = await seed.store.listPublished('seed', SEED_ARTICLES);
    if (records.length !== SEED_ARTICLES) throw new Error(`seed refresh stored ${String(records.length)} items`);
    return records;
  } finally {
    await seed.close();
  }
}

/** Record `index` (0 = oldest) of a feed of `items`: the seed's own for the newest, renamed copies before. */
function generatedRecord(seed: readonly ArticleRecord[], feedId: string, items: number, index: number): ArticleRecord {
  const fromNewest = items - 1 - index;
  const own = seed[fromNewest];
  if (own) return { ...own, feedId };
  const model = seed[index % seed.length] ?? seed[0]!;
  const url = `${new URL(model.sourceUrl).origin}/archive/${feedId}/${String(index)}.html`;
  const published = new Date(Date.UTC(2020, 0, 1) + index * 600_000).toISOString();
  const item = model.item ? { ...model.item, id: url, url, published, updated: published } : undefined;
  return {
    ...model,
    feedId,
    sourceUrl: url,
    entryHash: `generated-${String(index)}`,
    entry: { ...model.entry, url },
    discoveredAt: published,
    ...(item ? { item } : {}),
  };
}

export function scaleFeeds(origin: string, feeds: number): FeedDefinition[] {
  return Array.from({ length: feeds }, (_, n) =>
    benchFeed(`feed-${String(n).padStart(3, '0')}`, origin, SEED_ARTICLES),
  );
}

/** Fill `lede`'s store with `items` articles for each feed, then refresh each feed once. */
export async function generateStore(
  lede: LedeParts,
  feeds: readonly FeedDefinition[],
  items: number,
  seed: readonly ArticleRecord[],
): Promise<void> {
  for (const feed of feeds) {
    for (let index = 0; index < items; index++)
      await lede.store.putArticle(generatedRecord(seed, feed.id, items, index));
  }
  for (const feed of feeds) {
    const report = await lede.runner.refresh(feed, { byHand: true });
    if (!report.ok || report.fetched > 0)
      throw new Error(`generated feed ${feed.id}: first refresh ${JSON.stringify(report)}`);
  }
}
