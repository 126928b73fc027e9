/**
 * @module core/signals/read-page-signals
 * Everything an article page says about its own re-use, from its markup and its response headers:
 *  - `<meta name="robots">` and `<meta name="lede">` (Google's robots meta specification; see
 *    `robots-directives.ts` for Lede's reading of `noindex`/`none`);
 *  - `<meta name="tdm-reservation">` / `<meta name="tdm-policy">` (W3C TDMRep, HTML technique);
 *  - JSON-LD `isAccessibleForFree: false` (schema.org; see `extract/paywall.ts`): the article is
 *    `paywalled` only when no `hasPart` names the paywalled parts — named parts are cut from the body
 *    by the extract stage instead;
 *  - `<link rel="license" type="application/rsl+xml" href>` (RSL 1.0 licence discovery);
 *  - the header signals of `read-header-signals.ts`.
 * It reuses the extract stage's parsed document, so a page is parsed once.
 */
import { resolveHttpUrl } from '../url.ts';
import { readBaseUrl } from '../extract/canonical-url.ts';
import { selectAll, type DomDocument } from '../extract/dom.ts';
import { parseDocument } from '../extract/parse-html.ts';
import { readPaywallMarkup, type PaywallMarkup } from '../extract/paywall.ts';
import type { PublisherSignals } from '../types.ts';
import { mergeSignals } from './merge-signals.ts';
import { readHeaderSignals, RSL_MEDIA_TYPE, type SignalHeaders } from './read-header-signals.ts';
import { LEDE_AGENT_NAMES, readRobotsRules } from './robots-directives.ts';
import { readTdmPolicy, readTdmReservation } from './tdmrep.ts';

type Part = Partial<PublisherSignals>;

/** `<meta name>` values by lower-cased name, in document order. */
function readMetaByName(document: DomDocument): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const meta of selectAll(document, 'meta[name]')) {
    const name = (meta.getAttribute('name') ?? '').trim().toLowerCase();
    const content = meta.getAttribute('content');
    if (name === '' || content === null) continue;
    values.set(name, [...(values.get(name) ?? []), content]);
  }
  return values;
}

function readRobotsMeta(meta: Map<string, string[]>): Part[] {
  return ['robots', ...LEDE_AGENT_NAMES].flatMap((name) =>
    (meta.get(name) ?? []).map((content) => readRobotsRules(content, `meta ${name}`)),
  );
}

function readTdmMeta(meta: Map<string, string[]>, base: string): Part {
  const reserved = readTdmReservation(meta.get('tdm-reservation')?.[0]);
  if (reserved === undefined) return {};
  const policy = reserved ? readTdmPolicy(meta.get('tdm-policy')?.[0], base) : undefined;
  const seen = [`meta tdm-reservation: ${reserved ? 1 : 0}`, ...(policy ? [`meta tdm-policy: ${policy}`] : [])];
  return { tdmReserved: reserved, ...(policy ? { tdmPolicy: policy } : {}), seen };
}

function readPaywallPart(paywall: PaywallMarkup): Part {
  if (!paywall.restricted) return {};
  if (paywall.partSelectors.length > 0) {
    return {
      seen: [`JSON-LD: isAccessibleForFree false for ${paywall.partSelectors.join(', ')} (removed from the body)`],
    };
  }
  return { paywalled: true, seen: ['JSON-LD: isAccessibleForFree false (whole article)'] };
}

function readRslLinkPart(document: DomDocument, base: string): Part {
  for (const link of selectAll(document, 'link[rel][href]')) {
    const rels = (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
    const type = (link.getAttribute('type') ?? '').trim().toLowerCase();
    if (!rels.includes('license') || type !== RSL_MEDIA_TYPE) continue;
    const href = resolveHttpUrl(link.getAttribute('href') ?? undefined, base);
    if (href) return { rslLicense: href, seen: [`link rel=license (RSL): ${href}`] };
  }
  return {};
}

/** Drop the defaults `mergeSignals` fills in, keeping only what some source said. */
function keepStated(merged: PublisherSignals, parts: readonly Part[]): Part {
  const stated = new Set(parts.flatMap((part) => Object.keys(part)));
  return Object.fromEntries(Object.entries(merged).filter(([key]) => stated.has(key))) as Part;
}

/**
 * The signals a page gives about itself (markup and, when passed, its response headers); `{}` when it
 * says nothing. Pass the extract stage's document to avoid parsing twice; it is only read.
 *
 * @param paywall the document's paywall markup, when the caller has read it already
 * @example
 * const page = await fetchPage({ url });
 * if (page.status === 'ok') readPageSignals(page.body, page.headers, page.url);
 * // { nosnippet: true, seen: ['meta robots: nosnippet'] }
 */
export function readPageSignals(
  page: string | DomDocument,
  headers: SignalHeaders | undefined,
  pageUrl: string,
  paywall?: PaywallMarkup,
): Part {
  const document = typeof page === 'string' ? parseDocument(page) : page;
  const base = readBaseUrl(document, pageUrl);
  const meta = readMetaByName(document);
  const parts: Part[] = [
    ...readRobotsMeta(meta),
    readTdmMeta(meta, base),
    readPaywallPart(paywall ?? readPaywallMarkup(document)),
    readRslLinkPart(document, base),
    readHeaderSignals(headers, pageUrl),
  ];
  const merged = mergeSignals(...parts);
  return merged.seen.length > 0 ? keepStated(merged, parts) : {};
}
