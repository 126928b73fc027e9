/**
 * @module tests/core/parse-html
 * `parseDocument` builds the tree the stock htmlparser2 tokenizer built, node for node, now that it skips to
 * the next character it waits for with `indexOf` (html-tokenizer.ts): on generated pages made of the pieces
 * where the tokenizer skips — text and quoted attribute values with entities, bare `&` and stray quotes,
 * script and style bodies with near-miss end tags, comments with `--->` and `-- >`, CDATA,
 * declarations, processing instructions, unterminated ones at the end of input — and on the real pages of
 * ../shared/corpus when present. The reference is `parseDocument` with htmlparser2's stock tokenizer.
 */
import fc from 'fast-check';
import { Tokenizer } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { pageTokenizer, SkippingTokenizer } from '../../src/core/html-tokenizer.ts';
import { parseDocument } from '../../src/core/parse-html.ts';
import { hasCorpus, loadCorpus } from '../helpers/corpus.ts';
import { describeTree } from '../helpers/describe-tree.ts';

/** The reference: the same parse with htmlparser2's stock tokenizer. */
function parseStock(html: string) {
  return parseDocument(html, Tokenizer);
}

const PIECES = [
  'text',
  ' & ',
  '&amp;',
  '&#x41;',
  '<',
  '>',
  '<p class="a">',
  '</p>',
  "<div id=x data-v='1 > 2'>",
  '</div>',
  '<a href="#top" title="a &amp; b">',
  "<a title='x &amp; y' data-q='\"'>",
  '<img alt="AT&T &notin; &nbsp" src=x&amp;y>',
  '<p data-a="',
  "<p data-b='",
  '"',
  "'",
  '&',
  'AT&T',
  '&nbsp',
  '&notin',
  '&#',
  '</a>',
  '<br/>',
  '<script>',
  '<script type="application/ld+json">',
  '</script>',
  '</scr',
  '</script',
  '</SCRIPT >',
  '<</script>',
  '<style>',
  '</style>',
  '<title>',
  '</title>',
  '<textarea>',
  '</textarea>',
  '<!--',
  '-->',
  '--->',
  '-- >',
  '-',
  '<![CDATA[',
  ']]>',
  ']]]>',
  ']',
  '<!DOCTYPE html>',
  '<!doctype',
  '<?xml version="1.0"?>',
  '<?php',
  '<svg><![CDATA[x]]></svg>',
  'if (a < b && c > d) {}',
  '\u00a0',
  '\n\t',
];

const page = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((pieces) => pieces.join(''));

describe('parseDocument', () => {
  it('uses the skips with the htmlparser2 installed (else the stock tokenizer, and nothing here is tested)', () => {
    expect(pageTokenizer()).toBe(SkippingTokenizer);
  });

  it('builds the tree the stock tokenizer built, node for node', () => {
    fc.assert(
      fc.property(page, (html) => {
        expect(describeTree(parseDocument(html))).toEqual(describeTree(parseStock(html)));
      }),
      { numRuns: 2000 },
    );
  });

  it.skipIf(!hasCorpus())('builds the same trees of the real pages', () => {
    for (const { sourceHtml: html } of loadCorpus())
      expect(describeTree(parseDocument(html))).toEqual(describeTree(parseStock(html)));
  });
});
