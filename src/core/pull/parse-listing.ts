/**
 * @module core/pull/parse-listing
 * An HTML listing page (a section front, a "latest news" page) → article links, by the CSS selectors
 * of the feed definition, plus the URL of the next page. Links are resolved against the page's
 * `<base href>` or URL (HTML §4.2.3) but not filtered: the caller applies the site rules.
 */
import { parseHTML } from 'linkedom';
import { LedeError } from '../errors.ts';
import type { SourceEntry } from '../types.ts';
import { compactEntry } from './select-entries.ts';
import { resolveUrl } from './source-urls.ts';

export interface ParsedListing {
  readonly entries: SourceEntry[];
  /** Absolute URL of the next page, when the `next` selector matched a link. */
  readonly next?: string | undefined;
}

/** The slice of linkedom's DOM used here, typed structurally: the core compiles without the `dom` lib. */
interface Element {
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  querySelector(selector: string): Element | null;
}
interface Queryable {
  querySelector(selector: string): Element | null;
  querySelectorAll(selector: string): ArrayLike<Element>;
}

function selectAll(document: Queryable, selector: string, pageUrl: string): Element[] {
  try {
    return Array.from(document.querySelectorAll(selector));
  } catch (error) {
    throw new LedeError('invalid-definition', `Invalid CSS selector ${JSON.stringify(selector)} for ${pageUrl}`, {
      cause: error,
    });
  }
}

/** The link an element stands for: its own href, or the first link inside it (a selector may pick a card). */
function readHref(element: Element): string | undefined {
  const link = element.hasAttribute('href') ? element : element.querySelector('a[href]');
  return link?.getAttribute('href') ?? undefined;
}

/** Link text as a title hint: the visible text, else the `title` attribute, else an image's `alt`. */
function readTitleHint(element: Element): string | undefined {
  const visible = element.textContent?.replace(/\s+/g, ' ').trim();
  return (
    visible ||
    element.getAttribute('title')?.trim() ||
    element.querySelector('img[alt]')?.getAttribute('alt')?.trim() ||
    undefined
  );
}

/**
 * Parse one listing page.
 *
 * @example
 * const page = parseListing(html, 'https://example.com/news/', 'a.news-card__link', 'a.pagination__next');
 * // { entries: [{ url: 'https://example.com/politics/1101/…', title: '…' }, …], next: 'https://example.com/news/page/2/' }
 */
export function parseListing(html: string, pageUrl: string, links: string, next?: string): ParsedListing {
  // linkedom types its result with the `dom` lib's Window, which this project does not load.
  const { document } = parseHTML(html) as unknown as { document: Queryable };
  const base = resolveUrl(document.querySelector('base[href]')?.getAttribute('href') ?? undefined, pageUrl) ?? pageUrl;
  const entries = selectAll(document, links, pageUrl).flatMap((element): SourceEntry[] => {
    const url = resolveUrl(readHref(element), base);
    const title = readTitleHint(element);
    return url ? [compactEntry({ url, title })] : [];
  });
  const nextElement = next ? selectAll(document, next, pageUrl)[0] : undefined;
  const nextUrl = nextElement ? resolveUrl(readHref(nextElement), base) : undefined;
  return { entries, next: nextUrl };
}
