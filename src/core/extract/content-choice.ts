/**
 * @module core/extract/content-choice
 * Where content scoring (content-score.ts) puts the article once the candidates are scored, as Mozilla
 * Readability 0.6 (Apache-2.0) does: the best-scored candidate, or a common ancestor of several near-best
 * ones, climbed to a parent that scores higher or holds nothing else, with its related siblings — or, when
 * the body itself scores best, the whole body. Reads the tree and the scores; changes neither, but for the
 * top's score, which the scores gain if they had none.
 */
import type { AnyNode, Element } from 'domhandler';
import { isElement, readChildElements } from '../html-dom.ts';
import { readClassName, readClassWeight, readInnerText, readLinkDensity } from './content-text.ts';

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

/** Each candidate's score (a `Map`: its order is the order candidates were first credited, which ties keep). */
export type Scores = Map<Element, number>;

/**
 * A candidate's starting score, by its tag and class weight, unless it has one.
 * @example initializeScore(paragraph.parent, scores, true) // a <div> starts at 5 plus its class weight
 */
export function initializeScore(element: Element, scores: Scores, weighClasses: boolean): void {
  if (!scores.has(element)) scores.set(element, readInitialScore(element, weighClasses));
}

/**
 * The score a candidate starts at: by its tag, plus its class weight.
 * @example readInitialScore(div, false) // 5
 */
export function readInitialScore(element: Element, weighClasses: boolean): number {
  return (TAG_SCORES[element.name] ?? 0) + readClassWeight(element, weighClasses);
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

export type SiblingTexts = Map<Element, SiblingText>;

function readSiblingText(sibling: Element, texts: SiblingTexts): SiblingText {
  let read = texts.get(sibling);
  if (!read) texts.set(sibling, (read = { density: readLinkDensity(sibling), text: readInnerText(sibling) }));
  return read;
}

function hasClassOf(sibling: Element, top: Element): boolean {
  const className = readClassName(top);
  return className !== '' && readClassName(sibling) === className;
}

/**
 * Whether `isRelatedSibling` may judge `sibling` of `top` by its text (so a change in its text may change the
 * choice): a `<p>`, or a sibling of the top's own class.
 * @example readsSiblingText(sibling, choice.top) // the retry's proof fails if a removed element is inside it
 */
export function readsSiblingText(sibling: Element, top: Element): boolean {
  return sibling !== top && (sibling.name === 'p' || hasClassOf(sibling, top));
}

/**
 * Whether a sibling of the top candidate belongs to the article too (a preamble, a split body). Readability's
 * rules, and one more: a sibling of the top's own class (a page builder's text block beside the one that won —
 * Squarespace's `sqs-block html-block`, a body cut into chunks) is read as a paragraph would be, since a block
 * whose paragraphs sit a few levels down scores too little to pass the score rule however much prose it holds.
 */
function isRelatedSibling(sibling: Element, top: Element, scores: Scores, texts: SiblingTexts): boolean {
  if (sibling === top) return true;
  const topScore = scores.get(top) ?? 0;
  const sameClass = hasClassOf(sibling, top);
  const bonus = sameClass ? topScore * 0.2 : 0;
  const score = scores.get(sibling);
  if (score !== undefined && score + bonus >= Math.max(10, topScore * 0.2)) return true;
  if (sibling.name !== 'p' && !sameClass) return false;
  const { density, text } = readSiblingText(sibling, texts);
  if (text.length > 80) return density < 0.25;
  return sibling.name === 'p' && text.length > 0 && density === 0 && /\.( |$)/.test(text);
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
export interface ArticleChoice {
  readonly top: Element | undefined;
  readonly members: readonly Element[];
}

/**
 * The best candidate and its related siblings, by `scores` (which gains the top's score if it had none).
 * @example const { top, members } = chooseArticle(body, scores, true, texts) // top undefined: the whole body
 */
export function chooseArticle(
  body: Element,
  scores: Scores,
  weighClasses: boolean,
  texts: SiblingTexts,
): ArticleChoice {
  const ranked = rankTop(scores, 5);
  const first = ranked[0];
  if (!first || first.name === 'body') return { top: undefined, members: [] };
  const top = climb(preferSharedAncestor(first, ranked, scores), scores, weighClasses);
  const parent = top.parent;
  if (!parent || !isElement(parent)) return { top, members: [] };
  return { top, members: readChildElements(parent).filter((sibling) => isRelatedSibling(sibling, top, scores, texts)) };
}

/**
 * Whether two choices are the same container with the same members in the same order (by identity).
 * @example isSameChoice(chooseArticle(body, scores, true, texts), choice) // the retry would choose alike
 */
export function isSameChoice(a: ArticleChoice, b: ArticleChoice): boolean {
  return a.top === b.top && a.members.length === b.members.length && a.members.every((m, i) => m === b.members[i]);
}
