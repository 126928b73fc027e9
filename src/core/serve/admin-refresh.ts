/**
 * @module core/serve/admin-refresh
 * The refresh routes of the admin API (behind the admin token, mounted by core/serve/admin):
 *
 * - `POST /admin/refresh`: every feed one after another, answering `{ "reports": [...] }` when done;
 * - `POST /admin/refresh/{id}`: one feed, answering its report when done (a run in flight is joined);
 * - `POST /admin/refresh/{id}?wait=0`: starts (or joins) the run and answers `202 Accepted` at once with
 *   `Location` naming the status below (RFC 9110 §15.3.3: the request was accepted, processing goes on).
 *   The run goes on through the request's `defer` (`waitUntil` on Workers); on Node the runner tracks it,
 *   so a shutdown aborts it and waits for it;
 * - `GET /admin/refresh/{id}`: `{ feedId, state: "running" | "idle", lastReport }` — whether a run is in
 *   flight (the runner's word), and the report the last finished run stored in the feed's state.
 */
import type { Context, Hono } from 'hono';
import type { FeedDefinition } from '../types.ts';
import { currentFeeds, type ServeEnv, type ServeOptions } from './serve-env.ts';

type AdminContext = Context<ServeEnv>;

const NO_STORE = { 'Cache-Control': 'no-store' };

/** An operator asking for a refresh does not wait out Lede's own failure backoff (src/core/refresh/backoff.ts). */
const BY_HAND = { byHand: true } as const;

/** `wait`: absent or `1` waits for the report, `0` answers 202 at once; anything else is a mistake. */
function readWait(c: AdminContext): boolean | undefined {
  const wait = c.req.query('wait');
  return wait === undefined || wait === '1' ? true : wait === '0' ? false : undefined;
}

/** Where a feed's refresh status is read: under the public URL when one is configured, else this request's origin. */
function statusUrl(c: AdminContext, options: ServeOptions, feedId: string): { path: string; url: string } {
  const path = `/admin/refresh/${encodeURIComponent(feedId)}`;
  return { path, url: new URL(path, options.publicUrl ?? c.req.url).href };
}

async function startRefresh(c: AdminContext, options: ServeOptions, feed: FeedDefinition): Promise<Response> {
  const wait = readWait(c);
  if (wait === undefined) return c.json({ error: 'wait must be 0 or 1' }, 400, NO_STORE);
  const run = c.get('runner').refresh(feed, BY_HAND);
  if (wait) return c.json(await run, 200, NO_STORE);
  // The runner never rejects; `defer` keeps a Worker invocation alive until the run ends.
  c.get('defer')?.(run);
  const { path, url } = statusUrl(c, options, feed.id);
  return c.json({ feedId: feed.id, state: 'running', statusUrl: url }, 202, { ...NO_STORE, Location: path });
}

async function readStatus(c: AdminContext, feed: FeedDefinition): Promise<Response> {
  const running = await c.get('runner').isRunning(feed.id);
  const state = await c.get('store').getFeedState(feed.id);
  return c.json(
    { feedId: feed.id, state: running ? 'running' : 'idle', lastReport: state?.lastReport ?? null },
    200,
    NO_STORE,
  );
}

/**
 * Register the refresh routes on the admin sub-app, whose `/admin/*` is already behind the token.
 * `withFeed` answers 404 for an unknown id.
 *
 * @example mountRefreshRoutes(admin, options, withFeed)
 */
export function mountRefreshRoutes(
  admin: Hono<ServeEnv>,
  options: ServeOptions,
  withFeed: (
    handle: (c: AdminContext, feed: FeedDefinition) => Promise<Response>,
  ) => (c: AdminContext) => Response | Promise<Response>,
): void {
  admin.post('/admin/refresh', async (c) =>
    c.json(
      { reports: await c.get('runner').refreshMany([...currentFeeds(options).feeds.values()], BY_HAND) },
      200,
      NO_STORE,
    ),
  );
  admin.post(
    '/admin/refresh/:id',
    withFeed((c, feed) => startRefresh(c, options, feed)),
  );
  admin.get(
    '/admin/refresh/:id',
    withFeed((c, feed) => readStatus(c, feed)),
  );
}
