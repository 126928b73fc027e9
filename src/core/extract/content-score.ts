/**
 * @module core/extract/content-score
 * Find the article container by content scoring, the way Mozilla Readability 0.6 (Apache-2.0; the
 * Firefox Reader View engine) does on its first, strictest pass — but on the light domhandler tree the
 * rest of the stage reads, instead of a full DOM: prepare the page (scripts, styles, `<br><br>` runs,
 * hidden and unlikely elements), score paragraphs and credit their ancestors, pick the best candidate
 * and its related siblings, then clean them (content-cleanup.ts). The walk before scoring is content-walk.ts.
 * Mutates the document.
 */
import { Document, Element, isText, type AnyNode, type ChildNode, type DomHandler } from 'domhandler';
import { appendChild } from 'domutils';
import { pageHandler } from '../page-handler.ts';
import {
  containsNode,
  forgetTagIndex,
  isElement,
  readBody,
  readRootElement,
  readTextContent,
  removeNode,
} from '../html-dom.ts';
import { cleanArticle } from './content-cleanup.ts';
import { countCommaPieces, readLinkDensities, readNormalizedLength, type RuleEffects } from './content-text.ts';
import { prepareDocument } from './content-prepare.ts';
import { collectElementsToScore, type KeptByline } from './content-walk.ts';
import { chooseArticle, isSameChoice, readInitialScore, type Scores, type SiblingTexts } from './content-choice.ts';
import {
  checkScoredText,
  proveRetry,
  readRetryDensities,
  type RetryScores,
  type UnlikelyRetry,
} from './unlikely-retry.ts';

const KEEP_AS_SIBLING = new Set(['div', 'article', 'section', 'p', 'ol', 'ul']);

/** Readability's passes: each retry (on a fresh copy of the page) drops the strictest rule left. */
export interface ScoreFlags {
  readonly stripUnlikely: boolean;
  readonly weighClasses: boolean;
  readonly cleanConditionally: boolean;
}

/** One pass's rules, where to note which of them changed anything, and the first pass's retry proof. */
type PassRules = ScoreFlags & {
  readonly effects?: RuleEffects | undefined;
  readonly retry?: UnlikelyRetry | undefined;
};

/** The passes in order, strictest first. */
export const SCORE_PASSES: readonly ScoreFlags[] = [
  { stripUnlikely: true, weighClasses: true, cleanConditionally: true },
  { stripUnlikely: false, weighClasses: true, cleanConditionally: true },
  { stripUnlikely: false, weighClasses: false, cleanConditionally: true },
  { stripUnlikely: false, weighClasses: false, cleanConditionally: false },
];

/**
 * The candidates' scores; and, while the pass has yet to find out whether its class weights change anything,
 * the scores the same pass would give without them (`unweighted`, reckoned in the same order: the same bits).
 */
interface Scoring {
  readonly scores: Scores;
  readonly unweighted: Scores | undefined;
  /** Both, as the retry without the unlikely rule would have them, while its proof holds (unlikely-retry.ts). */
  readonly retry?: RetryScores | undefined;
}

function applyDensities(map: Scores, densities: ReadonlyMap<Element, number>): Scores {
  for (const [candidate, score] of map) map.set(candidate, score * (1 - (densities.get(candidate) ?? 0)));
  return map;
}

/** Add `amount` to a candidate's score, which starts at its initial score (content-choice's `initializeScore`). */
function credit(scores: Scores, candidate: Element, weighClasses: boolean, amount: number): void {
  scores.set(candidate, (scores.get(candidate) ?? readInitialScore(candidate, weighClasses)) + amount);
}

/** Score each paragraph and credit its ancestors: parent fully, grandparent half, then less. */
function scoreParagraphs(toScore: readonly Element[], rules: PassRules): Scoring {
  const scores: Scores = new Map();
  const tracked = rules.weighClasses && rules.effects && !rules.effects.weighClasses;
  const proving = rules.retry && !rules.retry.failed ? rules.retry : undefined;
  const unweighted: Scores | undefined = tracked || proving ? new Map() : undefined;
  for (const element of toScore) {
    if (!element.parent || !isElement(element.parent)) continue;
    // The inner text's length, and its commas counted in the raw text: normalising changes only white space.
    const text = readTextContent(element);
    const length = readNormalizedLength(text);
    if (length < 25) continue;
    const score = 1 + countCommaPieces(text) + Math.min(Math.floor(length / 100), 3);
    let level = 0;
    for (let ancestor: AnyNode | null = element.parent; ancestor && level < 5; ancestor = ancestor.parent, level += 1) {
      if (!isElement(ancestor) || !ancestor.parent || !isElement(ancestor.parent)) continue;
      const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3;
      credit(scores, ancestor, rules.weighClasses, score / divider);
      if (unweighted) credit(unweighted, ancestor, false, score / divider);
    }
  }
  const densities = readLinkDensities(scores.keys());
  let retry: Scoring['retry'];
  if (proving && unweighted) {
    const retryDensities = readRetryDensities(proving, scores.keys());
    retry = {
      scores: applyDensities(new Map(scores), retryDensities),
      unweighted: applyDensities(new Map(unweighted), retryDensities),
    };
  }
  applyDensities(scores, densities);
  if (tracked && unweighted) applyDensities(unweighted, densities);
  return { scores, unweighted: tracked ? unweighted : undefined, retry };
}

/**
 * The best candidate and its related siblings, moved into a new container. Notes a weights effect when the
 * scores without class weights would have chosen otherwise; and, while the retry proof holds, whether the
 * retry without the unlikely rule would choose alike.
 */
function gatherArticle(body: Element, scoring: Scoring, rules: PassRules): Element {
  const container = new Element('div', {});
  const texts: SiblingTexts = new Map();
  const choice = chooseArticle(body, scoring.scores, rules.weighClasses, texts);
  const { unweighted } = scoring;
  if (unweighted && rules.effects && !isSameChoice(choice, chooseArticle(body, unweighted, false, texts)))
    rules.effects.weighClasses = true;
  if (scoring.retry && rules.retry) proveRetry(body, choice, scoring.retry, rules.retry, texts);
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
  const builder = makeCopyBuilder();
  builder.onopentag(root.name, root.attribs);
  for (let node: ChildNode | null = body; node; node = node.next) addCopy(builder, node);
  builder.onclosetag();
  // As `new Document([copy])` leaves it: the copied root's parent unset.
  for (const child of builder.root.children) child.parent = null;
  return builder.root;
}

/** The page handler (page-handler.ts) with the two steps a copy needs that a parse does not. */
interface CopyBuilder extends DomHandler {
  /** A text node of its own, never joined to the text node added just before (a copy keeps them apart). */
  addText(data: string): void;
  /** A node made elsewhere, added where the next one would go. */
  addMade(node: ChildNode): void;
}

let CopyBuilderClass: (new () => CopyBuilder) | undefined;

function makeCopyBuilder(): CopyBuilder {
  CopyBuilderClass ??= class extends pageHandler() {
    addText(data: string): void {
      this.lastNode = null;
      this.ontext(data);
    }

    addMade(node: ChildNode): void {
      this.addNode(node);
    }
  };
  return new CopyBuilderClass();
}

/**
 * Add a copy of `node` and what is below it to the tree `builder` is building, the way a parse builds it (with
 * the parser's node constructors, page-handler.ts: a third cheaper than `cloneNode`'s). Each element copy shares
 * its original's attribute object, as a parse hands it over: nothing in the stage writes to an element's
 * attributes (scoring renames, moves and removes elements, never sets an attribute). Other nodes than elements
 * and text (comments, mostly) are cloned.
 */
function addCopy(builder: CopyBuilder, node: ChildNode): void {
  if (isText(node)) builder.addText(node.data);
  else if (isElement(node)) {
    builder.onopentag(node.name, node.attribs);
    for (const child of node.children) addCopy(builder, child);
    builder.onclosetag();
  } else builder.addMade(node.cloneNode(true));
}

export interface ContentOptions {
  /** The article's title: the first `<h1>`/`<h2>` repeating it is removed. */
  readonly title?: string | undefined;
  /**
   * Whether the page's markup names the author: the byline then stays in the page while it is scored, as in
   * Readability, and is taken out of the article once chosen (content-walk.ts `KeptByline`).
   */
  readonly authorInMarkup?: boolean | undefined;
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
 * `prepareForScoring` has prepared; undefined when the page has no body. Mutates `document`. With `retry`
 * (from `startUnlikelyRetry`), the first pass also works out whether the retry without the unlikely rule
 * would repeat it (unlikely-retry.ts): `retry.proven`, and the effects that retry would note.
 *
 * @example
 *   const article = scorePreparedPage(prepared, { title: 'Sugar tax works' }, SCORE_PASSES[0]);
 */
export function scorePreparedPage(
  document: Document,
  options: ContentOptions,
  flags: ScoreFlags,
  effects?: RuleEffects,
  retry?: UnlikelyRetry,
): Element | undefined {
  const body = readBody(document);
  if (!body) return undefined;
  const rules: PassRules = { ...flags, effects, retry: flags.stripUnlikely ? retry : undefined };
  const kept: KeptByline | undefined = options.authorInMarkup ? {} : undefined;
  const toScore = collectElementsToScore(body, options.title, rules, kept);
  // Once the unlikely rule has removed something, the retry without it runs whatever the weights decide (it
  // keeps them): count them as having an effect rather than working out whether they had one.
  if (effects?.stripUnlikely && flags.weighClasses) effects.weighClasses = true;
  // The retry runs only if the rule removed something; until then, this pass's effects decide (body.ts).
  if (rules.retry && !effects?.stripUnlikely) rules.retry.failed = true;
  if (rules.retry) checkScoredText(rules.retry, toScore);
  const scoring = scoreParagraphs(toScore, rules);
  const container = gatherArticle(body, scoring, rules);
  // While the proof holds, the clean-up notes the retry's effects: it would clean the same container alike.
  const proving = rules.retry && !rules.retry.failed ? rules.retry : undefined;
  cleanArticle(container, proving ? { ...rules, effects: proving.effects } : rules);
  if (proving && effects) effects.cleanConditionally = proving.effects.cleanConditionally;
  if (proving) proving.proven = true;
  if (kept?.found && containsNode(container, kept.found)) removeNode(kept.found);
  return container;
}
