/**
 * @module core/remember
 * One function's answers, remembered by argument: for work a hot path repeats on the same few values (a
 * language tag, a date, a feed's file name, a host's same-site verdict). The arguments often come from the
 * network, so at most `limit` are kept, and past it the memory is emptied whole: no bookkeeping per call, and
 * the few values in use come straight back.
 */

/**
 * `compute`, remembered for up to `limit` distinct keys (`undefined` answers included). `compute` must give the
 * same answer for the same key, as the callers' pure functions do.
 * @example const toLower = rememberBounded((name: string) => name.toLowerCase(), 64); toLower('Host') // 'host'
 */
export function rememberBounded<K, V>(compute: (key: K) => V, limit: number): (key: K) => V {
  const remembered = new Map<K, V>();
  return (key) => {
    const known = remembered.get(key);
    // One lookup on a hit; the second only for a remembered `undefined`, or a key never seen.
    if (known !== undefined || remembered.has(key)) return known as V;
    const value = compute(key);
    if (remembered.size >= limit) remembered.clear();
    remembered.set(key, value);
    return value;
  };
}
