/**
 * @module tests/core/extract/content-walk
 * The walk before scoring compares each heading with the title by Readability's word similarity, the title's
 * words now read once per walk as a set: on generated titles and headings (repeated words, case, non-word
 * characters, Cyrillic, which `\W` splits, and empty texts) it is, to the bit, the previous version's value.
 * The page's byline: taken out while scoring, or, when the page's markup names the author, left in as Readability
 * leaves it and noted, to be taken out of the chosen article.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  collectElementsToScore,
  readSimilarity,
  readWords,
  type KeptByline,
} from '../../../src/core/extract/content-walk.ts';
import { extractArticle } from '../../../src/core/extract/extract-article.ts';
import { readBody, readTextContent } from '../../../src/core/html-dom.ts';
import { parseDocument } from '../../../src/core/parse-html.ts';
import { readSimilarityBefore } from '../../helpers/similarity-before.ts';

const WORDS = ['Water', 'water', 'code', 'the', 'Senate', 'senate’s', 'Қазақ', '2025', '—', 'a-b', '', ' ', '!!'];
const text = fc
  .array(fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 4 })), { maxLength: 12 })
  .chain((words) => fc.constantFrom(' ', '  ', '-', '').map((separator) => words.join(separator)));

describe('readSimilarity', () => {
  it('equals the previous version, the title given as its set of words', () => {
    fc.assert(
      fc.property(text, text, (title, heading) => {
        expect(
          Object.is(readSimilarity(new Set(readWords(title)), heading), readSimilarityBefore(title, heading)),
        ).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('collectElementsToScore and the byline', () => {
  const PAGE =
    '<html><body><article><p class="byline">By <a href="/author/jane">Jane Doe</a></p>' +
    `<p>${'The council approved the new tram depot on Tuesday, after a long debate. '.repeat(4)}</p></article></body></html>`;

  it('takes the byline out while it scores, unless the markup names the author: then notes it and leaves it', () => {
    const rules = { stripUnlikely: true };
    const taken = readBody(parseDocument(PAGE));
    if (!taken) throw new Error('a parsed page has a body');
    collectElementsToScore(taken, undefined, rules);
    expect(readTextContent(taken)).not.toContain('Jane Doe');
    const left = readBody(parseDocument(PAGE));
    if (!left) throw new Error('a parsed page has a body');
    const kept: KeptByline = {};
    collectElementsToScore(left, undefined, rules, kept);
    expect(readTextContent(left)).toContain('By Jane Doe');
    expect(kept.found && readTextContent(kept.found)).toBe('By Jane Doe');
  });

  it('leaves no byline in the article either way', async () => {
    const meta = '<meta name="author" content="Jane Doe">';
    for (const page of [PAGE, PAGE.replace('<html>', `<html><head>${meta}</head>`)]) {
      const article = await extractArticle(page, 'https://news.example.com/a');
      expect(article.text).not.toContain('By Jane Doe');
      expect(article.text).toContain('tram depot');
    }
  });
});

describe('collectElementsToScore and MathJax', () => {
  it("keeps a MathJax container whose other class names an unlikely part (Readability's okMaybeItsACandidate)", async () => {
    const prose = 'An ordinary sentence of the article, with commas, and enough words to be its content. '.repeat(3);
    const formula = '<math><mi>a</mi><mo>≠</mo><mn>0</mn></math>';
    const html = (classes: string) =>
      `<article><p>${prose}</p><p>When <mjx-container class="${classes}">${formula}</mjx-container>, two roots.</p><p>${prose}</p></article>`;
    expect((await extractArticle(html('MathJax CtxtMenu_Attached_0'), 'https://news.test/a')).text).toContain(
      'When a ≠ 0, two roots.',
    );
    expect((await extractArticle(html('CtxtMenu_Attached_0'), 'https://news.test/a')).text).toContain(
      'When , two roots.',
    );
  });
});
