/**
 * @module tests/core/extract/metadata
 * readArticleMetadata's choices where structured data is silent or says too little: datelines, bylines by
 * convention and how loose ones must be marked, JSON-LD's name against its headline, an organisation as author.
 * (Session 25 removed the property against the version that read every title and image source: the choices
 * themselves changed on purpose.)
 */
import { describe, expect, it } from 'vitest';
import { readJsonLd } from '../../../src/core/extract/json-ld.ts';
import { readArticleMetadata } from '../../../src/core/extract/metadata.ts';
import { parseDocument } from '../../../src/core/parse-html.ts';

describe('readArticleMetadata: conventions on pages without structured data', () => {
  const read = (body: string) => {
    const document = parseDocument(`<html><head><title>Bridge reopens</title></head><body>${body}</body></html>`);
    return readArticleMetadata(document, readJsonLd(document), 'https://news.example.ru/1', { timezone: '+05:00' });
  };
  const STORY = '<p>The bridge over the river reopened on Friday after a year of repairs.</p>';

  it("takes the date after the headline on a page without <article> or <main>: the header's date is today's", () => {
    const metadata = read(
      `<div class="top-line__date">Пятница, 13 марта 2026</div><h1>Bridge reopens</h1>
       <div class="news-detail__info"><span class="news-date-time">12.03.2026 09:42</span></div>${STORY}`,
    );
    expect(metadata.published).toBe('2026-03-12T04:42:00.000Z');
  });

  it('reads a meta line whose class says "info", and a day-first date between hyphens', () => {
    const metadata = read(`<h1>Bridge reopens</h1><span class="baseinfo">Автор: X от 12-03-2026, 14:20</span>${STORY}`);
    expect(metadata.published).toBe('2026-03-12T09:20:00.000Z');
  });

  it('takes a labelled byline from a class that only contains "author", never a quote\'s author', () => {
    const quote =
      '<blockquote>Wood remembers everything.<div class="t185__author">Nikolai, restorer</div></blockquote>';
    expect(read(`<h1>Bridge reopens</h1>${STORY}${quote}`).author).toBeUndefined();
    const byline = '<div class="news-detail__author">Автор:&nbsp;Ольга Никитина</div>';
    expect(read(`<h1>Bridge reopens</h1>${STORY}${quote}${byline}`).author).toBe('Ольга Никитина');
  });

  it("never takes a comment's date for the article's", () => {
    const comments = '<div id="comment-box"><ul><li class="post-info">#1 於 2013/12/28 10:28</li></ul></div>';
    expect(read(`<h1>Bridge reopens</h1>${STORY}${comments}`).published).toBeUndefined();
    expect(read(`<h1>Bridge reopens</h1><p class="post-info">2013/12/28 09:00</p>${STORY}${comments}`).published).toBe(
      '2013-12-28T04:00:00.000Z',
    );
  });

  it('takes a byline in brackets from an author class, as Japanese pages print it, never a bracketed description', () => {
    expect(read(`<h1>Bridge reopens</h1>${STORY}<p class="article-author">（中村早紀）</p>`).author).toBe('中村早紀');
    const described = '<span class="article__author-description">(Grenoble, correspondante)</span>';
    expect(read(`<h1>Bridge reopens</h1>${described}${STORY}`).author).toBeUndefined();
  });

  it("reads BEM's author__name before any looser author class", () => {
    const meta =
      '<div class="meta meta__author"><a href="/signataires/cv/"><span class="author__name">Claire Vasseur</span></a> ' +
      '<span class="article__author-description">(Grenoble, correspondante)</span></div>';
    expect(read(`<h1>Bridge reopens</h1>${meta}${STORY}`).author).toBe('Claire Vasseur');
  });

  it("takes a reporter's byline from a writer or reporter class, by its title or its link to the author's page", () => {
    const korean = '<div class="view_info"><span class="writer">박서연 기자 sypark@gangwontoday.example</span></div>';
    expect(read(`<h1>Bridge reopens</h1>${korean}${STORY}`).author).toBe('박서연');
    const chinese = '<p class="article-reporter">记者 张伟</p>';
    expect(read(`<h1>Bridge reopens</h1>${chinese}${STORY}`).author).toBe('张伟');
    const linked =
      '<div class="news-author"><img alt="" src="/a.jpg"><a href="/muhabir/deniz-aydogan">Deniz Aydoğan</a></div>';
    expect(read(`<h1>Bridge reopens</h1>${linked}${STORY}`).author).toBe('Deniz Aydoğan');
    const credited = '<div class="news-detail__author">Текст: <a href="/authors/m/">Марина Лебедева</a></div>';
    expect(read(`<h1>Bridge reopens</h1>${credited}${STORY}`).author).toBe('Марина Лебедева');
    const belarusian = '<span class="news-full__author">Аўтар: <a href="/u/mh">Марына Гарбацэвіч</a></span>';
    expect(read(`<h1>Bridge reopens</h1>${belarusian}${STORY}`).author).toBe('Марына Гарбацэвіч');
    const swedish = '<p class="article__author">Av Elin Bergström</p>';
    expect(read(`<h1>Bridge reopens</h1>${swedish}${STORY}`).author).toBe('Elin Bergström');
    for (const label of ['Автор материала:', 'Авторы материала:', 'Авторы:', 'Автор'])
      expect(read(`<h1>Bridge reopens</h1><p class="author">${label} Иван Петров</p>${STORY}`).author).toBe(
        'Иван Петров',
      );
    const linkOnly =
      '<p class="about"><span>Von</span> <a class="author-link" href="/author/moritz-bachmann">Moritz Bachmann</a></p>';
    expect(read(`<h1>Bridge reopens</h1>${linkOnly}${STORY}`).author).toBe('Moritz Bachmann');
    const bio = '<div class="author-box"><h3>Über Moritz Bachmann</h3><p>Als Inbound Sales Manager …</p></div>';
    expect(read(`<h1>Bridge reopens</h1>${STORY}${bio}`).author).toBeUndefined();
    const dated = '<h3 class="byline">by Jeff Foust<br><span class="datetime">Monday, November 18, 2019</span></h3>';
    expect(read(`<h1>Bridge reopens</h1>${dated}${STORY}`).author).toBe('Jeff Foust');
    const published =
      '<p class="byline">Wire services <span class="published-date">Published 11:11 PM Nov 19</span></p>';
    expect(read(`<h1>Bridge reopens</h1>${published}${STORY}`).author).toBe('Wire services');
    const onlyTime =
      '<div class="author-name"><time datetime="2019-11-20T08:00:58Z">20 Nov 2019 08:00 GMT</time></div>';
    expect(read(`<h1>Bridge reopens</h1>${onlyTime}${STORY}`).author).toBeUndefined();
    const phrase = '<div class="news-info">Автор материала: <a href="/user/ivan/">Иван Петров</a> 12-03-2026</div>';
    expect(read(`<h1>Bridge reopens</h1>${phrase}${STORY}`).author).toBe('Иван Петров');
  });

  it("takes the author from a meta line's label and link (DataLife Engine), not from a comment's", () => {
    const meta =
      '<span class="baseinfo radial">Автор: <a href="/user/sk/">Светлана Ковалёва</a> от 12-03-2026, 14:20</span>';
    expect(read(`<h1>Bridge reopens</h1>${meta}${STORY}`).author).toBe('Светлана Ковалёва');
    const comment =
      '<div class="comments"><div class="comment-meta">By <a href="/u/x">troll</a> 12-03-2026</div></div>';
    expect(read(`<h1>Bridge reopens</h1>${STORY}${comment}`).author).toBeUndefined();
    const linkOnly = '<div class="post-meta">Filed under <a href="/c/roads">Roads</a> 12-03-2026</div>';
    expect(read(`<h1>Bridge reopens</h1>${linkOnly}${STORY}`).author).toBeUndefined();
  });

  it("takes a byline's one link to an author's page as the name, without the job title after it", () => {
    const byline = '<span class="byline">By <a href="/profile/helen-caddick">Helen Caddick</a>, Chief Reporter</span>';
    expect(read(`<h1>Bridge reopens</h1>${byline}${STORY}`).author).toBe('Helen Caddick');
    const two = '<span class="byline">By <a href="/author/a">Ann Lee</a> and <a href="/author/b">Bo Kim</a></span>';
    expect(read(`<h1>Bridge reopens</h1>${two}${STORY}`).author).toBe('Ann Lee and Bo Kim');
  });

  it('reads a byline as laid out: an e-mail in the block after the name is not glued to it', () => {
    const byline =
      '<div class="byline column"><span class="firstname">Elin </span><span class="lastname">Bergström</span>' +
      '<div class="email">elin.bergstrom@example.se</div></div>';
    expect(read(`<h1>Bridge reopens</h1>${byline}${STORY}`).author).toBe('Elin Bergström');
  });

  it("takes no unmarked name from a writer class, nor a commenter's, nor a link to anything but an author's page", () => {
    const unmarked = '<span class="writer">박서연</span>';
    const commenter = '<div class="reply_list"><span class="comment-writer">김철수 기자</span></div>';
    const tagged = '<div class="post-author"><a href="/tag/bridges/">Bridges</a></div>';
    const comments = '<div id="comments"><div class="comment-author"><a href="/author/troll/">troll</a></div></div>';
    for (const part of [unmarked, commenter, tagged, comments])
      expect(read(`<h1>Bridge reopens</h1>${STORY}${part}`).author, part).toBeUndefined();
  });

  it("takes JSON-LD's name over its headline only when the name alone is the page's <title> (Wikipedia)", () => {
    const page = (title: string, node: string) => {
      const document = parseDocument(
        `<html><head><title>${title}</title><script type="application/ld+json">${node}</script></head><body></body></html>`,
      );
      return readArticleMetadata(document, readJsonLd(document), 'https://news.example.com/1').title;
    };
    const wikipedia = '{"@type":"Article","name":"New Zealand","headline":"constitutional monarchy in Oceania"}';
    expect(page('New Zealand - Wikipedia', wikipedia)).toBe('New Zealand');
    const portal = '{"@type":"NewsArticle","name":"Aktuálně.cz","headline":"Senate backs the water code"}';
    expect(page('Senate backs the water code | Aktuálně.cz', portal)).toBe('Senate backs the water code');
    expect(page('Something else entirely', portal)).toBe('Senate backs the water code');
  });

  it("prefers a person's byline to a JSON-LD author that is an organisation, and keeps the organisation otherwise", () => {
    const jsonLd = (author: string) =>
      `<script type="application/ld+json">{"@type":"NewsArticle","headline":"Bridge reopens","author":${author}}</script>`;
    const organization = jsonLd('{"@type":"NewsMediaOrganization","name":"BBC News"}');
    const byline = '<p class="byline">By Priya Raman</p>';
    expect(read(`${organization}<h1>Bridge reopens</h1>${byline}${STORY}`).author).toBe('Priya Raman');
    expect(read(`${organization}<h1>Bridge reopens</h1>${STORY}`).author).toBe('BBC News');
    const person = jsonLd('[{"@type":"Person","name":"Jane Doe"},{"@type":"Organization","name":"Wire"}]');
    expect(read(`${person}<h1>Bridge reopens</h1>${byline}${STORY}`).author).toBe('Jane Doe');
  });

  it('reads the time a page prints beside a date-only <time datetime> (TYPO3), and only on that day', () => {
    const typo3 =
      '<span>Opublikowano: <time itemprop="datePublished" datetime="2026-06-22">22.06.2026</time>, 09:15</span>';
    expect(read(`<h1>Bridge reopens</h1>${typo3}${STORY}`).published).toBe('2026-06-22T04:15:00.000Z');
    const other =
      '<span><time itemprop="datePublished" datetime="2026-06-22">22.06.2026</time>, updated 23.06.2026 10:00</span>';
    expect(read(`<h1>Bridge reopens</h1>${other}${STORY}`).published).toBe('2026-06-21T19:00:00.000Z');
  });

  it("reads an <abbr>'s title as its machine-readable date (hAtom, Blogger)", () => {
    const abbr = `<abbr class="published" itemprop="datePublished" title="2016-05-08T00:55:00-07:00">12:55 AM</abbr>`;
    expect(read(`<h2 class="date-header">Sunday, May 8, 2016</h2>${STORY}${abbr}`).published).toBe(
      '2016-05-08T07:55:00.000Z',
    );
  });
});

describe('readArticleMetadata: the title and the site masthead', () => {
  const read = (title: string, body: string, url = 'https://news.example.com/politics/water-code.html') => {
    const document = parseDocument(`<html><head><title>${title}</title></head><body>${body}</body></html>`);
    return readArticleMetadata(document, readJsonLd(document), url, {}).title;
  };
  const STORY = '<p>The senate passed the water code on Tuesday after a long debate about canals.</p>';

  it("never takes the site's masthead, an <h1> that is one link to the front page or a section index, as the story's heading", () => {
    const title = 'Senate backs the water code – The Qazaqstan Monitor';
    const masthead = '<h1 class="site-title"><a href="/">The Qazaqstan Monitor</a></h1>';
    expect(read(title, `${masthead}<h1>Senate backs the water code</h1>${STORY}`)).toBe('Senate backs the water code');
    expect(read(title, `${masthead}${STORY}`)).toBe('Senate backs the water code');
    const docs = '<h1><a href="index.html">evolve extension for Mercurial</a></h1>';
    const page = 'Evolve: Shared Mutable History — evolve extension for Mercurial';
    expect(read(page, `${docs}<h1>Evolve: Shared Mutable History<a href="#evolve">¶</a></h1>${STORY}`)).toBe(page);
  });

  it('still takes a heading that links elsewhere (its own permalink, an author page)', () => {
    const title = 'Senate backs the water code | The Monitor';
    const heading = '<h1><a href="/politics/water-code.html">Senate backs the water code</a></h1>';
    expect(read(title, `${heading}${STORY}`)).toBe('Senate backs the water code');
  });
});
