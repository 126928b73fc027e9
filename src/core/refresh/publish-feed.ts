/**
 * @module core/refresh/publish-feed
 * Render the stored items in every format and keep the bytes only when they changed, so a refresh
 * that finds nothing new leaves every ETag and Last-Modified as they were (RFC 9110 §8.8).
 *
 * The last gate before anything leaves: only items past the licence's embargo (`delay`) are published,
 * and each is held to the policy in force now (`enforcePolicy`, re-cutting in memory an excerpt that is
 * over it — say a stored one that was tampered with, or cut under older terms), whatever the store holds.
 *
 * Nothing is published before the source was read once: a feed whose first refreshes all failed has no
 * rendition, and the route answers 503 with Retry-After (never an empty feed dated 1970). After one
 * success the last good renditions stay, whatever later refreshes meet. A feed's build date (RSS
 * `lastBuildDate`, Atom `updated`, JSON Feed `_lede.updated`) is when its bytes last changed: the
 * rendition's Last-Modified.
 */
import { parseDelay } from '../config/feed-definition.ts';
import { EPOCH } from '../dates.ts';
import { FEED_FORMATS, feedPath } from '../feed-formats.ts';
import { sha256Hex, type Sha256Hex } from '../hash.ts';
import { enforcePolicy } from '../license/enforce-policy.ts';
import { DEFAULT_IMAGES, resolvePolicy } from '../license/resolve-policy.ts';
import { createFeedRenderer } from '../render/render-feed.ts';
import type { CoreDeps } from '../ports.ts';
import type { FeedDefinition, FeedFormat, FeedItem, FeedMeta, LicensePolicy } from '../types.ts';
import { NO_SIGNALS } from '../signals/merge-signals.ts';
import type { ArticleRecord, Rendition } from '../store.ts';
import { computeInputKey, namesOtherItems } from './input-key.ts';
import { pruneFeed } from './retention.ts';

/** What a build adds to the definition: when it was built, and the WebSub hub to advertise. */
export interface BuildInfo {
  readonly builtAt?: string | undefined;
  readonly hub?: string | undefined;
}

/**
 * The licence as the renderers state it, the licence stage's image default filled in: one object for one
 * definition's terms (a definition is never changed in place, only replaced), so that the metas of one
 * publish (dated with the last build, then with the new one) share it, and an item's HTML rendered for one
 * format is reused by the next (item-html.ts compares the licence by identity).
 */
const statedLicenses = new WeakMap<LicensePolicy, FeedMeta['license']>();

function stateLicense(terms: LicensePolicy): FeedMeta['license'] {
  let stated = statedLicenses.get(terms);
  if (stated === undefined) {
    stated = { ...terms, images: terms.images ?? DEFAULT_IMAGES };
    statedLicenses.set(terms, stated);
  }
  return stated;
}

/**
 * Feed-level metadata; `updated` is the newest item's (the build's when there is none), so it moves
 * only when the items do.
 * @example buildFeedMeta(feed, items, 'https://feeds.example.com', { builtAt: '2026-01-02T03:04:05.000Z' })
 */
export function buildFeedMeta(
  feed: FeedDefinition,
  items: readonly FeedItem[],
  publicUrl: string,
  build: BuildInfo = {},
): FeedMeta {
  // An empty feed's `updated` is its build, else the epoch — never "now", so its bytes are stable too.
  const newest = items.reduce((latest, item) => (item.updated > latest ? item.updated : latest), EPOCH);
  const updated = newest === EPOCH && build.builtAt !== undefined ? build.builtAt : newest;
  const link = (format: FeedFormat) => `${publicUrl}${feedPath(feed.id, format)}`;
  return {
    id: feed.id,
    title: feed.title,
    site: feed.site,
    description: feed.description,
    language: feed.language,
    // The renderers state the image rule in force, so the licence stage's default is filled in here.
    license: stateLicense(feed.license),
    links: { rss: link('rss'), atom: link('atom'), json: link('json') },
    updated,
    ...(build.builtAt === undefined ? {} : { builtAt: build.builtAt }),
    ...(build.hub === undefined ? {} : { hub: build.hub }),
  };
}

/** Strong validator over the representation's bytes (RFC 9110 §8.8.3), through the runtime's hash port if given. */
export async function computeEtag(body: string, hash?: Sha256Hex): Promise<string> {
  return `"${(await sha256Hex(body, hash)).slice(0, 32)}"`;
}

/**
 * Whether an item is still under the licence's embargo at `now` (its publication date, else its discovery).
 * @example records.filter((record) => !isEmbargoed(record, parseDelay(feed.license.delay), now))
 */
export function isEmbargoed(record: ArticleRecord, delayMs: number, now: Date): boolean {
  if (delayMs <= 0) return false;
  const published = Date.parse(record.item?.published ?? '');
  const since = Number.isNaN(published) ? Date.parse(record.discoveredAt) : published;
  return !(since + delayMs <= now.getTime());
}

/** A stored item as the current policy lets it be published. */
function enforceCurrentPolicy(record: ArticleRecord, item: FeedItem, feed: FeedDefinition): FeedItem {
  const policy = resolvePolicy(feed.license, record.audit?.signals ?? NO_SIGNALS);
  const articleWords = record.audit?.articleWords ?? item.excerpt.articleWords;
  return enforcePolicy(item, policy, articleWords, item.language ?? feed.language);
}

/**
 * The records a feed may publish at `now`: newest first, at most `maxItems`, none under embargo — and how many
 * it read past (the embargoed ones), which retention keeps besides them. `newest`, when given, is the feed's
 * newest `maxItems` published records as the store holds them now, which spares reading them.
 */
async function selectVisibleRecords(
  deps: CoreDeps,
  feed: FeedDefinition,
  newest: readonly ArticleRecord[] | undefined,
): Promise<{ records: ArticleRecord[]; embargoed: number }> {
  const delayMs = parseDelay(feed.license.delay);
  const now = deps.clock();
  let records = newest ? [...newest] : await deps.store.listPublished(feed.id, feed.maxItems);
  // Embargoed items are the newest, so the list is read again past them.
  const embargoed = records.filter((record) => isEmbargoed(record, delayMs, now)).length;
  if (embargoed > 0) records = await deps.store.listPublished(feed.id, feed.maxItems + embargoed);
  const visible = records.filter((record) => !isEmbargoed(record, delayMs, now)).slice(0, feed.maxItems);
  return { records: visible, embargoed };
}

/**
 * Each record's item held to the current policy: what the feed publishes, and what its variants may show.
 * @example const items = enforceAll(records, feed)
 */
export function enforceAll(records: readonly ArticleRecord[], feed: FeedDefinition): FeedItem[] {
  return records.flatMap((record) => (record.item ? [enforceCurrentPolicy(record, record.item, feed)] : []));
}

type Validators = Omit<Rendition, 'body'> | undefined;

/**
 * A published rendition's strong validator (RFC 9110 §8.8.3), from what its bytes are rendered from rather than
 * the bytes: the renderers are pure (src/core/render/render-feed.ts), so one input key, format and build date give
 * one body, and any change to what they emit changes the key (`RENDER_VERSION`). Hashing the short inputs instead of
 * the 100–200 KB body (its UTF-8, then SHA-256) was a third of a publish's CPU. New inputs that render the same bytes
 * keep the stored validators (`rendersAsStored`), so a validator never changes without the bytes.
 */
async function computeRenditionEtag(
  inputKey: string,
  format: FeedFormat,
  builtAt: string,
  hash?: Sha256Hex,
): Promise<string> {
  return `"${(await sha256Hex(`${inputKey} ${format} ${builtAt}`, hash)).slice(0, 32)}"`;
}

/** What one publish renders: the feed, its items held to the current policy, and their renderer. */
interface Page {
  readonly feed: FeedDefinition;
  readonly items: FeedItem[];
  readonly publicUrl: string;
  readonly inputKey: string;
  /** Renders each format's items once, whatever build date it is then asked for. */
  readonly render: (format: FeedFormat, meta: FeedMeta) => string;
}

/** The page's body in `format`, dated `builtAt`. */
function renderPage(deps: CoreDeps, page: Page, format: FeedFormat, builtAt: string | undefined): string {
  const meta = buildFeedMeta(page.feed, page.items, page.publicUrl, { builtAt, hub: deps.websub?.url });
  return page.render(format, meta);
}

/**
 * Whether new inputs render the stored bytes again, each format dated with its own last build: then no format
 * changed, and only the input keys are brought up to date (the bytes, their validators and Last-Modified stay).
 */
async function rendersAsStored(deps: CoreDeps, page: Page, current: readonly Validators[]): Promise<boolean> {
  if (current.some((validators) => validators === undefined)) return false;
  // Other items (a new article, the usual reason for new inputs) render other bytes (input-key.ts): no render needed.
  if (current.some((validators) => namesOtherItems(validators?.inputKey, page.inputKey))) return false;
  // One format at a time: other changes that show (an excerpt re-cut, a new title) already show in the first, and
  // the others are then not rendered twice.
  const stored: Rendition[] = [];
  for (const format of FEED_FORMATS) {
    const rendition = await deps.store.getRendition(page.feed.id, format);
    if (!rendition || rendition.body !== renderPage(deps, page, format, rendition.lastModified)) return false;
    stored.push(rendition);
  }
  for (const rendition of stored) await deps.store.putRendition({ ...rendition, inputKey: page.inputKey });
  return true;
}

/**
 * Render the visible records and store every format anew, dated now; returns the formats, or none when the new
 * inputs render the stored bytes (`rendersAsStored`). A format first rendered with its last build's date renders only
 * its head again with the new one.
 */
async function renderChanged(
  deps: CoreDeps,
  page: { feed: FeedDefinition; records: readonly ArticleRecord[]; publicUrl: string; inputKey: string },
  current: readonly Validators[],
): Promise<FeedFormat[]> {
  const { feed, publicUrl, inputKey } = page;
  const items = enforceAll(page.records, feed);
  const rendering: Page = { feed, items, publicUrl, inputKey, render: createFeedRenderer(items) };
  if (await rendersAsStored(deps, rendering, current)) return [];
  const builtAt = deps.clock().toISOString();
  for (const format of FEED_FORMATS) {
    const body = renderPage(deps, rendering, format, builtAt);
    const etag = await computeRenditionEtag(inputKey, format, builtAt, deps.sha256);
    // Last-Modified is the build the body states (lastBuildDate, Atom updated, _lede.updated): one instant.
    await deps.store.putRendition({ feedId: feed.id, format, body, etag, lastModified: builtAt, inputKey });
  }
  return [...FEED_FORMATS];
}

export interface PublishOptions {
  /** False when this refresh did not read the source: a feed never built is then left unbuilt (503). */
  readonly sourceRead?: boolean;
  /**
   * The feed's newest `maxItems` published records (`Store.listPublished`), read by the caller with nothing
   * written to the feed's articles since — so they are what the store holds: publishing does not read them again.
   */
  readonly newest?: readonly ArticleRecord[] | undefined;
}

/**
 * Render and store every format whose bytes changed; returns those formats (each one's URL is a WebSub
 * topic to ping). When nothing the feed is rendered from changed since the stored renditions (same input
 * key), nothing is rendered at all: the common refresh, which finds nothing new, costs no rendering. A
 * disabled feed (`enabled: false`) is never published; a feed never built is not built from a refresh
 * that did not read its source.
 * @example const changed = await publishFeed(deps, feed, 'http://127.0.0.1:8787', { sourceRead: true }) // ['rss', 'atom', 'json']
 */
export async function publishFeed(
  deps: CoreDeps,
  feed: FeedDefinition,
  publicUrl: string,
  options: PublishOptions = {},
): Promise<FeedFormat[]> {
  if (feed.enabled === false) return [];
  const current = await Promise.all(FEED_FORMATS.map((format) => deps.store.getRenditionValidators(feed.id, format)));
  if (options.sourceRead === false && current.every((validators) => validators === undefined)) return [];
  const { records, embargoed } = await selectVisibleRecords(deps, feed, options.newest);
  const inputKey = await computeInputKey(feed, publicUrl, deps.websub?.url, records, deps.sha256);
  if (current.every((validators) => validators?.inputKey === inputKey)) return [];
  const changed = await renderChanged(deps, { feed, records, publicUrl, inputKey }, current);
  // New inputs, so maybe new articles, which push older ones out: the one time records can become prunable.
  await pruneFeed(deps, feed, feed.maxItems + embargoed);
  return changed;
}
