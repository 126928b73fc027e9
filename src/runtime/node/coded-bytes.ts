/**
 * @module runtime/node/coded-bytes
 * The compressed bytes of Node's answers (src/runtime/node/compression.ts): made once per ETag and coding, with
 * the densest settings (paid once per rendition), and kept in a bounded in-memory cache.
 */
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

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

interface CodedBytes {
  readonly bytes: Promise<Uint8Array<ArrayBuffer>>;
  /** The bytes once compressed, handed out without a promise. */
  ready?: Uint8Array<ArrayBuffer>;
  size: number;
}

type Coded = Uint8Array<ArrayBuffer> | Promise<Uint8Array<ArrayBuffer>>;

/**
 * Compressed bodies by `${etag} ${coding}`, least recently used first, bounded by their total size; a body
 * compressed already is given at once, one being compressed as the promise every request for it shares.
 * @example const coded = createCodedCache(32 * 1024 * 1024); await coded.get(`${etag} br`, identity, 'br')
 */
export function createCodedCache(maxBytes: number) {
  const entries = new Map<string, CodedBytes>();
  let total = 0;
  const evict = () => {
    for (const [key, entry] of entries) {
      if (total <= maxBytes) return;
      entries.delete(key);
      total -= entry.size;
    }
  };
  const settle = async (key: string, entry: CodedBytes) => {
    try {
      const bytes = await entry.bytes;
      entry.size = bytes.byteLength;
      entry.ready = bytes;
      total += entry.size;
      evict();
      return bytes;
    } catch (error) {
      entries.delete(key);
      throw error;
    }
  };
  const touch = (key: string) => {
    const hit = entries.get(key);
    if (hit) {
      entries.delete(key);
      entries.set(key, hit);
    }
    return hit;
  };
  return {
    get(key: string, identity: () => Promise<Uint8Array>, coding: Coding): Coded {
      const hit = touch(key);
      if (hit) return hit.ready ?? hit.bytes;
      // The promise is cached at once, so concurrent first requests share one compression.
      const entry: CodedBytes = {
        bytes: identity().then(async (bytes) => Uint8Array.from(await compress[coding](bytes))),
        size: 0,
      };
      entries.set(key, entry);
      return settle(key, entry);
    },
    /** The bytes when they are made already; starts nothing. */
    peek(key: string): Uint8Array<ArrayBuffer> | undefined {
      return touch(key)?.ready;
    },
  };
}

export type CodedCache = ReturnType<typeof createCodedCache>;
