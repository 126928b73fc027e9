/**
 * Non-HTML article pages are refused with `bad-content-type` (core/pull/check-article-type), against the
 * fixture site's `/typed/{kind}` routes through the real Node fetcher; and a refresh records the refusal
 * on the article like any other fetch failure.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LedeError } from '../../../src/core/errors.ts';
import { checkArticleType } from '../../../src/core/pull/check-article-type.ts';
import { processArticle } from '../../../src/core/refresh/process-article.ts';
import type { ArticleRecord } from '../../../src/core/store.ts';
import { openHarness, type Harness } from '../../helpers/lede-harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterEach(() => h.site.reset());
afterAll(async () => {
  await h.close();
});

async function checkTyped(kind: string): Promise<LedeError | undefined> {
  const page = await h.deps.fetchPage({ url: h.site.url(`/typed/${kind}`) });
  if (page.status !== 'ok') throw new Error(`expected ok for ${kind}`);
  try {
    checkArticleType(page.url, page.contentType, page.body);
    return undefined;
  } catch (error) {
    if (error instanceof LedeError) return error;
    throw error;
  }
}

describe('checkArticleType on the fixture site', () => {
  it.each(['xhtml', 'none'])('accepts /typed/%s as HTML', async (kind) => {
    expect(await checkTyped(kind)).toBeUndefined();
  });

  it.each([
    ['pdf', 'is application/pdf'],
    ['json', 'is application/json'],
    ['image', 'is image/png'],
    ['text', 'is text/plain'],
    ['none-text', 'of no declared type and does not look like HTML'],
  ])('refuses /typed/%s with bad-content-type', async (kind, reason) => {
    const error = await checkTyped(kind);
    expect(error?.code).toBe('bad-content-type');
    expect(error?.message).toBe(`${h.site.url(`/typed/${kind}`)} ${reason}, not an HTML page: not extracted`);
  });

  it('accepts text/html with parameters, whatever the case', () => {
    expect(() => checkArticleType('https://ex.com/a', 'Text/HTML; charset=UTF-8', '')).not.toThrow();
  });
});

describe('processArticle and a non-HTML page', () => {
  it('records bad-content-type on the article and counts the attempt, as for other fetch failures', async () => {
    const sourceUrl = h.site.url('/typed/pdf');
    const record: ArticleRecord = {
      feedId: 'monitor',
      sourceUrl,
      entryHash: 'typed',
      entry: { url: sourceUrl, title: 'A report' },
      state: 'pending',
      attempts: 0,
      discoveredAt: '2025-03-12T11:00:00.000Z',
    };
    const next = await processArticle(h.deps, h.feeds.get('monitor')!, record);
    expect(next.state).toBe('pending');
    expect(next.attempts).toBe(1);
    expect(next.item).toBeUndefined();
    expect(next.error).toEqual({
      code: 'bad-content-type',
      message: `${sourceUrl} is application/pdf, not an HTML page: not extracted`,
    });
  });
});
