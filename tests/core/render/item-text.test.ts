/**
 * The words Lede adds to items, in the feed's language (English, Russian, Kazakh built in): the backlink
 * line and the sentence saying why an item is title-only, in every format, parsed back and validated;
 * a licence's `attributionText` still wins. And the WebSub hub links every format advertises.
 */
import { describe, expect, it } from 'vitest';
import { NO_SIGNALS } from '../../../src/core/signals/merge-signals.ts';
import { buildExcerpt } from '../../../src/core/license/build-excerpt.ts';
import { enforcePolicy } from '../../../src/core/license/enforce-policy.ts';
import { resolvePolicy } from '../../../src/core/license/resolve-policy.ts';
import { renderItemHtml } from '../../../src/core/render/item-html.ts';
import { renderFeed } from '../../../src/core/render/render-feed.ts';
import type { FeedFormat, FeedItem, FeedMeta, TitleOnlyReason } from '../../../src/core/types.ts';
import {
  assertValidAtom,
  assertValidJsonFeed,
  assertValidRss,
  findBacklink,
  htmlToText,
  type ParsedFeed,
} from '../../helpers/feed-validity.ts';

const FORMATS: readonly FeedFormat[] = ['rss', 'atom', 'json'];

function metaIn(language: string | undefined, license: Partial<FeedMeta['license']> = {}): FeedMeta {
  return {
    id: 'example',
    title: 'Example News',
    site: 'https://news.example/',
    language,
    license: { maxShare: 0.5, attribution: 'Example News', images: 'credited', ...license },
    links: {
      rss: 'https://lede.test/feeds/example.rss',
      atom: 'https://lede.test/feeds/example.atom',
      json: 'https://lede.test/feeds/example.json',
    },
    updated: '2024-05-02T10:00:00Z',
  };
}

function makeItem(n: number, titleOnlyReason?: TitleOnlyReason): FeedItem {
  const url = `https://news.example/news/${n}`;
  const text = titleOnlyReason ? '' : 'One sentence of the article. Another sentence of it.';
  return {
    id: url,
    url,
    title: `Headline ${n}`,
    published: '2024-05-01T09:00:00Z',
    updated: '2024-05-01T09:00:00Z',
    categories: [],
    excerpt: buildExcerpt(text, resolvePolicy({ maxShare: 1, attribution: 'Example News' })),
    ...(titleOnlyReason ? { titleOnlyReason } : {}),
  };
}

function validate(format: FeedFormat, body: string): ParsedFeed {
  if (format === 'rss') return assertValidRss(body);
  if (format === 'atom') return assertValidAtom(body);
  return assertValidJsonFeed(body);
}

const BACKLINKS = {
  en: 'Read the full article at Example News',
  ru: 'Читать статью полностью на сайте Example News',
  kk: 'Мақаланы толық оқу: Example News',
} as const;

/** Each reason's sentence, in each built-in language. */
const REASONS: Record<TitleOnlyReason, Record<keyof typeof BACKLINKS, string>> = {
  nosnippet: {
    en: 'The publisher does not allow excerpts of this article.',
    ru: 'Издание не разрешает публиковать отрывки из этой статьи.',
    kk: 'Басылым бұл мақаладан үзінді жариялауға рұқсат бермейді.',
  },
  'max-snippet': {
    en: 'The publisher does not allow excerpts of this article.',
    ru: 'Издание не разрешает публиковать отрывки из этой статьи.',
    kk: 'Басылым бұл мақаладан үзінді жариялауға рұқсат бермейді.',
  },
  paywalled: {
    en: 'This article is for subscribers only, so no excerpt is shown.',
    ru: 'Эта статья доступна только подписчикам, поэтому отрывок не показан.',
    kk: 'Бұл мақала тек жазылушыларға қолжетімді, сондықтан үзінді көрсетілмейді.',
  },
  'tdm-reserved': {
    en: 'The publisher reserves the rights to the text of this article, so no excerpt is shown.',
    ru: 'Издание оставляет за собой права на текст этой статьи, поэтому отрывок не показан.',
    kk: 'Басылым бұл мақала мәтініне құқығын өзінде қалдырады, сондықтан үзінді көрсетілмейді.',
  },
  'robots-disallowed': {
    en: 'The publisher does not allow this article to be fetched, so no excerpt is shown.',
    ru: 'Издание не разрешает загружать эту статью, поэтому отрывок не показан.',
    kk: 'Басылым бұл мақаланы жүктеуге рұқсат бермейді, сондықтан үзінді көрсетілмейді.',
  },
  'usage-forbidden': {
    en: "The publisher's licence does not allow excerpts of this article.",
    ru: 'Лицензия издания не разрешает публиковать отрывки из этой статьи.',
    kk: 'Басылымның лицензиясы бұл мақаладан үзінді жариялауға рұқсат бермейді.',
  },
};

const CASES = FORMATS.flatMap((format) =>
  (['en-GB', 'ru', 'kk-KZ'] as const).map((tag) => [format, tag, tag.slice(0, 2) as keyof typeof BACKLINKS] as const),
);

describe.each(CASES)('%s in %s', (format, tag, language) => {
  const reasons = Object.keys(REASONS) as TitleOnlyReason[];
  const items = [makeItem(0), ...reasons.map((reason, index) => makeItem(index + 1, reason))];
  const feed = validate(format, renderFeed(format, metaIn(tag), items));

  it('ends every item with the backlink line in the feed language', () => {
    for (const item of feed.items) {
      expect(findBacklink(item.html)).toEqual({ href: item.link, text: 'Example News' });
      expect(htmlToText(item.html).split('\n\n').at(-1)).toBe(BACKLINKS[language]);
    }
  });

  it('says why each title-only item has no excerpt, in one sentence, and nothing else', () => {
    expect(htmlToText(feed.items[0]!.html, { dropBacklink: true })).toBe(
      'One sentence of the article. Another sentence of it.',
    );
    for (const [index, reason] of reasons.entries()) {
      const item = feed.items[index + 1]!;
      expect(htmlToText(item.html, { dropBacklink: true })).toBe(REASONS[reason][language]);
      expect(item.summary).toBeUndefined();
    }
  });
});

describe('language choice', () => {
  it('falls back to English for other or missing languages, and a licence attributionText wins', () => {
    const item = makeItem(1, 'paywalled');
    for (const language of ['de', undefined, 'not a tag']) {
      const [parsed] = assertValidRss(renderFeed('rss', metaIn(language), [item])).items;
      expect(htmlToText(parsed!.html)).toBe(`${REASONS.paywalled.en}\n\n${BACKLINKS.en}`);
    }
    const own = metaIn('kk', { attributionText: 'Дереккөз: {attribution}' });
    expect(htmlToText(renderItemHtml(item, own.license, own.language))).toBe(
      `${REASONS.paywalled.kk}\n\nДереккөз: Example News`,
    );
  });
});

describe('the reason code on items', () => {
  it('is set by the policy that withholds the excerpt, and dropped when a looser one no longer does', () => {
    const license = { maxShare: 0.5, attribution: 'Example News' };
    const strict = resolvePolicy(license, { ...NO_SIGNALS, nosnippet: true, paywalled: true });
    expect(strict).toMatchObject({ titleOnly: true, titleOnlyReason: 'nosnippet' });
    const withheld = enforcePolicy(makeItem(1), strict, 9);
    expect(withheld).toMatchObject({ titleOnlyReason: 'nosnippet', excerpt: { paragraphs: [] } });
    const loose = resolvePolicy(license);
    expect(loose.titleOnlyReason).toBeUndefined();
    expect(enforcePolicy(withheld, loose, 9)).not.toHaveProperty('titleOnlyReason');
    const explicit = resolvePolicy({ ...license, explicit: true }, { ...NO_SIGNALS, tdmReserved: true });
    expect(explicit).toMatchObject({ titleOnly: false });
    expect(explicit.titleOnlyReason).toBeUndefined();
  });
});

describe('WebSub discovery', () => {
  const hub = 'https://hub.example/';
  const meta = { ...metaIn('en'), hub };
  const items = [makeItem(1)];

  it('advertises rel="hub" and rel="self" in RSS and Atom, and passes the validity checks', () => {
    const rss = renderFeed('rss', meta, items);
    assertValidRss(rss);
    expect(rss).toContain('<atom:link href="https://lede.test/feeds/example.rss" rel="self"');
    expect(rss).toContain('<atom:link href="https://hub.example/" rel="hub"/>');
    const atom = renderFeed('atom', meta, items);
    assertValidAtom(atom);
    expect(atom).toContain(
      '<link rel="self" type="application/atom+xml" href="https://lede.test/feeds/example.atom"/>',
    );
    expect(atom).toContain('<link rel="hub" href="https://hub.example/"/>');
  });

  it('names the hub in JSON Feed 1.1 `hubs`, beside `feed_url`', () => {
    const json = JSON.parse(renderFeed('json', meta, items)) as Record<string, unknown>;
    assertValidJsonFeed(JSON.stringify(json));
    expect(json['feed_url']).toBe('https://lede.test/feeds/example.json');
    expect(json['hubs']).toEqual([{ type: 'WebSub', url: hub }]);
  });

  it('says nothing of a hub when none is configured', () => {
    for (const format of FORMATS) expect(renderFeed(format, metaIn('en'), items)).not.toMatch(/hub/i);
  });
});
