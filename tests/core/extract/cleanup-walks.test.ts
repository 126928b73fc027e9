/**
 * @module tests/core/extract/cleanup-walks
 * Session 21's walks shared by the steps of scoring's preparation and clean-up: `prepareDocument`
 * (content-prepare.ts) finds the scripts, `<br>`s and `<font>`s in one walk instead of three scans, and
 * `cleanArticle` (content-cleanup.ts) reads the container's elements once and filters that list at each step
 * instead of scanning the container nine times. Compared on generated pages rich in what those steps act on
 * (scripts inside `<noscript>`, `<br>` chains beside `<font>`, forms in tables, embeds, controls, headings)
 * and on the fixture site's pages with the code before (tests/helpers/content-prepare-before.ts and
 * content-cleanup-before.ts, verbatim): the same tree, and the clean-up notes the same rule effects.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { cleanArticle } from '../../../src/core/extract/content-cleanup.ts';
import { prepareDocument } from '../../../src/core/extract/content-prepare.ts';
import { SCORE_PASSES, type ScoreFlags } from '../../../src/core/extract/content-score.ts';
import { noRuleEffects } from '../../../src/core/extract/content-text.ts';
import { readBody } from '../../../src/core/html-dom.ts';
import { parseDocument } from '../../../src/core/parse-html.ts';
import { cleanArticleBefore } from '../../helpers/content-cleanup-before.ts';
import { prepareDocumentBefore } from '../../helpers/content-prepare-before.ts';
import { describeTree } from '../../helpers/describe-tree.ts';
import { markupTree } from '../../helpers/markup-tree.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.resolve(here, '../../fixtures/site/public');

const TAGS = [
  ...['div', 'p', 'span', 'a', 'font', 'b', 'noscript', 'script', 'style', 'section', 'ul', 'ol', 'li'],
  ...['form', 'fieldset', 'table', 'caption', 'thead', 'tr', 'td', 'th', 'object', 'embed', 'iframe', 'footer'],
  ...['aside', 'input', 'button', 'select', 'textarea', 'h1', 'h2', 'h3', 'img', 'figure', 'code'],
];
const ATTRIBUTES = [
  ...['', ' class="share"', ' class="sidebar"', ' class="article"', ' id="comments"', ' class="related x"'],
  ...[' src="https://www.youtube.com/embed/x"', ' role="presentation"', ' summary="s"', ' colspan="3"'],
];
const WORDS = ['steppe', 'water, code', 'the senate', 'approved.', 'Қазақ', 'a, b, c, d, e, f, g, h, i, j, k'];
const LEAVES = ['<br>', '<br><br>', ' <br> <br> ', '<hr>', 'Advertisement', 'Loading…', '\n  '];

const text = fc
  .array(fc.oneof(fc.constantFrom(...WORDS), fc.constantFrom(...LEAVES)), { maxLength: 12 })
  .map((parts) => parts.join(' '));
const markup = markupTree({ leaf: text, tags: TAGS, attributes: fc.constantFrom(...ATTRIBUTES), maxChildren: 5 });
const generated = fc
  .array(markup, { minLength: 1, maxLength: 6 })
  .map((parts) => `<html><head><title>Water code</title></head><body>${parts.join('')}</body></html>`);

function prepared(html: string, prepare: (root: Element) => void): unknown {
  const document = parseDocument(html);
  prepare(readBody(document) as Element);
  return describeTree(document);
}

/** The body prepared (as before), then cleaned as the article container, with one pass's rules. */
function cleaned(html: string, flags: ScoreFlags, clean: typeof cleanArticle) {
  const document = parseDocument(html);
  const body = readBody(document) as Element;
  prepareDocumentBefore(body);
  const effects = noRuleEffects();
  clean(body, { ...flags, effects });
  return { tree: describeTree(document), effects };
}

function readFixtures(): string[] {
  const files = readdirSync(FIXTURES, { recursive: true, encoding: 'utf8' }).filter(
    (file) => file.endsWith('.html') && !file.startsWith('_templates'),
  );
  expect(files.length).toBeGreaterThan(30);
  return files.map((file) => readFileSync(path.join(FIXTURES, file), 'utf8'));
}

describe('the walks shared by preparation and clean-up', () => {
  it('prepare generated pages as the three scans did', () => {
    fc.assert(
      fc.property(generated, (html) => {
        expect(prepared(html, prepareDocument)).toEqual(prepared(html, prepareDocumentBefore));
      }),
      { numRuns: 1500 },
    );
  });

  it('clean generated pages as the nine scans did', () => {
    fc.assert(
      fc.property(generated, fc.constantFrom(...SCORE_PASSES), (html, flags) => {
        expect(cleaned(html, flags, cleanArticle)).toEqual(cleaned(html, flags, cleanArticleBefore));
      }),
      { numRuns: 1500 },
    );
  });

  it("prepare and clean the fixture site's pages as before", () => {
    for (const html of readFixtures()) {
      expect(prepared(html, prepareDocument)).toEqual(prepared(html, prepareDocumentBefore));
      for (const flags of SCORE_PASSES)
        expect(cleaned(html, flags, cleanArticle)).toEqual(cleaned(html, flags, cleanArticleBefore));
    }
  });
});
