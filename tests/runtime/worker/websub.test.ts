/**
 * @module tests/runtime/worker/websub
 * WebSub inside workerd: with `WEBSUB_HUB` set, a cron tick that changes a feed pings the hub fixture of
 * tests/runtime/worker/fixture-origin.ts (`hub.mode=publish`, `hub.url` per format, form-encoded) through
 * the Worker's `fetch`, every format served advertises the hub, and a failed ping is retried next tick.
 */
import { describe, expect, it } from 'vitest';
import { fixtureSite, renderRss } from './fixture-control.ts';
import { envWith, FIVE_MINUTES, request, testStore, tick, uniquePrefix, workerFor } from './worker-helpers.ts';

const site = fixtureSite();

/** The hub pings about `feedId`'s URLs, as `hub.url` values (other test files share the hub). */
async function topicsPinged(feedId: string): Promise<string[]> {
  const pings = await site.hubPings();
  return pings
    .filter((ping) => ping.fields.some(([, value]) => value.includes(`/feeds/${feedId}.`)))
    .map((ping) => {
      expect(ping.contentType).toBe('application/x-www-form-urlencoded');
      expect(ping.fields[0]).toEqual(['hub.mode', 'publish']);
      return ping.fields.find(([name]) => name === 'hub.url')?.[1] ?? '';
    });
}

async function publishOne(prefix: string): Promise<void> {
  const url = await site.addArticle({
    path: `${prefix}/news/1/story`,
    title: 'A story from the steppe',
    paragraphs: ['The first paragraph tells what happened. The second sentence explains why it matters.'],
    published: '2025-03-13T08:00:00+05:00',
  });
  await site.setFile(
    `${prefix}/rss`,
    renderRss('Feed', [{ url, title: 'A story from the steppe', published: '2025-03-13T08:00:00+05:00' }]),
  );
}

function definition(prefix: string): object {
  return {
    title: 'WebSub feed',
    site: `${site.origin}/`,
    language: 'en',
    source: { type: 'feed', url: site.url(`${prefix}/rss`) },
    article: { content: '.article__body', remove: [] },
    license: { maxShare: 0.3, attribution: 'The Qazaqstan Monitor' },
    schedule: '*/5 * * * *',
    maxItems: 10,
  };
}

describe('WebSub on Workers', () => {
  it('advertises the hub, pings it for every changed format, and retries a failed ping', async () => {
    const prefix = uniquePrefix('websub');
    const feedId = `websub${prefix.slice(-8)}`;
    const topics = ['rss', 'atom', 'json'].map((format) => `http://lede.test/feeds/${feedId}.${format}`);
    await publishOne(prefix);
    const workerEnv = envWith({ ARTICLE_QUEUE: undefined, WEBSUB_HUB: site.hubUrl });
    const worker = workerFor({ [feedId]: definition(prefix) });

    await site.hubAnswer(500);
    // The Worker's clock is the real one: ticks are scheduled from now, so the next is due.
    await tick(worker, workerEnv, Date.now());
    expect(await topicsPinged(feedId)).toEqual(topics);
    expect((await testStore().getFeedState(feedId))?.hubPending).toEqual(topics);

    await site.hubAnswer(204);
    await tick(worker, workerEnv, Date.now() + 2 * FIVE_MINUTES);
    expect(await topicsPinged(feedId)).toEqual([...topics, ...topics]);
    expect((await testStore().getFeedState(feedId))?.hubPending).toBeUndefined();

    const atom = await (await request(worker, workerEnv, `/feeds/${feedId}.atom`)).text();
    expect(atom).toContain(`<link rel="hub" href="${site.hubUrl}"/>`);
    const rss = await (await request(worker, workerEnv, `/feeds/${feedId}.rss`)).text();
    expect(rss).toContain(`<atom:link href="${site.hubUrl}" rel="hub"/>`);
    const json = (await (await request(worker, workerEnv, `/feeds/${feedId}.json`)).json()) as { hubs: unknown };
    expect(json.hubs).toEqual([{ type: 'WebSub', url: site.hubUrl }]);
  });
});
