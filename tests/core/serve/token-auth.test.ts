/**
 * The failed-attempt count behind the token doors (src/core/serve/token-auth.ts): fixed windows per
 * address, the wait until the window ends, and a bounded memory however many addresses try.
 */
import { describe, expect, it } from 'vitest';
import { createFailedAuthCounter } from '../../../src/core/serve/token-auth.ts';

describe('createFailedAuthCounter', () => {
  const limits = { maxFailures: 3, windowMs: 60_000, maxTracked: 100 };

  it('turns an address away after maxFailures in a window, for what is left of it, and only that address', () => {
    const counter = createFailedAuthCounter(limits);
    for (let index = 0; index < 3; index++) counter.fail('198.51.100.7', 1_000 + index);
    expect(counter.waitFor('198.51.100.7', 2_000)).toBe(59_000);
    expect(counter.waitFor('198.51.100.8', 2_000)).toBe(0);
    expect(counter.waitFor('198.51.100.7', 61_000)).toBe(0);
  });

  it('counts a new window once the old one ended', () => {
    const counter = createFailedAuthCounter(limits);
    counter.fail('a', 0);
    counter.fail('a', 1);
    counter.fail('a', 60_000);
    expect(counter.waitFor('a', 60_001)).toBe(0);
  });

  it('forgets the addresses that failed longest ago beyond maxTracked', () => {
    const counter = createFailedAuthCounter(limits);
    for (let attempt = 0; attempt < 3; attempt++) counter.fail('first', attempt);
    for (let index = 0; index < 100; index++) counter.fail(`flood-${String(index)}`, 10);
    expect(counter.waitFor('first', 20)).toBe(0);
    for (let attempt = 0; attempt < 3; attempt++) counter.fail('flood-99', 11);
    expect(counter.waitFor('flood-99', 20)).toBeGreaterThan(0);
  });
});
