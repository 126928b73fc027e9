/**
 * @module core/extract/content-cleanup
 * Clean the article container content scoring chose, as Mozilla Readability 0.6 (Apache-2.0) prepares
 * its article: drop forms, embeds, footers and asides, small "share" boxes, headings styled as chrome,
 * and — "conditionally" — tables, lists and divs that look like link lists, image galleries or widgets
 * (too many links, images or list items for their text). Data tables are kept. Mutates the container.
 */
import { isTag, type Element } from 'domhandler';
import {
  containsNode,
  findElements,
  getAttribute,
  readChildElements,
  readTextContent,
  removeNode,
} from '../html-dom.ts';
import {
  ALLOWED_VIDEO,
  DIV_TO_P_TAGS,
  findByTags,
  findNextElement,
  hasAncestorTag,
  hasVisibleText,
  readPatternName,
  readClassWeight,
  readInnerLength,
  readInnerText,
  readLinkDensity,
  type RuleEffects,
} from './content-text.ts';

/** Which of Readability's rules the current pass applies (see content-score's `SCORE_PASSES`). */
export interface CleanFlags {
  readonly weighClasses: boolean;
  readonly cleanConditionally: boolean;
  /** Where to note which of these rules changed anything. */
  readonly effects?: RuleEffects | undefined;
}

const tags = (...names: string[]): ReadonlySet<string> => new Set(names);
const HEADINGS = tags('h1', 'h2', 'h3', 'h4', 'h5', 'h6');
const TEXTISH = new Set(['span', 'li', 'td', ...DIV_TO_P_TAGS]);
const EMBEDS = tags('object', 'embed', 'iframe');
const LISTS = tags('ul', 'ol');
// The tag sets the clean-up looks for, built once rather than on each page.
const TABLE = tags('table');
const CAPTION = tags('caption');
const TABLE_PARTS = tags('col', 'colgroup', 'tfoot', 'thead', 'th');
const ROW = tags('tr');
const CELL = tags('td');
const EMBEDS_AND_ASIDES = tags('object', 'embed', 'footer', 'link', 'aside');
const CONTROLS = tags('iframe', 'input', 'textarea', 'select', 'button');
const TOP_HEADINGS = tags('h1', 'h2');
const CONDITIONAL = new Map(['form', 'fieldset', 'table', 'ul', 'div'].map((tag) => [tag, tags(tag)]));
const AD_WORDS = /^(ad(vertising|vertisement)?|pub(licité)?|werb(ung)?|广告|Реклама|Anuncio)$/iu;
const LOADING_WORDS = /^((loading|正在加载|Загрузка|chargement|cargando)(…|\.\.\.)?)$/iu;
const SHARE = /(\b|_)(share|sharedaddy)(\b|_)/i;
/** Readability's default minimum article length, reused as the "small share box" limit. */
const SHARE_MAX_CHARS = 500;

/**
 * The container's elements in document order, read in one walk when the clean-up starts. The clean-up only
 * removes elements (it adds, moves and renames none), so the ones of these still below the container, in this
 * order, are what a fresh walk would find at any step: each step's scan is a filter of this list instead.
 */
type Descendants = readonly Element[];

function readDescendants(root: Element): Element[] {
  return findElements(root, () => true);
}

/** `findByTags(root, tags)` now: the descendants read at the start with one of `tags`, still below `root`. */
function selectByTags(root: Element, descendants: Descendants, tags: ReadonlySet<string>): Element[] {
  return descendants.filter((element) => tags.has(element.name) && containsNode(root, element));
}

function isVideoEmbed(element: Element): boolean {
  return Object.values(element.attribs).some((value) => ALLOWED_VIDEO.test(value));
}

/** Data tables (Firefox's TableAccessible heuristics), which the conditional clean-up never removes. */
function findDataTables(root: Element, descendants: Descendants): Set<Element> {
  const data = new Set<Element>();
  for (const table of selectByTags(root, descendants, TABLE)) {
    if (getAttribute(table, 'role') === 'presentation' || getAttribute(table, 'datatable') === '0') continue;
    const caption = findByTags(table, CAPTION)[0];
    if (getAttribute(table, 'summary') || (caption && caption.children.length > 0)) data.add(table);
    else if (findByTags(table, TABLE_PARTS).length > 0) data.add(table);
    else if (findByTags(table, TABLE).length === 0) {
      let rows = 0;
      let columns = 0;
      for (const row of findByTags(table, ROW)) {
        rows += Number.parseInt(getAttribute(row, 'rowspan') ?? '', 10) || 1;
        const cells = findByTags(row, CELL);
        columns = Math.max(
          columns,
          cells.reduce((sum, cell) => sum + (Number.parseInt(getAttribute(cell, 'colspan') ?? '', 10) || 1), 0),
        );
      }
      if (columns !== 1 && rows !== 1 && (rows >= 10 || columns > 4 || rows * columns > 10)) data.add(table);
    }
  }
  return data;
}

/**
 * What the conditional clean-up reads of one element, taken once: its inner text and its descendants by
 * tag (one walk instead of one per tag and per check; the element does not change while it is judged).
 */
interface Subtree {
  readonly text: string;
  readonly byTag: ReadonlyMap<string, readonly Element[]>;
}

function readSubtree(node: Element): Subtree {
  const byTag = new Map<string, Element[]>();
  const stack: Element[] = readChildElements(node);
  for (let element = stack.pop(); element; element = stack.pop()) {
    const list = byTag.get(element.name);
    if (list) list.push(element);
    else byTag.set(element.name, [element]);
    // The child elements in order, as `stack.push(...readChildElements(element))` put them, without that array.
    for (const child of element.children) if (isTag(child)) stack.push(child);
  }
  return { text: readInnerText(node), byTag };
}

/** The descendants with one of `tagSet`'s tags (grouped by tag, not in document order). */
function selectTags(subtree: Subtree, tagSet: ReadonlySet<string>): Element[] {
  const selected: Element[] = [];
  for (const tag of tagSet) {
    const elements = subtree.byTag.get(tag);
    if (elements) for (const element of elements) selected.push(element);
  }
  return selected;
}

/** Whether `text` holds at least `count` commas (`text.split(',').length - 1 >= count`), stopping there. */
function hasCommas(text: string, count: number): boolean {
  let found = 0;
  for (let index = text.indexOf(','); index !== -1 && found < count; index = text.indexOf(',', index + 1)) found += 1;
  return found >= count;
}

function countTag(subtree: Subtree, tag: string): number {
  return subtree.byTag.get(tag)?.length ?? 0;
}

function readTextDensity(subtree: Subtree, tagSet: ReadonlySet<string>): number {
  const length = subtree.text.length;
  if (length === 0) return 0;
  return selectTags(subtree, tagSet).reduce((sum, child) => sum + readInnerLength(child), 0) / length;
}

interface Counts {
  readonly p: number;
  readonly img: number;
  readonly li: number;
  readonly input: number;
  readonly embeds: number;
}

/** Readability's shadiness checks for an element with few commas. */
function isShady(node: Element, subtree: Subtree, counts: Counts, isList: boolean, weight: number): boolean {
  const text = subtree.text;
  if (AD_WORDS.test(text) || LOADING_WORDS.test(text)) return true;
  const { p, img, li, input, embeds } = counts;
  // Each measure walks the subtree: take it only when a check needs it (they have no side effects).
  let density: number | undefined;
  const linkDensity = (): number => (density ??= readLinkDensity(node));
  const inFigure = hasAncestorTag(node, 'figure');
  const shortLinks = text.length < 25 && (img === 0 || img > 2) && linkDensity() > 0;
  return (
    (!inFigure && img > 1 && p / img < 0.5) ||
    (!isList && li > p) ||
    input > Math.floor(p / 3) ||
    (!isList && !inFigure && shortLinks && readTextDensity(subtree, HEADINGS) < 0.9) ||
    (!isList && weight < 25 && linkDensity() > 0.2) ||
    (weight >= 25 && linkDensity() > 0.5) ||
    (embeds === 1 && text.length < 75) ||
    embeds > 1 ||
    // A text density of 0: no text, or none of it in a text-ish element.
    (img === 0 && (text.length === 0 || !selectTags(subtree, TEXTISH).some(hasVisibleText)))
  );
}

function shouldRemoveConditionally(
  node: Element,
  tag: string,
  dataTables: ReadonlySet<Element>,
  flags: CleanFlags,
): boolean {
  const subtree = readSubtree(node);
  let isList = tag === 'ul' || tag === 'ol';
  if (!isList) {
    const listLength = selectTags(subtree, LISTS).reduce((sum, list) => sum + readInnerLength(list), 0);
    isList = listLength / subtree.text.length > 0.9;
  }
  if (tag === 'table' && dataTables.has(node)) return false;
  if (hasAncestorTag(node, 'table', -1, (table) => dataTables.has(table)) || hasAncestorTag(node, 'code')) return false;
  if ((subtree.byTag.get('table') ?? []).some((table) => dataTables.has(table))) return false;
  const weight = readClassWeight(node, flags.weighClasses);
  const remove = isRemovableWithWeight(node, subtree, isList, weight);
  // Weights changed this decision if it goes the other way without them.
  const effects = flags.effects;
  if (weight !== 0 && effects && !effects.weighClasses && isRemovableWithWeight(node, subtree, isList, 0) !== remove)
    effects.weighClasses = true;
  return remove;
}

/** The rest of `shouldRemoveConditionally`, the part that reads the element's class weight. */
function isRemovableWithWeight(node: Element, subtree: Subtree, isList: boolean, weight: number): boolean {
  if (weight < 0) return true;
  if (hasCommas(subtree.text, 10)) return false;
  const embedList = selectTags(subtree, EMBEDS);
  if (embedList.some(isVideoEmbed)) return false;
  const counts = {
    p: countTag(subtree, 'p'),
    img: countTag(subtree, 'img'),
    li: countTag(subtree, 'li') - 100,
    input: countTag(subtree, 'input'),
    embeds: embedList.length,
  };
  const remove = isShady(node, subtree, counts, isList, weight);
  // Simple lists of images stay: every item one child, every item an image.
  if (!isList || !remove) return remove;
  if (readChildElements(node).some((item) => readChildElements(item).length > 1)) return true;
  return counts.img !== counts.li + 100;
}

/** What every step of the clean-up reads: the container, its descendants at the start, its data tables. */
interface Cleaning {
  readonly root: Element;
  readonly descendants: Descendants;
  readonly dataTables: ReadonlySet<Element>;
}

/** Remove, last to first, each `tag` below the container that looks fishy. */
function cleanConditionally({ root, descendants, dataTables }: Cleaning, tag: string, flags: CleanFlags): void {
  if (!flags.cleanConditionally) return;
  for (const node of selectByTags(root, descendants, CONDITIONAL.get(tag) ?? tags(tag)).reverse()) {
    if (!shouldRemoveConditionally(node, tag, dataTables, flags)) continue;
    removeNode(node);
    if (flags.effects) flags.effects.cleanConditionally = true;
  }
}

/** Whether the class or id names a share box. */
function isNamedShare(element: Element): boolean {
  const name = readPatternName(element);
  return name !== undefined && SHARE.test(name);
}

/** Elements named "share…" with little text, below each child of the container. */
function removeShareBoxes(container: Element): void {
  for (const child of readChildElements(container)) {
    const end = findNextElement(child, true);
    for (let node = findNextElement(child); node && node !== end;) {
      const isShare = isNamedShare(node) && readTextContent(node).length < SHARE_MAX_CHARS;
      const next = findNextElement(node, isShare);
      if (isShare) removeNode(node);
      node = next;
    }
  }
}

/**
 * Prepare the article container for reading: what Readability's `_prepArticle` removes. Mutates it.
 *
 * @example
 *   cleanArticle(container, { weighClasses: true, cleanConditionally: true }); // forms, asides, share boxes and link lists gone
 */
export function cleanArticle(container: Element, flags: CleanFlags): void {
  const descendants = readDescendants(container);
  const cleaning: Cleaning = { root: container, descendants, dataTables: findDataTables(container, descendants) };
  cleanConditionally(cleaning, 'form', flags);
  cleanConditionally(cleaning, 'fieldset', flags);
  for (const node of selectByTags(container, descendants, EMBEDS_AND_ASIDES)) {
    if (!EMBEDS.has(node.name) || !isVideoEmbed(node)) removeNode(node);
  }
  removeShareBoxes(container);
  for (const node of selectByTags(container, descendants, CONTROLS)) {
    if (node.name !== 'iframe' || !isVideoEmbed(node)) removeNode(node);
  }
  for (const heading of selectByTags(container, descendants, TOP_HEADINGS)) {
    if (readClassWeight(heading, flags.weighClasses) >= 0) continue;
    removeNode(heading);
    // Without weights it would have stayed.
    if (flags.effects) flags.effects.weighClasses = true;
  }
  cleanConditionally(cleaning, 'table', flags);
  cleanConditionally(cleaning, 'ul', flags);
  cleanConditionally(cleaning, 'div', flags);
}
