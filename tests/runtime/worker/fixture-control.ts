/**
 * @module tests/runtime/worker/fixture-control
 * The fixture news site as seen from inside workerd: its origin, and its controls (change or break a page,
 * publish an article, read hit counts) through the control server of tests/runtime/worker/fixture-origin.ts.
 * Every test works under its own path prefix, so test files running side by side never collide.
 */
import { inject } from 'vitest';
import type { HubPing } from '../../fixtures/hub/server.ts';
import type { NewArticle } from '../../fixtures/site/article-template.ts';

export interface FixtureControl {
  readonly origin: string;
  url(path: string): string;
  setFile(path: string, body: string, contentType?: string): Promise<void>;
  fail(path: string, status: number, headers?: Record<string, string>): Promise<void>;
  restore(path: string): Promise<void>;
  /** Publish an article page from the site's template; resolves to its URL. */
  addArticle(article: NewArticle): Promise<string>;
  hits(path: string): Promise<{ hits: number; notModified: number }>;
  /** Requests for every path under `prefix`, 304s included. */
  hitsUnder(prefix: string): Promise<number>;
  /** The WebSub hub fixture's URL, every ping it received, and the status it answers from now on. */
  readonly hubUrl: string;
  hubPings(): Promise<HubPing[]>;
  hubAnswer(status: number): Promise<void>;
}

async function command<T>(op: string, args: object): Promise<T> {
  const response = await fetch(inject('fixtureControl'), { method: 'POST', body: JSON.stringify({ op, ...args }) });
  if (!response.ok) throw new Error(`fixture control ${op}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { result: T }).result;
}

/**
 * @example
 * const site = fixtureSite();
 * await site.fail('/w/flaky/rss', 503);
 */
export function fixtureSite(): FixtureControl {
  const origin = inject('fixtureOrigin');
  return {
    origin,
    url: (path) => new URL(path, origin).href,
    setFile: (path, body, contentType) => command('setFile', { path, body, contentType }),
    fail: (path, status, headers = {}) => command('fail', { path, status, headers }),
    restore: (path) => command('restore', { path }),
    addArticle: (article) => command('addArticle', { article }),
    hits: (path) => command('hits', { path }),
    hitsUnder: (prefix) => command('hitsUnder', { prefix }),
    hubUrl: inject('fixtureHub'),
    hubPings: () => command('hubPings', {}),
    hubAnswer: (status) => command('hubAnswer', { status }),
  };
}

/** An RSS 2.0 document listing `links` (newest first), for a test's own source. */
export function renderRss(title: string, links: readonly { url: string; title: string; published: string }[]): string {
  const items = links.map(
    (link) =>
      `<item><title>${link.title}</title><link>${link.url}</link><guid>${link.url}</guid><pubDate>${new Date(link.published).toUTCString()}</pubDate></item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>${title}</title><link>${inject('fixtureOrigin')}/</link><description>${title}</description>\n${items.join('\n')}\n</channel></rss>\n`;
}
