/**
 * `rememberBounded` (src/core/remember.ts): each key computed once while remembered, `undefined` answers
 * remembered too, and never more than `limit` keys held — past it the memory is emptied and answers are
 * computed again, the same.
 */
import { describe, expect, it } from 'vitest';
import { rememberBounded } from '../../src/core/remember.ts';

describe('rememberBounded', () => {
  it('computes a key once, an undefined answer included', () => {
    const calls: string[] = [];
    const lookUp = rememberBounded((key: string) => {
      calls.push(key);
      return key === 'none' ? undefined : key.toUpperCase();
    }, 8);
    expect([lookUp('a'), lookUp('a'), lookUp('none'), lookUp('none')]).toEqual(['A', 'A', undefined, undefined]);
    expect(calls).toEqual(['a', 'none']);
  });

  it('holds at most `limit` keys, and gives the same answers after forgetting', () => {
    let computed = 0;
    const double = rememberBounded((key: number) => (computed++, key * 2), 3);
    for (const key of [1, 2, 3]) double(key);
    expect(computed).toBe(3);
    expect(double(1)).toBe(2);
    expect(computed).toBe(3);
    // A fourth key empties the memory first: 1 is computed again when next asked.
    expect(double(4)).toBe(8);
    expect(double(1)).toBe(2);
    expect(computed).toBe(5);
  });
});
