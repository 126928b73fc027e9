/**
 * The three renderers, parsed back and checked against the rules the W3C validator and the specs
 * state (via tests/helpers/feed-validity.ts), plus what Lede promises: determinism, licence text,
 * backlinks, unique ids.
 */
import { XMLParser } from 'fast-xml-parser';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildExcerpt } from '../../../src/core/license/build-excerpt.ts';
import { resolvePolicy } from '../../../src/core/license/resolve-policy.ts';
import { renderItemHtml } from '../../../src/core/render/item-html.ts';
import { FEED_CONTENT_TYPES } from '../../../src/core/feed-formats.ts';
import { renderFeed } from '../../../src/core/render/render-feed.ts';
import type { FeedFormat, FeedItem, FeedMeta } from '../../../src/core/types.ts';
import { assertValidAtom, assertValidJsonFeed, assertValidRss, type ParsedFeed } from '../../helpers/feed-validity.ts';

const FORMATS: readonly FeedFormat[] = ['rss', 'atom', 'json'];
const ARTICLE =
  'Алматы — Қазақстанның ең үлкен қаласы. Қалада әдемі таулар бар.\n\nSecond paragraph here. It has more words than the first one does.';

const meta: FeedMeta = {
  id: 'example',
  title: 'Example News',
  site: 'https://news.example/',
  language: 'kk',
  license: { maxShare: 0.5, attribution: 'Example News', terms: 'Excerpts only; CC BY-ND 4.0', images: 'credited' },
  links: {
    rss: 'https://lede.test/feeds/example.rss',
    atom: 'https://lede.test/feeds/example.atom',
    json: 'https://lede.test/feeds/example.json',
  },
  updated: '2024-05-02T10:00:00Z',
};

function makeItem(n: number, overrides: Partial<FeedItem> = {}): FeedItem {
  const url = `https://news.example/news/${n}?utm=no&x=${n}`;
  return {
    id: url,
    url,
    title: `Headline ${n}`,
    published: '2024-05-01T09:00:00+05:00',
    updated: '2024-05-02T10:00:00Z',
    author: 'Айгүл Сейітова',
    image: `/img/${n}.jpg`,
    language: 'kk',
    categories: ['Politics', 'Қоғам'],
    excerpt: buildExcerpt(ARTICLE, resolvePolicy(meta.license), 'kk'),
    ...overrides,
  };
}

// The second item has no author, image or categories.
const { author: _author, image: _image, ...bare } = makeItem(2, { categories: [] }); // eslint-disable-line @typescript-eslint/no-unused-vars -- dropped on purpose
const items = [makeItem(1), bare];

function validate(format: FeedFormat, body: string): ParsedFeed {
  if (format === 'rss') return assertValidRss(body);
  if (format === 'atom') return assertValidAtom(body);
  return assertValidJsonFeed(body);
}

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false });

afterEach(() => {
  vi.useRealTimers();
});

describe.each(FORMATS)('%s', (format) => {
  it('passes the validity checks, with link = canonical URL and the backlink in every item', () => {
    const feed = validate(format, renderFeed(format, meta, items));
    expect(feed.items.map((item) => item.link)).toEqual(items.map((item) => item.url));
    // The feed is Kazakh (`language: 'kk'`), so its backlink line is too.
    for (const item of feed.items)
      expect(item.html).toMatch(/Мақаланы толық оқу: <a href="[^"]+">Example News<\/a><\/p>$/);
    expect(feed.items.map((item) => item.html)).toEqual(
      items.map((item) => renderItemHtml(item, meta.license, meta.language)),
    );
  });

  it('is deterministic: same input, same bytes, whatever the clock says', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2001-01-01T00:00:00Z'));
    const first = renderFeed(format, meta, items);
    vi.setSystemTime(new Date('2099-12-31T23:59:59Z'));
    expect(renderFeed(format, meta, items)).toBe(first);
  });

  it('renders an empty feed validly', () => {
    expect(validate(format, renderFeed(format, { ...meta, updated: '1970-01-01T00:00:00Z' }, [])).items).toEqual([]);
  });

  it('survives hostile strings everywhere', () => {
    const hostile = 'x]]>&amp;<script>alert(1)</script>\u0000\u0008\uD800\uFFFF\u202E "\'';
    const hostileItem = makeItem(3, {
      title: hostile,
      author: hostile,
      categories: [hostile],
      excerpt: { paragraphs: [hostile], words: 3, articleWords: 30, share: 0.1 },
    });
    const hostileMeta = {
      ...meta,
      title: hostile,
      description: hostile,
      license: { ...meta.license, attribution: hostile, terms: hostile },
    };
    const body = renderFeed(format, hostileMeta, [hostileItem]);
    const feed = validate(format, body);
    expect(feed.items[0]?.html).not.toMatch(/<script/);
    for (const forbidden of ['\u0000', '\u0008', '\uFFFF']) expect(body).not.toContain(forbidden);
  });

  it('keeps ids unique, resolves relative links and drops items that cannot link back', () => {
    const relative = makeItem(4, { id: '/news/4', url: '/news/4' });
    const unlinkable = makeItem(5, { id: 'javascript:alert(1)', url: 'javascript:alert(1)' });
    const feed = validate(
      format,
      renderFeed(format, meta, [items[0] as FeedItem, items[0] as FeedItem, relative, unlinkable]),
    );
    expect(feed.items.map((item) => item.link)).toEqual([items[0]?.url, 'https://news.example/news/4']);
  });

  it('falls back to the next date, never to now, when a date is invalid', () => {
    const undated = makeItem(6, { published: 'not a date', updated: 'also not' });
    expect(() => validate(format, renderFeed(format, meta, [undated]))).not.toThrow();
    expect(renderFeed(format, meta, [undated])).toContain(
      format === 'rss' ? 'Thu, 02 May 2024 10:00:00 GMT' : '2024-05-02T10:00:00Z',
    );
  });
});

describe('RSS 2.0 specifics', () => {
  const doc = xml.parse(renderFeed('rss', meta, items)) as {
    rss: { channel: Record<string, unknown> & { item: Record<string, unknown>[] } };
  };
  const channel = doc.rss.channel;

  it('names the licence terms in <copyright> and uses RFC 822 dates in GMT', () => {
    expect(channel['copyright']).toBe(
      'Articles © Example News. Excerpts of at most 50% of each article, each linking to the original. Terms: Excerpts only; CC BY-ND 4.0',
    );
    expect(channel['lastBuildDate']).toBe('Thu, 02 May 2024 10:00:00 GMT');
    expect(channel['pubDate']).toBe('Thu, 02 May 2024 10:00:00 GMT');
    expect(channel['language']).toBe('kk');
    expect(channel['docs']).toBe('https://www.rssboard.org/rss-specification');
  });

  it('puts the author in dc:creator, the image in media:content and a permalink guid', () => {
    const [first, second] = channel.item;
    expect(first?.['dc:creator']).toBe('Айгүл Сейітова');
    expect(first?.['author']).toBeUndefined();
    expect(first?.['pubDate']).toBe('Wed, 01 May 2024 04:00:00 GMT');
    expect(first?.['media:content']).toEqual({ '@_url': 'https://news.example/img/1.jpg', '@_medium': 'image' });
    expect(first?.['enclosure']).toBeUndefined();
    expect(first?.['guid']).toEqual({ '#text': items[0]?.url, '@_isPermaLink': 'true' });
    expect(first?.['category']).toEqual(['Politics', 'Қоғам']);
    expect(second?.['dc:creator']).toBeUndefined();
    expect(second?.['media:content']).toBeUndefined();
  });

  it('builds a description from title and terms when the feed has none', () => {
    const bare = xml.parse(renderFeed('rss', { ...meta, description: undefined }, [])) as {
      rss: { channel: Record<string, unknown> };
    };
    expect(bare.rss.channel['description']).toBe(
      'Example News: excerpts of at most 50% of each article by Example News, each linking to the full article. Terms: Excerpts only; CC BY-ND 4.0',
    );
  });
});

describe('Atom specifics', () => {
  const doc = xml.parse(renderFeed('atom', meta, items)) as {
    feed: Record<string, unknown> & { entry: Record<string, unknown>[] };
  };

  it('has feed-level id, rights, author and RFC 3339 dates', () => {
    expect(doc.feed['id']).toBe(meta.links.atom);
    expect(doc.feed['updated']).toBe('2024-05-02T10:00:00Z');
    expect(doc.feed['rights']).toMatchObject({ '@_type': 'text' });
    expect(doc.feed['author']).toEqual({ name: 'Example News', uri: 'https://news.example/' });
    expect(doc.feed['@_xml:lang']).toBe('kk');
  });

  it('gives entries id, published/updated, byline and html content', () => {
    const [first, second] = doc.feed.entry;
    expect(first?.['id']).toBe(items[0]?.url);
    expect(first?.['published']).toBe('2024-05-01T04:00:00Z');
    expect(first?.['updated']).toBe('2024-05-02T10:00:00Z');
    expect(first?.['author']).toEqual({ name: 'Айгүл Сейітова' });
    expect(first?.['content']).toMatchObject({ '@_type': 'html' });
    expect(second?.['author']).toBeUndefined();
  });
});

describe('JSON Feed 1.1 specifics', () => {
  const body = renderFeed('json', meta, items);
  const feed = JSON.parse(body) as Record<string, unknown> & { items: Record<string, unknown>[] };

  it('is version 1.1, 2-space indented with a trailing newline, with the _lede licence extension', () => {
    expect(body.endsWith('}\n')).toBe(true);
    expect(body.split('\n')[1]).toBe('  "version": "https://jsonfeed.org/version/1.1",');
    expect(feed['authors']).toEqual([{ name: 'Example News', url: 'https://news.example/' }]);
    expect(feed['_lede']).toMatchObject({
      license: { attribution: 'Example News', terms: meta.license.terms, max_share: 0.5 },
    });
  });

  it('gives items a summary of the same excerpt, dates, authors, tags and _lede counts', () => {
    const [first, second] = feed.items;
    const excerpt = items[0]?.excerpt;
    expect(first?.['summary']).toBe(excerpt?.paragraphs.join('\n\n'));
    expect(first?.['date_published']).toBe('2024-05-01T04:00:00Z');
    expect(first?.['authors']).toEqual([{ name: 'Айгүл Сейітова' }]);
    expect(first?.['tags']).toEqual(['Politics', 'Қоғам']);
    expect(first?.['image']).toBe('https://news.example/img/1.jpg');
    expect(first?.['_lede']).toEqual({ share: excerpt?.share, words: excerpt?.words });
    expect(second?.['authors']).toBeUndefined();
  });
});

describe('an article whose body could not be counted', () => {
  const bare = makeItem(7, { excerpt: buildExcerpt('', resolvePolicy(meta.license)) });

  it.each(FORMATS)('is published in %s with title and backlink only', (format) => {
    const [item] = validate(format, renderFeed(format, meta, [bare])).items;
    expect(item?.title).toBe('Headline 7');
    expect(item?.html).toBe(`<p>Мақаланы толық оқу: <a href="${bare.url.replace('&', '&amp;')}">Example News</a></p>`);
    expect(item?.summary).toBeUndefined();
  });
});

describe('renderFeed', () => {
  it('exports the media types', () => {
    expect(FEED_CONTENT_TYPES).toEqual({
      rss: 'application/rss+xml; charset=utf-8',
      atom: 'application/atom+xml; charset=utf-8',
      json: 'application/feed+json; charset=utf-8',
    });
  });
});

describe('feed-validity helpers', () => {
  it('reject a feed without the backlink, an RSS <author>, and bad dates', () => {
    const rss = renderFeed('rss', meta, [items[1] as FeedItem]);
    expect(() => assertValidRss(rss.replace(/Мақаланы толық оқу:/, 'See'))).toThrow(/backlink/);
    expect(() => assertValidRss(rss.replace('<title>Headline 2', '<author>x</author><title>Headline 2'))).toThrow(
      /dc:creator/,
    );
    expect(() => assertValidRss(rss.replace(/<pubDate>Wed[^<]*/, '<pubDate>2024-05-01'))).toThrow(/RFC 822/);
    const atom = renderFeed('atom', meta, [items[1] as FeedItem]);
    expect(() => assertValidAtom(atom.replace(/<updated>2024-05-02T10:00:00Z/, '<updated>yesterday'))).toThrow(
      /RFC 3339/,
    );
    const json = JSON.parse(renderFeed('json', meta, [items[1] as FeedItem])) as { items: unknown[] };
    json.items.push(json.items[0]);
    expect(() => assertValidJsonFeed(JSON.stringify(json))).toThrow(/duplicate id/);
  });
});
