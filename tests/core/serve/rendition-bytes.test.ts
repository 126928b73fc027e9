/**
 * @module tests/core/serve/rendition-bytes
 * Node's bytes cache of renditions (src/core/serve/rendition-bytes.ts) over real SQLite files: bytes encoded
 * once and served from memory, and never stale — a publish or takedown through its store drops the feed's
 * entries, and a commit by another connection (as the CLI's refresh, another process, makes) is seen through
 * SQLite's data_version on the very next read.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Rendition, Store } from '../../../src/core/store.ts';
import { cacheRenditionBytes, readStoredRendition } from '../../../src/core/serve/rendition-bytes.ts';
import { openSqliteStore, type SqliteStore } from '../../../src/store/sqlite.ts';

const rendition = (body: string, etag: string): Rendition => ({
  feedId: 'kz',
  format: 'rss',
  body,
  etag,
  lastModified: '2026-11-30T10:00:00.000Z',
});

/** `store`, counting the bodies read from it. */
function countBodyReads(store: Store) {
  const counter = { reads: 0 };
  const counted: Store = {
    ...store,
    getRendition: (feedId, format) => {
      counter.reads++;
      return store.getRendition(feedId, format);
    },
  };
  return { counted, counter };
}

const decode = async (served: Awaited<ReturnType<typeof readStoredRendition>>) => {
  const full = await served?.full();
  return full && new TextDecoder().decode(full.bytes);
};

describe('cacheRenditionBytes over SQLite', () => {
  let dir: string;
  let server: SqliteStore;
  let other: SqliteStore;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lede-bytes-'));
    server = await openSqliteStore(join(dir, 'lede.sqlite'));
    other = await openSqliteStore(join(dir, 'lede.sqlite'));
    await server.putRendition(rendition('<rss>«Алматы» — “first”</rss>', '"one"'));
  });
  afterEach(async () => {
    await server.close();
    await other.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('encodes a rendition once and serves its bytes and headers from memory', async () => {
    const { counted, counter } = countBodyReads(server);
    const { read } = cacheRenditionBytes(counted, { version: server.dataVersion });
    const first = await read('kz', 'rss');
    const second = await read('kz', 'rss');
    expect(counter.reads).toBe(1);
    const full = await second?.full();
    const body = '<rss>«Алматы» — “first”</rss>';
    expect(full?.bytes).toEqual(new TextEncoder().encode(body));
    expect(full?.headers['Content-Length']).toBe(String(new TextEncoder().encode(body).byteLength));
    expect(full?.headers.ETag).toBe('"one"');
    expect(second?.notModifiedHeaders).toEqual(first?.notModifiedHeaders);
    // The same answer the store gives without a cache.
    const uncached = await readStoredRendition(server, 'kz', 'rss');
    expect((await uncached?.full())?.headers).toEqual(full?.headers);
    expect(uncached?.notModifiedHeaders).toEqual(second?.notModifiedHeaders);
  });

  it('serves what another connection committed on the next read (data_version)', async () => {
    const { read } = cacheRenditionBytes(server, { version: server.dataVersion });
    expect(await decode(await read('kz', 'rss'))).toContain('first');
    await other.putRendition(rendition('<rss>second</rss>', '"two"'));
    const after = await read('kz', 'rss');
    expect(after?.validators.etag).toBe('"two"');
    expect(await decode(after)).toBe('<rss>second</rss>');
    await other.takeDown({ feedId: 'kz', at: '2026-11-30T11:00:00.000Z' });
    expect(await read('kz', 'rss')).toBeUndefined();
  });

  it('drops a feed’s entries when its own store publishes, takes it down or lifts it', async () => {
    const cached = cacheRenditionBytes(server, { version: server.dataVersion });
    await cached.read('kz', 'rss');
    await cached.store.putRendition(rendition('<rss>third</rss>', '"three"'));
    expect(await decode(await cached.read('kz', 'rss'))).toBe('<rss>third</rss>');
    await cached.store.takeDown({ feedId: 'kz', at: '2026-11-30T11:00:00.000Z' });
    expect(await cached.read('kz', 'rss')).toBeUndefined();
    await cached.store.liftTakedown('kz');
    expect(await cached.read('kz', 'rss')).toBeUndefined();
    await cached.store.putRendition(rendition('<rss>back</rss>', '"four"'));
    expect(await decode(await cached.read('kz', 'rss'))).toBe('<rss>back</rss>');
  });

  it('does not keep what a read in flight got when a write overtook it', async () => {
    const cached = cacheRenditionBytes(server, { version: server.dataVersion });
    const reading = cached.read('kz', 'rss');
    const writing = cached.store.putRendition(rendition('<rss>newer</rss>', '"five"'));
    await Promise.all([reading, writing]);
    expect(await decode(await cached.read('kz', 'rss'))).toBe('<rss>newer</rss>');
  });

  it('keeps at most maxBytes of bodies, the least recently read going first', async () => {
    await server.putRendition({ ...rendition('<atom/>', '"a"'), format: 'atom' });
    await server.putRendition({ ...rendition('{"items":[]}', '"j"'), format: 'json' });
    const { counted, counter } = countBodyReads(server);
    // The RSS is 43 bytes, the Atom 7, the JSON 12: two of them fit, not three.
    const { read } = cacheRenditionBytes(counted, { version: server.dataVersion, maxBytes: 60 });
    await read('kz', 'rss');
    await read('kz', 'atom');
    await read('kz', 'rss');
    await read('kz', 'atom');
    expect(counter.reads).toBe(2);
    await read('kz', 'json');
    await read('kz', 'atom');
    expect(counter.reads).toBe(3);
    await read('kz', 'rss');
    expect(counter.reads).toBe(4);
  });
});
