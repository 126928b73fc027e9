/**
 * @module tests/core/extract/byline
 * The article's byline is taken out of the body, and only it: as Mozilla Readability's `_grabArticle` does,
 * the first element `_isValidByline` accepts goes, and later byline-classed elements (a teaser's "By …"
 * line, a contributor line quoted in the story) stay — on every path that finds the body.
 */
import { describe, expect, it } from 'vitest';
import { isBylineElement } from '../../../src/core/extract/byline.ts';
import { extractArticle } from '../../../src/core/extract/extract-article.ts';
import { selectFirst } from '../../../src/core/html-dom.ts';
import { parseDocument } from '../../../src/core/parse-html.ts';

const STORY = [
  'The lower house of parliament approved the water reform bill on Tuesday after a debate that lasted most of the day.',
  'Under the new rules, regional utilities must publish their tariffs every quarter and explain any increase to consumers in plain language.',
  'Farmers in the south, who depend on irrigation canals built decades ago, welcomed the provision that funds repairs before new projects.',
  'Critics said the bill leaves enforcement to the same ministry that runs the utilities, and promised to raise the issue again in the senate.',
];

/** A contributor line inside the story, named like a byline: Readability keeps it. */
const CONTRIBUTOR = 'Additional reporting by Daniyar Akhmetov in Almaty.';

/** A teaser under the story, with its own byline: Readability keeps it too. */
const TEASER_BYLINE = 'Por Ivan Petrov';

/** A page with the article's byline in its header (or `lead`, first in the body), then byline-classed lines in the body. */
function bylinePage(header: string, lead = ''): string {
  return `<!DOCTYPE html><html lang="en"><head><title>Parliament approves water reform</title></head><body>
    <article class="story">
      <header><h1>Parliament approves water reform</h1>${header}</header>
      <div class="story-body">${lead}
        ${STORY.slice(0, 2)
          .map((sentence) => `<p>${sentence}</p>`)
          .join('\n')}
        <p class="contributor-byline">${CONTRIBUTOR}</p>
        ${STORY.slice(2)
          .map((sentence) => `<p>${sentence}</p>`)
          .join('\n')}
        <div class="teaser"><p>Dams of the north, revisited: why the canals of the steppe leak and who will pay to mend them.</p>
          <p class="teaser-byline"><span class="last-byline">${TEASER_BYLINE}</span></p></div>
      </div>
    </article>
  </body></html>`;
}

const ARTICLE_BYLINE = '<p class="byline">By Aigerim Sadykova</p>';

describe('the article byline', () => {
  it('is taken out of the body by content scoring; later byline-classed lines stay', async () => {
    const article = await extractArticle(bylinePage(ARTICLE_BYLINE), 'https://news.example.kz/a');
    expect(article.author).toBe('Aigerim Sadykova');
    expect(article.text).not.toContain('Aigerim');
    for (const sentence of STORY) expect(article.text).toContain(sentence);
    expect(article.text).toContain(CONTRIBUTOR);
    expect(article.text).toContain(TEASER_BYLINE);
  });

  it('is taken out the same way inside the feed’s content selector', async () => {
    const article = await extractArticle(bylinePage(ARTICLE_BYLINE), 'https://news.example.kz/a', {
      selectors: { content: 'article.story', remove: [] },
    });
    expect(article.text).not.toContain('Aigerim');
    expect(article.text).toContain(CONTRIBUTOR);
    expect(article.text).toContain(TEASER_BYLINE);
  });

  it('is the first element that qualifies: hidden, empty and long ones are passed over', async () => {
    const header = '<span class="byline" hidden>By Nobody Visible</span><span class="author"> </span>';
    const lead = [
      `<p class="author-note">${'The author has covered the water ministry for a decade, from Astana and the south. '.repeat(2)}</p>`,
      '<p>Reporting: <a rel="author" href="/people/aigerim">Aigerim Sadykova</a></p>',
    ].join('');
    const article = await extractArticle(bylinePage(header, lead), 'https://news.example.kz/a');
    expect(article.text).not.toContain('Aigerim');
    expect(article.text).toContain('The author has covered the water ministry');
    expect(article.text).toContain(CONTRIBUTOR);
    expect(article.text).toContain(TEASER_BYLINE);
  });

  it('is taken out even when structured data names the author, who stays the author', async () => {
    const jsonLd = '{"@context":"https://schema.org","@type":"NewsArticle","author":{"name":"Daniyar Akhmetov"}}';
    const html = bylinePage(ARTICLE_BYLINE).replace(
      '</head>',
      `<script type="application/ld+json">${jsonLd}</script></head>`,
    );
    const article = await extractArticle(html, 'https://news.example.kz/a');
    expect(article.author).toBe('Daniyar Akhmetov');
    expect(article.text).not.toContain('Aigerim');
    expect(article.text).toContain(TEASER_BYLINE);
  });
});

describe('isBylineElement (Readability’s _isValidByline)', () => {
  const first = (html: string): boolean => {
    const element = selectFirst(parseDocument(`<body>${html}</body>`), 'body > *');
    if (!element) throw new Error('no element');
    return isBylineElement(element);
  };

  it('accepts rel=author, an itemprop naming author, and byline-like classes or ids', () => {
    expect(first('<a rel="author" href="/a">Jane Doe</a>')).toBe(true);
    expect(first('<span itemprop="author creator">Jane Doe</span>')).toBe(true);
    // Readability's names, and the writer or reporter classes of Korean, Japanese and Chinese portals (Lede's).
    for (const name of ['byline', 'post-author', 'dateline', 'writtenby', 'h-card p-author', 'writer', 'news_reporter'])
      expect(first(`<div class="${name}">By Jane Doe</div>`)).toBe(true);
    expect(first('<div id="article-byline">By Jane Doe</div>')).toBe(true);
  });

  it('refuses empty text, 100 characters or more, and unmarked elements', () => {
    expect(first('<div class="byline">  </div>')).toBe(false);
    expect(first(`<div class="byline">${'x'.repeat(99)}</div>`)).toBe(true);
    expect(first(`<div class="byline">${'x'.repeat(100)}</div>`)).toBe(false);
    expect(first('<div class="headline">By Jane Doe</div>')).toBe(false);
    expect(first('<a rel="authors nofollow" href="/a">Jane Doe</a>')).toBe(false);
  });
});
