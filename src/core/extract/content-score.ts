/**
 * @module core/extract/content-score
 * Find the article container by content scoring, the way Mozilla Readability 0.6 (Apache-2.0; the
 * Firefox Reader View engine) does on its first, strictest pass — but on the light domhandler tree the
 * rest of the stage reads, instead of a full DOM: prepare the page (scripts, styles, `<br><br>` runs,
 * hidden and unlikely elements), score paragraphs and credit their ancestors, pick the best candidate
 * and its related siblings, then clean them (content-cleanup.ts). The walk before scoring is content-walk.ts.
 * Mutates the document.
 */
import { Document, Element, type AnyNode, type ChildNode } from 'domhandler';
import { appendChild } from 'domutils';
import { forgetTagIndex, isElement, readBody, readChildElements, readRootElement } from '../html-dom.ts';
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

function initializeScore(element: Element, scores: Scores, weighClasses: boolean): void {
  if (!scores.has(element))
    scores.set(element, (TAG_SCORES[element.name] ?? 0) + readClassWeight(element, weighClasses));
}

/**
 * The candidates' scores; and, while the pass has yet to find out whether its class weights change anything,
 * the scores the same pass would give without them (`unweighted`, reckoned in the same order: the same bits).
 */
interface Scoring {
  readonly scores: Scores;
  readonly unweighted: Scores | undefined;
}

/** Score each paragraph and credit its ancestors: parent fully, grandparent half, then less. */
function scoreParagraphs(toScore: readonly Element[], rules: PassRules): Scoring {
  const scores: Scores = new Map();
  const tracked = rules.weighClasses && rules.effects && !rules.effects.weighClasses;
  const unweighted: Scores | undefined = tracked ? new Map() : undefined;
  for (const element of toScore) {
    if (!element.parent || !isElement(element.parent)) continue;
    const text = readInnerText(element);
    if (text.length < 25) continue;
    const score = 1 + text.split(COMMAS).length + Math.min(Math.floor(text.length / 100), 3);
    let level = 0;
    for (let ancestor: AnyNode | null = element.parent; ancestor && level < 5; ancestor = ancestor.parent, level += 1) {
      if (!isElement(ancestor) || !ancestor.parent || !isElement(ancestor.parent)) continue;
      const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3;
      initializeScore(ancestor, scores, rules.weighClasses);
      scores.set(ancestor, (scores.get(ancestor) ?? 0) + score / divider);
      if (!unweighted) continue;
      initializeScore(ancestor, unweighted, false);
      unweighted.set(ancestor, (unweighted.get(ancestor) ?? 0) + score / divider);
    }
  }
  const densities = readLinkDensities(scores.keys());
  for (const map of unweighted ? [scores, unweighted] : [scores])
    for (const [candidate, score] of map) map.set(candidate, score * (1 - (densities.get(candidate) ?? 0)));
  return { scores, unweighted };
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
function climb(start: Element, scores: Scores, weighClasses: boolean): Element {
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
  initializeScore(top, scores, weighClasses);
  return top;
}

/** What `isRelatedSibling` reads of a paragraph sibling, whatever the scores: read once, on first need. */
interface SiblingText {
  readonly density: number;
  readonly text: string;
}

type SiblingTexts = Map<Element, SiblingText>;

function readSiblingText(sibling: Element, texts: SiblingTexts): SiblingText {
  let read = texts.get(sibling);
  if (!read) texts.set(sibling, (read = { density: readLinkDensity(sibling), text: readInnerText(sibling) }));
  return read;
}

/** Whether a sibling of the top candidate belongs to the article too (a preamble, a split body). */
function isRelatedSibling(sibling: Element, top: Element, scores: Scores, texts: SiblingTexts): boolean {
  if (sibling === top) return true;
  const topScore = scores.get(top) ?? 0;
  const className = readClassName(top);
  const bonus = className !== '' && readClassName(sibling) === className ? topScore * 0.2 : 0;
  const score = scores.get(sibling);
  if (score !== undefined && score + bonus >= Math.max(10, topScore * 0.2)) return true;
  if (sibling.name !== 'p') return false;
  const { density, text } = readSiblingText(sibling, texts);
  if (text.length > 80) return density < 0.25;
  return text.length > 0 && density === 0 && /\.( |$)/.test(text);
}

/**
 * The `count` best-scored candidates, best first, ties in the map's order: what a stable sort of all of them
 * by score, cut to `count`, gives, in one pass instead of a sort (each scoring pass ranks twice, below).
 * @example const [best, ...runnersUp] = rankTop(scores, 5)
 */
export function rankTop(scores: Scores, count: number): Element[] {
  const best: Element[] = [];
  const bestScores: number[] = [];
  for (const [candidate, score] of scores) {
    let at = bestScores.length;
    while (at > 0 && (bestScores[at - 1] ?? 0) < score) at -= 1;
    if (at >= count) continue;
    best.splice(at, 0, candidate);
    bestScores.splice(at, 0, score);
    if (best.length > count) {
      best.pop();
      bestScores.pop();
    }
  }
  return best;
}

/** Where the article is: the whole body (`top` undefined), or the top candidate and its related siblings. */
interface ArticleChoice {
  readonly top: Element | undefined;
  readonly members: readonly Element[];
}

/** The best candidate and its related siblings, by `scores` (which gains the top's score if it had none). */
function chooseArticle(body: Element, scores: Scores, weighClasses: boolean, texts: SiblingTexts): ArticleChoice {
  const ranked = rankTop(scores, 5);
  const first = ranked[0];
  if (!first || first.name === 'body') return { top: undefined, members: [] };
  const top = climb(preferSharedAncestor(first, ranked, scores), scores, weighClasses);
  const parent = top.parent;
  if (!parent || !isElement(parent)) return { top, members: [] };
  return { top, members: readChildElements(parent).filter((sibling) => isRelatedSibling(sibling, top, scores, texts)) };
}

function isSameChoice(a: ArticleChoice, b: ArticleChoice): boolean {
  return a.top === b.top && a.members.length === b.members.length && a.members.every((m, i) => m === b.members[i]);
}

/**
 * The best candidate and its related siblings, moved into a new container. Notes a weights effect when the
 * scores without class weights would have chosen otherwise.
 */
function gatherArticle(body: Element, scoring: Scoring, rules: PassRules): Element {
  const container = new Element('div', {});
  const texts: SiblingTexts = new Map();
  const choice = chooseArticle(body, scoring.scores, rules.weighClasses, texts);
  const { unweighted } = scoring;
  if (unweighted && rules.effects && !isSameChoice(choice, chooseArticle(body, unweighted, false, texts)))
    rules.effects.weighClasses = true;
  if (!choice.top) {
    for (const child of [...body.children]) appendChild(container, child);
    return container;
  }
  for (const sibling of choice.members) {
    if (!KEEP_AS_SIBLING.has(sibling.name)) sibling.name = 'div';
    appendChild(container, sibling);
  }
  return container;
}

/**
 * A copy of a prepared page for another pass: what a pass reads, the `<html>` element (its attributes, none of
 * which a pass reads) holding `<body>` and whatever follows it — the walk goes on past the body's end into its
 * next siblings, never back. What comes before (the `<head>`, as a rule; a tenth to a half of a small page's
 * nodes) is left out: a pass never reads it.
 *
 * @example
 *   scorePreparedPage(copyForScoring(prepared), { title }, SCORE_PASSES[1]);
 */
export function copyForScoring(document: Document): Document {
  const root = readRootElement(document);
  const body = root && readBody(document);
  if (!root || !body) return new Document([]);
  const copy = root.cloneNode(false);
  for (let node: ChildNode | null = body; node; node = node.next) appendChild(copy, node.cloneNode(true));
  return new Document([copy]);
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
  const toScore = collectElementsToScore(body, options.title, rules);
  // Once the unlikely rule has removed something, the retry without it runs whatever the weights decide (it
  // keeps them): count them as having an effect rather than working out whether they had one.
  if (effects?.stripUnlikely && flags.weighClasses) effects.weighClasses = true;
  const scoring = scoreParagraphs(toScore, rules);
  const container = gatherArticle(body, scoring, rules);
  cleanArticle(container, rules);
  return container;
}
