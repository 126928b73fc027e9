/**
 * @module core/signals/read-header-signals
 * Publisher signals carried by an article's HTTP response headers (names lower-case, as the pull stage
 * keeps them in `FetchPageResult.headers`):
 *  - `X-Robots-Tag` (Google's robots meta specification; see `robots-directives.ts`);
 *  - `tdm-reservation` / `tdm-policy` (W3C TDMRep, "TDM header fields in HTTP responses");
 *  - `Content-Usage` (IETF AI-Preferences, draft-ietf-aipref-attach §2; see `content-usage.ts`);
 *  - `Link: <…>; rel="license"; type="application/rsl+xml"` (RSL 1.0 licence discovery via the
 *    RFC 8288 Link header).
 */
import { resolveHttpUrl } from '../url.ts';
import type { PublisherSignals } from '../types.ts';
import { readUsagePreference } from './content-usage.ts';
import { readXRobotsTag } from './robots-directives.ts';
import { readTdmPolicy, readTdmReservation } from './tdmrep.ts';

export type SignalHeaders = Readonly<Record<string, string>>;

/** The RSL media type (RSL 1.0 §discovery). */
export const RSL_MEDIA_TYPE = 'application/rsl+xml';

type Signals = { -readonly [K in keyof PublisherSignals]?: PublisherSignals[K] };

/**
 * The target of the first `Link` value with rel `license` and the RSL type (RFC 8288 §3), made absolute.
 *
 * @example
 * findRslLink('</license.xml>; rel="license"; type="application/rsl+xml"', 'https://example.com/a');
 * // 'https://example.com/license.xml'
 */
function findRslLink(link: string | undefined, base: string): string | undefined {
  for (const value of (link ?? '').split(/,(?=\s*<)/)) {
    const target = /^\s*<([^>]*)>/.exec(value)?.[1];
    const rel = /;\s*rel\s*=\s*"?([^";]*)"?/i.exec(value)?.[1] ?? '';
    const type = /;\s*type\s*=\s*"?([^";]*)"?/i.exec(value)?.[1] ?? '';
    const isLicense = rel.toLowerCase().split(/\s+/).includes('license');
    if (target !== undefined && isLicense && type.trim().toLowerCase() === RSL_MEDIA_TYPE) {
      return resolveHttpUrl(target, base);
    }
  }
  return undefined;
}

function addSeen(signals: Signals, ...entries: string[]): void {
  signals.seen = [...(signals.seen ?? []), ...entries];
}

function readTdmHeaders(headers: SignalHeaders, pageUrl: string, signals: Signals): void {
  const reserved = readTdmReservation(headers['tdm-reservation']);
  if (reserved === undefined) return;
  signals.tdmReserved = reserved;
  const policy = reserved ? readTdmPolicy(headers['tdm-policy'], pageUrl) : undefined;
  if (policy) signals.tdmPolicy = policy;
  addSeen(signals, `tdm-reservation header: ${reserved ? 1 : 0}`, ...(policy ? [`tdm-policy header: ${policy}`] : []));
}

function readUsageHeader(value: string | undefined, signals: Signals): void {
  if (!value?.trim()) return;
  const verdict = readUsagePreference(value);
  signals.contentUsage = value.trim();
  if (verdict.forbidden) signals.usageForbidden = true;
  addSeen(signals, `Content-Usage header: ${value.trim()}${verdict.forbidden ? ' (forbids excerpts)' : ''}`);
}

/**
 * The signals in an article's response headers; `{}` when there are none.
 *
 * @example
 * readHeaderSignals({ 'x-robots-tag': 'nosnippet', 'content-usage': 'search=n' }, url);
 * // { nosnippet: true, usageForbidden: true, contentUsage: 'search=n', seen: [...] }
 */
export function readHeaderSignals(headers: SignalHeaders | undefined, pageUrl: string): Partial<PublisherSignals> {
  if (!headers) return {};
  const robots = headers['x-robots-tag'] ? readXRobotsTag(headers['x-robots-tag']) : {};
  const signals: Signals = { ...robots };
  readTdmHeaders(headers, pageUrl, signals);
  readUsageHeader(headers['content-usage'], signals);
  const rsl = findRslLink(headers['link'], pageUrl);
  if (rsl) {
    signals.rslLicense = rsl;
    addSeen(signals, `Link header: RSL licence ${rsl}`);
  }
  return signals.seen && signals.seen.length > 0 ? signals : {};
}
