/**
 * The renderers against the code they replaced, byte for byte: tests/helpers/render-reference/ is src/core/render
 * (with core/language and core/xml-chars) as it was before the rendering speed-up of session 18, verbatim but for
 * import paths. Every format of generated feeds — hostile text (markup fragments, entity references, control
 * characters, lone surrogates, bidi controls, scripts Lede meets), hostile URLs and dates, odd language tags,
 * combined-feed sources, paging, items sharing one excerpt — must come out exactly as the reference writes it,
 * also when the formats are rendered in any order and again (the item-HTML cache), and with a new object for
 * the same input (JSON Feed's fast path, language memo).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RenderExtras, SourcedItem } from '../../../src/core/render/feed-parts.ts';
import type { FeedFormat, FeedMeta, TitleOnlyReason } from '../../../src/core/types.ts';
import {
  escapeHtmlParts,
  HtmlBuilder,
  joinHtml,
  sanitizeBuiltHtml,
  sanitizeHtml,
} from '../../../src/core/render/sanitize-html.ts';
import { escapeEscapedXml } from '../../../src/core/render/xml.ts';
import { formatRfc3339, pickItemDates } from '../../../src/core/render/dates.ts';
import { RENDER_VERSION, renderFeed } from '../../../src/core/render/render-feed.ts';
import {
  formatRfc3339 as formatRfc3339Before,
  pickItemDates as pickItemDatesBefore,
} from '../../helpers/render-reference/dates.ts';
import {
  RENDER_VERSION as RENDER_VERSION_BEFORE,
  renderFeed as renderFeedBefore,
} from '../../helpers/render-reference/render-feed.ts';
import {
  sanitizeBuiltHtml as sanitizeBuiltHtmlBefore,
  sanitizeHtml as sanitizeHtmlBefore,
} from '../../helpers/render-reference/sanitize-html.ts';
import {
  escapeXml as escapeXmlBefore,
  stripControlChars as stripControlCharsBefore,
} from '../../helpers/render-reference/xml.ts';
import { hostileDate, hostileText, hostileUrl, publisherText } from '../../fuzz/arbitraries/hostile-text.ts';

const FORMATS: readonly FeedFormat[] = ['rss', 'atom', 'json'];

/** Language tags as pages and definitions write them: canonical, odd case, `_`, aliases, extensions, not tags. */
const language = fc.oneof(
  fc.constantFrom(
    undefined,
    'en',
    'EN_us',
    'kk-KZ',
    'kk',
    'ru-RU',
    'ru',
    'zh-hant-tw',
    'iw',
    'in',
    'art-lojban',
    'sgn-BE-FR',
    'de-DE-u-co-phonebk',
    'en-US-x-twain',
    'und',
    'x',
    'English',
    '',
    ' en ',
    'en-',
    'en--us',
    'abcd',
    'en-abcdefghi',
    '\u0000',
    'en"><x',
  ),
  fc.stringMatching(/^[a-zA-Z]{2,3}([-_][a-zA-Z0-9]{1,8}){0,3}$/),
  hostileText(3),
);

/** Text a renderer may meet anywhere: hostile fragments, a publisher's text, HTML someone left in. */
const text = fc.oneof(
  { weight: 4, arbitrary: hostileText() },
  { weight: 1, arbitrary: publisherText },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '<p onclick="x()">Hi <a href="/a">a</a><script>x()</script></p>',
      '<a href="&#106avascript:alert(1)">x</a>',
      '<!-- c --><img src=x onerror=y>',
      '<scr<script>ipt>alert(1)</script>',
      '<p>\u0000</p>',
      '&#0;&#x1;',
    ),
  },
);
const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
const url = fc.oneof(hostileUrl, fc.webUrl({ withQueryParameters: true, withFragments: true }));
const reason = fc.constantFrom<TitleOnlyReason>(
  'robots-disallowed',
  'nosnippet',
  'max-snippet',
  'paywalled',
  'usage-forbidden',
  'tdm-reserved',
);

const license = fc.record({
  maxShare: fc.oneof(fc.constantFrom(0.3, 1, 0.125), fc.double({ min: 0, max: 1, noNaN: true })),
  maxWords: optional(fc.nat(500)),
  attribution: text,
  attributionText: optional(
    fc.oneof(
      fc.tuple(text, text).map(([before, after]) => `${before}{attribution}${after}`),
      text,
      fc.constant('{attribution}'),
    ),
  ),
  terms: optional(text),
  termsUrl: optional(fc.oneof(url, fc.constant(''))),
  images: fc.constantFrom(true, false, 'credited' as const),
  delay: optional(fc.constantFrom('2h', '30m', '1d')),
});

const meta: fc.Arbitrary<FeedMeta> = fc.record({
  id: fc.oneof(fc.constant('f'), text),
  title: text,
  site: fc.oneof(fc.constantFrom('https://news.example/', 'https://xn--80ak6aa92e.com/a/'), url),
  description: optional(text),
  language,
  license,
  links: fc.record({ rss: url, atom: url, json: url }),
  updated: hostileDate,
  builtAt: optional(hostileDate),
  hub: optional(url),
});

const excerpt = fc.record({
  paragraphs: fc.array(text, { maxLength: 4 }),
  words: fc.nat(1000),
  articleWords: fc.nat(5000),
  share: fc.double({ min: 0, max: 1, noNaN: true }),
});

const item: fc.Arbitrary<SourcedItem> = fc
  .record({
    id: fc.oneof(url, text),
    url,
    title: text,
    published: hostileDate,
    updated: hostileDate,
    author: optional(text),
    image: optional(fc.oneof(url, text)),
    imageCredit: optional(text),
    language: optional(language),
    categories: fc.array(text, { maxLength: 3 }),
    excerpt,
    titleOnlyReason: optional(reason),
    source: optional(meta),
  })
  // Stored items have no undefined members; items built in code may (exactOptionalPropertyTypes aside).
  .chain((record) =>
    fc.boolean().map((compact) => {
      const entries = Object.entries(record).filter(([, value]) => !compact || value !== undefined);
      return Object.fromEntries(entries) as unknown as SourcedItem;
    }),
  );

/** Items, some sharing one excerpt object (the bench's feed does), some listed twice (ids repeat). */
const items = fc
  .tuple(fc.array(item, { maxLength: 6 }), fc.array(fc.nat(), { maxLength: 3 }), fc.array(fc.nat(), { maxLength: 2 }))
  .map(([list, shared, repeated]) => {
    const out = [...list];
    const first = out[0];
    if (first !== undefined) {
      for (const n of shared) {
        const index = n % out.length;
        out[index] = { ...out[index]!, excerpt: first.excerpt };
      }
      for (const n of repeated) out.push(out[n % out.length]!);
    }
    return out;
  });

const extras: fc.Arbitrary<RenderExtras> = fc.oneof(fc.constant({}), fc.record({ next: optional(url) }));

function expectSameBytes(format: FeedFormat, feed: FeedMeta, list: readonly SourcedItem[], more: RenderExtras) {
  expect(renderFeed(format, feed, list, more)).toBe(renderFeedBefore(format, feed, list, more));
}

describe('renderFeed against the previous renderers (tests/helpers/render-reference)', () => {
  it('keeps RENDER_VERSION: the bytes did not change, so stored renditions stay current', () => {
    expect(RENDER_VERSION).toBe(RENDER_VERSION_BEFORE);
  });

  it('writes the same bytes in every format, in any order and again', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(meta, items, extras, fc.shuffledSubarray([...FORMATS, ...FORMATS]), (feed, list, more, order) => {
        for (const format of order) expectSameBytes(format, feed, list, more);
      }),
      { numRuns: 400 },
    );
  });

  it('writes the same bytes for copies of the same input (what publishing reads from the store)', () => {
    fc.assert(
      fc.property(meta, items, (feed, list) => {
        for (const format of FORMATS) {
          const copy = structuredClone(list);
          expectSameBytes(format, structuredClone(feed), copy, {});
        }
      }),
      { numRuns: 150 },
    );
  });
});

/** Markup as a caller might write it, to see the sanitizer's reading of markup alone hold or fall back. */
const markupFragment = fc.oneof(
  fc.constantFrom(
    '<p>',
    '</p>',
    '<br>',
    '<em>',
    '</em>',
    '</a>',
    '<a href="/rel?a=1&amp;b">',
    '<a href=https://ex.com/x>',
    '<img src="https://ex.com/a.jpg" alt="">',
    '<img src=x onerror=alert(1)>',
    '<a href="javascript:alert(1)">',
    '<a href="&#106avascript:x">',
    '<script>',
    '</script>',
    '<SCRIPT>',
    '<style>',
    '</title>',
    '<svg>',
    '<!--',
    '-->',
    '<!',
    '--',
    '<',
    '>',
    '"',
    "'",
    '=',
    ' ',
    '\t',
    '<p title="',
    '<a href=',
    '<x>',
    '<p =',
    'text',
    '\u0000',
    '/',
  ),
  fc.string({ unit: fc.constantFrom('<', '>', '"', "'", '=', ' ', '!', '-', '/', 'p', 'a', 'x'), maxLength: 6 }),
);

describe('sanitizeHtml against the previous one', () => {
  it('gives the same HTML for any markup, text and base', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(markupFragment, text), { maxLength: 12 }), url, (parts, base) => {
        const html = parts.join('');
        expect(sanitizeHtml(html, base)).toBe(sanitizeHtmlBefore(html, base));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('escapeEscapedXml against escaping escaped text again', () => {
  it('gives the same string for any text', () => {
    fc.assert(
      fc.property(text, (value) => {
        const escaped = escapeXmlBefore(value);
        expect(escapeEscapedXml(escaped)).toBe(escapeXmlBefore(escaped));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('sanitizeBuiltHtml (the markup read alone) against sanitizing the whole built HTML', () => {
  it('gives the same HTML, and escaped HTML, for any markup and text, falling back where reading the markup alone would differ', () => {
    const step = fc.oneof(
      fc.array(markupFragment, { minLength: 1, maxLength: 4 }).map((parts) => ({ markup: parts.join('') })),
      fc.oneof(text, fc.constantFrom('', ' ', '!--', '--', 'script', '=')).map((value) => ({ text: value })),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 10 }), url, (steps, base) => {
        const html = new HtmlBuilder();
        for (const one of steps) {
          if ('markup' in one) html.addMarkup(one.markup);
          else html.addText(one.text);
        }
        const parts = sanitizeBuiltHtml(html, base);
        const before = sanitizeBuiltHtmlBefore(html.toString(), base);
        expect(joinHtml(parts)).toBe(before);
        expect(escapeHtmlParts(parts)).toBe(escapeXmlBefore(before));
      }),
      {
        numRuns: 3000,
        // What the fallback is for, each found wrong without its check: a text that completes a comment's
        // start (`<` + `!--`), and an empty text before a dropped body (the sanitizer counts from position 0).
        examples: [
          [[{ markup: '<' }, { text: '!--' }, { markup: '<p>x-->' }], 'https://ex.com/'],
          [[{ markup: '<x>' }, { text: '' }, { markup: '<script><script>y</script>' }], 'https://ex.com/'],
        ],
      },
    );
  });

  it('builds what the previous code built: texts escaped in place (and markup stripped of what XML forbids)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(markupFragment, text), { maxLength: 6 }), (pairs) => {
        const html = new HtmlBuilder();
        for (const [markup, value] of pairs) html.addMarkup(markup).addText(value);
        expect(html.toString()).toBe(
          pairs.map(([markup, value]) => `${stripControlCharsBefore(markup)}${escapeXmlBefore(value)}`).join(''),
        );
      }),
    );
  });
});

describe('dates against the previous ones', () => {
  it('formats and picks the same instants, asked any number of times and past the memo bound', () => {
    const instant = fc.date({
      min: new Date(Date.UTC(0, 0, 1)),
      max: new Date(Date.UTC(9999, 11, 31)),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(fc.array(instant, { minLength: 1, maxLength: 5000 }), (dates) => {
        for (const date of [...dates, ...dates.slice(0, 50)]) {
          expect(formatRfc3339(new Date(date.getTime()))).toBe(formatRfc3339Before(date));
        }
      }),
      { numRuns: 5 },
    );
    fc.assert(
      fc.property(hostileDate, hostileDate, hostileDate, fc.boolean(), (published, updated, fallback, same) => {
        const item = { published, updated: same ? published : updated };
        const now = pickItemDates(item, fallback);
        const before = pickItemDatesBefore(item, fallback);
        expect([now.published.getTime(), now.updated.getTime()]).toEqual([
          before.published.getTime(),
          before.updated.getTime(),
        ]);
      }),
      { numRuns: 2000 },
    );
  });
});
