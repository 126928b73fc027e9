/**
 * @module tests/helpers/feed-validity
 * Reusable checks that a rendered feed follows its spec and Lede's licence rules, as far as they can be
 * checked without the W3C validator: well-formedness, required elements, date formats (RFC 822 in RSS,
 * RFC 3339 in Atom and JSON Feed), no characters XML forbids, unique ids, absolute http(s) URLs, and,
 * for every item, link = canonical URL and a content ending with the visible backlink to that URL.
 *
 * Each `assertValid*` throws one Error listing every problem found, and otherwise returns the items in a
 * common shape so tests can go on to measure what each item reproduces.
 *
 * @example
 * const feed = assertValidRss(await response.text());
 * expect(feed.items.map((item) => item.link)).toContain('https://example.com/news/1');
 */
import { XMLParser } from 'fast-xml-parser';
import { SyntaxValidator } from 'fast-xml-validator';
import { backlinkTemplate } from '../../src/core/render/item-text.ts';

/** One item of a parsed feed, whatever its format. */
export interface ParsedItem {
  readonly id: string;
  readonly link: string;
  readonly title: string;
  /** The item HTML (RSS description, Atom content, JSON Feed content_html), entity-decoded once. */
  readonly html: string;
  /** Other reader-visible text that may reproduce the article (JSON Feed `summary`). */
  readonly summary?: string;
}

export interface ParsedFeed {
  readonly items: readonly ParsedItem[];
}

type XmlNode = Record<string, unknown>;

// eslint-disable-next-line no-control-regex -- finding forbidden control characters is the point
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/u;
const RFC_822 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} (GMT|[+-]\d{4})$/;
const RFC_3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
/** The built-in backlink line in each built-in language (English, Russian, Kazakh), around its link. */
const BACKLINK_WORDS = ['en', 'ru', 'kk'].map((language) => {
  const [before = '', after = ''] = backlinkTemplate(language).split('{attribution}');
  return [before, after].map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
});
const BACKLINK = new RegExp(
  `<p>(?:${BACKLINK_WORDS.map(([before = '', after = '']) => `${before}<a href="([^"]*)">([^<]+)</a>${after}`).join('|')})</p>\\s*$`,
);
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decode the entities our HTML uses (the five XML ones and numeric references). */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity: string, body: string) => {
    if (body[0] !== '#') return ENTITIES[body.toLowerCase()] ?? entity;
    const hex = body[1] === 'x' || body[1] === 'X';
    return String.fromCodePoint(parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10));
  });
}

/** The backlink at the end of an item's HTML, if it has one. */
export function findBacklink(html: string): { href: string; text: string } | undefined {
  const match = BACKLINK.exec(html);
  // One language's pair of groups matched; the others are undefined (which RegExpExecArray's type omits).
  const groups: (string | undefined)[] = match ? match.slice(1) : [];
  const [href = '', text = ''] = groups.filter((group) => group !== undefined);
  return match ? { href: decodeEntities(href), text: decodeEntities(text) } : undefined;
}

/** Reader-visible text of item HTML, paragraphs separated by a blank line; optionally without the backlink line. */
export function htmlToText(html: string, options: { dropBacklink?: boolean } = {}): string {
  const body = options.dropBacklink ? html.replace(BACKLINK, '') : html;
  const text = body.replace(/<\/(p|li|blockquote)>|<br\s*\/?>/gi, '\n\n').replace(/<[^>]*>/g, '');
  return decodeEntities(text)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function isHttpUrl(value: unknown): boolean {
  return typeof value === 'string' && /^https?:\/\/[^\s]+$/.test(value) && URL.canParse(value);
}

function isRfc822(value: unknown): boolean {
  if (typeof value !== 'string' || !RFC_822.test(value)) return false;
  const date = new Date(value);
  return !Number.isNaN(date.getTime()) && (!value.endsWith('GMT') || date.toUTCString() === value);
}

function isRfc3339(value: unknown): boolean {
  return typeof value === 'string' && RFC_3339.test(value) && !Number.isNaN(Date.parse(value));
}

function textOf(node: unknown): string {
  if (typeof node === 'string') return node;
  if (node !== null && typeof node === 'object' && '#text' in node) return String(node['#text']);
  return '';
}

/** A parsed value as text: a string as it is, anything else (absent, an object) as ''. */
function stringOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function asArray(node: unknown): XmlNode[] {
  if (node === undefined || node === null) return [];
  return (Array.isArray(node) ? node : [node]) as XmlNode[];
}

function fail(problems: readonly string[], what: string): void {
  if (problems.length > 0) throw new Error(`invalid ${what}:\n- ${problems.join('\n- ')}`);
}

/** Problems with one item's HTML: backlink to `link` last, absolute URLs, nothing active. */
function checkItemHtml(html: string, link: string, where: string): string[] {
  const problems: string[] = [];
  const backlink = findBacklink(html);
  if (backlink === undefined) problems.push(`${where}: content does not end with the backlink line`);
  else if (backlink.href !== link) problems.push(`${where}: backlink ${backlink.href} is not the item link ${link}`);
  for (const match of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
    if (!isHttpUrl(decodeEntities(match[1] ?? ''))) problems.push(`${where}: relative or unsafe URL ${match[1]}`);
  }
  // Handlers and `javascript:` URLs count inside tags only: an excerpt may say "javascript:" or "only=5" as text,
  // and an http(s) link may hold "javascript:" in its path.
  const tags = html.match(/<[^>]*>/g) ?? [];
  const isActive = (tag: string) => /\son\w+\s*=|=\s*["']?\s*javascript:/i.test(tag);
  if (/<(script|style|iframe)\b/i.test(html) || tags.some(isActive)) problems.push(`${where}: active content in HTML`);
  return problems;
}

/** Parse XML after checking well-formedness and forbidden characters. */
function parseXml(xml: string, what: string): XmlNode {
  const problems: string[] = [];
  try {
    // fast-xml-validator throws, saying where, on the first well-formedness error (control characters included).
    SyntaxValidator.validate(xml);
  } catch (error) {
    problems.push(`not well-formed: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (NOT_XML_CHAR.test(xml)) problems.push('contains characters XML 1.0 forbids');
  fail(problems, what);
  const arrays = new Set(['item', 'entry', 'category', 'link', 'author']);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    isArray: (name) => arrays.has(name),
  });
  return parser.parse(xml) as XmlNode;
}

function checkUnique(items: readonly ParsedItem[], problems: string[]): void {
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.id)) problems.push(`duplicate id ${item.id}`);
    seen.add(item.id);
  }
}

function checkRssChannel(channel: XmlNode, problems: string[]): void {
  for (const name of ['title', 'description', 'copyright', 'generator', 'docs']) {
    if (textOf(channel[name]).trim() === '') problems.push(`channel <${name}> missing`);
  }
  const links = asArray(channel['link']);
  if (links.length !== 1 || !isHttpUrl(textOf(links[0]))) problems.push('channel <link> must be one absolute URL');
  for (const name of ['lastBuildDate', 'pubDate']) {
    if (!isRfc822(textOf(channel[name]))) problems.push(`channel <${name}> is not RFC 822: ${textOf(channel[name])}`);
  }
  const self = asArray(channel['atom:link']).find((link) => link['@_rel'] === 'self');
  if (self?.['@_type'] !== 'application/rss+xml' || !isHttpUrl(self['@_href']))
    problems.push('atom:link rel=self missing or wrong');
  const next = asArray(channel['atom:link']).filter((link) => link['@_rel'] === 'next');
  if (next.length > 1 || next.some((link) => !isHttpUrl(link['@_href'])))
    problems.push('atom:link rel=next: at most one, absolute (RFC 5005 §3)');
}

function readRssItem(node: XmlNode, index: number, problems: string[]): ParsedItem {
  const where = `item ${index}`;
  const link = textOf(asArray(node['link'])[0]);
  const guid = node['guid'];
  const id = textOf(guid);
  if (!isHttpUrl(link)) problems.push(`${where}: <link> is not an absolute URL: ${link}`);
  if (textOf(node['title']).trim() === '') problems.push(`${where}: <title> missing`);
  if (id === '') problems.push(`${where}: <guid> missing`);
  if (typeof guid === 'object' && guid !== null && (guid as XmlNode)['@_isPermaLink'] === 'true' && !isHttpUrl(id)) {
    problems.push(`${where}: permalink guid is not a URL`);
  }
  if (!isRfc822(textOf(node['pubDate']))) problems.push(`${where}: <pubDate> is not RFC 822`);
  if (node['author'] !== undefined) problems.push(`${where}: <author> needs an e-mail address; use dc:creator`);
  const media = node['media:content'] as XmlNode | undefined;
  if (media !== undefined && !isHttpUrl(media['@_url'])) problems.push(`${where}: media:content url not absolute`);
  const html = textOf(node['description']);
  problems.push(...checkItemHtml(html, link, where));
  // RSS 2.0 <source>: "Its value is the name of the RSS channel that the item came from", with a required url.
  const source = node['source'] as XmlNode | undefined;
  if (source !== undefined && (!isHttpUrl(source['@_url']) || textOf(source).trim() === ''))
    problems.push(`${where}: <source> needs an absolute url and the channel's name`);
  return { id, link, title: textOf(node['title']), html };
}

/** Check an RSS 2.0 document (RSS Advisory Board spec, W3C validator rules); return its items. */
export function assertValidRss(xml: string): ParsedFeed {
  const rss = parseXml(xml, 'RSS')['rss'] as XmlNode | undefined;
  const channel = rss?.['channel'] as XmlNode | undefined;
  if (rss?.['@_version'] !== '2.0' || channel === undefined)
    throw new Error('invalid RSS: no <rss version="2.0"><channel>');
  const problems: string[] = [];
  checkRssChannel(channel, problems);
  const items = asArray(channel['item']).map((node, index) => readRssItem(node, index, problems));
  checkUnique(items, problems);
  fail(problems, 'RSS');
  return { items };
}

function checkAtomFeed(feed: XmlNode, problems: string[]): void {
  if (feed['@_xmlns'] !== 'http://www.w3.org/2005/Atom') problems.push('wrong or missing Atom namespace');
  if (textOf(feed['id']).trim() === '') problems.push('feed <id> missing');
  if (textOf(feed['title']).trim() === '') problems.push('feed <title> missing');
  if (textOf(feed['rights']).trim() === '') problems.push('feed <rights> missing');
  if (!isRfc3339(textOf(feed['updated']))) problems.push('feed <updated> is not RFC 3339');
  const links = asArray(feed['link']);
  const self = links.find((link) => link['@_rel'] === 'self');
  if (self?.['@_type'] !== 'application/atom+xml' || !isHttpUrl(self['@_href']))
    problems.push('link rel=self missing or wrong');
  if (!links.some((link) => link['@_rel'] === 'alternate' && isHttpUrl(link['@_href'])))
    problems.push('link rel=alternate missing');
  // RFC 5005 §3: a paged feed's next link is one absolute URL of the same type.
  const next = links.filter((link) => link['@_rel'] === 'next');
  if (next.length > 1 || next.some((link) => !isHttpUrl(link['@_href']) || link['@_type'] !== 'application/atom+xml'))
    problems.push('link rel=next: at most one, absolute, of type application/atom+xml');
}

/** RFC 4287 §4.2.11: an entry copied from another feed names it in atom:source (its id and title at least). */
function checkAtomSource(source: XmlNode | undefined, where: string, problems: string[]): void {
  if (source === undefined) return;
  if (!isHttpUrl(textOf(source['id']))) problems.push(`${where}: <source> without an absolute <id>`);
  if (textOf(source['title']).trim() === '') problems.push(`${where}: <source> without a <title>`);
}

function readAtomEntry(node: XmlNode, index: number, feedHasAuthor: boolean, problems: string[]): ParsedItem {
  const where = `entry ${index}`;
  const id = textOf(node['id']);
  const alternate = asArray(node['link']).find((link) => (link['@_rel'] ?? 'alternate') === 'alternate');
  const link = stringOf(alternate?.['@_href']);
  if (id.trim() === '') problems.push(`${where}: <id> missing`);
  if (textOf(node['title']).trim() === '') problems.push(`${where}: <title> missing`);
  if (!isHttpUrl(link)) problems.push(`${where}: no absolute rel=alternate link`);
  if (!isRfc3339(textOf(node['updated']))) problems.push(`${where}: <updated> is not RFC 3339`);
  if (node['published'] !== undefined && !isRfc3339(textOf(node['published'])))
    problems.push(`${where}: <published> is not RFC 3339`);
  if (!feedHasAuthor && asArray(node['author']).length === 0) problems.push(`${where}: no author (RFC 4287 §4.1.1)`);
  const content = node['content'] as XmlNode | undefined;
  if (content?.['@_type'] !== 'html') problems.push(`${where}: <content type="html"> missing`);
  const html = textOf(content);
  problems.push(...checkItemHtml(html, link, where));
  checkAtomSource(node['source'] as XmlNode | undefined, where, problems);
  return { id, link, title: textOf(node['title']), html };
}

/** Check an Atom 1.0 document (RFC 4287); return its entries. */
export function assertValidAtom(xml: string): ParsedFeed {
  const feed = parseXml(xml, 'Atom')['feed'] as XmlNode | undefined;
  if (feed === undefined) throw new Error('invalid Atom: no <feed>');
  const problems: string[] = [];
  checkAtomFeed(feed, problems);
  const hasAuthor = asArray(feed['author']).some((author) => textOf(author['name']).trim() !== '');
  const items = asArray(feed['entry']).map((node, index) => readAtomEntry(node, index, hasAuthor, problems));
  checkUnique(items, problems);
  fail(problems, 'Atom');
  return { items };
}

function collectStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((member) => collectStrings(member, out));
  else if (value !== null && typeof value === 'object')
    Object.values(value).forEach((member) => collectStrings(member, out));
  return out;
}

function readJsonItem(node: XmlNode, index: number, problems: string[]): ParsedItem {
  const where = `item ${index}`;
  const { id, url, title, content_html: html, summary } = node;
  if (typeof id !== 'string' || id === '') problems.push(`${where}: id must be a non-empty string`);
  if (!isHttpUrl(url)) problems.push(`${where}: url is not absolute`);
  if (typeof html !== 'string') problems.push(`${where}: content_html missing`);
  if ('author' in node) problems.push(`${where}: "author" is deprecated in 1.1; use "authors"`);
  if (node['authors'] !== undefined && !Array.isArray(node['authors']))
    problems.push(`${where}: authors must be an array`);
  for (const key of ['date_published', 'date_modified']) {
    if (node[key] !== undefined && !isRfc3339(node[key])) problems.push(`${where}: ${key} is not RFC 3339`);
  }
  const lede = node['_lede'] as XmlNode | undefined;
  if (typeof lede?.['share'] !== 'number' || typeof lede['words'] !== 'number')
    problems.push(`${where}: _lede {share, words} missing`);
  problems.push(...checkItemHtml(stringOf(html), String(url), where));
  return {
    id: String(id),
    link: String(url),
    title: stringOf(title),
    html: stringOf(html),
    ...(typeof summary === 'string' ? { summary } : {}),
  };
}

/** Check a JSON Feed 1.1 document; return its items. */
export function assertValidJsonFeed(json: string): ParsedFeed {
  const feed = JSON.parse(json) as XmlNode;
  const problems: string[] = [];
  if (feed['version'] !== 'https://jsonfeed.org/version/1.1') problems.push('version is not JSON Feed 1.1');
  if (typeof feed['title'] !== 'string' || feed['title'] === '') problems.push('title missing');
  if (!Array.isArray(feed['items'])) problems.push('items must be an array');
  if (feed['feed_url'] !== undefined && !isHttpUrl(feed['feed_url'])) problems.push('feed_url not absolute');
  if (feed['home_page_url'] !== undefined && !isHttpUrl(feed['home_page_url']))
    problems.push('home_page_url not absolute');
  if (collectStrings(feed).some((text) => NOT_XML_CHAR.test(text))) problems.push('a string holds a control character');
  const license = (feed['_lede'] as XmlNode | undefined)?.['license'] as XmlNode | undefined;
  if (typeof license?.['attribution'] !== 'string' || typeof license['max_share'] !== 'number')
    problems.push('_lede.license missing');
  const items = asArray(feed['items']).map((node, index) => readJsonItem(node, index, problems));
  checkUnique(items, problems);
  fail(problems, 'JSON Feed');
  return { items };
}
