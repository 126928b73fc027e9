/**
 * @module core/bytes-lru
 * A map bounded by the bytes its values hold, least recently used first: what the rendition bytes cache
 * (src/core/serve/rendition-bytes.ts) and Node's compressed bytes (src/runtime/node/coded-bytes.ts) keep in
 * memory. A `Map` keeps insertion order, so a read moves its key to the end and eviction walks from the start;
 * a read of the key already at the end (a server answering one feed over and over) leaves the map as it is,
 * the delete and set that would put it back where it was skipped.
 */

/**
 * @example const cache = createBytesLru<Uint8Array>(32 * 1024 * 1024, (bytes) => bytes.byteLength)
 */
export function createBytesLru<V>(maxBytes: number, sizeOf: (value: V) => number) {
  const entries = new Map<string, V>();
  let total = 0;
  /** The key last set or read, at the end of `entries`' order while it is in them. */
  let newest: string | undefined;
  const remove = (key: string) => {
    const value = entries.get(key);
    if (value === undefined) return;
    entries.delete(key);
    total -= sizeOf(value);
    if (key === newest) newest = undefined;
  };
  return {
    /** The value, now the most recently used. */
    get(key: string): V | undefined {
      const value = entries.get(key);
      if (value !== undefined && key !== newest) {
        entries.delete(key);
        entries.set(key, value);
        newest = key;
      }
      return value;
    },
    /** Keep `value` (replacing the key's), then evict the least recently used until within the bound — never `key` itself. */
    set(key: string, value: V): void {
      remove(key);
      entries.set(key, value);
      newest = key;
      total += sizeOf(value);
      for (const oldest of entries.keys()) {
        if (total <= maxBytes || oldest === key) break;
        remove(oldest);
      }
    },
    delete: remove,
    clear(): void {
      entries.clear();
      total = 0;
      newest = undefined;
    },
  };
}
