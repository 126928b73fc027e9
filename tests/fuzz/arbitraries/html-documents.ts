/**
 * @module tests/fuzz/arbitraries/html-documents
 * Hostile HTML as news sites serve it: article pages (meta tags, canonical links, JSON-LD — valid, broken,
 * deeply nested —, robots and TDMRep meta, paywall markup, figures with credits, a body of paragraphs) and
 * listing pages (cards, pagination, `<base href>`), with hostile values, unbalanced and unclosed tags, deep
 * nesting, elements with hundreds of attributes, `<script>`/`<style>`/`<svg>`/`<template>` content and NULs.
 */
import fc from 'fast-check';
import { hostileDate, hostileText, hostileUrl, publisherText, someHostileText } from './hostile-text.ts';

const escapeAttribute = (text: string): string => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/** Attribute values: escaped, raw inside quotes (may close the attribute early), or unquoted. */
const attributeValue = (value: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc
    .tuple(value, fc.constantFrom('escaped', 'escaped', 'raw', 'single', 'unquoted'))
    .map(([text, how]) =>
      how === 'escaped'
        ? `"${escapeAttribute(text)}"`
        : how === 'raw'
          ? `"${text}"`
          : how === 'single'
            ? `'${text}'`
            : text.replace(/[\s>]/g, '') || 'x',
    );

const meta = (key: 'name' | 'property', names: string[], value: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc
    .tuple(fc.constantFrom(...names), attributeValue(value))
    .map(([name, content]) => `<meta ${key}="${name}" content=${content}>`);

/** Values for JSON-LD: hostile strings, numbers, nesting, arrays, nulls. */
const jsonValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    publisherText,
    hostileUrl,
    hostileDate,
    fc.constantFrom(null, true, 0, -1, 1e308, 'NewsArticle', 'Article', 'Person', 'ImageObject', 'False', false),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(
      fc.constantFrom(
        '@type',
        '@id',
        'name',
        'url',
        'headline',
        'text',
        'caption',
        'creditText',
        '@graph',
        '__proto__',
      ),
      tie('value'),
      { maxKeys: 4 },
    ),
  ),
})).value;

const articleNode = fc
  .record(
    {
      '@context': fc.constantFrom('https://schema.org', 'http://schema.org/', { '@vocab': 'https://schema.org/' }),
      '@type': fc.constantFrom('NewsArticle', ['Article', 'NewsArticle'], 'BlogPosting', 'WebPage', 'Thing', 42),
      '@id': hostileUrl,
      headline: publisherText,
      name: publisherText,
      url: hostileUrl,
      datePublished: hostileDate,
      dateModified: hostileDate,
      author: jsonValue,
      image: fc.oneof(hostileUrl, jsonValue),
      articleBody: publisherText,
      articleSection: fc.oneof(publisherText, fc.array(publisherText, { maxLength: 3 })),
      keywords: fc.oneof(publisherText, fc.array(publisherText, { maxLength: 3 })),
      inLanguage: fc.constantFrom('en', 'kk', 'ru-RU', 'x-bogus', '', 42),
      isAccessibleForFree: fc.constantFrom(true, false, 'False', 'false', 'no'),
      hasPart: fc.record({
        '@type': fc.constant('WebPageElement'),
        isAccessibleForFree: fc.constantFrom(false, 'False'),
        cssSelector: fc.constantFrom('.paywall', '.premium p', '#x', ':not(', '>>>', '', '*'),
      }),
    },
    { requiredKeys: [] },
  )
  .map((node): unknown => node);

/** A @graph whose nodes refer to each other by `@id`, cycles and dangling references included. */
const referencingGraph = fc
  .array(
    fc.tuple(
      fc.constantFrom('NewsArticle', 'Person', 'Organization', 'ImageObject', 'WebPage', 'WebPageElement'),
      fc.constantFrom('#a', '#b', '#c', '#article', 'https://news.example/#org', ''),
      fc.dictionary(
        fc.constantFrom('author', 'publisher', 'image', 'mainEntityOfPage', 'isPartOf', 'hasPart', 'creator', 'logo'),
        fc
          .constantFrom('#a', '#b', '#c', '#article', '#missing', 'https://news.example/#org')
          .map((id) => ({ '@id': id })),
        { maxKeys: 4 },
      ),
      publisherText,
    ),
    { maxLength: 6 },
  )
  .map((nodes) =>
    JSON.stringify({
      '@context': 'https://schema.org',
      '@graph': nodes.map(([type, id, links, text]) => ({
        '@type': type,
        '@id': id,
        name: text,
        headline: text,
        ...links,
      })),
    }),
  );

/** A JSON-LD script: one node, a @graph, an array, broken JSON or hostile text. */
const jsonLdScript = fc
  .oneof(
    referencingGraph,
    articleNode.map((node) => JSON.stringify(node)),
    fc
      .array(articleNode, { maxLength: 3 })
      .map((nodes) => JSON.stringify({ '@context': 'https://schema.org', '@graph': nodes })),
    fc.array(fc.oneof(articleNode, jsonValue), { maxLength: 3 }).map((nodes) => JSON.stringify(nodes)),
    articleNode.map((node) => JSON.stringify(node).slice(0, -3)),
    fc.integer({ min: 100, max: 3000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
    fc.integer({ min: 100, max: 2000 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
    someHostileText,
    articleNode.map((node) => JSON.stringify(node).replace(/</g, '</script><script>')),
  )
  .map((json) => `<script type="application/ld+json">${json}</script>`);

const head = fc
  .array(
    fc.oneof(
      fc.tuple(attributeValue(publisherText)).map(([title]) => `<title>${title}</title>`),
      meta(
        'property',
        ['og:title', 'og:url', 'og:image', 'og:image:alt', 'og:locale', 'article:section', 'article:tag'],
        publisherText,
      ),
      meta('property', ['article:published_time', 'article:modified_time', 'og:updated_time'], hostileDate),
      meta(
        'name',
        ['author', 'description', 'keywords', 'date', 'pubdate', 'twitter:title', 'citation_title'],
        publisherText,
      ),
      meta(
        'name',
        ['robots', 'lede', 'googlebot', 'Robots'],
        fc.oneof(
          fc.constantFrom(
            'nosnippet',
            'max-snippet:120',
            'max-snippet:-1',
            'max-snippet:99999999999999999999',
            'noarchive',
            'none',
            'noai, noimageai',
            'max-snippet:',
          ),
          hostileText(4),
        ),
      ),
      meta('name', ['tdm-reservation', 'tdm-policy'], fc.oneof(fc.constantFrom('1', '0', 'true', ''), hostileUrl)),
      fc
        .tuple(fc.constantFrom('canonical', 'license', 'amphtml', 'alternate'), attributeValue(hostileUrl))
        .map(([rel, href]) => `<link rel="${rel}" href=${href}>`),
      attributeValue(hostileUrl).map((href) => `<link rel="license" type="application/rsl+xml" href=${href}>`),
      attributeValue(hostileUrl).map((href) => `<base href=${href}>`),
      fc.constantFrom(
        '<meta charset="windows-1251">',
        '<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">',
      ),
      jsonLdScript,
    ),
    { maxLength: 14 },
  )
  .map((parts) => parts.join('\n'));

/** Body markup: paragraphs of hostile text and the elements extractors trip over. */
const block: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: publisherText.map((text) => `<p>${text}</p>`) },
  { weight: 2, arbitrary: someHostileText.map((text) => `<p>${text}`) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(attributeValue(hostileUrl), publisherText)
      .map(([src, caption]) => `<figure><img src=${src} alt="x"><figcaption>${caption}</figcaption></figure>`),
  },
  { weight: 1, arbitrary: publisherText.map((text) => `<h2>${text}</h2>`) },
  { weight: 1, arbitrary: publisherText.map((text) => `<blockquote>${text}</blockquote>`) },
  { weight: 1, arbitrary: publisherText.map((text) => `<ul><li>${text}<li>${text}</ul>`) },
  { weight: 1, arbitrary: publisherText.map((text) => `<div data-nosnippet>${text}</div>`) },
  { weight: 1, arbitrary: publisherText.map((text) => `<div class="paywall premium"><p>${text}</p></div>`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '<script>document.write("<p>injected</p>")</script>',
      '<style>p{color:red}</style><noscript><p>no script</p></noscript>',
      '<svg><foreignObject><p>svg text</p></foreignObject><script>x</script></svg>',
      '<template><p>template text</p></template>',
      '<iframe src="javascript:alert(1)"></iframe>',
      '<table><tr><td><p>cell</td></tr></table>',
      '<p>un<b>bal<i>anced</b> tags</i>',
      '</div></article></body></html><p>after the end</p>',
      '<!-- <p>commented</p> -->',
      '<![CDATA[<p>cdata in html</p>]]>',
      '<math><mi>x</mi></math>',
      '<plaintext><p>plaintext swallows everything',
      '<xmp><p>xmp</xmp>',
      '<textarea><p>textarea</textarea>',
      '<select><option><p>in select</select>',
      '<form><form><p>nested forms</form></form>',
      '<a href="/a"><a href="/b">nested links</a></a>',
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 50, max: 1500 })
      .map((depth) => `${'<div>'.repeat(depth)}<p>deep</p>${'</div>'.repeat(depth)}`),
  },
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 1500 }).map((depth) => `${'<b>'.repeat(depth)}unclosed`) },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 50, max: 1500 })
      .map(
        (count) =>
          `<p ${Array.from({ length: count }, (_, i) => `data-a${String(i)}="${String(i)}"`).join(' ')}>many attributes</p>`,
      ),
  },
);

const body = fc
  .tuple(
    fc.constantFrom('article', 'main', 'div class="article__body"', 'div id="content"', 'section'),
    fc.array(block, { maxLength: 12 }),
    fc.array(block, { maxLength: 3 }),
  )
  .map(([container, inside, outside]) => {
    const tag = container.split(' ')[0] ?? 'div';
    return `<header><nav><a href="/">Home</a></nav></header>${outside.join('')}<${container}>${inside.join('\n')}</${tag}><footer>© Example</footer>`;
  });

/** An article page, often intact, sometimes cut short or with stray bytes before the doctype. */
export const hostileArticlePage: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('<!doctype html>', '', '\ufeff<!DOCTYPE html>', '<?xml version="1.0"?><!DOCTYPE html>', '\u0000'),
    fc.constantFrom('<html lang="en">', '<html lang="kk">', '<html lang="\u0000">', '<html dir="rtl" lang="ar">', ''),
    head,
    body,
  )
  .map(
    ([doctype, html, headPart, bodyPart]) => `${doctype}${html}<head>${headPart}</head><body>${bodyPart}</body></html>`,
  )
  .chain((page) =>
    fc.oneof(
      { weight: 4, arbitrary: fc.constant(page) },
      { weight: 1, arbitrary: fc.nat(page.length).map((cut) => page.slice(0, cut)) },
    ),
  );

const card = fc
  .tuple(attributeValue(hostileUrl), publisherText, fc.constantFrom('card', 'next', 'news-card', ''))
  .map(([href, title, cls]) => `<a class="${cls}" href=${href}>${title}</a>`);

/** A listing page: cards in lists and articles, pagination, a `<base>`, and the body hazards above. */
export const hostileListing: fc.Arbitrary<string> = fc
  .tuple(
    fc.option(attributeValue(hostileUrl), { nil: undefined }),
    fc.array(
      fc.oneof(
        card,
        card.map((a) => `<article><h2>${a}</h2></article>`),
        card.map((a) => `<li>${a}`),
        fc
          .tuple(attributeValue(hostileUrl), attributeValue(publisherText))
          .map(([href, alt]) => `<a class="card" href=${href}><img alt=${alt}></a>`),
        attributeValue(hostileUrl).map((href) => `<link rel="next" href=${href}>`),
        block,
      ),
      { maxLength: 12 },
    ),
  )
  .map(
    ([base, parts]) =>
      `<!doctype html><html><head>${base === undefined ? '' : `<base href=${base}>`}</head><body><ul class="news-list">${parts.join('\n')}</ul><div class="pagination"><a href="?page=2">2</a></div></body></html>`,
  );

/** Response headers of an article page with hostile signal values. */
export const hostileHeaders: fc.Arbitrary<Record<string, string>> = fc.record(
  {
    'x-robots-tag': fc.oneof(
      fc.constantFrom('nosnippet', 'lede: max-snippet:50', 'otherbot: noindex, lede: noarchive'),
      hostileText(4),
    ),
    'content-usage': fc.oneof(fc.constantFrom('search=n', 'train-ai=n, search=y', 'n', 'search=?1'), hostileText(4)),
    link: fc.oneof(
      hostileUrl.map((url) => `<${url}>; rel="license"; type="application/rsl+xml"`),
      hostileText(4),
    ),
    'tdm-reservation': fc.oneof(fc.constantFrom('1', '0'), hostileText(2)),
    'tdm-policy': hostileUrl,
  },
  { requiredKeys: [] },
);
