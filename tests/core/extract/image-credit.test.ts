/**
 * The lead image's credit, which `images: "credited"` needs: JSON-LD ImageObject first, then the figure's figcaption.
 * The property: on generated pages (nested figures, several or empty captions, relative, resized, invalid and
 * missing `src`, ImageObjects of other images) it is the credit the code before session 22 read.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readImageCredit as readCredit } from '../../../src/core/extract/image-credit.ts';
import type { DomDocument } from '../../../src/core/html-dom.ts';
import { readJsonLd } from '../../../src/core/extract/json-ld.ts';
import { parseDocument } from '../../../src/core/parse-html.ts';
import { readImageCreditBefore } from '../../helpers/image-credit-before.ts';

const PAGE = 'https://news.example/politics/1/a';
const IMAGE = 'https://news.example/img/lead.jpg';

function page(head: string, body: string) {
  return parseDocument(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`);
}

/** The credit as the extract stage reads it, with the page's JSON-LD read once. */
function readImageCredit(document: DomDocument, image: string | undefined, pageUrl: string) {
  return readCredit(document, readJsonLd(document), image, pageUrl);
}

function jsonLd(value: unknown): string {
  return `<script type="application/ld+json">${JSON.stringify(value)}</script>`;
}

describe('readImageCredit', () => {
  it.each([
    [
      {
        creditText: 'Photo: Akorda',
        caption: 'The president',
        copyrightHolder: { '@type': 'Organization', name: 'Akorda' },
      },
      'Photo: Akorda',
    ],
    [{ copyrightHolder: { '@type': 'Organization', name: 'Reuters' }, caption: 'Crowds' }, 'Reuters'],
    [{ caption: 'Crowds in Astana' }, 'Crowds in Astana'],
  ])('reads the article ImageObject %j', (fields, expected) => {
    const document = page(
      jsonLd({ '@type': 'NewsArticle', headline: 'H', image: { '@type': 'ImageObject', url: IMAGE, ...fields } }),
      '',
    );
    expect(readImageCredit(document, IMAGE, PAGE)).toBe(expected);
  });

  it('follows an @graph reference to the ImageObject, and ignores one of another image', () => {
    const graph = {
      '@graph': [
        { '@type': 'NewsArticle', headline: 'H', image: { '@id': '#primary' } },
        { '@type': 'ImageObject', '@id': '#primary', url: `${IMAGE}?w=1200`, creditText: 'Фото: Tengrinews' },
        { '@type': 'ImageObject', url: 'https://news.example/img/other.jpg', creditText: 'Not this one' },
      ],
    };
    expect(readImageCredit(page(jsonLd(graph), ''), IMAGE, PAGE)).toBe('Фото: Tengrinews');
    expect(readImageCredit(page(jsonLd(graph), ''), 'https://news.example/img/third.jpg', PAGE)).toBeUndefined();
  });

  it('falls back to the figcaption of the figure that shows the lead image, not another one', () => {
    const body =
      '<figure><img src="/img/ad.jpg"><figcaption>Advert</figcaption></figure>' +
      '<figure class="lead"><img src="/img/lead.jpg" alt=""><figcaption> QazMonitor\n </figcaption></figure>';
    expect(readImageCredit(page('', body), IMAGE, PAGE)).toBe('QazMonitor');
    expect(
      readImageCredit(page('', '<figure><img src="/img/ad.jpg"><figcaption>Advert</figcaption></figure>'), IMAGE, PAGE),
    ).toBeUndefined();
  });

  it('is undefined without an image, and shortens a caption that is really prose', () => {
    expect(
      readImageCredit(
        page('', '<figure><img src="/img/lead.jpg"><figcaption>X</figcaption></figure>'),
        undefined,
        PAGE,
      ),
    ).toBeUndefined();
    const long = Array.from({ length: 80 }, (_, i) => `word${i}`).join(' ');
    const credit = readImageCredit(
      page('', `<figure><img src="/img/lead.jpg"><figcaption>${long}</figcaption></figure>`),
      IMAGE,
      PAGE,
    );
    expect(credit!.length).toBeLessThanOrEqual(201);
    expect(credit!.endsWith('…')).toBe(true);
  });

  it('reads every credit as before it parsed each URL once and walked each figure once', () => {
    const SOURCES = ['/img/lead.jpg', 'lead.jpg', '/img/lead.jpg?w=1200#x', IMAGE, '/img/ad.jpg', 'http://[', ''];
    const img = fc
      .option(fc.constantFrom(...SOURCES), { nil: undefined })
      .map((src) => (src === undefined ? '<img>' : `<img src="${src}">`));
    const caption = fc.constantFrom('<figcaption>Photo: Akorda</figcaption>', '<figcaption> \n </figcaption>', '');
    const figure: fc.Arbitrary<string> = fc.letrec<{ figure: string }>((tie) => ({
      figure: fc
        .tuple(
          fc.array(fc.oneof(img, caption, fc.constant('<p>x</p>')), { maxLength: 3 }),
          fc.option(tie('figure'), { depthSize: 'small', nil: '' }),
        )
        .map(([parts, inner]) => `<figure>${parts.join('')}${inner}</figure>`),
    })).figure;
    const imageObject = fc.option(
      fc.record({
        '@type': fc.constant('ImageObject'),
        url: fc.constantFrom(...SOURCES),
        caption: fc.constant('JSON'),
      }),
      { nil: undefined },
    );
    fc.assert(
      fc.property(
        fc.array(figure, { maxLength: 3 }),
        imageObject,
        fc.constantFrom(IMAGE, '/img/lead.jpg', 'http://[', undefined),
        (figures, object, image) => {
          const head = object === undefined ? '' : jsonLd(object);
          const document = page(head, figures.join(''));
          const graph = readJsonLd(document);
          expect(readCredit(document, graph, image, PAGE)).toBe(readImageCreditBefore(document, graph, image, PAGE));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
