/**
 * @module tests/store-sqlite
 * The node:sqlite backend against real database files in a temporary directory: the shared conformance
 * suite, persistence across a reopen, the connection settings, and the schema/migration identity.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.ts';
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

describe('schema upgrades', () => {
  it('adds the columns of later migrations to a database made by an older Lede, once', async () => {
    const root = new URL('../../', import.meta.url);
    const path = join(dir, 'older.sqlite');
    const older = new DatabaseSync(path);
    for (const name of ['0001_init.sql', '0002_leases.sql'])
      older.exec(await readFile(new URL(`migrations/${name}`, root), 'utf8'));
    older
      .prepare(
        'INSERT INTO articles (feed_id, source_url, entry_hash, entry, state, discovered_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run('f', 'u', 'h', JSON.stringify({ url: 'u' }), 'pending', 'd');
    older.close();
    for (let open = 0; open < 2; open++) {
      const store = await openSqliteStore(path);
      expect(await store.getArticle('f', 'u')).toMatchObject({ feedId: 'f', sourceUrl: 'u', state: 'pending' });
      expect(await store.getTakedown('f')).toBeUndefined();
      await store.close();
    }
    const db = new DatabaseSync(path);
    const columns = db
      .prepare('SELECT name FROM pragma_table_info(?)')
      .all('articles')
      .map((row) => row['name']);
    db.close();
    expect(columns).toEqual(expect.arrayContaining(['article_words', 'excerpt_words', 'share', 'policy', 'signals']));
  });
});

describe('schema', () => {
  it('migrations/*.sql, concatenated in order, are byte-for-byte src/store/schema.sql', async () => {
    const root = new URL('../../', import.meta.url);
    const schema = await readFile(new URL('src/store/schema.sql', root), 'utf8');
    const names = (await readdir(new URL('migrations/', root))).filter((name) => name.endsWith('.sql')).sort();
    const migrations = await Promise.all(names.map((name) => readFile(new URL(`migrations/${name}`, root), 'utf8')));
    expect(names[0]).toBe('0001_init.sql');
    expect(migrations.join('') === schema, 'append the new migration to src/store/schema.sql').toBe(true);
  });
});
