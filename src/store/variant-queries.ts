/**
 * @module store/variant-queries
 * The statements of `Store.listPublishedAcross` and `Store.findPublished`: what a feed variant, and above all
 * the combined feed `/feeds/all.*`, reads of many feeds at once (src/core/serve/variant-page.ts). Shared by
 * both backends like the rest of src/store/queries.ts. One statement reads every feed (per thousand), where a
 * read per feed made a combined feed of more than about 45 feeds fail on D1's Free plan (50 queries an
 * invocation), and each read is an index search bounded by what it returns (tests/store/query-plans.test.ts).
 */
import type { ArticleRecord, PublishedRead, Store } from '../core/store.ts';
import { chunkFeeds, toJsonChunks } from './feed-chunks.ts';
import { ARTICLE_COLUMNS, decodeArticle, type Row, type SqlValue } from './rows.ts';

/** How a backend runs a read (src/store/queries.ts's `SqlDriver`). */
interface ReadDriver {
  all(sql: string, params: readonly SqlValue[]): Promise<Row[]>;
}

/** A read's field of the JSON array parameter (`{"f": feed, "p": published, "d": discovered, "u": URL}`). */
const field = (name: string) => `json_extract(reads.value, '$.${name}')`;

const VARIANT_SQL = {
  // Per read, `listPublishedAfter`'s keyset condition (or none, without a cursor: `d` absent) and order, in a
  // correlated subquery: a walk of articles_published (0008) of `limit` rows past the cursor, then each row by
  // rowid. The reads come as one JSON array (D1 binds at most 100 parameters), and CROSS JOIN keeps it the outer
  // loop. `rowid IN` yields the rows in rowid order: decodeAcross puts each feed's back in the published order.
  listPublishedAcross:
    `SELECT ${ARTICLE_COLUMNS.map((column) => `articles.${column}`).join(', ')} ` +
    'FROM json_each(?) AS reads CROSS JOIN articles ON articles.rowid IN (' +
    `SELECT rowid FROM articles WHERE feed_id = ${field('f')} AND item IS NOT NULL AND (${field('d')} IS NULL OR ` +
    `(${field('p')} IS NOT NULL AND (published < ${field('p')} OR published IS NULL)) OR ` +
    `(published IS ${field('p')} AND (discovered_at < ${field('d')} OR ` +
    `(discovered_at = ${field('d')} AND source_url > ${field('u')})))) ` +
    'ORDER BY published DESC, discovered_at DESC, source_url ASC LIMIT ?)',
  // Every (feed, URL) pair is one primary-key lookup (a URL no feed holds reads no row); CROSS JOIN keeps the
  // two JSON arrays the outer loops, as an IN over both would let SQLite scan the table instead.
  findPublished:
    `SELECT ${ARTICLE_COLUMNS.map((column) => `articles.${column}`).join(', ')} ` +
    'FROM json_each(?) AS feeds CROSS JOIN json_each(?) AS urls CROSS JOIN articles ' +
    'ON articles.feed_id = feeds.value AND articles.source_url = urls.value WHERE articles.item IS NOT NULL',
} as const;

/**
 * SQLite's BINARY order of two texts (memcmp of their UTF-8, https://sqlite.org/datatype3.html#collation),
 * which is code point order: UTF-16 code units order the same but for U+E000–U+FFFF against a surrogate.
 */
function compareBinary(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++) {
    const x = a.charCodeAt(index);
    const y = b.charCodeAt(index);
    if (x !== y) {
      const rank = (unit: number) => (unit >= 0xe000 ? unit - 0x800 : unit >= 0xd800 ? unit + 0x2000 : unit);
      return rank(x) - rank(y);
    }
  }
  return a.length - b.length;
}

/** `ORDER BY published DESC, discovered_at DESC, source_url ASC` on rows of one feed (NULL sorts last in DESC). */
function compareRows(a: Row, b: Row): number {
  const text = (row: Row, column: string) => row[column] as string | null;
  const [pa, pb] = [text(a, 'published'), text(b, 'published')];
  if (pa !== pb) {
    if (pa === null) return 1;
    if (pb === null) return -1;
    return compareBinary(pb, pa);
  }
  return (
    compareBinary(text(b, 'discovered_at') ?? '', text(a, 'discovered_at') ?? '') ||
    compareBinary(text(a, 'source_url') ?? '', text(b, 'source_url') ?? '')
  );
}

/** The rows of each read (one per feed) in the published order, the reads in their order (rows come by rowid). */
function decodeAcross(reads: readonly PublishedRead[], rows: readonly Row[]): ArticleRecord[] {
  const byFeed = new Map<string, Row[]>();
  for (const row of rows) {
    const feedId = String(row['feed_id']);
    const list = byFeed.get(feedId);
    if (list) list.push(row);
    else byFeed.set(feedId, [row]);
  }
  return reads.flatMap(({ feedId }) => (byFeed.get(feedId) ?? []).sort(compareRows).map(decodeArticle));
}

/** A read as one element of the JSON array parameter. */
function encodeRead({ feedId, after }: PublishedRead): object {
  return after ? { f: feedId, p: after.published, d: after.discoveredAt, u: after.sourceUrl } : { f: feedId };
}

/**
 * The variant reads of the `Store` over a backend's driver.
 * @example const store = { ...createFeedStateMethods(driver), ...createVariantReads(driver) }
 */
export function createVariantReads(driver: ReadDriver): Pick<Store, 'listPublishedAcross' | 'findPublished'> {
  return {
    async listPublishedAcross(reads: readonly PublishedRead[], limit: number): Promise<ArticleRecord[]> {
      const size = Math.max(0, Math.floor(limit));
      const feedIds = new Set<string>();
      const unique = reads.filter(({ feedId }) => !feedIds.has(feedId) && feedIds.add(feedId));
      const records: ArticleRecord[] = [];
      for (const part of chunkFeeds(unique)) {
        const rows = await driver.all(VARIANT_SQL.listPublishedAcross, [JSON.stringify(part.map(encodeRead)), size]);
        records.push(...decodeAcross(part, rows));
      }
      return records;
    },
    async findPublished(feedIds: readonly string[], sourceUrls: readonly string[]): Promise<ArticleRecord[]> {
      const urls = JSON.stringify([...new Set(sourceUrls)]);
      const records: ArticleRecord[] = [];
      if (sourceUrls.length === 0) return records;
      for (const ids of toJsonChunks(feedIds))
        records.push(...(await driver.all(VARIANT_SQL.findPublished, [ids, urls])).map(decodeArticle));
      return records;
    },
  };
}
