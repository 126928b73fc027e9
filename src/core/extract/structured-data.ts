/**
 * @module core/extract/structured-data
 * Article metadata from schema.org JSON-LD (https://schema.org/Article and its subtypes NewsArticle,
 * BlogPosting, ReportageNewsArticle…): headline, dates, authors, image, language, sections/keywords,
 * publisher and `articleBody`. Values are returned raw (dates unparsed, URLs unresolved): the caller
 * normalises them once for every source.
 */
import type { ArticleFacts } from './meta.ts';
import { decodeHTMLStrict } from 'entities';
import { collapseWhitespace } from '../html-dom.ts';
import { asList, asRecord, asText, readTypes, resolveReference, type JsonLdGraph, type JsonRecord } from './json-ld.ts';

/**
 * `author`: the people's names joined by ", "; `organizationAuthor`: the same of authors typed as an organisation
 * (often the publisher itself: BBC News, a regional paper), which a byline naming a person beats; `image`: the URL
 * as written (maybe relative).
 */
export interface StructuredData extends ArticleFacts {
  readonly organizationAuthor?: string | undefined;
  readonly headline?: string | undefined;
  readonly name?: string | undefined;
  readonly articleBody?: string | undefined;
  readonly publisher?: string | undefined;
  readonly url?: string | undefined;
}

/** schema.org types that describe an article page (Article and its subtypes, plus common look-alikes). */
const ARTICLE_TYPE =
  /^(Article|NewsArticle|AnalysisNewsArticle|AskPublicNewsArticle|BackgroundNewsArticle|OpinionNewsArticle|ReportageNewsArticle|ReviewNewsArticle|BlogPosting|LiveBlogPosting|SocialMediaPosting|DiscussionForumPosting|TechArticle|ScholarlyArticle|SatiricalArticle|Report|AdvertiserContentArticle)$/;

function isArticleNode(node: JsonRecord): boolean {
  return readTypes(node).some((type) => ARTICLE_TYPE.test(type.replace(/^https?:\/\/schema\.org\//, '')));
}

/** The page's article node: a top-level or `@graph` article, else one a WebPage names as `mainEntity`. */
export function findArticle(graph: JsonLdGraph): JsonRecord | undefined {
  const direct = graph.nodes.find(isArticleNode);
  if (direct) return direct;
  for (const node of graph.nodes) {
    const main = asRecord(resolveReference(node['mainEntity'], graph));
    if (main && isArticleNode(main)) return main;
  }
  return undefined;
}

function readString(value: unknown): string | undefined {
  const text = asText(asList(value)[0]);
  return text === undefined ? undefined : collapseWhitespace(decodeHTMLStrict(text));
}

/** A person or organisation's name: a string, `{name}`, or a reference to a node with a name. */
function readName(value: unknown, graph: JsonLdGraph): string | undefined {
  const resolved = resolveReference(value, graph);
  const record = asRecord(resolved);
  return readString(record ? record['name'] : resolved);
}

/** schema.org's Organization and its subtypes an author may be given as (NewsMediaOrganization, Corporation…). */
const ORGANIZATION_TYPE = /Organi[sz]ation$|^(Corporation|NGO|Project)$/;

function isOrganization(value: unknown, graph: JsonLdGraph): boolean {
  const record = asRecord(resolveReference(value, graph));
  return record !== undefined && readTypes(record).some((type) => ORGANIZATION_TYPE.test(type));
}

/** The names of the authors in `value` that are (or, with `organizations` false, are not) organisations. */
function readAuthors(value: unknown, graph: JsonLdGraph, organizations: boolean): string | undefined {
  const names = asList(value)
    .filter((author) => isOrganization(author, graph) === organizations)
    .map((author) => readName(author, graph))
    .filter((name): name is string => name !== undefined && !/^https?:\/\//i.test(name));
  return names.length === 0 ? undefined : [...new Set(names)].join(', ');
}

/** An image URL from a string, an ImageObject (`url`/`contentUrl`), a reference, or a list of those. */
function readImage(value: unknown, graph: JsonLdGraph): string | undefined {
  for (const item of asList(value)) {
    const resolved = resolveReference(item, graph);
    const record = asRecord(resolved);
    const url = record ? (readString(record['url']) ?? readString(record['contentUrl'])) : readString(resolved);
    if (url) return url;
  }
  return undefined;
}

/** `inLanguage` is a BCP 47 string or a Language node (`alternateName` holds the code). */
function readLanguage(value: unknown): string | undefined {
  const record = asRecord(asList(value)[0]);
  return record ? (readString(record['alternateName']) ?? readString(record['name'])) : readString(value);
}

/** `articleSection` (text or list) and `keywords` (comma-separated text or list). */
function readCategories(node: JsonRecord): string[] {
  // One pass of loops: the map, flatMap and filter over copies it replaced cost a fifth of readStructuredData.
  const categories: string[] = [];
  const add = (category: string | undefined): void => {
    const collapsed = collapseWhitespace(category);
    if (collapsed !== undefined) categories.push(collapsed);
  };
  for (const section of asList(node['articleSection'])) add(readString(section));
  for (const keyword of asList(node['keywords'])) for (const part of readString(keyword)?.split(',') ?? []) add(part);
  return categories;
}

function readArticleBody(value: unknown): string | undefined {
  const text = asText(asList(value)[0]);
  return text === undefined ? undefined : decodeHTMLStrict(text);
}

/**
 * What the page's JSON-LD (read once per page by `readJsonLd`) says about its article (empty when it has none).
 *
 * @example
 *   readStructuredData(readJsonLd(parseDocument(html))).headline;
 */
export function readStructuredData(graph: JsonLdGraph): StructuredData {
  const article = findArticle(graph);
  if (!article) return { categories: [] };
  const authors = article['author'] ?? article['creator'];
  return {
    headline: readString(article['headline']),
    name: readString(article['name']),
    published: readString(article['datePublished']) ?? readString(article['dateCreated']),
    modified: readString(article['dateModified']),
    author: readAuthors(authors, graph, false),
    organizationAuthor: readAuthors(authors, graph, true),
    image: readImage(article['image'] ?? article['thumbnailUrl'], graph),
    language: readLanguage(article['inLanguage']),
    categories: readCategories(article),
    articleBody: readArticleBody(article['articleBody'] ?? article['text']),
    publisher: readName(article['publisher'], graph),
    url: readString(article['url']),
  };
}
