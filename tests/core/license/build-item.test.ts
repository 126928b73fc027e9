/** The one FeedItem builder (src/core/license/build-item.ts): page over entry, the entry alone, images by policy. */
import { describe, expect, it } from 'vitest';
import { buildFeedItem } from '../../../src/core/license/build-item.ts';
import { resolvePolicy } from '../../../src/core/license/resolve-policy.ts';
import { NO_SIGNALS } from '../../../src/core/signals/merge-signals.ts';
import type { LicensedExcerpt, SourceEntry } from '../../../src/core/types.ts';

const EXCERPT: LicensedExcerpt = { paragraphs: ['One sentence.'], words: 2, articleWords: 10, share: 0.2 };
const ENTRY: SourceEntry = {
  url: 'https://news.example/a?utm_source=rss',
  title: 'Entry title',
  published: '2024-05-01T09:00:00.000Z',
  author: 'Entry Author',
  image: 'https://news.example/entry.jpg',
  categories: ['Entry'],
  language: 'ru',
};
const ARTICLE = {
  url: 'https://news.example/a',
  title: 'Page title',
  modified: '2024-05-02T10:00:00.000Z',
  image: 'https://news.example/page.jpg',
  imageCredit: ' Photo: Agency ',
  language: 'kk',
  categories: [],
};
const LICENSE = { maxShare: 0.3, attribution: 'Example' };
const DISCOVERED = '2024-05-03T00:00:00.000Z';

describe('buildFeedItem', () => {
  it('takes the page first and the entry where the page is silent', () => {
    const item = buildFeedItem(
      { article: ARTICLE, entry: ENTRY, fallbackDate: DISCOVERED },
      EXCERPT,
      resolvePolicy(LICENSE),
    );
    expect(item).toEqual({
      id: 'https://news.example/a',
      url: 'https://news.example/a',
      title: 'Page title',
      published: '2024-05-01T09:00:00.000Z',
      updated: '2024-05-02T10:00:00.000Z',
      author: 'Entry Author',
      image: 'https://news.example/page.jpg',
      imageCredit: 'Photo: Agency',
      language: 'kk',
      categories: ['Entry'],
      excerpt: EXCERPT,
    });
  });

  it('builds from the entry alone when no page was read, with the discovery date as the last resort', () => {
    const entry = { url: ENTRY.url, language: 'ru' };
    const item = buildFeedItem({ entry, fallbackDate: DISCOVERED }, EXCERPT, resolvePolicy(LICENSE));
    expect(item).toEqual({
      id: ENTRY.url,
      url: ENTRY.url,
      title: ENTRY.url,
      published: DISCOVERED,
      updated: DISCOVERED,
      language: 'ru',
      categories: [],
      excerpt: EXCERPT,
    });
  });

  it('carries an image only as the policy allows: the entry image has no credit, title-only has none', () => {
    const { image: _image, ...imageless } = ARTICLE; // eslint-disable-line @typescript-eslint/no-unused-vars -- dropped on purpose
    const pageless = { ...imageless, imageCredit: 'Photo: Agency' };
    const sources = { article: pageless, entry: ENTRY, fallbackDate: DISCOVERED };
    expect(buildFeedItem(sources, EXCERPT, resolvePolicy(LICENSE)).image).toBeUndefined();
    const open = buildFeedItem(sources, EXCERPT, resolvePolicy({ ...LICENSE, images: true }));
    expect([open.image, open.imageCredit]).toEqual(['https://news.example/entry.jpg', undefined]);
    const titleOnly = resolvePolicy({ ...LICENSE, images: true }, { ...NO_SIGNALS, nosnippet: true });
    const bare = buildFeedItem({ article: ARTICLE, entry: ENTRY, fallbackDate: DISCOVERED }, EXCERPT, titleOnly);
    expect([bare.image, bare.imageCredit]).toEqual([undefined, undefined]);
  });
});
