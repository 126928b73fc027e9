/**
 * @module tests/contract/route-cases-feed-semantics
 * Feed semantics both runtimes must answer identically (run by tests/runtime/node/routes.test.ts and
 * tests/runtime/worker/routes.test.ts, over the same seeded fixture feeds as tests/contract/route-cases.ts):
 * a feed never built answers 503 + Retry-After in every format; a built feed states its last build —
 * RSS `lastBuildDate`, Atom `updated`, JSON Feed `_lede.updated` — as the instant of its Last-Modified.
 */
import { describe, expect, it } from 'vitest';
import { useSeededTarget, type SendRequest } from './route-cases.ts';

const BASE = 'http://lede.test';

/** The build date a feed body states, by format. */
function statedBuild(format: string, body: string): string | undefined {
  if (format === 'rss') return /<lastBuildDate>([^<]+)</.exec(body)?.[1];
  if (format === 'atom') return /<\/subtitle>\s*<updated>([^<]+)</.exec(body)?.[1];
  return (JSON.parse(body) as { _lede?: { updated?: string } })._lede?.updated;
}

/**
 * Register the cases for one runtime.
 * @example describeFeedSemanticsCases('Node', setup);
 */
export function describeFeedSemanticsCases(runtime: string, setup: () => Promise<SendRequest>): void {
  describe(`Feed semantics (${runtime})`, () => {
    const send = useSeededTarget(setup);

    it.each(['rss', 'atom', 'json'])('GET /feeds/queued.%s: 503 + Retry-After while never built', async (format) => {
      const response = await send()(new Request(`${BASE}/feeds/queued.${format}`));
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(await response.json()).toEqual({ error: 'feed not built yet; try again shortly' });
    });

    it.each(['rss', 'atom', 'json'])('GET /feeds/monitor.%s states its last build = Last-Modified', async (format) => {
      const response = await send()(new Request(`${BASE}/feeds/monitor.${format}`));
      expect(response.status).toBe(200);
      const stated = new Date(statedBuild(format, await response.text()) ?? '');
      expect(stated.getTime()).toBe(Date.parse(response.headers.get('last-modified') ?? ''));
      expect(stated.getUTCFullYear()).toBeGreaterThan(1970);
    });
  });
}
