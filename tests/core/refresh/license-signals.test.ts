/**
 * End to end on Node's real parts: the fixture site's Signals Gazette (one article per publisher signal,
 * robots.txt, tdmrep.json, an RSL licence) → undici → extract → resolvePolicy → licence → render →
 * SQLite. What each signal does to the published item, combined with the configured licence.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countExcerptChars } from '../../../src/core/license/build-excerpt.ts';
import { describeTitleOnlyReason } from '../../../src/core/render/item-text.ts';
import { refreshFeed } from '../../../src/core/refresh/refresh-feed.ts';
import type { FeedDefinition, FeedItem, TitleOnlyReason } from '../../../src/core/types.ts';
import type { ArticleRecord } from '../../../src/core/store.ts';
import {
  assertValidAtom,
  assertValidJsonFeed,
  assertValidRss,
  findBacklink,
  htmlToText,
} from '../../helpers/feed-validity.ts';
import { loadFixtureFeed, openHarness, PUBLIC_URL, type Harness } from '../../helpers/lede-harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(async () => {
  await h.close();
});

/** The signals feed with its licence overridden (the whole article by default, so only signals hold items back). */
function signalsFeed(license: Record<string, unknown> = {}): FeedDefinition {
  return loadFixtureFeed(h.site.origin, 'signals', {
    license: { maxShare: 1, attribution: 'Signals Gazette', ...license },
  });
}

async function refreshSignals(feed: FeedDefinition): Promise<Map<string, ArticleRecord>> {
  const report = await refreshFeed(h.deps, feed, { publicUrl: PUBLIC_URL });
  expect(report).toMatchObject({ ok: true, pending: 0, failed: 0 });
  const records = await h.store.listPublished('signals', 50);
  return new Map(records.map((record) => [new URL(record.sourceUrl).pathname, record]));
}

const TITLE_ONLY: [string, TitleOnlyReason][] = [
  ['/signals/nosnippet', 'nosnippet'],
  ['/signals/x-robots-tag', 'nosnippet'],
  ['/signals/tdm-meta', 'tdm-reserved'],
  ['/signals/tdm/reserved', 'tdm-reserved'],
  ['/signals/paywalled', 'paywalled'],
  ['/signals/rsl', 'usage-forbidden'],
  ['/signals/private/lede-only', 'robots-disallowed'],
];

function expectTitleAndBacklinkOnly(item: FeedItem): void {
  expect(item.excerpt.paragraphs).toEqual([]);
  expect(item.image).toBeUndefined();
}

describe('publisher signals on the published item', () => {
  it.each(TITLE_ONLY)('%s → title and backlink only (%s), with the reason in the audit trail', async (path, reason) => {
    const record = (await refreshSignals(signalsFeed())).get(path);
    expectTitleAndBacklinkOnly(record!.item!);
    expect(record!.item!.title.length).toBeGreaterThan(0);
    expect(record!.audit!.policy).toMatchObject({ titleOnly: true });
    expect(record!.audit!.policy.reasons).toContainEqual(expect.stringMatching(new RegExp(`^${reason}`)));
    expect(record!.audit!.signals.seen.length).toBeGreaterThan(0);
  });

  it('never fetches a page robots.txt disallows for Lede, and links to it with the source entry’s title', async () => {
    const records = await refreshSignals(signalsFeed());
    expect(h.site.hits.get('/signals/private/lede-only') ?? 0).toBe(0);
    expect(h.site.hits.get('/robots.txt')).toBe(1);
    const record = records.get('/signals/private/lede-only')!;
    expect(record.item!.url).toBe(h.site.url('/signals/private/lede-only'));
    expect(record.item!.title).toBe(record.entry.title);
    expect(record.bodyHash).toBeUndefined();
    expect(record.audit).toMatchObject({ articleWords: 0, excerptWords: 0 });
  });

  it('max-snippet:120 → at most 120 characters of text, cut at a boundary', async () => {
    const item = (await refreshSignals(signalsFeed())).get('/signals/max-snippet')!.item!;
    expect(item.excerpt.words).toBeGreaterThan(0);
    expect(countExcerptChars(item.excerpt.paragraphs)).toBeLessThanOrEqual(120);
  });

  it('data-nosnippet sections and paywalled parts are never quoted, even when the licence allows the whole article', async () => {
    const records = await refreshSignals(signalsFeed());
    const notes = records.get('/signals/data-nosnippet')!.item!.excerpt.paragraphs.join(' ');
    expect(notes).toContain('Volunteers spent two years');
    expect(notes).not.toContain('private notes');
    const premium = records.get('/signals/paywalled-part')!.item!.excerpt.paragraphs.join(' ');
    expect(premium.length).toBeGreaterThan(0);
    expect(premium).not.toMatch(/Subscribers read here|reserved for subscribers/);
  });

  it('noarchive and a quiet page keep their excerpts; noarchive is recorded', async () => {
    const records = await refreshSignals(signalsFeed({ maxShare: 0.3 }));
    for (const path of ['/signals/noarchive', '/signals/plain']) {
      const { item, audit } = records.get(path)!;
      expect(item!.excerpt.words).toBeGreaterThan(0);
      expect(item!.excerpt.words).toBeLessThanOrEqual(Math.floor(0.3 * audit!.articleWords));
    }
    expect(records.get('/signals/noarchive')!.audit!.policy.reasons).toEqual([expect.stringMatching(/^noarchive/)]);
  });

  it('an explicit licence overrides a TDM reservation, but not nosnippet, a paywall or robots.txt', async () => {
    const records = await refreshSignals(signalsFeed({ explicit: true, maxShare: 0.3 }));
    for (const path of ['/signals/tdm-meta', '/signals/tdm/reserved'])
      expect(records.get(path)!.item!.excerpt.words).toBeGreaterThan(0);
    for (const path of ['/signals/nosnippet', '/signals/paywalled', '/signals/private/lede-only'])
      expectTitleAndBacklinkOnly(records.get(path)!.item!);
  });

  it('the combined limit is the strictest: maxWords under max-snippet', async () => {
    const item = (await refreshSignals(signalsFeed({ maxWords: 5 }))).get('/signals/max-snippet')!.item!;
    expect(item.excerpt.words).toBeLessThanOrEqual(5);
    expect(countExcerptChars(item.excerpt.paragraphs)).toBeLessThanOrEqual(120);
  });

  it('renders every item, title-only ones included, valid in all three formats with the backlink', async () => {
    await refreshSignals(signalsFeed());
    for (const [format, validate] of [
      ['rss', assertValidRss],
      ['atom', assertValidAtom],
      ['json', assertValidJsonFeed],
    ] as const) {
      const feed = validate((await h.store.getRendition('signals', format))!.body);
      expect(feed.items).toHaveLength(12);
      for (const item of feed.items) {
        expect(findBacklink(item.html)).toEqual({ href: item.link, text: 'Signals Gazette' });
        const titleOnly = TITLE_ONLY.find(([path]) => new URL(item.link).pathname === path);
        // Nothing of the article: only Lede's own sentence saying why, in the feed's language.
        if (titleOnly)
          expect(htmlToText(item.html, { dropBacklink: true })).toBe(describeTitleOnlyReason(titleOnly[1], 'en'));
        else expect(htmlToText(item.html, { dropBacklink: true })).not.toBe('');
      }
    }
  });
});
