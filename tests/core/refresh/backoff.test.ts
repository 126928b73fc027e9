/**
 * The backoff after failures in a row (src/core/refresh/backoff.ts): exponential, capped, with equal jitter
 * that is deterministic per feed and failure count, and spreads feeds apart.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BACKOFF_BASE_SECONDS, BACKOFF_CAP_SECONDS, backoffSeconds } from '../../../src/core/refresh/backoff.ts';

describe('backoffSeconds', () => {
  it('is none before a failure, and within [d/2, d] of d = 5 min × 2^(n−1), capped at 6 h', () => {
    expect(backoffSeconds('tengri', 0)).toBe(0);
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 10_000 }), (feedId, n) => {
        const delay = Math.min(BACKOFF_BASE_SECONDS * 2 ** Math.min(n - 1, 30), BACKOFF_CAP_SECONDS);
        const wait = backoffSeconds(feedId, n);
        expect(wait).toBeGreaterThanOrEqual(Math.floor(delay / 2));
        expect(wait).toBeLessThanOrEqual(delay);
        expect(backoffSeconds(feedId, n)).toBe(wait);
      }),
    );
  });

  it('spreads the feeds of one site apart rather than retrying them in the same minute', () => {
    const waits = Array.from({ length: 50 }, (_, index) => backoffSeconds(`site-section-${String(index)}`, 6));
    const minutes = new Set(waits.map((wait) => Math.floor(wait / 60)));
    expect(minutes.size).toBeGreaterThan(25);
  });
});
