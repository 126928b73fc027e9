/**
 * @module bench/scale-store
 * A generated store for the scale case: `feeds` feeds of `items` stored, published articles each. The first
 * feed's records are written through the Store interface and are copies of real ones: a refresh of the bench
 * site's 20-article listing gives its 20 newest exactly as Lede stored them (so that listing finds nothing
 * new), the older ones are those records under other URLs and earlier dates. The other feeds get the same
 * rows in one SQL transaction — every table keyed by feed and article URL (found from the schema itself, so
 * new columns and tables are copied too), a million rows in seconds where a million `putArticle` calls take
 * most of an hour. Each feed is then refreshed once, as a running Lede would have done.
 */
import { DatabaseSync } from 'node:sqlite';
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

/** Copy the article rows of feed `from` to each of `to`, in every table keyed by `feed_id` and `source_url`. */
function replicateRows(file: string, from: string, to: readonly string[]): void {
  const db = new DatabaseSync(file);
  try {
    const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    // A rollback journal while copying (the store reopens in WAL mode): in WAL mode the whole copy would
    // first be written to the WAL, doubling the disk it needs until the checkpoint.
    db.exec('PRAGMA journal_mode = DELETE');
    db.exec('BEGIN');
    for (const { name } of tables) {
      const columns = (db.prepare(`PRAGMA table_info(${quote(name)})`).all() as { name: string }[]).map((c) => c.name);
      if (!columns.includes('feed_id') || !columns.includes('source_url')) continue;
      const list = columns.map(quote).join(', ');
      const values = columns.map((column) => (column === 'feed_id' ? '?' : quote(column))).join(', ');
      const copy = db.prepare(
        `INSERT INTO ${quote(name)} (${list}) SELECT ${values} FROM ${quote(name)} WHERE feed_id = ?`,
      );
      for (const feedId of to) copy.run(feedId, from);
    }
    db.exec('COMMIT');
  } finally {
    db.close();
  }
}

/** A store in `dir` with `items` articles for each feed, each feed refreshed once; returns it open. */
export async function generateStore(
  dir: string,
  feeds: readonly FeedDefinition[],
  items: number,
  seed: readonly ArticleRecord[],
): Promise<LedeParts> {
  const first = await openLedeParts(dir);
  const [model, ...others] = feeds.map((feed) => feed.id);
  for (let index = 0; index < items; index++) {
    await first.store.putArticle(generatedRecord(seed, model ?? '', items, index));
  }
  await first.close();
  replicateRows(first.file, model ?? '', others);
  const lede = await openLedeParts(dir);
  for (const feed of feeds) {
    const report = await lede.runner.refresh(feed, { byHand: true });
    if (!report.ok || report.fetched > 0)
      throw new Error(`generated feed ${feed.id}: first refresh ${JSON.stringify(report)}`);
  }
  return lede;
}
