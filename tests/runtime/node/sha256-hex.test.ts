/**
 * The Node hash port gives the hex of the core's default (Web Crypto) for every string — stored body and
 * excerpt hashes and ETags must not change with the runtime that computed them — lone surrogates included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../src/core/hash.ts';
import { nodeSha256Hex } from '../../../src/runtime/node/sha256-hex.ts';

describe('nodeSha256Hex', () => {
  it('is the SHA-256 of the UTF-8 text, in lower-case hex', async () => {
    expect(nodeSha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256Hex('', nodeSha256Hex)).toBe(await sha256Hex(''));
  });

  it('equals the Web Crypto default for any string, lone surrogates and astral characters included', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .array(fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('\uD800', '\uDFFF', 'é', '🎉')))
          .map((parts) => parts.join('')),
        async (text) => {
          expect(await sha256Hex(text, nodeSha256Hex)).toBe(await sha256Hex(text));
        },
      ),
      { numRuns: 500 },
    );
  });
});
