/**
 * @module tests/core/pull/parse-listing
 * parseListing reads listings with the light tree (htmlparser2 + css-select) since it left linkedom, which
 * now loads only for the Readability fallback. It must find what a full DOM finds: the links, their title
 * hints and the next page of the fixture site's listings and of hostile generated ones, compared with the
 * same reading done on linkedom.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { parseListing } from '../../../src/core/pull/parse-listing.ts';
import { resolveUrl } from '../../../src/core/pull/source-urls.ts';
import { hostileListing } from '../../fuzz/arbitraries/html-documents.ts';

interface FullElement {
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  querySelector(selector: string): FullElement | null;
  querySelectorAll(selector: string): ArrayLike<FullElement>;
}

/**
 * The listing as linkedom's DOM reads it (what parseListing did before), once NUL characters are gone:
 * parse-html drops them (an HTML parser never passes U+0000 on as text), linkedom keeps them.
 */
function readWithFullDom(html: string, pageUrl: string, links: string, next: string) {
  const { document } = parseHTML(html.replaceAll('\u0000', '')) as unknown as { document: FullElement };
  const base = resolveUrl(document.querySelector('base[href]')?.getAttribute('href') ?? undefined, pageUrl) ?? pageUrl;
  const readHref = (element: FullElement) =>
    (element.hasAttribute('href') ? element : element.querySelector('a[href]'))?.getAttribute('href') ?? undefined;
  const entries = Array.from(document.querySelectorAll(links)).flatMap((element) => {
    const url = resolveUrl(readHref(element), base);
    const title =
      element.textContent?.replace(/\s+/g, ' ').trim() ||
      element.getAttribute('title')?.trim() ||
      element.querySelector('img[alt]')?.getAttribute('alt')?.trim() ||
      undefined;
    return url ? [title === undefined ? { url } : { url, title }] : [];
  });
  const nextElement = document.querySelectorAll(next)[0];
  return { entries, next: nextElement ? resolveUrl(readHref(nextElement), base) : undefined };
}

const SELECTORS: readonly [string, string][] = [
  ['a.card', 'a.next'],
  ['article h2 a', 'link[rel=next]'],
  ['.news-list > li', '.pagination a:last-child'],
  ['a[href*="/news/"]', 'a[rel~="next"]'],
  ['a.news-card__link', 'a.pagination__next'],
];

function expectSameAsFullDom(html: string, pageUrl: string): void {
  for (const [links, next] of SELECTORS) {
    expect(parseListing(html, pageUrl, links, next)).toEqual(readWithFullDom(html, pageUrl, links, next));
  }
}

describe('parseListing on the light tree', () => {
  it('reads the fixture site’s listings as a full DOM does', () => {
    for (const file of ['news/index.html', 'news/page/2/index.html', 'news/page/3/index.html', 'index.html']) {
      const html = readFileSync(new URL(`../../fixtures/site/public/${file}`, import.meta.url), 'utf8').replaceAll(
        '{{origin}}',
        'http://127.0.0.1:8080',
      );
      const { entries } = parseListing(html, `http://127.0.0.1:8080/${file}`, 'a.news-card__link');
      if (file === 'news/index.html') expect(entries.length).toBeGreaterThan(0);
      expectSameAsFullDom(html, `http://127.0.0.1:8080/${file}`);
    }
  });

  it('reads hostile listings as a full DOM does', () => {
    fc.assert(
      fc.property(hostileListing, (html) => {
        expectSameAsFullDom(html, 'https://news.example/news/');
      }),
      { numRuns: 150 },
    );
  });
});
