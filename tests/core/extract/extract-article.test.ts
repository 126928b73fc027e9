/**
 * The extract stage on small inline pages: structured data, Open Graph only, a WordPress page full of
 * widgets, per-feed selectors and source hints.
 */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/core/extract/extract-article.ts';

const STORY = [
  'The lower house of parliament approved the water reform bill on Tuesday after a debate that lasted most of the day.',
  'Under the new rules, regional utilities must publish their tariffs every quarter and explain any increase to consumers in plain language.',
  'Farmers in the south, who depend on irrigation canals built decades ago, welcomed the provision that funds repairs before new projects.',
  'Critics said the bill leaves enforcement to the same ministry that runs the utilities, and promised to raise the issue again in the senate.',
  'The senate is expected to vote on the bill next month; if it passes, most provisions take effect at the start of the next calendar year.',
];

const storyHtml = (): string => STORY.map((sentence) => `<p>${sentence}</p>`).join('\n');

function jsonLdPage(): string {
  const graph = {
    '@context': 'https://schema.org',
    '@graph': [
      { '@type': 'WebPage', '@id': 'https://news.example.kz/politics/42#webpage', name: 'Page | Example News' },
      {
        '@type': ['NewsArticle'],
        '@id': 'https://news.example.kz/politics/42#article',
        headline: 'Parliament approves water reform',
        datePublished: '2024-03-05T09:30:00+05:00',
        dateModified: '2024-03-05T12:00:00+05:00',
        author: [{ '@id': 'https://news.example.kz/#/person/1' }, { '@type': 'Person', name: 'Aigerim Sadykova' }],
        image: { '@id': 'https://news.example.kz/#primaryimage' },
        inLanguage: 'en-US',
        articleSection: ['Politics', 'Environment'],
        keywords: 'water, reform, politics',
        publisher: { '@id': 'https://news.example.kz/#org' },
      },
      { '@type': 'Person', '@id': 'https://news.example.kz/#/person/1', name: 'Daniyar Akhmetov' },
      { '@type': 'ImageObject', '@id': 'https://news.example.kz/#primaryimage', url: '/uploads/dam.jpg' },
      { '@type': 'Organization', '@id': 'https://news.example.kz/#org', name: 'Example News' },
    ],
  };
  return `<!DOCTYPE html><html lang="ru"><head>
    <title>Parliament approves water reform | Example News</title>
    <meta property="og:title" content="An Open Graph title that loses to JSON-LD">
    <script type="application/ld+json">{ "@context": "https://schema.org", "@type": "Organization", "name": "Broken", }</script>
    <script type="application/ld+json">${JSON.stringify(graph)}</script>
  </head><body>
    <nav><a href="/">Home</a> <a href="/politics">Politics</a></nav>
    <article><h1>Parliament approves water reform</h1>${storyHtml()}</article>
  </body></html>`;
}

describe('extractArticle: structured data', () => {
  it('reads a JSON-LD NewsArticle inside @graph, following @id references', async () => {
    const article = await extractArticle(jsonLdPage(), 'https://news.example.kz/politics/42');
    expect(article).toMatchObject({
      url: 'https://news.example.kz/politics/42',
      title: 'Parliament approves water reform',
      published: '2024-03-05T04:30:00.000Z',
      modified: '2024-03-05T07:00:00.000Z',
      author: 'Daniyar Akhmetov, Aigerim Sadykova',
      image: 'https://news.example.kz/uploads/dam.jpg',
      language: 'en-US',
      categories: ['Politics', 'Environment', 'water', 'reform'],
    });
    expect(article.text.split('\n\n')).toEqual(STORY);
  });

  it('tolerates malformed JSON-LD (trailing commas, raw line breaks, CDATA) and uses articleBody as a last resort', async () => {
    const body = 'First paragraph of a story rendered by scripts.\nSecond paragraph, also only in the JSON-LD.';
    const html = `<html><head><script type="application/ld+json">//<![CDATA[
      {"@context": "https://schema.org", "@type": "ReportageNewsArticle", "headline": "Only in JSON-LD",
       "author": "Reporter One", "articleBody": "${body.replace('\n', '\n')}",}
    //]]></script></head><body><div id="app"></div></body></html>`;
    const article = await extractArticle(html, 'https://example.com/a');
    expect(article.title).toBe('Only in JSON-LD');
    expect(article.author).toBe('Reporter One');
    expect(article.text).toBe(
      'First paragraph of a story rendered by scripts.\n\nSecond paragraph, also only in the JSON-LD.',
    );
  });
});

describe('extractArticle: Open Graph only', () => {
  const html = `<!DOCTYPE html><html><head>
    <title>Ignored document title</title>
    <meta property="og:title" content="Steppe eagles return early | Example Daily">
    <meta property="og:site_name" content="Example Daily">
    <meta property="og:url" content="https://daily.example.com/nature/eagles?utm_source=twitter&amp;utm_medium=social&amp;id=7">
    <meta property="og:image" content="/img/eagle.jpg">
    <meta property="og:locale" content="kk_KZ">
    <meta property="article:published_time" content="2023-04-02T08:00:00+06:00">
    <meta property="article:modified_time" content="2023-04-02T09:15:00+06:00">
    <meta property="article:section" content="Nature">
    <meta property="article:tag" content="Birds"><meta property="article:tag" content="Migration">
    <meta name="author" content="Marat Ospanov">
  </head><body><div class="story">${storyHtml()}</div></body></html>`;

  it('takes every field from Open Graph and meta tags', async () => {
    const article = await extractArticle(html, 'https://daily.example.com/nature/eagles?fbclid=abc');
    expect(article).toEqual({
      url: 'https://daily.example.com/nature/eagles?id=7',
      title: 'Steppe eagles return early',
      published: '2023-04-02T02:00:00.000Z',
      modified: '2023-04-02T03:15:00.000Z',
      author: 'Marat Ospanov',
      image: 'https://daily.example.com/img/eagle.jpg',
      language: 'kk-KZ',
      categories: ['Nature', 'Birds', 'Migration'],
      text: STORY.join('\n\n'),
    });
  });
});

function wordpressPage(): string {
  const comment = (id: number, author: string, words: string): string => `
    <li id="comment-${id}" class="comment depth-1"><article id="div-comment-${id}" class="comment-body">
      <footer class="comment-meta"><div class="comment-author vcard"><b class="fn">${author}</b> <span class="says">says:</span></div>
      <time datetime="2017-03-10T08:00:00+00:00">March 10, 2017</time></footer>
      <div class="comment-content"><p>${words.repeat(6)}</p></div></article></li>`;
  return `<!DOCTYPE html><html lang="en-US"><head><title>Irrigation canals get a second life – Field Notes</title>
    <meta property="og:site_name" content="Field Notes"></head>
  <body class="post-template-default single single-post has-sidebar">
  <header id="masthead" class="site-header"><p class="site-title">Field Notes</p>
    <nav id="site-navigation" class="main-navigation"><ul><li>Home</li><li>About us</li></ul></nav></header>
  <div id="content" class="site-content"><main id="main" class="site-main">
  <article id="post-42" class="post-42 post type-post status-publish hentry category-social tag-share">
    <header class="entry-header"><h1 class="entry-title">Irrigation canals get a second life</h1>
      <div class="entry-meta"><time class="entry-date published" datetime="2017-03-09T23:16:02+00:00">March 9, 2017</time>
      <span class="byline"> by <span class="author vcard"><a class="url fn n" href="/author/sarah/">Sarah Gooding</a></span></span></div>
    </header>
    <div class="entry-content">${storyHtml()}
      <div class="sharedaddy sd-sharing-enabled"><div class="sd-block sd-social sd-sharing"><h3 class="sd-title">Share this:</h3>
        <ul><li class="share-twitter"><a href="#">Twitter</a></li><li class="share-facebook"><a href="#">Facebook</a></li></ul></div></div>
      <div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline"><em>Related</em></h3>
        <div class="jp-relatedposts-items"><p>Dams of the north, revisited</p><p>Why canals leak</p></div></div>
    </div>
    <footer class="entry-footer">Posted in Social. Tagged share.</footer>
  </article>
  <div id="comments" class="comments-area"><h2 class="comments-title">3 thoughts on “Irrigation canals get a second life”</h2>
    <ol class="comment-list">${comment(1, 'Commenter Bob', 'Totally disagree with the premise here, zucchini. ')}
    ${comment(2, 'Commenter Ann', 'My grandfather dug these canals by hand, zucchini. ')}</ol>
    <div id="respond" class="comment-respond"><h3 class="comment-reply-title">Leave a Reply</h3>
      <form><textarea name="comment"></textarea><button>Post Comment</button></form></div></div>
  </main>
  <aside id="secondary" class="widget-area"><section class="widget"><h2>Recent Posts</h2><ul><li>Older story</li></ul></section></aside></div>
  <footer id="colophon" class="site-footer">© 2017 Field Notes. All rights reserved.</footer>
  </body></html>`;
}

const WIDGET_TEXT = [
  'Commenter',
  'zucchini',
  'Share this',
  'Twitter',
  'Facebook',
  'Related',
  'Dams of the north',
  'Why canals leak',
  'Leave a Reply',
  'Recent Posts',
  'All rights reserved',
  'About us',
  '©',
];

describe('extractArticle: a WordPress page with comments, share buttons and related posts', () => {
  it('keeps the story and none of the widgets (Readability path)', async () => {
    const article = await extractArticle(wordpressPage(), 'https://notes.example.org/2017/03/canals/');
    expect(article.text.split('\n\n')).toEqual(STORY);
    for (const widget of WIDGET_TEXT) expect(article.text).not.toContain(widget);
    expect(article).toMatchObject({
      title: 'Irrigation canals get a second life',
      author: 'Sarah Gooding',
      published: '2017-03-09T23:16:02.000Z',
      language: 'en-US',
    });
  });

  it('removes the same widgets generically inside a content selector', async () => {
    const article = await extractArticle(wordpressPage(), 'https://notes.example.org/2017/03/canals/', {
      selectors: { content: 'article.post', remove: [] },
    });
    expect(article.text.split('\n\n')).toEqual(STORY);
  });
});

describe('extractArticle: per-feed selectors', () => {
  const html = `<!DOCTYPE html><html><head>
    <title>Structured title | Site</title>
    <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Structured headline",
      "datePublished":"2024-03-01T00:00:00Z","author":{"@type":"Organization","name":"Site Newsroom"}}</script>
  </head><body>
    <div class="top"><h2 class="story-title">Operator title</h2>
      <span class="when">5 March 2024, 14:30</span>
      <a class="writer">Aliya Nurmagambetova</a> and <a class="writer">Ivan Petrov</a> and <a class="writer">Aliya Nurmagambetova</a></div>
    <div class="story">${storyHtml()}<div class="promo-box"><p>Subscribe to our print edition for just 9.99 a month!</p></div>
      <div class="share-bar"><a href="#">Share on X</a></div></div>
    <div class="sidebar"><p>${'Sidebar text that Readability might pick. '.repeat(3)}</p></div>
  </body></html>`;
  const selectors = {
    content: '.story',
    remove: ['.promo-box'],
    title: '.story-title',
    published: '.when',
    author: '.writer',
  };

  it('takes the body from `content` after `remove` and generic junk, and lets title/published/author override JSON-LD', async () => {
    const article = await extractArticle(html, 'https://example.kz/a', { selectors, timezone: '+05:00' });
    expect(article).toMatchObject({
      title: 'Operator title',
      published: '2024-03-05T09:30:00.000Z',
      author: 'Aliya Nurmagambetova, Ivan Petrov',
      text: STORY.join('\n\n'),
    });
  });

  it('falls back to structured data for fields whose selector matches nothing, and to Readability for the body', async () => {
    const article = await extractArticle(html, 'https://example.kz/a', {
      selectors: {
        content: '.nothing-here',
        remove: ['.promo-box'],
        title: '.nope',
        published: '.nope',
        author: '.nope',
      },
    });
    expect(article).toMatchObject({
      title: 'Structured headline',
      published: '2024-03-01T00:00:00.000Z',
      author: 'Site Newsroom',
    });
    for (const sentence of STORY) expect(article.text).toContain(sentence);
    expect(article.text).not.toContain('Subscribe');
  });

  it('survives invalid selectors', async () => {
    const article = await extractArticle(html, 'https://example.kz/a', {
      selectors: { content: 'div[[', remove: ['>>>', ''], title: ':nth-child(', published: '##', author: '[' },
    });
    expect(article.title).toBe('Structured headline');
    for (const sentence of STORY) expect(article.text).toContain(sentence);
  });
});

describe('extractArticle: source hints', () => {
  const bare = `<html><body><div>${storyHtml()}</div></body></html>`;
  const hints = {
    url: 'https://example.com/news/1',
    title: 'Title from RSS',
    published: 'Tue, 05 Mar 2024 09:30:00 +0500',
    updated: '2024-03-05T06:00:00Z',
    author: 'RSS Author',
    image: '/rss-image.jpg',
    categories: ['From RSS'],
    language: 'kk',
  };

  it('fill every field the page lacks', async () => {
    expect(await extractArticle(bare, 'https://example.com/news/1', { hints })).toEqual({
      url: 'https://example.com/news/1',
      title: 'Title from RSS',
      published: '2024-03-05T04:30:00.000Z',
      modified: '2024-03-05T06:00:00.000Z',
      author: 'RSS Author',
      image: 'https://example.com/rss-image.jpg',
      language: 'kk',
      categories: ['From RSS'],
      text: STORY.join('\n\n'),
    });
  });

  it('never override what the page says', async () => {
    const article = await extractArticle(jsonLdPage(), 'https://news.example.kz/politics/42', { hints });
    expect(article).toMatchObject({
      title: 'Parliament approves water reform',
      published: '2024-03-05T04:30:00.000Z',
      author: 'Daniyar Akhmetov, Aigerim Sadykova',
      image: 'https://news.example.kz/uploads/dam.jpg',
      categories: ['Politics', 'Environment', 'water', 'reform'],
    });
  });
});

describe('extractArticle: a content selector matching many nested elements', () => {
  it('reads each paragraph once', async () => {
    const html = `<html><body><div class="x"><div class="x">${storyHtml()}</div></div><p class="x">Tail.</p></body></html>`;
    const article = await extractArticle(html, 'https://example.com/a', { selectors: { content: '.x', remove: [] } });
    expect(article.text.split('\n\n')).toEqual([...STORY, 'Tail.']);
  });
});

describe('extractArticle: a body split into page-builder blocks of one class', () => {
  // Squarespace-like: each text block's paragraphs sit three levels below the block, so a later block scores too
  // little to join the winning one by Readability's score rule; its class says it is the same kind of block.
  const block = (kind: string, inner: string) =>
    `<div class="sqs-block ${kind}-block"><div class="sqs-block-content"><div class="sqs-html-content">${inner}</div></div></div>`;
  const page = (blocks: string) =>
    `<html><body><header><nav><a href="/">Home</a> <a href="/shop">Shop</a></nav></header>
      <article><h1>Our new flour</h1><div class="sqs-layout"><div class="col">${blocks}</div></div></article>
      <footer><p>© Example Bakery</p></footer></body></html>`;

  it('reads every text block, not only the one that scored best', async () => {
    const more = [
      'The mill now stone-grinds every batch the day before we bake it, so the flour still carries its germ and bran.',
      'Customers who found the first loaves too dense asked us to keep going, and most now say they prefer the new bread.',
    ];
    const html = page(
      [
        block('html', storyHtml()),
        block('image', '<figure><img src="/wheat.jpg" alt=""></figure>'),
        block('html', `<h2>In the kitchen</h2><p>${more[0]!}</p>`),
        block('html', `<p>${more[1]!}</p>`),
      ].join(''),
    );
    const article = await extractArticle(html, 'https://example.com/a');
    expect(article.text.split('\n\n')).toEqual([...STORY, 'In the kitchen', ...more]);
  });

  it('leaves out a block of the same class that is a list of links', async () => {
    const links = Array.from({ length: 4 }, (_, i) => `<li><a href="/p/${String(i)}">${STORY[i]!}</a></li>`).join('');
    const html = page([block('html', storyHtml()), block('html', `<ul>${links}</ul>`)].join(''));
    const article = await extractArticle(html, 'https://example.com/a');
    expect(article.text.split('\n\n')).toEqual(STORY);
  });
});

describe('extractArticle: a slideshow before the story and a list of other stories inside it', () => {
  const URL = 'https://www.example-post.com/news/water-reform-14848382.php';
  const slideshow = `<div class="asset_gallery"><ul class="hst-resgallery"><li><img src="/1.jpg">
      <div class="caption-full">The minister shakes hands with farmers in the south. <a class="more-caption">less</a></div></li></ul>
      <div class="nav-stats">Image <span>1</span> of <span>/</span> <span>8</span></div><p class="open">Caption</p><p class="close">Close</p></div>`;
  const others = `<p>You may also like...</p>
      <p><a href="https://www.example-post.com/news/dams-1.php">Who will pay for the dams in 2027?</a></p><div class="ad ad--in-article"></div>
      <p><a href="/news/canals-2.php">Canals built decades ago get a second life</a></p>`;
  const page = `<html><head><title>Parliament approves water reform</title></head><body>
      <div class="article-body">${slideshow}${storyHtml()}${others}</div></body></html>`;

  it('reads the story alone, its counted words the story’s own (Readability path)', async () => {
    const article = await extractArticle(page, URL);
    expect(article.text.split('\n\n')).toEqual(STORY);
  });

  it('reads the story alone inside a content selector', async () => {
    const article = await extractArticle(page, URL, { selectors: { content: '.article-body', remove: [] } });
    expect(article.text.split('\n\n')).toEqual(STORY);
  });

  it('keeps a list whose links go to other sites: the story’s sources', async () => {
    const sources = others
      .replaceAll('https://www.example-post.com/', 'https://data.example.org/')
      .replace('/news/canals', 'https://data.example.org/canals');
    const article = await extractArticle(page.replace(others, sources), URL);
    expect(article.text).toContain('Who will pay for the dams in 2027?');
  });
});
