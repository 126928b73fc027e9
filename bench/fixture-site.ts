/**
 * @module bench/fixture-site
 * Start the loopback news site (bench/servers/fixture-site.ts) in its own process and read its counters.
 */
import { request } from 'undici';
import { spawnPrinting } from './processes.ts';

/** A page of the site as text, read as plain downloads read it (undici). */
export async function download(url: string): Promise<string> {
  const response = await request(url);
  return response.body.text();
}

export interface SiteStats {
  readonly feed: number;
  readonly feedConditional: number;
  readonly feedNotModified: number;
  readonly articles: number;
  readonly other: number;
}

export interface BenchSite {
  readonly origin: string;
  stats(): Promise<SiteStats>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The site, its answers delayed `latencyMs`; with `pagesDir`, its articles are those real pages in turn.
 * @example const site = await startBenchSite(20); const feedUrl = `${site.origin}/feed/200.xml`
 */
export async function startBenchSite(latencyMs = 0, pagesDir?: string): Promise<BenchSite> {
  const child = await spawnPrinting('bench/servers/fixture-site.ts', {
    LATENCY_MS: String(latencyMs),
    ...(pagesDir === undefined ? {} : { PAGES_DIR: pagesDir }),
  });
  return {
    origin: child.url,
    stats: async () => (await (await fetch(`${child.url}/__stats`)).json()) as SiteStats,
    reset: async () => {
      await (await fetch(`${child.url}/__reset`)).arrayBuffer();
    },
    close: () => child.stop(),
  };
}
