/** One way to show a share (src/core/share.ts): the feeds' rights and the index page say the same for 0.125. */
import { describe, expect, it } from 'vitest';
import { describeRights } from '../../src/core/render/feed-parts.ts';
import { renderIndexPage } from '../../src/core/serve/pages/index-page.ts';
import { formatShare } from '../../src/core/share.ts';
import type { FeedDefinition } from '../../src/core/types.ts';

describe('formatShare', () => {
  it.each([
    [0.3, '30%'],
    [0.125, '12.5%'],
    [1 / 3, '33.3%'],
    [0.0004, '0%'],
    [1, '100%'],
    [1.5, '100%'],
    [-0.1, '0%'],
  ])('shows %d as %s', (share, shown) => {
    expect(formatShare(share)).toBe(shown);
  });

  it('is what both the feeds and the index page state', () => {
    const license = { maxShare: 0.125, attribution: 'Example News' };
    const feed: FeedDefinition = {
      id: 'example',
      title: 'Example',
      site: 'https://news.example/',
      source: { type: 'feed', url: 'https://news.example/rss' },
      license,
      schedule: '*/30 * * * *',
      maxItems: 20,
    };
    expect(describeRights(license)).toContain('at most 12.5% of each article');
    expect(renderIndexPage([feed])).toContain('Excerpts of at most 12.5% of each article');
  });
});
