/**
 * The faster escaping (a test before the replace, an item's HTML escaped once for RSS and Atom and not stripped
 * again before sanitizing, JSON Feed strings stripped by a replacer instead of a stripped copy) against the code
 * it replaced, kept here verbatim as the oracle, over hostile text: the rendered bytes may not change.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderBacklink, renderEscapedItemHtml, renderItemHtml } from '../../../src/core/render/item-html.ts';
import { describeTitleOnlyReason } from '../../../src/core/render/item-text.ts';
import { sanitizeHtml } from '../../../src/core/render/sanitize-html.ts';
import { resolveHttpUrl } from '../../../src/core/url.ts';
import { escapeXml, renderElement, renderEscapedElement, stripControlChars } from '../../../src/core/render/xml.ts';
import type { FeedItem, LicensePolicy } from '../../../src/core/types.ts';
import { writeJson } from '../../../src/core/render/json-text.ts';
import { stringifyStripped, stripJsonStrings } from '../../helpers/render-json-before.ts';

// ---- The previous implementation (src/core/render/xml.ts before this change), verbatim. ----
const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

function previousEscapeXml(text: string): string {
  return stripControlChars(text).replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

type Attributes = Readonly<Record<string, string | undefined>>;

function renderAttributes(attributes: Attributes): string {
  return Object.entries(attributes)
    .flatMap(([name, value]) => (value === undefined ? [] : [` ${name}="${previousEscapeXml(value)}"`]))
    .join('');
}

function previousRenderElement(name: string, text: string | undefined, attributes: Attributes = {}): string {
  const open = `<${name}${renderAttributes(attributes)}`;
  return text === undefined ? `${open}/>` : `${open}>${previousEscapeXml(text)}</${name}>`;
}

// src/core/render/json-feed.ts before this change, verbatim.
/** Strip characters XML forbids from every string in a JSON value (keys are ours and clean). */
function stripStrings(value: unknown): unknown {
  if (typeof value === 'string') return stripControlChars(value);
  if (Array.isArray(value)) return value.map(stripStrings);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, stripStrings(member)]));
  }
  return value;
}

// src/core/render/item-html.ts before this change (sanitizing through sanitizeHtml, which strips first), verbatim.
/** The lead image, and under it its credit when the item has one. */
function renderImage(image: string, credit: string | undefined): string {
  const caption = credit?.trim() ? `<br><em>${previousEscapeXml(credit.trim())}</em>` : '';
  return `<p><img src="${previousEscapeXml(image)}" alt="">${caption}</p>`;
}

function renderItemHtmlAnew(item: FeedItem, license: LicensePolicy, language?: string): string {
  const parts: string[] = [];
  if (item.excerpt.paragraphs.length > 0) {
    const image = item.image === undefined ? undefined : resolveHttpUrl(item.image, item.url);
    if (image !== undefined) parts.push(renderImage(image, item.imageCredit));
    for (const paragraph of item.excerpt.paragraphs) parts.push(`<p>${previousEscapeXml(paragraph)}</p>`);
  } else if (item.titleOnlyReason !== undefined) {
    parts.push(`<p>${previousEscapeXml(describeTitleOnlyReason(item.titleOnlyReason, language))}</p>`);
  }
  parts.push(renderBacklink(item.url, license, language));
  return sanitizeHtml(parts.join(''), item.url);
}
// ---- end of the previous implementation ----

/** Text built from what breaks markup: specials, "]]>", forbidden and lone code units, astral and RTL characters. */
const hostileText = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({ unit: 'grapheme' }),
      fc.constantFrom(
        ']]>',
        '&',
        '&amp;',
        '<',
        '>',
        '"',
        "'",
        '<![CDATA[',
        '\u0000',
        '\u0008',
        '\u000B',
        '\u001F',
        '\t',
        '\r\n',
        '\uD800',
        '\uDBFF',
        '\uDC00',
        '\uFFFE',
        '\uFFFF',
        '\\',
        '\\u0000',
        '\\b',
        '😀',
        '👨‍👩‍👧',
        '\u202Eevil\u202C',
        'שלום',
        'مرحبا',
        'қазақ',
      ),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

describe('escapeXml against the previous implementation', () => {
  it('gives the same string for any hostile text', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        expect(escapeXml(text)).toBe(previousEscapeXml(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('gives the same elements, with and without content and attributes', () => {
    const attributes = fc.dictionary(
      fc.constantFrom('href', 'rel', 'type', 'term', 'xml:lang'),
      fc.option(hostileText),
    );
    fc.assert(
      fc.property(fc.option(hostileText, { nil: undefined }), attributes, (text, raw) => {
        const attrs = Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, value ?? undefined]));
        expect(renderElement('x', text, attrs)).toBe(previousRenderElement('x', text, attrs));
        if (text !== undefined)
          expect(renderEscapedElement('x', escapeXml(text), attrs)).toBe(renderElement('x', text, attrs));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('stripJsonStrings against the previous stripped copy', () => {
  it('writes the same JSON for any document of hostile strings, numbers, nulls and undefined members', () => {
    const document = fc.letrec<{ value: unknown }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        hostileText,
        fc.double(),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.constant(undefined),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('0', '10', '_lede', 'items')), tie('value'), {
          maxKeys: 4,
        }),
      ),
    })).value;
    fc.assert(
      fc.property(document, (value) => {
        const stripped = JSON.stringify(stripStrings(value), null, 2);
        expect(JSON.stringify(value, stripJsonStrings, 2)).toBe(stripped);
        // Written without the replacer when the plain output shows nothing to strip (session 18).
        expect(stringifyStripped(value, 2)).toBe(stripped);
        // Written by hand, long strings placed as they are (session 21).
        expect(writeJson(value)).toBe(stripped);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('renderEscapedItemHtml', () => {
  const license: LicensePolicy = { maxShare: 0.3, attribution: 'Ex & <Co> "News"' };

  function makeItem(paragraphs: string[], credit: string, url: string): FeedItem {
    return {
      id: url,
      url,
      title: 't',
      published: '',
      updated: '',
      categories: [],
      image: 'https://ex.com/a.jpg?x=1&y=2',
      imageCredit: credit,
      excerpt: { paragraphs, words: 1, share: 0.1, articleWords: 10 },
    };
  }

  it('is the item HTML escaped, whether it is asked before, after or without the HTML, and for changed inputs', () => {
    fc.assert(
      fc.property(
        fc.array(hostileText, { maxLength: 4 }),
        hostileText,
        fc.constantFrom('https://ex.com/a', 'https://ex.com/b?c=1&d="2"'),
        fc.constantFrom(undefined, 'en', 'ru', 'kk-KZ'),
        fc.boolean(),
        (paragraphs, credit, url, language, htmlFirst) => {
          const item = makeItem(paragraphs, credit, url);
          const html = htmlFirst ? renderItemHtml(item, license, language) : undefined;
          const escaped = renderEscapedItemHtml(item, license, language);
          expect(escaped).toBe(previousEscapeXml(html ?? renderItemHtml(item, license, language)));
          expect(renderItemHtml(item, license, language)).toBe(renderItemHtmlAnew(item, license, language));
          // Same excerpt, another URL (and another licence): the cached escape must not be reused.
          const moved = { ...item, url: `${url}/moved` };
          const other = { ...license, attribution: 'Other' };
          expect(renderEscapedItemHtml(moved, other, language)).toBe(
            previousEscapeXml(renderItemHtml(moved, other, language)),
          );
          expect(renderEscapedItemHtml(item, license, language)).toBe(escaped);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('is the HTML the previous code rendered (stripping before sanitizing), for hostile items and licences', () => {
    const url = fc.oneof(
      fc.constantFrom('https://ex.com/a', 'https://ex.com/b?c=1&d="2"', 'http://127.0.0.1:8080/n/1'),
      hostileText.map((path) => `https://ex.com/${path}`),
    );
    const hostileLicense = fc.record({
      maxShare: fc.constant(0.3),
      attribution: hostileText,
      attributionText: fc.option(
        fc.tuple(hostileText, hostileText).map(([before, after]) => `${before}{attribution}${after}`),
        { nil: undefined },
      ),
    });
    fc.assert(
      fc.property(
        fc.array(hostileText, { maxLength: 3 }),
        url,
        fc.option(fc.oneof(url, hostileText), { nil: undefined }),
        fc.option(hostileText, { nil: undefined }),
        fc.option(fc.constantFrom('nosnippet', 'paywalled', 'tdm-reserved' as const), { nil: undefined }),
        hostileLicense,
        fc.constantFrom(undefined, 'en', 'ru', 'kk-KZ'),
        (paragraphs, link, image, credit, reason, policy, language) => {
          const item: FeedItem = {
            id: link,
            url: link,
            title: 't',
            published: '',
            updated: '',
            categories: [],
            excerpt: { paragraphs, words: 1, share: 0.1, articleWords: 10 },
            ...(image === undefined ? {} : { image }),
            ...(credit === undefined ? {} : { imageCredit: credit }),
            ...(reason === undefined ? {} : { titleOnlyReason: reason }),
          };
          const licence: LicensePolicy = { ...policy, attributionText: policy.attributionText };
          expect(renderItemHtml(item, licence, language)).toBe(renderItemHtmlAnew(item, licence, language));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
