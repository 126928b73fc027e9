/**
 * @module core/refresh/record-entries
 * Turn what the source lists into stored work: a new entry, or one whose source metadata changed,
 * becomes `pending`; an unchanged one is left alone, so an article already stored is not fetched again.
 */
import { sha256Hex, type Sha256Hex } from '../hash.ts';
import type { CoreDeps } from '../ports.ts';
import type { SourceEntry } from '../types.ts';
import type { ArticleRecord } from '../store.ts';

/** Fingerprint of an entry: any change in what the source says about an article means "fetch it again". */
function hashEntry(entry: SourceEntry, hash?: Sha256Hex): Promise<string> {
  const fields = [entry.url, entry.title, entry.published, entry.updated, entry.author, entry.summary, entry.image];
  return sha256Hex(JSON.stringify([...fields, entry.categories ?? []]), hash);
}

function pendingRecord(
  feedId: string,
  entry: SourceEntry,
  entryHash: string,
  now: string,
  previous?: ArticleRecord,
): ArticleRecord {
  // A changed entry keeps its published item (and validators) until the re-fetch succeeds:
  // the last good version stays in the feed meanwhile.
  return {
    ...previous,
    feedId,
    sourceUrl: entry.url,
    entryHash,
    entry,
    state: 'pending',
    attempts: 0,
    discoveredAt: previous?.discoveredAt ?? now,
    error: undefined,
  };
}

/**
 * Store new and changed entries as pending. Returns how many were unchanged.
 * @example const unchanged = await recordEntries(deps, 'monitor', entries)
 */
export async function recordEntries(deps: CoreDeps, feedId: string, entries: readonly SourceEntry[]): Promise<number> {
  const now = deps.clock().toISOString();
  // Hashed all at once: each digest is a round trip to the runtime's crypto, not worth waiting for in turn.
  const hashes = await Promise.all(entries.map((entry) => hashEntry(entry, deps.sha256)));
  // Every listed entry's stored record, in one read (a statement per 500 URLs), not one read each.
  const stored = await deps.store.getArticles(
    feedId,
    entries.map((entry) => entry.url),
  );
  const storedByUrl = new Map(stored.map((record) => [record.sourceUrl, record]));
  let unchanged = 0;
  // Written together at the end (a transaction, or a D1 batch, per few dozen); an entry listed twice sees its
  // first listing's record, as it would have had each been written at once.
  const written = new Map<string, ArticleRecord>();
  for (const [index, entry] of entries.entries()) {
    const entryHash = hashes[index] as string;
    const previous = written.get(entry.url) ?? storedByUrl.get(entry.url);
    if (previous?.entryHash === entryHash) {
      unchanged++;
      continue;
    }
    written.set(entry.url, pendingRecord(feedId, entry, entryHash, now, previous));
  }
  await deps.store.putArticles([...written.values()]);
  return unchanged;
}
