/**
 * @module demo/site/article
 * The shape of the demo news site's content. Articles are data (`articles-en.ts`, `articles-ru-kk.ts`);
 * the pages, feeds and sitemap are rendered from them, so a new article or section is one more entry.
 */

/** The site's sections: five English desks, then the Russian and the Kazakh editions. */
export type SectionId = 'politics' | 'economy' | 'culture' | 'science' | 'sport' | 'ru' | 'kk';

export interface Section {
  readonly id: SectionId;
  readonly name: string;
  /** BCP 47 tag of the section's pages (the `lang` attribute and JSON-LD `inLanguage`). */
  readonly language: 'en' | 'ru' | 'kk';
  /** The publication's name in that language (RSS title, JSON-LD publisher, news sitemap name). */
  readonly publisher: string;
}

export interface DemoArticle {
  readonly section: SectionId;
  readonly slug: string;
  readonly title: string;
  readonly standfirst: string;
  readonly author: string;
  /** Published this long before the site started, so the demo always looks current. */
  readonly hoursAgo: number;
  readonly paragraphs: readonly string[];
  /** The lead image: a generated SVG in this hue; without `credit` Lede's default licence leaves it out. */
  readonly image: { readonly hue: number; readonly alt: string; readonly credit?: string };
  /**
   * Publishers' signals this article carries: `nosnippet` (robots meta), `paywalled` (JSON-LD
   * isAccessibleForFree false with `hasPart` naming the subscribers' section, as Google documents).
   */
  readonly signal?: 'nosnippet' | 'paywalled';
  /** Paragraphs in the subscribers-only section (with `signal: 'paywalled'`). */
  readonly premium?: readonly string[];
  /** A paragraph marked `data-nosnippet`: shown on the page, never quoted. */
  readonly unquotable?: string;
}

export const SECTIONS: readonly Section[] = [
  { id: 'politics', name: 'Politics', language: 'en', publisher: 'The Ardel Courier' },
  { id: 'economy', name: 'Economy', language: 'en', publisher: 'The Ardel Courier' },
  { id: 'culture', name: 'Culture', language: 'en', publisher: 'The Ardel Courier' },
  { id: 'science', name: 'Science', language: 'en', publisher: 'The Ardel Courier' },
  { id: 'sport', name: 'Sport', language: 'en', publisher: 'The Ardel Courier' },
  { id: 'ru', name: 'На русском', language: 'ru', publisher: 'Ардельский курьер' },
  { id: 'kk', name: 'Қазақша', language: 'kk', publisher: 'Ардел хабаршысы' },
];

export function findSection(id: SectionId): Section {
  const section = SECTIONS.find((candidate) => candidate.id === id);
  if (!section) throw new Error(`unknown section ${id}`);
  return section;
}

export function articlePath(article: DemoArticle): string {
  return `/${article.section}/${article.slug}`;
}

export function imagePath(article: DemoArticle): string {
  return `/images/${article.section}-${article.slug}.svg`;
}

/** When the article was published on a site started at `now` (whole minutes, so pages stay stable). */
export function publishedAt(article: DemoArticle, now: Date): Date {
  const minute = Math.floor(now.getTime() / 60_000) * 60_000;
  return new Date(minute - article.hoursAgo * 3_600_000);
}
