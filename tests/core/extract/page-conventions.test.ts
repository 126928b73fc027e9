/**
 * @module tests/core/extract/page-conventions
 * readPageConventions finds, in one walk, what the field readers used to ask css-select for with one scan
 * per selector list. The property: on generated pages whose attributes mix the selectors' words in every
 * case, inside other words, between `\s` white space (NBSP and tabs included) and nested in each other, each
 * list holds exactly css-select's matches of its selector, in document order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Element } from 'domhandler';
import { readPageConventions } from '../../../src/core/extract/page-conventions.ts';
import { selectAll, selectFirst, type DomDocument } from '../../../src/core/html-dom.ts';
import { parseDocument } from '../../../src/core/parse-html.ts';
import { markupTree } from '../../helpers/markup-tree.ts';
import { BYLINE_SELECTORS, DATELINE_SELECTOR } from '../../helpers/page-convention-selectors.ts';

const TIMES = [
  '[itemprop~="datePublished"]',
  'time[pubdate]',
  'article time[datetime]',
  'main time[datetime]',
  'time[datetime]',
];

const attribute = (name: string, values: string[]) =>
  fc.option(
    fc.constantFrom(...values).map((value) => ` ${name}="${value}"`),
    { nil: '' },
  );
const CLASSES = [
  'date',
  'UpDate',
  'timestamp',
  'TIME',
  'published',
  'posted-on',
  'metadata',
  'byline',
  'BYLINE x',
  'post-info',
  'INFOBOX',
];
const MORE_CLASSES = [
  'fn',
  'FN',
  'x\u00a0fn',
  'fnord',
  'x\tfn',
  'author',
  'Author',
  'author-name',
  'AUTHOR-NAME x',
  'author__name',
  'post_Author_Name x',
  'news-detail__author',
  'Post-Author x',
  'authority',
  'author-link',
  'x Author_box',
  'x\tauthor-bio',
  ' author-',
  'coauthor-x',
  'writer',
  'article_Reporter x',
  'typewriter-font',
  '',
];
const attributes = fc
  .tuple(
    attribute('class', [...CLASSES, ...MORE_CLASSES]),
    attribute('id', ['date', 'UPDATE', 'main', '']),
    attribute('itemprop', [
      'author',
      'name',
      'author name',
      'Author',
      'datePublished',
      'datepublished',
      'x datePublished',
    ]),
    attribute('rel', ['author', 'AUTHOR', 'nofollow author', 'authors']),
    attribute('role', ['main', 'Main', '']),
    fc.constantFrom('', ' pubdate', ' datetime="2024-01-02"', ' datetime', ' content="2024-02-03"'),
  )
  .map((parts) => parts.join(''));
const TAGS = ['div', 'span', 'time', 'article', 'main', 'a', 'p', 'section', 'script'];

const markup = markupTree({
  leaf: fc.constantFrom('text', ' ', 'By Jane Doe'),
  tags: TAGS,
  attributes,
  maxChildren: 4,
});

const page = fc.array(markup, { minLength: 1, maxLength: 6 }).map((parts) => parseDocument(parts.join('')));

/** Positions of elements in document order, so lists compare as numbers. */
function positions(document: DomDocument, elements: readonly (Element | undefined)[]): number[] {
  const order = new Map(selectAll(document, '*').map((element, index) => [element, index]));
  return elements.map((element) => (element ? (order.get(element) ?? -2) : -1));
}

describe('page conventions', () => {
  it('each list holds css-select’s matches of its selector, in document order', () => {
    fc.assert(
      fc.property(page, (document) => {
        const conventions = readPageConventions(document);
        const at = (elements: readonly (Element | undefined)[]) => positions(document, elements);
        expect(at([conventions.main])).toEqual(at([selectFirst(document, 'article, main, [role="main"]')]));
        expect(at(conventions.datelines)).toEqual(at(selectAll(document, DATELINE_SELECTOR)));
        BYLINE_SELECTORS.forEach((selector, index) => {
          expect(at(conventions.bylines[index] ?? [])).toEqual(at(selectAll(document, selector)));
        });
        TIMES.forEach((selector, index) => {
          expect(at(conventions.times[index] ?? [])).toEqual(at(selectAll(document, selector)));
        });
      }),
      { numRuns: 800 },
    );
  });

  it('finds a byline’s name inside a byline, and the article’s own time', () => {
    const document = parseDocument(
      '<div class="Byline"><span class="fn">Jane Doe</span></div><aside><time datetime="2020-01-01"></time></aside>' +
        '<article><time datetime="2024-05-06"></time></article>',
    );
    const conventions = readPageConventions(document);
    expect(conventions.bylines[0]?.map((element) => element.attribs['class'])).toEqual(['fn']);
    expect(conventions.times[2]?.map((element) => element.attribs['datetime'])).toEqual(['2024-05-06']);
  });
});
