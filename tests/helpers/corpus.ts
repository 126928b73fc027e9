/**
 * @module tests/helpers/corpus
 * Scoring the extract stage against the shared corpus (30 pages from Mozilla Readability's test suite;
 * see ../shared/corpus/README.md). Used by tests/corpus.test.ts and scripts/score-corpus.ts.
 *
 * - text: token F1 over a bag of words (NFKC, lower-cased, `Intl.Segmenter` word segments that are
 *   word-like) of our `text` against the plain text of `expected.html`;
 * - title: exact match after collapsing white space;
 * - date: same calendar day (UTC) as `publishedTime`, on pages that give one.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import type { ExtractedArticle } from '../../src/core/types.ts';

/** The page URL Readability's own test suite uses for these pages. */
export const CORPUS_PAGE_URL = 'http://fakehost/test/page.html';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Where the corpus lives: next to the repository, never inside it (a fresh clone has none).
 * `LEDE_CORPUS_DIR` points elsewhere (relative to the repository root).
 */
export const corpusDir = path.resolve(repoRoot, process.env['LEDE_CORPUS_DIR'] ?? '../shared/corpus');

export interface ExpectedMetadata {
  readonly title?: string | null;
  readonly byline?: string | null;
  readonly lang?: string | null;
  readonly publishedTime?: string | null;
}

export interface CorpusPage {
  readonly name: string;
  readonly sourceHtml: string;
  readonly expectedHtml: string;
  readonly expected: ExpectedMetadata;
}

export interface PageScore {
  readonly name: string;
  readonly f1: number;
  readonly precision: number;
  readonly recall: number;
  readonly titleOk: boolean;
  /** undefined when the page gives no publishedTime. */
  readonly dateOk?: boolean | undefined;
  readonly title?: string;
  readonly expectedTitle?: string;
}

export interface CorpusSummary {
  readonly pages: number;
  readonly meanF1: number;
  /** Share of pages with F1 ≥ 0.9. */
  readonly shareF1AtLeast90: number;
  readonly titleAccuracy: number;
  readonly datePages: number;
  readonly dateAccuracy: number;
}

export function hasCorpus(dir: string = corpusDir): boolean {
  return existsSync(dir);
}

/** Every page folder of the corpus, sorted by name. */
export function loadCorpus(dir: string = corpusDir): CorpusPage[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const read = (file: string): string => readFileSync(path.join(dir, name, file), 'utf8');
      return {
        name,
        sourceHtml: read('source.html'),
        expectedHtml: read('expected.html'),
        expected: JSON.parse(read('expected-metadata.json')) as ExpectedMetadata,
      };
    });
}

const INLINE_TAGS = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'cite',
  'code',
  'data',
  'del',
  'dfn',
  'em',
  'font',
  'i',
  'ins',
  'kbd',
  'mark',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'time',
  'u',
  'var',
]);

interface PlainNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<PlainNode>;
}

function collectText(node: PlainNode, out: string[]): void {
  if (node.nodeType === 3) {
    out.push(node.textContent ?? '');
    return;
  }
  const tag = node.nodeName.toLowerCase();
  if (tag === 'script' || tag === 'style') return;
  const isBlock = node.nodeType === 1 && !INLINE_TAGS.has(tag);
  if (isBlock) out.push(' ');
  for (const child of Array.from(node.childNodes)) collectText(child, out);
  if (isBlock) out.push(' ');
}

/**
 * Plain text of an HTML fragment, written independently of the extractor under test: text nodes in
 * order, with a space at every non-inline element boundary so adjacent blocks do not glue words.
 */
export function toReferenceText(html: string): string {
  // linkedom types its result with the `dom` lib's Window, which this project does not load.
  const { document } = parseHTML(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`) as unknown as {
    document: { body: PlainNode };
  };
  const out: string[] = [];
  collectText(document.body, out);
  return out.join('');
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

/** Word tokens: NFKC, lower-cased, word-like `Intl.Segmenter` segments. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const segment of segmenter.segment(text.normalize('NFKC').toLowerCase())) {
    if (segment.isWordLike) tokens.push(segment.segment);
  }
  return tokens;
}

function countTokens(tokens: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
  return counts;
}

/** Bag-of-words precision, recall and F1 of `actual` against `expected`. */
export function scoreTokens(actual: string, expected: string): { precision: number; recall: number; f1: number } {
  const ours = tokenize(actual);
  const theirs = tokenize(expected);
  if (ours.length === 0 || theirs.length === 0) {
    const same = ours.length === theirs.length;
    return { precision: same ? 1 : 0, recall: same ? 1 : 0, f1: same ? 1 : 0 };
  }
  const expectedCounts = countTokens(theirs);
  let common = 0;
  for (const [token, count] of countTokens(ours)) common += Math.min(count, expectedCounts.get(token) ?? 0);
  const precision = common / ours.length;
  const recall = common / theirs.length;
  const f1 = common === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

function collapse(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/** Calendar day (UTC) of a date string; a time without offset is read as UTC. */
function toUtcDay(value: string): string | undefined {
  const isoLike = value
    .trim()
    .replace(' ', 'T')
    .replace(/(\.\d{3})\d+/, '$1');
  const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/.test(isoLike) || !isoLike.includes('T');
  const time = Date.parse(hasOffset ? isoLike : `${isoLike}Z`);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString().slice(0, 10);
}

/** Score one page's extraction. */
export function scorePage(page: CorpusPage, article: ExtractedArticle): PageScore {
  const { precision, recall, f1 } = scoreTokens(article.text, toReferenceText(page.expectedHtml));
  const expectedTitle = collapse(page.expected.title);
  const title = collapse(article.title);
  const publishedTime = page.expected.publishedTime;
  const dateOk = publishedTime
    ? article.published !== undefined && toUtcDay(article.published) === toUtcDay(publishedTime)
    : undefined;
  return { name: page.name, f1, precision, recall, titleOk: title === expectedTitle, dateOk, title, expectedTitle };
}

/** Corpus-wide numbers, as the README reports them. */
export function summarize(scores: readonly PageScore[]): CorpusSummary {
  const pages = scores.length;
  const share = (count: number, of: number): number => (of === 0 ? 0 : count / of);
  const dated = scores.filter((score) => score.dateOk !== undefined);
  return {
    pages,
    meanF1: share(
      scores.reduce((sum, score) => sum + score.f1, 0),
      pages,
    ),
    shareF1AtLeast90: share(scores.filter((score) => score.f1 >= 0.9).length, pages),
    titleAccuracy: share(scores.filter((score) => score.titleOk).length, pages),
    datePages: dated.length,
    dateAccuracy: share(dated.filter((score) => score.dateOk).length, dated.length),
  };
}
