/**
 * @module core/serve/index-page
 * `GET /`: a small HTML page listing every feed, with autodiscovery `<link rel="alternate">` tags so a
 * browser or reader pointed at the service finds the feeds by itself.
 */
import { escapeXml } from '../render/xml.ts';
import { FEED_CONTENT_TYPES, FEED_FORMATS, feedPath } from '../feed-formats.ts';
import { formatShare } from '../share.ts';
import type { FeedDefinition, FeedFormat } from '../types.ts';

const FORMAT_LABELS: Record<FeedFormat, string> = { rss: 'RSS 2.0', atom: 'Atom 1.0', json: 'JSON Feed 1.1' };

function mediaType(format: FeedFormat): string {
  return FEED_CONTENT_TYPES[format].split(';')[0] ?? '';
}

function autodiscoveryLinks(feed: FeedDefinition): string {
  return FEED_FORMATS.map(
    (format) =>
      `<link rel="alternate" type="${mediaType(format)}" title="${escapeXml(`${feed.title} (${FORMAT_LABELS[format]})`)}" href="${feedPath(feed.id, format)}">`,
  ).join('\n');
}

function feedSection(feed: FeedDefinition): string {
  const links = FEED_FORMATS.map(
    (format) => `<a href="${feedPath(feed.id, format)}">${FORMAT_LABELS[format]}</a>`,
  ).join(' · ');
  const terms = feed.license.terms ? `<p class="terms">${escapeXml(feed.license.terms)}</p>` : '';
  return `<section>
<h2>${escapeXml(feed.title)}</h2>
<p>Excerpts of at most ${formatShare(feed.license.maxShare)} of each article from <a href="${escapeXml(feed.site)}">${escapeXml(feed.license.attribution)}</a>, each linking to the original.</p>
${terms}
<p>${links}</p>
</section>`;
}

/**
 * The empty `data:` icon stops browsers asking for `/favicon.ico`, which Lede does not serve (a 404 in
 * every reader's console).
 * @example renderIndexPage([...definitions.values()])
 */
export function renderIndexPage(feeds: readonly FeedDefinition[]): string {
  const body =
    feeds.length > 0
      ? feeds.map(feedSection).join('\n')
      : '<p>No feeds are defined. Add one to <code>feeds/</code>.</p>';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Lede feeds</title>
<link rel="icon" href="data:,">
${feeds.map(autodiscoveryLinks).join('\n')}
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem}.terms{color:#555;font-size:.9em}</style>
</head>
<body>
<h1>Lede feeds</h1>
${body}
</body>
</html>
`;
}
