/**
 * @module tests/store-sqlite
 * The node:sqlite backend against real database files in a temporary directory: the shared conformance
 * suite, persistence across a reopen, the connection settings, and migrations/ applied as on D1 — to new
 * files and to files made before the schema was versioned.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import { readMigrations } from '../../src/store/sqlite-migrations.ts';
import { describeStoreConformance } from '../contract/store-conformance.ts';

let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lede-store-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// Every test reopens the same file, so the suite also exercises opening an existing database.
describeStoreConformance('node:sqlite file', () => openSqliteStore(join(dir, 'conformance.sqlite')));

describeStoreConformance('node:sqlite :memory:', () => openSqliteStore(':memory:'));

describe('openSqliteStore', () => {
  it('persists across close and reopen', async () => {
    const path = join(dir, 'persist.sqlite');
    const first = await openSqliteStore(path);
    await first.putFeedState({ feedId: 'tengri', sourceEtag: '"v1"' });
    await first.putRendition({
      feedId: 'tengri',
      format: 'json',
      body: '{"version":"1.1"}',
      etag: '"e"',
      lastModified: '2025-01-01T00:00:00.000Z',
    });
    await first.close();

    const second = await openSqliteStore(path);
    expect(await second.getFeedState('tengri')).toStrictEqual({ feedId: 'tengri', sourceEtag: '"v1"' });
    expect((await second.getRendition('tengri', 'json'))?.body).toBe('{"version":"1.1"}');
    await second.close();
  });

  it('creates missing directories and puts the file in WAL mode', async () => {
    const path = join(dir, 'nested', 'deeper', 'lede.sqlite');
    const store = await openSqliteStore(path);
    await store.putFeedState({ feedId: 'x' });
    // WAL is a property of the file, so an independent connection sees it (busy_timeout is per connection).
    const db = new DatabaseSync(path);
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    db.close();
    await store.close();
  });

  it('lets two connections to one file see each other’s writes', async () => {
    const path = join(dir, 'shared.sqlite');
    const [writer, reader] = [await openSqliteStore(path), await openSqliteStore(path)];
    await writer.putFeedState({ feedId: 'shared', lastRefreshAt: '2025-01-01T00:00:00.000Z' });
    expect(await reader.getFeedState('shared')).toStrictEqual({
      feedId: 'shared',
      lastRefreshAt: '2025-01-01T00:00:00.000Z',
    });
    await Promise.all([writer.close(), reader.close()]);
  });

  it('closes idempotently', async () => {
    const store = await openSqliteStore(':memory:');
    await store.close();
    await expect(store.close()).resolves.toBeUndefined();
  });
});

/** Columns of a table, in order. */
function columnsOf(db: DatabaseSync, table: string): unknown[] {
  return db
    .prepare('SELECT name FROM pragma_table_info(?)')
    .all(table)
    .map((row) => row['name']);
}

/** Everything the schema is: each table, index and column as SQLite stores its definition. */
function describeSchema(path: string): { version: unknown; objects: unknown[] } {
  const db = new DatabaseSync(path);
  try {
    return {
      version: db.prepare('PRAGMA user_version').get()?.['user_version'],
      objects: db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name').all(),
    };
  } finally {
    db.close();
  }
}

/**
 * A file as the Lede before versioned migrations left it after its last open: the schema of its day, which
 * was migrations 0001…`upTo` concatenated (held byte-equal by a test then), applied as one script, and
 * user_version left at 0. One pending article is in it.
 */
async function makePreVersioningFile(path: string, upTo: number): Promise<void> {
  const older = new DatabaseSync(path);
  older.exec(
    (await readMigrations())
      .slice(0, upTo)
      .map((migration) => migration.sql)
      .join(''),
  );
  older
    .prepare(
      'INSERT INTO articles (feed_id, source_url, entry_hash, entry, state, discovered_at) VALUES (?, ?, ?, ?, ?, ?)',
    )
    .run('f', 'u', 'h', JSON.stringify({ url: 'u' }), 'pending', 'd');
  expect(older.prepare('PRAGMA user_version').get()).toEqual({ user_version: 0 });
  older.close();
}

describe('schema upgrades', () => {
  it('adds the columns of later migrations to a database made by an older Lede, once', async () => {
    const path = join(dir, 'older.sqlite');
    await makePreVersioningFile(path, 2);
    for (let open = 0; open < 2; open++) {
      const store = await openSqliteStore(path);
      expect(await store.getArticle('f', 'u')).toMatchObject({ feedId: 'f', sourceUrl: 'u', state: 'pending' });
      expect(await store.getTakedown('f')).toBeUndefined();
      await store.close();
    }
    const db = new DatabaseSync(path);
    const columns = columnsOf(db, 'articles');
    db.close();
    expect(columns).toEqual(expect.arrayContaining(['article_words', 'excerpt_words', 'share', 'policy', 'signals']));
  });
});

describe('migrations on Node', () => {
  it('applies migrations/ in order to a new file and records the last in user_version', async () => {
    const migrations = await readMigrations();
    expect(migrations.map((migration) => migration.name)[0]).toBe('0001_init.sql');
    expect(migrations.map((migration) => migration.version)).toEqual(migrations.map((_, index) => index + 1));
    const path = join(dir, 'fresh.sqlite');
    await (await openSqliteStore(path)).close();
    const fresh = describeSchema(path);
    expect(fresh.version).toBe(migrations.length);
    // Opening it again runs nothing: the same schema, the same version.
    await (await openSqliteStore(path)).close();
    expect(describeSchema(path)).toEqual(fresh);
  });

  it.each([1, 2, 3, 4, 5, 6])(
    'opens a file made before versioning with migrations 0001…000%i and ends with the schema of a new file',
    async (upTo) => {
      const fresh = join(dir, `reference-${upTo}.sqlite`);
      await (await openSqliteStore(fresh)).close();
      const path = join(dir, `pre-versioning-${upTo}.sqlite`);
      await makePreVersioningFile(path, upTo);
      const store = await openSqliteStore(path);
      expect(await store.getArticle('f', 'u')).toMatchObject({ feedId: 'f', sourceUrl: 'u', state: 'pending' });
      await store.putFeedState({ feedId: 'f', sourceNotBefore: '2025-01-01T00:00:00.000Z' });
      await store.close();
      expect(describeSchema(path)).toEqual(describeSchema(fresh));
    },
  );

  it('drops the renditions of feeds never built successfully (the empty 1970 feeds of earlier Ledes), once', async () => {
    const migrations = await readMigrations();
    const before = migrations.findIndex((migration) => migration.name === '0009_unbuilt_renditions.sql');
    const path = join(dir, 'unbuilt.sqlite');
    const db = new DatabaseSync(path);
    for (const migration of migrations.slice(0, before)) db.exec(migration.sql);
    db.exec(`PRAGMA user_version = ${before}`);
    db.exec(`INSERT INTO feed_state (feed_id, last_success_at) VALUES ('built', '2025-01-01T00:00:00.000Z')`);
    db.exec(`INSERT INTO feed_state (feed_id, last_refresh_at) VALUES ('never', '2025-01-01T00:00:00.000Z')`);
    for (const feed of ['built', 'never', 'stateless'])
      db.exec(
        `INSERT INTO renditions (feed_id, format, body, etag, last_modified) VALUES ('${feed}', 'rss', '<rss/>', '"e"', '1970-01-01T00:00:00.000Z')`,
      );
    db.close();
    const store = await openSqliteStore(path);
    expect(await store.getRenditionValidators('built', 'rss')).toBeDefined();
    expect(await store.getRenditionValidators('never', 'rss')).toBeUndefined();
    expect(await store.getRenditionValidators('stateless', 'rss')).toBeUndefined();
    await store.close();
  });

  it('refuses a file newer than its migrations and leaves it as it was', async () => {
    const path = join(dir, 'newer.sqlite');
    await (await openSqliteStore(path)).close();
    const db = new DatabaseSync(path);
    db.exec('PRAGMA user_version = 99');
    db.close();
    await expect(openSqliteStore(path)).rejects.toThrow(/schema version 99, newer than this Lede's \d+/);
    expect(describeSchema(path).version).toBe(99);
  });

  it('refuses a migrations folder with a gap in its numbers', async () => {
    const gap = await mkdtemp(join(tmpdir(), 'lede-migrations-'));
    await writeFile(join(gap, '0001_init.sql'), 'CREATE TABLE a (x);');
    await writeFile(join(gap, '0003_later.sql'), 'CREATE TABLE b (x);');
    await expect(readMigrations(pathToFileURL(`${gap}/`))).rejects.toThrow(
      /0003_later\.sql: expected migration 0002_\*\.sql/,
    );
    await rm(gap, { recursive: true, force: true });
  });
});
