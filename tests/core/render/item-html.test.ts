/**
 * The escaping module, the sanitizer and the item HTML, fed hostile strings.
 */
import fc from 'fast-check';
import { SyntaxValidator } from 'fast-xml-validator';
import { describe, expect, it } from 'vitest';
import { renderItemHtml } from '../../../src/core/render/item-html.ts';
import { sanitizeHtml } from '../../../src/core/render/sanitize-html.ts';
import { resolveHttpUrl } from '../../../src/core/url.ts';
import { escapeXml, renderElement, stripControlChars } from '../../../src/core/render/xml.ts';
import type { FeedItem, LicensePolicy } from '../../../src/core/types.ts';
import { findBacklink, htmlToText } from '../../helpers/feed-validity.ts';

const HOSTILE = [
  ']]>',
  '<![CDATA[x]]>',
  '<script>alert(1)</script>',
  '&amp;',
  '&',
  '"\'',
  'a\u0000b\u0008c\u000Bd\u001Fe',
  'lone \uD800 high and \uDC00 low',
  '\uFFFE\uFFFF',
  'RTL \u200F\u202Eevil\u202C mark \u200E',
  'emoji 👨‍👩‍👧 🇰🇿 👍🏽',
  'tab\tnewline\ncr\r',
];

describe('stripControlChars', () => {
  it('removes what XML 1.0 forbids and keeps the rest', () => {
    expect(stripControlChars('a\u0000b\u0008c\u000Bd\u000Ce\u001Ff')).toBe('abcdef');
    expect(stripControlChars('x\uD800y\uDC00z\uFFFE\uFFFF')).toBe('xyz');
    expect(stripControlChars('tab\tlf\ncr\r')).toBe('tab\tlf\ncr\r');
    expect(stripControlChars('👨‍👩‍👧 \u200F\u200E қ 中')).toBe('👨‍👩‍👧 \u200F\u200E қ 中');
  });

  it('strips exactly what the Char production excludes, for any string (its quick check finds them all)', () => {
    // eslint-disable-next-line no-control-regex -- the definition, written out
    const notXmlChar = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/gu;
    const pieces = fc.constantFrom(
      '\u0000',
      '\u0009',
      '\u001F',
      '\uD800',
      '\uDBFF',
      '\uDC00',
      '\uFFFE',
      '\uFFFF',
      '😀',
      'қ',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ unit: 'binary' }), pieces)), (parts) => {
        const text = parts.join('');
        expect(stripControlChars(text)).toBe(text.replace(notXmlChar, ''));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('escapeXml', () => {
  it('escapes the five XML specials, including > so "]]>" is harmless', () => {
    expect(escapeXml(`<a href="x">Tom & 'Jerry'</a>]]>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;]]&gt;',
    );
    expect(escapeXml('&amp;')).toBe('&amp;amp;');
  });

  it.each(HOSTILE)('keeps %j well-formed in text and attributes', (hostile) => {
    const xml = `<root a="${escapeXml(hostile)}" b='${escapeXml(hostile)}'>${escapeXml(hostile)}${renderElement('x', hostile, { y: hostile })}</root>`;
    expect(() => SyntaxValidator.validate(xml)).not.toThrow();
  });
});

describe('resolveHttpUrl', () => {
  it.each([
    ['/a/b.jpg', 'https://ex.com/a/b.jpg'],
    ['c.jpg?x=1&y=2', 'https://ex.com/news/c.jpg?x=1&y=2'],
    ['//cdn.ex.com/i.png', 'https://cdn.ex.com/i.png'],
    ['http://other.org/', 'http://other.org/'],
    ['javascript:alert(1)', undefined],
    [' JaVa\tScRiPt:alert(1)', undefined],
    ['data:image/png;base64,AAAA', undefined],
    ['vbscript:x', undefined],
    ['mailto:a@b.c', undefined],
  ])('%j → %j', (value, expected) => {
    expect(resolveHttpUrl(value, 'https://ex.com/news/1')).toBe(expected);
  });
});

describe('sanitizeHtml', () => {
  const base = 'https://ex.com/news/1';

  it.each([
    ['<p onclick="x()">Hi</p>', '<p>Hi</p>'],
    ['<script>alert(1)</script><p>ok</p>', '<p>ok</p>'],
    ['<style>p{}</style><iframe src="https://e.vil"></iframe><p>ok</p>', '<p>ok</p>'],
    ['<a href="javascript:alert(1)">x</a>', '<a>x</a>'],
    ['<a href="&#106;avascript:alert(1)">x</a>', '<a>x</a>'],
    ['<img src="data:image/png;base64,AAAA" alt="">', '<img alt="">'],
    ['<img src="/i.png" alt="" onerror="x()">', '<img src="https://ex.com/i.png" alt="">'],
    ['<a href="/a?b=1&amp;c=2" target="_blank" style="x">a</a>', '<a href="https://ex.com/a?b=1&amp;c=2">a</a>'],
    ['<div><span>kept text</span></div>', 'kept text'],
    [
      '<em>e</em><strong>s</strong><br><blockquote>q</blockquote><ul><li>1</li></ul><ol><li>2</li></ol>',
      '<em>e</em><strong>s</strong><br><blockquote>q</blockquote><ul><li>1</li></ul><ol><li>2</li></ol>',
    ],
    ['<!-- comment --><p>x</p>', '<p>x</p>'],
    ['<p>a\u0000b</p>', '<p>ab</p>'],
  ])('%j → %j', (dirty, clean) => {
    expect(sanitizeHtml(dirty, base)).toBe(clean);
  });

  it('leaves escaped text escaped', () => {
    expect(sanitizeHtml('<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp;</p>', base)).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp;</p>',
    );
  });
});

describe('renderItemHtml', () => {
  const license: LicensePolicy = { maxShare: 0.3, attribution: 'Example <News> & Co' };
  const item: FeedItem = {
    id: 'https://ex.com/news/1?a=1&b=2',
    url: 'https://ex.com/news/1?a=1&b=2',
    title: 'T',
    published: '2024-01-01T00:00:00Z',
    updated: '2024-01-01T00:00:00Z',
    image: '/img/lead.jpg',
    categories: [],
    excerpt: {
      paragraphs: ['First <b>bold</b> & "quoted".', 'Second ]]> \u0008 para…'],
      words: 7,
      articleWords: 30,
      share: 7 / 30,
    },
  };

  it('renders the image, escaped paragraphs and the backlink last', () => {
    expect(renderItemHtml(item, license)).toBe(
      '<p><img src="https://ex.com/img/lead.jpg" alt=""></p>' +
        '<p>First &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;.</p>' +
        '<p>Second ]]&gt;  para…</p>' +
        '<p>Read the full article at <a href="https://ex.com/news/1?a=1&amp;b=2">Example &lt;News&gt; &amp; Co</a></p>',
    );
  });

  it('reuses the HTML of an excerpt only for the same inputs (each format renders the same items)', () => {
    const first = renderItemHtml(item, license, 'en');
    expect(renderItemHtml({ ...item }, license, 'en')).toBe(first);
    const fresh = (changed: FeedItem, terms: LicensePolicy, language?: string) =>
      renderItemHtml({ ...changed, excerpt: { ...changed.excerpt } }, terms, language);
    const { image: _image, ...withoutImage } = item; // eslint-disable-line @typescript-eslint/no-unused-vars -- dropped on purpose
    const variants: [FeedItem, LicensePolicy, string | undefined][] = [
      [{ ...item, url: 'https://ex.com/news/2' }, license, 'en'],
      [withoutImage, license, 'en'],
      [{ ...item, imageCredit: 'Photo: A' }, license, 'en'],
      [{ ...item, excerpt: { ...item.excerpt, paragraphs: [] }, titleOnlyReason: 'nosnippet' }, license, 'en'],
      [item, { ...license, attribution: 'Other' }, 'en'],
      [item, license, 'kk'],
    ];
    for (const [changed, terms, language] of variants) {
      expect(renderItemHtml(changed, terms, language)).toBe(fresh(changed, terms, language));
    }
    expect(renderItemHtml(item, license, 'en')).toBe(first);
  });

  it('round-trips the excerpt text and the backlink', () => {
    const html = renderItemHtml(item, license);
    expect(findBacklink(html)).toEqual({ href: item.url, text: 'Example <News> & Co' });
    expect(htmlToText(html, { dropBacklink: true })).toBe('First <b>bold</b> & "quoted".\n\nSecond ]]>  para…');
  });

  it('is the backlink line only when the excerpt is empty', () => {
    const empty = { ...item, excerpt: { paragraphs: [], words: 0, articleWords: 0, share: 0 } };
    expect(renderItemHtml(empty, license)).toBe(
      '<p>Read the full article at <a href="https://ex.com/news/1?a=1&amp;b=2">Example &lt;News&gt; &amp; Co</a></p>',
    );
  });

  it('drops an image that is not http(s)', () => {
    const html = renderItemHtml({ ...item, image: 'javascript:alert(1)' }, license);
    expect(html).not.toContain('<img');
  });
});
