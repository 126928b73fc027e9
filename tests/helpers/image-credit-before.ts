/**
 * @module tests/helpers/image-credit-before
 * src/core/extract/image-credit.ts as it was before session 22 parsed each image URL once (`URL.parse`, where it
 * asked `URL.canParse` and then parsed) and found a figure's images and caption in one walk instead of two
 * css-select queries, kept verbatim (imports re-pointed, the entry renamed `readImageCreditBefore`) as the
 * reference tests/core/extract/image-credit.test.ts compares the new one with. Remove this file, and that
 * comparison, once the change has shipped through a release with the output hashes unchanged
 * (tests/core/extract/golden/output-hashes.json), or when the credit's rules change on purpose.
 */
import {
  collapseWhitespace,
  getAttribute,
  readTextContent,
  selectAll,
  selectFirst,
  type DomDocument,
} from '../../src/core/html-dom.ts';
import {
  asList,
  asRecord,
  asText,
  readTypes,
  resolveReference,
  type JsonLdGraph,
  type JsonRecord,
} from '../../src/core/extract/json-ld.ts';
import { findArticle } from '../../src/core/extract/structured-data.ts';

/** Longer than this, a "caption" is prose, not a credit: it is cut at a word with an ellipsis. */
const MAX_CREDIT_CHARS = 200;

/** Host and path of a URL, so `?w=1200` resizes and `#x` fragments still match the lead image. */
function toImageKey(url: string | undefined, base: string): string | undefined {
  if (url === undefined || !URL.canParse(url, base)) return undefined;
  const parsed = new URL(url, base);
  return `${parsed.host}${parsed.pathname}`;
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
    const shows = selectAll(figure, 'img').some(
      (img) => toImageKey(getAttribute(img, 'src') ?? undefined, pageUrl) === imageKey,
    );
    if (!shows) continue;
    const figcaption = selectFirst(figure, 'figcaption');
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
export function readImageCreditBefore(
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
