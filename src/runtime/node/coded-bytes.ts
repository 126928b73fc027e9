/**
 * @module runtime/node/coded-bytes
 * The compressed bytes of Node's answers (src/runtime/node/compression.ts): made once per ETag and coding, with
 * the densest settings (paid once per rendition), and kept in a bounded in-memory cache.
 */
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { createBytesLru } from '../../core/bytes-lru.ts';

export type Coding = 'br' | 'gzip';

const compress: Record<Coding, (bytes: Uint8Array) => Promise<Buffer>> = {
  br: (bytes) =>
    promisify(brotliCompress)(bytes, {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength,
      },
    }),
  gzip: (bytes) => promisify(gzip)(bytes, { level: constants.Z_BEST_COMPRESSION }),
};

type Coded = Uint8Array<ArrayBuffer> | Promise<Uint8Array<ArrayBuffer>>;

/**
 * Compressed bodies by `${etag} ${coding}`, least recently used first, bounded by their total size; a body
 * compressed already is given at once, one being compressed as the promise every request for it shares. Only
 * made bytes count against the bound; a body larger than the whole bound is handed out but not kept.
 * @example const coded = createCodedCache(32 * 1024 * 1024); await coded.get(`${etag} br`, identity, 'br')
 */
export function createCodedCache(maxBytes: number) {
  const made = createBytesLru<Uint8Array<ArrayBuffer>>(maxBytes, (bytes) => bytes.byteLength);
  const making = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();
  const keep = (key: string, bytes: Uint8Array<ArrayBuffer>) => {
    if (bytes.byteLength <= maxBytes) made.set(key, bytes);
    return bytes;
  };
  return {
    get(key: string, identity: () => Promise<Uint8Array>, coding: Coding): Coded {
      const ready = made.get(key) ?? making.get(key);
      if (ready) return ready;
      // The promise is shared at once, so concurrent first requests share one compression.
      const bytes = identity()
        .then(async (plain) => keep(key, Uint8Array.from(await compress[coding](plain))))
        .finally(() => making.delete(key));
      making.set(key, bytes);
      return bytes;
    },
    /** The bytes when they are made already; starts nothing. */
    peek(key: string): Uint8Array<ArrayBuffer> | undefined {
      return made.get(key);
    },
  };
}

export type CodedCache = ReturnType<typeof createCodedCache>;
