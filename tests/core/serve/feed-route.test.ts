/**
 * `answerStoredFeed` (src/core/serve/feed-route.ts) reads a feed's rendition exactly for the names
 * `parseFeedFile` accepts, however many distinct names it is asked for (it keeps a bounded memory of the names
 * it has parsed: this runs it past the bound, with names asked again after it was emptied).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerStoredFeed, parseFeedFile } from '../../../src/core/serve/feed-route.ts';
import type { FeedDefinition } from '../../../src/core/types.ts';
import { loadFixtureFeed } from '../../helpers/lede-harness.ts';

const feed = loadFixtureFeed('http://127.0.0.1:9', 'monitor');
const options = { feeds: new Map<string, FeedDefinition>([[feed.id, feed]]) };
const noHeaders = { get: () => null };

describe('answerStoredFeed', () => {
  it('reads the rendition a name designates, exactly when parseFeedFile accepts the name', () => {
    const name = fc.oneof(
      fc.constantFrom('monitor.rss', 'monitor.atom', 'monitor.json', 'monitor.xml', 'all.rss', 'Monitor.rss'),
      fc.string({ maxLength: 12 }).map((text) => `${text}.rss`),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(fc.array(name, { minLength: 1, maxLength: 400 }), (names) => {
        for (const file of names) {
          const reads: string[] = [];
          const read = (id: string, format: string) => {
            reads.push(`${id}.${format}`);
            return undefined;
          };
          // Nothing stored: no answer, whichever the name.
          expect(answerStoredFeed(options, read, { url: `/feeds/${file}`, headers: noHeaders, file })).toBeUndefined();
          const target = parseFeedFile(file);
          expect(reads).toEqual(target?.id === feed.id ? [`${target.id}.${target.format}`] : []);
        }
      }),
      { numRuns: 30 },
    );
  });
});
