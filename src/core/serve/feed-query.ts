/**
 * @module core/serve/feed-query
 * The query parameters of a feed URL — `limit`, `after` (the paging cursor), `category`, `q`, `since` — parsed
 * once into a `FeedQuery`, and the predicates and order the feed variants are cut by. Pure: the variant
 * route (feed-variant.ts) reads the store; this only decides.
 *
 * The cursor is keyset, not an offset (RFC 5005 §3 leaves its form to the server): it names the last item a
 * reader saw by its place in the published order, so items a refresh adds between two requests — newer ones
 * above it, or older ones anywhere — never make the next page repeat or skip one. It is opaque to clients
 * (base64url of JSON, RFC 4648 §5), and refused with 400 when it does not decode to a key.
 */
import type { PublishedKey } from '../store.ts';
import type { FeedItem } from '../types.ts';

/** The parameters a feed URL understands, in the order a canonical variant URL writes them. */
export const FEED_QUERY_PARAMETERS = ['limit', 'category', 'q', 'since', 'after'] as const;

type FeedQueryParameter = (typeof FEED_QUERY_PARAMETERS)[number];

/** An item's place in the order of every feed variant: the store's published order, then the feed's id. */
export interface ItemKey extends PublishedKey {
  readonly feedId: string;
}

export interface FeedQuery {
  /** Items per page, 1…maxItems; absent: maxItems. */
  readonly limit?: number;
  /** Only items after this one (the previous page's last). */
  readonly after?: ItemKey;
  /** Folded (`foldText`): an item matches when one of its categories folds to it. */
  readonly category?: string;
  /** Folded: an item matches when its title or excerpt text, folded, contains it. */
  readonly q?: string;
  /** Epoch milliseconds: only items published at or after it. */
  readonly since?: number;
}

export type FeedQueryResult =
  | { readonly ok: true; readonly query: FeedQuery }
  | { readonly ok: false; readonly parameter: string; readonly reason: string };

const MAX_TEXT = 200;
const MAX_CURSOR = 2048;
/** ISO 8601 calendar date, optionally with a time (seconds and fraction optional) and a zone. */
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * Text as the filters compare it: compatibility-normalised (NFKC: `ﬁ` is `fi`, full-width `Ａ` is `A`) and
 * lower-cased by Unicode's full case mapping, not ASCII's, so `Қазақстан` matches `ҚАЗАҚСТАН`.
 * The root locale ('und') makes it the same on every runtime, whatever the host's default locale.
 * @example foldText('ＡЛМАТЫ') // 'алматы'
 */
export function foldText(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase('und').normalize('NFKC');
}

function encodeBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function decodeBase64Url(text: string): string {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/**
 * The opaque cursor of the page after `key`.
 * @example encodeCursor({ published: '2025-02-18T06:00:00.000Z', discoveredAt: '…', feedId: 'monitor', sourceUrl: 'https://…' })
 */
export function encodeCursor(key: ItemKey): string {
  return encodeBase64Url(JSON.stringify([key.published, key.discoveredAt, key.feedId, key.sourceUrl]));
}

/**
 * The key a cursor names, or `undefined` when it is not one `encodeCursor` could have written.
 * @example decodeCursor(encodeCursor(key)) // key
 */
export function decodeCursor(cursor: string): ItemKey | undefined {
  if (cursor.length > MAX_CURSOR || !BASE64URL.test(cursor)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(decodeBase64Url(cursor));
  } catch {
    return undefined;
  }
  if (!Array.isArray(value) || value.length !== 4) return undefined;
  const [published, discoveredAt, feedId, sourceUrl] = value as unknown[];
  if (published !== null && (typeof published !== 'string' || Number.isNaN(Date.parse(published)))) return undefined;
  if (typeof discoveredAt !== 'string' || typeof feedId !== 'string' || typeof sourceUrl !== 'string') return undefined;
  return { published, discoveredAt, feedId, sourceUrl };
}

/** Text order by UTF-16 code units, as `<` compares; the keys' texts (ISO instants, ids, URLs) are ASCII. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The order of every variant, newest first: published (none last), discovered, then feed id and source URL
 * ascending — `ORDER BY published DESC, discovered_at DESC, source_url` of the store within one feed.
 * @example entries.sort((a, b) => compareItemKeys(a.key, b.key))
 */
export function compareItemKeys(a: ItemKey, b: ItemKey): number {
  if (a.published !== b.published) {
    if (a.published === null) return 1;
    if (b.published === null) return -1;
    return compareText(b.published, a.published);
  }
  return (
    compareText(b.discoveredAt, a.discoveredAt) ||
    compareText(a.feedId, b.feedId) ||
    compareText(a.sourceUrl, b.sourceUrl)
  );
}

/**
 * Where to start reading one feed's records for a cursor that may name another feed's item: ties on
 * (published, discovered) are after the cursor for a feed that sorts after the cursor's, before it otherwise.
 * @example startAfter(cursor, 'monitor') // the PublishedKey for store.listPublishedAfter
 */
export function startAfter(cursor: ItemKey, feedId: string): PublishedKey {
  const { published, discoveredAt } = cursor;
  if (feedId === cursor.feedId) return { published, discoveredAt, sourceUrl: cursor.sourceUrl };
  // '' is before every URL (all ties follow); U+10FFFF after every one (no tie follows).
  return { published, discoveredAt, sourceUrl: feedId > cursor.feedId ? '' : '\u{10FFFF}' };
}

/**
 * Whether an item passes the query's filters (not its paging).
 * @example matchesFilters(item, { q: foldText('Tenge') })
 */
export function matchesFilters(item: FeedItem, query: FeedQuery): boolean {
  if (query.since !== undefined && !(Date.parse(item.published) >= query.since)) return false;
  if (query.category !== undefined && !item.categories.some((category) => foldText(category.trim()) === query.category))
    return false;
  if (query.q !== undefined) {
    const text = foldText([item.title, ...item.excerpt.paragraphs].join('\n'));
    if (!text.includes(query.q)) return false;
  }
  return true;
}

type Parsed<T> = { readonly value: T } | { readonly reason: string };

function parseLimit(text: string, maxItems: number): Parsed<number> {
  const limit = /^[1-9]\d{0,5}$/.test(text) ? Number(text) : Number.NaN;
  return limit >= 1 && limit <= maxItems
    ? { value: limit }
    : { reason: `must be a whole number from 1 to ${maxItems}` };
}

function parseSince(text: string): Parsed<number> {
  // A '+' of an offset arrives as a space when the client did not percent-encode it (application/x-www-form-urlencoded).
  const iso = text.replace(' ', '+');
  if (!ISO_8601.test(iso)) return { reason: 'must be an ISO 8601 date or date-time, e.g. 2025-02-01T00:00:00Z' };
  // A date-time without a zone is read as UTC, not as the host's local time, so both runtimes agree.
  const zoned = iso.length > 10 && !/(Z|[+-]\d{2}:\d{2})$/.test(iso) ? `${iso}Z` : iso;
  const time = Date.parse(zoned);
  return Number.isNaN(time) ? { reason: 'is not a valid date' } : { value: time };
}

function parseText(text: string): Parsed<string> {
  const folded = foldText(text.trim());
  if (folded === '') return { reason: 'must not be empty' };
  return folded.length > MAX_TEXT ? { reason: `must be at most ${MAX_TEXT} characters` } : { value: folded };
}

function parseAfter(text: string): Parsed<ItemKey> {
  const key = decodeCursor(text);
  return key ? { value: key } : { reason: 'is not a cursor this server wrote (use the next link of a page)' };
}

const PARSERS: { readonly [P in FeedQueryParameter]: (text: string, maxItems: number) => Parsed<unknown> } = {
  limit: parseLimit,
  category: parseText,
  q: parseText,
  since: parseSince,
  after: parseAfter,
};

/**
 * Whether a URL asks for a variant: it has one of the feed parameters (others, say a reader's cache buster,
 * are ignored, and the plain feed is served).
 * @example hasFeedQuery(new URL('http://x/feeds/a.rss?limit=2').searchParams) // true
 */
export function hasFeedQuery(params: URLSearchParams): boolean {
  return FEED_QUERY_PARAMETERS.some((name) => params.has(name));
}

/**
 * Parse a feed URL's parameters; the first bad one is named with the reason, for a 400.
 * @example parseFeedQuery(new URLSearchParams('limit=0'), 50) // { ok: false, parameter: 'limit', reason: '…' }
 */
export function parseFeedQuery(params: URLSearchParams, maxItems: number): FeedQueryResult {
  const query: Record<string, unknown> = {};
  for (const name of FEED_QUERY_PARAMETERS) {
    const values = params.getAll(name);
    if (values.length === 0) continue;
    if (values.length > 1) return { ok: false, parameter: name, reason: 'must be given at most once' };
    const parsed = PARSERS[name](values[0] ?? '', maxItems);
    if ('reason' in parsed) return { ok: false, parameter: name, reason: parsed.reason };
    query[name] = parsed.value;
  }
  return { ok: true, query: query };
}
