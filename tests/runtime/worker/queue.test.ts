/**
 * @module tests/runtime/worker/queue
 * Queues mode (src/runtime/worker/queue.ts): a tick reads the source and sends one message per pending
 * article, never twice while a message is on its way; `queue()` processes one article per message with
 * the core's `processArticle`, skips what is no longer pending, drops malformed messages, and publishes.
 * The last test runs the real thing: Miniflare's queue delivering the producer's messages to the main
 * Worker's consumer.
 */
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import type { ArticleMessage } from '../../../src/runtime/worker/env.ts';
import worker from '../../../src/runtime/worker/index.ts';
import { fixtureSite, renderRss } from './fixture-control.ts';
import { envWith, FIVE_MINUTES, servedItems, testStore, tick, uniquePrefix, workerFor } from './worker-helpers.ts';

const site = fixtureSite();

/** A producer binding that keeps what it is sent. */
function collectingQueue() {
  const sent: { body: ArticleMessage }[] = [];
  return {
    sent,
    sendBatch: (messages: Iterable<{ body: ArticleMessage }>) => {
      sent.push(...messages);
      return Promise.resolve();
    },
  };
}

async function consume(target: typeof worker, workerEnv: ReturnType<typeof envWith>, bodies: unknown[]) {
  const batch = createMessageBatch(
    'lede-articles',
    bodies.map((body, i) => ({ id: `m${i}`, timestamp: Date.now(), attempts: 1, body })),
  );
  const ctx = createExecutionContext();
  await target.queue(batch, workerEnv, ctx);
  return getQueueResult(batch, ctx);
}

describe('Queues mode: producer and consumer', () => {
  const prefix = uniquePrefix('queue');
  const queue = collectingQueue();
  const workerEnv = envWith({ ARTICLE_QUEUE: queue });
  const feed = workerFor({
    fanout: {
      title: 'Fan-out feed',
      site: `${site.origin}/`,
      source: { type: 'feed', url: site.url(`${prefix}/rss`) },
      article: { content: '.article__body', remove: ['.related', '.share'] },
      license: { maxShare: 0.3, attribution: 'The Qazaqstan Monitor' },
    },
  });
  const urls: string[] = [];

  it('a tick reads the source and enqueues each pending article once, fetching none itself', async () => {
    const links = [];
    for (let n = 0; n < 4; n++) {
      const title = `Queued story ${n}`;
      const published = `2025-03-13T11:0${n}:00+05:00`;
      const paragraphs = [
        `Queued story ${n} begins with a paragraph of ordinary words.`,
        `It ends with a second paragraph.`,
      ];
      const url = await site.addArticle({ path: `${prefix}/news/${n}/story`, title, paragraphs, published });
      urls.push(url);
      links.unshift({ url, title, published });
    }
    await site.setFile(`${prefix}/rss`, renderRss('Fan-out', links));
    await tick(feed, workerEnv, Date.now());
    expect(queue.sent.map((message) => message.body.sourceUrl).sort()).toEqual([...urls].sort());
    expect(await site.hitsUnder(`${prefix}/news/`)).toBe(0);
    // Still pending, but its messages are on their way: the next tick sends nothing new.
    await tick(feed, workerEnv, Date.now() + FIVE_MINUTES);
    expect(queue.sent).toHaveLength(4);
  });

  it('queue() processes one article per message, acks each, and publishes the feed', async () => {
    const result = await consume(
      feed,
      workerEnv,
      queue.sent.map((message) => message.body),
    );
    expect(result.explicitAcks.sort()).toEqual(['m0', 'm1', 'm2', 'm3']);
    expect(result.retryMessages).toEqual([]);
    expect((await servedItems(feed, workerEnv, 'fanout')).map((item) => item.url).sort()).toEqual([...urls].sort());
    expect(await testStore().listPending('fanout', 10)).toEqual([]);
  });

  it('skips a redelivered message whose article is no longer pending, and drops malformed ones', async () => {
    const hits = await site.hitsUnder(`${prefix}/news/`);
    const result = await consume(feed, workerEnv, [queue.sent[0]?.body, { feedId: 'fanout' }, 'nonsense']);
    expect(result.explicitAcks.sort()).toEqual(['m0', 'm1', 'm2']);
    expect(await site.hitsUnder(`${prefix}/news/`)).toBe(hits);
  });
});

describe('Queues mode: Miniflare delivers to the main Worker’s queue()', () => {
  it('converges the bundled `queued` feed through the real queue', async () => {
    const ctx = createExecutionContext();
    await worker.scheduled({ scheduledTime: Date.now(), cron: '*/5 * * * *' }, env, ctx);
    await vi.waitFor(async () => expect(await servedItems(worker, env, 'queued')).toHaveLength(6), {
      timeout: 20_000,
      interval: 250,
    });
    expect(await testStore().listPending('queued', 10)).toEqual([]);
  }, 30_000);
});
