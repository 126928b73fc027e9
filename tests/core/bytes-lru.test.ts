/**
 * @module tests/core/bytes-lru
 * The byte-bounded LRU map both byte caches keep (src/core/bytes-lru.ts): eviction order, the bound, and the
 * byte count through replacements, deletions and clears.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBytesLru } from '../../src/core/bytes-lru.ts';

const sized = (size: number) => ({ size });

describe('createBytesLru', () => {
  it('evicts the least recently used first, and never the value just set', () => {
    const cache = createBytesLru<{ size: number }>(10, (value) => value.size);
    cache.set('a', sized(4));
    cache.set('b', sized(4));
    cache.get('a'); // b is now the least recently used
    cache.set('c', sized(4));
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([sized(4), undefined, sized(4)]);
    cache.set('huge', sized(50));
    expect([cache.get('a'), cache.get('c'), cache.get('huge')]).toEqual([undefined, undefined, sized(50)]);
  });

  it('holds what a plain list model holds after any sequence of sets, gets, deletes and clears (property)', () => {
    const keys = ['a', 'b', 'c', 'd'];
    const operation = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), key: fc.constantFrom(...keys), size: fc.nat(12) }),
      fc.record({ kind: fc.constant('delete' as const), key: fc.constantFrom(...keys) }),
      fc.record({ kind: fc.constant('get' as const), key: fc.constantFrom(...keys) }),
      fc.record({ kind: fc.constant('clear' as const) }),
    );
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 60 }), (operations) => {
        const cache = createBytesLru<{ size: number }>(20, (value) => value.size);
        // The model: [key, size] pairs, least recently used first; its byte count is summed afresh each time.
        let model: [string, number][] = [];
        const bytes = () => model.reduce((sum, [, size]) => sum + size, 0);
        for (const op of operations) {
          if (op.kind === 'clear') {
            cache.clear();
            model = [];
            continue;
          }
          const found = model.find(([key]) => key === op.key);
          model = model.filter(([key]) => key !== op.key);
          if (op.kind === 'get') {
            cache.get(op.key);
            if (found) model.push(found);
          } else if (op.kind === 'delete') cache.delete(op.key);
          else {
            cache.set(op.key, sized(op.size));
            model.push([op.key, op.size]);
            while (bytes() > 20 && model[0]?.[0] !== op.key) model.shift();
          }
        }
        // Read back in the model's order, which leaves both orders as they were.
        expect(model.map(([key]) => [key, cache.get(key)?.size])).toEqual(model);
        for (const key of keys.filter((key) => !model.some(([held]) => held === key)))
          expect(cache.get(key)).toBeUndefined();
      }),
    );
  });
});
