/**
 * @module core/extract/paywall
 * Paywalled content as publishers mark it for search engines: schema.org `isAccessibleForFree: false`
 * on the article (or on the web page that carries it), optionally with `hasPart` naming the
 * `WebPageElement`s behind the paywall by `cssSelector` (Google's "Subscription and paywalled content"
 * structured data; schema.org/isAccessibleForFree, schema.org/hasPart, schema.org/cssSelector).
 * Without parts the whole article is paywalled; with parts only those are, and the extract stage
 * removes them before reading the body.
 */
import { asList, asRecord, asText, readTypes, resolveReference, type JsonLdGraph, type JsonRecord } from './json-ld.ts';
import { findArticle } from './structured-data.ts';

export interface PaywallMarkup {
  /** `isAccessibleForFree` is false on the article or its page. */
  readonly restricted: boolean;
  /** CSS selectors of the parts marked `isAccessibleForFree: false` (empty: no parts named). */
  readonly partSelectors: readonly string[];
}

/** Page nodes that may carry the flag for the article they hold. */
const PAGE_TYPE = /^(WebPage|ItemPage)$/;

/** schema.org Boolean false as publishers write it: `false`, `"False"`, `"false"`, `"https://schema.org/False"`. */
function isFalse(value: unknown): boolean {
  const first = asList(value)[0];
  if (first === false) return true;
  const text = typeof first === 'string' ? first.trim() : '';
  return /^((https?:\/\/)?schema\.org\/|schema:)?false$/i.test(text);
}

function readPartSelectors(node: JsonRecord, graph: JsonLdGraph): string[] {
  return asList(node['hasPart']).flatMap((item) => {
    const part = asRecord(resolveReference(item, graph));
    if (!part || !isFalse(part['isAccessibleForFree'])) return [];
    return asList(part['cssSelector'])
      .map(asText)
      .filter((selector): selector is string => selector !== undefined);
  });
}

/** The article node and the web-page nodes around it: where the flag and its parts are written. */
function findFlagNodes(graph: JsonLdGraph): JsonRecord[] {
  const article = findArticle(graph);
  const pages = graph.nodes.filter((node) =>
    readTypes(node).some((type) => PAGE_TYPE.test(type.replace(/^https?:\/\/schema\.org\//, ''))),
  );
  return [...new Set([...(article ? [article] : []), ...pages])];
}

/**
 * What the page's JSON-LD (read once per page by `readJsonLd`) says about its paywall.
 *
 * @example
 * readPaywallMarkup(readJsonLd(parseDocument(html)));
 * // { restricted: true, partSelectors: ['.paywall'] } — only `.paywall` is behind the paywall
 */
export function readPaywallMarkup(graph: JsonLdGraph): PaywallMarkup {
  const nodes = findFlagNodes(graph);
  const restricted = nodes.some((node) => isFalse(node['isAccessibleForFree']));
  const partSelectors = [...new Set(nodes.flatMap((node) => readPartSelectors(node, graph)))];
  return { restricted: restricted || partSelectors.length > 0, partSelectors };
}
