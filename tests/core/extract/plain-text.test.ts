/**
 * Plain text of an article element: cross-references to other articles ("Read also: <a>…</a>") are dropped,
 * in any language, and nothing else is — the rule only ever removes whole paragraphs; a paragraph the page
 * repeats stays, every copy (the licence counts one: tests/core/license/unique-paragraphs.test.ts); MathML is text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readBody } from '../../../src/core/html-dom.ts';
import { toParagraphs } from '../../../src/core/extract/plain-text.ts';
import { parseDocument } from '../../../src/core/parse-html.ts';

function paragraphsOf(html: string): string[] {
  const body = readBody(parseDocument(`<html><body>${html}</body></html>`));
  if (!body) throw new Error('no body');
  return toParagraphs(body);
}

const BEFORE = 'The senate passed the water code on Tuesday, after a debate that lasted until midnight.';
const AFTER = 'The code takes effect in January.';

describe('toParagraphs: cross-references', () => {
  it.each([
    ['<p><strong>Read also:</strong> <a href="/n/1">Senate backs water code overhaul</a></p>'],
    ['<p><b>Читайте также:</b> <a href="/n/2">В Алматы открыли новый мост через реку</a></p>'],
    ['<p>Тағы оқыңыз: <a href="/n/3">Астанада жаңа мектеп ашылды</a></p>'],
    ['<p>[Read: <a href="/n/4">Why the port added a second ferry berth</a>]</p>'],
    ['<p>SEE ALSO: <a href="/n/5">Tenge steadies</a> <a href="/n/6">as the bank holds its rate</a></p>'],
  ])('drops %s', (reference) => {
    expect(paragraphsOf(`<p>${BEFORE}</p>${reference}<p>${AFTER}</p>`)).toEqual([BEFORE, AFTER]);
  });

  it('drops one between <br> breaks and keeps the lines around it', () => {
    expect(
      paragraphsOf('<div>First line.<br><br>Also Read: <a href="/x">Other story</a><br><br>Last line.</div>'),
    ).toEqual(['First line.', 'Last line.']);
  });

  it.each([
    [
      'a headline with a colon, label and all inside the link',
      '<p><a href="/t">Bebidas con beneficios: ¿de verdad funcionan?</a></p>',
    ],
    [
      'prose after the colon, a link within it',
      '<p>The ministry said: <a href="/r">the report</a> was wrong and would be withdrawn.</p>',
    ],
    ['a link without a label', '<p><a href="/n/1">Senate backs water code overhaul</a></p>'],
    [
      'a long lead-in before the colon',
      '<p>According to figures published on Monday by the statistics office: <a href="/s">stat.gov.kz</a></p>',
    ],
  ])('keeps %s', (_, html) => {
    expect(paragraphsOf(html)).toHaveLength(1);
  });
});

describe('toParagraphs: the cross-reference rule only removes', () => {
  const part = fc.constantFrom(
    'Read also',
    ': ',
    'The senate passed the code.',
    ' ',
    '<a href="/a">Other story</a>',
    '<a href="/b">Label: inside</a>',
    '<strong>See also:</strong>',
    '<br>',
    '</p><p>',
    '<span>text</span>',
  );

  it('keeps, in order, only paragraphs the same markup gives without links', () => {
    fc.assert(
      fc.property(fc.array(part, { maxLength: 14 }), (parts) => {
        const html = `<p>${parts.join('')}</p>`;
        const withoutLinks = paragraphsOf(html.replaceAll('<a ', '<span ').replaceAll('</a>', '</span>'));
        const kept = paragraphsOf(html);
        let from = 0;
        for (const paragraph of kept) {
          from = withoutLinks.indexOf(paragraph, from) + 1;
          expect(from, JSON.stringify({ html, kept, withoutLinks })).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('toParagraphs: repeated prose', () => {
  const LEDE =
    'Good morning and welcome to our live coverage of the storm, which brings the strongest winds of the year.';

  it('keeps every copy of a paragraph the page repeats, as the page has them (the licence counts one: unique-paragraphs.ts)', () => {
    const html = `<section><p>${LEDE}</p></section><p>${BEFORE}</p><blockquote><p>${LEDE}</p></blockquote><p>Yes.</p><p>Yes.</p>`;
    expect(paragraphsOf(html)).toEqual([LEDE, BEFORE, LEDE, 'Yes.', 'Yes.']);
  });
});

describe('toParagraphs: MathML', () => {
  it('reads a formula as part of its sentence, each token a word, the punctuation after it kept on it', () => {
    const html =
      '<p>When <math><mi>a</mi><mo>≠</mo><mn>0</mn></math>, there are two solutions to ' +
      '<math><mi>a</mi><msup><mi>x</mi><mn>2</mn></msup><mo>+</mo><mi>b</mi><mi>x</mi></math>.</p>';
    expect(paragraphsOf(html)).toEqual(['When a ≠ 0, there are two solutions to a x 2 + b x.']);
  });
});
