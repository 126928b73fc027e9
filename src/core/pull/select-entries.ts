/**
 * @module core/pull/select-entries
 * The rules every source shape ends with: keep the source's own http(s) article links (see
 * `source-urls.ts` for "same site"), one entry per URL, newest first, at most `maxItems`.
 */
import type { SourceEntry } from '../types.ts';
import { createSameSiteCheck } from '../same-site.ts';
import { normalizeEntryUrl } from './source-urls.ts';

/** Only the fields that have a value, so entries carry no `undefined` keys or empty lists. */
export function compactEntry(entry: { [K in keyof SourceEntry]: SourceEntry[K] | undefined }): SourceEntry {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entry)) {
    if (value !== undefined && !(Array.isArray(value) && value.length === 0)) result[key] = value;
  }
  return result as unknown as SourceEntry;
}

/** The instant an entry is ordered by: when it was published, else when it last changed. */
function readSortTime(entry: SourceEntry): number | undefined {
  const iso = entry.published ?? entry.updated;
  const time = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(time) ? undefined : time;
}

/**
 * Newest first. Entries without a date keep their source order and follow the dated ones: a source
 * that gives no dates at all (a listing page) keeps its own order, which is already newest first.
 */
function sortNewestFirst(entries: SourceEntry[]): SourceEntry[] {
  const dated = entries
    .map((entry, index) => ({ entry, index, time: readSortTime(entry) }))
    .filter((item): item is { entry: SourceEntry; index: number; time: number } => item.time !== undefined)
    // Array.prototype.sort is stable (ES2019), so equal dates keep source order.
    .sort((a, b) => b.time - a.time)
    .map((item) => item.entry);
  return [...dated, ...entries.filter((entry) => readSortTime(entry) === undefined)];
}

/**
 * Normalize, filter, deduplicate, order and cut the raw entries of a source.
 *
 * @example
 * selectEntries(rawEntries, 'https://en.qazmonitor.com/rss', 50);
 */
export function selectEntries(entries: readonly SourceEntry[], sourceUrl: string, maxItems: number): SourceEntry[] {
  const seen = new Set<string>();
  const kept: SourceEntry[] = [];
  // "Same site" is a Public Suffix List lookup of both hosts; a source's links share a host or two.
  const isOwn = createSameSiteCheck([sourceUrl]);
  for (const entry of entries) {
    const url = normalizeEntryUrl(entry.url, sourceUrl);
    if (!url || seen.has(url) || !isOwn(url)) continue;
    seen.add(url);
    kept.push({ ...entry, url });
  }
  return sortNewestFirst(kept).slice(0, Math.max(0, maxItems));
}
