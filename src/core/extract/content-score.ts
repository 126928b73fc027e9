/**
 * @module core/extract/content-score
 * Find the article container by content scoring, the way Mozilla Readability 0.6 (Apache-2.0; the
 * Firefox Reader View engine) does on its first, strictest pass — but on the light domhandler tree the
 * rest of the stage reads, instead of a full DOM: prepare the page (scripts, styles, `<br><br>` runs,
 * hidden and unlikely elements), score paragraphs and credit their ancestors, pick the best candidate
 * and its related siblings, then clean them (content-cleanup.ts). The walk before scoring is content-walk.ts.
 * Mutates the document.
 */
import { Element, type AnyNode, type Document } from 'domhandler';
import { appendChild } from 'domutils';
import { forgetTagIndex, isElement, readBody, readChildElements } from '../html-dom.ts';
import { cleanArticle } from './content-cleanup.ts';
import {
  readClassName,
  readClassWeight,
  readInnerText,
  readLinkDensities,
  readLinkDensity,
  type RuleEffects,
} from './content-text.ts';
import { prepareDocument } from './content-prepare.ts';
import { collectElementsToScore } from './content-walk.ts';

const KEEP_AS_SIBLING = new Set(['div', 'article', 'section', 'p', 'ol', 'ul']);
const COMMAS = /\u002C|\u060C|\uFE50|\uFE10|\uFE11|\u2E41|\u2E34|\u2E32|\uFF0C/g;
const TAG_SCORES: Readonly<Record<string, number>> = {
  div: 5,
  pre: 3,
  td: 3,
  blockquote: 3,
  address: -3,
  ol: -3,
  ul: -3,
  dl: -3,
  dd: -3,
  dt: -3,
  li: -3,
  form: -3,
  h1: -5,
  h2: -5,
  h3: -5,
  h4: -5,
  h5: -5,
  h6: -5,
  th: -5,
};

type Scores = Map<Element, number>;

/** Readability's passes: each retry (on a fresh copy of the page) drops the strictest rule left. */
export interface ScoreFlags {
  readonly stripUnlikely: boolean;
  readonly weighClasses: boolean;
  readonly cleanConditionally: boolean;
}

/** One pass's rules, and where to note which of them changed anything. */
type PassRules = ScoreFlags & { readonly effects?: RuleEffects | undefined };

/** The passes in order, strictest first. */
export const SCORE_PASSES: readonly ScoreFlags[] = [
  { stripUnlikely: true, weighClasses: true, cleanConditionally: true },
  { stripUnlikely: false, weighClasses: true, cleanConditionally: true },
  { stripUnlikely: false, weighClasses: false, cleanConditionally: true },
  { stripUnlikely: false, weighClasses: false, cleanConditionally: false },
];

function initializeScore(element: Element, scores: Scores, rules: PassRules): void {
  if (!scores.has(element))
    scores.set(element, (TAG_SCORES[element.name] ?? 0) + readClassWeight(element, rules.weighClasses, rules.effects));
}

/** Score each paragraph and credit its ancestors: parent fully, grandparent half, then less. */
function scoreParagraphs(toScore: readonly Element[], rules: PassRules): Scores {
  const scores: Scores = new Map();
  for (const element of toScore) {
    if (!element.parent || !isElement(element.parent)) continue;
    const text = readInnerText(element);
    if (text.length < 25) continue;
    const score = 1 + text.split(COMMAS).length + Math.min(Math.floor(text.length / 100), 3);
    let level = 0;
    for (let ancestor: AnyNode | null = element.parent; ancestor && level < 5; ancestor = ancestor.parent, level += 1) {
      if (!isElement(ancestor) || !ancestor.parent || !isElement(ancestor.parent)) continue;
      initializeScore(ancestor, scores, rules);
      const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3;
      scores.set(ancestor, (scores.get(ancestor) ?? 0) + score / divider);
    }
  }
  const densities = readLinkDensities(scores.keys());
  for (const [candidate, score] of scores) scores.set(candidate, score * (1 - (densities.get(candidate) ?? 0)));
  return scores;
}

/** A common ancestor of at least three near-best candidates is a better container than the best alone. */
function preferSharedAncestor(top: Element, ranked: readonly Element[], scores: Scores): Element {
  const best = scores.get(top) ?? 0;
  const lists = ranked
    .slice(1)
    .filter((candidate) => (scores.get(candidate) ?? 0) / best >= 0.75)
    .map((candidate) => readAncestors(candidate));
  if (lists.length < 3) return top;
  for (let parent = top.parent; parent && isElement(parent) && parent.name !== 'body'; parent = parent.parent) {
    if (lists.filter((list) => list.includes(parent)).length >= 3) return parent;
  }
  return top;
}

function readAncestors(element: Element): AnyNode[] {
  const ancestors: AnyNode[] = [];
  for (let node = element.parent; node; node = node.parent) ancestors.push(node);
  return ancestors;
}

/** Climb while a parent scores higher, then past parents that hold nothing else. */
function climb(start: Element, scores: Scores, rules: PassRules): Element {
  let top = start;
  let lastScore = scores.get(top) ?? 0;
  const threshold = lastScore / 3;
  for (let parent = top.parent; parent && isElement(parent) && parent.name !== 'body'; parent = parent.parent) {
    const score = scores.get(parent);
    if (score === undefined) continue;
    if (score < threshold) break;
    if (score > lastScore) {
      top = parent;
      break;
    }
    lastScore = score;
  }
  for (let parent = top.parent; parent && isElement(parent) && parent.name !== 'body'; parent = parent.parent) {
    if (readChildElements(parent).length !== 1) break;
    top = parent;
  }
  initializeScore(top, scores, rules);
  return top;
}

/** Whether a sibling of the top candidate belongs to the article too (a preamble, a split body). */
function isRelatedSibling(sibling: Element, top: Element, scores: Scores): boolean {
  if (sibling === top) return true;
  const topScore = scores.get(top) ?? 0;
  const className = readClassName(top);
  const bonus = className !== '' && readClassName(sibling) === className ? topScore * 0.2 : 0;
  const score = scores.get(sibling);
  if (score !== undefined && score + bonus >= Math.max(10, topScore * 0.2)) return true;
  if (sibling.name !== 'p') return false;
  const density = readLinkDensity(sibling);
  const text = readInnerText(sibling);
  if (text.length > 80) return density < 0.25;
  return text.length > 0 && density === 0 && /\.( |$)/.test(text);
}

/** The best candidate and its related siblings, moved into a new container. */
function gatherArticle(body: Element, scores: Scores, rules: PassRules): Element {
  const container = new Element('div', {});
  const ranked = [...scores.keys()].sort((a, b) => (scores.get(b) ?? 0) - (scores.get(a) ?? 0)).slice(0, 5);
  const first = ranked[0];
  if (!first || first.name === 'body') {
    for (const child of [...body.children]) appendChild(container, child);
    return container;
  }
  const top = climb(preferSharedAncestor(first, ranked, scores), scores, rules);
  const parent = top.parent;
  if (!parent || !isElement(parent)) return container;
  for (const sibling of readChildElements(parent)) {
    if (!isRelatedSibling(sibling, top, scores)) continue;
    if (!KEEP_AS_SIBLING.has(sibling.name)) sibling.name = 'div';
    appendChild(container, sibling);
  }
  return container;
}

export interface ContentOptions {
  /** The article's title: the first `<h1>`/`<h2>` repeating it is removed. */
  readonly title?: string | undefined;
}

/**
 * What every pass does to the page first, whatever its rules (content-prepare.ts). Done once, a prepared
 * page can be copied for each retry. Mutates `document`.
 *
 * @example
 *   prepareForScoring(document); scorePreparedPage(document.cloneNode(true), { title }, SCORE_PASSES[1]);
 */
export function prepareForScoring(document: Document): void {
  const body = readBody(document);
  if (!body) return;
  forgetTagIndex(document);
  prepareDocument(body);
}

/**
 * The article's container by content scoring, cleaned, with one pass's rules (`SCORE_PASSES`), on a page
 * `prepareForScoring` has prepared; undefined when the page has no body. Mutates `document`.
 *
 * @example
 *   const article = scorePreparedPage(prepared, { title: 'Sugar tax works' }, SCORE_PASSES[0]);
 */
export function scorePreparedPage(
  document: Document,
  options: ContentOptions,
  flags: ScoreFlags,
  effects?: RuleEffects,
): Element | undefined {
  const body = readBody(document);
  if (!body) return undefined;
  const rules: PassRules = { ...flags, effects };
  const scores = scoreParagraphs(collectElementsToScore(body, options.title, rules), rules);
  const container = gatherArticle(body, scores, rules);
  cleanArticle(container, rules);
  return container;
}
