/**
 * @module core/extract/unlikely-retry
 * Whether scoring's retry without the unlikely rule (content-score.ts `SCORE_PASSES[1]`) would repeat the
 * first pass decision for decision, worked out during that first pass. On a short page every pass finds
 * too little text, and the first pass has nearly always removed something as unlikely (a site header, a
 * footer), so the retry runs — a copy of the page and a whole pass — to keep what it removed. Often what
 * it removed is inert chrome: links and text with nothing the walk would score, take out or convert, lying
 * outside the article's container. Then the only thing the retry changes is the link density, hence the
 * score, of the candidates around that chrome; this module gives those scores (the removed elements put
 * back for one density walk), and the pass chooses its container with them too. The same container, and
 * no removed element inside it, means the same text and the same clean-up: the retry can be skipped, its
 * rule effects (which decide the retries after it) being those noted here.
 */
import type { ChildNode, Element, ParentNode } from 'domhandler';
import { append, prependChild } from 'domutils';
import { containsNode, isElement, readChildElements, removeNode, type DomNode } from '../html-dom.ts';
import { isBylineElement } from './byline.ts';
import {
  chooseArticle,
  isSameChoice,
  readsSiblingText,
  type ArticleChoice,
  type Scores,
  type SiblingTexts,
} from './content-choice.ts';
import { CONVERTED_TAG, EMPTY_REMOVABLE, TAGS_TO_SCORE, TITLE_HEADINGS } from './content-tags.ts';
import { isInvisible, noRuleEffects, readLinkDensities, type RuleEffects } from './content-text.ts';

/** An element the unlikely rule removed, and where it was: after `prev` (or first) among `parent`'s children. */
interface Removal {
  readonly element: Element;
  readonly parent: ParentNode;
  readonly prev: ChildNode | null;
}

/**
 * One first pass's proof that the retry without the unlikely rule repeats it. `failed` once any step cannot
 * show it; `proven` at the end of a pass that showed it, with `effects` the ones the retry would note.
 */
export interface UnlikelyRetry {
  readonly removed: Removal[];
  failed: boolean;
  proven: boolean;
  readonly effects: RuleEffects;
}

/**
 * A new, empty proof for a first pass to fill.
 * @example const retry = startUnlikelyRetry() // passed to the first pass's walk as `rules.retry`
 */
export function startUnlikelyRetry(): UnlikelyRetry {
  return {
    removed: [],
    failed: false,
    proven: false,
    effects: noRuleEffects(),
  };
}

/**
 * Elements the retry's walk may act on below chrome (content-tags.ts, as content-walk.ts uses them): it scores
 * `TAGS_TO_SCORE`, wraps and converts `div`s, takes out a heading repeating the title and empty
 * `EMPTY_REMOVABLE` elements.
 */
const WALK_ACTIVE: ReadonlySet<string> = new Set([
  ...EMPTY_REMOVABLE,
  ...TAGS_TO_SCORE,
  ...TITLE_HEADINGS,
  CONVERTED_TAG,
]);

/**
 * Whether the retry's walk would keep `element` exactly as it is and find nothing in it: it is not scored or
 * converted itself, and below it nothing is scored, converted, hidden, empty-removable or a byline. (The
 * checks the walk makes on `element` itself before the unlikely rule — hidden, byline, title — it made in the
 * first pass with the same result.)
 */
function isInert(element: Element): boolean {
  if (TAGS_TO_SCORE.has(element.name) || element.name === CONVERTED_TAG) return false;
  const stack: DomNode[] = [...element.children];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (!isElement(node)) continue;
    if (WALK_ACTIVE.has(node.name) || isInvisible(node) || isBylineElement(node)) return false;
    for (const child of node.children) stack.push(child);
  }
  return true;
}

/**
 * Note an element the walk removes as unlikely, before it leaves the tree; fail if the retry would not keep it inert.
 * @example if (rules.retry) noteUnlikelyRemoval(rules.retry, node) // then removeNode(node)
 */
export function noteUnlikelyRemoval(retry: UnlikelyRetry, element: Element): void {
  if (retry.failed) return;
  const parent = element.parent;
  if (!parent || !isInert(element)) {
    retry.failed = true;
    return;
  }
  retry.removed.push({ element, parent, prev: element.prev });
}

/**
 * After the walk: fail if an element whose text is scored holds a removed element (its text, and so its
 * score, would differ). Every other score differs only through link density (`readRetryDensities`).
 * @example checkScoredText(retry, collectElementsToScore(body, title, { stripUnlikely: true, retry }))
 */
export function checkScoredText(retry: UnlikelyRetry, toScore: readonly Element[]): void {
  if (retry.failed) return;
  const scored = new Set<DomNode>(toScore);
  for (const { parent } of retry.removed)
    for (let node: DomNode | null = parent; node; node = node.parent)
      if (scored.has(node)) {
        retry.failed = true;
        return;
      }
}

/**
 * The candidates' link densities with the removed elements back where they were (`readLinkDensities` on the
 * tree the retry's walk leaves); the tree is as before afterwards. Put back last removed first: each then
 * finds the node it followed in place (the walk only changes what comes after the node it is at).
 * @example const densities = readRetryDensities(retry, scores.keys()) // Map<Element, number>
 */
export function readRetryDensities(retry: UnlikelyRetry, candidates: Iterable<Element>): Map<Element, number> {
  for (const { element, parent, prev } of retry.removed.toReversed()) {
    if (prev) append(prev, element);
    else prependChild(parent, element);
  }
  const densities = readLinkDensities(candidates);
  for (const { element } of retry.removed) removeNode(element);
  return densities;
}

/**
 * Whether `choice`, made on this pass's tree, is what the retry's tree gives: it has a container, and no
 * removed element would be inside it (climbing above the top only passes parents that are inside it; a
 * removed element beside the top is no member, being neither scored nor a `<p>`), nor inside a sibling the
 * choice judged by its text (a `<p>` holding one was scored: `checkScoredText`; a sibling of the top's class
 * is not, and with the removed element back its text could make it a member).
 */
function isChoiceUnaffected(retry: UnlikelyRetry, choice: ArticleChoice): boolean {
  const { top, members } = choice;
  if (!top) return false;
  const holder = top.parent;
  const judged = holder && isElement(holder) ? readChildElements(holder).filter((s) => readsSiblingText(s, top)) : [];
  return retry.removed.every(
    ({ parent }) =>
      !containsNode(top, parent) &&
      !members.some((member) => containsNode(member, parent)) &&
      !judged.some((sibling) => containsNode(sibling, parent)),
  );
}

/** The candidates' scores as the retry without the unlikely rule would have them, with and without class weights. */
export interface RetryScores {
  readonly scores: Scores;
  readonly unweighted: Scores;
}

/**
 * Whether the retry without the unlikely rule chooses as this pass did, on its tree (the choices made here
 * with its scores touch no removed element); if so, notes whether its class weights decided the choice.
 * @example proveRetry(body, choice, { scores, unweighted }, retry, texts) // then retry.proven, retry.effects
 */
export function proveRetry(
  body: Element,
  choice: ArticleChoice,
  scoring: RetryScores,
  retry: UnlikelyRetry,
  texts: SiblingTexts,
): void {
  const retryChoice = chooseArticle(body, scoring.scores, true, texts);
  if (!isSameChoice(choice, retryChoice) || !isChoiceUnaffected(retry, choice)) {
    retry.failed = true;
    return;
  }
  const unweightedChoice = chooseArticle(body, scoring.unweighted, false, texts);
  if (unweightedChoice.top && !isChoiceUnaffected(retry, unweightedChoice)) retry.failed = true;
  else if (!isSameChoice(choice, unweightedChoice)) retry.effects.weighClasses = true;
}
