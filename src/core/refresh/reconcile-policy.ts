/**
 * @module core/refresh/reconcile-policy
 * Keeping stored items in step with a feed's licence when it changes, without the articles' bodies:
 *
 * - stricter now → each stored excerpt over the new terms is re-cut in place by `enforcePolicy` (an
 *   excerpt is a prefix of its article and the article's word count is in the audit trail, which is all
 *   `buildExcerpt` needs), its hash and audit updated — no page is fetched;
 * - looser now → items that the old terms held back (a shorter excerpt than the new terms allow, or an
 *   image withheld) are marked pending and re-fetched lazily: by the ordinary pending queue, within each
 *   run's page budget, unconditionally (their validators are dropped, since a 304 would tell us nothing).
 *   Until then they keep their current, smaller, excerpt.
 *
 * Each item's policy is resolved from the CURRENT licence and the signals recorded with it, so a
 * publisher's own `nosnippet` keeps holding whatever the licence becomes. An excerpt altered in the store
 * (its hash no longer matches) is left as it is, for the audit to catch; `publishFeed` still re-cuts it
 * in memory, so it never leaves over the policy.
 */
import { computeWordAllowance } from '../license/build-excerpt.ts';
import { enforcePolicy } from '../license/enforce-policy.ts';
import { resolvePolicy } from '../license/resolve-policy.ts';
import type { Sha256Hex } from '../hash.ts';
import { hashExcerpt } from './license-article.ts';
import type { CoreDeps } from '../ports.ts';
import type { EffectivePolicy, FeedDefinition } from '../types.ts';
import type { ArticleRecord, ItemAudit } from '../store.ts';

/** When the licence changed, every stored item is reconciled, not only the published ones: the audit covers them all. */
const ALL_ITEMS = 100_000;

const IMAGE_RANK: Readonly<Record<string, number>> = { false: 0, credited: 1, true: 2 };

/** Whether `now` would let an item carry more than `then` did, for an article of `articleWords` words. */
function isLooser(then: EffectivePolicy, now: EffectivePolicy, audit: ItemAudit): boolean {
  const moreWords = computeWordAllowance(now, audit.articleWords) > computeWordAllowance(then, audit.articleWords);
  const moreChars = (now.maxChars ?? Infinity) > (then.maxChars ?? Infinity);
  const heldBack = audit.excerptWords < audit.articleWords && (moreWords || moreChars);
  const moreImage = (IMAGE_RANK[String(now.images)] ?? 0) > (IMAGE_RANK[String(then.images)] ?? 0);
  return heldBack || moreImage;
}

function isSamePolicy(a: EffectivePolicy, b: EffectivePolicy): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * A stored item re-cut to the current policy; `undefined` when nothing about it had to change.
 * @param hash The runtime's hash port (`CoreDeps.sha256`); default Web Crypto.
 * @example const next = (await recutRecord(record, resolvePolicy(feed.license, signals), feed, deps.sha256)) ?? record
 */
export async function recutRecord(
  record: ArticleRecord,
  policy: EffectivePolicy,
  feed: FeedDefinition,
  hash?: Sha256Hex,
): Promise<ArticleRecord | undefined> {
  const { item, audit } = record;
  if (!item || !audit) return undefined;
  const enforced = enforcePolicy(item, policy, audit.articleWords, item.language ?? feed.language);
  if (enforced === item && isSamePolicy(audit.policy, policy)) return undefined;
  // An excerpt that no longer matches its recorded hash was altered in the store: re-hashing a re-cut of
  // it would erase the evidence. Only the policy is recorded; the audit keeps reporting the excerpt, and
  // publishing holds it to the policy in memory.
  if (enforced !== item && (await hashExcerpt(item.excerpt, hash)) !== record.excerptHash) {
    return { ...record, audit: { ...audit, policy } };
  }
  const { excerpt } = enforced;
  const nextAudit: ItemAudit = { ...audit, excerptWords: excerpt.words, share: excerpt.share, policy };
  const excerptHash = enforced === item ? record.excerptHash : await hashExcerpt(excerpt, hash);
  return { ...record, item: enforced, audit: nextAudit, excerptHash };
}

/** The record queued for an unconditional re-fetch, keeping its item until that succeeds. */
function requeue(record: ArticleRecord): ArticleRecord {
  return { ...record, state: 'pending', attempts: 0, etag: undefined, lastModified: undefined, error: undefined };
}

interface Changed {
  readonly record: ArticleRecord;
  readonly audit: ItemAudit;
  readonly policy: EffectivePolicy;
}

/** The records whose recorded policy differs from the current one, with it (the others need nothing). */
function findChanged(records: readonly ArticleRecord[], feed: FeedDefinition): Changed[] {
  return records.flatMap((record): Changed[] => {
    const { audit } = record;
    if (!audit || record.state === 'pending') return [];
    const policy = resolvePolicy(feed.license, audit.signals);
    return isSamePolicy(audit.policy, policy) ? [] : [{ record, audit, policy }];
  });
}

/** What reconciling did, and (when it wrote nothing) the newest records it read, still as the store holds them. */
interface Reconciled {
  readonly recut: number;
  readonly requeued: number;
  /** The feed's newest `maxItems` published records; absent when reconciling wrote any record. */
  readonly newest?: readonly ArticleRecord[];
}

/**
 * Re-cut stored items that exceed the feed's current terms, and queue for re-fetch those a looser
 * licence would let say more. Returns how many of each, and, when it changed nothing, the records it read:
 * a refresh that stores nothing after it publishes from them instead of reading them again.
 *
 * Cheap when nothing changed, which is almost every run: only the feed's newest `maxItems` records are
 * read, and an item cut under exactly the current policy is not looked at again. When one of them was cut
 * under other terms the licence has changed, and every stored item is reconciled; but only those the feed
 * can still publish are re-fetched for a looser licence (older ones would never be shown again).
 *
 * @example const { recut, requeued, newest } = await reconcilePolicy(deps, feed)
 */
export async function reconcilePolicy(deps: CoreDeps, feed: FeedDefinition): Promise<Reconciled> {
  const counts = { recut: 0, requeued: 0 };
  const newest = await deps.store.listPublished(feed.id, feed.maxItems);
  if (findChanged(newest, feed).length === 0) return { ...counts, newest };
  const publishable = new Set(newest.map((record) => record.sourceUrl));
  const writes: ArticleRecord[] = [];
  for (const { record, audit, policy } of findChanged(await deps.store.listPublished(feed.id, ALL_ITEMS), feed)) {
    const next = (await recutRecord(record, policy, feed, deps.sha256)) ?? record;
    if (next.item !== record.item) counts.recut++;
    // A failed page is not retried for a looser licence: it would be fetched again on every run.
    const refetch =
      record.state === 'ready' && publishable.has(record.sourceUrl) && isLooser(audit.policy, policy, audit);
    if (refetch) counts.requeued++;
    if (refetch || next !== record) writes.push(refetch ? requeue(next) : next);
  }
  // A licence change touches every stored item: a few dozen to a transaction (one D1 round trip), not one each.
  await deps.store.putArticles(writes);
  return counts;
}
