/**
 * @module runtime/worker/queue
 * Queues mode (docs/workers.md): when an `ARTICLE_QUEUE` binding is configured, a cron tick only reads the
 * source and records what it lists; each pending article becomes one message, and the consumer (`queue()`)
 * fetches, extracts and licenses it with the core's `processArticle`, then re-publishes the feed. Each
 * consumer invocation has its own subrequest and CPU budget, so a feed of 50 new articles is no longer
 * bound by one invocation's.
 *
 * Delivery is at least once and a tick may find an article still pending while its message waits, so a
 * short lease per article (`queued:<feed>:<url>`) keeps a tick from enqueueing it twice, and the consumer
 * skips a record that is no longer pending. Nothing is lost if a message is: the lease expires and the
 * next tick enqueues the article again.
 */
import type { MessageBatch } from '@cloudflare/workers-types';
import type { CoreDeps } from '../../core/ports.ts';
import { createSiteSignalsReader, processArticle, type SiteSignalsReader } from '../../core/refresh/process-article.ts';
import { publishAndNotify } from '../../core/refresh/notify-hub.ts';
import type { FeedDefinition } from '../../core/types.ts';
import type { ArticleMessage, ArticleQueue } from './env.ts';
import type { SubrequestBudget } from './budget.ts';
import { refreshLeaseName, restoreRefused, withLease } from './runner.ts';

/** A message older than this without being consumed is enqueued again by a later tick. */
const QUEUED_LEASE_MS = 10 * 60_000;
/** `sendBatch` takes at most 100 messages (Queues docs, "Limits"). */
const MAX_BATCH_MESSAGES = 100;

/** What travels in a message: the article's key, and the ticket of the lease the producer took for it. */
export interface QueuedArticle extends ArticleMessage {
  readonly ticket: string;
}

/**
 * Name of the lease an enqueued article holds until its message is consumed.
 * @example queuedLeaseName('monitor', 'https://example.kz/a') // 'queued:monitor:https://example.kz/a'
 */
function queuedLeaseName(feedId: string, sourceUrl: string): string {
  return `queued:${feedId}:${sourceUrl}`;
}

function isQueuedArticle(body: unknown): body is QueuedArticle {
  const { feedId, sourceUrl, ticket } = (body ?? {}) as Partial<Record<keyof QueuedArticle, unknown>>;
  return typeof feedId === 'string' && typeof sourceUrl === 'string' && typeof ticket === 'string';
}

/**
 * Enqueue a feed's pending articles that are not already on their way. Returns how many were sent.
 * @example await enqueuePending(deps, env.ARTICLE_QUEUE, feed, holder)
 */
export async function enqueuePending(
  deps: CoreDeps,
  queue: ArticleQueue,
  feed: FeedDefinition,
  ticket: string,
): Promise<number> {
  const now = deps.clock();
  const expiresAt = new Date(now.getTime() + QUEUED_LEASE_MS).toISOString();
  const messages: { body: QueuedArticle }[] = [];
  for (const record of await deps.store.listPending(feed.id, feed.maxItems)) {
    const name = queuedLeaseName(feed.id, record.sourceUrl);
    if (await deps.store.acquireLease(name, ticket, expiresAt, now.toISOString())) {
      messages.push({ body: { feedId: feed.id, sourceUrl: record.sourceUrl, ticket } });
    }
  }
  for (let start = 0; start < messages.length; start += MAX_BATCH_MESSAGES) {
    await queue.sendBatch(messages.slice(start, start + MAX_BATCH_MESSAGES));
  }
  if (messages.length > 0) deps.log('info', 'enqueued', { feed: feed.id, articles: messages.length });
  return messages.length;
}

/** Process one message's article if it is still pending; returns its feed when something was stored. */
async function consumeOne(
  deps: CoreDeps,
  feeds: ReadonlyMap<string, FeedDefinition>,
  budget: SubrequestBudget,
  body: unknown,
  readSite: SiteSignalsReader,
) {
  if (!isQueuedArticle(body)) {
    deps.log('warn', 'dropping a malformed queue message', { body: JSON.stringify(body) });
    return undefined;
  }
  const feed = feeds.get(body.feedId);
  const record = feed && (await deps.store.getArticle(feed.id, body.sourceUrl));
  const pending = feed && record?.state === 'pending' ? feed : undefined;
  if (pending && record) {
    await deps.store.putArticle(await processArticle(deps, pending, record, readSite));
    if (budget.refused.has(record.sourceUrl)) await restoreRefused(deps.store, pending.id, [record.sourceUrl]);
  }
  await deps.store.releaseLease(queuedLeaseName(body.feedId, body.sourceUrl), body.ticket);
  return pending;
}

/**
 * The `queue()` handler's work: one article per message, then one publication per feed touched. A
 * message is retried only when storing failed; a failed fetch is already recorded on the article
 * (attempts, error) and retried by a later tick, as in cron mode.
 *
 * @example await consumeArticles({ deps, feeds, publicUrl, holder, budget }, batch)
 */
export async function consumeArticles(
  consumer: {
    readonly deps: CoreDeps;
    readonly feeds: ReadonlyMap<string, FeedDefinition>;
    readonly publicUrl: string;
    readonly holder: string;
    readonly budget: SubrequestBudget;
  },
  batch: MessageBatch,
): Promise<void> {
  const { deps, feeds, publicUrl, holder, budget } = consumer;
  const touched = new Map<string, FeedDefinition>();
  // robots.txt and tdmrep.json once per origin for the whole batch, not once per article.
  const readSite = createSiteSignalsReader(deps);
  for (const message of batch.messages) {
    try {
      const feed = await consumeOne(deps, feeds, budget, message.body, readSite);
      if (feed) touched.set(feed.id, feed);
      message.ack();
    } catch (error) {
      deps.log('error', 'queue message failed', { id: message.id, message: String(error) });
      message.retry();
    }
  }
  // A feed being refreshed right now is published by that refresh, or by the next tick.
  for (const feed of touched.values()) {
    await withLease(deps, refreshLeaseName(feed.id), holder, () => publishAndNotify(deps, feed, publicUrl));
  }
}
