/**
 * @module demo/announce
 * What `npm run demo` prints on stdout: the URLs to open, then each feed's items once refreshed. The lines
 * `Demo site  <url>`, `Lede  <url>` and `Ready in …` are read by tests/demo/demo.test.ts; keep their shape.
 */
import { FEED_FORMATS, feedPath } from '../src/core/feed-formats.ts';
import type { DemoFeed } from './definitions.ts';

const pad = (text: string, width: number) => text.padEnd(width);

/** The URLs of both servers and of every feed (preview page and its three formats). */
export function formatUrls(siteOrigin: string, ledeUrl: string, feeds: readonly DemoFeed[]): string {
  const lines = [
    '',
    'Lede demo: The Ardel Courier (an invented news site) and Lede over it, both on this machine.',
    '',
    `  ${pad('Demo site', 12)}${siteOrigin}/`,
    `  ${pad('Lede', 12)}${ledeUrl}/   ← open this: every feed, its licence and latest items`,
    `  ${pad('Health', 12)}${ledeUrl}/healthz`,
    '',
  ];
  for (const feed of feeds) {
    lines.push(`  ${feed.id}: ${feed.shows}`);
    lines.push(`    ${pad('preview', 10)}${ledeUrl}/feeds/${feed.id}`);
    for (const format of FEED_FORMATS) lines.push(`    ${pad(format, 10)}${ledeUrl}${feedPath(feed.id, format)}`);
  }
  return `${lines.join('\n')}\n\nRefreshing every feed once…\n`;
}

export interface FeedSummary {
  readonly id: string;
  readonly items: number;
  readonly condition: string;
}

/** One line per feed with its item count, then how long the demo took to be ready. */
export function formatReady(summaries: readonly FeedSummary[], seconds: number, ledeUrl: string): string {
  const lines = summaries.map(
    ({ id, items, condition }) => `  ${pad(id, 14)}${String(items).padStart(3)} items (${condition})`,
  );
  lines.push('', `Ready in ${seconds.toFixed(1)} s. Open ${ledeUrl}/ — Ctrl-C stops both servers.`, '');
  return lines.join('\n');
}
