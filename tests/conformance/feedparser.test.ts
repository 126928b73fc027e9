/**
 * @module tests/conformance/feedparser
 * Lede's feed parser (src/core/pull/parse-feed.ts) and date reader (src/core/dates.ts) against a selection of
 * Python feedparser's cases (feedparser-*-cases.ts say which, and under which licence). A row Lede deliberately
 * reads otherwise must say why (`notFollowed`) and what Lede reads instead (`lede`), which is asserted.
 */
import { describe, expect, it } from 'vitest';
import { parseDate } from '../../src/core/dates.ts';
import { parseFeed } from '../../src/core/pull/parse-feed.ts';
import type { SourceEntry } from '../../src/core/types.ts';
import { DATE_CASES } from './feedparser-date-cases.ts';
import { buildFeed, FEED_CASES, type FeedCase } from './feedparser-feed-cases.ts';

function readField(entries: readonly SourceEntry[], field: FeedCase['field']): FeedCase['expected'] {
  if (field === 'urls') return entries.map((entry) => entry.url);
  const first = entries[0];
  if (first === undefined) return undefined;
  return field === 'categories' ? first.categories : first[field];
}

/** An instant to the second, as feedparser's time tuples give it. */
function toSecond(iso: string | undefined): string | undefined {
  return iso?.replace(/\.\d+Z$/, 'Z');
}

describe('feedparser tests/wellformed and tests/entities', () => {
  it.each(FEED_CASES.map((row) => [`${row.file} (${row.field})`, row] as const))('%s', (_, row) => {
    const { body, feedUrl } = buildFeed(row);
    const expected = row.notFollowed === undefined ? row.expected : row.lede;
    expect(readField(parseFeed(body, feedUrl), row.field)).toEqual(expected);
  });
});

describe('feedparser tests/test_date_parsers.py', () => {
  it.each(DATE_CASES.map((row) => [`${row.parser}: ${row.input || '(empty)'}`, row] as const))('%s', (_, row) => {
    const expected = row.notFollowed === undefined ? row.expected : row.lede;
    expect(toSecond(parseDate(row.input))).toBe(expected);
  });
});

describe('the rows not followed', () => {
  it('each says why, and they stay a minority', () => {
    const rows = [...FEED_CASES, ...DATE_CASES];
    const divergent = rows.filter((row) => row.notFollowed !== undefined);
    for (const row of divergent) expect(row.notFollowed).toMatch(/\w{4,}.*\w{4,}/);
    expect(divergent.length * 4).toBeLessThan(rows.length);
  });
});
