/**
 * robots.txt as the network serves it (RFC 9309 §2.3.1.2, §2.5), through the real Node fetcher and a
 * loopback server: redirects followed across hosts — `127.0.0.1` → `localhost` stands for `example.com` →
 * `www.example.com` or a CDN — for five hops, a sixth making the file "unavailable"; and a file larger than
 * 500 KiB — even one past the 5 MiB body cap — read up to that limit rather than refused whole.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSiteSignals } from '../../../src/core/refresh/read-site-signals.ts';
import { isFetchAllowed } from '../../../src/core/signals/site-signals.ts';
import { createNodeFetchPage, type NodeFetchPage } from '../../../src/runtime/node/fetch-page.ts';

const RULES = 'User-agent: *\nDisallow: /private\n';
let server: Server;
let port = 0;
let fetchPage: NodeFetchPage;
let robotsBody = RULES;

/** `/robots.txt` → `/hop/{n}` on the other host name, alternating, until `/final`. */
function answer(path: string, hopsWanted: number): { status: number; location?: string; body?: string } {
  const other = (host: string) => (host === '127.0.0.1' ? 'localhost' : '127.0.0.1');
  const hop = path === '/robots.txt' ? 0 : Number(/^\/hop\/(\d+)$/.exec(path)?.[1] ?? Number.NaN);
  if (path === '/final') return { status: 200, body: robotsBody };
  if (Number.isNaN(hop)) return { status: 404 };
  const next = hop + 1 >= hopsWanted ? '/final' : `/hop/${String(hop + 1)}`;
  return { status: hop % 2 === 0 ? 301 : 302, location: `http://${other('127.0.0.1')}:${String(port)}${next}` };
}

let hopsWanted = 1;
beforeAll(async () => {
  server = createServer((req, res) => {
    const { status, location, body } = answer(new URL(req.url ?? '/', 'http://x').pathname, hopsWanted);
    res.writeHead(status, { 'content-type': 'text/plain', ...(location ? { location } : {}) });
    res.end(body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  fetchPage = createNodeFetchPage();
});
afterAll(async () => {
  await fetchPage.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const origin = () => `http://127.0.0.1:${String(port)}`;

describe('robots.txt over the network', () => {
  it.each([1, 3, 5])('follows %i redirect(s) across hosts and applies the rules found there', async (hops) => {
    hopsWanted = hops;
    robotsBody = RULES;
    const site = await readSiteSignals(fetchPage, origin());
    expect(site.robotsUnreachable).toBe(false);
    expect(isFetchAllowed(site, `${origin()}/private/report`)).toBe(false);
    expect(isFetchAllowed(site, `${origin()}/news/today`)).toBe(true);
  });

  it('takes a sixth redirect as "unavailable" (§2.3.1.2): no rules, everything allowed', async () => {
    hopsWanted = 6;
    const site = await readSiteSignals(fetchPage, origin());
    expect(site.errors.map((error) => error.code)).toContain('too-many-redirects');
    expect(site.robotsUnreachable).toBe(false);
    expect(isFetchAllowed(site, `${origin()}/private/report`)).toBe(true);
  });

  it('reads the first 500 KiB of a file larger than the 5 MiB body cap (here 6 MiB) instead of refusing it', async () => {
    hopsWanted = 1;
    const padding = '# padding padding padding padding padding padding padding\n'.repeat(110_000);
    robotsBody = `${RULES}${padding}Disallow: /late\n`;
    expect(robotsBody.length).toBeGreaterThan(6 * 1024 * 1024);
    const site = await readSiteSignals(fetchPage, origin());
    expect(site.errors).toEqual([]);
    expect(isFetchAllowed(site, `${origin()}/private/report`)).toBe(false);
    // Past the limit: not read, as RFC 9309 §2.5 allows.
    expect(isFetchAllowed(site, `${origin()}/late/x`)).toBe(true);
  });
});
