/**
 * @module tests/helpers/content-score-before
 * src/core/extract/content-score.ts as it was before session 22 read a paragraph's length without building its
 * normalised text and credited candidates with one map lookup, kept verbatim (imports re-pointed: the link
 * densities from tests/helpers/content-text-before.ts; content-choice.ts `initializeScore` of then copied in
 * below; the entry renamed `scorePreparedPageBefore`, the other exports made private, and `SCORE_PASSES`
 * and `prepareForScoring`, which it does not call, left out) as the reference
 * tests/core/extract/scoring-unchanged.test.ts compares `scorePreparedPage` with; and its `copyForScoring`
 * (renamed `copyForScoringBefore`), which cloned the page with `cloneNode` before session 22 built the copy with
 * the page handler sharing attribute objects, as the reference tests/core/extract/score-passes.test.ts compares
 * `copyForScoring` with.
 * Remove this file, and that comparison, once the change has shipped through a release with the output hashes
 * unchanged (tests/core/extract/golden/output-hashes.json), or when the code it mirrors changes on purpose.
 */
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
import { isElement, readBody, readRootElement } from '../../src/core/html-dom.ts';
import { cleanArticle } from '../../src/core/extract/content-cleanup.ts';
import {
  countCommaPieces,
  readClassWeight,
  readInnerText,
  type RuleEffects,
} from '../../src/core/extract/content-text.ts';
import { readLinkDensitiesBefore as readLinkDensities } from './content-text-before.ts';
import { collectElementsToScore } from '../../src/core/extract/content-walk.ts';
import { chooseArticle, isSameChoice, type Scores, type SiblingTexts } from '../../src/core/extract/content-choice.ts';
import {
  checkScoredText,
  proveRetry,
  readRetryDensities,
  type RetryScores,
  type UnlikelyRetry,
} from '../../src/core/extract/unlikely-retry.ts';

const KEEP_AS_SIBLING = new Set(['div', 'article', 'section', 'p', 'ol', 'ul']);

/** Readability's passes: each retry (on a fresh copy of the page) drops the strictest rule left. */
interface ScoreFlags {
  readonly stripUnlikely: boolean;
  readonly weighClasses: boolean;
  readonly cleanConditionally: boolean;
}

/** One pass's rules, where to note which of them changed anything, and the first pass's retry proof. */
type PassRules = ScoreFlags & {
  readonly effects?: RuleEffects | undefined;
  readonly retry?: UnlikelyRetry | undefined;
};

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

/** Score each paragraph and credit its ancestors: parent fully, grandparent half, then less. */
function scoreParagraphs(toScore: readonly Element[], rules: PassRules): Scoring {
  const scores: Scores = new Map();
  const tracked = rules.weighClasses && rules.effects && !rules.effects.weighClasses;
  const proving = rules.retry && !rules.retry.failed ? rules.retry : undefined;
  const unweighted: Scores | undefined = tracked || proving ? new Map() : undefined;
  for (const element of toScore) {
    if (!element.parent || !isElement(element.parent)) continue;
    const text = readInnerText(element);
    if (text.length < 25) continue;
    const score = 1 + countCommaPieces(text) + Math.min(Math.floor(text.length / 100), 3);
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

interface ContentOptions {
  /** The article's title: the first `<h1>`/`<h2>` repeating it is removed. */
  readonly title?: string | undefined;
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
export function scorePreparedPageBefore(
  document: Document,
  options: ContentOptions,
  flags: ScoreFlags,
  effects?: RuleEffects,
  retry?: UnlikelyRetry,
): Element | undefined {
  const body = readBody(document);
  if (!body) return undefined;
  const rules: PassRules = { ...flags, effects, retry: flags.stripUnlikely ? retry : undefined };
  const toScore = collectElementsToScore(body, options.title, rules);
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
  return container;
}

// content-choice.ts as it was before session 22, verbatim: the tag scores and `initializeScore`.

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

/**
 * A candidate's starting score, by its tag and class weight, unless it has one.
 * @example initializeScore(paragraph.parent, scores, true) // a <div> starts at 5 plus its class weight
 */
function initializeScore(element: Element, scores: Scores, weighClasses: boolean): void {
  if (!scores.has(element))
    scores.set(element, (TAG_SCORES[element.name] ?? 0) + readClassWeight(element, weighClasses));
}

export function copyForScoringBefore(document: Document): Document {
  const root = readRootElement(document);
  const body = root && readBody(document);
  if (!root || !body) return new Document([]);
  const copy = root.cloneNode(false);
  for (let node: ChildNode | null = body; node; node = node.next) appendChild(copy, node.cloneNode(true));
  return new Document([copy]);
}
