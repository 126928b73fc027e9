/**
 * @module tests/core/refresh/retention
 * Retention end to end, on the fixture site and a real SQLite file: once publishing finds new inputs, records
 * past the feed's newest `maxItems` and older than RETENTION_DAYS are pruned, their licence audit trail stays
 * (pruned_articles), and when the source lists them again they are neither fetched nor published again.
 */
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CoreDeps } from '../../../src/core/ports.ts';
import { refreshFeed } from '../../../src/core/refresh/refresh-feed.ts';
import { loadFixtureFeed, openHarness, PUBLIC_URL, type Harness } from '../../helpers/lede-harness.ts';

let h: Harness;

beforeEach(async () => {
  h = await openHarness();
});

afterEach(async () => {
  await h.close();
});

const articleHits = () =>
  [...h.site.hits.entries()].filter(([path]) => /^\/[a-z]+\/\d{4}\//.test(path)).reduce((sum, [, n]) => sum + n, 0);

/** The audit rows retention left, read straight from the file (no Store method reads them). */
function readPrunedRows(feedId: string): Record<string, unknown>[] {
  const db = new DatabaseSync(join(h.dir, 'lede.sqlite'), { readOnly: true });
  try {
    return db.prepare('SELECT * FROM pruned_articles WHERE feed_id = ? ORDER BY source_url').all(feedId);
  } finally {
    db.close();
  }
}

describe('retention', () => {
  it('prunes what the feed can no longer serve, keeps its audit trail, and never fetches it again', async () => {
    const deps: CoreDeps = { ...h.deps, retentionDays: 30 };
    const wide = loadFixtureFeed(h.site.origin, 'monitor');
    const first = await refreshFeed(deps, wide, { publicUrl: PUBLIC_URL });
    const published = await h.store.listPublished('monitor', 100);
    expect(first.fetched).toBeGreaterThan(2);
    expect(published).toHaveLength(first.fetched);

    // A year on, the feed shows 2 items: publishing (new inputs: the definition changed) prunes the rest.
    h.setNow('2026-03-12T12:00:00Z');
    const narrow = loadFixtureFeed(h.site.origin, 'monitor', { maxItems: 2 });
    await refreshFeed(deps, narrow, { publicUrl: PUBLIC_URL });
    const kept = await h.store.listPublished('monitor', 100);
    expect(kept.map((record) => record.sourceUrl)).toEqual(published.slice(0, 2).map((record) => record.sourceUrl));
    const pruned = published.slice(2);
    const rows = readPrunedRows('monitor');
    expect(rows.map((row) => row['source_url'])).toEqual(pruned.map((record) => record.sourceUrl).sort());
    for (const row of rows) {
      const record = pruned.find((candidate) => candidate.sourceUrl === row['source_url']);
      expect(row).toMatchObject({
        excerpt_hash: record?.excerptHash,
        body_hash: record?.bodyHash,
        fetched_at: record?.fetchedAt,
        article_words: record?.audit?.articleWords,
        excerpt_words: record?.audit?.excerptWords,
        pruned_at: '2026-03-12T12:00:00.000Z',
      });
      expect(JSON.parse(String(row['policy']))).toEqual(record?.audit?.policy);
    }

    // The source lists them all again (a full answer, not a 304): none is fetched or published again.
    h.site.validators = { etag: false, lastModified: false };
    const hits = articleHits();
    const again = await refreshFeed(deps, wide, { publicUrl: PUBLIC_URL });
    expect(again.discovered).toBe(first.discovered);
    expect(again.fetched).toBe(0);
    expect(again.pending).toBe(0);
    expect(articleHits()).toBe(hits);
    expect((await h.store.listPublished('monitor', 100)).map((record) => record.sourceUrl)).toEqual(
      kept.map((record) => record.sourceUrl),
    );
  });

  it('without a retention (deps.retentionDays unset) keeps every record', async () => {
    await refreshFeed(h.deps, loadFixtureFeed(h.site.origin, 'monitor'), { publicUrl: PUBLIC_URL });
    const count = await h.store.countPublished('monitor');
    h.setNow('2030-01-01T00:00:00Z');
    await refreshFeed(h.deps, loadFixtureFeed(h.site.origin, 'monitor', { maxItems: 1 }), { publicUrl: PUBLIC_URL });
    expect(await h.store.countPublished('monitor')).toBe(count);
  });
});
