/**
 * @module store/rows
 * The one mapping between Lede's records (src/core/store.ts) and table rows (migrations/*.sql), shared by
 * every backend. Scalar fields get their own columns (so SQL can filter and order on them); nested
 * shapes (entry, item, error, report) are JSON text. An absent optional field is SQL NULL, and a NULL
 * column comes back as an absent key — never as `undefined` — so records round-trip exactly.
 */
import { FEED_FORMATS } from '../core/feed-formats.ts';
import type { EffectivePolicy, FeedItem, PublisherSignals, SourceEntry } from '../core/types.ts';
import type { SiteSignals } from '../core/signal-records.ts';
import type {
  ArticleRecord,
  ArticleState,
  CachedSiteSignals,
  FeedState,
  ItemAudit,
  Rendition,
  RefreshReport,
  Takedown,
} from '../core/store.ts';
import { toPublishedSortKey } from '../core/store.ts';

/** What every backend can bind as a parameter and returns from a TEXT/INTEGER column. */
export type SqlValue = string | number | null;

/** One statement with its parameters (a driver's `batch`). */
export interface SqlStatement {
  readonly sql: string;
  readonly params: readonly SqlValue[];
}

/** A result row as a driver returns it: column name → value. */
export type Row = Readonly<Record<string, unknown>>;

export const FEED_STATE_COLUMNS = [
  'feed_id',
  'source_etag',
  'source_last_modified',
  'last_refresh_at',
  'last_success_at',
  'last_report',
  'source_not_before',
  'hub_pending',
  'consecutive_failures',
  'retry_not_before',
] as const;

export const ARTICLE_COLUMNS = [
  'feed_id',
  'source_url',
  'entry_hash',
  'entry',
  'state',
  'attempts',
  'discovered_at',
  'fetched_at',
  'etag',
  'last_modified',
  'body_hash',
  'excerpt_hash',
  'item',
  'published',
  'error',
  'article_words',
  'excerpt_words',
  'share',
  'policy',
  'signals',
] as const;

export const TAKEDOWN_COLUMNS = ['feed_id', 'taken_down_at', 'reason'] as const;

export const SITE_SIGNALS_COLUMNS = ['origin', 'signals', 'fetched_at'] as const;

export const RENDITION_COLUMNS = ['feed_id', 'format', 'body', 'etag', 'last_modified', 'input_key'] as const;

/** The validator columns, read without `body` so a 304 never loads the rendered bytes. */
export const VALIDATOR_COLUMNS = ['feed_id', 'format', 'etag', 'last_modified', 'input_key'] as const;

type Columns<C extends readonly string[]> = { readonly [K in C[number]]: SqlValue };

const ARTICLE_STATES: readonly ArticleState[] = ['pending', 'ready', 'failed'];

function readText(row: Row, column: string): string {
  const value = row[column];
  if (typeof value !== 'string') throw new TypeError(`column ${column}: expected text, got ${typeof value}`);
  return value;
}

/** `{ [key]: value }` when the column holds text, `{}` when it is NULL: spread into a record literal. */
function pickText<K extends string>(row: Row, column: string, key: K): { [P in K]?: string } {
  const value = row[column];
  if (value === null || value === undefined) return {};
  if (typeof value !== 'string') throw new TypeError(`column ${column}: expected text, got ${typeof value}`);
  return { [key]: value } as { [P in K]?: string };
}

/** Like `pickText`, for JSON columns. The JSON was written by `encode*` below, so it is trusted. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- T: the type encode* wrote
function pickJson<K extends string, T>(row: Row, column: string, key: K): { [P in K]?: T } {
  const text = pickText(row, column, 'json').json;
  return text === undefined ? {} : ({ [key]: JSON.parse(text) as T } as { [P in K]?: T });
}

/** Like `pickText`, for INTEGER columns (node:sqlite gives a number, or a bigint when told to; D1 a number). */
function pickCount<K extends string>(row: Row, column: string, key: K): { [P in K]?: number } {
  const value = row[column];
  if (value === null || value === undefined) return {};
  if (typeof value !== 'number' && typeof value !== 'bigint')
    throw new TypeError(`column ${column}: expected an integer, got ${typeof value}`);
  return { [key]: Number(value) } as { [P in K]?: number };
}

function readOneOf<T extends string>(row: Row, column: string, allowed: readonly T[]): T {
  const value = readText(row, column);
  const match = allowed.find((candidate) => candidate === value);
  if (match === undefined) throw new TypeError(`column ${column}: unexpected value ${JSON.stringify(value)}`);
  return match;
}

function orNull(value: string | undefined): SqlValue {
  return value ?? null;
}

function toJsonOrNull(value: unknown): SqlValue {
  return value === undefined ? null : JSON.stringify(value);
}

export function encodeFeedState(state: FeedState): Columns<typeof FEED_STATE_COLUMNS> {
  return {
    feed_id: state.feedId,
    source_etag: orNull(state.sourceEtag),
    source_last_modified: orNull(state.sourceLastModified),
    last_refresh_at: orNull(state.lastRefreshAt),
    last_success_at: orNull(state.lastSuccessAt),
    last_report: toJsonOrNull(state.lastReport),
    source_not_before: orNull(state.sourceNotBefore),
    hub_pending: toJsonOrNull(state.hubPending),
    consecutive_failures: state.consecutiveFailures ?? null,
    retry_not_before: orNull(state.retryNotBefore),
  };
}

export function decodeFeedState(row: Row): FeedState {
  return {
    feedId: readText(row, 'feed_id'),
    ...pickText(row, 'source_etag', 'sourceEtag'),
    ...pickText(row, 'source_last_modified', 'sourceLastModified'),
    ...pickText(row, 'last_refresh_at', 'lastRefreshAt'),
    ...pickText(row, 'last_success_at', 'lastSuccessAt'),
    ...pickJson<'lastReport', RefreshReport>(row, 'last_report', 'lastReport'),
    ...pickText(row, 'source_not_before', 'sourceNotBefore'),
    ...pickJson<'hubPending', readonly string[]>(row, 'hub_pending', 'hubPending'),
    ...pickCount(row, 'consecutive_failures', 'consecutiveFailures'),
    ...pickText(row, 'retry_not_before', 'retryNotBefore'),
  };
}

export function encodeArticle(record: ArticleRecord): Columns<typeof ARTICLE_COLUMNS> {
  return {
    feed_id: record.feedId,
    source_url: record.sourceUrl,
    entry_hash: record.entryHash,
    entry: JSON.stringify(record.entry),
    state: record.state,
    attempts: record.attempts,
    discovered_at: record.discoveredAt,
    fetched_at: orNull(record.fetchedAt),
    etag: orNull(record.etag),
    last_modified: orNull(record.lastModified),
    body_hash: orNull(record.bodyHash),
    excerpt_hash: orNull(record.excerptHash),
    item: toJsonOrNull(record.item),
    // The page's date wins over the source's: it is what the item shows (FeedItem.published).
    published: toPublishedSortKey(record.item?.published ?? record.entry.published),
    error: toJsonOrNull(record.error),
    article_words: record.audit?.articleWords ?? null,
    excerpt_words: record.audit?.excerptWords ?? null,
    share: record.audit?.share ?? null,
    policy: toJsonOrNull(record.audit?.policy),
    signals: toJsonOrNull(record.audit?.signals),
  };
}

/** The audit columns back as one `ItemAudit`, or `{}` when the record has none (written before 0003). */
function pickAudit(row: Row): { audit?: ItemAudit } {
  const { policy } = pickJson<'policy', EffectivePolicy>(row, 'policy', 'policy');
  const { signals } = pickJson<'signals', PublisherSignals>(row, 'signals', 'signals');
  if (policy === undefined || signals === undefined || row['article_words'] == null) return {};
  const [articleWords, excerptWords, share] = ['article_words', 'excerpt_words', 'share'].map((column) =>
    Number(row[column] ?? 0),
  );
  return {
    audit: { articleWords: articleWords ?? 0, excerptWords: excerptWords ?? 0, share: share ?? 0, policy, signals },
  };
}

/** Turns a record's item JSON into its item; given the record's source URL (src/store/listed-items.ts). */
export type ItemParser = (sourceUrl: string, json: string) => FeedItem;

const parseJsonItem: ItemParser = (_sourceUrl, json) => JSON.parse(json) as FeedItem;

/** The `item` column as a `FeedItem`, through `parseItem`. */
function pickItem(row: Row, parseItem: ItemParser): { item?: FeedItem } {
  const json = pickText(row, 'item', 'json').json;
  return json === undefined ? {} : { item: parseItem(readText(row, 'source_url'), json) };
}

/** A row of `articles` as its record. */
export function decodeArticle(row: Row): ArticleRecord {
  return decodeArticleWith(row, parseJsonItem);
}

/** `decodeArticle`, the item's JSON turned into the item by `parseItem` (src/store/listed-items.ts). */
export function decodeArticleWith(row: Row, parseItem: ItemParser): ArticleRecord {
  return {
    feedId: readText(row, 'feed_id'),
    sourceUrl: readText(row, 'source_url'),
    entryHash: readText(row, 'entry_hash'),
    entry: JSON.parse(readText(row, 'entry')) as SourceEntry,
    state: readOneOf(row, 'state', ARTICLE_STATES),
    attempts: Number(row['attempts']),
    discoveredAt: readText(row, 'discovered_at'),
    ...pickText(row, 'fetched_at', 'fetchedAt'),
    ...pickText(row, 'etag', 'etag'),
    ...pickText(row, 'last_modified', 'lastModified'),
    ...pickText(row, 'body_hash', 'bodyHash'),
    ...pickText(row, 'excerpt_hash', 'excerptHash'),
    ...pickItem(row, parseItem),
    ...pickJson<'error', { code: string; message: string }>(row, 'error', 'error'),
    ...pickAudit(row),
  };
}

export function encodeTakedown(takedown: Takedown): Columns<typeof TAKEDOWN_COLUMNS> {
  return { feed_id: takedown.feedId, taken_down_at: takedown.at, reason: orNull(takedown.reason) };
}

export function decodeTakedown(row: Row): Takedown {
  return { feedId: readText(row, 'feed_id'), at: readText(row, 'taken_down_at'), ...pickText(row, 'reason', 'reason') };
}

export function encodeSiteSignals(cached: CachedSiteSignals): Columns<typeof SITE_SIGNALS_COLUMNS> {
  return { origin: cached.origin, signals: JSON.stringify(cached.signals), fetched_at: cached.fetchedAt };
}

export function decodeSiteSignals(row: Row): CachedSiteSignals {
  return {
    origin: readText(row, 'origin'),
    signals: JSON.parse(readText(row, 'signals')) as SiteSignals,
    fetchedAt: readText(row, 'fetched_at'),
  };
}

export function encodeRendition(rendition: Rendition): Columns<typeof RENDITION_COLUMNS> {
  return {
    feed_id: rendition.feedId,
    format: rendition.format,
    body: rendition.body,
    etag: rendition.etag,
    last_modified: rendition.lastModified,
    input_key: orNull(rendition.inputKey),
  };
}

export function decodeValidators(row: Row): Omit<Rendition, 'body'> {
  return {
    feedId: readText(row, 'feed_id'),
    format: readOneOf(row, 'format', FEED_FORMATS),
    etag: readText(row, 'etag'),
    lastModified: readText(row, 'last_modified'),
    ...pickText(row, 'input_key', 'inputKey'),
  };
}

export function decodeRendition(row: Row): Rendition {
  return { ...decodeValidators(row), body: readText(row, 'body') };
}
