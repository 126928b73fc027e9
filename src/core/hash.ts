/**
 * @module core/hash
 * SHA-256 over UTF-8 text with Web Crypto, which Node 24 and workerd both provide as `crypto.subtle`.
 * Used for entry fingerprints, body/excerpt hashes (the body itself is never stored) and ETags.
 */

/**
 * Hex SHA-256 of a string.
 * @example await sha256Hex('abc') // 'ba7816bf…'
 */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
