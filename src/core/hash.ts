/**
 * @module core/hash
 * SHA-256 over UTF-8 text, as lower-case hex. Used for entry fingerprints, body/excerpt hashes (the body
 * itself is never stored) and ETags, so every implementation must give the same hex for the same text.
 *
 * By default through Web Crypto, which Node 24 and workerd both provide as `crypto.subtle`. A runtime may
 * inject a faster one as `CoreDeps.sha256` (src/core/ports.ts): on Node every Web Crypto digest is a job on
 * libuv's thread pool plus a promise, about three times the CPU of hashing a page's text in place with
 * node:crypto (src/runtime/node/sha256-hex.ts); workerd keeps the default.
 */

/**
 * The hash port: lower-case hex SHA-256 of `text` encoded as UTF-8 (a lone surrogate as U+FFFD, as
 * `TextEncoder` encodes it). May answer at once or later.
 */
export type Sha256Hex = (text: string) => string | Promise<string>;

async function digestWithWebCrypto(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Hex SHA-256 of a string, through `port` when the runtime gave one.
 * @example await sha256Hex('abc') // 'ba7816bf…'
 * @example await sha256Hex(article.text, deps.sha256)
 */
export async function sha256Hex(text: string, port?: Sha256Hex): Promise<string> {
  return port === undefined ? digestWithWebCrypto(text) : port(text);
}
