/**
 * A crash between storing an article's item and publishing its feed's renditions leaves the item stored but
 * in no feed. The next `startLede` publishes it at once — before any refresh, with the source unreachable —
 * because the renditions' input key no longer matches what the store holds (src/runtime/node/server.ts).
 * The crash is reproduced by its result: an item written to the SQLite file of a stopped server.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRuntimeConfig } from '../../../src/core/config/runtime-config.ts';
import { startLede } from '../../../src/runtime/node/server.ts';
import { openSqliteStore } from '../../../src/store/sqlite.ts';
import { startFixtureSite, type FixtureSite } from '../../fixtures/site/server.ts';
import { silentLog } from '../../helpers/silent-log.ts';
import { makeWorkspace } from '../../helpers/spawn-lede.ts';

let site: FixtureSite;
let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
beforeAll(async () => {
  site = await startFixtureSite();
  workspace = await makeWorkspace(site.origin, ['monitor']);
});
afterAll(async () => {
  await site.close();
  await rm(workspace.dir, { recursive: true, force: true });
});

describe('items stored by a run that crashed before publishing', () => {
  it('are published by the next start, before any refresh and without the source', async () => {
    const config = parseRuntimeConfig({ PORT: '0', FEEDS_DIR: workspace.feedsDir, DATA_DIR: workspace.dataDir });
    const first = await startLede(config, silentLog);
    await first.initialRefresh;
    const before = await (await fetch(`${first.url}/feeds/monitor.rss`)).text();
    await first.close();

    // What the crashed run left: one more item in the store, in no rendition.
    const store = await openSqliteStore(path.join(workspace.dataDir, 'lede.sqlite'));
    const [latest] = await store.listPublished('monitor', 1);
    if (!latest?.item) throw new Error('the first run published nothing');
    const url = `${site.origin}/politics/9999/stored-before-the-crash`;
    const title = 'Stored before the crash';
    const publishedAt = new Date(Date.parse(latest.item.published) + 60_000).toISOString();
    await store.putArticle({
      ...latest,
      sourceUrl: url,
      entry: { ...latest.entry, url, title },
      item: { ...latest.item, id: url, url, title, published: publishedAt },
    });
    await store.close();
    expect(before).not.toContain(title);

    await site.close();
    site = await startFixtureSite(); // another port: the definitions' source is now unreachable
    const second = await startLede(config, silentLog);
    try {
      const after = await (await fetch(`${second.url}/feeds/monitor.rss`)).text();
      expect(after).toContain(title);
      expect(after).toContain(url);
    } finally {
      await second.close();
    }
  });
});
