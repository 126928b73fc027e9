/** Conditional requests per RFC 9110 §13: decided from validators alone. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isNotModified, toHttpDate } from '../../../src/core/serve/http-cache.ts';

/** If-None-Match as http-cache.ts compared it before its one-tag path (the reference for the property below). */
function matchesBefore(header: string, etag: string): boolean {
  const stripWeak = (tag: string) => (tag.startsWith('W/') ? tag.slice(2) : tag);
  if (header.trim() === '*') return true;
  const wanted = stripWeak(etag);
  return header.split(',').some((candidate) => stripWeak(candidate.trim()) === wanted);
}

const validators = { etag: '"abc"', lastModified: '2026-01-01T10:00:00.500Z' };

describe('isNotModified', () => {
  it.each([
    [{ ifNoneMatch: '"abc"' }, true],
    [{ ifNoneMatch: 'W/"abc"' }, true], // weak comparison for If-None-Match
    [{ ifNoneMatch: '"x", "abc"' }, true],
    [{ ifNoneMatch: '*' }, true],
    [{ ifNoneMatch: '"other"' }, false],
    [{ ifNoneMatch: '"other"', ifModifiedSince: 'Thu, 01 Jan 2026 10:00:00 GMT' }, false], // If-None-Match wins
    [{ ifModifiedSince: 'Thu, 01 Jan 2026 10:00:00 GMT' }, true], // second resolution
    [{ ifModifiedSince: 'Thu, 01 Jan 2026 09:59:59 GMT' }, false],
    [{ ifModifiedSince: 'not a date' }, false],
    [{}, false],
  ])('%j → %s', (request, expected) => {
    expect(isNotModified(request, validators)).toBe(expected);
  });

  it('compares If-None-Match as it did before its one-tag path, for any header and tag', () => {
    const piece = fc.constantFrom('"abc"', 'W/', '"', ',', ' ', '\t', '*', 'abc', '\u00a0', '\n', '"a,b"', 'W/"abc"');
    const text = fc.array(piece, { maxLength: 6 }).map((pieces) => pieces.join(''));
    fc.assert(
      fc.property(text, text, (header, etag) => {
        const before = matchesBefore(header, etag);
        expect(isNotModified({ ifNoneMatch: header }, { etag, lastModified: validators.lastModified })).toBe(before);
      }),
      { numRuns: 2000 },
    );
  });

  it('formats IMF-fixdate', () => {
    expect(toHttpDate('2026-01-01T10:00:00.500Z')).toBe('Thu, 01 Jan 2026 10:00:00 GMT');
  });
});
