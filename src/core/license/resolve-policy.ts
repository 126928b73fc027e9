/**
 * @module core/license/resolve-policy
 * The terms that apply to one article: the feed's configured licence combined with what the publisher
 * says on the page, in its headers and in robots.txt / tdmrep.json (`PublisherSignals`, read by
 * src/core/signals). The stricter always wins; every signal that tightened the terms is named in
 * `reasons`, which is stored with the item for the audit.
 *
 * | Signal | Effect |
 * | --- | --- |
 * | `nosnippet` (robots meta, X-Robots-Tag) | title and backlink only |
 * | `max-snippet:N` | at most N characters of excerpt text (0 = nosnippet, -1 = no limit) |
 * | `noarchive` | recorded: Lede keeps no copy of the page anyway (only the excerpt, counts and hashes) |
 * | TDM reservation (TDMRep: meta, header, /.well-known/tdmrep.json) | title and backlink only, unless the licence is `explicit` |
 * | paywalled (`isAccessibleForFree: false`) | title and backlink only: paid content is never quoted |
 * | robots.txt disallows Lede | the page is not fetched: title and backlink from the source entry |
 * | RSL / Content-Usage forbid this use | title and backlink only |
 *
 * Images: a title-only item carries no image either (the image is part of the page's content).
 */
import { NO_SIGNALS } from '../signals/merge-signals.ts';
import type { EffectivePolicy, LicensePolicy, PublisherSignals, TitleOnlyReason } from '../types.ts';

/** The image rule when the licence does not say: only with a credit (images are works of their own). */
export const DEFAULT_IMAGES: EffectivePolicy['images'] = 'credited';

/** Reasons that reduce an item to its title and backlink, in the order they are reported: code and audit line. */
function findTitleOnlyReasons(license: LicensePolicy, signals: PublisherSignals): [TitleOnlyReason, string][] {
  const reasons: [TitleOnlyReason, string][] = [];
  if (signals.robotsDisallowed)
    reasons.push([
      'robots-disallowed',
      'robots-disallowed: robots.txt disallows Lede for this path; the page was not fetched',
    ]);
  if (signals.nosnippet) reasons.push(['nosnippet', 'nosnippet: title and backlink only']);
  if (signals.maxSnippet === 0) reasons.push(['max-snippet', 'max-snippet:0: title and backlink only']);
  if (signals.paywalled)
    reasons.push(['paywalled', 'paywalled: isAccessibleForFree is false; paid content is never quoted']);
  if (signals.usageForbidden)
    reasons.push([
      'usage-forbidden',
      "usage-forbidden: the publisher's RSL licence or Content-Usage preference forbids this use",
    ]);
  if (signals.tdmReserved && license.explicit !== true)
    reasons.push(['tdm-reserved', 'tdm-reserved: TDM rights reserved and the licence is not explicit']);
  return reasons;
}

/** Reasons that are recorded without reducing the item further. */
function findNoteReasons(license: LicensePolicy, signals: PublisherSignals): string[] {
  const notes: string[] = [];
  if (signals.tdmReserved && license.explicit === true)
    notes.push('tdm-reserved: overridden, the licence was granted explicitly');
  if (signals.noarchive) notes.push('noarchive: recorded; Lede keeps no copy of the page');
  return notes;
}

/** `max-snippet:N` as a character cap: undefined for "no limit" (absent or -1), N otherwise. */
function readMaxChars(signals: PublisherSignals): number | undefined {
  const n = signals.maxSnippet;
  return n === undefined || n < 0 || !Number.isFinite(n) ? undefined : Math.floor(n);
}

/**
 * Combine a feed's licence with one article's publisher signals; the stricter always wins.
 *
 * @param license The feed's configured terms (`license` in feeds/<id>.json).
 * @param signals What the publisher says about this article (default: nothing).
 * @example
 * resolvePolicy({ maxShare: 0.3, attribution: 'Example' }, { ...NO_SIGNALS, maxSnippet: 120 });
 * // { maxShare: 0.3, maxChars: 120, titleOnly: false, images: 'credited', reasons: ['max-snippet:120: …'] }
 * // (title-only: also `titleOnlyReason`, the first signal's code, e.g. 'nosnippet')
 */
export function resolvePolicy(license: LicensePolicy, signals: PublisherSignals = NO_SIGNALS): EffectivePolicy {
  const titleReasons = findTitleOnlyReasons(license, signals);
  const titleOnly = titleReasons.length > 0;
  const [first] = titleReasons;
  const maxChars = titleOnly ? undefined : readMaxChars(signals);
  const charReasons = maxChars === undefined ? [] : [`max-snippet:${maxChars}: at most ${maxChars} characters of text`];
  return {
    maxShare: license.maxShare,
    ...(license.maxWords === undefined ? {} : { maxWords: license.maxWords }),
    ...(maxChars === undefined ? {} : { maxChars }),
    titleOnly,
    ...(first === undefined ? {} : { titleOnlyReason: first[0] }),
    images: titleOnly ? false : (license.images ?? DEFAULT_IMAGES),
    reasons: [...titleReasons.map(([, line]) => line), ...charReasons, ...findNoteReasons(license, signals)],
  };
}
