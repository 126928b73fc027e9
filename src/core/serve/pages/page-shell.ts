/**
 * @module core/serve/pages/page-shell
 * What every HTML page of Lede shares: the document around its content, rendered with `hono/jsx` on the
 * server (no client build), its one stylesheet and its one tiny script, and the security headers that
 * go with them.
 *
 * The pages are written with `h()` calls rather than TSX syntax: Node runs Lede's TypeScript as it is
 * (type stripping), and type stripping does not transform JSX, so a `.tsx` file could not be started
 * with `npm start` without a build step. `h()` calls the same hono/jsx runtime TSX compiles to, and it
 * escapes text and attribute values as TSX would.
 *
 * The Content-Security-Policy allows nothing by default (`default-src 'none'`); the inline style and
 * script are allowed by their SHA-256 hashes (CSP Level 3 §8.3), computed once per isolate or process
 * from the very strings the page inlines, so the two cannot drift apart.
 */
import type { Child, JSXNode } from 'hono/jsx';
import { jsx } from 'hono/jsx/jsx-runtime';
import { FEED_CONTENT_TYPES, FEED_FORMATS, feedPath } from '../../feed-formats.ts';
import type { FeedDefinition, FeedFormat } from '../../types.ts';

/**
 * An element, through hono/jsx's automatic runtime (what TSX compiles to): importing the runtime alone, not
 * `hono/jsx` with its client hooks and DOM renderer, keeps the Worker bundle small.
 * @example h('a', { href: '/' }, 'All feeds')
 */
export function h(tag: string, props: Record<string, unknown> | null, ...children: Child[]): JSXNode {
  return jsx(tag, { ...props, children });
}

/** How each format is named to people. */
export const FORMAT_LABELS: Readonly<Record<FeedFormat, string>> = Object.freeze({
  rss: 'RSS 2.0',
  atom: 'Atom 1.0',
  json: 'JSON Feed 1.1',
});

// Colours meet WCAG 2.2 AA contrast (4.5:1) on white: #595959 is 7:1, #0a5c2f 7.6:1, #8a1c1c 8.3:1.
const STYLE = [
  'body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}',
  'a{color:#0b4f9c}code{font-size:.9em;word-break:break-all}',
  'section,article{border-top:1px solid #ccc;padding:.5rem 0 1rem}',
  '.meta,.rights,.note{color:#595959;font-size:.9em}',
  '.ok{color:#0a5c2f;font-weight:600}.failing{color:#8a1c1c;font-weight:600}.pending{font-weight:600}',
  '.urls{list-style:none;padding:0}.urls li{margin:.25rem 0}',
  'button{font:inherit;font-size:.85em;margin-left:.5rem}',
  '.subscribe{border:2px solid #0b4f9c;padding:.5rem 1rem;margin:1rem 0}',
  'dl{display:grid;grid-template-columns:max-content 1fr;gap:0 1rem}dd{margin:0}',
].join('');

// Copy buttons copy the absolute feed URL (resolved by the browser, so the server reflects no Host header),
// and `data-url` elements show it the same way; without the script, the path shows and the links work.
const SCRIPT = [
  "for(const e of document.querySelectorAll('[data-url]'))e.textContent=new URL(e.dataset.url,location.href).href;",
  "document.addEventListener('click',ev=>{const b=ev.target.closest('button[data-copy]');if(!b)return;",
  'navigator.clipboard.writeText(new URL(b.dataset.copy,location.href).href)',
  ".then(()=>{b.textContent='Copied'},()=>{b.textContent='Copy failed'})});",
].join('');

async function sha256Base64(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return btoa(String.fromCharCode(...new Uint8Array(digest)));
}

let headers: Promise<Readonly<Record<string, string>>> | undefined;

async function buildPageHeaders(): Promise<Readonly<Record<string, string>>> {
  const [style, script] = await Promise.all([sha256Base64(STYLE), sha256Base64(SCRIPT)]);
  const policy = [
    "default-src 'none'",
    `style-src 'sha256-${style}'`,
    `script-src 'sha256-${script}'`,
    // The excerpts carry the publishers' lead images, as the feeds do; `data:` is the empty favicon.
    'img-src https: http: data:',
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return Object.freeze({
    'Content-Security-Policy': policy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
  });
}

/**
 * The security headers every page is sent with (computed once, then shared).
 * @example c.html(body, 200, { ...(await pageHeaders()), 'Cache-Control': 'no-store' })
 */
export function pageHeaders(): Promise<Readonly<Record<string, string>>> {
  headers ??= buildPageHeaders();
  return headers;
}

/** `<link rel="alternate">` autodiscovery of a feed's every format (RSS Board autodiscovery; HTML §4.6.7.1). */
export function autodiscoveryLinks(feed: FeedDefinition): Child[] {
  return FEED_FORMATS.map((format) =>
    h('link', {
      rel: 'alternate',
      type: FEED_CONTENT_TYPES[format].split(';')[0],
      title: `${feed.title} (${FORMAT_LABELS[format]})`,
      href: feedPath(feed.id, format),
    }),
  );
}

/** An ISO instant as people read it, in UTC so every reader sees the same text: `2026-11-30 20:47 UTC`. */
export function showInstant(iso: string): Child {
  const text = `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
  return h('time', { datetime: iso }, text);
}

/** A feed URL shown as text (made absolute by the script) with its copy button. */
export function copyableUrl(path: string, label: string): Child {
  return [
    h('code', { 'data-url': path }, path),
    h('button', { type: 'button', 'data-copy': path, 'aria-label': `Copy the URL of ${label}` }, 'Copy'),
  ];
}

/**
 * A whole page: doctype, head (title, autodiscovery, style) and body (content, then the script).
 * The empty `data:` icon stops browsers asking for `/favicon.ico`, which Lede does not serve.
 * Synchronous: the pages have no async components, for which hono/jsx returns a string straight away.
 * @example renderPage({ title: 'Lede feeds', head: [], body: [h('main', null, '…')] })
 */
export function renderPage(page: { title: string; head: Child[]; body: Child[] }): string {
  const document = h(
    'html',
    { lang: 'en' },
    h(
      'head',
      null,
      h('meta', { charset: 'utf-8' }),
      h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
      h('title', null, page.title),
      h('link', { rel: 'icon', href: 'data:,' }),
      ...page.head,
      h('style', { dangerouslySetInnerHTML: { __html: STYLE } }),
    ),
    h('body', null, ...page.body, h('script', { dangerouslySetInnerHTML: { __html: SCRIPT } })),
  );
  const html = document.toString();
  if (typeof html !== 'string') throw new Error('a page must not contain async components');
  return `<!doctype html>\n${html}\n`;
}
