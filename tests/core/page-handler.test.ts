/**
 * @module tests/core/page-handler
 * `PageHandler` builds the nodes domhandler's stock `DomHandler` builds, indistinguishably: for every node of
 * the two trees of a page, the same prototype, the same own properties in the same order, the same values
 * (attributes compared as objects, links between nodes by position) — on generated pages (elements, `<script>`
 * and `<style>`, text split by entities, comments, CDATA, processing instructions, doctypes, stray end tags)
 * and on the real pages of ../shared/corpus when present, with both tokenizers.
 */
import { DomHandler, type AnyNode } from 'domhandler';
import fc from 'fast-check';
import { Parser, Tokenizer } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { pageTokenizer } from '../../src/core/html-tokenizer.ts';
import { PageHandler, pageHandler } from '../../src/core/page-handler.ts';
import { hasCorpus, loadCorpus } from '../helpers/corpus.ts';

function buildTree(html: string, handler: DomHandler, tokenizer: typeof Tokenizer): AnyNode {
  new Parser(handler, { Tokenizer: tokenizer }).end(html);
  return handler.root;
}

/** Every node in document order, so links between nodes can be compared by position. */
function listNodes(root: AnyNode): AnyNode[] {
  const nodes: AnyNode[] = [root];
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as AnyNode;
    if ('children' in node) nodes.push(...node.children);
  }
  return nodes;
}

/** A node as plain data: prototype, own properties in order, nodes replaced by their position. */
function describeNodes(root: AnyNode): unknown[] {
  const nodes = listNodes(root);
  const position = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(position);
    return typeof value === 'object' && value !== null && nodes.includes(value as AnyNode)
      ? `#${String(nodes.indexOf(value as AnyNode))}`
      : value;
  };
  return nodes.map((node) => ({
    prototype: Object.getPrototypeOf(node) as unknown,
    keys: Object.keys(node),
    values: Object.entries(node).map(([key, value]) => [key, position(value)]),
  }));
}

function expectSameNodes(html: string, tokenizer: typeof Tokenizer): void {
  const made = describeNodes(buildTree(html, new PageHandler(), tokenizer));
  expect(made).toEqual(describeNodes(buildTree(html, new DomHandler(), tokenizer)));
}

const PIECES = [
  'text',
  ' ',
  '\n',
  '&amp;',
  '&nbsp',
  'AT&T',
  '<p class="a" id=b>',
  '</p>',
  '<div data-x=\'1\' data-x="2">',
  '</div>',
  '<br/>',
  '<img src=x alt>',
  '<script>',
  'a < b',
  '</script>',
  '<style>',
  '</style>',
  '<title>',
  '</title>',
  '<svg><path d="M0"/></svg>',
  '<!-- note -->',
  '<!--',
  '<![CDATA[x]]>',
  '<?xml version="1.0"?>',
  '<!DOCTYPE html>',
  '</span>',
  '<SPAN CLASS=Up>',
  '<li>',
  '<table><tr><td>',
];

const page = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((pieces) => pieces.join(''));

describe('PageHandler', () => {
  it('is the handler pages are built with (this domhandler fits it)', () => {
    expect(pageHandler()).toBe(PageHandler);
  });

  it('builds the nodes the stock DomHandler builds, property for property', () => {
    fc.assert(
      fc.property(page, fc.boolean(), (html, skipping) => {
        expectSameNodes(html, skipping ? pageTokenizer() : Tokenizer);
      }),
      { numRuns: 2000 },
    );
  });

  it.skipIf(!hasCorpus())('builds the same nodes of the real pages', () => {
    for (const { sourceHtml: html } of loadCorpus()) expectSameNodes(html, pageTokenizer());
  });
});
