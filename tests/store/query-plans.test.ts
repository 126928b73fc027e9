/**
 * @module tests/store/query-plans
 * Every statement the store runs, planned by real SQLite (`EXPLAIN QUERY PLAN`) over a file with migrations/
 * applied and a history of records: no hot query scans a table or sorts a feed's rows, so a refresh and a feed
 * request cost the same whatever a feed's history (issue 11, target 5). The statements are captured by running
 * each Store method through a driver that plans what it is given, so a new query cannot escape the check.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/core/store.ts';
import { createSqlStore } from '../../src/store/queries.ts';
import type { SqlStatement, SqlValue } from '../../src/store/rows.ts';
import { applyMigrations, readMigrations } from '../../src/store/sqlite-migrations.ts';
import { makeAudit, makeReady, makeRecord, makeRendition } from '../contract/store-conformance-records.ts';

let dir = '';
let db: DatabaseSync;
/** Each statement text the store ran, with the plan SQLite chose for it (one line per plan row). */
const plans = new Map<string, string[]>();

function plan(sql: string, params: readonly SqlValue[]): void {
  if (plans.has(sql) || /^(BEGIN|COMMIT|ROLLBACK)/.test(sql)) return;
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params);
  plans.set(
    sql,
    rows.map((row) => String(row['detail'])),
  );
}

function openPlanningStore(): Store {
  const run = (sql: string, params: readonly SqlValue[]) => {
    plan(sql, params);
    return db.prepare(sql);
  };
  return createSqlStore({
    first: (sql, params) => Promise.resolve(run(sql, params).get(...params)),
    all: (sql, params) => Promise.resolve(run(sql, params).all(...params)),
    run: (sql, params) => {
      run(sql, params).run(...params);
      return Promise.resolve();
    },
    batch: (statements: readonly SqlStatement[]) => {
      for (const { sql, params } of statements) run(sql, params).run(...params);
      return Promise.resolve();
    },
    close: async () => {},
  });
}

const day = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * 3600_000).toISOString();

/** Three feeds with 300 records each (ready, pending, failed), renditions and state: a history to plan over. */
async function seed(store: Store): Promise<void> {
  db.exec('BEGIN');
  for (const feedId of ['a', 'b', 'c']) {
    for (let i = 0; i < 300; i++) {
      const url = `https://e.kz/${feedId}/${i}`;
      const ready = { ...makeReady(feedId, url, day(i), day(i)), audit: makeAudit() };
      if (i % 10 === 1) await store.putArticle(makeRecord(feedId, url, { discoveredAt: day(i) }));
      else if (i % 10 === 2) await store.putArticle(makeRecord(feedId, url, { state: 'failed', discoveredAt: day(i) }));
      else await store.putArticle(ready);
    }
    for (const format of ['rss', 'atom', 'json'] as const)
      await store.putRendition(makeRendition(feedId, { format, body: 'x'.repeat(50_000) }));
    await store.putFeedState({ feedId, sourceEtag: '"s"' });
  }
  db.exec('COMMIT');
}

/** Every Store method, as a refresh, a feed request, /healthz, retention and the admin API call them. */
async function exercise(store: Store): Promise<void> {
  const key = { published: day(100), discoveredAt: day(100), sourceUrl: 'https://e.kz/a/100' };
  await store.getFeedState('a');
  await store.listFeedStates(['a', 'c', 'none']);
  await store.getArticle('a', 'https://e.kz/a/5');
  await store.getArticles('a', ['https://e.kz/a/5', 'https://e.kz/a/6', 'https://e.kz/none']);
  await store.listPending('a', 20);
  await store.countPending('a');
  await store.countPublished('a');
  await store.listPublished('a', 50);
  await store.listPublishedAfter('a', key, 50);
  await store.listPublishedAcross([{ feedId: 'a' }, { feedId: 'b', after: key }, { feedId: 'none' }], 51);
  await store.findPublished(['a', 'b', 'none'], ['https://e.kz/a/5', 'https://e.kz/b/7', 'https://e.kz/none']);
  await store.getRendition('a', 'rss');
  await store.getRenditionValidators('a', 'rss');
  await store.listRenditionValidators(['a', 'c', 'none'], 'rss');
  await store.putRendition(makeRendition('a', { format: 'rss' }));
  await store.pruneArticles('a', { keep: 50, before: day(200), limit: 20, now: day(400) });
  await store.pruneArticles('b', { keep: 0, before: day(200), limit: 20, now: day(400) });
  await store.acquireLease('refresh:a', 'me', day(401), day(400));
  await store.releaseLease('refresh:a', 'me');
  await store.getSiteSignals('https://e.kz');
  await store.getTakedown('a');
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lede-plans-'));
  db = new DatabaseSync(join(dir, 'plans.sqlite'));
  applyMigrations(db, await readMigrations());
  const store = openPlanningStore();
  await seed(store);
  await exercise(store);
});

afterAll(async () => {
  db.close();
  await rm(dir, { recursive: true, force: true });
});

const TABLES = 'articles|renditions|pruned_articles|feed_state|leases|takedowns|site_signals';
const planOf = (fragment: string): string[] => {
  const found = [...plans].find(([sql]) => sql.includes(fragment));
  if (!found) throw new Error(`no statement containing ${fragment} was run`);
  return found[1];
};

describe('query plans (EXPLAIN QUERY PLAN on node:sqlite, migrations/ applied)', () => {
  it('captured the statements of every Store method', () => {
    expect(plans.size).toBeGreaterThanOrEqual(20);
  });

  it('no statement scans a table or sorts rows: each is an index search', () => {
    for (const [sql, details] of plans) {
      const scans = details.filter((detail) => new RegExp(`^SCAN (${TABLES})\\b`).test(detail));
      expect({ sql, scans }).toEqual({ sql, scans: [] });
      const sorts = details.filter((detail) => detail.includes('TEMP B-TREE'));
      expect({ sql, sorts }).toEqual({ sql, sorts: [] });
    }
  });

  it('counts published and pending records from covering indexes alone', () => {
    expect(planOf('COUNT(*) AS published')).toEqual([expect.stringMatching(/COVERING INDEX articles_with_item/)]);
    expect(planOf('COUNT(*) AS pending')[0]).toMatch(/COVERING INDEX/);
  });

  it('stores rendition validators before the body, so reading them never walks its overflow pages', () => {
    const columns = db.prepare('SELECT name FROM pragma_table_info(?)').all('renditions');
    const names = columns.map((column) => String(column['name']));
    expect(names.indexOf('body')).toBe(names.length - 1);
  });

  it('walks the published order and the pending order in their indexes (LIMIT rows, not the feed)', () => {
    expect(planOf('item IS NOT NULL ORDER BY published DESC, discovered_at DESC, source_url ASC LIMIT ?')[0]).toMatch(
      /INDEX articles_published/,
    );
    expect(planOf("state = 'pending' ORDER BY")[0]).toMatch(/INDEX articles_pending/);
    expect(planOf("state = 'failed' AND item IS NULL")[0]).toMatch(/INDEX articles_failed/);
  });

  it("reads many feeds' newest records in one statement: per feed a walk of articles_published, each row by rowid", () => {
    expect(planOf('FROM json_each(?) AS reads CROSS JOIN articles')).toEqual([
      expect.stringMatching(/^SCAN reads VIRTUAL TABLE/),
      expect.stringMatching(/^SEARCH articles USING INTEGER PRIMARY KEY \(rowid=\?\)/),
      expect.stringMatching(/^CORRELATED LIST SUBQUERY/),
      expect.stringMatching(/^SEARCH articles USING INDEX articles_published \(feed_id=\?\)/),
    ]);
  });

  it("looks up a listing's URLs in a feed by key, one lookup per URL", () => {
    expect(planOf('FROM json_each(?) AS urls CROSS JOIN articles')).toEqual([
      expect.stringMatching(/^SCAN urls VIRTUAL TABLE/),
      expect.stringMatching(
        /^SEARCH articles USING INDEX sqlite_autoindex_articles_1 \(feed_id=\? AND source_url=\?\)/,
      ),
    ]);
  });

  it('finds the records of many feeds under many URLs by key, one lookup per feed and URL', () => {
    expect(planOf('FROM json_each(?) AS feeds CROSS JOIN json_each(?) AS urls')).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^SEARCH articles USING INDEX sqlite_autoindex_articles_1 \(feed_id=\? AND source_url=\?\)/,
        ),
      ]),
    );
  });

  it("reads the due check's feed states by key, one lookup per feed asked for", () => {
    expect(planOf('json_each(?) AS ids CROSS JOIN feed_state')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^SEARCH feed_state USING INDEX sqlite_autoindex_feed_state_1/)]),
    );
  });

  it("reads the combined feed's rendition validators by key, one lookup per feed asked for", () => {
    expect(planOf('json_each(?) AS ids CROSS JOIN renditions')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^SEARCH renditions USING INDEX sqlite_autoindex_renditions_1/)]),
    );
  });

  it('reads every keyed row by its key', () => {
    const keyed = [
      'FROM feed_state WHERE',
      'FROM articles WHERE feed_id = ? AND source_url = ?',
      'FROM renditions WHERE',
    ];
    for (const fragment of keyed) {
      expect(planOf(fragment)[0]).toMatch(/USING (COVERING )?INDEX sqlite_autoindex/);
    }
  });
});
