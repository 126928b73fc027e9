/**
 * The renderers against the code they replaced, byte for byte: tests/helpers/render-reference/ is src/core/render
 * (with core/language and core/xml-chars) as it was before the rendering speed-up of session 18, verbatim but for
 * import paths. Every format of generated feeds — hostile text (markup fragments, entity references, control
 * characters, lone surrogates, bidi controls, scripts Lede meets), hostile URLs and dates, odd language tags,
 * combined-feed sources, paging, items sharing one excerpt — must come out exactly as the reference writes it,
 * also when the formats are rendered in any order and again (the item-HTML cache), and with a new object for
 * the same input (JSON Feed's fast path, language memo). Publishing's renderer (`createFeedRenderer`), which
 * renders a format's items once for several build dates, must write what the reference writes for each meta
 * it is given: the same meta with other build dates, copies of it, and metas that differ in more.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RenderExtras, SourcedItem } from '../../../src/core/render/feed-parts.ts';
import type { FeedFormat, FeedMeta, TitleOnlyReason } from '../../../src/core/types.ts';
import { createFeedRenderer, RENDER_VERSION, renderFeed } from '../../../src/core/render/render-feed.ts';
import {
  RENDER_VERSION as RENDER_VERSION_BEFORE,
  renderFeed as renderFeedBefore,
} from '../../helpers/render-reference/render-feed.ts';
import { language, optional, text, url } from '../../helpers/render-arbitraries.ts';
import { hostileDate } from '../../fuzz/arbitraries/hostile-text.ts';

const FORMATS: readonly FeedFormat[] = ['rss', 'atom', 'json'];

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

  it('writes the same bytes through createFeedRenderer, for each build date and each other meta it is given', () => {
    /** The next meta a publish might ask for: another build date (maybe with `updated` moved too), a copy, or another meta. */
    const next = fc.oneof(
      fc.record({ builtAt: optional(hostileDate) }).map(({ builtAt }) => (feed: FeedMeta) => ({ ...feed, builtAt })),
      fc.tuple(optional(hostileDate), hostileDate).map(([builtAt, updated]) => (feed: FeedMeta) => ({
        ...structuredClone(feed),
        builtAt,
        updated,
      })),
      meta.map((other) => () => other),
      fc.tuple(language, text).map(([lang, site]) => (feed: FeedMeta) => ({ ...feed, language: lang, site })),
    );
    fc.assert(
      fc.property(
        meta,
        items,
        fc.array(next, { minLength: 1, maxLength: 4 }),
        fc.shuffledSubarray([...FORMATS]),
        (first, list, steps, order) => {
          const render = createFeedRenderer(list);
          let feed = first;
          for (const format of FORMATS) expect(render(format, feed)).toBe(renderFeedBefore(format, feed, list, {}));
          for (const step of steps) {
            feed = step(feed);
            for (const format of order) expect(render(format, feed)).toBe(renderFeedBefore(format, feed, list, {}));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
