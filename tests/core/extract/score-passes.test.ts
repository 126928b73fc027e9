/**
 * @module tests/core/extract/score-passes
 * body.ts skips a scoring retry when the rules it turns off changed nothing in the pass before: that retry
 * would take every decision the last one took. The property here is what the skip relies on — whenever a
 * pass records that a rule had no effect, the pass without that rule finds the very same container, and
 * notes the same effects of the rules both apply (so the retry after it is skipped or run alike). Class
 * weights count as an effect only when a decision would have gone the other way without them.
 */
import fc from 'fast-check';
import { Element, isTag, isText, type AnyNode, type Document } from 'domhandler';
import { describe, expect, it } from 'vitest';
import {
  copyForScoring,
  prepareForScoring,
  SCORE_PASSES,
  scorePreparedPage,
  type ContentOptions,
  type ScoreFlags,
} from '../../../src/core/extract/content-score.ts';
import { rankTop } from '../../../src/core/extract/content-choice.ts';
import type { RuleEffects } from '../../../src/core/extract/content-text.ts';
import { parseDocument } from '../../../src/core/parse-html.ts';
import { extractBody } from '../../../src/core/extract/body.ts';
import { findElements } from '../../../src/core/html-dom.ts';
import { copyForScoringBefore } from '../../helpers/content-score-before.ts';
import { hasCorpus, loadCorpus } from '../../helpers/corpus.ts';
import { markupTree } from '../../helpers/markup-tree.ts';

/** Class names that each rule reacts to: unlikely chrome, positive and negative weights, neutral, a byline. */
const CLASSES = [
  '',
  'sidebar',
  'comment',
  'article',
  'content',
  'share',
  'related',
  'menu',
  'main',
  'box',
  'x',
  'byline',
  'post',
  'footer',
  'meta',
  'widget',
  'entry',
  'promo',
];
const TAGS = ['div', 'p', 'section', 'ul', 'li', 'a', 'span', 'h2', 'form', 'table', 'td', 'aside', 'br'];
const WORDS = ['steppe', 'water, code', 'the senate', 'approved.', 'Қазақ', 'a link', 'news', '—', '2025'];

const text = fc.array(fc.constantFrom(...WORDS), { minLength: 0, maxLength: 30 }).map((words) => words.join(' '));

const markup = markupTree({
  leaf: text,
  tags: TAGS,
  attributes: fc
    .tuple(
      fc.constantFrom(...CLASSES),
      fc.constantFrom('', ' role="navigation"', ' hidden', ' href="#top"', ' id="story"', ' id="sidebar"'),
    )
    .map(([className, extra]) => ` class="${className}"${extra}`),
  maxChildren: 5,
});

const page = fc
  .array(markup, { minLength: 1, maxLength: 6 })
  .map((parts) => `<html><head><title>Water code</title></head><body>${parts.join('')}</body></html>`);

/** One scoring pass on a page as parsed: prepared, then scored (what body.ts does for the first pass). */
function findArticleContent(document: Document, options: ContentOptions, flags: ScoreFlags, effects?: RuleEffects) {
  prepareForScoring(document);
  return scorePreparedPage(document, options, flags, effects);
}

/** The tree below a node, written out: tags, attributes and text in order. */
function describeTree(node: AnyNode): string {
  if (isText(node)) return JSON.stringify(node.data);
  if (!isTag(node)) return '';
  return `<${node.name} ${JSON.stringify(node.attribs)}>${node.children.map(describeTree).join('')}</${node.name}>`;
}

function runPass(html: string, flags: ScoreFlags): { container: string; effects: RuleEffects } {
  const effects = { stripUnlikely: false, weighClasses: false, cleanConditionally: false };
  const container = findArticleContent(parseDocument(html), { title: 'Water code' }, flags, effects);
  return { container: container ? describeTree(container) : '', effects };
}

/**
 * Whether two trees are the same node for node: prototypes, own properties in order, their values (attribute
 * objects by content; `parent`, `prev` and `next` by the node they point to in their own tree).
 */
function expectSameNodes(actual: AnyNode, expected: AnyNode): void {
  const counterpart = new Map<unknown, unknown>([[null, null]]);
  const pair = (a: AnyNode, b: AnyNode): void => {
    counterpart.set(a, b);
    if ('children' in a && 'children' in b)
      a.children.forEach((child, index) => pair(child, b.children[index] as AnyNode));
  };
  pair(actual, expected);
  const compare = (a: AnyNode, b: AnyNode): void => {
    expect(Object.getPrototypeOf(a)).toBe(Object.getPrototypeOf(b));
    expect(Object.keys(a)).toEqual(Object.keys(b));
    for (const [key, value] of Object.entries(a)) {
      const other: unknown = (b as unknown as Record<string, unknown>)[key];
      if (key === 'parent' && a === actual) expect([value, other]).toEqual([null, null]);
      else if (key === 'parent' || key === 'prev' || key === 'next') expect(counterpart.get(value)).toBe(other);
      else if (key === 'attribs') expect(Object.entries(value as object)).toEqual(Object.entries(other as object));
      else if (key !== 'children') expect(value).toBe(other);
    }
    if ('children' in a && 'children' in b) {
      expect(a.children.length).toBe(b.children.length);
      a.children.forEach((child, index) => compare(child, b.children[index] as AnyNode));
    }
  };
  compare(actual, expected);
}

describe('content scoring passes', () => {
  it('a pass without rules that changed nothing finds the same container', () => {
    fc.assert(
      fc.property(page, (html) => {
        const runs = SCORE_PASSES.map((flags) => ({ flags, ...runPass(html, flags) }));
        for (const [index, run] of runs.entries()) {
          const next = runs[index + 1];
          if (!next) continue;
          const dropped = (['stripUnlikely', 'weighClasses', 'cleanConditionally'] as const).filter(
            (rule) => run.flags[rule] && !next.flags[rule],
          );
          if (dropped.some((rule) => run.effects[rule])) continue;
          expect(next.container).toBe(run.container);
          for (const rule of ['stripUnlikely', 'weighClasses', 'cleanConditionally'] as const)
            if (next.flags[rule]) expect(next.effects[rule]).toBe(run.effects[rule]);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('a copy of a parsed page scores as a fresh parse does (retries after the first take copies)', () => {
    fc.assert(
      fc.property(page, fc.constantFrom(...SCORE_PASSES), (html, flags) => {
        const copy = parseDocument(html).cloneNode(true);
        const fromCopy = findArticleContent(copy, { title: 'Water code' }, flags);
        expect(fromCopy ? describeTree(fromCopy) : '').toBe(runPass(html, flags).container);
      }),
      { numRuns: 300 },
    );
  });

  it('a copy of a prepared page scores as the page prepared afresh does (retries copy the prepared page)', () => {
    fc.assert(
      fc.property(page, fc.constantFrom(...SCORE_PASSES), (html, flags) => {
        const prepared = parseDocument(html);
        prepareForScoring(prepared);
        const fromCopy = scorePreparedPage(prepared.cloneNode(true), { title: 'Water code' }, flags);
        expect(fromCopy ? describeTree(fromCopy) : '').toBe(runPass(html, flags).container);
      }),
      { numRuns: 300 },
    );
  });

  it('a pass on the copy a retry takes (body onwards) finds what it finds on the whole page, effects too', () => {
    // Pages with the head before or after the body, content after `</html>`, or no skeleton at all.
    const shaped = fc
      .tuple(fc.array(markup, { minLength: 1, maxLength: 5 }), fc.integer({ min: 0, max: 3 }), markup)
      .map(([parts, shape, extra]) => {
        const body = parts.join('');
        const head = `<head><title>Water code</title>${shape === 1 ? extra : ''}</head>`;
        if (shape === 0) return `<html>${head}<body>${body}</body></html>`;
        if (shape === 1) return `<html><body>${body}</body>${head}</html>`;
        if (shape === 2) return `<html>${head}<body>${body}</body></html>${extra}`;
        return body;
      });
    fc.assert(
      fc.property(shaped, fc.constantFrom(...SCORE_PASSES), (html, flags) => {
        const prepared = parseDocument(html);
        prepareForScoring(prepared);
        const effects = { stripUnlikely: false, weighClasses: false, cleanConditionally: false };
        const fromCopy = scorePreparedPage(copyForScoring(prepared), { title: 'Water code' }, flags, effects);
        const whole = runPass(html, flags);
        expect(fromCopy ? describeTree(fromCopy) : '').toBe(whole.container);
        expect(effects).toEqual(whole.effects);
      }),
      { numRuns: 500 },
    );
  });

  // Session 22 builds a retry's copy with the page handler, each element copy sharing its original's attribute
  // object (content-score.ts `copyForScoring`): node for node what the `cloneNode` copy was — prototype, own
  // properties in order and their values, links — on pages with comments, processing instructions, CDATA,
  // adjacent text nodes (a removed script between two), a head after the body and content after `</html>`.
  it('copies a prepared page as the cloneNode copy did, sharing the attribute objects', () => {
    const extra = fc.constantFrom('<!-- note -->', '<?php echo 1; ?>', '<![CDATA[x]]>', 'a<script>1</script>b', 'tail');
    const shaped = fc
      .tuple(fc.array(fc.oneof(markup, extra), { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 3 }), extra)
      .map(([parts, shape, after]) => {
        const body = parts.join('');
        const head = `<head><title>Water code</title></head>`;
        if (shape === 0) return `<html lang="kk">${head}<body class="x">${body}</body></html>`;
        if (shape === 1) return `<html><body>${body}</body>${head}</html>`;
        if (shape === 2) return `<html>${head}<body>${body}</body></html>${after}`;
        return body;
      });
    fc.assert(
      fc.property(shaped, (html) => {
        const prepared = parseDocument(html);
        prepareForScoring(prepared);
        const copy = copyForScoring(prepared);
        expectSameNodes(copy, copyForScoringBefore(prepared));
        const originals = findElements(prepared, () => true);
        for (const element of findElements(copy, () => true))
          expect(originals.some((original) => original.attribs === element.attribs)).toBe(true);
      }),
      { numRuns: 800 },
    );
  });

  it('no step of finding the body writes to an attribute (copies share them): on pages with every attribute frozen', async () => {
    const frozen = (html: string): Document => {
      const document = parseDocument(html);
      for (const element of findElements(document, () => true)) Object.freeze(element.attribs);
      return document;
    };
    const pages = [...fc.sample(page, 100), ...(hasCorpus() ? loadCorpus() : []).map((corpus) => corpus.sourceHtml)];
    const selectors = { content: 'article, .content, div', remove: ['.share', 'aside'] };
    for (const html of pages) {
      // Strict mode: a write to a frozen object throws.
      await extractBody(frozen(html), { title: 'Water code', reparse: () => frozen(html) });
      await extractBody(frozen(html), { title: 'Water code', selectors });
    }
  });

  const story =
    '<p>The senate approved the water code, with amendments, after a long debate on quotas.</p><p>' +
    'Farmers in the south will pay for metered water from next year, the ministry said.</p>';

  it('records the rules that changed something', () => {
    const html = `<html><body><div class="sidebar"><a href="/">Home</a></div><div class="article">${story}</div></body></html>`;
    // The retry without the unlikely rule keeps the weights and runs anyway: they are not worked out.
    expect(runPass(html, SCORE_PASSES[0] as ScoreFlags).effects).toEqual({
      stripUnlikely: true,
      weighClasses: true,
      cleanConditionally: false,
    });
    // The article's class weighs +25, but its paragraphs make it the container with or without that.
    expect(runPass(html, SCORE_PASSES[1] as ScoreFlags).effects).toEqual({
      stripUnlikely: false,
      weighClasses: false,
      cleanConditionally: false,
    });
  });

  it('records class weights that decided something', () => {
    const heading = `<html><body><div class="article"><h2 class="widget">Most read</h2>${story}</div></body></html>`;
    expect(runPass(heading, SCORE_PASSES[1] as ScoreFlags).effects.weighClasses).toBe(true);
    const container = `<html><body><div class="comment">${story}</div><div class="story">${story}</div></body></html>`;
    expect(runPass(container, SCORE_PASSES[1] as ScoreFlags).effects.weighClasses).toBe(true);
  });
});

describe('ranking candidates', () => {
  it('ranks the best few as a stable sort of all candidates by score, cut, does (the code it replaced)', () => {
    const score = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ min: -100, max: 100, noNaN: true }));
    fc.assert(
      fc.property(fc.array(score, { maxLength: 40 }), fc.integer({ min: 1, max: 7 }), (values, count) => {
        const scores = new Map(values.map((value) => [new Element('div', {}), value] as const));
        const sorted = [...scores.keys()].sort((a, b) => (scores.get(b) ?? 0) - (scores.get(a) ?? 0)).slice(0, count);
        expect(rankTop(scores, count)).toEqual(sorted);
        expect(rankTop(scores, count).every((element, index) => element === sorted[index])).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
