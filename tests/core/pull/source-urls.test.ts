/**
 * core/pull/source-urls: the one normal form source entries are keyed by.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeEntryUrl } from '../../../src/core/pull/source-urls.ts';

describe('source URL rules', () => {
  it.each([
    [' /a/1?utm_source=rss&utm_medium=feed#top ', 'https://example.com/a/1'],
    ['/a/1?id=7&fbclid=xyz&page=2', 'https://example.com/a/1?id=7&page=2'],
    ['https://example.com/a/%D0%B0?q=a+b', 'https://example.com/a/%D0%B0?q=a+b'],
    ['//example.com/x', 'https://example.com/x'],
    ['mailto:editor@example.com', undefined],
    ['javascript:void(0)', undefined],
    ['http://[bad', undefined],
    ['', undefined],
  ])('normalizeEntryUrl(%j)', (raw, expected) => {
    expect(normalizeEntryUrl(raw, 'https://example.com/rss')).toBe(expected);
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.webUrl({ withFragments: true, withQueryParameters: true }), (url) => {
        const once = normalizeEntryUrl(url, 'https://example.com/');
        if (once !== undefined) expect(normalizeEntryUrl(once, 'https://example.com/')).toBe(once);
      }),
    );
  });
});
