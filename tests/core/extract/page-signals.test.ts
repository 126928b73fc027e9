/**
 * @module tests/signals-extract
 * The extract stage never reads text a publisher marked unquotable — `data-nosnippet` elements and
 * JSON-LD paywalled parts (`hasPart` `cssSelector`) — whichever path finds the body (content
 * selectors, Readability, the JSON-LD articleBody fallback); with the signals stage (`readArticle`), the
 * page's signals come back with the article.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/core/extract/extract-article.ts';
import { buildExcerpt } from '../../../src/core/license/build-excerpt.ts';
import { resolvePolicy } from '../../../src/core/license/resolve-policy.ts';
import { readArticle } from '../../../src/core/refresh/read-article.ts';
import { mergeSignals } from '../../../src/core/signals/merge-signals.ts';

const PAGE_URL = 'https://example.com/news/7/story';
const FREE = [
  'The regional council approved the new water tariff on Tuesday after a long debate among its members.',
  'Farmers in the southern districts said the change would help them plan the irrigation season properly.',
  'The tariff takes effect in April and will be reviewed by the council again at the end of the year.',
];
const SECRET = 'Subscribers learn that the minister privately opposed the tariff until the very last week.';
const HIDDEN = 'This caption must never appear in any snippet or excerpt produced from the page.';

function storyPage(options: { paywallJsonLd?: boolean; articleBody?: boolean; head?: string } = {}): string {
  const data = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: 'Council approves water tariff',
    ...(options.paywallJsonLd
      ? {
          isAccessibleForFree: 'False',
          hasPart: { '@type': 'WebPageElement', isAccessibleForFree: 'False', cssSelector: '.members-only' },
        }
      : {}),
    ...(options.articleBody ? { articleBody: [...FREE, SECRET, HIDDEN].join('\n\n') } : {}),
  };
  return `<!doctype html><html lang="en"><head><title>Council approves water tariff</title>
    ${options.head ?? ''}<script type="application/ld+json">${JSON.stringify(data)}</script></head>
    <body><header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
    <main><article><h1>Council approves water tariff</h1><div class="story">
      <p>${FREE[0]}</p>
      <figure data-nosnippet><figcaption>${HIDDEN}</figcaption></figure>
      <p>${FREE[1]}</p>
      <span data-nosnippet="true"><p>${HIDDEN}</p></span>
      <p>${FREE[2]}</p>
      <div class="members-only"><p>${SECRET}</p><p>${SECRET}</p></div>
    </div></article></main><footer>© Example</footer></body></html>`;
}

const SELECTORS = { content: '.story', remove: [] };

describe('extractArticle: data-nosnippet', () => {
  it.each([
    ['content selectors', { selectors: SELECTORS }],
    ['Readability', {}],
  ])('never puts data-nosnippet text in the body (%s)', async (_path, options) => {
    const article = await extractArticle(storyPage(), PAGE_URL, options);
    expect(article.text).toContain(FREE[0]);
    expect(article.text).toContain(FREE[2]);
    expect(article.text).not.toContain(HIDDEN);
  });

  it('does not fall back to a JSON-LD articleBody that holds the cut text', async () => {
    // Without the guard, the short visible body would lose to the much longer articleBody.
    const hiddenBlock = Array.from({ length: 8 }, () => HIDDEN).join(' ');
    const data = { '@type': 'NewsArticle', headline: 'Tariff', articleBody: `${FREE[0]}\n\n${hiddenBlock}` };
    const html = `<html><head><script type="application/ld+json">${JSON.stringify(data)}</script></head>
      <body><div class="story"><p>${FREE[0]}</p><div data-nosnippet><p>${hiddenBlock}</p></div></div></body></html>`;
    for (const options of [{ selectors: SELECTORS }, {}]) {
      const article = await extractArticle(html, PAGE_URL, options);
      expect(article.text).toBe(FREE[0]);
    }
  });
});

describe('extractArticle: paywalled parts (hasPart cssSelector)', () => {
  it.each([
    ['content selectors', { selectors: SELECTORS }],
    ['Readability', {}],
  ])('removes the paywalled parts before reading the body (%s)', async (_path, options) => {
    const article = await readArticle(storyPage({ paywallJsonLd: true }), PAGE_URL, options);
    expect(article.text.split('\n\n')).toEqual(FREE);
    expect(article.signals?.paywalled).toBeUndefined();
    expect(article.signals?.seen).toContain(
      'JSON-LD: isAccessibleForFree false for .members-only (removed from the body)',
    );
  });

  it('keeps the paywalled text out even when JSON-LD articleBody has all of it', async () => {
    const article = await extractArticle(storyPage({ paywallJsonLd: true, articleBody: true }), PAGE_URL, {});
    expect(article.text).not.toContain(SECRET);
  });

  it('keeps the text of a page without a paywall', async () => {
    expect((await extractArticle(storyPage(), PAGE_URL, { selectors: SELECTORS })).text).toContain(SECRET);
  });

  it('empties the body when the whole body is the paywalled part, and survives invalid selectors', async () => {
    const body = storyPage({ paywallJsonLd: true }).replace('".members-only"', '"body"');
    expect((await extractArticle(body, PAGE_URL, {})).text).toBe('');
    const invalid = storyPage({ paywallJsonLd: true }).replace('".members-only"', '"[[["');
    expect((await extractArticle(invalid, PAGE_URL, { selectors: SELECTORS })).text).toContain(FREE[1]);
  });
});

describe('readArticle: signals', () => {
  it('returns the page and header signals it saw', async () => {
    const html = storyPage({
      head: '<meta name="robots" content="max-snippet:120"><meta name="tdm-reservation" content="1">',
    });
    const article = await readArticle(html, PAGE_URL, { headers: { 'x-robots-tag': 'noarchive' } });
    expect(article.signals).toEqual({
      maxSnippet: 120,
      noarchive: true,
      tdmReserved: true,
      seen: ['meta robots: max-snippet:120', 'meta tdm-reservation: 1', 'X-Robots-Tag: noarchive'],
    });
  });

  it('has no signals when the page says nothing', async () => {
    expect(await readArticle(storyPage(), PAGE_URL, {})).not.toHaveProperty('signals');
  });

  it('marks a whole-article paywall without cutting anything', async () => {
    const html = storyPage().replace('"headline"', '"isAccessibleForFree":false,"headline"');
    const article = await readArticle(html, PAGE_URL, { selectors: SELECTORS });
    expect(article.signals?.paywalled).toBe(true);
    expect(article.text).toContain(SECRET);
  });
});

/**
 * A long read whose JSON-LD names its paywalled part `.pw` (a metered page names the rest after a free lede);
 * `body` goes in the story's container, `outside` after it, inside the article.
 */
function longReadPage(body: string, outside = ''): string {
  const data = {
    '@type': 'NewsArticle',
    headline: 'The village that voted to move',
    isAccessibleForFree: false,
    hasPart: { '@type': 'WebPageElement', isAccessibleForFree: false, cssSelector: '.pw' },
  };
  return `<!doctype html><html lang="en"><head><title>The village that voted to move</title>
    <script type="application/ld+json">${JSON.stringify(data)}</script></head>
    <body><main><article><h1>The village that voted to move</h1>
      <p class="standfirst">${FREE[0]}</p>
      <figure><img src="/cliff.jpg" alt=""><figcaption>${FREE[1]}</figcaption></figure>
      <div class="story">${body}</div>${outside}
    </article></main></body></html>`;
}

const PAID = (n: number) => `<p class="pw">${SECRET} Part ${String(n)} of the story goes on behind the paywall.</p>`;
const BIO = `<section class="footnotes"><ol><li>${FREE[2]}</li></ol></section><p class="bio">${FREE[2]}</p>`;
const LICENSE = { maxShare: 0.3, attribution: 'Example News' };

async function readLongRead(body: string, outside = BIO) {
  const article = await readArticle(longReadPage(body, outside), PAGE_URL, {});
  const policy = resolvePolicy(LICENSE, mergeSignals(article.signals ?? {}));
  return { article, policy, excerpt: buildExcerpt(article.text, policy, 'en') };
}

describe('readArticle: paywalled parts that held the whole body', () => {
  it('marks the article paywalled: the standfirst, caption, notes and bio left are not the article', async () => {
    const { article, policy, excerpt } = await readLongRead([1, 2, 3, 4].map(PAID).join('\n'));
    expect(article.signals).toEqual({
      paywalled: true,
      seen: ['JSON-LD: isAccessibleForFree false for .pw, which held the whole body'],
    });
    expect(article.text).not.toContain(SECRET);
    expect(policy.titleOnlyReason).toBe('paywalled');
    expect(excerpt.paragraphs).toEqual([]);
  });

  it("quotes the free lede of a metered page, whose free paragraphs share the paid part's container", async () => {
    const { article, policy, excerpt } = await readLongRead(`<p>${FREE[0]}</p>${[1, 2, 3].map(PAID).join('')}`);
    expect(article.signals?.paywalled).toBeUndefined();
    expect(policy.titleOnly).toBe(false);
    expect(excerpt.paragraphs.join(' ')).not.toContain(SECRET);
    expect(excerpt.words).toBeGreaterThan(0);
  });

  it('reads only text a reader sees: scripts, styles and blank space beside the paid parts are not a free part', async () => {
    const beside = '<script>window.ads = "slot one two three four";</script><style>.pw{}</style>\n  <!-- ad -->';
    const { article } = await readLongRead(`${PAID(1)}${beside}${PAID(2)}`);
    expect(article.signals?.paywalled).toBe(true);
  });

  it('counts every container: free text beside any paid part keeps the article quotable', async () => {
    const { article } = await readLongRead(
      `<section>${PAID(1)}</section><section><p>${FREE[0]}</p>${PAID(2)}</section>`,
    );
    expect(article.signals?.paywalled).toBeUndefined();
  });

  it('does not count data-nosnippet text as paywalled: its page stays quotable where it is free', async () => {
    const { article } = await readLongRead(`<p data-nosnippet>${FREE[0]}</p><p data-nosnippet>${FREE[1]}</p>`);
    expect(article.signals?.paywalled).toBeUndefined();
  });

  it("marks the article paywalled when a part's selector cannot be applied: paid text cannot be told from free", async () => {
    const html = longReadPage(`<p>${FREE[0]}</p>${PAID(1)}`).replace(
      '"cssSelector":".pw"',
      '"cssSelector":["p:::x",".pw"]',
    );
    const { signals } = await readArticle(html, PAGE_URL, {});
    expect(signals).toEqual({
      paywalled: true,
      seen: [
        'JSON-LD: isAccessibleForFree false for p:::x, .pw, a selector Lede cannot apply, so none of the body is quoted',
      ],
    });
  });

  it('marks the article paywalled when the part named is the page itself', async () => {
    const html = longReadPage(PAID(1)).replace('".pw"', '"body"');
    expect((await readArticle(html, PAGE_URL, {})).signals?.paywalled).toBe(true);
  });

  it('is paywalled exactly when no block beside the paid parts holds text, and never quotes a paid part', async () => {
    const block = fc.oneof(
      fc.integer({ min: 1, max: 99 }).map((n) => ({ html: PAID(n), free: false })),
      fc.constantFrom(...FREE).map((text) => ({ html: `<p>${text}</p>`, free: true })),
      fc.constantFrom('<script>var x = 1;</script>', ' ', '<div> </div>').map((html) => ({ html, free: false })),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(block, { minLength: 1, maxLength: 8 }), async (blocks) => {
        const { article, excerpt } = await readLongRead(blocks.map((b) => b.html).join(''));
        const anyPaid = blocks.some((b) => b.html.includes('class="pw"'));
        const anyFree = blocks.some((b) => b.free);
        expect(article.signals?.paywalled === true).toBe(anyPaid && !anyFree);
        expect(excerpt.paragraphs.join(' ')).not.toContain(SECRET);
      }),
      { numRuns: 150 },
    );
  });
});
