/**
 * @module core/refresh/refresh-feed
 * The one orchestrator: kill switch → discover → record → reconcile stored items with the current
 * licence → fetch/extract/license pending articles → publish → notify the WebSub hub.
 * Cron (node-cron or a Worker `scheduled()`), the admin route and the CLI are thin shells around it.
 *
 * It is incremental and resumable by construction: discovered entries are stored as pending work, each
 * run processes at most `maxPages` of them, and the next run continues where this one stopped. A failing
 * source or page is recorded in the report and never removes what was already published.
 */
import { toLedeError } from '../errors.ts';
import { discoverEntries } from '../pull/discover-entries.ts';
import type { CoreDeps } from '../ports.ts';
import type { FeedDefinition } from '../types.ts';
import type { ArticleRecord, FeedState, RefreshReport } from '../store.ts';
import { redactUserinfo } from '../url.ts';
import { backoffSeconds, sourceWaitUntil } from './backoff.ts';
import { runPipeline, type PipelineBatch } from './article-pipeline.ts';
import { createArticleWriter } from './article-writer.ts';
import {
  createSiteSignalsReader,
  fetchArticle,
  licenseFetchedArticle,
  type FetchedArticle,
} from './process-article.ts';
import { notifyHub, topicUrls } from './notify-hub.ts';
import { publishFeed } from './publish-feed.ts';
import { reconcilePolicy } from './reconcile-policy.ts';
import { recordEntries } from './record-entries.ts';
import { applyKillSwitch } from './takedown.ts';

export interface RefreshOptions {
  /** Base URL the feeds are served from, for their self links. */
  readonly publicUrl: string;
  /** Most article pages fetched in this run (Workers' subrequest budget); default: no limit. */
  readonly maxPages?: number | undefined;
  /** Article fetches in flight at once (one source = one host, so this is the per-host politeness too). */
  readonly concurrency?: number;
  /**
   * The process is stopping (the same signal aborts the runtime's fetches): a run not yet started does
   * nothing, and an article whose fetch was cut short is left as it was — pending, no attempt counted —
   * while what finished is published.
   */
  readonly signal?: AbortSignal;
  /** Told the counts as the run goes: once the pending articles are known, then after each one (`npm run refresh`). */
  readonly onProgress?: (progress: RefreshProgress) => void;
  /** Asked for by hand (admin API, CLI): Lede's own failure backoff is not waited out; the source's Retry-After is. */
  readonly byHand?: boolean;
}

/** How far a run is through its pending articles. */
export interface RefreshProgress {
  readonly feedId: string;
  /** Articles processed so far, of `total` taken up this run (`maxPages` at most). */
  readonly done: number;
  readonly total: number;
  /** Of those done, how many met an error (retried later or given up). */
  readonly errors: number;
}

type RefreshError = RefreshReport['errors'][number];

const NO_LIMIT = 100_000;

/** Longest the source's own Cache-Control or Retry-After may keep Lede from fetching it. */
const MAX_FRESHNESS_SECONDS = 6 * 3600;
const MAX_RETRY_AFTER_SECONDS = 24 * 3600;

/** The instant `seconds` (capped) from now, or undefined for none. */
function notBefore(now: Date, seconds: number | undefined, cap: number): string | undefined {
  return seconds && seconds > 0 ? new Date(now.getTime() + Math.min(seconds, cap) * 1000).toISOString() : undefined;
}

/** What reading the source (or waiting) gave the rest of the run. */
interface Discovery {
  readonly sourceOk: boolean;
  readonly discovered: number;
  readonly unchanged: number;
  readonly validators: Pick<FeedState, 'sourceEtag' | 'sourceLastModified'> | undefined;
  /** The source's own wait (max-age, Retry-After) and Lede's backoff, as the state is to keep them. */
  readonly sourceNotBefore?: string | undefined;
  readonly retryNotBefore?: string | undefined;
  /** Set when this run did not read the source: until when it waits. */
  readonly deferredUntil?: string;
  readonly notModified?: true;
  readonly movedTo?: string | undefined;
}

/**
 * Read the source, politely: not before its own Cache-Control max-age has run out, nor before a
 * Retry-After it sent with a 429/503 (RFC 9111 §5.2.2.1, RFC 9110 §10.2.3) — whoever asks — nor, after
 * failures in a row, before Lede's own backoff (backoff.ts) has run out, unless asked by hand; conditionally
 * otherwise.
 */
async function discover(
  deps: CoreDeps,
  feed: FeedDefinition,
  state: FeedState | undefined,
  errors: RefreshError[],
  byHand: boolean,
): Promise<Discovery> {
  const now = deps.clock();
  const waitUntil = sourceWaitUntil(state, { byHand });
  const kept = { sourceNotBefore: state?.sourceNotBefore, retryNotBefore: state?.retryNotBefore };
  if (waitUntil && Date.parse(waitUntil) > now.getTime()) {
    return { sourceOk: true, discovered: 0, unchanged: 0, validators: state, ...kept, deferredUntil: waitUntil };
  }
  try {
    const result = await discoverEntries(deps.fetchPage, feed.source, {
      maxItems: feed.maxItems,
      etag: state?.sourceEtag,
      lastModified: state?.sourceLastModified,
    });
    const { movedTo } = result;
    if (movedTo) deps.log('warn', 'source moved', { feed: feed.id, url: feed.source.url, to: movedTo });
    if (result.status === 'not-modified')
      return { sourceOk: true, discovered: 0, unchanged: 0, validators: state, notModified: true as const, movedTo };
    const unchanged = await recordEntries(deps, feed.id, result.entries);
    return {
      sourceOk: true,
      discovered: result.entries.length,
      unchanged,
      validators: { sourceEtag: result.etag, sourceLastModified: result.lastModified },
      sourceNotBefore: notBefore(now, result.maxAge, MAX_FRESHNESS_SECONDS),
      movedTo,
    };
  } catch (error) {
    const { code, message, retryAfter, status } = toLedeError(error);
    // The report is stored and shown on the public /healthz: a source URL's credentials stay out of it.
    const url = redactUserinfo(feed.source.url);
    errors.push({ url, code, message: redactUserinfo(message), ...(status === undefined ? {} : { status }) });
    // The source's own Retry-After binds every refresh; Lede's backoff after this many failures in a row binds
    // scheduled ones. A source gone for good (410, RFC 9110 §15.5.11) is retried only at the longest backoff.
    const failures = status === 410 ? Number.MAX_SAFE_INTEGER : (state?.consecutiveFailures ?? 0) + 1;
    const sourceNotBefore = notBefore(now, retryAfter, MAX_RETRY_AFTER_SECONDS);
    const retryNotBefore = notBefore(now, backoffSeconds(feed.id, failures), MAX_RETRY_AFTER_SECONDS);
    deps.log('warn', 'source failed', { feed: feed.id, url: feed.source.url, code, message, retryNotBefore });
    return { sourceOk: false, discovered: 0, unchanged: 0, validators: state, sourceNotBefore, retryNotBefore };
  }
}

/**
 * Pages processed back to back (article-pipeline.ts `batch`). Four: with the default two lanes, the pages of two
 * round trips; the bench's refresh (20 ms latency) spent 0.83–0.88× the CPU per article of one page at a time,
 * in the same wall time. A page read waits at most 100 ms for the others, so one slow page (up to the 30 s
 * timeout) holds the rest up no longer than that; and a run is handed over once its pages hold 1 Mi characters,
 * so large pages are not held four at a time (a Worker has 128 MB: docs/workers.md, "Limits").
 */
const PROCESS_BATCH: PipelineBatch<FetchedArticle> = {
  size: 4,
  maxWaitMs: 100,
  maxWeight: 1024 * 1024,
  weigh: (fetched) => ('page' in fetched && fetched.page.status === 'ok' ? fetched.page.body.length : 0),
};

async function processPending(deps: CoreDeps, feed: FeedDefinition, options: RefreshOptions, errors: RefreshError[]) {
  const pending: ArticleRecord[] = await deps.store.listPending(feed.id, options.maxPages ?? NO_LIMIT);
  let fetched = 0;
  let failed = 0;
  let stored = 0;
  let done = 0;
  const progress = () => options.onProgress?.({ feedId: feed.id, done, total: pending.length, errors: errors.length });
  progress();
  // robots.txt and tdmrep.json are read once per origin per run, and only when there is a page to fetch.
  const readSite = createSiteSignalsReader(deps);
  const lanes = options.concurrency ?? 2;
  // A page is extracted, licensed and stored while the lanes fetch the next ones (article-pipeline.ts), in runs of
  // `PROCESS_BATCH.size` pages read (fewer at the end, or after `maxWaitMs`): a page processed right after another
  // costs less CPU than one processed alone after a wait. At most `lanes + PROCESS_BATCH.size` pages are held
  // besides the one being processed: being read, or read and waiting their turn. Each page's processing waits
  // until the request of the lane it freed is sent.
  const { requestsSent } = deps.fetchPage;
  // Finished records are stored a few to a transaction, none waiting long (article-writer.ts); whatever is
  // queued is written before this returns, even when the pipeline stops early (`flushAfter`).
  const writer = createArticleWriter(deps.store);
  const run = runPipeline(pending, {
    lanes,
    held: lanes + PROCESS_BATCH.size,
    batch: PROCESS_BATCH,
    ...(requestsSent ? { beforeProcess: requestsSent } : {}),
    fetch: (record) => fetchArticle(deps, feed, record, readSite),
    process: async (page, record) => {
      const next = await licenseFetchedArticle(feed, page, readSite, deps.sha256);
      done++;
      // Cut short by a shutdown: the record stays as it was, to be fetched by the next run.
      if (options.signal?.aborted && next.state !== 'ready') {
        errors.push({ url: record.sourceUrl, code: 'aborted', message: 'the process stopped before this article' });
        return progress();
      }
      await writer.put(next);
      stored++;
      if (next.state === 'ready') fetched++;
      if (next.error) {
        errors.push({ url: record.sourceUrl, code: next.error.code, message: next.error.message });
        if (next.state === 'failed') failed++;
      }
      progress();
    },
  });
  await writer.flushAfter(run);
  return { fetched, failed, stored };
}

/**
 * A report for a run that did not happen or did not finish, saying why in one error.
 * @example failedReport(deps, feed, 'busy', 'another invocation is refreshing this feed')
 */
export function failedReport(
  deps: CoreDeps,
  feed: FeedDefinition,
  code: string,
  message: string,
  startedAt?: string,
): RefreshReport {
  const finishedAt = deps.clock().toISOString();
  return {
    feedId: feed.id,
    startedAt: startedAt ?? finishedAt,
    finishedAt,
    ok: false,
    discovered: 0,
    fetched: 0,
    unchanged: 0,
    pending: 0,
    failed: 0,
    changed: false,
    errors: [{ url: feed.source.url, code, message }],
  };
}

/**
 * Refresh one feed. Never throws for bad input (sources, pages): those land in the report. A feed that
 * is taken down (`enabled: false`, or `POST /admin/takedown/{id}`) is purged if it was not yet, and
 * left alone.
 * @example const report = await refreshFeed(deps, feed, { publicUrl: 'http://127.0.0.1:8787' })
 */
export async function refreshFeed(
  deps: CoreDeps,
  feed: FeedDefinition,
  options: RefreshOptions,
): Promise<RefreshReport> {
  const startedAt = deps.clock().toISOString();
  if (options.signal?.aborted) return failedReport(deps, feed, 'aborted', 'the process is stopping', startedAt);
  const takedown = await applyKillSwitch(deps.store, feed, deps.clock());
  if (takedown)
    return failedReport(
      deps,
      feed,
      'taken-down',
      `the feed is taken down${takedown.reason ? ` (${takedown.reason})` : ''}`,
      startedAt,
    );
  const state = await deps.store.getFeedState(feed.id);
  const errors: RefreshError[] = [];
  const discovery = await discover(deps, feed, state, errors, options.byHand === true);
  const { sourceOk, discovered, unchanged, validators, deferredUntil, notModified, movedTo } = discovery;
  const deferred = deferredUntil !== undefined;
  const { recut, requeued, newest } = await reconcilePolicy(deps, feed);
  const { fetched, failed, stored } = await processPending(deps, feed, options, errors);
  // Nothing stored since the reconcile read the newest records: publishing takes them rather than reading them again.
  const publish = { sourceRead: sourceOk && !deferred, newest: stored === 0 ? newest : undefined };
  const formats = await publishFeed(deps, feed, options.publicUrl, publish);
  const changed = formats.length > 0;
  const hub = await notifyHub(deps, feed.id, topicUrls(feed.id, formats, options.publicUrl), state?.hubPending);
  errors.push(...hub.failures);
  const pending = await deps.store.countPending(feed.id);
  const finishedAt = deps.clock().toISOString();
  // "ok" means the source was read; article-level failures are listed in `errors` without failing the run.
  const ok = sourceOk;
  const report: RefreshReport = {
    feedId: feed.id,
    startedAt,
    finishedAt,
    ok,
    discovered,
    fetched,
    unchanged,
    pending,
    failed,
    changed,
    errors,
    ...(recut + requeued > 0 ? { recut, requeued } : {}),
    ...(deferredUntil ? { sourceDeferredUntil: deferredUntil } : {}),
    ...(notModified ? { notModified } : {}),
    ...(movedTo ? { sourceMovedTo: redactUserinfo(movedTo) } : {}),
  };
  // A source read cut short by a shutdown is no failure of the source: the state stays as the last run left it.
  if (options.signal?.aborted && !sourceOk) return report;
  await deps.store.putFeedState({
    feedId: feed.id,
    sourceEtag: validators?.sourceEtag,
    sourceLastModified: validators?.sourceLastModified,
    lastRefreshAt: finishedAt,
    lastSuccessAt: ok ? finishedAt : state?.lastSuccessAt,
    lastReport: report,
    // The run of failed source reads /healthz reports: a read source ends it; a run that waited out the
    // source's Retry-After or max-age read nothing, so it leaves the run as it was.
    consecutiveFailures: deferred ? state?.consecutiveFailures : ok ? 0 : (state?.consecutiveFailures ?? 0) + 1,
    sourceNotBefore: discovery.sourceNotBefore,
    retryNotBefore: discovery.retryNotBefore,
    hubPending: hub.pending,
  });
  deps.log(ok && errors.length === 0 ? 'info' : 'warn', 'refreshed', {
    feed: feed.id,
    discovered,
    fetched,
    unchanged,
    pending,
    failed,
    changed,
    recut,
    requeued,
    errors: errors.length,
  });
  return report;
}
