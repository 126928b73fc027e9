/**
 * @module runtime/node/sha256-hex
 * The core's hash port (`Sha256Hex`, src/core/hash.ts) on Node: node:crypto hashes the text in place,
 * synchronously, where Web Crypto would queue a thread-pool job and a promise per digest; its one-shot `hash`
 * (Node ≥ 21.7) skips the Hash object `createHash` makes (≈ 15.3 against 16.8 µs a 9 KB body). Node encodes a
 * lone surrogate as U+FFFD as `TextEncoder` does, so the hex is the same (tests/runtime/node/sha256-hex.test.ts).
 */
import { hash } from 'node:crypto';
import type { Sha256Hex } from '../../core/hash.ts';

/**
 * Lower-case hex SHA-256 of `text` in UTF-8.
 * @example nodeSha256Hex('abc') // 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 */
export const nodeSha256Hex: Sha256Hex = (text) => hash('sha256', text, 'hex');
