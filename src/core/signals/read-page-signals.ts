/**
 * @module core/signals/read-page-signals
 * Everything an article page says about its own re-use, from its markup and its response headers:
 *  - `<meta name="robots">` and `<meta name="lede">` (Google's robots meta specification; see
 *    `robots-directives.ts` for Lede's reading of `noindex`/`none`);
 *  - `<meta name="tdm-reservation">` / `<meta name="tdm-policy">` (W3C TDMRep, HTML technique);
 *  - JSON-LD `isAccessibleForFree: false` (schema.org; see `extract/paywall.ts`): the article is
 *    `paywalled` when no `hasPart` names the paywalled parts, or when the parts named make the whole body
 *    count as paywalled (they held all of it, or a selector cannot be applied: `PageFacts.paywalledBody`) —
 *    otherwise named parts are cut from the body and the free part is quoted;
 *  - `<link rel="license" type="application/rsl+xml" href>` (RSL 1.0 licence discovery);
 *  - the header signals of `read-header-signals.ts`.
 * It reads the page facts the extract stage gathered while parsing (`extract/page-facts.ts`), so a page
 * is parsed once and this stage never sees a document.
 */
import type { PageFacts } from '../extract/page-facts.ts';
import type { PaywallMarkup } from '../extract/paywall.ts';
import type { PaywalledBody } from '../extract/unquotable.ts';
import type { PublisherSignals } from '../types.ts';
import { mergeSignals } from './merge-signals.ts';
import { readHeaderSignals, RSL_MEDIA_TYPE, type SignalHeaders } from './read-header-signals.ts';
import { LEDE_AGENT_NAMES, readRobotsRules } from './robots-directives.ts';
import { readTdmPolicy, readTdmReservation } from './tdmrep.ts';

type Part = Partial<PublisherSignals>;

function readRobotsMeta(meta: ReadonlyMap<string, readonly string[]>): Part[] {
  return ['robots', ...LEDE_AGENT_NAMES].flatMap((name) =>
    (meta.get(name) ?? []).map((content) => readRobotsRules(content, `meta ${name}`)),
  );
}

function readTdmMeta(meta: ReadonlyMap<string, readonly string[]>, base: string): Part {
  const reserved = readTdmReservation(meta.get('tdm-reservation')?.[0]);
  if (reserved === undefined) return {};
  const policy = reserved ? readTdmPolicy(meta.get('tdm-policy')?.[0], base) : undefined;
  const seen = [`meta tdm-reservation: ${reserved ? 1 : 0}`, ...(policy ? [`meta tdm-policy: ${policy}`] : [])];
  // A key in a part means "stated" (`keepStated`), so an absent policy is left out, not undefined.
  return { tdmReserved: reserved, ...(policy ? { tdmPolicy: policy } : {}), seen };
}

/** How the signal's line ends when the parts named make the whole body count as paywalled. */
const WHOLE_BODY: Readonly<Record<PaywalledBody, string>> = {
  'parts-held-it': 'which held the whole body',
  'parts-unreadable': 'a selector Lede cannot apply, so none of the body is quoted',
};

function readPaywallPart(paywall: PaywallMarkup, paywalledBody: PaywalledBody | undefined): Part {
  if (!paywall.restricted) return {};
  const parts = paywall.partSelectors.join(', ');
  if (paywalledBody)
    return { paywalled: true, seen: [`JSON-LD: isAccessibleForFree false for ${parts}, ${WHOLE_BODY[paywalledBody]}`] };
  if (paywall.partSelectors.length > 0) {
    return {
      seen: [`JSON-LD: isAccessibleForFree false for ${parts} (removed from the body)`],
    };
  }
  return { paywalled: true, seen: ['JSON-LD: isAccessibleForFree false (whole article)'] };
}

function readRslLinkPart(facts: PageFacts): Part {
  const link = facts.licenseLinks.find((candidate) => candidate.type === RSL_MEDIA_TYPE);
  return link ? { rslLicense: link.href, seen: [`link rel=license (RSL): ${link.href}`] } : {};
}

/** Drop the defaults `mergeSignals` fills in, keeping only what some source said. */
function keepStated(merged: PublisherSignals, parts: readonly Part[]): Part {
  const stated = new Set(parts.flatMap((part) => Object.keys(part)));
  return Object.fromEntries(Object.entries(merged).filter(([key]) => stated.has(key)));
}

/**
 * The signals a page gives about itself (its facts as the extract stage read them and, when passed, its
 * response headers); `{}` when it says nothing.
 *
 * @example
 * const { article, facts } = extractPage(page.body, page.url);
 * readPageSignals(facts, page.headers, page.url);
 * // { nosnippet: true, seen: ['meta robots: nosnippet'] }
 */
export function readPageSignals(facts: PageFacts, headers: SignalHeaders | undefined, pageUrl: string): Part {
  const parts: Part[] = [
    ...readRobotsMeta(facts.metaByName),
    readTdmMeta(facts.metaByName, facts.baseUrl),
    readPaywallPart(facts.paywall, facts.paywalledBody),
    readRslLinkPart(facts),
    readHeaderSignals(headers, pageUrl),
  ];
  const merged = mergeSignals(...parts);
  return merged.seen.length > 0 ? keepStated(merged, parts) : {};
}
