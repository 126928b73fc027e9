/**
 * @module core/signals/merge-signals
 * Combine what several sources say about one article — the site (robots.txt, tdmrep.json, RSL) and the
 * page (robots meta, X-Robots-Tag, TDMRep meta/headers, JSON-LD paywall, Content-Usage) — into one full
 * `PublisherSignals`. The stricter statement always wins: any source reserving, forbidding or marking
 * nosnippet is enough, and the smallest `max-snippet` applies (Google's robots meta rules say the
 * more restrictive of conflicting rules applies; the AI-Preferences vocabulary combines preferences
 * the same way, draft-ietf-aipref-vocab §7.1).
 */
import type { PublisherSignals } from '../types.ts';

/** A page nobody said anything about: everything allowed, nothing seen. */
export const NO_SIGNALS: PublisherSignals = Object.freeze({
  nosnippet: false,
  noarchive: false,
  tdmReserved: false,
  paywalled: false,
  robotsDisallowed: false,
  usageForbidden: false,
  seen: Object.freeze([]),
});

type Part = Partial<PublisherSignals> | undefined;

/** The smallest limit that is one (≥ 0); -1 ("no limit") only when nobody set a real one. */
function mergeMaxSnippet(parts: readonly Part[]): number | undefined {
  const values = parts.map((part) => part?.maxSnippet).filter((value): value is number => value !== undefined);
  const limits = values.filter((value) => value >= 0);
  if (limits.length > 0) return Math.min(...limits);
  return values.length > 0 ? -1 : undefined;
}

function anyOf(
  parts: readonly Part[],
  key: 'nosnippet' | 'noarchive' | 'tdmReserved' | 'paywalled' | 'robotsDisallowed' | 'usageForbidden',
): boolean {
  return parts.some((part) => part?.[key] === true);
}

function firstOf(parts: readonly Part[], key: 'tdmPolicy' | 'rslLicense'): string | undefined {
  return parts.find((part) => part?.[key] !== undefined)?.[key];
}

/** Every distinct raw preference, in order; ` | ` keeps them apart (each is its own statement). */
function joinContentUsage(parts: readonly Part[]): string | undefined {
  const values = [...new Set(parts.map((part) => part?.contentUsage).filter((value): value is string => !!value))];
  return values.length > 0 ? values.join(' | ') : undefined;
}

/**
 * Merge partial signals (any order, `undefined` parts skipped) into a full `PublisherSignals`.
 * `max-snippet:0` counts as nosnippet, as Google defines it.
 *
 * @example
 * const site = signalsForPath(siteSignals, new URL(page.url).pathname);
 * const signals = mergeSignals(site, article.signals);
 * signals.seen; // ['robots.txt: License https://example.com/license.xml', 'meta robots: max-snippet:120']
 */
export function mergeSignals(...parts: readonly Part[]): PublisherSignals {
  const maxSnippet = mergeMaxSnippet(parts);
  const tdmPolicy = firstOf(parts, 'tdmPolicy');
  const rslLicense = firstOf(parts, 'rslLicense');
  const contentUsage = joinContentUsage(parts);
  // Optional fields no source stated stay absent: a merged result is a part again (read-page-signals keeps
  // the keys that some part has), and it is stored with the audit.
  return {
    nosnippet: anyOf(parts, 'nosnippet') || maxSnippet === 0,
    ...(maxSnippet !== undefined ? { maxSnippet } : {}),
    noarchive: anyOf(parts, 'noarchive'),
    tdmReserved: anyOf(parts, 'tdmReserved'),
    ...(tdmPolicy !== undefined ? { tdmPolicy } : {}),
    paywalled: anyOf(parts, 'paywalled'),
    robotsDisallowed: anyOf(parts, 'robotsDisallowed'),
    ...(rslLicense !== undefined ? { rslLicense } : {}),
    usageForbidden: anyOf(parts, 'usageForbidden'),
    ...(contentUsage !== undefined ? { contentUsage } : {}),
    seen: [...new Set(parts.flatMap((part) => part?.seen ?? []))],
  };
}
