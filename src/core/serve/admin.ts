/**
 * @module core/serve/admin
 * The routes behind `Authorization: Bearer $ADMIN_TOKEN` (RFC 6750): refresh, the per-source kill switch,
 * and the licence audit. Without a configured token they answer 403 to everyone.
 *
 * - `POST /admin/refresh`, `POST /admin/refresh/{id}[?wait=0]`, `GET /admin/refresh/{id}`: run refreshes and
 *   read their status (core/serve/admin-refresh);
 * - `POST /admin/takedown/{id}` (optional JSON body `{"reason": "…"}`): purge the feed's items and
 *   renditions everywhere at once — the store, and the edge cache through `purgeCache` on Workers — and
 *   answer 410 for it from then on; the takedown is stored, so it survives restarts;
 * - `DELETE /admin/takedown/{id}`: lift it; the feed is rebuilt from nothing by its next refresh (or at
 *   once with `POST /admin/refresh/{id}`). A feed disabled by its definition is lifted only there (409);
 * - `GET /feeds/{id}/audit`: re-verify every stored item (src/core/refresh/audit-feed.ts);
 * - `POST /admin/reload`: re-read the feed definitions (src/core/serve/admin-reload.ts).
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { auditFeed } from '../refresh/audit-feed.ts';
import { FEED_FORMATS } from '../feed-formats.ts';
import { mountRefreshRoutes } from './admin-refresh.ts';
import { requireBearer, type TokenGuard } from './token-auth.ts';
import type { FeedDefinition } from '../types.ts';
import type { Rendition, Takedown } from '../store.ts';
import { serveReload } from './admin-reload.ts';
import { currentFeeds, type ServeEnv, type ServeOptions } from './serve-env.ts';

type AdminContext = Context<ServeEnv>;

const NO_STORE = { 'Cache-Control': 'no-store' };

/** The `reason` of a takedown request: a short string from an optional JSON body. */
async function readReason(c: AdminContext): Promise<string | undefined> {
  try {
    const body: unknown = await c.req.json();
    const reason = typeof body === 'object' && body !== null && 'reason' in body ? body.reason : undefined;
    return typeof reason === 'string' && reason.trim() !== '' ? reason.trim().slice(0, 500) : undefined;
  } catch {
    return undefined;
  }
}

async function takeDownFeed(c: AdminContext, options: ServeOptions, feed: FeedDefinition): Promise<Response> {
  const store = c.get('store');
  const reason = await readReason(c);
  // The validators first: the edge cache keys renditions by ETag, and the store forgets them in the purge.
  const renditions = (
    await Promise.all(FEED_FORMATS.map((format) => store.getRenditionValidators(feed.id, format)))
  ).filter((rendition): rendition is Omit<Rendition, 'body'> => rendition !== undefined);
  const takedown: Takedown = { feedId: feed.id, at: options.clock().toISOString(), reason };
  await store.takeDown(takedown);
  await c.get('purgeCache')?.(feed.id, renditions);
  options.log('warn', 'feed taken down', { feed: feed.id, reason, renditions: renditions.length });
  return c.json({ ...takedown, purged: { renditions: renditions.length } }, 200, NO_STORE);
}

async function liftFeed(c: AdminContext, options: ServeOptions, feed: FeedDefinition): Promise<Response> {
  if (feed.enabled === false) {
    return c.json(
      { error: 'this feed is disabled by its definition ("enabled": false); lift it there' },
      409,
      NO_STORE,
    );
  }
  await c.get('store').liftTakedown(feed.id);
  options.log('info', 'takedown lifted', { feed: feed.id });
  return c.json({ feedId: feed.id, lifted: true }, 200, NO_STORE);
}

function withFeed(options: ServeOptions, handle: (c: AdminContext, feed: FeedDefinition) => Promise<Response>) {
  return (c: AdminContext) => {
    const feed = currentFeeds(options).feeds.get(c.req.param('id') ?? '');
    return feed ? handle(c, feed) : c.json({ error: 'no such feed' }, 404, NO_STORE);
  };
}

/** On a read-only store every admin write is refused up front, with the reason (503: it may pass, RFC 9110 §15.6.4). */
function refuseWritesWhenReadOnly(options: ServeOptions): MiddlewareHandler<ServeEnv> {
  return async (c, next) => {
    if (options.readOnly === undefined || c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    return c.json({ error: `the store is read-only, refreshes are off: ${options.readOnly}` }, 503, NO_STORE);
  };
}

/**
 * The admin routes as a sub-app, mounted at the root by the app (`app.route('/', createAdminApp(options))`):
 * the audit lives under `/feeds/{id}/`, beside the feed it audits, the rest under `/admin/`.
 *
 * @example app.route('/', createAdminApp({ feeds, adminToken, log, clock }))
 */
export function createAdminApp(options: ServeOptions, guard: TokenGuard): Hono<ServeEnv> {
  const admin = new Hono<ServeEnv>();
  const tokens = options.adminToken ? [options.adminToken] : [];
  const auth = requireBearer(tokens, 'admin API disabled: ADMIN_TOKEN is not set', guard);
  admin.use('/admin/*', auth);
  admin.use('/admin/*', refuseWritesWhenReadOnly(options));
  mountRefreshRoutes(admin, options, (handle) => withFeed(options, handle));
  admin.post('/admin/reload', serveReload(options));
  admin.post(
    '/admin/takedown/:id',
    withFeed(options, (c, feed) => takeDownFeed(c, options, feed)),
  );
  admin.delete(
    '/admin/takedown/:id',
    withFeed(options, (c, feed) => liftFeed(c, options, feed)),
  );
  admin.get(
    '/feeds/:id/audit',
    auth,
    withFeed(options, async (c, feed) =>
      c.json(await auditFeed({ store: c.get('store'), clock: options.clock }, feed), 200, NO_STORE),
    ),
  );
  return admin;
}
