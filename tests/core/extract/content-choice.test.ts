/**
 * @module tests/core/extract/content-choice
 * Where content scoring puts the article once candidates are scored (content-choice.ts): Readability's climb
 * to a parent that scores higher than the one below it, except that a parent's own class weight (a wrapper
 * called `content`, `main` or `page`) does not make it hold more of the article.
 */
import type { Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { prepareForScoring, SCORE_PASSES, scorePreparedPage } from '../../../src/core/extract/content-score.ts';
import { readTextContent } from '../../../src/core/html-dom.ts';
import { parseDocument } from '../../../src/core/parse-html.ts';

const SENTENCE = 'The reservoir, built over three years, holds water for eighteen thousand hectares of farmland. ';
const paragraphs = (count: number): string =>
  Array.from({ length: count }, (_, index) => `<p>${index + 1}. ${SENTENCE.repeat(2)}</p>`).join('');

/** An old portal's article page: a wrapper named for its content around the story, its header and comments. */
function portalPage(wrapper: string): string {
  return `<html><body><div ${wrapper}>
    <div class="location">Home &gt; News &gt; Society</div>
    <div class="news_view">
      <div class="view_title"><h2>Reservoir opens</h2></div>
      <div id="articleBody">${paragraphs(8)}</div>
      <div class="reply_area"><h4>Readers' views (2)</h4><ul>
        <li><span>Reader one</span> <span>12.03.2026 15:02</span> Great idea, let other towns copy it.</li>
        <li><span>Reader two</span> <span>12.03.2026 15:40</span> Test the salt first.</li></ul></div>
    </div>
  </div><div id="footer">Copyright 2026</div></body></html>`;
}

function chooseContainer(html: string): string {
  const document = parseDocument(html);
  prepareForScoring(document);
  const container = scorePreparedPage(document, {}, SCORE_PASSES[0] ?? SCORE_PASSES[3]!) as Element;
  return readTextContent(container);
}

describe('chooseArticle', () => {
  it('does not climb to a wrapper that scores higher only by its class weight', () => {
    const text = chooseContainer(portalPage('id="content"'));
    expect(text).toContain('8. The reservoir');
    expect(text).not.toContain('Home > News');
    expect(text).not.toContain('Reader one');
  });

  it('chooses the same container when the wrapper carries no weight', () => {
    expect(chooseContainer(portalPage('id="content"'))).toBe(chooseContainer(portalPage('id="wrap"')));
  });
});
