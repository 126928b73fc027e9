/**
 * @module core/extract/image-credit
 * The lead image's credit or caption, which a licence with `images: "credited"` requires before an item
 * may carry the image. Read, in order of how precisely the page states it:
 *
 * 1. JSON-LD: the article's `image` ImageObject (or a standalone ImageObject with the lead image's URL,
 *    as Yoast's `@graph` ships it): `creditText`, then `copyrightHolder`'s name, then `caption`
 *    (schema.org ImageObject / CreativeWork);
 * 2. HTML: the `<figcaption>` of the `<figure>` holding an `<img>` of the lead image's URL (HTML §4.4.13).
 *
 * Only a figure showing the lead image counts: the first figcaption of a page often credits another
 * picture. Read-only — the document is not changed, so it may run before the body step prunes it.
 */
import {
  collapseWhitespace,
  findElements,
  getAttribute,
  readTextContent,
  selectAll,
  type DomDocument,
} from '../html-dom.ts';
import { asList, asRecord, asText, readTypes, resolveReference, type JsonLdGraph, type JsonRecord } from './json-ld.ts';
import { findArticle } from './structured-data.ts';

/** Longer than this, a "caption" is prose, not a credit: it is cut at a word with an ellipsis. */
const MAX_CREDIT_CHARS = 200;

/** Host and path of a URL, so `?w=1200` resizes and `#x` fragments still match the lead image. */
function toImageKey(url: string | undefined, base: string): string | undefined {
  const parsed = url === undefined ? null : URL.parse(url, base);
  return parsed === null ? undefined : `${parsed.host}${parsed.pathname}`;
}

function shorten(text: string | undefined): string | undefined {
  const collapsed = collapseWhitespace(text);
  if (collapsed === undefined || collapsed.length <= MAX_CREDIT_CHARS) return collapsed;
  const cut = collapsed.slice(0, MAX_CREDIT_CHARS);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 1)).trimEnd()}…`;
}

/** A name from a string, a Person/Organization, or a reference to one. */
function readName(value: unknown, graph: JsonLdGraph): string | undefined {
  const resolved = resolveReference(asList(value)[0], graph);
  const record = asRecord(resolved);
  return asText(record ? record['name'] : resolved);
}

function readCreditOf(image: JsonRecord, graph: JsonLdGraph): string | undefined {
  return asText(image['creditText']) ?? readName(image['copyrightHolder'], graph) ?? asText(image['caption']);
}

function readImageUrl(image: JsonRecord): string | undefined {
  return asText(image['url']) ?? asText(image['contentUrl']);
}

/** ImageObjects that may describe the lead image: the article's own, then any in the graph. */
function listImageObjects(graph: JsonLdGraph): JsonRecord[] {
  const article = findArticle(graph);
  const own = asList(article?.['image']).map((value) => asRecord(resolveReference(value, graph)));
  const standalone = graph.nodes.filter((node) => readTypes(node).includes('ImageObject'));
  return [...own, ...standalone].filter((image): image is JsonRecord => image !== undefined);
}

function readJsonLdCredit(graph: JsonLdGraph, imageKey: string | undefined, pageUrl: string): string | undefined {
  for (const image of listImageObjects(graph)) {
    const url = readImageUrl(image);
    if (imageKey !== undefined && url !== undefined && toImageKey(url, pageUrl) !== imageKey) continue;
    const credit = readCreditOf(image, graph);
    if (credit !== undefined) return credit;
  }
  return undefined;
}

function readFigcaptionCredit(document: DomDocument, imageKey: string, pageUrl: string): string | undefined {
  for (const figure of selectAll(document, 'figure')) {
    // The figure's `img` and `figcaption` descendants, in document order (css-select's `img` and `figcaption`
    // below it), in one plain walk: the selector engine costs more than the few elements a figure holds.
    const inside = findElements(figure, (element) => element.name === 'img' || element.name === 'figcaption');
    const shows = inside.some(
      (img) => img.name === 'img' && toImageKey(getAttribute(img, 'src') ?? undefined, pageUrl) === imageKey,
    );
    if (!shows) continue;
    const figcaption = inside.find((element) => element.name === 'figcaption');
    const caption = figcaption ? collapseWhitespace(readTextContent(figcaption)) : undefined;
    if (caption !== undefined) return caption;
  }
  return undefined;
}

/**
 * The credit (or caption) of the article's lead image, or undefined when the page gives none.
 *
 * @param document The parsed page, before the body step prunes it.
 * @param graph The page's JSON-LD (`readJsonLd`), read once for every step.
 * @param image The lead image's absolute URL (`ExtractedArticle.image`).
 * @param pageUrl The page's URL, for relative `src` and JSON-LD URLs.
 * @example
 * readImageCredit(document, readJsonLd(document), 'https://ex.kz/img/lead.jpg', 'https://ex.kz/news/1'); // 'Photo: Akorda'
 */
export function readImageCredit(
  document: DomDocument,
  graph: JsonLdGraph,
  image: string | undefined,
  pageUrl: string,
): string | undefined {
  if (image === undefined) return undefined;
  const imageKey = toImageKey(image, pageUrl);
  if (imageKey === undefined) return undefined;
  try {
    return shorten(readJsonLdCredit(graph, imageKey, pageUrl) ?? readFigcaptionCredit(document, imageKey, pageUrl));
  } catch {
    return undefined;
  }
}
