/**
 * An RSL licence a page links to itself, which robots.txt does not name: read once per run through the
 * real fetcher, and applied like the site's own licence (the stricter wins).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSiteSignalsReader, processArticle } from '../../../src/core/refresh/process-article.ts';
import type { ArticleRecord } from '../../../src/core/store.ts';
import { openHarness, type Harness } from '../../helpers/lede-harness.ts';

const PAGE_LICENSE = `<?xml version="1.0" encoding="UTF-8"?>
<rsl xmlns="https://rslstandard.org/rsl">
  <content url="/signals/own-licence"><license><prohibits type="usage">all</prohibits></license></content>
</rsl>`;

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
  // A copy of the RSL fixture page whose licence link points at a licence of its own.
  const page = await (await fetch(h.site.url('/signals/rsl'))).text();
  h.site.setFile(
    '/signals/own-licence',
    page
      .replaceAll('/signals/license.xml', '/signals/own-licence.xml')
      .replaceAll('/signals/rsl"', '/signals/own-licence"'),
    {
      contentType: 'text/html; charset=utf-8',
    },
  );
  h.site.setFile('/signals/own-licence.xml', PAGE_LICENSE, { contentType: 'application/rsl+xml; charset=utf-8' });
});
afterEach(async () => {
  await h.close();
});

const record = (url: string): ArticleRecord => ({
  feedId: 'signals',
  sourceUrl: url,
  entryHash: 'h',
  entry: { url },
  state: 'pending',
  attempts: 0,
  discoveredAt: '2025-03-12T00:00:00.000Z',
});

describe('a page’s own RSL licence', () => {
  it('forbids quoting when it prohibits all use for the page, and is read once per run', async () => {
    const feed = h.feeds.get('signals')!;
    const readSite = createSiteSignalsReader(h.deps);
    const first = await processArticle(h.deps, feed, record(h.site.url('/signals/own-licence')), readSite);
    expect(first.state).toBe('ready');
    expect(first.item?.excerpt.words).toBe(0);
    expect(first.audit?.signals.usageForbidden).toBe(true);
    expect(first.audit?.signals.seen).toContain(
      `RSL ${h.site.url('/signals/own-licence.xml')} /signals/own-licence: prohibits all`,
    );
    await processArticle(h.deps, feed, record(h.site.url('/signals/own-licence')), readSite);
    expect(h.site.hits.get('/signals/own-licence.xml')).toBe(1);
  });

  it('is recorded and forbids nothing when it cannot be read', async () => {
    h.site.fail('/signals/own-licence.xml', 500);
    const next = await processArticle(h.deps, h.feeds.get('signals')!, record(h.site.url('/signals/own-licence')));
    expect(next.item?.excerpt.words).toBeGreaterThan(0);
    expect(
      next.audit?.signals.seen.some((line) =>
        line.startsWith(`RSL ${h.site.url('/signals/own-licence.xml')}: not read`),
      ),
    ).toBe(true);
  });
});
