/**
 * @module tests/core/extract/scoring-unchanged
 * Session 20's short cuts in content scoring's walk (content-walk.ts: no pattern tested on an element with
 * neither class nor id) and clean-up (content-cleanup.ts: tag sets built once, commas counted without a
 * split), against those modules as they were (tests/helpers/*-before.ts, verbatim): on generated pages and
 * on the fixture site's, with each pass's rules, both leave the same tree, list the same elements to score
 * and note the same rule effects. Session 22's (lengths measured without building the text, the walk's
 * attribute short cut, one map lookup per credit) likewise against tests/helpers/content-score-before.ts: the
 * same article, page, effects and retry proof.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { Document, Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { cleanArticle } from '../../../src/core/extract/content-cleanup.ts';
import {
  prepareForScoring,
  SCORE_PASSES,
  scorePreparedPage,
  type ScoreFlags,
} from '../../../src/core/extract/content-score.ts';
import { noRuleEffects } from '../../../src/core/extract/content-text.ts';
import { collectElementsToScore } from '../../../src/core/extract/content-walk.ts';
import { startUnlikelyRetry, type UnlikelyRetry } from '../../../src/core/extract/unlikely-retry.ts';
import { readBody } from '../../../src/core/html-dom.ts';
import { parseDocument } from '../../../src/core/parse-html.ts';
import { cleanArticleBefore } from '../../helpers/content-cleanup-before.ts';
import { scorePreparedPageBefore } from '../../helpers/content-score-before.ts';
import { collectElementsToScoreBefore } from '../../helpers/content-walk-before.ts';
import { describeTree } from '../../helpers/describe-tree.ts';
import { markupTree } from '../../helpers/markup-tree.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.resolve(here, '../../fixtures/site/public');

/** Names each rule reacts to (unlikely, weights, byline, share), empty ones, and ids alone. */
const CLASSES = ['', 'sidebar', 'comment', 'article', 'share', 'related', 'byline', 'author', 'post', 'meta', 'x'];
const EXTRAS = ['', ' id="story"', ' id="sidebar"', ' id="share-box"', ' rel="author"', ' role="navigation"'];
const TAGS = ['div', 'p', 'section', 'ul', 'li', 'a', 'span', 'h1', 'h2', 'form', 'table', 'tr', 'td', 'aside', 'br'];
const WORDS = ['steppe', 'water, code', 'the senate', 'approved.', 'Қазақ', 'a, b, c, d, e, f', 'By Jane', '2025'];

const text = fc.array(fc.constantFrom(...WORDS), { maxLength: 30 }).map((words) => words.join(' '));
const markup = markupTree({
  leaf: text,
  tags: TAGS,
  attributes: fc
    .tuple(fc.constantFrom(...CLASSES), fc.constantFrom(...EXTRAS), fc.boolean())
    .map(([name, extra, bare]) => (bare ? extra : ` class="${name}"${extra}`)),
  maxChildren: 5,
});
const generated = fc
  .array(markup, { minLength: 1, maxLength: 6 })
  .map((parts) => `<html><head><title>Water code</title></head><body>${parts.join('')}</body></html>`);

type Walk = typeof collectElementsToScore;
type Clean = typeof cleanArticle;

/** The walk, then the clean-up of the body, with one pass's rules: the tree, what was listed, the effects. */
function runPass(html: string, flags: ScoreFlags, walk: Walk, clean: Clean) {
  const document: Document = parseDocument(html);
  prepareForScoring(document);
  const body = readBody(document) as Element;
  const effects = noRuleEffects();
  const listed = walk(body, 'Water code', { stripUnlikely: flags.stripUnlikely, effects }).map(describeTree);
  const walked = describeTree(document);
  clean(body, { ...flags, effects });
  return { listed, walked, cleaned: describeTree(document), effects };
}

function expectSame(html: string, flags: ScoreFlags): void {
  expect(runPass(html, flags, collectElementsToScore, cleanArticle)).toEqual(
    runPass(html, flags, collectElementsToScoreBefore, cleanArticleBefore),
  );
}

/**
 * Session 22's pages: every attribute the walk's checks read (hidden, modal, byline marks, roles) or that they
 * pass over (`href`, `data-*`), on elements with and without a class, and texts of every kind of white space,
 * long runs and commas — what the walk's attribute short cut and the lengths measured unbuilt must read alike.
 */
const ATTRIBUTES_22 = [
  '',
  ' id="story"',
  ' id="sidebar"',
  ' rel="author"',
  ' itemprop="author"',
  ' role="navigation"',
  ' role="dialog" aria-modal="true"',
  ' hidden',
  ' aria-hidden="true"',
  ' aria-hidden="true" class="fallback-image"',
  ' style="display: none"',
  ' style="color: red"',
  ' href="#top"',
  ' href="/a"',
  ' data-x="1"',
];
const SPACES_22 = [' ', '  ', '\n\t  ', '\u00a0', '\u3000', '\u200b', '\ufeff', ', ', '\uff0c'];
const text22 = fc
  .array(fc.oneof(fc.constantFrom(...WORDS), fc.constantFrom(...SPACES_22)), { maxLength: 40 })
  .map((parts) => parts.join(''));
const markup22 = markupTree({
  leaf: text22,
  tags: TAGS,
  attributes: fc
    .tuple(fc.constantFrom(...CLASSES), fc.constantFrom(...ATTRIBUTES_22), fc.boolean())
    .map(([name, extra, bare]) => (bare ? extra : ` class="${name}"${extra}`)),
  maxChildren: 5,
});
const generated22 = fc
  .array(markup22, { minLength: 1, maxLength: 6 })
  .map((parts) => `<html><head><title>Water code</title></head><body>${parts.join('')}</body></html>`);

type Score = typeof scorePreparedPage;

/** One whole scoring pass (with the retry's proof on the first): the article, the page left, the effects, the proof. */
function runScoring(html: string, flags: ScoreFlags, score: Score) {
  const document: Document = parseDocument(html);
  prepareForScoring(document);
  const effects = noRuleEffects();
  const retry: UnlikelyRetry | undefined = flags.stripUnlikely ? startUnlikelyRetry() : undefined;
  const article = score(document, { title: 'Water code' }, flags, effects, retry);
  const proof = retry && { ...retry, removed: retry.removed.map(({ element }) => describeTree(element)) };
  return { article: article && describeTree(article), page: describeTree(document), effects, proof };
}

describe('content scoring after session 22', () => {
  it('walks generated pages of every checked attribute as before', () => {
    fc.assert(
      fc.property(generated22, fc.constantFrom(...SCORE_PASSES), (html, flags) => expectSame(html, flags)),
      { numRuns: 1500 },
    );
  });

  it('scores generated pages as before, each pass and the first with its retry proof', () => {
    fc.assert(
      fc.property(fc.oneof(generated22, generated), fc.constantFrom(...SCORE_PASSES), (html, flags) => {
        expect(runScoring(html, flags, scorePreparedPage)).toEqual(runScoring(html, flags, scorePreparedPageBefore));
      }),
      { numRuns: 1500 },
    );
  });

  it("scores the fixture site's pages as before", () => {
    const files = readdirSync(FIXTURES, { recursive: true, encoding: 'utf8' }).filter(
      (file) => file.endsWith('.html') && !file.startsWith('_templates'),
    );
    for (const file of files) {
      const html = readFileSync(path.join(FIXTURES, file), 'utf8');
      for (const flags of SCORE_PASSES)
        expect(runScoring(html, flags, scorePreparedPage)).toEqual(runScoring(html, flags, scorePreparedPageBefore));
    }
  });
});

describe('content scoring after session 20', () => {
  it('walks and cleans generated pages as before', () => {
    fc.assert(
      fc.property(generated, fc.constantFrom(...SCORE_PASSES), (html, flags) => expectSame(html, flags)),
      { numRuns: 1500 },
    );
  });

  it("walks and cleans the fixture site's pages as before", () => {
    const files = readdirSync(FIXTURES, { recursive: true, encoding: 'utf8' }).filter(
      (file) => file.endsWith('.html') && !file.startsWith('_templates'),
    );
    expect(files.length).toBeGreaterThan(30);
    for (const file of files)
      for (const flags of SCORE_PASSES) expectSame(readFileSync(path.join(FIXTURES, file), 'utf8'), flags);
  });
});
