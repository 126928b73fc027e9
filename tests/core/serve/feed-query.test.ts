/**
 * @module tests/core/serve/feed-query
 * Parsing of the feed URL parameters (tables of good and bad values), Unicode-aware folding of the text
 * filters, and the cursor: fast-check properties that it round-trips every key, that garbage never decodes
 * to one, and that the variants' order (`compareItemKeys`) is a total order the cursor can resume from.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareItemKeys,
  decodeCursor,
  encodeCursor,
  foldText,
  hasFeedQuery,
  matchesFilters,
  parseFeedQuery,
  type ItemKey,
} from '../../../src/core/serve/feed-query.ts';
import { makeItem } from '../../contract/store-conformance-records.ts';

const parse = (query: string, maxItems = 50) => parseFeedQuery(new URLSearchParams(query), maxItems);

const itemKeyArbitrary: fc.Arbitrary<ItemKey> = fc.record({
  published: fc.option(
    fc
      .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString()),
    { nil: null },
  ),
  discoveredAt: fc
    .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  feedId: fc.constantFrom('monitor', 'blog', 'tengri'),
  sourceUrl: fc.webUrl(),
});

describe('parseFeedQuery', () => {
  it.each([
    ['', {}],
    ['limit=1', { limit: 1 }],
    ['limit=50', { limit: 50 }],
    ['category=%D0%AD%D0%BA%D0%BE%D0%BD%D0%BE%D0%BC%D0%B8%D0%BA%D0%B0', { category: 'экономика' }],
    ['q=%EF%BC%B4%EF%BC%A5%EF%BC%AE%EF%BC%A7%EF%BC%A5', { q: 'tenge' }],
    ['since=2025-02-01', { since: Date.parse('2025-02-01T00:00:00Z') }],
    ['since=2025-02-01T10:00', { since: Date.parse('2025-02-01T10:00:00Z') }],
    ['since=2025-02-01T10:00:00+05:00', { since: Date.parse('2025-02-01T05:00:00Z') }],
    // An unencoded '+' arrives as a space.
    ['since=2025-02-01T10:00:00+05:00'.replace('+', '%20'), { since: Date.parse('2025-02-01T05:00:00Z') }],
    ['utm_source=x', {}],
  ])('?%s parses', (query, expected) => {
    expect(parse(query)).toEqual({ ok: true, query: expected });
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=51', 'limit'],
    ['limit=-1', 'limit'],
    ['limit=1.5', 'limit'],
    ['limit=01', 'limit'],
    ['limit=', 'limit'],
    ['after=', 'after'],
    ['after=%%%', 'after'],
    [`after=${'A'.repeat(3000)}`, 'after'],
    ['since=tomorrow', 'since'],
    ['since=2025-02-30T25:00:00Z', 'since'],
    ['q=%20%20', 'q'],
    [`q=${'x'.repeat(201)}`, 'q'],
    ['category=a&category=b', 'category'],
  ])('?%s is refused, naming %s', (query, parameter) => {
    expect(parse(query)).toMatchObject({ ok: false, parameter });
  });

  it('hasFeedQuery: only the feed parameters make a variant', () => {
    expect(hasFeedQuery(new URLSearchParams('utm_source=x&_=1'))).toBe(false);
    expect(hasFeedQuery(new URLSearchParams('q=x'))).toBe(true);
  });
});

describe('foldText and matchesFilters', () => {
  it.each([
    ['ҚАЗАҚСТАН', 'қазақстан'],
    ['ＡＬＭＡＴＹ', 'almaty'],
    ['Straße', 'straße'],
    ['ﬁnance', 'finance'],
  ])('foldText(%s) is %s', (text, folded) => {
    expect(foldText(text)).toBe(folded);
  });

  const item = makeItem('https://e.kz/1', '2025-02-01T06:00:00Z', {
    title: 'Теңге тұрақтады',
    categories: ['Экономика'],
    excerpt: { paragraphs: ['Ұлттық банк мөлшерлемені өзгертпеді.'], words: 4, articleWords: 20, share: 0.2 },
  });
  it.each([
    [{ q: foldText('ТЕҢГЕ') }, true],
    [{ q: foldText('ҰЛТТЫҚ БАНК') }, true],
    [{ q: foldText('доллар') }, false],
    [{ category: foldText('ЭКОНОМИКА') }, true],
    [{ category: foldText('эконом') }, false],
    [{ since: Date.parse('2025-02-01T06:00:00Z') }, true],
    [{ since: Date.parse('2025-02-01T06:00:01Z') }, false],
  ])('%o matches: %s', (query, expected) => {
    expect(matchesFilters(item, query)).toBe(expected);
  });
});

describe('the cursor', () => {
  it('round-trips every key (property)', () => {
    fc.assert(
      fc.property(itemKeyArbitrary, (key) => {
        expect(decodeCursor(encodeCursor(key))).toEqual(key);
      }),
    );
  });

  it('round-trips Unicode source URLs and is base64url (property)', () => {
    fc.assert(
      fc.property(itemKeyArbitrary, fc.string({ unit: 'grapheme' }), (key, tail) => {
        const cursor = encodeCursor({ ...key, sourceUrl: `${key.sourceUrl}#${tail}` });
        expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(decodeCursor(cursor)?.sourceUrl).toBe(`${key.sourceUrl}#${tail}`);
      }),
    );
  });

  it('never decodes garbage to a key (property)', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const key = decodeCursor(text);
        if (key !== undefined) expect(encodeCursor(key)).toBe(text.replace(/=+$/, ''));
      }),
    );
  });

  it('orders keys totally: antisymmetric and transitive (property)', () => {
    fc.assert(
      fc.property(itemKeyArbitrary, itemKeyArbitrary, itemKeyArbitrary, (a, b, c) => {
        expect(Math.sign(compareItemKeys(a, b))).toBe(-Math.sign(compareItemKeys(b, a)));
        if (compareItemKeys(a, b) <= 0 && compareItemKeys(b, c) <= 0)
          expect(compareItemKeys(a, c)).toBeLessThanOrEqual(0);
      }),
    );
  });
});
