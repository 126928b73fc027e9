/**
 * @module core/serve/pages/feed-view
 * What a page shows of one feed, read from the store per request: its state (ok, failing, not built,
 * taken down) and its items exactly as the feeds publish them.
 *
 * The items come from the stored JSON Feed rendition, not from the article records: it is what the
 * publisher stage let out (embargo passed, held to the current policy, sanitized, with the backlink
 * line), so a page cannot show more than the feeds do — and shows the excerpt HTML byte for byte as
 * the feeds carry it. The records add only the audit (words in the article, why an item is title-only).
 */
import * as v from 'valibot';
import type { ArticleRecord, FeedState, Store } from '../../store.ts';
import type { FeedDefinition } from '../../types.ts';

/** The part of a JSON Feed 1.1 rendition (src/core/render/json-feed.ts) the pages read. */
const RenditionSchema = v.object({
  items: v.array(
    v.object({
      id: v.string(),
      url: v.string(),
      title: v.string(),
      content_html: v.string(),
      date_published: v.optional(v.string()),
      _lede: v.optional(v.object({ words: v.number(), share: v.number() })),
    }),
  ),
});

/** One published item as a reader sees it, with its licence note. */
export interface PublishedItem {
  readonly url: string;
  readonly title: string;
  /** The item HTML as the feeds carry it (already sanitized by the renderer). */
  readonly contentHtml: string;
  readonly published?: string | undefined;
  readonly words: number;
  /** Words in the whole article, when the audit knows them. */
  readonly articleWords?: number | undefined;
  readonly share: number;
  /** Why nothing of the body is quoted, when the licence stage said so (its reasons), else none. */
  readonly titleOnlyReasons?: readonly string[] | undefined;
}

export type FeedStatus =
  | { readonly kind: 'ok' }
  | { readonly kind: 'failing'; readonly since: string; readonly error: string }
  | { readonly kind: 'not-built'; readonly error?: string | undefined }
  | { readonly kind: 'taken-down' };

export interface FeedView {
  readonly feed: FeedDefinition;
  readonly status: FeedStatus;
  readonly lastSuccessAt?: string | undefined;
  /** Every item the feeds publish now, newest first. */
  readonly items: readonly PublishedItem[];
}

/**
 * ok; failing since its last success (the first failure came after it), with the last error; or not built
 * yet — never refreshed successfully, whatever is stored (the publisher writes renditions even then).
 */
function describeStatus(state: FeedState | undefined): FeedStatus {
  const report = state?.lastReport;
  const error = report && !report.ok ? (report.errors[0]?.message ?? 'the source could not be read') : undefined;
  if (state?.lastSuccessAt === undefined) return { kind: 'not-built', error };
  return error === undefined ? { kind: 'ok' } : { kind: 'failing', since: state.lastSuccessAt, error };
}

function parseItems(body: string): v.InferOutput<typeof RenditionSchema>['items'] {
  const parsed = v.safeParse(RenditionSchema, JSON.parse(body));
  return parsed.success ? parsed.output.items : [];
}

function titleOnlyReasons(record: ArticleRecord | undefined, words: number): readonly string[] | undefined {
  if (record?.audit?.policy.titleOnly === true) return record.audit.policy.reasons;
  return words === 0 ? [] : undefined;
}

async function readItems(store: Store, feed: FeedDefinition, body: string, withAudit: boolean) {
  const items = parseItems(body);
  // The audit of items past an embargo can be further down than maxItems; the items themselves come from the rendition.
  const records = withAudit && items.length > 0 ? await store.listPublished(feed.id, feed.maxItems * 2) : [];
  const byId = new Map(records.map((record) => [record.item?.id, record]));
  return items.map((item): PublishedItem => {
    const record = byId.get(item.id);
    const words = item._lede?.words ?? 0;
    return {
      url: item.url,
      title: item.title,
      contentHtml: item.content_html,
      published: item.date_published,
      words,
      articleWords: record?.audit?.articleWords ?? record?.item?.excerpt.articleWords,
      share: item._lede?.share ?? 0,
      titleOnlyReasons: titleOnlyReasons(record, words),
    };
  });
}

/**
 * One feed's view; `withAudit` also reads the article records for the licence notes (the preview page).
 * @example const view = await loadFeedView(store, feed, { withAudit: true })
 */
export async function loadFeedView(
  store: Store,
  feed: FeedDefinition,
  options: { readonly withAudit: boolean },
): Promise<FeedView> {
  if (feed.enabled === false) return { feed, status: { kind: 'taken-down' }, items: [] };
  const [state, takedown, rendition] = await Promise.all([
    store.getFeedState(feed.id),
    store.getTakedown(feed.id),
    store.getRendition(feed.id, 'json'),
  ]);
  if (takedown) return { feed, status: { kind: 'taken-down' }, items: [] };
  const items = rendition ? await readItems(store, feed, rendition.body, options.withAudit) : [];
  return { feed, status: describeStatus(state), lastSuccessAt: state?.lastSuccessAt, items };
}
