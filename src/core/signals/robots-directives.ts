/**
 * @module core/signals/robots-directives
 * Page-level robots rules as Google's "Robots meta tag, data-nosnippet, and X-Robots-Tag
 * specifications" define them (the de-facto standard other crawlers follow), read for Lede:
 *  - `<meta name="robots">` applies to every crawler, `<meta name="lede">` (our product token) to us;
 *    names and rules are case-insensitive, rules comma-separated;
 *  - `X-Robots-Tag` carries the same rules; an item may start with a user agent (`otherbot: noindex`),
 *    which scopes it and the items after it to that crawler until the next user-agent prefix;
 *  - `nosnippet`; `max-snippet:N` (N characters, 0 = nosnippet, -1 = no limit; the smallest wins);
 *    `noarchive` (and Bing's synonym `nocache`).
 * Lede's decision on `noindex` and `none` (= `noindex, nofollow`): Google defines them as "do not show
 * this page in results", not as "no snippet" — but Lede's feeds are an index of articles shown to
 * readers, so a page its publisher keeps out of every index gets no excerpt either: both imply
 * nosnippet here (the item keeps its title and backlink, as the publisher's own feed lists it).
 */
import type { PublisherSignals } from '../types.ts';
import { LEDE_PRODUCT_TOKEN } from './robots.ts';

/** Names that address Lede in `<meta name>` and X-Robots-Tag prefixes, lower-case. */
export const LEDE_AGENT_NAMES: readonly string[] = [...new Set(['lede', LEDE_PRODUCT_TOKEN.toLowerCase()])];

/** Rules whose own syntax has a colon: never a user-agent prefix. */
const VALUED_RULES = new Set(['max-snippet', 'max-image-preview', 'max-video-preview', 'unavailable_after']);

type Signals = { -readonly [K in keyof PublisherSignals]?: PublisherSignals[K] };

/** Apply one rule (already lower-cased and trimmed) to `signals`; true when it was one we track. */
function applyRule(rule: string, signals: Signals): boolean {
  const compact = rule.replace(/\s+/g, '');
  if (compact === 'nosnippet' || compact === 'noindex' || compact === 'none') {
    signals.nosnippet = true;
    return true;
  }
  if (compact === 'noarchive' || compact === 'nocache') {
    signals.noarchive = true;
    return true;
  }
  const limit = /^max-snippet:(-?\d+)$/.exec(compact);
  if (!limit) return false;
  const value = Number(limit[1]);
  if (value < -1) return false;
  const previous = signals.maxSnippet;
  signals.maxSnippet =
    previous === undefined || previous < 0 ? value : value < 0 ? previous : Math.min(previous, value);
  if (value === 0) signals.nosnippet = true;
  return true;
}

/** Apply a list of rules, recording each tracked one as `<source>: <rule>`. */
function applyRules(rules: readonly string[], source: string, signals: Signals): void {
  for (const raw of rules) {
    const rule = raw.trim().toLowerCase();
    if (rule !== '' && applyRule(rule, signals)) signals.seen = [...(signals.seen ?? []), `${source}: ${rule}`];
  }
}

function finish(signals: Signals): Partial<PublisherSignals> {
  return signals.seen && signals.seen.length > 0 ? signals : {};
}

/**
 * The signals in one robots rule list, e.g. a `<meta name="robots">` content.
 *
 * @param source how `seen` names where the rules came from, e.g. `meta robots`
 * @example
 * readRobotsRules('noindex, max-snippet:120', 'meta robots');
 * // { nosnippet: true, maxSnippet: 120, seen: ['meta robots: noindex', 'meta robots: max-snippet:120'] }
 */
export function readRobotsRules(content: string, source: string): Partial<PublisherSignals> {
  const signals: Signals = {};
  applyRules(content.split(','), source, signals);
  return finish(signals);
}

/**
 * The signals an `X-Robots-Tag` value (several headers arrive comma-joined) gives Lede: unprefixed
 * rules, and rules after a `lede:` prefix; rules after another crawler's prefix are not for us.
 *
 * @example
 * readXRobotsTag('otherbot: noindex, lede: nosnippet'); // { nosnippet: true, seen: ['X-Robots-Tag: nosnippet'] }
 * readXRobotsTag('otherbot: noindex');                  // {}
 */
export function readXRobotsTag(
  value: string,
  agentNames: readonly string[] = LEDE_AGENT_NAMES,
): Partial<PublisherSignals> {
  const signals: Signals = {};
  let scope: string | undefined;
  for (const item of value.split(',')) {
    const prefixed = /^\s*([A-Za-z0-9_-]+)\s*:(.*)$/.exec(item);
    const name = prefixed?.[1]?.toLowerCase();
    let rule = item;
    if (prefixed && name && !VALUED_RULES.has(name)) {
      scope = name;
      rule = prefixed[2] ?? '';
    }
    if (scope === undefined || agentNames.includes(scope)) applyRules([rule], 'X-Robots-Tag', signals);
  }
  return finish(signals);
}
