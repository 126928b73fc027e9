/**
 * @module tests/fuzz/render.fuzz
 * The renderers on their own, with every text field hostile: items (title, author, categories, image credit,
 * language, excerpt paragraphs, image URL) and the feed (title, description, attribution, terms, language),
 * alone and as the combined feed's sourced items. Every rendition must parse back as a valid feed (strict
 * fast-xml-validator, JSON.parse, tests/helpers/feed-validity.ts) with every item ending in its backlink.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import type { SourcedItem } from '../../src/core/render/feed-parts.ts';
import type { FeedMeta } from '../../src/core/types.ts';
import { hostileText, hostileUrl, publisherText, someHostileText } from './arbitraries/hostile-text.ts';
import { fuzz, PROPERTY_TIMEOUT_MS } from './fuzz-settings.ts';
import { checkRenditions } from './pipeline-checks.ts';

const LINKS = { rss: 'https://lede.test/f.rss', atom: 'https://lede.test/f.atom', json: 'https://lede.test/f.json' };
const hostileLanguage = fc.constantFrom(
  undefined,
  'en',
  'kk-KZ',
  'ru',
  'x',
  'EN_us',
  'zh-Hant-TW',
  '\u0000',
  '',
  'en"><x',
);
const instant = fc
  .date({ min: new Date('1990-01-01'), max: new Date('2040-01-01'), noInvalidDate: true })
  .map((date) => date.toISOString());

/** What the definition schema lets an operator write for a title or attribution, plus a word (never blank). */
const operatorText = someHostileText.map((text) => `${text.trim()} News`);

const meta: fc.Arbitrary<FeedMeta> = fc.record({
  id: fc.constant('f'),
  title: operatorText,
  site: fc.constantFrom('https://news.example/', 'https://xn--80ak6aa92e.com/a/'),
  description: fc.option(publisherText, { nil: undefined }),
  language: hostileLanguage,
  license: fc.record({
    maxShare: fc.constantFrom(0.3, 1),
    attribution: operatorText,
    terms: fc.option(publisherText, { nil: undefined }),
    termsUrl: fc.option(fc.webUrl(), { nil: undefined }),
    images: fc.constantFrom(true, false, 'credited' as const),
  }),
  links: fc.constant(LINKS),
  updated: instant,
});

const item: fc.Arbitrary<SourcedItem> = fc
  .tuple(
    fc.oneof(hostileUrl, fc.webUrl({ withQueryParameters: true, withFragments: true })),
    publisherText,
    instant,
    fc.option(publisherText, { nil: undefined }),
    fc.option(hostileUrl, { nil: undefined }),
    fc.option(publisherText, { nil: undefined }),
    hostileLanguage,
    fc.array(hostileText(3), { maxLength: 4 }),
    fc.array(publisherText, { maxLength: 4 }),
  )
  .map(([url, title, date, author, image, imageCredit, language, categories, paragraphs]) => ({
    id: url,
    url,
    title,
    published: date,
    updated: date,
    ...(author === undefined ? {} : { author }),
    ...(image === undefined ? {} : { image }),
    ...(imageCredit === undefined ? {} : { imageCredit }),
    ...(language === undefined ? {} : { language }),
    categories,
    excerpt: { paragraphs, words: paragraphs.length, articleWords: 100, share: 0.1 },
  }));

/** The feed's items, some of them from another (hostile) feed, as the combined feed renders them. */
const items = fc
  .array(fc.tuple(item, fc.option(meta, { nil: undefined })), { maxLength: 5 })
  .map((pairs) => pairs.map(([one, source]) => (source === undefined ? one : { ...one, source })));

describe('fuzz: render', () => {
  it(
    'hostile items and feed meta: valid in every format, every item backlinked',
    { timeout: PROPERTY_TIMEOUT_MS },
    () => fuzz(fc.tuple(meta, items), checkRenditions, 80),
  );
});
