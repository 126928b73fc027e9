/**
 * @module core/signals/rsl
 * Really Simple Licensing (RSL 1.0, https://rslstandard.org/rsl) licence documents, read for the one
 * question Lede has: may this content be used the way Lede uses it? An RSL document (`<rsl>`, media type
 * `application/rsl+xml`) lists `<content url>` assets (full URLs or RFC 9309 path patterns), each with
 * one or more `<license>` offers made of `<permits>` / `<prohibits>` (`type="usage"`: `all`, `ai-all`,
 * `ai-train`, `ai-input`, `ai-index`, `search`) and an optional `<payment type>`.
 *
 * Lede's use — an excerpt with a link back, shown to readers — is RSL's `search` usage (content shown
 * as links and short excerpts); it is no AI usage. A licence offer is usable by Lede unless:
 *  - it prohibits `all` or `search` usage;
 *  - it permits usages but neither `all` nor `search` (a permits list grants only what it names);
 *  - it asks for payment (any `<payment type>` but `free` and `attribution`: Lede pays nobody);
 * and a content asset forbids Lede's use when it offers licences and none is usable, or when it names
 * a licence `server` (RSL: a licence must then be obtained from it, even a free one — Lede does not).
 * `user` and `geo` permits/prohibits are not evaluated. The result is plain JSON-serialisable data.
 */
import { attr, isNode, parseXml, text, type XmlNode } from '../pull/xml-document.ts';
import type { RslContentTerms, RslTerms } from '../signal-records.ts';
import { matchesPathPattern, normalizePath, toMatchPath } from './path-pattern.ts';

const LEDE_USAGES = ['all', 'search'];
const FREE_PAYMENTS = ['free', 'attribution'];

/** Children by local name, namespace prefix ignored (`rsl:content` ≡ `content`). */
function childrenNamed(node: unknown, name: string): XmlNode[] {
  if (!isNode(node)) return [];
  return Object.entries(node)
    .filter(([key]) => !key.startsWith('@') && (key === name || key.endsWith(`:${name}`)))
    .flatMap(([, value]): unknown[] => (Array.isArray(value) ? value : [value]))
    .map((value) => (isNode(value) ? value : { '#text': value }));
}

/** The usage tokens of `<permits type="usage">` or `<prohibits type="usage">` children. */
function readUsages(license: XmlNode, element: 'permits' | 'prohibits'): string[] | undefined {
  const lists = childrenNamed(license, element).filter((node) => (attr(node, 'type') ?? 'usage') === 'usage');
  if (lists.length === 0) return undefined;
  return lists.flatMap((node) =>
    (text(node) ?? '')
      .toLowerCase()
      .split(/[\s,]+/)
      .filter((token) => token !== ''),
  );
}

/** Why a licence offer is not usable by Lede, or undefined when it is. */
function findLicenceObstacle(license: XmlNode): string | undefined {
  const prohibited = readUsages(license, 'prohibits')?.filter((usage) => LEDE_USAGES.includes(usage)) ?? [];
  if (prohibited.length > 0) return `prohibits ${prohibited.join(', ')}`;
  const permitted = readUsages(license, 'permits');
  if (permitted && !permitted.some((usage) => LEDE_USAGES.includes(usage))) {
    return `permits ${permitted.join(', ') || 'nothing'} only`;
  }
  const payment = childrenNamed(license, 'payment').map((node) => attr(node, 'type') ?? 'unspecified');
  const paid = payment.find((type) => !FREE_PAYMENTS.includes(type.toLowerCase()));
  return paid ? `requires payment (${paid})` : undefined;
}

function evaluateContent(content: XmlNode): { forbidden: boolean; reason: string } {
  const server = attr(content, 'server');
  if (server) return { forbidden: true, reason: `licence server ${server} must grant a licence` };
  const licenses = childrenNamed(content, 'license');
  if (licenses.length === 0) return { forbidden: false, reason: 'no licence terms' };
  const obstacles = licenses.map(findLicenceObstacle);
  if (obstacles.some((obstacle) => obstacle === undefined))
    return { forbidden: false, reason: 'permits search-like use' };
  return { forbidden: true, reason: obstacles.join('; ') };
}

/** The asset's path pattern on `origin`, or undefined for a full URL elsewhere. */
function toContentPattern(url: string | undefined, origin: string): string | undefined {
  if (!url) return undefined;
  if (url.startsWith('/')) return normalizePath(url);
  try {
    const parsed = new URL(url);
    return parsed.origin === origin ? normalizePath(`${parsed.pathname}${parsed.search}`) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Parse an RSL document; throws `malformed-source` for XML that is not well-formed.
 *
 * @param origin the site the terms are read for (`http://host:port`)
 * @example
 * parseRsl('<rsl xmlns="https://rslstandard.org/rsl"><content url="/"><license><prohibits type="usage">all</prohibits></license></content></rsl>', url, origin);
 * // { url, contents: [{ pattern: '/', forbidden: true, reason: 'prohibits all' }] }
 */
export function parseRsl(xml: string, url: string, origin: string): RslTerms {
  const document = parseXml(xml, url);
  const contents = childrenNamed(document, 'rsl').flatMap((rsl) => childrenNamed(rsl, 'content'));
  return {
    url,
    contents: contents.flatMap((content) => {
      const pattern = toContentPattern(attr(content, 'url'), origin);
      return pattern === undefined ? [] : [{ pattern, ...evaluateContent(content) }];
    }),
  };
}

/**
 * The terms for one path: those of the most specific (longest) matching asset.
 *
 * @example
 * findRslTerms(terms, '/signals/rsl/article')?.forbidden; // true
 */
export function findRslTerms(terms: RslTerms, path: string): RslContentTerms | undefined {
  const target = toMatchPath(path);
  const matching = terms.contents.filter((content) => matchesPathPattern(content.pattern, target));
  return matching.reduce<RslContentTerms | undefined>(
    (best, content) => (!best || content.pattern.length > best.pattern.length ? content : best),
    undefined,
  );
}
