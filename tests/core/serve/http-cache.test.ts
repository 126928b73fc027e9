/** Conditional requests per RFC 9110 §13: decided from validators alone. */
import { describe, expect, it } from 'vitest';
import { isNotModified, toHttpDate } from '../../../src/core/serve/http-cache.ts';

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

  it('formats IMF-fixdate', () => {
    expect(toHttpDate('2026-01-01T10:00:00.500Z')).toBe('Thu, 01 Jan 2026 10:00:00 GMT');
  });
});
