/**
 * Hostile article pages through the whole path to a subscriber — extract → licence → item HTML — and the
 * HTML that comes out checked against the sanitizer's allow-list by parse5 — the WHATWG tree builder browsers
 * follow, so what it sees is what a reader's web view would build: only p,
 * a[href], img[src,alt], em, strong, br, blockquote, ul, ol, li; URLs absolute http(s); nothing that a second
 * parse turns into something else (mutation XSS), and the backlink always there.
 */
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { describe, expect, it } from 'vitest';
import { buildExcerpt } from '../../../src/core/license/build-excerpt.ts';
import { buildFeedItem } from '../../../src/core/license/build-item.ts';
import { resolvePolicy } from '../../../src/core/license/resolve-policy.ts';
import { readArticle } from '../../../src/core/refresh/read-article.ts';
import { renderItemHtml } from '../../../src/core/render/item-html.ts';
import { sanitizeHtml } from '../../../src/core/render/sanitize-html.ts';
import { mergeSignals } from '../../../src/core/signals/merge-signals.ts';

const PAGE_URL = 'https://news.example/world/2026/hostile';
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  P: [],
  A: ['href'],
  IMG: ['src', 'alt'],
  EM: [],
  STRONG: [],
  BR: [],
  BLOCKQUOTE: [],
  UL: [],
  OL: [],
  LI: [],
};
const PROSE =
  'The council met on Tuesday to discuss the new bridge. Engineers presented three designs. ' +
  'Residents asked about noise during construction. A decision is expected next month. ';

function page(head: string, body: string): string {
  return `<!doctype html><html lang="en"><head><title>Bridge plans</title>${head}</head><body><article><h1>Bridge plans</h1>${body}<p>${PROSE.repeat(4)}</p></article></body></html>`;
}

/** The item HTML Lede would publish for this page under a 30 % licence. */
async function publish(html: string): Promise<string> {
  const article = await readArticle(html, PAGE_URL);
  const license = { maxShare: 0.3, attribution: 'News Example' };
  const policy = resolvePolicy(license, mergeSignals(article.signals));
  const excerpt = buildExcerpt(article.text, policy, article.language);
  const item = buildFeedItem(
    { article, entry: { url: PAGE_URL }, fallbackDate: '2026-11-30T00:00:00Z' },
    excerpt,
    policy,
  );
  return renderItemHtml(item, license);
}

type Node = DefaultTreeAdapterMap['childNode'];

/** Every element under `nodes`, depth first, template contents included. */
function* elements(nodes: readonly Node[]): Generator<DefaultTreeAdapterMap['element']> {
  for (const node of nodes) {
    if (!('tagName' in node)) continue;
    yield node;
    yield* elements(node.childNodes);
  }
}

/** Every element and attribute of `html` within the allow-list; URLs http(s); the backlink present. */
function expectAllowed(html: string): void {
  const found = [...elements(parseFragment(html).childNodes)];
  for (const element of found) {
    const allowed = ALLOWED[element.tagName.toUpperCase()];
    expect(allowed, `<${element.tagName}> in ${html}`).toBeDefined();
    expect(element.namespaceURI).toBe('http://www.w3.org/1999/xhtml');
    for (const { name, value } of element.attrs) {
      expect(allowed, `${name} on <${element.tagName}> in ${html}`).toContain(name);
      if (name === 'href' || name === 'src') expect(value).toMatch(/^https?:\/\//);
    }
  }
  expect(html.toLowerCase()).not.toMatch(/javascript:|vbscript:|data:|expression\(|onerror|onload|<script|<svg|<base/);
  const links = found.filter((element) => element.tagName === 'a');
  expect(links.some((link) => link.attrs.some(({ name, value }) => name === 'href' && value === PAGE_URL))).toBe(true);
  // Reparsed and sanitized again, it comes out the same: nothing mutates into markup on a second parse.
  expect(sanitizeHtml(html, PAGE_URL)).toBe(html);
}

const HOSTILE: readonly (readonly [string, string, string])[] = [
  ['a script in the body', '', '<p>Before <script>alert(document.cookie)</script> after.</p>'],
  [
    'event handlers',
    '',
    '<p onclick="steal()">Click <img src="x.jpg" onerror="steal()"> <b onmouseover=steal()>here</b>.</p>',
  ],
  ['javascript: links', '', '<p><a href="javascript:alert(1)">one</a> <a href="&#106;avascript:alert(1)">two</a></p>'],
  ['a javascript: lead image', '<meta property="og:image" content="javascript:alert(1)">', '<p>Lead.</p>'],
  [
    'a data: lead image',
    '<meta property="og:image" content="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '',
  ],
  [
    'a JSON-LD image with a vbscript: URL and a script-breaking headline',
    '<script type="application/ld+json">{"@type":"NewsArticle","headline":"</script><script>alert(1)</script>","image":"vbscript:msgbox(1)"}</script>',
    '',
  ],
  [
    'inline SVG with a script',
    '',
    '<svg onload="alert(1)"><script>alert(2)</script><a xlink:href="javascript:alert(3)">x</a></svg>',
  ],
  ['a hostile <base>', '<base href="javascript:alert(1)//">', '<p><a href="relative">relative link</a></p>'],
  ['CSS expressions', '', '<p style="background:url(javascript:alert(1));width:expression(alert(2))">Styled.</p>'],
  ['noscript mutation', '', '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>'],
  [
    'math/style namespace confusion',
    '',
    '<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>',
  ],
  [
    'an unclosed comment and attribute quotes',
    '',
    '<p title="unclosed>Text <!-- <img src=x onerror=alert(1)> --> more</p>',
  ],
  ['entity-encoded tags in text', '', '<p>&lt;script&gt;alert(1)&lt;/script&gt; is text, not markup.</p>'],
  [
    'an iframe and an object',
    '',
    '<iframe src="https://evil.example/"></iframe><object data="x.swf"></object><embed src="y">',
  ],
];

describe('hostile article bodies become allow-listed item HTML', () => {
  it.each(HOSTILE)('%s', async (_name, head, body) => {
    expectAllowed(await publish(page(head, body)));
  });
});
