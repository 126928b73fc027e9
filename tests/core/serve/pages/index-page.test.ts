/**
 * The index page's wording and escaping, from views built by hand: the statuses the live store rarely shows
 * (failing since the last success, taken down), hostile text in every place a definition or a refresh
 * error reaches the page, and what a page leaves out when a feed has no language.
 */
import { describe, expect, it } from 'vitest';
import { renderIndexPage } from '../../../../src/core/serve/pages/index-page.ts';
import type { FeedView } from '../../../../src/core/serve/pages/feed-view.ts';
import type { FeedDefinition } from '../../../../src/core/types.ts';

const HOSTILE = '<script>alert("x")</script>&';

function define(id: string, overrides: Partial<FeedDefinition> = {}): FeedDefinition {
  return {
    id,
    title: `Feed ${id}`,
    site: 'https://news.example/',
    source: { type: 'feed', url: 'https://news.example/rss' },
    license: { maxShare: 0.125, maxWords: 80, attribution: 'Example News', terms: 'CC BY-ND 4.0' },
    schedule: '*/30 * * * *',
    maxItems: 20,
    ...overrides,
  };
}

describe('renderIndexPage', () => {
  it('states the licence as the feeds do: share, maxWords and terms', () => {
    expect(renderIndexPage([define('a')])).toContain(
      'Articles © Example News. Excerpts of at most 12.5% of each article and at most 80 words, each linking to the original. Terms: CC BY-ND 4.0',
    );
  });

  it('shows a feed failing since its last success, with the error', () => {
    const feed = define('a');
    const view: FeedView = {
      feed,
      status: { kind: 'failing', since: '2026-11-30T10:00:00.000Z', error: 'HTTP 503 from https://news.example/rss' },
      lastSuccessAt: '2026-11-30T10:00:00.000Z',
      items: [],
    };
    expect(renderIndexPage([feed], [view])).toContain(
      '<dd data-status="failing"><span class="failing">failing</span> since <time datetime="2026-11-30T10:00:00.000Z">2026-11-30 10:00 UTC</time> (HTTP 503 from https://news.example/rss)</dd>',
    );
  });

  it('shows a taken-down feed without its URLs', () => {
    const feed = define('a');
    const html = renderIndexPage([feed], [{ feed, status: { kind: 'taken-down' }, items: [] }]);
    expect(html).toContain('<span class="failing">taken down</span>');
    expect(html).not.toContain('data-copy=');
  });

  it('escapes every text that reaches it (titles, licence, errors, item titles and URLs)', () => {
    const feed = define('a', {
      title: HOSTILE,
      site: `https://news.example/"><script>`,
      license: { maxShare: 0.3, attribution: HOSTILE, terms: HOSTILE },
    });
    const item = { url: `https://news.example/a?"><x`, title: HOSTILE, contentHtml: '<p>x</p>', words: 1, share: 0.1 };
    const view: FeedView = {
      feed,
      status: { kind: 'not-built', error: HOSTILE },
      items: [item],
    };
    const html = renderIndexPage([feed], [view]);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('"><script>');
    expect(html).not.toContain('"><x');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;');
    // The page's own script is its only one.
    expect(html.match(/<script>/g)).toHaveLength(1);
  });

  it('marks a feed’s title with its language only when it has one', () => {
    expect(renderIndexPage([define('a', { language: 'kk' })])).toContain('<h2 id="feed-a" lang="kk">');
    expect(renderIndexPage([define('a')])).toContain('<h2 id="feed-a">');
  });
});
