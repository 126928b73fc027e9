/**
 * @module runtime/worker
 * PLACEHOLDER, written by the store/Workers-harness engineer so that wrangler.toml's `main` resolves and
 * the Workers tests can start. The Workers runtime owner replaces this file with the real entry
 * (Hono app + scheduled refresh on D1), keeping a default export with `fetch(request, env, ctx)`.
 */
export default {
  fetch(_request: Request, _env: unknown, _ctx: unknown): Response {
    return new Response('Not Found', { status: 404 });
  },
};
