/**
 * @module core/serve/variant-page
 * The page of a feed variant or of the combined feed (src/core/serve/feed-variant.ts): which records it shows,
 * and where the next page starts. The feeds are read together, newest first across all of them: a page costs
 * a few store queries whatever the number of feeds and their rates (typically one `listPublishedAcross` and
 * one `findPublished`; at most 2 + ⌈maxRecords / BATCH⌉ rounds of reading, `fillStreams`), where reading each feed on its own, and checking each record's duplicates with a lookup
 * per feed, cost a query per feed and per feed and record — past D1's 50 queries an invocation (Workers Free)
 * from a handful of feeds on (docs/workers.md, "Caching").
 *
 * The page is the one the per-feed scan gave (tests/core/serve/variant-page.test.ts compares them), defined
 * by it: each feed is read in batches of `size` records, at most SCAN_LIMIT (rounded up to whole batches); a
 * record before `since` ends its feed. The records the variant may show (`admitRecord`) that are their
 * article's record (`isEarlierRecord`) make the page, in the order of `compareItemKeys`; reading stops at
 * `limit + 1` of them, when the page and its next link are known, or at a feed's last record allowed, whose
 * place is where the next page starts (nothing past it was read in that feed). Walking all the feeds in one
 * order, the first of these stops is the page's end.
 */
import { publishedKeyOf, type ArticleRecord, type PublishedKey, type Store } from '../store.ts';
import { compareItemKeys, startAfter, type FeedQuery, type ItemKey } from './feed-query.ts';
import {
  admitRecord,
  isBeforeSince,
  isEarlierRecord,
  listDuplicateSpots,
  type EntryContext,
  type PageEntry,
  type VariantSource,
} from './variant-entries.ts';

/**
 * Records read from the store per feed and query, and at most per feed and request (a filter matching nothing
 * stops there).
 */
const BATCH = 100;
const SCAN_LIMIT = 500;

/** A page: its entries, and the key the next page starts after (none: this is the last). */
export interface VariantPage {
  readonly entries: PageEntry[];
  readonly next?: ItemKey | undefined;
}

/** One feed's records, read in batches and taken in order. */
interface FeedStream {
  readonly variant: VariantSource;
  /** Read and not yet taken, in the store's order, with their keys. */
  buffer: { readonly record: ArticleRecord; readonly key: ItemKey }[];
  /** Where the next batch starts (the last record read, or the cursor's place); `undefined`: the newest. */
  after: PublishedKey | undefined;
  /** Records read so far, and whether the store may have more (the last batch was full, within the limit). */
  read: number;
  more: boolean;
}

/** What a page is read with: the store, its feeds, the query and instant, the batch size and the scan limit. */
interface PageContext extends EntryContext {
  readonly store: Store;
  readonly sources: readonly VariantSource[];
  /** Records of a feed's first read (its share of the page), of each later one, and at most in all. */
  readonly first: number;
  readonly size: number;
  readonly maxRecords: number;
}

/** What one pass over the streams took: candidate entries in order, and why it stopped. */
interface Take {
  readonly entries: PageEntry[];
  readonly stop: 'enough' | 'read' | 'end' | 'limit';
  /** With `limit`: the key of the feed's last record allowed, where the page ends. */
  readonly horizon?: ItemKey;
}

/**
 * The key by which `wanted` more records will have been taken, as far as the buffers tell (skipped records may
 * take it further): a stream whose buffer ends before it will need its next batch in this round too.
 */
function findReach(streams: readonly FeedStream[], wanted: number): ItemKey | undefined {
  const keys = streams.flatMap((stream) => stream.buffer.map(({ key }) => key));
  return keys.length < wanted ? undefined : keys.sort(compareItemKeys)[wanted - 1];
}

/** Whether a stream is to be read in this round: it may have more, and `reach` passes its buffer's end. */
function needsBatch(stream: FeedStream, reach: ItemKey | undefined): boolean {
  const last = stream.buffer.at(-1);
  return stream.more && (!last || !reach || compareItemKeys(last.key, reach) <= 0);
}

/**
 * Once a stream has taken all it read and may have more, read the next records of every stream that will
 * need them before `wanted` more are taken: one query (one per read size). A feed's first read is its share
 * of the page (`first`), the next `size`, never past `maxRecords` in all. From the third round on, every stream
 * that may have more is read, a whole BATCH: buffers whose ends drift apart (feeds of slightly different rates
 * under a filter that skips most) would otherwise each cost a query of their own, and small reads (a small
 * page) a round each. So a request reads in at most 2 + ⌈maxRecords / BATCH⌉ rounds; reading ahead changes
 * what is read, never what is taken.
 */
async function fillStreams(
  streams: readonly FeedStream[],
  wanted: number,
  round: number,
  context: PageContext,
): Promise<boolean> {
  if (!streams.some((stream) => stream.more && stream.buffer.length === 0)) return false;
  const late = round > 2;
  const reach = late ? undefined : findReach(streams, wanted);
  const bySize = new Map<number, FeedStream[]>();
  for (const stream of streams.filter((candidate) => needsBatch(candidate, reach))) {
    const batch = stream.read === 0 ? context.first : late ? BATCH : context.size;
    const size = Math.min(batch, context.maxRecords - stream.read);
    const group = bySize.get(size);
    if (group) group.push(stream);
    else bySize.set(size, [stream]);
  }
  for (const [size, group] of bySize) {
    const records = await readBatches(context.store, group, size);
    for (const stream of group) addBatch(stream, records, size, context.maxRecords);
  }
  return true;
}

/**
 * The next `size` records of each stream's feed: one query for them all, or for a single feed (a feed's own
 * variant) its keyset read itself, which D1 counts as a row a record where the read of many counts three.
 */
function readBatches(store: Store, streams: readonly FeedStream[], size: number): Promise<ArticleRecord[]> {
  const [only] = streams;
  if (streams.length === 1 && only) {
    const feedId = only.variant.feed.id;
    return only.after ? store.listPublishedAfter(feedId, only.after, size) : store.listPublished(feedId, size);
  }
  return store.listPublishedAcross(
    streams.map(({ variant, after }) => ({ feedId: variant.feed.id, after })),
    size,
  );
}

/** Append a stream's records of a read of `size` each, and note whether the feed may have more. */
function addBatch(stream: FeedStream, records: readonly ArticleRecord[], size: number, maxRecords: number): void {
  const feedId = stream.variant.feed.id;
  const batch = records.filter((record) => record.feedId === feedId);
  stream.buffer.push(...batch.map((record) => ({ record, key: { ...publishedKeyOf(record), feedId } })));
  stream.read += batch.length;
  stream.more = batch.length === size && stream.read < maxRecords;
  const last = batch.at(-1);
  if (last) stream.after = publishedKeyOf(last);
}

/** The stream whose next record comes first, or `undefined` when every stream is done. */
function findNext(streams: readonly FeedStream[]): FeedStream | undefined {
  let next: FeedStream | undefined;
  for (const stream of streams) {
    const head = stream.buffer[0];
    const best = next?.buffer[0];
    if (head && (!best || compareItemKeys(head.key, best.key) < 0)) next = stream;
  }
  return next;
}

/** Take records in order until `wanted` candidates, a stream to read, the end, or a feed's last record allowed. */
function takeCandidates(streams: readonly FeedStream[], wanted: number, context: PageContext): Take {
  const entries: PageEntry[] = [];
  while (entries.length < wanted) {
    if (streams.some((stream) => stream.buffer.length === 0 && stream.more)) return { entries, stop: 'read' };
    const stream = findNext(streams);
    const head = stream?.buffer.shift();
    if (!stream || !head) return { entries, stop: 'end' };
    if (isBeforeSince(head.key, context.query.since)) {
      // Newest first: every later record of this feed is before `since` too.
      [stream.buffer, stream.more] = [[], false];
      continue;
    }
    const entry = admitRecord(head.record, stream.variant, context);
    if (entry) entries.push(entry);
    const taken = stream.read - stream.buffer.length;
    if (taken === context.maxRecords) return { entries, stop: 'limit', horizon: head.key };
  }
  return { entries, stop: 'enough' };
}

/** The entries that are their article's record, in order: one `findPublished` for all their duplicates' spots. */
async function keepFirstRecords(entries: readonly PageEntry[], context: PageContext): Promise<PageEntry[]> {
  const spots = entries.map((entry) => listDuplicateSpots(entry, context.sources));
  const all = spots.flat();
  if (all.length === 0) return [...entries];
  const feedIds = [...new Set(all.map(({ variant }) => variant.feed.id))];
  const found = await context.store.findPublished(feedIds, [...new Set(all.map(({ url }) => url))]);
  const byFeed = new Map(feedIds.map((feedId) => [feedId, new Map<string, ArticleRecord>()]));
  for (const record of found) byFeed.get(record.feedId)?.set(record.sourceUrl, record);
  return entries.filter(
    (entry, index) =>
      !(spots[index] ?? []).some(({ variant, url }) =>
        isEarlierRecord(byFeed.get(variant.feed.id)?.get(url), variant, entry, context),
      ),
  );
}

/** The first `limit` entries, and where the next page starts: after the last of them when more were found. */
function assemblePage(found: PageEntry[], limit: number, horizon: ItemKey | undefined): VariantPage {
  const complete = found.sort((a, b) => compareItemKeys(a.key, b.key));
  const entries = complete.slice(0, limit);
  const last = entries.at(-1);
  if (complete.length > limit && last) return { entries, next: last.key };
  return horizon ? { entries, next: horizon } : { entries };
}

/** Where a feed's reading starts: after the cursor's place in it (`startAfter`), or at its newest. */
function startCursor(query: FeedQuery, { feed }: VariantSource): PublishedKey | undefined {
  return query.after && startAfter(query.after, feed.id);
}

/**
 * The page of `sources` for `query` (see the module comment): `limit` entries at most, newest first.
 * @example const page = await readVariantPage(store, sources, { query, now: clock() }, 50)
 */
export async function readVariantPage(
  store: Store,
  sources: readonly VariantSource[],
  decide: EntryContext,
  limit: number,
): Promise<VariantPage> {
  const { query } = decide;
  const want = limit + 1;
  // Unfiltered, a small page needs few rows (more are read only past embargoed ones); a filter may skip many.
  const size = query.q === undefined && query.category === undefined ? Math.min(BATCH, want) : BATCH;
  // A feed's first read is twice its share of the page: with many feeds, a few records each instead of a batch.
  const first = Math.min(size, Math.max(2, Math.ceil((2 * want) / Math.max(1, sources.length))));
  const context = { ...decide, store, sources, first, size, maxRecords: Math.ceil(SCAN_LIMIT / size) * size };
  const streams = sources.map((variant): FeedStream => ({
    variant,
    buffer: [],
    after: startCursor(query, variant),
    read: 0,
    more: true,
  }));
  const found: PageEntry[] = [];
  let [pending, round, checks] = [[] as PageEntry[], 0, 0];
  for (;;) {
    // After a duplicates check that left the page short, twice as many candidates as still wanted: a check is a query.
    const wanted = (want - found.length) * 2 ** checks - pending.length;
    if (await fillStreams(streams, wanted, round + 1, context)) round += 1;
    const take = takeCandidates(streams, wanted, context);
    pending.push(...take.entries);
    if (take.stop === 'read') continue;
    // The duplicates of every candidate taken since the last check, in one query.
    found.push(...(await keepFirstRecords(pending, context)).slice(0, want - found.length));
    [pending, checks] = [[], checks + 1];
    if (found.length >= want || take.stop === 'end') return assemblePage(found, limit, undefined);
    if (take.stop === 'limit') return assemblePage(found, limit, take.horizon);
  }
}
