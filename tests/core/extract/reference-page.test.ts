/**
 * The extract stage on a page shaped like the reference source (QazMonitor, see
 * ../shared/reference/qazmonitor.md), on canonical URLs, and on malformed input.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/core/extract/extract-article.ts';

const LICENCE_FOOTER =
  'Only 30% of an article published on The Qazaqstan Monitor website may be used with a mandatory hyperlink ' +
  'provided to indicate the original source. To re-publish the full article, written permission from the editorial is required.';

const QAZ_BODY = [
  'Kazakhstan will open three new visa centres in Central Asia this spring, the Foreign Ministry said on Monday.',
  'The centres in Tashkent, Bishkek and Dushanbe will process tourist and business visas within five working days.',
  'Officials expect the number of visitors from neighbouring countries to grow by a fifth compared with last year.',
  'The ministry also plans to extend its electronic visa service to citizens of twelve more countries by the summer.',
];

/** A page shaped like the reference source (see ../shared/reference/qazmonitor.md). */
function qazMonitorPage(options: { footerClass?: string | undefined } = {}): string {
  const footerClass = options.footerClass ? ` class="${options.footerClass}"` : '';
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
    <title>Kazakhstan to open visa centres across Central Asia - The Qazaqstan Monitor</title>
    <meta property="og:title" content="Kazakhstan to open visa centres across Central Asia | QazMonitor">
    <meta property="og:image" content="https://img.qazmonitor.com/proxy/w800/visa-centre.jpg">
    <link rel="canonical" href="https://en.qazmonitor.com/news/717/kazakhstan-visa-centres?utm_source=telegram&utm_campaign=daily">
  </head><body>
    <header class="header">
      <div class="header__tagline">Discover Qazaqstan via News and Inspiring Stories</div>
      <a href="/"><img src="/logo.svg" alt="QazMonitor Logo"></a>
      <ul class="header__social"><li><a href="#">Facebook</a></li><li><a href="#">Instagram</a></li><li><a href="#">TikTok</a></li>
        <li><a href="#">Twitter</a></li><li><a href="#">Telegram</a></li><li><a href="#">YouTube</a></li></ul>
    </header>
    <div class="breadcrumbs"><a href="/">Main Page</a> › <a href="/news">News</a> › <span>Kazakhstan to open visa centres</span></div>
    <main><div class="article">
      <div class="article__date">Astana, Kazakhstan • 23 January, 2023 | 10:11</div>
      <h1 class="article__title">Kazakhstan to open visa centres across Central Asia</h1>
      <p class="article__lead">Three new centres should cut waiting times for visitors from neighbouring countries.</p>
      <figure class="article__image"><img src="https://img.qazmonitor.com/proxy/w800/visa-centre.jpg" alt="Twitter/MFA_KZ">
        <figcaption>Twitter/MFA_KZ</figcaption></figure>
      <div class="article__text">${QAZ_BODY.map((line) => `<p>${line}</p>`).join('')}
        <p${footerClass}>${LICENCE_FOOTER}</p></div>
    </div></main>
    <footer class="footer">© 2023 The Qazaqstan Monitor</footer>
  </body></html>`;
}

describe('extractArticle: a page shaped like the reference source', () => {
  const pageUrl = 'https://en.qazmonitor.com/news/717/kazakhstan-visa-centres?utm_source=rss';

  it('reads the dateline in the source time zone and leaves chrome and the licence footer out of the body', async () => {
    const article = await extractArticle(qazMonitorPage(), pageUrl, { timezone: '+06:00' });
    expect(article).toMatchObject({
      url: 'https://en.qazmonitor.com/news/717/kazakhstan-visa-centres',
      title: 'Kazakhstan to open visa centres across Central Asia',
      published: '2023-01-23T04:11:00.000Z',
      image: 'https://img.qazmonitor.com/proxy/w800/visa-centre.jpg',
      language: 'en',
    });
    expect(article.text).not.toContain('Only 30%');
    expect(article.text).not.toContain('written permission');
    for (const chrome of ['Discover Qazaqstan', 'QazMonitor Logo', 'Instagram', 'Main Page', '23 January', '©']) {
      expect(article.text).not.toContain(chrome);
    }
    for (const line of QAZ_BODY) expect(article.text).toContain(line);
    expect(article.text).not.toContain('Twitter/MFA_KZ');
    expect(article.text.split('\n\n')).toEqual([
      'Three new centres should cut waiting times for visitors from neighbouring countries.',
      ...QAZ_BODY,
    ]);
  });

  it('takes the title from the <h1> that the document title decorates when there is no og:title', async () => {
    const html = qazMonitorPage().replace(/<meta property="og:title"[^>]*>/, '');
    expect((await extractArticle(html, pageUrl)).title).toBe('Kazakhstan to open visa centres across Central Asia');
  });

  it('reads the dateline in UTC by default and in an IANA zone when given one', async () => {
    expect((await extractArticle(qazMonitorPage(), pageUrl)).published).toBe('2023-01-23T10:11:00.000Z');
    // Astana was UTC+6 until 1 March 2024.
    expect((await extractArticle(qazMonitorPage(), pageUrl, { timezone: 'Asia/Almaty' })).published).toBe(
      '2023-01-23T04:11:00.000Z',
    );
  });

  it('drops the licence footer with a content selector too, whether or not its element is marked', async () => {
    for (const footerClass of [undefined, 'article__license']) {
      const article = await extractArticle(qazMonitorPage({ footerClass }), pageUrl, {
        selectors: { content: '.article__text', remove: [] },
      });
      expect(article.text.split('\n\n')).toEqual(QAZ_BODY);
    }
  });

  it('drops Russian and Kazakh re-use notices as well', async () => {
    const notices = [
      'При полном или частичном использовании материалов ссылка на источник обязательна.',
      'Все права защищены. Гиперссылка на сайт обязательна.',
      'Барлық құқықтар қорғалған.',
    ];
    const html = `<html><body><div class="text">${QAZ_BODY.map((line) => `<p>${line}</p>`).join('')}${notices
      .map((notice) => `<p>${notice}</p>`)
      .join('')}</div></body></html>`;
    const article = await extractArticle(html, pageUrl, { selectors: { content: '.text', remove: [] } });
    expect(article.text.split('\n\n')).toEqual(QAZ_BODY);
  });
});

describe('extractArticle: canonical URL', () => {
  const body = QAZ_BODY.map((line) => `<p>${line}</p>`).join('');
  const page = (head: string): string => `<html><head>${head}</head><body>${body}</body></html>`;

  it('takes <link rel=canonical>, resolves it and strips tracking parameters and the fragment', async () => {
    const html = page(
      '<link rel="canonical" href="/world/99-story?utm_source=x&utm_medium=y&page=2&gclid=z#comments">',
    );
    expect((await extractArticle(html, 'https://www.example.com/amp/99?fbclid=1')).url).toBe(
      'https://www.example.com/world/99-story?page=2',
    );
  });

  it('accepts a canonical on another subdomain of the same site', async () => {
    const html = page('<link rel="canonical" href="https://www.example.co.uk/a">');
    expect((await extractArticle(html, 'https://m.example.co.uk/a')).url).toBe('https://www.example.co.uk/a');
  });

  it('ignores a canonical or og:url pointing to another site, or not http(s)', async () => {
    const html = page(
      '<link rel="canonical" href="https://aggregator.example.net/copy"><meta property="og:url" content="javascript:alert(1)">',
    );
    expect((await extractArticle(html, 'https://www.example.com/a?utm_campaign=c')).url).toBe(
      'https://www.example.com/a',
    );
  });

  it('falls back to og:url when there is no canonical link', async () => {
    const html = page('<meta property="og:url" content="https://www.example.com/b?mc_cid=1&mc_eid=2">');
    expect((await extractArticle(html, 'https://www.example.com/b?x=1')).url).toBe('https://www.example.com/b');
  });
});

describe('extractArticle: malformed input', () => {
  const inputs = [
    '',
    '   ',
    '<',
    '<<<>>>\u0000\u0001garbage<p',
    '<html><head><title>Unclosed <b>title</head><body><p>One <i>two <div>three</p></span></table>',
    '<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script><p>text',
    '<meta property="og:url" content="http://[::1:bad"><link rel=canonical href="mailto:editor@example.com">',
    '<div>'.repeat(5000) + 'deep' + '</div>'.repeat(10),
    '<p>' + 'word '.repeat(20000),
    '\ufeff<!DOCTYPE html><html><body><p>BOM</p></body></html>',
  ];

  it('never throws, and always returns a URL, a category list and a text string', async () => {
    for (const html of inputs) {
      const article = await extractArticle(html, 'https://example.com/a');
      expect(article.url).toBe('https://example.com/a');
      expect(Array.isArray(article.categories)).toBe(true);
      expect(typeof article.text).toBe('string');
    }
  });

  it('never throws on arbitrary tag soup (property)', async () => {
    const fragment = fc.oneof(
      fc.constantFrom(
        '<p>',
        '</p>',
        '<div class="share">',
        '</div>',
        '<br>',
        '<script>',
        '</script>',
        '<h1>',
        '<li>',
        '<table><tr><td>',
        '<!--',
        '-->',
        '<meta property="og:title" content="',
        '">',
        '&amp;',
        '&#xD800;',
        '<![CDATA[',
        '"',
      ),
      fc.string({ maxLength: 20 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fragment, { maxLength: 60 }), fc.webUrl(), async (parts, url) => {
        const article = await extractArticle(parts.join(''), url);
        return typeof article.text === 'string' && typeof article.url === 'string';
      }),
      { numRuns: 150 },
    );
  });
});
