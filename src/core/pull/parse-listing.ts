/**
 * @module core/pull/parse-listing
 * An HTML listing page (a section front, a "latest news" page) → article links, by the CSS selectors
 * of the feed definition, plus the URL of the next page. Links are resolved against the page's
 * `<base href>` or URL (HTML §4.2.3) but not filtered: the caller applies the site rules. The page is read
 * with the same light tree as articles (htmlparser2 + css-select), not a full DOM.
 */
import { LedeError } from '../errors.ts';
import {
  getAttribute,
  isValidSelector,
  readTextContent,
  selectAll,
  selectFirst,
  type DomDocument,
  type DomElement,
} from '../html-dom.ts';
import { parseDocument } from '../parse-html.ts';
import type { SourceEntry } from '../types.ts';
import { compactEntry } from './select-entries.ts';
import { resolveUrl } from './source-urls.ts';

export interface ParsedListing {
  readonly entries: SourceEntry[];
  /** Absolute URL of the next page, when the `next` selector matched a link. */
  readonly next?: string | undefined;
}

function selectChecked(document: DomDocument, selector: string, pageUrl: string): DomElement[] {
  if (!isValidSelector(selector)) {
    throw new LedeError('invalid-definition', `Invalid CSS selector ${JSON.stringify(selector)} for ${pageUrl}`);
  }
  return selectAll(document, selector);
}

/** The link an element stands for: its own href, or the first link inside it (a selector may pick a card). */
function readHref(element: DomElement): string | undefined {
  const link = getAttribute(element, 'href') !== null ? element : selectFirst(element, 'a[href]');
  return link ? (getAttribute(link, 'href') ?? undefined) : undefined;
}

/** Link text as a title hint: the visible text, else the `title` attribute, else an image's `alt`. */
function readTitleHint(element: DomElement): string | undefined {
  const visible = readTextContent(element).replace(/\s+/g, ' ').trim();
  const image = selectFirst(element, 'img[alt]');
  return (
    visible ||
    getAttribute(element, 'title')?.trim() ||
    (image ? getAttribute(image, 'alt')?.trim() : undefined) ||
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
  const document = parseDocument(html);
  const baseElement = selectFirst(document, 'base[href]');
  const base =
    resolveUrl(baseElement ? (getAttribute(baseElement, 'href') ?? undefined) : undefined, pageUrl) ?? pageUrl;
  const entries = selectChecked(document, links, pageUrl).flatMap((element): SourceEntry[] => {
    const url = resolveUrl(readHref(element), base);
    const title = readTitleHint(element);
    return url ? [compactEntry({ url, title })] : [];
  });
  const nextElement = next ? selectChecked(document, next, pageUrl)[0] : undefined;
  const nextUrl = nextElement ? resolveUrl(readHref(nextElement), base) : undefined;
  return { entries, next: nextUrl };
}
