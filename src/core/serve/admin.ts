/**
 * @module core/serve/admin
 * The routes behind `Authorization: Bearer $ADMIN_TOKEN` (RFC 6750): refresh, the per-source kill switch,
 * and the licence audit. Without a configured token they answer 403 to everyone.
 *
 * - `POST /admin/refresh`, `POST /admin/refresh/{id}`: run refreshes, answer their reports;
 * - `POST /admin/takedown/{id}` (optional JSON body `{"reason": "…"}`): purge the feed's items and
 *   renditions everywhere at once — the store, and the edge cache through `purgeCache` on Workers — and
 *   answer 410 for it from then on; the takedown is stored, so it survives restarts;
 * - `DELETE /admin/takedown/{id}`: lift it; the feed is rebuilt from nothing by its next refresh (or at
 *   once with `POST /admin/refresh/{id}`). A feed disabled by its definition is lifted only there (409);
 * - `GET /feeds/{id}/audit`: re-verify every stored item (src/core/refresh/audit-feed.ts).
 */
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { auditFeed } from '../refresh/audit-feed.ts';
import { FEED_FORMATS } from '../feed-formats.ts';
import type { FeedDefinition } from '../types.ts';
import type { Rendition, Takedown } from '../store.ts';
import type { AppDeps } from './app.ts';

const NO_STORE = { 'Cache-Control': 'no-store' };

function requireToken(adminToken: string | undefined): MiddlewareHandler {
  return async (c, next) => {
    if (!adminToken) return c.json({ error: 'admin API disabled: ADMIN_TOKEN is not set' }, 403, NO_STORE);
    return bearerAuth({ token: adminToken })(c, next);
  };
}

/** The `reason` of a takedown request: a short string from an optional JSON body. */
async function readReason(c: Context): Promise<string | undefined> {
  try {
    const body: unknown = await c.req.json();
    const reason = typeof body === 'object' && body !== null && 'reason' in body ? body.reason : undefined;
    return typeof reason === 'string' && reason.trim() !== '' ? reason.trim().slice(0, 500) : undefined;
  } catch {
    return undefined;
  }
}

async function takeDownFeed(c: Context, deps: AppDeps, feed: FeedDefinition): Promise<Response> {
  const reason = await readReason(c);
  // The validators first: the edge cache keys renditions by ETag, and the store forgets them in the purge.
  const renditions = (
    await Promise.all(FEED_FORMATS.map((format) => deps.store.getRenditionValidators(feed.id, format)))
  ).filter((rendition): rendition is Omit<Rendition, 'body'> => rendition !== undefined);
  const takedown: Takedown = { feedId: feed.id, at: deps.clock().toISOString(), ...(reason ? { reason } : {}) };
  await deps.store.takeDown(takedown);
  await deps.purgeCache?.(feed.id, renditions);
  deps.log('warn', 'feed taken down', { feed: feed.id, reason, renditions: renditions.length });
  return c.json({ ...takedown, purged: { renditions: renditions.length } }, 200, NO_STORE);
}

async function liftFeed(c: Context, deps: AppDeps, feed: FeedDefinition): Promise<Response> {
  if (feed.enabled === false) {
    return c.json(
      { error: 'this feed is disabled by its definition ("enabled": false); lift it there' },
      409,
      NO_STORE,
    );
  }
  await deps.store.liftTakedown(feed.id);
  deps.log('info', 'takedown lifted', { feed: feed.id });
  return c.json({ feedId: feed.id, lifted: true }, 200, NO_STORE);
}

function withFeed(deps: AppDeps, handle: (c: Context, feed: FeedDefinition) => Promise<Response>) {
  return (c: Context) => {
    const feed = deps.feeds.get(c.req.param('id') ?? '');
    return feed ? handle(c, feed) : c.json({ error: 'no such feed' }, 404, NO_STORE);
  };
}

/**
 * Mount the admin routes on the app.
 * @example mountAdmin(app, deps)
 */
export function mountAdmin(app: Hono, deps: AppDeps): void {
  const auth = requireToken(deps.adminToken);
  app.use('/admin/*', auth);
  app.post('/admin/refresh', async (c) =>
    c.json({ reports: await deps.runner.refreshMany([...deps.feeds.values()]) }, 200, NO_STORE),
  );
  app.post(
    '/admin/refresh/:id',
    withFeed(deps, async (c, feed) => c.json(await deps.runner.refresh(feed), 200, NO_STORE)),
  );
  app.post(
    '/admin/takedown/:id',
    withFeed(deps, (c, feed) => takeDownFeed(c, deps, feed)),
  );
  app.delete(
    '/admin/takedown/:id',
    withFeed(deps, (c, feed) => liftFeed(c, deps, feed)),
  );
  app.get(
    '/feeds/:id/audit',
    auth,
    withFeed(deps, async (c, feed) => c.json(await auditFeed(deps, feed), 200, NO_STORE)),
  );
}
