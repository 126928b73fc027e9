/**
 * @module tests/fuzz/pipeline.fuzz
 * Hostile upstream content through the real stages, up to the bytes a subscriber reads: article pages (with
 * hostile response headers) through `readArticle` (extract + page signals), the licence stage
 * (`resolvePolicy`, `buildExcerpt`, `buildFeedItem` via `licenseArticle`) and the three renderers; feed entries
 * through the entry-only path. The invariants are tests/fuzz/pipeline-checks.ts's: nothing throws, every
 * rendition parses back and is valid, every item ends with the backlink to its URL, no excerpt is over the
 * licence.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import type { LicensePolicy } from '../../src/core/types.ts';
import { hostileArticlePage, hostileHeaders } from './arbitraries/html-documents.ts';
import { hostileFeed } from './arbitraries/xml-documents.ts';
import { fuzzAsync, PROPERTY_TIMEOUT_MS } from './fuzz-settings.ts';
import { checkArticlePage, checkFeedItems } from './pipeline-checks.ts';

/**
 * Licences as definitions state them; the attribution is the operator's, but may hold any character. The
 * backlink line is the built-in one (in the feed's language) or the English default spelled out: the ones
 * tests/helpers/feed-validity.ts recognises at the end of an item.
 */
const license: fc.Arbitrary<LicensePolicy> = fc.record(
  {
    maxShare: fc.constantFrom(0.05, 0.3, 0.5, 1),
    maxWords: fc.option(fc.integer({ min: 0, max: 80 }), { nil: undefined }),
    attribution: fc.constantFrom('Example News', 'Қазақ <Үні> & Co ]]>', '"Quotes" \u202eRTL'),
    attributionText: fc.constantFrom('Read the full article at {attribution}', undefined),
    images: fc.constantFrom(true, false, 'credited' as const),
    explicit: fc.boolean(),
  },
  { requiredKeys: ['maxShare', 'attribution'] },
);

const language = fc.constantFrom(undefined, 'en', 'ru', 'kk');

describe('fuzz: hostile pages and entries through extract, licence and render', () => {
  it('article pages: valid feeds, each item backlinked, within the licence', { timeout: PROPERTY_TIMEOUT_MS }, () =>
    fuzzAsync(
      fc.tuple(hostileArticlePage, hostileHeaders, license, language),
      ([page, headers, terms, lang]) => checkArticlePage(page, headers, terms, lang),
      30,
    ),
  );

  it(
    'feed entries, licensed entry-only: valid feeds, one backlinked item per URL',
    { timeout: PROPERTY_TIMEOUT_MS },
    () =>
      fuzzAsync(
        fc.tuple(hostileFeed, license, language),
        ([body, terms, lang]) => checkFeedItems(body, terms, lang),
        60,
      ),
  );
});
