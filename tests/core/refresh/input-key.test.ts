/**
 * The input key tells inputs apart exactly as the key it replaced did, which hashed the inputs written as one
 * JSON text (session 20): two sets of records get the same key when, and only when, that JSON is the same — in
 * particular when paragraphs trade characters across their boundary, hold lone surrogates (which UTF-8 writes as
 * U+FFFD), or when records lack an item. Its items part tells apart lists of item ids, and only those.
 */
import { hash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeInputKey, namesOtherItems } from '../../../src/core/refresh/input-key.ts';
import { RENDER_VERSION } from '../../../src/core/render/render-feed.ts';
import type { ArticleRecord } from '../../../src/core/store.ts';
import type { FeedDefinition } from '../../../src/core/types.ts';
import { text } from '../../helpers/render-arbitraries.ts';

/** The port as Node's runtime gives it: UTF-8, a lone surrogate as U+FFFD. */
const sha256 = (value: string) => hash('sha256', value);

const FEED = { id: 'news', title: 'News', site: 'https://example.com/' } as unknown as FeedDefinition;

/** The JSON the previous key hashed: equal JSON, equal inputs. */
function describedBefore(records: readonly ArticleRecord[], hub?: string): string {
  const inputs = records.map(({ sourceUrl, item, audit, excerptHash }) => [sourceUrl, item, audit, excerptHash]);
  return JSON.stringify([RENDER_VERSION, FEED, 'https://lede.example', hub ?? null, inputs]);
}

/** A small alphabet of what makes boundaries and encodings tricky, so that generated pairs often collide. */
const piece = fc.oneof(
  fc.constantFrom('', 'a', 'ab', '\n', '"', '\\', '\uD800', '\uDC00', '\uFFFD', '\uD83D\uDE00', 'é'),
  text,
);
const paragraphs = fc.array(
  fc.array(piece, { maxLength: 3 }).map((parts) => parts.join('')),
  { maxLength: 3 },
);

function record(sourceUrl: string, paras: readonly string[] | undefined): ArticleRecord {
  const item =
    paras === undefined
      ? undefined
      : { id: sourceUrl, excerpt: { paragraphs: paras, words: paras.length, share: 0.3, articleWords: 9 } };
  return { sourceUrl, excerptHash: 'h', ...(item && { item }) } as unknown as ArticleRecord;
}

const records = fc
  .array(fc.option(paragraphs, { nil: undefined }), { maxLength: 3 })
  .map((list) => list.map((paras, index) => record(`https://example.com/${String(index)}`, paras)));

async function key(list: readonly ArticleRecord[], hub?: string): Promise<string> {
  return computeInputKey(FEED, 'https://lede.example', hub, list, sha256);
}

describe('computeInputKey', () => {
  it('gives two sets of records the same key exactly when their inputs are the same', async () => {
    await fc.assert(
      fc.asyncProperty(records, records, async (a, b) => {
        expect((await key(a)) === (await key(b))).toBe(describedBefore(a) === describedBefore(b));
      }),
      { numRuns: 2000 },
    );
  });

  it('tells apart the same text cut into other paragraphs, and the same records but one paragraph', async () => {
    const cut = fc.tuple(paragraphs, fc.array(fc.nat(), { maxLength: 3 }));
    await fc.assert(
      fc.asyncProperty(cut, async ([paras, cuts]) => {
        const joined = paras.join('');
        const at = [...new Set(cuts.map((n) => n % (joined.length + 1)))].sort((x, y) => x - y);
        const recut = [0, ...at].map((start, i) => joined.slice(start, at[i] ?? joined.length));
        const a = [record('u', paras)];
        const b = [record('u', recut)];
        expect((await key(a)) === (await key(b))).toBe(describedBefore(a) === describedBefore(b));
        const fewer = [record('u', paras.slice(1))];
        expect((await key(a)) === (await key(fewer))).toBe(describedBefore(a) === describedBefore(fewer));
      }),
      { numRuns: 1000 },
    );
  });

  it('tells apart paragraphs that trade characters, lone surrogates from U+FFFD, and no item from none', async () => {
    const cases: (readonly string[] | undefined)[][] = [
      [['ab', 'c']],
      [['a', 'bc']],
      [['abc']],
      [['\uD800']],
      [['\uFFFD']],
      [['\uD800\uDC00']],
      [['\uD800', '\uDC00']],
      [[]],
      [['']],
      [undefined],
      [undefined, ['a']],
      [['a'], undefined],
    ];
    const keys = await Promise.all(cases.map((list) => key(list.map((paras, i) => record(`u${String(i)}`, paras)))));
    expect(new Set(keys).size).toBe(cases.length);
  });

  it('is the items part, a colon and a 64-digit hex, and changes with the hub', async () => {
    const list = [record('u', ['a'])];
    expect(await key(list)).toMatch(/^[0-9a-f]{16}:[0-9a-f]{64}$/);
    expect(await key(list, 'https://hub.example/')).not.toBe(await key(list));
  });
});

describe('namesOtherItems', () => {
  it('is true exactly when two keys name different lists of item ids', async () => {
    await fc.assert(
      fc.asyncProperty(records, records, async (a, b) => {
        const ids = (list: readonly ArticleRecord[]) => JSON.stringify(list.map((one) => one.item?.id ?? null));
        expect(namesOtherItems(await key(a), await key(b))).toBe(ids(a) !== ids(b));
      }),
      { numRuns: 500 },
    );
  });

  it('says nothing of a key without an items part (one stored before keys had it)', async () => {
    const current = await key([record('u', ['a'])]);
    expect(namesOtherItems('f'.repeat(64), current)).toBe(false);
    expect(namesOtherItems(undefined, current)).toBe(false);
    expect(namesOtherItems('an older construction', current)).toBe(false);
  });
});
