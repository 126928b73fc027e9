/**
 * @module core/refresh/audit-feed
 * Re-verify every stored item of a feed against what was recorded when it was licensed and against the
 * policy in force now — without the articles' bodies, which are never stored. `GET /feeds/{id}/audit`
 * and `npm run audit` are thin shells around `auditFeed`.
 *
 * Per item (problem codes):
 * - `excerpt-hash`: the stored excerpt no longer hashes to the recorded SHA-256 — it was altered after
 *   licensing (a tampered store);
 * - `word-count`: the excerpt's words, counted again, differ from the recorded count;
 * - `over-policy`: the excerpt exceeds the current policy (words, characters, title-only) for the
 *   recorded article length, or carries an image the policy does not allow;
 * - `backlink`: a rendered format lacks the backlink line to the article with the attribution;
 * - `unrecorded`: the item has no audit trail (stored before the licence engine), so it cannot be checked.
 */
import { computeWordAllowance, countExcerptChars } from '../license/build-excerpt.ts';
import { countWords } from '../license/count-words.ts';
import { selectImage } from '../license/enforce-policy.ts';
import { resolvePolicy } from '../license/resolve-policy.ts';
import { FEED_FORMATS } from '../feed-formats.ts';
import { joinParagraphs } from '../paragraphs.ts';
import { hashExcerpt } from './license-article.ts';
import { renderBacklink } from '../render/item-html.ts';
import { renderFeed } from '../render/render-feed.ts';
import { sanitizeHtml } from '../render/sanitize-html.ts';
import { escapeXml } from '../render/xml.ts';
import type { Clock } from '../ports.ts';
import type { EffectivePolicy, FeedDefinition, FeedItem } from '../types.ts';
import type { ArticleRecord, ItemAudit, Store } from '../store.ts';
import { buildFeedMeta } from './publish-feed.ts';

export type AuditProblemCode = 'excerpt-hash' | 'word-count' | 'over-policy' | 'backlink' | 'unrecorded';

export interface AuditProblem {
  readonly code: AuditProblemCode;
  readonly message: string;
}

/** One item that would break the rules, with what was recorded about it. */
export interface AuditFinding {
  readonly url: string;
  readonly articleWords?: number;
  readonly excerptWords: number;
  readonly share?: number;
  readonly reasons: readonly string[];
  readonly problems: readonly AuditProblem[];
}

export interface AuditReport {
  readonly feedId: string;
  readonly checkedAt: string;
  readonly ok: boolean;
  /** Stored items checked, and how many of them break a rule. */
  readonly checked: number;
  readonly failing: number;
  /** The largest share of an article any stored item reproduces (recounted), for a quick look. */
  readonly maxShare: number;
  readonly findings: readonly AuditFinding[];
}

/** Rendering needs absolute self links; they play no part in the checks. */
const AUDIT_BASE = 'https://lede.invalid';
const ALL_ITEMS = 100_000;

function checkPolicy(item: FeedItem, words: number, audit: ItemAudit, policy: EffectivePolicy): AuditProblem[] {
  const problems: AuditProblem[] = [];
  const allowance = computeWordAllowance(policy, audit.articleWords);
  if (words > allowance)
    problems.push({
      code: 'over-policy',
      message: `${words} words of ${audit.articleWords}; the current policy allows ${allowance}`,
    });
  const chars = countExcerptChars(item.excerpt.paragraphs);
  if (policy.maxChars !== undefined && chars > policy.maxChars) {
    problems.push({ code: 'over-policy', message: `${chars} characters; max-snippet allows ${policy.maxChars}` });
  }
  if (item.image !== undefined && selectImage(item.image, item.imageCredit, policy).image === undefined) {
    problems.push({
      code: 'over-policy',
      message: `carries an image the policy does not allow (images: ${String(policy.images)})`,
    });
  }
  return problems;
}

async function checkRecorded(
  item: FeedItem,
  record: ArticleRecord,
  words: number,
  audit: ItemAudit,
): Promise<AuditProblem[]> {
  const problems: AuditProblem[] = [];
  const hash = await hashExcerpt(item.excerpt);
  if (record.excerptHash !== undefined && hash !== record.excerptHash) {
    problems.push({
      code: 'excerpt-hash',
      message: 'the stored excerpt does not match the hash recorded when it was licensed',
    });
  }
  if (words !== audit.excerptWords || words !== item.excerpt.words) {
    problems.push({
      code: 'word-count',
      message: `counted ${words} words; recorded ${audit.excerptWords} (item says ${item.excerpt.words})`,
    });
  }
  return problems;
}

/** The backlink line, as each format carries it: escaped once more inside RSS and Atom. */
function checkBacklink(feed: FeedDefinition, item: FeedItem): AuditProblem[] {
  const line = sanitizeHtml(renderBacklink(item.url, feed.license, feed.language), item.url);
  const meta = buildFeedMeta(feed, [item], AUDIT_BASE);
  return FEED_FORMATS.flatMap((format) => {
    const body = renderFeed(format, meta, [item]);
    const found = format === 'json' ? body.includes(JSON.stringify(line).slice(1, -1)) : body.includes(escapeXml(line));
    return found
      ? []
      : [
          {
            code: 'backlink' as const,
            message: `${format}: no backlink to ${item.url} naming ${feed.license.attribution}`,
          },
        ];
  });
}

async function auditRecord(feed: FeedDefinition, record: ArticleRecord, item: FeedItem): Promise<AuditFinding> {
  const words = countWords(joinParagraphs(item.excerpt.paragraphs), item.language ?? feed.language);
  const { audit } = record;
  if (!audit) {
    const problems: AuditProblem[] = [
      { code: 'unrecorded', message: 'no audit trail was recorded for this item' },
      ...checkBacklink(feed, item),
    ];
    return { url: item.url, excerptWords: words, reasons: [], problems };
  }
  const policy = resolvePolicy(feed.license, audit.signals);
  const problems = [
    ...(await checkRecorded(item, record, words, audit)),
    ...checkPolicy(item, words, audit, policy),
    ...checkBacklink(feed, item),
  ];
  const share = audit.articleWords === 0 ? 0 : words / audit.articleWords;
  return {
    url: item.url,
    articleWords: audit.articleWords,
    excerptWords: words,
    share,
    reasons: policy.reasons,
    problems,
  };
}

/**
 * Audit every stored item of a feed. Read-only.
 *
 * @example
 * const report = await auditFeed({ store, clock }, feed);
 * report.findings; // items that would break the current policy, each with its problems
 */
export async function auditFeed(
  deps: { readonly store: Store; readonly clock: Clock },
  feed: FeedDefinition,
): Promise<AuditReport> {
  const checkedAt = deps.clock().toISOString();
  const records = await deps.store.listPublished(feed.id, ALL_ITEMS);
  const results = await Promise.all(
    records.flatMap((record) => (record.item ? [auditRecord(feed, record, record.item)] : [])),
  );
  const findings = results.filter((finding) => finding.problems.length > 0);
  const maxShare = results.reduce((max, finding) => Math.max(max, finding.share ?? 0), 0);
  return {
    feedId: feed.id,
    checkedAt,
    ok: findings.length === 0,
    checked: results.length,
    failing: findings.length,
    maxShare,
    findings,
  };
}
