/**
 * @module tests/runtime/worker/coalesced-cache
 * Concurrent reads of one key share one Cache API `match` (src/runtime/worker/coalesced-cache.ts), in
 * Miniflare's real cache, counted by a wrapper — and sharing never hides a write: a read after this isolate's
 * `put` or `delete` asks the cache again, even while an older read of the key is still under way. Through the
 * Worker, concurrent requests for a cached feed make one `match` between them, each with the whole answer.
 */
import { describe, expect, it } from 'vitest';
import { openDefaultCache } from '../../../src/runtime/worker/cache.ts';
import { createLedeWorker } from '../../../src/runtime/worker/handlers.ts';
import { createCoalescedCache, type EdgeCache } from '../../../src/runtime/worker/coalesced-cache.ts';
import { fixtureSite, renderRss } from './fixture-control.ts';
import { envWith, request, tick, uniquePrefix } from './worker-helpers.ts';

/** `caches.default`, counting the `match`es of each key. */
function countingCache(): { cache: EdgeCache; matches: Map<string, number> } {
  const matches = new Map<string, number>();
  const real = openDefaultCache();
  if (!real) throw new Error('workerd has a Cache API: caches.default is missing');
  const cache: EdgeCache = {
    match: (key) => {
      matches.set(key, (matches.get(key) ?? 0) + 1);
      return real.match(key);
    },
    put: (key, response) => real.put(key, response),
    delete: async (key) => (await real.delete?.(key)) ?? false,
  };
  return { cache, matches };
}

const entry = (text: string) =>
  new Response(text, { headers: { 'Cache-Control': 'public, max-age=300', ETag: '"x"' } });
const decode = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

describe('coalesced Cache API reads', () => {
  it('shares one match between concurrent reads of a key, and asks again once it settled', async () => {
    const key = `http://lede.test/coalesce/${uniquePrefix('shared')}`;
    const { cache, matches } = countingCache();
    const coalesced = createCoalescedCache(cache);
    await coalesced.put(key, entry('first bytes'));
    const reads = await Promise.all(Array.from({ length: 8 }, () => coalesced.match(key)));
    expect(matches.get(key)).toBe(1);
    expect(reads.map((read) => decode(read?.body))).toEqual(Array(8).fill('first bytes'));
    expect(reads[0]?.headers.get('etag')).toBe('"x"');
    await coalesced.match(key);
    expect(matches.get(key)).toBe(2);
  });

  it('never answers a read that follows a put or a delete with what an older read found', async () => {
    const key = `http://lede.test/coalesce/${uniquePrefix('written')}`;
    const coalesced = createCoalescedCache(countingCache().cache);
    await coalesced.put(key, entry('old bytes'));
    const older = coalesced.match(key);
    await coalesced.put(key, entry('new bytes'));
    expect(decode((await coalesced.match(key))?.body)).toBe('new bytes');
    expect(decode((await older)?.body)).not.toBe('');
    const before = coalesced.match(key);
    await coalesced.delete(key);
    expect(await coalesced.match(key)).toBeUndefined();
    await before;
  });
});

describe('coalesced reads through the Worker', () => {
  it('answers concurrent requests for a cached feed with one match, each with the whole feed', async () => {
    const site = fixtureSite();
    const prefix = uniquePrefix('coalesced');
    const url = await site.addArticle({
      path: `${prefix}/news/1/story`,
      title: 'A story many read at once',
      paragraphs: ['The first paragraph of a story that many readers ask for at the same moment, at length.'],
      published: '2025-03-15T09:00:00+05:00',
    });
    await site.setFile(
      `${prefix}/rss`,
      renderRss('Coalesced', [{ url, title: 'Many', published: '2025-03-15T09:00:00+05:00' }]),
    );
    const definition = {
      title: 'Coalesced',
      site: `${site.origin}/`,
      source: { type: 'feed', url: site.url(`${prefix}/rss`) },
      article: { content: '.article__body' },
      license: { maxShare: 0.3, attribution: 'The Qazaqstan Monitor' },
    };
    const { cache, matches } = countingCache();
    const files = [{ id: 'many', file: 'feeds/many.json', text: JSON.stringify(definition) }];
    const worker = createLedeWorker(files, { openCache: () => cache });
    const workerEnv = envWith({ ARTICLE_QUEUE: undefined });
    await tick(worker, workerEnv, Date.now());
    const first = await request(worker, workerEnv, '/feeds/many.rss');
    const body = await first.text();
    const key = 'http://lede.test/feeds/many.rss';
    const before = matches.get(key) ?? 0;
    const answers = await Promise.all(Array.from({ length: 6 }, () => request(worker, workerEnv, '/feeds/many.rss')));
    expect(matches.get(key)).toBe(before + 1);
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.headers.get('etag')).toBe(first.headers.get('etag'));
      expect(await answer.text()).toBe(body);
    }
  });
});
