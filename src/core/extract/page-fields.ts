/**
 * @module core/extract/page-fields
 * Single fields read from the page's visible markup: through the feed's own selectors (`article.title`,
 * `article.published`, `article.author` — the operator knows the site) or, when structured data is
 * silent, through generic conventions (a dateline element, a byline, the `<h1>`). All lookups tolerate
 * invalid selectors and missing elements.
 */
import { parseDate } from '../dates.ts';
import { isTag, isText } from 'domhandler';
import { isInCommentThread } from './junk.ts';
import { readPageConventions, type PageConventions } from './page-conventions.ts';
import {
  collapseWhitespace,
  containsNode,
  follows,
  readAttribute,
  readText,
  selectAll,
  selectFirst,
  type DomDocument,
  type DomElement,
  type DomNode,
} from '../html-dom.ts';

/** Longest text we accept as a date or byline: longer is a paragraph, not a field. */
const MAX_FIELD_LENGTH = 160;

/**
 * The words a byline's label is made of: "By", "Автор:", "Автор материала:" (English, French, Spanish, German,
 * Russian, Kazakh), "Аўтар:", "Muallif:", "Müəllif:", "Yazar:", "Autor:", "Auteur :", "Door", "Av" (Belarusian, Uzbek
 * and Tajik, Azerbaijani, Turkish, Polish, Czech and Spanish, French, Dutch, Swedish and Norwegian). Read before a
 * name (`AUTHOR_LABEL`) and before a link (`LABEL_BEFORE_LINK`). A phrase comes before its first word, which would
 * otherwise match alone ("Авторы материала: Иван" is Иван, not "материала: Иван").
 */
const LABEL_WORDS =
  'авторы материала|автор материала|by|par|por|von|door|av|авторы|автор|аўтар|муаллиф|muallif|müəllif|yazar|autore|autor|auteur';

/**
 * The label a byline starts with: `LABEL_WORDS`, "From"; "Текст:", "Tekst:" (sites that credit the text and the
 * photos apart) with their colon only.
 */
const AUTHOR_LABEL = new RegExp(String.raw`^\s*((from|${LABEL_WORDS})\s*:?|(текст|tekst)\s*:)\s+`, 'i');

/**
 * A byline in brackets, as Japanese and Chinese pages print it: "（中村早紀）"; not a bracketed description with a
 * comma in it, "(Grenoble, correspondante)".
 */
const BRACKETED = /^\s*[（(]\s*([^（()）,，、]{1,60}?)\s*[）)]\s*$/u;

/** A reporter's title after the name, as Korean and Japanese bylines print it: "박서연 기자", "中村早紀記者". */
const REPORTER_TITLE = /\s*(기자|특파원|記者|特派員)$/u;

/** The same title before the name, as Chinese bylines print it: "记者 张伟". */
const REPORTER_PREFIX = /^\s*(本报记者|记者|記者)\s*/u;

/** An e-mail address printed after the name: "박서연 기자 sypark@example.kr". */
const TRAILING_EMAIL = /\s+[^\s@]+@[^\s@]+\s*$/u;

/**
 * "By Jane Doe" → "Jane Doe"; "（中村早紀）" → "中村早紀"; "박서연 기자 sypark@example.kr" → "박서연";
 * "记者 张伟" → "张伟".
 */
export function cleanAuthorName(text: string | undefined): string | undefined {
  const cleaned = collapseWhitespace(
    text
      ?.replace(TRAILING_EMAIL, '')
      .replace(AUTHOR_LABEL, '')
      .replace(REPORTER_PREFIX, '')
      .replace(BRACKETED, '$1')
      .replace(REPORTER_TITLE, ''),
  );
  return cleaned && cleaned.length <= MAX_FIELD_LENGTH ? cleaned : undefined;
}

/** Where sites keep their authors' pages: `/author/jane-doe`, `/muhabir/…` (Turkish), `/by/…`, `/reporter/…`. */
const AUTHOR_PAGE =
  /\/(authors?|autor(en|es)?|autori|avtor|yazar(lar)?|muhabir|reporters?|journalists?|writers?|by|profiles?|staff)\/[^/?#]/i;

/** The text of `element`'s one link (or of `element`, a link), when it has exactly one and it goes to an author's page. */
function readAuthorLinkText(element: DomElement): string | undefined {
  const links = element.name === 'a' ? [element] : selectAll(element, 'a[href]');
  const link = links.length === 1 ? links[0] : undefined;
  return link !== undefined && AUTHOR_PAGE.test(readAttribute(link, 'href') ?? '') ? readText(link) : undefined;
}

/** Whether `element`'s whole text is one link to an author's page: the name, linked as bylines are. */
function isAuthorLink(element: DomElement, text: string): boolean {
  return readAuthorLinkText(element) === text;
}

/**
 * The name in a byline: its one link to an author's page when it has one ("By <a>Helen Caddick</a>, Chief
 * Reporter"), else its text, cleaned (`cleanAuthorName`).
 */
function readBylineName(element: DomElement, text: string | undefined): string | undefined {
  const linked = text === undefined ? undefined : readAuthorLinkText(element);
  return cleanAuthorName(linked !== undefined && text?.includes(linked) ? linked : text);
}

/**
 * Whether a text found by a loose convention (a class merely containing "-author", "writer" or "reporter", which
 * also names a quote's or a comment's author) is marked as the byline: "Автор: …", "By …", "（…）", a reporter's
 * title ("… 기자", "记者 …"), or the name alone as a link to an author's page.
 */
function isMarkedByline(element: DomElement, text: string | undefined): boolean {
  if (text === undefined) return false;
  if (AUTHOR_LABEL.test(text) || BRACKETED.test(text) || REPORTER_PREFIX.test(text)) return true;
  return REPORTER_TITLE.test(text.replace(TRAILING_EMAIL, '')) || isAuthorLink(element, text);
}

/** Elements a browser lays out as blocks or breaks: their text never runs into the next element's. */
const BLOCK_TAGS = new Set([
  ...'address article aside blockquote br dd div dl dt figcaption figure footer'.split(' '),
  ...'h1 h2 h3 h4 h5 h6 header hr li main nav ol p section table td th tr ul'.split(' '),
]);
const BLOCK_END = 'block-end';

/** Text of the first element matching `selector` that has any. */
export function readSelectedText(document: DomDocument, selector: string | undefined): string | undefined {
  if (!selector) return undefined;
  for (const element of selectAll(document, selector)) {
    const text = readText(element);
    if (text !== undefined) return text;
  }
  return undefined;
}

/**
 * `readText(element)` when it is at most `max` characters long, else undefined, without the descendants `skip`
 * names. A class named "meta" or "byline" may be the whole article's container: reading stops once a prefix of
 * the text is too long (collapsing white space never makes a text shorter than it makes its prefix).
 */
function readShortText(element: DomElement, max: number, skip?: (element: DomElement) => boolean): string | undefined {
  let raw = '';
  let checkAt = max;
  // A block's text is set apart from its neighbours' (a name and the e-mail in the `<div>` after it), as a
  // browser lays it out: a space before it and after it (`BLOCK_END` marks where it ends).
  const stack: (DomNode | typeof BLOCK_END)[] = [...element.children].reverse();
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node === BLOCK_END) raw += ' ';
    else if (isText(node)) {
      raw += node.data;
      if (raw.length <= checkAt) continue;
      if ((collapseWhitespace(raw)?.length ?? 0) > max) return undefined;
      checkAt = raw.length * 2;
    } else if (isTag(node)) {
      if (skip?.(node)) continue;
      if (BLOCK_TAGS.has(node.name)) {
        raw += ' ';
        stack.push(BLOCK_END);
      }
      for (let index = node.children.length - 1; index >= 0; index -= 1) stack.push(node.children[index] as DomNode);
    }
  }
  const text = collapseWhitespace(raw);
  return text !== undefined && text.length <= max ? text : undefined;
}

/** A date from an element: its `datetime` or `content` attribute, then its text (`text`, when read already). */
function readElementDate(
  element: DomElement,
  timezone: string | undefined,
  text: string | undefined = readText(element),
): string | undefined {
  for (const value of [readAttribute(element, 'datetime'), readAttribute(element, 'content'), text]) {
    const date = value !== undefined && value.length <= MAX_FIELD_LENGTH * 2 ? parseDate(value, timezone) : undefined;
    if (date) return date;
  }
  return undefined;
}

/** The first date readable from an element matching `selector`. */
export function readSelectedDate(
  document: DomDocument,
  selector: string | undefined,
  timezone?: string,
): string | undefined {
  if (!selector) return undefined;
  for (const element of selectAll(document, selector)) {
    const date = readElementDate(element, timezone);
    if (date) return date;
  }
  return undefined;
}

/** Authors from every element matching `selector`, de-duplicated and joined by ", ". */
export function readSelectedAuthor(document: DomDocument, selector: string | undefined): string | undefined {
  if (!selector) return undefined;
  const names = selectAll(document, selector)
    .map((element) => cleanAuthorName(readText(element)))
    .filter((name): name is string => name !== undefined);
  return names.length === 0 ? undefined : [...new Set(names)].join(', ');
}

/**
 * A dateline such as "Astana, Kazakhstan • 23 January, 2023 | 10:11", found by convention: `<time>` or an
 * element whose class mentions a date, time, publication, meta or byline, or whose id a date
 * (page-conventions.ts).
 */
export function findDateline(
  document: DomDocument,
  timezone?: string,
  conventions: PageConventions = readPageConventions(document),
): string | undefined {
  // Look inside the article first: sidebars and "most read" lists print dates too. A page without an `<article>`
  // or `<main>` is looked at after its headline first: a header above it often prints today's date.
  const article = conventions.main;
  const all = conventions.datelines;
  const headline = article ? undefined : selectFirst(document, 'h1');
  const first = article
    ? all.filter((element) => containsNode(article, element) && element !== article)
    : headline
      ? all.filter((element) => follows(element, headline))
      : [];
  const candidates = [...first, ...all];
  let inspected = 0;
  for (const element of candidates) {
    // A comment thread prints its own dates: never the article's.
    if (isInCommentThread(element)) continue;
    const text = readShortText(element, MAX_FIELD_LENGTH);
    if (text === undefined) continue;
    const date = readElementDate(element, timezone, text);
    if (date) return date;
    if (++inspected >= 60) break;
  }
  return undefined;
}

/** The conventions from which only a marked byline is taken (`isMarkedByline`): page-conventions.ts's last two. */
const LOOSE_BYLINES = 8;

/** A class name of an element that prints a date or time: `date`, `post-date`, `datetime`, `timestamp`, `pubdate`. */
const DATE_CLASS = /(?:^|[\s_-])(?:date|datetime|time|timestamp|pubdate|published)(?:$|[\s_-])/i;

/**
 * A date printed inside a byline, never part of the name: a `<time>`, or an element classed as a date ("by Jeff
 * Foust<br><span class="datetime">Monday, November 18, 2019</span>"; a byline box holding only the time).
 */
function isPrintedDate(element: DomElement): boolean {
  return element.name === 'time' || DATE_CLASS.test(element.attribs['class'] ?? '');
}

/**
 * An author name from a byline, found by convention (HTML `rel=author`, microdata, class names: the
 * selectors of page-conventions.ts, in their order of preference); else from a meta line's label and link.
 */
export function findByline(
  document: DomDocument,
  conventions: PageConventions = readPageConventions(document),
): string | undefined {
  for (const [index, elements] of conventions.bylines.entries()) {
    for (const element of elements) {
      // A longer text cannot clean down to a name (cleanAuthorName takes off at most a short affix).
      const content = readAttribute(element, 'content');
      const text = content ?? readShortText(element, 2 * MAX_FIELD_LENGTH, isPrintedDate);
      if (index >= LOOSE_BYLINES && (isInCommentThread(element) || !isMarkedByline(element, text))) continue;
      const name = content === undefined ? readBylineName(element, text) : cleanAuthorName(text);
      if (name && !/^https?:\/\//i.test(name)) return name;
    }
  }
  return findLabelledLink(conventions.datelines);
}

/** A byline label at the end of a text, right before the link that names the author: "Автор: <a>…</a>". */
const LABEL_BEFORE_LINK = new RegExp(String.raw`(^|\s)(${LABEL_WORDS}|текст|tekst)\s*:?\s*$`, 'i');

/**
 * The author named in a meta line as a label and a link, "Автор: <a>Светлана Ковалёва</a> от 12-03-2026" (DataLife
 * Engine), "By <a>Jane Doe</a> | 12 March": the link's text, from the first dateline candidate (a class naming a
 * date, meta or info line) outside a comment thread that prints one.
 */
function findLabelledLink(datelines: readonly DomElement[]): string | undefined {
  for (const element of datelines.slice(0, 60)) {
    if (isInCommentThread(element)) continue;
    const { children } = element;
    for (let index = 1; index < children.length; index += 1) {
      const link = children[index];
      const before = children[index - 1];
      if (!link || !isTag(link) || link.name !== 'a' || !before || !isText(before)) continue;
      if (!LABEL_BEFORE_LINK.test(before.data)) continue;
      const name = cleanAuthorName(readShortText(link, MAX_FIELD_LENGTH));
      if (name && !/^https?:\/\//i.test(name)) return name;
    }
  }
  return undefined;
}

/** A path that names a directory's index page: `/`, `/news/`, `/docs/index.html`. */
const INDEX_PATH = /\/(?:index\.[a-z]+)?$/i;

/**
 * Whether `href` leads to a site's front page or to the index of a section holding the page: the site's
 * home, or a documentation set's contents, as a masthead links to them.
 */
function isIndexLink(href: string, pageUrl: string): boolean {
  let target: URL;
  let page: URL;
  try {
    page = new URL(pageUrl);
    target = new URL(href, page);
  } catch {
    return false;
  }
  if (!INDEX_PATH.test(target.pathname)) return false;
  const directory = target.pathname.slice(0, target.pathname.lastIndexOf('/') + 1);
  return directory === '/' || (target.host === page.host && page.pathname.startsWith(directory));
}

/**
 * Whether `heading`, whose text is `text`, is the site's masthead rather than a story's heading: all its text is
 * one link to the site's front page or a section's index (`<h1><a href="/">The Daily</a></h1>`, a theme's logo).
 */
function isMasthead(heading: DomElement, text: string, pageUrl: string): boolean {
  const links = selectAll(heading, 'a');
  const link = links[0];
  if (links.length !== 1 || !link) return false;
  const href = readAttribute(link, 'href');
  return href !== undefined && readText(link) === text && isIndexLink(href, pageUrl);
}

/**
 * Texts of the page's level-1 (and, separately, level-2) headings; with `pageUrl`, without the site's masthead
 * (`isMasthead`), which no story is titled by.
 */
export function readHeadings(document: DomDocument, tag: 'h1' | 'h2', pageUrl?: string): string[] {
  const texts: string[] = [];
  for (const element of selectAll(document, tag)) {
    const text = readText(element);
    if (text !== undefined && (pageUrl === undefined || !isMasthead(element, text, pageUrl))) texts.push(text);
  }
  return texts;
}
