/**
 * @module core/serve/app
 * The one Hono app both runtimes serve. It only reads the store and calls the refresh runner; it
 * never fetches, extracts or renders on a reader's request.
 *
 * Built once, as Hono apps are: what lasts as long as the app (`ServeOptions`) is given when it is
 * built; what belongs to a request (`ServeVariables`: the store, the runner, the cache purge) is set on the
 * context by the runtime's middleware and read by the routes with `c.get()` (src/core/serve/serve-env.ts).
 * Node builds it with `createApp`, whose middleware sets the same store and runner on every request; the
 * Worker builds it once per isolate with `createServeApp` and its own per-invocation middleware.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { LedeError } from '../errors.ts';
import { createAdminApp } from './admin.ts';
import { FEED_ROUTE, serveFeed } from './feed-route.ts';
import { buildHealth } from './health.ts';
import { createMetricsRoute } from './metrics-route.ts';
import { createFailedAuthCounter } from './token-auth.ts';
import { CORS_HEADERS, PREFLIGHT_HEADERS, READ_METHODS } from './http-cache.ts';
import { serveOpml } from './opml.ts';
import { logRequests } from './request-log.ts';
import { loadIndexViews, renderIndexPage } from './pages/index-page.ts';
import { pageHeaders } from './pages/page-shell.ts';
import { servePreview } from './pages/preview-page.ts';
import { currentFeeds, type ServeEnv, type ServeOptions, type ServeVariables } from './serve-env.ts';

/** Everything an app serves from when its store and runner never change (Node, tests, the bench). */
type AppDeps = ServeOptions & Readonly<ServeVariables>;

const NO_STORE = { 'Cache-Control': 'no-store' };

/**
 * The public routes are read-only: GET and HEAD pass, OPTIONS is answered here (a CORS preflight where
 * `cors`), any other method is 405 with `Allow` (RFC 9110 §15.5.6) rather than a 404 that would deny the
 * resource exists. A middleware, so it holds whatever GET handlers are registered for the path, and in any order.
 */
function allowReadOnly(cors: boolean): MiddlewareHandler<ServeEnv> {
  return async (c, next) => {
    const { method } = c.req;
    if (method === 'GET' || method === 'HEAD') return next();
    if (method === 'OPTIONS') return c.body(null, 204, cors ? PREFLIGHT_HEADERS : { Allow: READ_METHODS });
    return c.json({ error: 'method not allowed' }, 405, { Allow: READ_METHODS, ...(cors ? CORS_HEADERS : {}) });
  };
}

/**
 * A HEAD carries every header its GET would (RFC 9110 §9.3.2), Content-Length included: Hono answers HEAD
 * by running the GET and dropping its body, and the length went with it. The body is measured here, once,
 * unless the answer already states its length. Any other method passes straight on (no frame of its own:
 * this runs on every request).
 */
const measureHead: MiddlewareHandler = (c, next) => (c.req.method === 'HEAD' ? measureHeadBody(c, next) : next());

const measureHeadBody: MiddlewareHandler = async (c, next) => {
  await next();
  if (!c.res.body || c.res.headers.has('Content-Length')) return;
  const length = (await c.res.arrayBuffer()).byteLength;
  const headers = new Headers(c.res.headers);
  headers.set('Content-Length', String(length));
  c.res = new Response(null, { status: c.res.status, headers });
};

/** The routes, over the request's variables; mounted by `createServeApp` behind the runtime's middleware. */
function createRoutes(options: ServeOptions): Hono<ServeEnv> {
  const routes = new Hono<ServeEnv>();
  for (const path of [FEED_ROUTE, '/feeds.opml']) routes.use(path, allowReadOnly(true));
  for (const path of ['/', '/healthz']) routes.use(path, allowReadOnly(false));
  // Rendered per request: it shows each feed's live state (a state row and the stored JSON rendition each).
  routes.get('/', async (c) => {
    const feeds = [...currentFeeds(options).feeds.values()];
    return c.html(renderIndexPage(feeds, await loadIndexViews(c.get('store'), feeds)), 200, {
      ...(await pageHeaders()),
      'Cache-Control': 'public, max-age=300',
    });
  });
  routes.get('/healthz', async (c) => {
    const { body, httpStatus } = await buildHealth(options, c.get('store'));
    return c.json(body, httpStatus, NO_STORE);
  });
  routes.get('/feeds.opml', serveOpml(options));
  // A feed id alone (no extension): its preview page. `/feeds/{id}.{format}` falls through to the feed route.
  routes.get('/feeds/:id{[a-z0-9][a-z0-9_-]*}', async (c) => {
    const feed = currentFeeds(options).feeds.get(c.req.param('id'));
    if (!feed) return c.json({ error: 'no such feed' }, 404);
    return (await servePreview(c, feed)) ?? c.json({ error: 'this feed has been taken down' }, 410, NO_STORE);
  });
  routes.get(FEED_ROUTE, serveFeed(options));
  // One count of failed token attempts for both doors, per client address (src/core/serve/token-auth.ts).
  const guard = {
    counter: createFailedAuthCounter(),
    clientAddress: options.clientAddress ?? (() => undefined),
    clock: options.clock,
  };
  routes.route('/', createAdminApp(options, guard));
  routes.route('/', createMetricsRoute(options, guard));
  return routes;
}

/**
 * Build the app once; `middleware` runs first on every request and must `c.set()` the `ServeVariables`
 * (the runtime's per-request dependencies) before calling `next()` — or answer the request itself, as the
 * Worker's cache does for a cached feed.
 *
 * @example
 * const app = createServeApp<WorkerHonoEnv>(options, async (c, next) => {
 *   c.set('store', createD1Store(c.env.DB));
 *   c.set('runner', runnerFor(c));
 *   await next();
 * });
 * export default { fetch: app.fetch };
 */
export function createServeApp<E extends ServeEnv>(options: ServeOptions, ...middleware: MiddlewareHandler<E>[]) {
  const app = new Hono<E>();
  app.use(logRequests(options.log, options.onRequest));
  app.use(measureHead);
  for (const handler of middleware) app.use(handler);
  app.route('/', createRoutes(options));
  // Only the top-level app's handlers apply (hono.dev, "App": notFound is called from the top-level app only).
  app.notFound((c) => c.json({ error: 'not found' }, 404));
  app.onError((error, c) => {
    if (error instanceof HTTPException) return error.getResponse();
    options.log('error', 'request failed', { path: c.req.path, message: error.message });
    // A store that cannot answer (D1 down, a database gone) is unavailable, not broken: 503, retry in a minute.
    if (error instanceof LedeError && error.code === 'storage')
      return c.json({ error: 'storage unavailable, try again shortly' }, 503, { 'Retry-After': '60', ...NO_STORE });
    return c.json({ error: 'internal error' }, 500);
  });
  return app;
}

/**
 * The app over one store and one runner for every request: Node's, the tests' and the bench's.
 * @example const app = createApp({ store, feeds, runner, log, clock: () => new Date(), adminToken: config.adminToken })
 */
export function createApp(deps: AppDeps): Hono<ServeEnv> {
  const { store, runner, purgeCache, readRendition, ...options } = deps;
  return createServeApp<ServeEnv>(options, (c, next) => {
    c.set('store', store);
    c.set('runner', runner);
    if (purgeCache) c.set('purgeCache', purgeCache);
    if (readRendition) c.set('readRendition', readRendition);
    return next();
  });
}
