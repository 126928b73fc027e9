/**
 * @module demo/definitions
 * Lede's feed definitions for the demo site (the `feeds/<id>.json` format of the README's "Feed
 * definitions"): one per source type, one per non-English edition, each with a licence that shows a
 * different part of the licence engine. Written into the demo's own feeds folder at every start, because
 * the site's origin (its port) is only known then.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface DemoFeed {
  readonly id: string;
  /** What the feed shows, in one line of the demo's printout. */
  readonly shows: string;
  readonly definition: Readonly<Record<string, unknown>>;
}

const ATTRIBUTION = 'The Ardel Courier';
const TERMS = 'Excerpts only, with a link to the full article on The Ardel Courier.';

/**
 * @example const feeds = demoFeeds('http://127.0.0.1:40123'); feeds[0].definition.source
 */
export function demoFeeds(origin: string): readonly DemoFeed[] {
  const site = `${origin}/`;
  const story = { content: '.story__body' };
  return [
    {
      id: 'demo-rss',
      shows: 'RSS 2.0 · 30% · credited images · a paywalled and a nosnippet article',
      definition: {
        title: 'The Ardel Courier',
        site,
        language: 'en',
        source: { type: 'feed', url: `${origin}/rss.xml` },
        article: story,
        license: { maxShare: 0.3, attribution: ATTRIBUTION, terms: TERMS },
      },
    },
    {
      id: 'demo-sitemap',
      shows: 'news sitemap · three languages · 50% but at most 40 words',
      definition: {
        title: 'The Ardel Courier — every edition',
        site,
        source: { type: 'sitemap', url: `${origin}/sitemap-news.xml` },
        article: story,
        license: { maxShare: 0.5, maxWords: 40, attribution: ATTRIBUTION, terms: TERMS },
      },
    },
    {
      id: 'demo-listing',
      shows: 'HTML listing, 3 pages (rel=next) · 20% · no images · 6-hour embargo',
      definition: {
        title: 'The Ardel Courier — news listing',
        site,
        language: 'en',
        source: { type: 'html', url: `${origin}/news/`, links: 'a.story-card__link', next: 'a[rel="next"]', pages: 5 },
        article: story,
        license: { maxShare: 0.2, attribution: ATTRIBUTION, images: false, delay: '6h' },
      },
    },
    {
      id: 'demo-ru',
      shows: 'Russian edition (RSS) · 30% · backlink line in Russian',
      definition: {
        title: 'Ардельский курьер',
        site: `${origin}/ru/`,
        language: 'ru',
        source: { type: 'feed', url: `${origin}/ru/rss.xml` },
        article: story,
        license: { maxShare: 0.3, attribution: 'Ардельский курьер' },
      },
    },
    {
      id: 'demo-kk',
      shows: 'Kazakh edition (HTML listing) · 30% · backlink line in Kazakh',
      definition: {
        title: 'Ардел хабаршысы',
        site: `${origin}/kk/`,
        language: 'kk',
        source: { type: 'html', url: `${origin}/kk/`, links: 'a.story-card__link', next: 'a[rel="next"]' },
        article: story,
        license: { maxShare: 0.3, attribution: 'Ардел хабаршысы' },
      },
    },
  ];
}

/** Write each definition as `<feedsDir>/<id>.json` (other files there are left alone). */
export async function writeDemoFeeds(feedsDir: string, feeds: readonly DemoFeed[]): Promise<void> {
  await mkdir(feedsDir, { recursive: true });
  for (const feed of feeds) {
    await writeFile(path.join(feedsDir, `${feed.id}.json`), `${JSON.stringify(feed.definition, null, 2)}\n`);
  }
}
