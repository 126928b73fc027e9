/**
 * @module tests/store-conformance-records
 * Builders for the records the Store conformance suite (tests/store-conformance.ts) writes: minimal by
 * default, with overrides for what a test is about, and Kazakh/emoji text for the unicode cases.
 */
import type { FeedItem, SourceEntry } from '../../src/core/types.ts';
import type { ArticleRecord, ItemAudit, RefreshReport, Rendition } from '../../src/core/store.ts';

export const KAZAKH = 'Қазақстан жаңалықтары: әңгіме, ғылым, қала, ңғ, өнер, ұлт, үміт, һәм і';
export const EMOJI = '👩‍👩‍👧‍👦 🇰🇿 🐎 ✍🏽 𝕃𝕖𝕕𝕖';

export function newFeedId(name: string): string {
  return `${name}-${crypto.randomUUID()}`;
}

export function makeEntry(url: string, extra: Partial<SourceEntry> = {}): SourceEntry {
  return { url, ...extra };
}

export function makeItem(url: string, published: string, extra: Partial<FeedItem> = {}): FeedItem {
  return {
    id: url,
    url,
    title: `Title of ${url}`,
    published,
    updated: published,
    categories: [],
    excerpt: { paragraphs: ['First paragraph…'], words: 2, articleWords: 10, share: 0.2 },
    ...extra,
  };
}

export function makeRecord(feedId: string, sourceUrl: string, extra: Partial<ArticleRecord> = {}): ArticleRecord {
  return {
    feedId,
    sourceUrl,
    entryHash: `hash-of-${sourceUrl}`,
    entry: makeEntry(sourceUrl),
    state: 'pending',
    attempts: 0,
    discoveredAt: '2025-01-01T00:00:00.000Z',
    ...extra,
  };
}

/** A ready record whose item is published at `published`. */
export function makeReady(feedId: string, sourceUrl: string, published: string, discoveredAt: string): ArticleRecord {
  return makeRecord(feedId, sourceUrl, { state: 'ready', discoveredAt, item: makeItem(sourceUrl, published) });
}

/** An audit trail with a stricter-than-licence policy and signals, Kazakh text included. */
export function makeAudit(extra: Partial<ItemAudit> = {}): ItemAudit {
  return {
    articleWords: 10,
    excerptWords: 2,
    share: 0.2,
    policy: {
      maxShare: 0.3,
      maxWords: 100,
      maxChars: 160,
      titleOnly: false,
      images: 'credited',
      reasons: ['max-snippet:160: at most 160 characters of text'],
    },
    signals: {
      nosnippet: false,
      maxSnippet: 160,
      noarchive: true,
      tdmReserved: false,
      paywalled: false,
      robotsDisallowed: false,
      usageForbidden: false,
      contentUsage: 'train-ai=n',
      seen: [`meta robots: max-snippet:160 — ${KAZAKH}`],
    },
    ...extra,
  };
}

export function makeReport(feedId: string): RefreshReport {
  return {
    feedId,
    startedAt: '2025-03-01T10:00:00.000Z',
    finishedAt: '2025-03-01T10:00:07.250Z',
    ok: false,
    discovered: 12,
    fetched: 9,
    unchanged: 1,
    pending: 1,
    failed: 1,
    changed: true,
    errors: [{ url: 'https://example.kz/a/1', code: 'http-status', message: `HTTP 503 — ${KAZAKH}` }],
  };
}

export function makeRendition(feedId: string, extra: Partial<Rendition> = {}): Rendition {
  return {
    feedId,
    format: 'atom',
    body: '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"/>',
    etag: '"sha256-abc"',
    lastModified: '2025-03-01T10:00:07.000Z',
    ...extra,
  };
}

/** A string of at least `bytes` UTF-8 bytes mixing ASCII, Cyrillic and astral characters. */
export function makeLargeText(bytes: number): string {
  const unit = `<p>${KAZAKH} ${EMOJI} &amp; "quotes" 'apostrophes'</p>\n`;
  const unitBytes = new TextEncoder().encode(unit).length;
  return unit.repeat(Math.ceil(bytes / unitBytes));
}
