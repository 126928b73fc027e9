/**
 * @module tests/core/extract/text-measures
 * The short cuts scoring and the field readers take when they only need to know a little about a subtree's
 * text or tags — whether it has visible text, whether a tag occurs, whether the text is short enough to be a
 * dateline or a byline — against the full measures they replace, on generated trees whose texts mix every
 * kind of white space (JavaScript's `\s`, NBSP, zero-width space, NEL, which `\s` leaves out) with long runs.
 * The field readers are compared with their previous implementation, kept here verbatim.
 */
import fc from 'fast-check';
import { isTag, isText } from 'domhandler';
import { describe, expect, it } from 'vitest';
import {
  countCommaPieces,
  countNonSpace,
  findByTags,
  hasDescendantTag,
  hasVisibleText,
  isWhiteSpaceCode,
  normalizeInnerText,
  readInnerLength,
  readInnerText,
  readLinkDensities,
  readLinkDensity,
  readNormalizedLength,
} from '../../../src/core/extract/content-text.ts';
import { cleanAuthorName, findByline, findDateline } from '../../../src/core/extract/page-fields.ts';
import { parseDate } from '../../../src/core/dates.ts';
import {
  containsNode,
  getAttribute,
  readAttribute,
  readBody,
  collapseWhitespace,
  selectAll,
  selectFirst,
  type DomDocument,
  type DomElement,
} from '../../../src/core/html-dom.ts';
import { parseDocument } from '../../../src/core/parse-html.ts';
import { readLinkDensitiesBefore } from '../../helpers/content-text-before.ts';
import { markupTree } from '../../helpers/markup-tree.ts';
import { BYLINE_SELECTORS, DATELINE_SELECTOR } from '../../helpers/page-convention-selectors.ts';

const SPACES = [' ', '  ', '\n\t', '\u00a0', '\u200b', '\u0085', '\u180e', '\u2003', '\u3000', '\ufeff', '\r\n'];
const WORDS = ['By Jane Doe', 'March 9, 2017', '2024-01-02 10:11', 'steppe', 'Қазақ', 'автор: Иван', 'x'.repeat(70)];
const text = fc
  .array(fc.oneof(fc.constantFrom(...SPACES), fc.constantFrom(...WORDS)), { maxLength: 12 })
  .map((parts) => parts.join(''));
const CLASSES = ['', 'date', 'post-meta', 'byline', 'author-name', 'byline x', 'fn', 'author', 'Timestamp'];
const ATTRIBUTES = [
  '',
  ' itemprop="author"',
  ' itemprop="name"',
  ' rel="author"',
  ' datetime="2023-05-06"',
  ' href="#top"',
  ' href="/x"',
];
const TAGS = ['div', 'p', 'span', 'time', 'a', 'article', 'main', 'br', 'script', 'ul', 'img'];

const markup = markupTree({
  leaf: text,
  tags: TAGS,
  attributes: fc
    .tuple(fc.constantFrom(...CLASSES), fc.constantFrom(...ATTRIBUTES))
    .map(([name, extra]) => ` class="${name}"${extra}`),
  maxChildren: 5,
});

const page = fc.array(markup, { minLength: 1, maxLength: 5 }).map((parts) => parseDocument(parts.join('')));

function everyElement(document: DomDocument): DomElement[] {
  const body = readBody(document);
  return body ? [body, ...findByTags(body, new Set(TAGS))] : [];
}

/** Blocks and breaks, whose text a browser sets apart from the next element's (page-fields.ts reads bylines so). */
const LAID_OUT_BLOCKS = new Set(
  'address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 header hr li main nav ol p section table td th tr ul'.split(
    ' ',
  ),
);

/**
 * An element's whole text as laid out (a space around each block's), collapsed: read without stopping early;
 * with `withoutDates`, not the `<time>` elements and those with a class word date, datetime, time, timestamp,
 * pubdate or published (words split at spaces, `-` and `_`) below it, as a byline's name is read.
 */
function readLaidOutText(element: DomElement, withoutDates = false): string | undefined {
  const parts: string[] = [];
  const isDate = (tag: DomElement): boolean =>
    tag.name === 'time' ||
    (tag.attribs['class'] ?? '')
      .split(/[\s_-]+/)
      .some((word) => ['date', 'datetime', 'time', 'timestamp', 'pubdate', 'published'].includes(word.toLowerCase()));
  const walk = (node: DomElement): void => {
    for (const child of node.children) {
      if (isText(child)) parts.push(child.data);
      else if (isTag(child)) {
        if (withoutDates && isDate(child)) continue;
        const block = LAID_OUT_BLOCKS.has(child.name);
        if (block) parts.push(' ');
        walk(child);
        if (block) parts.push(' ');
      }
    }
  };
  walk(element);
  return collapseWhitespace(parts.join(''));
}

/** page-fields.ts `findDateline` before it stopped reading long elements early (texts read as laid out). */
function findDatelineBefore(document: DomDocument, timezone?: string): string | undefined {
  const readElementDate = (element: DomElement): string | undefined => {
    for (const value of [
      readAttribute(element, 'datetime'),
      readAttribute(element, 'content'),
      readLaidOutText(element),
    ]) {
      const date = value !== undefined && value.length <= 320 ? parseDate(value, timezone) : undefined;
      if (date) return date;
    }
    return undefined;
  };
  const article = selectFirst(document, 'article, main, [role="main"]');
  const all = selectAll(document, DATELINE_SELECTOR);
  const candidates = article
    ? [...all.filter((element) => containsNode(article, element) && element !== article), ...all]
    : all;
  let inspected = 0;
  for (const element of candidates) {
    const value = readLaidOutText(element);
    if (value === undefined || value.length > 160) continue;
    const date = readElementDate(element);
    if (date) return date;
    if (++inspected >= 60) break;
  }
  return undefined;
}

/** page-fields.ts `findByline` before it stopped reading long elements early (texts read as laid out, dates left out). */
function findBylineBefore(document: DomDocument): string | undefined {
  // html-dom's selectInOrder, which this used: each selector's matches in document order, in turn.
  for (const element of BYLINE_SELECTORS.flatMap((selector) => selectAll(document, selector))) {
    const name = cleanAuthorName(readAttribute(element, 'content') ?? readLaidOutText(element, true));
    if (name && !/^https?:\/\//i.test(name)) return name;
  }
  return undefined;
}

/** content-text.ts `readLinkDensity` before it read the text and the links in one walk. */
function readLinkDensityBefore(element: DomElement, linkLengths?: Map<DomElement, number>): number {
  const textLength = readInnerText(element).length;
  if (textLength === 0) return 0;
  let linkLength = 0;
  for (const link of findByTags(element, new Set(['a']))) {
    let length = linkLengths?.get(link);
    if (length === undefined) {
      const href = getAttribute(link, 'href');
      length = readInnerText(link).length * (href && /^#.+/.test(href) ? 0.3 : 1);
      linkLengths?.set(link, length);
    }
    linkLength += length;
  }
  return linkLength / textLength;
}

describe('text measures', () => {
  it('link density is what reading the text and the links apart gave, to the last bit', () => {
    fc.assert(
      fc.property(page, (document) => {
        const sharedBefore = new Map<DomElement, number>();
        for (const element of everyElement(document)) {
          expect(readLinkDensity(element)).toBe(readLinkDensityBefore(element));
          expect(readLinkDensity(element)).toBe(readLinkDensityBefore(element, sharedBefore));
        }
      }),
      { numRuns: 400 },
    );
  });

  it("link densities read in one walk are each candidate's own, to the last bit", () => {
    const pick = fc.array(fc.boolean(), { maxLength: 80 });
    fc.assert(
      fc.property(page, pick, (document, picked) => {
        // Any candidates, nested or not, as scoring's ancestors of paragraphs are.
        const candidates = everyElement(document).filter((_, index) => picked[index % Math.max(picked.length, 1)]);
        const densities = readLinkDensities(candidates);
        expect(densities.size).toBe(new Set(candidates).size);
        for (const element of candidates) expect(densities.get(element)).toBe(readLinkDensityBefore(element));
      }),
      { numRuns: 600 },
    );
  });

  it('measures the normalised text without building it', () => {
    // Texts of every kind of white space and long runs, and any UTF-16 code units (lone surrogates too).
    const anyText = fc.oneof(text, fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom(...SPACES, 'a') }));
    fc.assert(
      fc.property(anyText, (value) => {
        expect(readNormalizedLength(value)).toBe(normalizeInnerText(value).length);
        // The shared pattern's position is reset: the same text measures alike twice.
        expect(readNormalizedLength(value)).toBe(normalizeInnerText(value).length);
        expect(countNonSpace(value)).toBe(value.replace(/\s+/g, '').length);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(page, (document) => {
        for (const element of everyElement(document))
          expect(readInnerLength(element)).toBe(readInnerText(element).length);
      }),
      { numRuns: 300 },
    );
  });

  it('reads white space as `\\s` does, over every UTF-16 code unit', () => {
    for (let code = 0; code <= 0xffff; code += 1)
      expect([code, isWhiteSpaceCode(code)]).toEqual([code, /\s/.test(String.fromCharCode(code))]);
  });

  it('reads link densities in one walk as before session 22, to the last bit', () => {
    const pick = fc.array(fc.boolean(), { maxLength: 80 });
    fc.assert(
      fc.property(page, pick, (document, picked) => {
        const candidates = everyElement(document).filter((_, index) => picked[index % Math.max(picked.length, 1)]);
        expect(readLinkDensities(candidates)).toEqual(readLinkDensitiesBefore(candidates));
      }),
      { numRuns: 600 },
    );
  });

  it('an element has visible text exactly when its inner text is not empty', () => {
    fc.assert(
      fc.property(page, (document) => {
        for (const element of everyElement(document))
          expect(hasVisibleText(element)).toBe(readInnerText(element) !== '');
      }),
      { numRuns: 400 },
    );
  });

  it('a descendant tag is found exactly when findByTags finds one', () => {
    fc.assert(
      fc.property(page, fc.subarray(TAGS, { minLength: 1 }), (document, tags) => {
        const set = new Set(tags);
        for (const element of everyElement(document))
          expect(hasDescendantTag(element, set)).toBe(findByTags(element, set).length > 0);
      }),
      { numRuns: 400 },
    );
  });

  it('the dateline and the byline are what reading every element whole found', () => {
    fc.assert(
      fc.property(page, fc.constantFrom(undefined, '+05:00'), (document, timezone) => {
        expect(findDateline(document, timezone)).toBe(findDatelineBefore(document, timezone));
        expect(findByline(document)).toBe(findBylineBefore(document));
      }),
      { numRuns: 600 },
    );
  });

  it("counts the pieces Readability's split on commas made", () => {
    // content-score.ts's split, verbatim, over texts mixing every comma Readability counts with other text.
    const COMMAS = /\u002C|\u060C|\uFE50|\uFE10|\uFE11|\u2E41|\u2E34|\u2E32|\uFF0C/g;
    const commas = [',', '\u060C', '\uFE50', '\uFE10', '\uFE11', '\u2E41', '\u2E34', '\u2E32', '\uFF0C', '\u201A', ';'];
    const mixed = fc
      .array(fc.oneof(fc.constantFrom(...commas), text, fc.string()), { maxLength: 20 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(mixed, (value) => {
        expect(countCommaPieces(value)).toBe(value.split(COMMAS).length);
        // The shared pattern's position is reset: the same text counts alike twice.
        expect(countCommaPieces(value)).toBe(value.split(COMMAS).length);
      }),
      { numRuns: 1000 },
    );
  });

  it('reads a dateline and a byline beside a long container', () => {
    const long = '<p>A paragraph of the story, long enough to matter. </p>'.repeat(20);
    const document = parseDocument(
      `<div class="meta">${long}</div><span class="date">23 January, 2023</span><div class="byline">${long}</div><span class="byline">By Jane Doe</span>`,
    );
    expect(findDateline(document)).toBe('2023-01-23T00:00:00.000Z');
    expect(findByline(document)).toBe('Jane Doe');
  });
});
